import { bucketKey, bucketRange, type KpiArea, type TrendBucket, type TrendPoint } from '../../src-shared/kpi/board';
import type { Period } from '../../src-shared/kpi/formulas';
import type { Scope } from './case-store';
import type { Queryable } from './db';
import { dailyRollupFits, dailySplit, dailyTables, dayInDailyPart, inRest, notExactDay, onExactDay, splitValues, type DailySplit } from './kpi-daily';
import { allBound, areaCondition, beijingBucketKey, bucketLabel, canonicalPeriod, deptOf, keepApart, kpiScopeCondition, n, sqliteBeijingBucket, within } from './kpi-sql';

/**
 * The board's trend, counted by the database: board.ts `trend` per Beijing-time bucket. Each
 * case leaves a mark in the bucket of each instant that counts (reported, closed, due); a case
 * due in two buckets (deadline in one, closure in another) counts in both, as the pure
 * definition over each bucket's period does, but only once per bucket. Days and weeks of a
 * leader's or a department's district, street or community come mostly from the daily rollup
 * (kpi-daily.ts); hours (a week at most, see board.ts `bucketAllowed`) always from `cases`.
 */
export async function queryTrend(db: Queryable, options: { period: Period; bucket: TrendBucket; scope: Scope; area?: KpiArea }): Promise<TrendPoint[]> {
  const period = canonicalPeriod(options.period);
  const split = options.bucket !== 'hour' && dailyRollupFits(options.scope, options.area) ? dailySplit(period) : undefined;
  const scope = `${kpiScopeCondition(options.scope)} AND ${areaCondition(options.area)}`;
  const text = db.dialect === 'postgres' ? oneScan(options.bucket, scope, split) : marksUnion(options.bucket, scope, split);
  const values = { ...period, dept: deptOf(options.scope), ...(split ? splitValues(split) : {}) };
  const rows = await allBound<Record<string, unknown>>(db, text, values);
  const points = rows.map((r) => ({
    key: String(r['b']),
    reported: n(r['reported']),
    closed: n(r['closed']),
    due: n(r['due']),
    onTime: n(r['on_time']),
    overdue: n(r['overdue']),
  }));
  return split ? addPoints([...points, ...(await dailyTrend(db, options.bucket, scope, dailyTables(options.area), split, values))]) : points;
}

const ON_TIME = `CASE WHEN closed_at <= @asOf AND late_handle = 0 THEN 1 ELSE 0 END`;
const LATE = `CASE WHEN late_handle = 1 THEN 1 ELSE 0 END`;

/**
 * What the `cases` part counts: reports and closures in the period (with a split, outside the
 * rollup's days), and the due marks of every case that may be due (with a split, only those
 * with their deadline or closure on an exact day: the rollup counts the others whole).
 */
function casesPart(split: DailySplit | undefined): { inPart: (column: string) => string; mayBeDue: string } {
  if (!split) return { inPart: within, mayBeDue: `stage <> 'suspended'` };
  return { inPart: inRest, mayBeDue: `stage <> 'suspended' AND (${onExactDay(split, 'handle_deadline')} OR ${onExactDay(split, 'closed_at')})` };
}

/** SQLite (a district's embedded store): one pass per kind of mark, the due marks made unique per case and bucket by UNION. */
function marksUnion(bucket: TrendBucket, scope: string, split: DailySplit | undefined): string {
  const { inPart, mayBeDue } = casesPart(split);
  const b = (column: string) => sqliteBeijingBucket(column, bucket);
  const dueIn = (column: string) =>
    `SELECT id, ${b(column)} AS b, ${ON_TIME} AS on_time, ${LATE} AS overdue FROM cases WHERE ${within(column)} AND ${mayBeDue} AND ${scope}`;
  return `SELECT b, SUM(reported) AS reported, SUM(closed) AS closed, SUM(due) AS due, SUM(on_time) AS on_time, SUM(overdue) AS overdue FROM (
    SELECT ${b('reported_at')} AS b, 1 AS reported, 0 AS closed, 0 AS due, 0 AS on_time, 0 AS overdue FROM cases WHERE ${inPart('reported_at')} AND ${scope}
    UNION ALL
    SELECT ${b('closed_at')} AS b, 0, 1, 0, 0, 0 FROM cases WHERE ${inPart('closed_at')} AND ${scope}
    UNION ALL
    SELECT b, 0, 0, 1, on_time, overdue FROM (${dueIn('handle_deadline')} UNION ${dueIn('closed_at')}) due_marks
  ) marks GROUP BY b ORDER BY b`;
}

/**
 * PostgreSQL (a year of a large district): one scan of the cases. Each row's buckets are worked
 * out once, then the row leaves up to four marks (reported, closed, due by its deadline, due by
 * its closure — the last only when it falls in another bucket than the deadline's, which is
 * what the UNION does above). On 1.68 M cases (test/bench/kpi-postgres), by week, the district:
 * a month 1.18 → 0.81 s, a year 14.7 → 9.2 s against the union, before the daily rollup took
 * over days and weeks. The OFFSET 0 fences cost the parallel workers; it is still ahead.
 */
