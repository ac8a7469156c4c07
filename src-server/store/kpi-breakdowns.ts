import type { BreakdownBy, BreakdownRow, KpiArea } from '../../src-shared/kpi/board';
import type { Period } from '../../src-shared/kpi/formulas';
import type { Scope } from './case-store';
import type { Queryable } from './db';
import { areaCondition, bind, byteOrder, canonicalPeriod, count, deptOf, kpiScopeCondition, n, within } from './kpi-sql';

/** Whitelisted columns: the only identifiers that reach the SQL text. */
const COLUMN: Record<BreakdownBy, string> = { category: 'category_code', channel: 'channel' };

/** board.ts `breakdown` in SQL: reports (and valid ones) and closures per category or channel. */
export async function queryBreakdown(db: Queryable, options: { period: Period; by: BreakdownBy; scope: Scope; area?: KpiArea }): Promise<BreakdownRow[]> {
  const period = canonicalPeriod(options.period);
  const column = COLUMN[options.by];
  const reported = within('reported_at');
  const text = `SELECT ${column} AS k,
    ${count(reported)} AS reports,
    ${count(`${reported} AND stage NOT IN ('reported', 'rejected', 'duplicate')`)} AS valid,
    ${count(within('closed_at'))} AS closed
    FROM cases WHERE ${kpiScopeCondition(options.scope)} AND ${areaCondition(options.area)} AND (${reported} OR ${within('closed_at')})
    GROUP BY ${column} ORDER BY ${byteOrder(db.dialect, column)}`;
  const { sql, params } = bind(text, { ...period, dept: deptOf(options.scope) });
  const rows = await db.all<Record<string, unknown>>(sql, params);
  return rows.map((r) => ({ key: String(r['k']), reports: n(r['reports']), valid: n(r['valid']), closed: n(r['closed']) }));
}
