import { bucketKey, bucketRange, type KpiArea } from '../../src-shared/kpi/board';
import type { KpiGroupBy, Period } from '../../src-shared/kpi/formulas';
import type { Scope } from '../../src-shared/domain/scope';
import type { Queryable, SqlValue } from './db';

/**
 * The daily rollup of the evaluation figures (migration 5): per Beijing day, street (or
 * community), lead department and channel (and category, for the breakdown), how many cases'
 * instants fell on that day, with the flags each indicator counts. A year of a large district
 * is ~1.7 M cases: counted row by row on a 2-core server, its year took 3.7–9.7 s a panel;
 * summed from the rollup's few hundred thousand narrow rows, 0.13–0.23 s
 * (test/bench/kpi-postgres).
 *
 * It is kept exact, not refreshed: every projection write moves the case's marks from what it
 * was to what it is (`writeDailyMarks`, in the same transaction). A case's marks depend on its
 * current stage and flags, as the formulas do, so a case closed today changes the counts of
 * the day it was reported on, too. `rebuildDaily` recomputes the whole rollup from `cases`
 * with the same code (the migration's backfill, and a test that the two agree).
 *
 * A query uses the rollup only for whole days before asOf's day (`dailySplit`): the rest of the
 * period (its partial first and last days, and asOf's day) is counted from `cases` as before.
 */

/** What the rollup reads of a case: the `cases` projection columns (case-store.ts writes them). */
export interface KpiFacts {
  stage: string;
  channel: string;
  street_code: string;
  community_code: string;
  lead_department_id: string | null;
  category_code: string;
  reported_at: string;
  dispatched_at: string | null;
  handled_at: string | null;
  sent_to_verify_at: string | null;
  closed_at: string | null;
  evaluated_at: string | null;
  evaluation_satisfaction: string | null;
  handle_deadline: string | null;
  late_handle: number;
  late_verify: number;
  rework_count: number;
  return_count: number;
  extension_count: number;
}

export const FACT_COLUMNS = [
  'stage',
  'channel',
  'street_code',
  'community_code',
  'lead_department_id',
  'category_code',
  'reported_at',
  'dispatched_at',
  'handled_at',
  'sent_to_verify_at',
  'closed_at',
  'evaluated_at',
  'evaluation_satisfaction',
  'handle_deadline',
  'late_handle',
  'late_verify',
  'rework_count',
  'return_count',
  'extension_count',
] as const satisfies readonly (keyof KpiFacts)[];

const DAILY_COUNTERS = [
  'reported',
  'reported_decided',
  'reported_valid',
  'dispatched',
  'dispatched_returned',
  'dispatched_extended',
  'handled',
  'handled_reworked',
  'checked',
  'checked_on_time',
  'closed',
  'reached',
  'satisfied',
] as const;
const DUE_COUNTERS = ['due', 'due_in_time'] as const;

/**
 * The rollup tables: their key columns and counters. Identifiers here are the only ones that
 * reach the SQL text. The district's and a street's figures read the street tables; a street's
 * communities ranked, or one community's board, read the community ones (about 4× the rows:
 * too many for a district's year, few for one street's).
 *
 * Migration 5 creates the tables from this definition. A later change to it (a counter, a key)
 * is a new migration: copy this definition as it is now into migration 5 first, so a new store
 * still gets what migration 5 released.
 */
export const DAILY_TABLES = {
  /** Per day an instant fell on (reported, dispatched, fed back, checked, closed, called back). */
  kpi_daily: { keys: ['day', 'street_code', 'lead_department_id', 'channel'], counters: DAILY_COUNTERS },
  /**
   * The cases due (on-time closure's denominator) by the pair of days that make them due: the
   * handling deadline's and the closure's. A case is due in a period when either falls in it,
   * so a sum over days alone would count a case twice; the pair lets the query count it once.
   * Suspended cases are not due and have no mark here.
   */
  kpi_due_daily: { keys: ['deadline_day', 'closed_day', 'street_code', 'lead_department_id', 'channel'], counters: DUE_COUNTERS },
  /** The category breakdown: reports by the day reported, closures by the day closed. */
  kpi_category_daily: { keys: ['day', 'street_code', 'lead_department_id', 'category_code'], counters: ['reported', 'reported_valid', 'closed'] },
  /** kpi_daily by community (a community is in one street: the street adds no rows). */
  kpi_community_daily: { keys: ['day', 'street_code', 'community_code', 'lead_department_id', 'channel'], counters: DAILY_COUNTERS },
  /** kpi_due_daily by community. */
  kpi_community_due_daily: { keys: ['deadline_day', 'closed_day', 'street_code', 'community_code', 'lead_department_id', 'channel'], counters: DUE_COUNTERS },
} as const;

