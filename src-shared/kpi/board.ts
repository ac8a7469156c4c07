import type { CaseState } from '../domain/case';
import { currentLink } from '../domain/rules';
import { isOpenStage } from '../domain/stages';
import { onTimeClosureRate, type KpiGroup, type KpiId, type Period } from './formulas';

/**
 * The pure definitions behind the KPI board's other panels: trends per Beijing-time bucket,
 * breakdowns by category or channel, the overdue and supervised (督办) lists, rankings against
 * the previous period and the period presets. The service counts the same things in SQL
 * (src-server/store/kpi-*.ts); test/integration/kpi checks that both agree.
 */

/** Beijing keeps UTC+8 all year (no daylight saving), so a fixed shift is exact. */
export const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

export const TREND_BUCKETS = ['hour', 'day', 'week'] as const;
export type TrendBucket = (typeof TREND_BUCKETS)[number];

/**
 * The bucket an instant falls in, as Beijing wall-clock text: hour '2026-03-10T08', day
 * '2026-03-10', week the Monday it starts on ('2026-03-09'). Text keys sort in time order.
 */
export function bucketKey(instant: string, size: TrendBucket): string {
  const shifted = Date.parse(instant) + BEIJING_OFFSET_MS;
  if (size === 'hour') return new Date(shifted).toISOString().slice(0, 13);
  if (size === 'day') return new Date(shifted).toISOString().slice(0, 10);
  const sinceMonday = (new Date(shifted).getUTCDay() + 6) % 7;
  return new Date(shifted - sinceMonday * DAY_MS).toISOString().slice(0, 10);
}

/** The instants [from, to) a bucket key covers. */
export function bucketRange(key: string, size: TrendBucket): { from: string; to: string } {
  const start = Date.parse(size === 'hour' ? `${key}:00:00+08:00` : `${key}T00:00:00+08:00`);
  const length = size === 'hour' ? 3_600_000 : size === 'day' ? DAY_MS : 7 * DAY_MS;
  return { from: new Date(start).toISOString(), to: new Date(start + length).toISOString() };
}

/** Every bucket the period touches, in order: a chart shows empty buckets as zeros, not as gaps. */
export function bucketKeys(period: Period, size: TrendBucket): string[] {
  const keys: string[] = [];
  const end = Date.parse(period.to);
  let key = bucketKey(period.from, size);
  while (Date.parse(bucketRange(key, size).from) < end) {
    keys.push(key);
    key = bucketKey(bucketRange(key, size).to, size);
  }
  return keys;
}

/** The part of the period a bucket covers (same asOf). */
export function bucketPeriod(key: string, size: TrendBucket, period: Period): Period {
  const range = bucketRange(key, size);
  const from = Math.max(Date.parse(range.from), Date.parse(period.from));
  const to = Math.min(Date.parse(range.to), Date.parse(period.to));
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), asOf: period.asOf };
}

/** One bucket of the trend: counts, and the on-time closure figures of the cases due in it. */
export interface TrendPoint {
  key: string;
  /** Reports received in the bucket. */
  reported: number;
  /** Cases closed in the bucket. */
  closed: number;
  /** Due in the bucket (on-time closure denominator: deadline or closure in the bucket, not suspended). */
  due: number;
  /** Of those, closed on time (the numerator). */
  onTime: number;
  /** Of those, whose handling ran late (overdue). */
  overdue: number;
}

function within(instant: string | undefined, period: Period): boolean {
  if (instant === undefined) return false;
  const t = Date.parse(instant);
  return t >= Date.parse(period.from) && t < Date.parse(period.to) && t <= Date.parse(period.asOf);
}

/** The trend over the period: only buckets with something in them (see `fillTrend`). */
export function trend(cases: readonly CaseState[], period: Period, size: TrendBucket): TrendPoint[] {
  const keys = new Set<string>();
  for (const c of cases) {
    for (const instant of [c.reportedAt, c.closedAt, c.stage === 'suspended' ? undefined : c.deadlines.handle]) {
      if (instant !== undefined && within(instant, period)) keys.add(bucketKey(instant, size));
    }
  }
  return [...keys].sort().map((key) => {
    const p = bucketPeriod(key, size, period);
    const onTime = onTimeClosureRate(cases, p);
    const due = cases.filter((c) => c.stage !== 'suspended' && (within(c.deadlines.handle, p) || within(c.closedAt, p)));
    return {
      key,
      reported: cases.filter((c) => within(c.reportedAt, p)).length,
      closed: cases.filter((c) => within(c.closedAt, p)).length,
      due: onTime.denominator,
      onTime: onTime.numerator,
      overdue: due.filter((c) => c.late.handle === true).length,
    };
  });
}

