import { byText, type BreakdownBy, type BreakdownRow, type KpiArea } from '../../src-shared/kpi/board';
import type { Period } from '../../src-shared/kpi/formulas';
import type { Scope } from './case-store';
import type { Queryable } from './db';
import { dailyRollupFits, dailySplit, dailyTables, dayInDailyPart, inRest, splitValues } from './kpi-daily';
import { allBound, areaCondition, byteOrder, canonicalPeriod, count, deptOf, kpiScopeCondition, n, within } from './kpi-sql';

/** Whitelisted columns: the only identifiers that reach the SQL text. */
const COLUMN: Record<BreakdownBy, string> = { category: 'category_code', channel: 'channel' };

/**
 * board.ts `breakdown` in SQL: reports (and valid ones) and closures per category or channel.
 * A leader's or a department's district, street or community takes its whole days from the daily rollup
 * (kpi-daily.ts) and the rest of the period from `cases`.
 */
export async function queryBreakdown(db: Queryable, options: { period: Period; by: BreakdownBy; scope: Scope; area?: KpiArea }): Promise<BreakdownRow[]> {
  const period = canonicalPeriod(options.period);
  // The category table is by street: a community's categories are few enough for `cases`.
  const fits = dailyRollupFits(options.scope, options.area) && !(options.by === 'category' && options.area?.communityCode !== undefined);
  const split = fits ? dailySplit(period) : undefined;
  const inPart = split ? inRest : within;
  const column = COLUMN[options.by];
  const scope = `${kpiScopeCondition(options.scope)} AND ${areaCondition(options.area)}`;
  const reported = inPart('reported_at');
  const text = `SELECT ${column} AS k,
    ${count(reported)} AS reports,
    ${count(`${reported} AND stage NOT IN ('reported', 'rejected', 'duplicate')`)} AS valid,
    ${count(inPart('closed_at'))} AS closed
    FROM cases WHERE ${scope} AND (${reported} OR ${inPart('closed_at')})
    GROUP BY ${column} ORDER BY ${byteOrder(db.dialect, column)}`;
  const values = { ...period, dept: deptOf(options.scope), ...(split ? splitValues(split) : {}) };
  const rows = await allBound<Record<string, unknown>>(db, text, values);
  if (split) {
    // The category breakdown has a table of its own; the channel's counts are in the daily counters.
    const table = options.by === 'category' ? 'kpi_category_daily' : dailyTables(options.area).daily;
    rows.push(
      ...(await allBound<Record<string, unknown>>(
        db,
        `SELECT ${column} AS k, SUM(reported) AS reports, SUM(reported_valid) AS valid, SUM(closed) AS closed FROM ${table}
         WHERE ${dayInDailyPart('day')} AND ${scope} GROUP BY ${column}`,
        values,
      )),
    );
  }
  const byKey = new Map<string, BreakdownRow>();
  for (const r of rows) {
    const key = String(r['k']);
    const into = byKey.get(key) ?? { key, reports: 0, valid: 0, closed: 0 };
    into.reports += n(r['reports']);
    into.valid += n(r['valid']);
    into.closed += n(r['closed']);
    byKey.set(key, into);
  }
  return [...byKey.values()].filter((r) => r.reports || r.closed).sort((a, b) => byText(a.key, b.key));
}