export type DailyTable = keyof typeof DAILY_TABLES;
export const DAILY_TABLE_NAMES = Object.keys(DAILY_TABLES) as DailyTable[];

/** One case's contribution to one rollup row: the row's key values and the counters it adds. */
export interface DailyMark {
  table: DailyTable;
  key: string[];
  counts: number[];
}

/** "No day" and "no department" are '' rather than NULL, so they take part in the primary key. */
const NONE = '';

/** The Beijing date (YYYY-MM-DD) of an instant: the rollup's day, and board.ts's day bucket. */
export const beijingDay = (instant: string): string => bucketKey(instant, 'day');

const flag = (condition: boolean): number => (condition ? 1 : 0);

/**
 * A case's marks: the same predicates as src-shared/kpi/formulas.ts and board.ts, each put on
 * the day of the instant it is about. Keep them beside kpi-queries.ts INDICATOR_CONDITIONS.
 */
export function dailyMarks(f: KpiFacts): DailyMark[] {
  const dept = f.lead_department_id ?? NONE;
  const marks: DailyMark[] = [];
  const daily = (instant: string, counts: Partial<Record<(typeof DAILY_COUNTERS)[number], number>>) => {
    const values = DAILY_COUNTERS.map((c) => counts[c] ?? 0);
    const day = beijingDay(instant);
    marks.push({ table: 'kpi_daily', key: [day, f.street_code, dept, f.channel], counts: values });
    marks.push({ table: 'kpi_community_daily', key: [day, f.street_code, f.community_code, dept, f.channel], counts: values });
  };
  // Valid = registered: not waiting, rejected or a duplicate (reportsByChannel; reportAccuracy's numerator).
  const valid = flag(f.stage !== 'reported' && f.stage !== 'rejected' && f.stage !== 'duplicate');
  daily(f.reported_at, { reported: 1, reported_decided: flag(f.stage !== 'reported'), reported_valid: valid });
  if (f.dispatched_at) daily(f.dispatched_at, { dispatched: 1, dispatched_returned: flag(f.return_count > 0), dispatched_extended: flag(f.extension_count > 0) });
  if (f.handled_at) daily(f.handled_at, { handled: 1, handled_reworked: flag(f.rework_count > 0) });
  // A check still waiting counts once its deadline passes, a moment the rollup cannot know in
  // advance: those few cases are counted from `cases` (kpi-queries.ts), never here.
  if (f.sent_to_verify_at && f.stage !== 'verifying') daily(f.sent_to_verify_at, { checked: 1, checked_on_time: flag(f.late_verify === 0) });
  if (f.closed_at) daily(f.closed_at, { closed: 1 });
  if (f.evaluated_at && f.evaluation_satisfaction !== null && f.evaluation_satisfaction !== 'unreachable') {
    daily(f.evaluated_at, { reached: 1, satisfied: flag(f.evaluation_satisfaction === 'satisfied' || f.evaluation_satisfaction === 'basic') });
  }
  if ((f.handle_deadline || f.closed_at) && f.stage !== 'suspended') {
    const days = [f.handle_deadline ? beijingDay(f.handle_deadline) : NONE, f.closed_at ? beijingDay(f.closed_at) : NONE];
    const counts = [1, flag(f.late_handle === 0)];
    marks.push({ table: 'kpi_due_daily', key: [...days, f.street_code, dept, f.channel], counts });
    marks.push({ table: 'kpi_community_due_daily', key: [...days, f.street_code, f.community_code, dept, f.channel], counts });
  }
  marks.push({ table: 'kpi_category_daily', key: [beijingDay(f.reported_at), f.street_code, dept, f.category_code], counts: [1, valid, 0] });
  if (f.closed_at) marks.push({ table: 'kpi_category_daily', key: [beijingDay(f.closed_at), f.street_code, dept, f.category_code], counts: [0, 0, 1] });
  return marks;
}

/** Sums marks per table and key (`sign` -1 takes them away); rows that come to nothing are dropped. */
export class DailyTally {
  private readonly rows = new Map<string, DailyMark>();