/** Every bucket of the period, the empty ones as zeros. */
export function fillTrend(points: readonly TrendPoint[], period: Period, size: TrendBucket): TrendPoint[] {
  const byKey = new Map(points.map((p) => [p.key, p]));
  return bucketKeys(period, size).map((key) => byKey.get(key) ?? { key, reported: 0, closed: 0, due: 0, onTime: 0, overdue: 0 });
}

export const BREAKDOWN_BY = ['category', 'channel'] as const;
export type BreakdownBy = (typeof BREAKDOWN_BY)[number];

/** Counts for one category (or channel) over the period. */
export interface BreakdownRow {
  key: string;
  /** Reports received in the period. */
  reports: number;
  /** Of those, registered (not waiting, rejected or a duplicate). */
  valid: number;
  /** Cases closed in the period. */
  closed: number;
}

export function breakdownKey(c: CaseState, by: BreakdownBy): string {
  return by === 'category' ? c.categoryCode : c.channel;
}

/** Reports and closures per category or channel; keys with neither are left out. Sorted by key. */
export function breakdown(cases: readonly CaseState[], period: Period, by: BreakdownBy): BreakdownRow[] {
  const rows = new Map<string, BreakdownRow>();
  for (const c of cases) {
    const reported = within(c.reportedAt, period);
    const closed = within(c.closedAt, period);
    if (!reported && !closed) continue;
    const key = breakdownKey(c, by);
    const row = rows.get(key) ?? { key, reports: 0, valid: 0, closed: 0 };
    if (reported) {
      row.reports += 1;
      if (c.stage !== 'reported' && c.stage !== 'rejected' && c.stage !== 'duplicate') row.valid += 1;
    }
    if (closed) row.closed += 1;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
}

/**
 * The part of the district a panel is about (the board's drill step): a street, a community or
 * a grid by its code; the fields given must all match. Empty: the whole scope.
 */
export interface KpiArea {
  streetCode?: string;
  communityCode?: string;
  gridCode?: string;
}

/** Street 9 digits, community 12, grid 14 (the district's codes). */
export const AREA_CODE_PATTERNS = { streetCode: /^\d{9}$/, communityCode: /^\d{12}$/, gridCode: /^\d{14}$/ } as const;

export function inArea(c: CaseState, area: KpiArea | undefined): boolean {
  if (!area) return true;
  return (
    (area.streetCode === undefined || c.place.streetCode === area.streetCode) &&
    (area.communityCode === undefined || c.place.communityCode === area.communityCode) &&
    (area.gridCode === undefined || c.place.gridCode === area.gridCode)
  );
}

/** The area of a drill-down code: 9 digits a street, 12 a community, 14 a grid; anything else the whole scope. */
export function areaOf(code: string): KpiArea | undefined {
  if (AREA_CODE_PATTERNS.streetCode.test(code)) return { streetCode: code };
  if (AREA_CODE_PATTERNS.communityCode.test(code)) return { communityCode: code };
  if (AREA_CODE_PATTERNS.gridCode.test(code)) return { gridCode: code };
  return undefined;
}

/**
 * The board's case lists: open overdue cases, open supervised (督办) cases, and the cases of the
 * period (reported or closed in it: the cases the breakdowns count), e.g. a grid's.
 */
export const KPI_LISTS = ['overdue', 'supervised', 'period'] as const;
export type KpiList = (typeof KPI_LISTS)[number];

/** A case the period's reports or closures count (board `breakdown` counts the same cases). */
export function touchesPeriod(c: CaseState, period: Period): boolean {
  return within(c.reportedAt, period) || within(c.closedAt, period);
}

/** The deadline of the link the case waits on now (none when suspended or ended). */
export function runningDeadline(c: CaseState): string | undefined {
  const link = currentLink(c.stage);
  return link ? c.deadlines[link] : undefined;
}

/** How late an open case is at `asOf`, in ms (negative: time left; null: no running deadline). */
export function lateness(c: CaseState, asOf: string): number | null {
  const deadline = runningDeadline(c);
  return deadline === undefined ? null : Date.parse(asOf) - Date.parse(deadline);
}

/** Code-unit order, as the database's "C" collation: the tie-break both sides share. */
export const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Open cases past their running deadline (overdue), open supervised cases (督办), or the cases
 * of `period` (open or not: 'period' needs one), by running deadline, the most overdue first;
 * cases with no running deadline (suspended, ended) come last.
 */
export function listCases(cases: readonly CaseState[], list: KpiList, asOf: string, period?: Period): CaseState[] {
  const asOfMs = Date.parse(asOf);
  if (list === 'period' && !period) throw new RangeError("the 'period' list needs a period");
  const chosen = cases.filter((c) => {
    if (list === 'period') return period !== undefined && touchesPeriod(c, period);
    if (!isOpenStage(c.stage)) return false;
    if (list === 'supervised') return c.supervised;
    const deadline = runningDeadline(c);
    return deadline !== undefined && Date.parse(deadline) < asOfMs;
  });
  return chosen.sort((a, b) => {
    const da = runningDeadline(a);
    const db = runningDeadline(b);
    if (da === undefined || db === undefined) return da === db ? byText(a.id, b.id) : da === undefined ? 1 : -1;
    return byText(da, db) || byText(a.id, b.id);
  });
}

/** The period just before, as long, measured as far into it: today so far vs yesterday by the same hour. */
export function previousPeriod(period: Period): Period {
  const from = Date.parse(period.from);
  const length = Date.parse(period.to) - from;
  const iso = (t: number) => new Date(t).toISOString();
  return { from: iso(from - length), to: iso(from), asOf: iso(Math.min(Date.parse(period.asOf), Date.parse(period.to)) - length) };
}

/** One row of a ranking: the indicator now and in the previous period. */
export interface RankingRow {
  key: string | null;
  label: string;
  numerator: number;
  denominator: number;
  value: number | null;
  previous: number | null;
  /** value − previous, when both exist. */
  change: number | null;
}

/**
 * A ranking of groups (streets, departments) by one indicator, best first (for a rate where
 * lower is better, e.g. rework, the lowest first); groups with no data come last, shown as such.
 */
export function ranking(current: readonly KpiGroup[], previous: readonly KpiGroup[], id: KpiId, name: (g: KpiGroup) => string): RankingRow[] {
  const before = new Map(previous.map((g) => [g.key, g.indicators.find((k) => k.id === id)?.value ?? null]));
  const rows = current.map((g): RankingRow => {
    const k = g.indicators.find((x) => x.id === id);
    const value = k?.value ?? null;
    const prev = before.get(g.key) ?? null;
    return {
      key: g.key,
      label: name(g),
      numerator: k?.numerator ?? 0,
      denominator: k?.denominator ?? 0,
      value,
      previous: prev,
      change: value !== null && prev !== null ? value - prev : null,
    };
  });
  const sign = LOWER_IS_BETTER.has(id) ? 1 : -1;
  return rows.sort((a, b) => {
    if (a.value === null || b.value === null) return a.value === b.value ? byText(a.label, b.label) : a.value === null ? 1 : -1;
    return sign * (a.value - b.value) || b.denominator - a.denominator || byText(a.label, b.label);
  });
}

/** Indicators where a lower figure is the better one (arrows and colours turn round). */
export const LOWER_IS_BETTER: ReadonlySet<KpiId> = new Set<KpiId>(['reworkRate', 'returnRate', 'extensionRate']);

export const PERIOD_PRESETS = ['today', 'week', 'month'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** Today, this week (from Monday) or this month, in Beijing time, up to `now`. */
export function presetPeriod(preset: PeriodPreset, now: Date): Period {
  const day = bucketKey(now.toISOString(), 'day');
  let fromKey: string;
  let toMs: number;
  if (preset === 'today') {
    fromKey = day;
    toMs = Date.parse(bucketRange(day, 'day').to);
  } else if (preset === 'week') {
    fromKey = bucketKey(now.toISOString(), 'week');
    toMs = Date.parse(bucketRange(fromKey, 'week').to);
  } else {
    fromKey = `${day.slice(0, 8)}01`;
    const [y, m] = day.split('-').map(Number) as [number, number];
    toMs = Date.parse(`${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01T00:00:00+08:00`);
  }
  return { from: bucketRange(fromKey, 'day').from, to: new Date(toMs).toISOString(), asOf: now.toISOString() };
}

/** A custom period from two Beijing dates (inclusive), as of now. */
export function customPeriod(fromDay: string, toDay: string, now: Date): Period {
  return { from: bucketRange(fromDay, 'day').from, to: bucketRange(toDay, 'day').to, asOf: now.toISOString() };
}

/**
 * Hourly trends cover a week at most (168 bars). A month by the hour is 720 bars no one can
 * read, and the daily rollup that keeps a year's trend fast counts days, not hours.
 */
export const HOURLY_TREND_MAX_DAYS = 7;

/** Whether a trend of the period may be asked for by this bucket (the service refuses the others). */
export function bucketAllowed(period: { from: string; to: string }, bucket: TrendBucket): boolean {
  return bucket !== 'hour' || Date.parse(period.to) - Date.parse(period.from) <= HOURLY_TREND_MAX_DAYS * DAY_MS;
}

/** The trend bucket a period reads best in: hours for a day, days up to two months, then weeks. */
export function bucketFor(period: Period): TrendBucket {
  const days = (Date.parse(period.to) - Date.parse(period.from)) / DAY_MS;
  return days <= 2 ? 'hour' : days <= 62 ? 'day' : 'week';
}
