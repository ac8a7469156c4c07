import { CHANNELS, type CaseState, type Channel } from '../../../src-shared/domain/case';
import { currentLink } from '../../../src-shared/domain/rules';
import { isOpenStage, type Stage } from '../../../src-shared/domain/stages';
import { bucketKey, bucketKeys, ranking, runningDeadline, type BreakdownRow, type RankingRow, type TrendPoint } from '../../../src-shared/kpi/board';
import { balancedIndicators, kpiGroupKey, reportsByChannel, type KpiGroup, type KpiGroupBy, type KpiId, type KpiValue, type Period } from '../../../src-shared/kpi/formulas';

/**
 * What the wall shows, whichever its source: the service's SQL figures for today (live) or the
 * same shared formulas over the replay's cases as of its cursor. One shape, so the panels do not
 * know which they show.
 */
export interface WallFigures {
  period: Period;
  /** The balanced indicators of the district, side by side (src-shared/kpi/formulas.ts). */
  indicators: KpiValue[];
  /** The same indicators to compare with (live: yesterday by the same hour; replay: as the hour began). */
  previous: KpiValue[];
  counters: WallCounters;
  streets: RankingRow[];
  departments: RankingRow[];
  /** Reports and closures per Beijing hour of the day. */
  hours: HourCount[];
  /** Reports per channel in the period, every channel present. */
  channels: { key: Channel; reports: number }[];
}

export interface WallCounters {
  /** Reported in the period so far. */
  reported: number;
  /** Closed in the period so far. */
  closed: number;
  /** Open now (any stage but the terminal ones). */
  open: number;
  /** Open and past the deadline of the link they wait on. */
  overdue: number;
  /** Open cases by the step of the loop they wait on. */
  waiting: Record<LoopStep, number>;
}

/** Where an open case waits: the centre to register or dispatch it, a department, the check and close, or parked. */
export const LOOP_STEPS = ['register', 'dispatch', 'handle', 'verify', 'suspended'] as const;
export type LoopStep = (typeof LOOP_STEPS)[number];

export function loopStepOf(stage: Stage): LoopStep | undefined {
  if (stage === 'suspended') return 'suspended';
  if (stage === 'handled' || stage === 'verified') return 'verify';
  return currentLink(stage);
}

export interface HourCount {
  key: string;
  reported: number;
  closed: number;
}

/** The rankings are by the headline evaluation: on-time closure (按期结案率). */
export const RANKED_BY: KpiId = 'onTimeClosureRate';
/** The indicators shown large; the rest of the balanced set is shown small beside them. */
export const HEADLINE: readonly KpiId[] = ['onTimeClosureRate', 'closureRate', 'reworkRate', 'satisfactionRate'];

export type GroupName = (by: KpiGroupBy, key: string | null) => string;

function inPeriod(instant: string | undefined, fromMs: number, toMs: number, asOfMs: number): boolean {
  if (instant === undefined) return false;
  const t = Date.parse(instant);
  return t >= fromMs && t < toMs && t <= asOfMs;
}

/** One pass over the cases: the counters as of the period's asOf. */
export function countersOf(cases: Iterable<CaseState>, period: Period): WallCounters {
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  const asOf = Date.parse(period.asOf);
  const out: WallCounters = { reported: 0, closed: 0, open: 0, overdue: 0, waiting: { register: 0, dispatch: 0, handle: 0, verify: 0, suspended: 0 } };
  for (const c of cases) {
    if (inPeriod(c.reportedAt, from, to, asOf)) out.reported += 1;
    if (inPeriod(c.closedAt, from, to, asOf)) out.closed += 1;
    if (isOpenStage(c.stage)) {
      out.open += 1;
      const step = loopStepOf(c.stage);
      if (step) out.waiting[step] += 1;
      const deadline = runningDeadline(c);
      if (deadline !== undefined && Date.parse(deadline) < asOf) out.overdue += 1;
    }
  }
  return out;
}

/** Reports and closures per Beijing hour of the period, every hour present (zeros included). */
export function hoursOf(cases: Iterable<CaseState>, period: Period): HourCount[] {
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  const asOf = Date.parse(period.asOf);
  const rows = new Map(bucketKeys(period, 'hour').map((key) => [key, { key, reported: 0, closed: 0 }]));
  for (const c of cases) {
    if (inPeriod(c.reportedAt, from, to, asOf)) {
      const row = rows.get(bucketKey(c.reportedAt, 'hour'));
      if (row) row.reported += 1;
    }
    if (c.closedAt !== undefined && inPeriod(c.closedAt, from, to, asOf)) {
      const row = rows.get(bucketKey(c.closedAt, 'hour'));
      if (row) row.closed += 1;
    }
  }
  return [...rows.values()];
}