  add(marks: readonly DailyMark[], sign: 1 | -1 = 1): this {
    for (const m of marks) {
      const id = `${m.table}\u0000${m.key.join('\u0000')}`;
      const row = this.rows.get(id);
      if (row) m.counts.forEach((n, i) => (row.counts[i] = (row.counts[i] ?? 0) + sign * n));
      else this.rows.set(id, { table: m.table, key: m.key, counts: m.counts.map((n) => sign * n) });
    }
    return this;
  }

  changes(table: DailyTable): DailyMark[] {
    return [...this.rows.values()].filter((r) => r.table === table && r.counts.some((n) => n !== 0));
  }

  get size(): number {
    return this.rows.size;
  }
}

/** Rows per statement: 18 columns × 500 stays well inside SQLite's and PostgreSQL's parameter limits. */
const BATCH = 500;

/** The statement adding the rows' counters to the table (rows not there yet are inserted). */
function addition(table: DailyTable, rows: readonly DailyMark[]): { sql: string; params: SqlValue[] } {
  const { keys, counters } = DAILY_TABLES[table];
  const tuple = `(${[...keys, ...counters].map(() => '?').join(', ')})`;
  return {
    sql: `INSERT INTO ${table} (${[...keys, ...counters].join(', ')}) VALUES ${rows.map(() => tuple).join(', ')}
       ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${counters.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', ')}`,
    params: rows.flatMap((r) => [...r.key, ...r.counts]),
  };
}

async function addToTable(tx: Queryable, table: DailyTable, rows: readonly DailyMark[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    const { sql, params } = addition(table, rows.slice(i, i + BATCH));
    await tx.run(sql, params);
  }
}

/**
 * Moves a case's marks from what it was (`before`, none for a new case) to what it is now.
 * Inside the commit's transaction. On PostgreSQL the tables' additions go as one statement (one
 * round trip per commit instead of one per table); SQLite runs in process and takes them in turn.
 */
export async function writeDailyMarks(tx: Queryable, before: KpiFacts | undefined, after: KpiFacts): Promise<void> {
  const tally = new DailyTally().add(dailyMarks(after));
  if (before) tally.add(dailyMarks(before), -1);
  const additions = DAILY_TABLE_NAMES.map((table) => ({ table, rows: tally.changes(table) }))
    .filter((a) => a.rows.length > 0)
    .map((a) => addition(a.table, a.rows));
  if (tx.dialect === 'postgres' && additions.length > 1) {
    const parts = additions.map((a, i) => `t${i} AS (${a.sql})`);
    await tx.run(`WITH ${parts.join(',\n')} SELECT 1`, additions.flatMap((a) => a.params));
    return;
  }
  for (const a of additions) await tx.run(a.sql, a.params);
}

/**
 * Recomputes the rollup from `cases`, a page at a time: the backfill of migration 5 (a store
 * that has cases already) and the check that the write path keeps it exact. Returns the rows written.
 */
export async function rebuildDaily(tx: Queryable, page = 5_000): Promise<number> {
  for (const table of DAILY_TABLE_NAMES) await tx.run(`DELETE FROM ${table}`);
  const tally = new DailyTally();
  for (let last = ''; ; ) {
    const rows = await tx.all<Record<string, unknown> & { id: string }>(`SELECT id, ${FACT_COLUMNS.join(', ')} FROM cases WHERE id > ? ORDER BY id LIMIT ?`, [last, page]);
    for (const row of rows) tally.add(dailyMarks(factsOfRow(row)));
    const tail = rows.at(-1);
    if (!tail || rows.length < page) break;
    last = tail.id;
  }
  let written = 0;
  for (const table of DAILY_TABLE_NAMES) {
    const rows = tally.changes(table);
    await addToTable(tx, table, rows);
    written += rows.length;
  }
  return written;
}

/** A `cases` row as facts: PostgreSQL gives integers back as numbers, SQLite too; the flags are 0/1. */
export function factsOfRow(row: Record<string, unknown>): KpiFacts {
  const facts = Object.fromEntries(FACT_COLUMNS.map((c) => [c, row[c] ?? null])) as unknown as KpiFacts;
  for (const c of ['late_handle', 'late_verify', 'rework_count', 'return_count', 'extension_count'] as const) facts[c] = Number(row[c] ?? 0);
  return facts;
}

/** Groupings the rollup keeps (its rows have a street, a community, a lead department and a channel, not a grid). */
export const DAILY_GROUP_COLUMN: Partial<Record<KpiGroupBy, string>> = {
  street: 'street_code',
  community: 'community_code',
  department: 'lead_department_id',
  channel: 'channel',
};