function oneScan(bucket: TrendBucket, scope: string, split: DailySplit | undefined): string {
  const { inPart, mayBeDue } = casesPart(split);
  const key = (column: string) => beijingBucketKey(column, bucket);
  const rows = `SELECT ${inPart('reported_at')} AS in_ra, ${inPart('closed_at')} AS in_ca, ${within('handle_deadline')} AND ${mayBeDue} AS due_hd,
      ${within('closed_at')} AND ${mayBeDue} AS due_ca, ${ON_TIME} AS on_time, ${LATE} AS overdue, reported_at, closed_at, handle_deadline
    FROM cases WHERE (${inPart('reported_at')} OR ${inPart('closed_at')} OR ((${within('handle_deadline')} OR ${within('closed_at')}) AND ${mayBeDue})) AND ${scope}${keepApart('postgres')}`;
  const keyed = `SELECT on_time, overdue, CASE WHEN in_ra THEN ${key('reported_at')} END AS rb, CASE WHEN in_ca THEN ${key('closed_at')} END AS cb,
      CASE WHEN due_hd THEN ${key('handle_deadline')} END AS hb, CASE WHEN due_ca THEN ${key('closed_at')} END AS db
    FROM (${rows}) r${keepApart('postgres')}`;
  return `SELECT ${bucketLabel('m.k', bucket)} AS b, SUM(m.reported) AS reported, SUM(m.closed) AS closed, SUM(m.due) AS due, SUM(m.on_time) AS on_time, SUM(m.overdue) AS overdue
    FROM (${keyed}) c CROSS JOIN LATERAL (VALUES
      (rb, 1, 0, 0, 0, 0),
      (cb, 0, 1, 0, 0, 0),
      (hb, 0, 0, 1, on_time, overdue),
      (CASE WHEN db IS DISTINCT FROM hb THEN db END, 0, 0, 1, on_time, overdue)
    ) m(k, reported, closed, due, on_time, overdue)
    WHERE m.k IS NOT NULL GROUP BY m.k ORDER BY m.k`;
}

/**
 * The rollup's part: reports and closures per day, and the due pairs (deadline day, closure
 * day), each put in its buckets here, as the `cases` part does per row.
 */
async function dailyTrend(
  db: Queryable,
  bucket: TrendBucket,
  scope: string,
  tables: { daily: string; due: string },
  split: DailySplit,
  values: Record<string, string>,
): Promise<TrendPoint[]> {
  const [days, pairs] = await Promise.all([
    allBound<{ day: string; reported: unknown; closed: unknown }>(
      db,
      `SELECT day, SUM(reported) AS reported, SUM(closed) AS closed FROM ${tables.daily} WHERE ${dayInDailyPart('day')} AND ${scope} GROUP BY day`,
      values,
    ),
    allBound<{ deadline_day: string; closed_day: string; due: unknown; in_time: unknown }>(
      db,
      `SELECT deadline_day, closed_day, SUM(due) AS due, SUM(due_in_time) AS in_time FROM ${tables.due}
       WHERE (${dayInDailyPart('deadline_day')} OR ${dayInDailyPart('closed_day')}) AND ${notExactDay(split, 'deadline_day')} AND ${notExactDay(split, 'closed_day')} AND ${scope}
       GROUP BY deadline_day, closed_day`,
      values,
    ),
  ]);
  const bucketOf = (day: string) => (bucket === 'day' ? day : bucketKey(bucketRange(day, 'day').from, bucket));
  const inDays = (day: string) => day >= split.fromDay && day < split.toDay;
  const points = days.map((d) => ({ key: bucketOf(d.day), reported: n(d.reported), closed: n(d.closed), due: 0, onTime: 0, overdue: 0 }));
  for (const pair of pairs) {
    const due = n(pair.due);
    const inTime = n(pair.in_time);
    // Closed by asOf: on a day before asOf's (asOf's own day is exact, counted from `cases`).
    const closedBy = pair.closed_day !== '' && pair.closed_day < split.asOfDay;
    const mark = { reported: 0, closed: 0, due, onTime: closedBy ? inTime : 0, overdue: due - inTime };
    const byDeadline = inDays(pair.deadline_day) ? bucketOf(pair.deadline_day) : undefined;
    const byClosure = inDays(pair.closed_day) ? bucketOf(pair.closed_day) : undefined;
    if (byDeadline) points.push({ key: byDeadline, ...mark });
    if (byClosure && byClosure !== byDeadline) points.push({ key: byClosure, ...mark });
  }
  return points;
}

/** Points of the same bucket added up, the empty ones left out, in time order. */
function addPoints(points: readonly TrendPoint[]): TrendPoint[] {
  const byKey = new Map<string, TrendPoint>();
  for (const p of points) {
    const into = byKey.get(p.key) ?? { key: p.key, reported: 0, closed: 0, due: 0, onTime: 0, overdue: 0 };
    into.reported += p.reported;
    into.closed += p.closed;
    into.due += p.due;
    into.onTime += p.onTime;
    into.overdue += p.overdue;
    byKey.set(p.key, into);
  }
  return [...byKey.values()].filter((p) => p.reported || p.closed || p.due).sort((a, b) => (a.key < b.key ? -1 : 1));
}
