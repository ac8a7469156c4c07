import type { KpiArea, TrendBucket, TrendPoint } from '../../src-shared/kpi/board';
import type { Period } from '../../src-shared/kpi/formulas';
import type { Scope } from './case-store';
import type { Queryable } from './db';
import { areaCondition, beijingBucket, bind, canonicalPeriod, deptOf, kpiScopeCondition, n, within } from './kpi-sql';

/**
 * The board's trend, counted by the database: board.ts `trend` per Beijing-time bucket. Each
 * case leaves a mark in the bucket of each instant that counts (reported, closed, due); a case
 * due in two buckets (deadline in one, closure in another) counts in both, as the pure
 * definition over each bucket's period does, but only once per bucket (the UNION).
 */
export async function queryTrend(db: Queryable, options: { period: Period; bucket: TrendBucket; scope: Scope; area?: KpiArea }): Promise<TrendPoint[]> {
  const period = canonicalPeriod(options.period);
  const b = (column: string) => beijingBucket(db.dialect, column, options.bucket);
  const scope = `${kpiScopeCondition(options.scope)} AND ${areaCondition(options.area)}`;
  const onTime = `CASE WHEN closed_at <= @asOf AND late_handle = 0 THEN 1 ELSE 0 END`;
  const late = `CASE WHEN late_handle = 1 THEN 1 ELSE 0 END`;
  const dueIn = (column: string) =>
    `SELECT id, ${b(column)} AS b, ${onTime} AS on_time, ${late} AS overdue FROM cases WHERE ${within(column)} AND stage <> 'suspended' AND ${scope}`;
  const text = `SELECT b, SUM(reported) AS reported, SUM(closed) AS closed, SUM(due) AS due, SUM(on_time) AS on_time, SUM(overdue) AS overdue FROM (
    SELECT ${b('reported_at')} AS b, 1 AS reported, 0 AS closed, 0 AS due, 0 AS on_time, 0 AS overdue FROM cases WHERE ${within('reported_at')} AND ${scope}
    UNION ALL
    SELECT ${b('closed_at')} AS b, 0, 1, 0, 0, 0 FROM cases WHERE ${within('closed_at')} AND ${scope}
    UNION ALL
    SELECT b, 0, 0, 1, on_time, overdue FROM (${dueIn('handle_deadline')} UNION ${dueIn('closed_at')}) due_marks
  ) marks GROUP BY b ORDER BY b`;
  const { sql, params } = bind(text, { ...period, dept: deptOf(options.scope) });
  const rows = await db.all<Record<string, unknown>>(sql, params);
  return rows.map((r) => ({
    key: String(r['b']),
    reported: n(r['reported']),
    closed: n(r['closed']),
    due: n(r['due']),
    onTime: n(r['on_time']),
    overdue: n(r['overdue']),
  }));
}