/**
 * The rollup answers a leader's or a department's figures for the district, a street or a
 * community, grouped by street, community, department or channel. A supervisor's few grids and
 * a grid are small enough for `cases`.
 */
export function dailyRollupFits(scope: Scope, area: KpiArea | undefined, groupBy?: KpiGroupBy): boolean {
  if (scope.kind === 'grids') return false;
  if (area?.gridCode !== undefined) return false;
  return groupBy === undefined || DAILY_GROUP_COLUMN[groupBy] !== undefined;
}

/** Which rollup tables a query reads: the community ones when it is about communities. */
export function dailyTables(area: KpiArea | undefined, groupBy?: KpiGroupBy): { daily: DailyTable; due: DailyTable } {
  return area?.communityCode !== undefined || groupBy === 'community'
    ? { daily: 'kpi_community_daily', due: 'kpi_community_due_daily' }
    : { daily: 'kpi_daily', due: 'kpi_due_daily' };
}

/**
 * How a period splits between the rollup and `cases`. The rollup answers the whole Beijing
 * days [fromDay, toDay): inside the period, and all before asOf's day, so every instant in them
 * is within the period and not after asOf. The rest of the period (`rest`: its partial first
 * day, and from `toDay` to the end or asOf) is counted from `cases`.
 *
 * The due figures depend on two instants of a case (deadline and closure) and on whether the
 * closure came by asOf; a case with either on one of `exactDays` (the period's partial days and
 * asOf's day) is counted from `cases` whole, and the rollup leaves it out. Any other closure
 * day is before asOf's day (closed by asOf) or after it (not).
 */
export interface DailySplit {
  fromDay: string;
  toDay: string;
  /** The same bounds as instants. */
  from: string;
  to: string;
  asOfDay: string;
  exactDays: { day: string; from: string; to: string }[];
}

/** The split of a canonical period, or undefined when it holds no whole day before asOf's day. */
export function dailySplit(period: Period): DailySplit | undefined {
  const dayStart = (instant: string) => bucketRange(beijingDay(instant), 'day');
  const first = dayStart(period.from);
  const from = first.from === period.from ? first.from : first.to;
  const asOfDay = dayStart(period.asOf);
  const end = dayStart(period.to).from;
  const to = end < asOfDay.from ? end : asOfDay.from;
  if (from >= to) return undefined;
  const exact = new Map<string, { day: string; from: string; to: string }>();
  const add = (instant: string) => {
    const day = beijingDay(instant);
    exact.set(day, { day, ...bucketRange(day, 'day') });
  };
  if (from !== period.from) add(period.from);
  add(to);
  add(period.asOf);
  return { fromDay: beijingDay(from), toDay: beijingDay(to), from, to, asOfDay: beijingDay(period.asOf), exactDays: [...exact.values()] };
}

/** The named values a split adds to a query's text (kpi-sql.ts `bind`). */
export function splitValues(split: DailySplit): Record<string, string> {
  const values: Record<string, string> = { wFrom: split.from, wTo: split.to, wFromDay: split.fromDay, wToDay: split.toDay, asOfDay: split.asOfDay };
  split.exactDays.forEach((d, i) => {
    values[`x${i}From`] = d.from;
    values[`x${i}To`] = d.to;
    values[`x${i}Day`] = d.day;
  });
  return values;
}

/** In the rollup's days (an instant column of `cases`). */
export const inDailyPart = (column: string) => `(${column} >= @wFrom AND ${column} < @wTo)`;

/** In the period but not in the rollup's days: `within` minus `inDailyPart`, as two index ranges. */
export const inRest = (column: string) => `((${column} >= @from AND ${column} < @wFrom) OR (${column} >= @wTo AND ${column} < @to AND ${column} <= @asOf))`;

/** On one of the exact days (an instant column of `cases`). */
export const onExactDay = (split: DailySplit, column: string) =>
  `(${split.exactDays.map((_d, i) => `(${column} >= @x${i}From AND ${column} < @x${i}To)`).join(' OR ')})`;

/** A day column of the rollup in its days. */
export const dayInDailyPart = (column: string) => `(${column} >= @wFromDay AND ${column} < @wToDay)`;

/** A day column of the rollup on none of the exact days. */
export const notExactDay = (split: DailySplit, column: string) => `${column} NOT IN (${split.exactDays.map((_d, i) => `@x${i}Day`).join(', ')})`;