/** The groups of a grouping with their balanced indicators, computed in memory (formulas.ts). */
export function groupsOf(cases: readonly CaseState[], period: Period, by: KpiGroupBy): KpiGroup[] {
  const parts = new Map<string | null, CaseState[]>();
  for (const c of cases) {
    const key = kpiGroupKey(c, by);
    const list = parts.get(key);
    if (list) list.push(c);
    else parts.set(key, [c]);
  }
  return [...parts].map(([key, members]) => ({ key, indicators: balancedIndicators(members, period), reportsByChannel: reportsByChannel(members, period) }));
}

/** Named rankings of streets and departments by on-time closure, against reference groups. */
export function rankings(
  current: { streets: KpiGroup[]; departments: KpiGroup[] },
  previous: { streets: readonly KpiGroup[]; departments: readonly KpiGroup[] },
  name: GroupName,
): { streets: RankingRow[]; departments: RankingRow[] } {
  return {
    streets: ranking(current.streets, previous.streets, RANKED_BY, (g) => name('street', g.key)),
    // A case not yet dispatched has no lead department: it is not a department's to rank.
    departments: ranking(
      current.departments.filter((g) => g.key !== null),
      previous.departments,
      RANKED_BY,
      (g) => name('department', g.key),
    ),
  };
}

/** Channel counts from the service's breakdown rows, every channel present, in the shared order. */
export function channelsFrom(rows: readonly BreakdownRow[]): { key: Channel; reports: number }[] {
  const byKey = new Map(rows.map((r) => [r.key, r.reports]));
  return CHANNELS.map((key) => ({ key, reports: byKey.get(key) ?? 0 }));
}

/** Hour counts from the service's trend points (same keys as `hoursOf`). */
export function hoursFrom(points: readonly TrendPoint[]): HourCount[] {
  return points.map((p) => ({ key: p.key, reported: p.reported, closed: p.closed }));
}

/** The reference a replay compares with: the groups as they were when the current hour began. */
export interface ReplayReference {
  hour: string;
  district: KpiValue[];
  streets: KpiGroup[];
  departments: KpiGroup[];
}

/**
 * The wall's figures over a replica's cases as of `period.asOf` (the replay's cursor). Returns the
 * reference to keep for the next call: when the cursor enters a new hour, what was computed last
 * (the figures as the hour began) becomes what the arrows compare with until the next hour.
 */
export function replayFigures(
  cases: readonly CaseState[],
  period: Period,
  name: GroupName,
  last: ReplayReference | null,
  reference: ReplayReference | null,
): { figures: WallFigures; last: ReplayReference; reference: ReplayReference | null } {
  // The end of an hour (and of the day, 24:00) still belongs to it.
  const hour = bucketKey(new Date(Date.parse(period.asOf) - 1).toISOString(), 'hour');
  const indicators = balancedIndicators(cases, period);
  const streets = groupsOf(cases, period, 'street');
  const departments = groupsOf(cases, period, 'department');
  const now: ReplayReference = { hour, district: indicators, streets, departments };
  const ref = last && last.hour !== hour ? last : reference;
  const counts = reportsByChannel(cases, period);
  return {
    figures: {
      period,
      indicators,
      previous: ref?.district ?? [],
      counters: countersOf(cases, period),
      ...rankings({ streets, departments }, ref ?? { streets: [], departments: [] }, name),
      hours: hoursOf(cases, period),
      channels: CHANNELS.map((key) => ({ key, reports: counts[key].reports })),
    },
    last: now,
    reference: ref,
  };
}

/** A ranking row with its place in the full ranking (1 = best). */
export interface PlacedRow {
  place: number;
  row: RankingRow;
}

/**
 * A red and black list (红黑榜) for a wall that cannot show every row: the best few and the worst
 * few with figures, and how many rows lie between or have no data. A short ranking is shown whole.
 */
export function redBlack(rows: readonly RankingRow[], best = 4, worst = 4): { best: PlacedRow[]; worst: PlacedRow[]; between: number; noData: number } {
  const placed = rows.map((row, i) => ({ place: i + 1, row }));
  const measured = placed.filter((p) => p.row.value !== null);
  const noData = placed.length - measured.length;
  if (measured.length <= best + worst) return { best: measured, worst: [], between: 0, noData };
  return { best: measured.slice(0, best), worst: measured.slice(-worst), between: measured.length - best - worst, noData };
}
