import { CHANNEL_NAMES, CHANNELS, type Channel } from '../../src-shared/domain/case';
import type { District } from '../../src-shared/district/types';
import type { BilingualText } from '../../src-shared/i18n-text';
import { KPI_IDS, kpiValue, type ChannelCounts, type KpiGroup, type KpiGroupBy, type KpiId, type Period } from '../../src-shared/kpi/formulas';
import { byText, type KpiArea } from '../../src-shared/kpi/board';
import type { Queryable } from './db';
import { DAILY_GROUP_COLUMN, dailyRollupFits, dailySplit, dailyTables, dayInDailyPart, inDailyPart, inRest, notExactDay, onExactDay, splitValues, type DailySplit } from './kpi-daily';
import { allBound, areaCondition, bind, canonicalPeriod, count, deptOf, kpiScopeCondition, n, within } from './kpi-sql';
import type { Scope } from './case-store';

/**
 * The evaluation indicators counted by the database: the same numerators and denominators as
 * src-shared/kpi/formulas.ts, over the projection columns of migration 4, in one grouped query.
 * Each SQL condition below mirrors one predicate there; keep them side by side when either
 * changes (test/integration/kpi checks that they agree on both dialects).
 */

export interface KpiQueryOptions {
  period: Period;
  /** Without it, one group: the whole scope ('district'). */
  groupBy?: KpiGroupBy;
  /**
   * Whose figures. A department is evaluated on the cases it leads (lead department), not on
   * the ones it only assists: that is what its handling indicators are about.
   */
  scope: Scope;
  /** The drill step: only the cases of this street, community or grid (board.ts `inArea`). */
  area?: KpiArea;
  /** Names for the group keys (see `districtLabels`). */
  label?: (groupBy: KpiGroupBy, key: string | null) => BilingualText | undefined;
}

/** Whitelisted group columns: the only identifiers that reach the SQL text. */
const GROUP_COLUMN: Record<KpiGroupBy, string> = {
  street: 'street_code',
  community: 'community_code',
  grid: 'grid_code',
  department: 'lead_department_id',
  channel: 'channel',
};

/**
 * The numerator and denominator conditions of each indicator (formulas.ts, function by function),
 * over the whole period, or (with a split) over the part the daily rollup does not count: the
 * instants outside its days, the due cases with their deadline or closure on an exact day, and
 * the checks still waiting (kpi-daily.ts).
 */
function indicatorConditions(split: DailySplit | undefined): Record<KpiId, { num: string; den: string }> {
  const inPart = split ? inRest : within;
  // isDue ∧ not suspended; closedBy = closed at or before asOf (NULL compares as not).
  const dueAll = `(${within('handle_deadline')} OR ${within('closed_at')}) AND stage <> 'suspended'`;
  const due = split ? `${dueAll} AND (${onExactDay(split, 'handle_deadline')} OR ${onExactDay(split, 'closed_at')})` : dueAll;
  const closedBy = `closed_at <= @asOf`;
  const fedBack = inPart('handled_at');
  // Checked = no longer waiting for the check; a pending check counts once its deadline has passed.
  const pendingDue = `stage = 'verifying' AND verify_deadline <= @asOf`;
  const verifyDue = split
    ? `((${inRest('sent_to_verify_at')} AND (stage <> 'verifying' OR verify_deadline <= @asOf)) OR (${inDailyPart('sent_to_verify_at')} AND ${pendingDue}))`
    : `${within('sent_to_verify_at')} AND (stage <> 'verifying' OR verify_deadline <= @asOf)`;
  const verifiedOnTime = `${inPart('sent_to_verify_at')} AND stage <> 'verifying' AND late_verify = 0`;
  const dispatched = inPart('dispatched_at');
  const decided = `channel = 'patrol' AND ${inPart('reported_at')} AND stage <> 'reported'`;
  const reached = `${inPart('evaluated_at')} AND evaluation_satisfaction IS NOT NULL AND evaluation_satisfaction <> 'unreachable'`;
  return {
    onTimeClosureRate: { den: due, num: `${due} AND ${closedBy} AND late_handle = 0` },
    closureRate: { den: due, num: `${due} AND ${closedBy}` },
    reworkRate: { den: fedBack, num: `${fedBack} AND rework_count > 0` },
    timelyVerificationRate: { den: verifyDue, num: verifiedOnTime },
    returnRate: { den: dispatched, num: `${dispatched} AND return_count > 0` },
    extensionRate: { den: dispatched, num: `${dispatched} AND extension_count > 0` },
    reportAccuracy: { den: decided, num: `${decided} AND stage NOT IN ('rejected', 'duplicate')` },
    satisfactionRate: { den: reached, num: `${reached} AND evaluation_satisfaction IN ('satisfied', 'basic')` },
  };
}

/**
 * The same counts from the rollup's days: the daily counters and the due pairs (kpi-daily.ts).
 * A case the rest counts (an exact day) is left out of the due pairs here.
 */
