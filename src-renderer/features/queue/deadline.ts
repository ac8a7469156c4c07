import type { Category, TimeLimit } from '../../../src-shared/catalog/category-types';
import { alarmSchedule, type AlarmCalendar } from '../../../src-shared/domain/alarms';
import type { CaseState } from '../../../src-shared/domain/case';
import type { Link } from '../../../src-shared/domain/stages';

/**
 * The current link's deadline of a case, as the queue shows it: a countdown coloured by the
 * share of the link's allowed time still left (> 50 % calm, 20–50 % amber, < 20 % red, past
 * the deadline overdue).
 *
 * Why instants rather than a share per row: the share on the working clock costs a walk over
 * calendar days, and a leader's queue holds 10,000 cases recomputed while events stream in.
 * The instants at which a case turns amber and red are fixed for one version of a case, so
 * they are computed once per version (the same rule as the 80 % reminder: `alarmSchedule`
 * with another threshold) and colouring is then three comparisons.
 */
export type DeadlineTone = 'calm' | 'amber' | 'red' | 'overdue';

export interface CaseTiming {
  link: Link;
  clock: TimeLimit['clock'];
  deadline: number;
  /** When half of the allowed time is gone (amber from here). */
  amberAt: number;
  /** When 80 % of it is gone, i.e. < 20 % left (red from here). */
  redAt: number;
  allowedMinutes: number;
}

export const AMBER_SHARE = 0.5;
export const RED_SHARE = 0.2;

/** Tone of a remaining share (1 = all time left, 0 = at the deadline, < 0 = over it). */
export function toneOfShare(share: number, overdue: boolean): DeadlineTone {
  if (overdue || share < 0) return 'overdue';
  if (share < RED_SHARE) return 'red';
  if (share <= AMBER_SHARE) return 'amber';
  return 'calm';
}

export function caseTiming(state: CaseState, category: Category | undefined, calendar: AlarmCalendar): CaseTiming | undefined {
  if (!category) return undefined;
  const amber = alarmSchedule(state, { calendar, category, thresholds: { reminderShare: 1 - AMBER_SHARE, supervisionMultiple: 2 } });
  if (!amber) return undefined;
  const red = alarmSchedule(state, { calendar, category, thresholds: { reminderShare: 1 - RED_SHARE, supervisionMultiple: 2 } });
  return {
    link: amber.link,
    clock: amber.clock,
    deadline: amber.deadline.getTime(),
    amberAt: amber.reminderAt.getTime(),
    redAt: (red?.reminderAt ?? amber.deadline).getTime(),
    allowedMinutes: amber.allowedMinutes,
  };
}

export function toneAt(timing: CaseTiming | undefined, nowMs: number): DeadlineTone | undefined {
  if (!timing) return undefined;
  if (nowMs >= timing.deadline) return 'overdue';
  // Red strictly below 20 % left, amber from 50 % left: the same edges as toneOfShare.
  if (nowMs > timing.redAt) return 'red';
  if (nowMs >= timing.amberAt) return 'amber';
  return 'calm';
}

/**
 * Timings cached per case version: a case's deadline changes only with an event, which bumps
 * its version. Entries of cases no longer in the window are dropped by `prune`.
 */
export class TimingCache {
  private readonly entries = new Map<string, { version: number; timing: CaseTiming | undefined }>();

  constructor(
    private readonly categoryOf: (code: string) => Category | undefined,
    private readonly calendar: AlarmCalendar,
  ) {}

  get(state: CaseState): CaseTiming | undefined {
    const hit = this.entries.get(state.id);
    if (hit && hit.version === state.version) return hit.timing;
    const timing = caseTiming(state, this.categoryOf(state.categoryCode), this.calendar);
    this.entries.set(state.id, { version: state.version, timing });
    return timing;
  }

  prune(alive: (id: string) => boolean): void {
    for (const id of this.entries.keys()) if (!alive(id)) this.entries.delete(id);
  }
}

/** "3h12m", "2d4h", "45m" — compact, fixed order, the same in both languages. */
export function compactDuration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1_440);
  const hours = Math.floor((minutes % 1_440) / 60);
  const mins = minutes % 60;
  if (days > 0) return `${days}d${hours}h`;
  if (hours > 0) return `${hours}h${String(mins).padStart(2, '0')}m`;
  return `${mins}m`;
}