const DAILY_COUNTS: Record<KpiId, { num: string; den: string }> = {
  onTimeClosureRate: { den: 'd.due', num: 'd.on_time' },
  closureRate: { den: 'd.due', num: 'd.closed' },
  reworkRate: { den: 'k.handled', num: 'k.handled_reworked' },
  timelyVerificationRate: { den: 'k.checked', num: 'k.checked_on_time' },
  returnRate: { den: 'k.dispatched', num: 'k.dispatched_returned' },
  extensionRate: { den: 'k.dispatched', num: 'k.dispatched_extended' },
  reportAccuracy: { den: 'k.patrol_decided', num: 'k.patrol_valid' },
  satisfactionRate: { den: 'k.reached', num: 'k.satisfied' },
};

type Row = Record<string, unknown>;

/** The indicator and report count columns of a result row, by alias. */
const COUNT_ALIASES = [
  ...KPI_IDS.flatMap((_id, i) => [`num_${i}`, `den_${i}`]),
  ...CHANNELS.flatMap((ch) => [`${ch}_reports`, `${ch}_valid`]),
];

/**
 * The balanced indicators and report counts for a period, per group. Groups with no case
 * touching the period are left out (a board shows them as "no data"); ungrouped, there is
 * always exactly one group.
 */
export async function queryKpis(db: Queryable, options: KpiQueryOptions): Promise<KpiGroup[]> {
  const period: Period = canonicalPeriod(options.period);
  const groupColumn = options.groupBy ? GROUP_COLUMN[options.groupBy] : undefined;
  const split = dailyRollupFits(options.scope, options.area, options.groupBy) ? dailySplit(period) : undefined;
  const conditions = indicatorConditions(split);
  const inPart = split ? inRest : within;

  const select: string[] = [groupColumn ? `${groupColumn} AS k` : `'district' AS k`];
  // Aliases are lower case and positional: PostgreSQL folds unquoted names to lower case.
  KPI_IDS.forEach((id, i) => select.push(`${count(conditions[id].num)} AS num_${i}`, `${count(conditions[id].den)} AS den_${i}`));
  // formulas.ts reportsByChannel: reported in the period; valid = registered (not waiting, rejected or a duplicate).
  for (const ch of CHANNELS) {
    const reported = `channel = '${ch}' AND ${inPart('reported_at')}`;
    select.push(`${count(reported)} AS ${ch}_reports`, `${count(`${reported} AND stage NOT IN ('reported', 'rejected', 'duplicate')`)} AS ${ch}_valid`);
  }

  const where: string[] = [kpiScopeCondition(options.scope), areaCondition(options.area)];
  // Every denominator (and every report count) needs one of these instants in the period, so
  // this only skips rows that count nowhere, and lets each instant's index narrow the scan.
  const instants = ['handle_deadline', 'closed_at', 'handled_at', 'sent_to_verify_at', 'dispatched_at', 'reported_at', 'evaluated_at'];
  const touching = instants.map(inPart);
  if (split) touching.push(onExactDay(split, 'handle_deadline'), onExactDay(split, 'closed_at'), `(stage = 'verifying' AND ${inDailyPart('sent_to_verify_at')})`);
  where.push(`(${touching.join(' OR ')})`);

  const text = `SELECT ${select.join(',\n  ')}\nFROM cases WHERE ${where.join(' AND ')}${groupColumn ? ` GROUP BY ${groupColumn} ORDER BY ${groupColumn}` : ''}`;
  const values = { ...period, dept: deptOf(options.scope), ...(split ? splitValues(split) : {}) };
  const { sql, params } = bind(text, values);
  let rows = await db.all<Row>(sql, params);
  if (split) rows = mergeCounts([...rows, ...(await dailyIndicatorRows(db, options, split, values))]);
  if (!groupColumn && rows.length === 0) rows.push({ k: 'district' });

  return rows.map((row) => {
    const key = row['k'] === null || row['k'] === undefined ? null : String(row['k']);
    const label = options.groupBy && options.label ? options.label(options.groupBy, key) : undefined;
    const indicators = KPI_IDS.map((id, i) => kpiValue(id, n(row[`num_${i}`]), n(row[`den_${i}`])));
    const reportsByChannel = Object.fromEntries(
      CHANNELS.map((ch) => [ch, { reports: n(row[`${ch}_reports`]), valid: n(row[`${ch}_valid`]) }]),
    ) as ChannelCounts;
    return { key, ...(label ? { label } : {}), indicators, reportsByChannel };
  });
}

/** The rollup's part of `queryKpis`: one row per group, with the same aliases as the `cases` part. */
async function dailyIndicatorRows(db: Queryable, options: KpiQueryOptions, split: DailySplit, values: Record<string, string>): Promise<Row[]> {
  const column = options.groupBy ? DAILY_GROUP_COLUMN[options.groupBy] : undefined;
  const tables = dailyTables(options.area, options.groupBy);
  const key = column ?? `'district'`;
  const groupBy = column ? ` GROUP BY ${column}` : '';
  const where = `${kpiScopeCondition(options.scope)} AND ${areaCondition(options.area)}`;
  const sum = (c: string) => `SUM(${c}) AS ${c}`;
  const counters = `SELECT ${key} AS k, ${[
    ...['reported', 'dispatched', 'dispatched_returned', 'dispatched_extended', 'handled', 'handled_reworked', 'checked', 'checked_on_time', 'reached', 'satisfied'].map(sum),
    `SUM(CASE WHEN channel = 'patrol' THEN reported_decided ELSE 0 END) AS patrol_decided`,
    `SUM(CASE WHEN channel = 'patrol' THEN reported_valid ELSE 0 END) AS patrol_valid`,
    ...CHANNELS.flatMap((ch) => [
      `SUM(CASE WHEN channel = '${ch}' THEN reported ELSE 0 END) AS ${ch}_reports`,
      `SUM(CASE WHEN channel = '${ch}' THEN reported_valid ELSE 0 END) AS ${ch}_valid`,
    ]),
  ].join(', ')} FROM ${tables.daily} WHERE ${dayInDailyPart('day')} AND ${where}${groupBy}`;
  // Closed by asOf: a closure day before asOf's day (asOf's own day is an exact day, counted from `cases`).
  const closedBy = `closed_day <> '' AND closed_day < @asOfDay`;
  const due = `SELECT ${key} AS k, SUM(due) AS due, SUM(CASE WHEN ${closedBy} THEN due ELSE 0 END) AS closed, SUM(CASE WHEN ${closedBy} THEN due_in_time ELSE 0 END) AS on_time
    FROM ${tables.due} WHERE (${dayInDailyPart('deadline_day')} OR ${dayInDailyPart('closed_day')})
      AND ${notExactDay(split, 'deadline_day')} AND ${notExactDay(split, 'closed_day')} AND ${where}${groupBy}`;
  const [kRows, dRows] = await Promise.all([allBound<Row>(db, counters, values), allBound<Row>(db, due, values)]);
  const byKey = new Map<unknown, { k: Row; d: Row }>();
  for (const k of kRows) byKey.set(k['k'], { k, d: {} });
  for (const d of dRows) byKey.set(d['k'], { k: byKey.get(d['k'])?.k ?? {}, d });
  return [...byKey].map(([k, parts]) => {
    const row: Row = { k };
    const read = (ref: string) => {
      const [table, name] = ref.split('.') as ['k' | 'd', string];
      return n(parts[table][name]);
    };
    KPI_IDS.forEach((id, i) => {
      row[`num_${i}`] = read(DAILY_COUNTS[id].num);
      row[`den_${i}`] = read(DAILY_COUNTS[id].den);
    });
    for (const ch of CHANNELS) {
      row[`${ch}_reports`] = n(parts.k[`${ch}_reports`]);
      row[`${ch}_valid`] = n(parts.k[`${ch}_valid`]);
    }
    return row;
  });
}

/**
 * Adds up rows of the same group (the `cases` part and the rollup's), leaving out groups with
 * nothing in the period, in code-unit order with "no value" last (as PostgreSQL sorts them).
 * The rollup keeps "no department" as ''.
 */
function mergeCounts(rows: readonly Row[]): Row[] {
  const merged = new Map<string | null, Row>();
  for (const row of rows) {
    const raw = row['k'];
    const key = raw === null || raw === undefined || raw === '' ? null : String(raw);
    const into = merged.get(key) ?? { k: key };
    for (const alias of COUNT_ALIASES) into[alias] = n(into[alias]) + n(row[alias]);
    merged.set(key, into);
  }
  return [...merged.values()]
    .filter((row) => COUNT_ALIASES.some((alias) => n(row[alias]) !== 0))
    .sort((a, b) => (a['k'] === null ? 1 : b['k'] === null ? -1 : byText(String(a['k']), String(b['k']))));
}

/** Group names from the district's files (streets and communities are named in Chinese only). */
export function districtLabels(district: District): (groupBy: KpiGroupBy, key: string | null) => BilingualText | undefined {
  const same = (name: string): BilingualText => ({ zh: name, en: name });
  const names: Record<KpiGroupBy, Map<string, BilingualText>> = {
    street: new Map(district.streets.map((s) => [s.code, same(s.name)])),
    community: new Map(district.communities.map((c) => [c.code, same(c.name)])),
    grid: new Map(),
    department: new Map(district.departments.map((d) => [d.id, d.name])),
    channel: new Map(Object.entries(CHANNEL_NAMES) as [Channel, BilingualText][]),
  };
  return (groupBy, key) => {
    if (key === null) return groupBy === 'department' ? { zh: '未派遣', en: 'Not dispatched' } : undefined;
    return names[groupBy].get(key);
  };
}
