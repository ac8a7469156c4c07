import type { Category, TimeLimit } from '../catalog/category-types';
import type { CaseState } from './case';
import { effectiveLimit } from './context';
import { nextStepDueAt } from './emergency-response';
import { currentLink } from './rules';
import type { Link } from './stages';

/**
 * Deadline alarms (时限提醒 / 超期告警 / 督办) as pure rules: when each is due for the link
 * whose clock runs, and which are due at a given instant. The deadline watcher issues them;
 * the store keeps the next instant as a column so the watcher finds due cases with one query.
 *
 * A link's round runs from its start (`linkStartedAt`) to its deadline, on the link's clock
 * (working minutes, or natural minutes for natural-clock limits and every urgent case), minus
 * any suspension (挂账) in between. "Allowed" is that round's length, so a granted extension
 * counts as allowed time and a suspension does not count as taken time.
 *
 * Formal supervision (督办) is for the handle link only: it is the department's overtime
 * multiple (处置超时倍数) that the inspection bureau acts on. Register, dispatch and verify are
 * the centres' own 10–60-minute links; their reminder and overdue alert reach the centres
 * themselves, and a dispatcher can still flag supervision by hand.
 */

export interface AlarmThresholds {
  /** Share of the allowed time elapsed when the reminder is due (0–1). */
  reminderShare: number;
  /** Overtime multiple (time taken ÷ time allowed) at which supervision is due (≥ 1). */
  supervisionMultiple: number;
}

export const DEFAULT_ALARM_THRESHOLDS: Readonly<AlarmThresholds> = Object.freeze({ reminderShare: 0.8, supervisionMultiple: 2 });

/** The part of the working calendar the alarms use (WorkingCalendar fits). */
export interface AlarmCalendar {
  addLimit(from: Date, limit: TimeLimit): Date;
  minutesBetween(from: Date, to: Date, clock: TimeLimit['clock']): number;
}

export interface AlarmInputs {
  calendar: AlarmCalendar;
  /** The case's category (its limits give the link's clock). */
  category: Category;
  thresholds?: AlarmThresholds;
}

export type AlarmKind = 'reminder' | 'overdue' | 'supervision';

/** One round of a link's clock. */
export interface LinkRound {
  link: Link;
  clock: TimeLimit['clock'];
  startedAt: Date;
  deadline: Date;
  /** Where the clock last started running: the round's start, or the end of its last suspension. */
  runningSince: Date;
  /** Clock minutes spent suspended in the round (finished suspensions only). */
  pausedMinutes: number;
  /** Clock minutes allowed for the round: start → deadline, suspensions excluded. */
  allowedMinutes: number;
}

export interface AlarmSchedule extends LinkRound {
  reminderAt: Date;
  /** The deadline itself. */
  overdueAt: Date;
  /** Handle link only. */
  supervisionAt?: Date;
}

export interface DueAlarm {
  kind: AlarmKind;
  link: Link;
  /** The link's deadline (ISO), as the alarm's events carry it. */
  deadline: string;
  /** The round's start (ISO): with the deadline, it names the round an alarm belongs to. */
  startedAt: string;
  /** When it became due. */
  dueAt: Date;
}

export function assertValidThresholds(t: AlarmThresholds): void {
  if (!(t.reminderShare >= 0 && t.reminderShare <= 1)) throw new RangeError(`reminderShare must be within 0–1: ${t.reminderShare}`);
  if (!(t.supervisionMultiple >= 1 && Number.isFinite(t.supervisionMultiple))) {
    throw new RangeError(`supervisionMultiple must be a finite number ≥ 1: ${t.supervisionMultiple}`);
  }
}

/** The clock the link's deadline was computed on (mirrors `decide`: urgent or on the emergency route → natural). */
function clockOf(state: CaseState, category: Category, link: Link): TimeLimit['clock'] {
  const urgency = state.emergency ? 'urgent' : state.urgency;
  return effectiveLimit(category.limits[link], urgency).clock;
}

/** States written before `linkStartedAt` existed: the step instant that started the link. */
function legacyStart(state: CaseState, link: Link): string | undefined {
  return { register: state.reportedAt, dispatch: state.registeredAt, handle: state.handleStartedAt, verify: state.sentToVerifyAt }[link];
}

/** The current (or last) round of a link, if it has a start and a deadline. */
export function linkRound(state: CaseState, link: Link, inputs: AlarmInputs): LinkRound | undefined {
  const start = state.linkStartedAt?.[link] ?? legacyStart(state, link);
  const due = state.deadlines[link];
  if (start === undefined || due === undefined) return undefined;
  const { calendar } = inputs;
  const clock = clockOf(state, inputs.category, link);
  const startedAt = new Date(start);
  const deadline = new Date(due);
  const finished = link === 'handle' ? (state.handlePauses ?? []).filter((p): p is { from: string; to: string } => p.to !== undefined) : [];
  const pausedMinutes = finished.reduce((sum, p) => sum + calendar.minutesBetween(new Date(p.from), new Date(p.to), clock), 0);
  const lastResume = finished.at(-1)?.to;
  return {
    link,
    clock,
    startedAt,
    deadline,
    runningSince: lastResume === undefined ? startedAt : new Date(lastResume),
    pausedMinutes,
    allowedMinutes: calendar.minutesBetween(startedAt, deadline, clock) - pausedMinutes,
  };
}

/** When each alarm of the current link is due; undefined when no link's clock runs. */
export function alarmSchedule(state: CaseState, inputs: AlarmInputs): AlarmSchedule | undefined {
  const thresholds = inputs.thresholds ?? DEFAULT_ALARM_THRESHOLDS;
  assertValidThresholds(thresholds);
  const link = currentLink(state.stage);
  const round = link && linkRound(state, link, inputs);
  if (!round) return undefined;
  const { calendar } = inputs;
  const allowed = Math.max(0, round.allowedMinutes);
  // Counted forward from where the clock last started, so a suspension moves the reminder with the deadline.
  const leftWhenRunning = calendar.minutesBetween(round.runningSince, round.deadline, round.clock);
  const untilReminder = Math.max(0, leftWhenRunning - (1 - thresholds.reminderShare) * allowed);
  const reminderAt = calendar.addLimit(round.runningSince, { minutes: untilReminder, clock: round.clock });
  const supervisionAt =
    round.link === 'handle'
      ? calendar.addLimit(round.deadline, { minutes: (thresholds.supervisionMultiple - 1) * allowed, clock: round.clock })
      : undefined;
  return { ...round, reminderAt, overdueAt: round.deadline, ...(supervisionAt ? { supervisionAt } : {}) };
}

/**
 * The alarms to issue at `now`, in order, given what the case already had. A reminder whose
 * deadline has passed is dropped (the overdue alert says more, and `decide` refuses a reminder
 * after it); overdue and supervision can both be due after a long outage.
 */
export function dueAlarms(state: CaseState, now: Date, inputs: AlarmInputs): DueAlarm[] {
  const plan = alarmSchedule(state, inputs);
  if (!plan) return [];
  const t = now.getTime();
  const alarm = (kind: AlarmKind, dueAt: Date): DueAlarm => ({
    kind,
    link: plan.link,
    deadline: plan.deadline.toISOString(),
    startedAt: plan.startedAt.toISOString(),
    dueAt,
  });
  const due: DueAlarm[] = [];
  if (!state.overdueAlerted[plan.link]) {
    if (t >= plan.overdueAt.getTime()) due.push(alarm('overdue', plan.overdueAt));
    else if (!state.reminded[plan.link] && t >= plan.reminderAt.getTime()) due.push(alarm('reminder', plan.reminderAt));
  }
  if (plan.supervisionAt && !state.supervised && t >= plan.supervisionAt.getTime()) due.push(alarm('supervision', plan.supervisionAt));
  return due;
}

/**
 * The earliest instant an alarm not yet raised falls due (possibly past); undefined when none
 * will. The deadline of an emergency plan's next open step counts too (its overdue alert is an
 * alarm like a link's), so the watcher finds both with the one `next_alarm_at` query.
 */
export function nextAlarmAt(state: CaseState, inputs: AlarmInputs): Date | undefined {
  const plan = alarmSchedule(state, inputs);
  const candidates: Date[] = [];
  if (plan && !state.overdueAlerted[plan.link]) candidates.push(state.reminded[plan.link] ? plan.overdueAt : plan.reminderAt);
  if (plan?.supervisionAt && !state.supervised) candidates.push(plan.supervisionAt);
  const step = nextStepDueAt(state);
  if (step !== undefined) candidates.push(new Date(step));
  return candidates.reduce<Date | undefined>((min, d) => (min === undefined || d < min ? d : min), undefined);
}

/**
 * 处置超时倍数 of the last handling round: time taken ÷ time allowed, on the round's clock,
 * suspensions excluded. Taken runs to `now` while the department holds the case, to the
 * suspension while suspended, and to the feedback once fed back. Below 1 = on time.
 * Undefined before any dispatch and for a returned case; Infinity for a zero allowance used at all.
 */
export function overtimeMultiple(state: CaseState, now: Date, inputs: Omit<AlarmInputs, 'thresholds'>): number | undefined {
  const round = linkRound(state, 'handle', inputs);
  if (!round) return undefined;
  const open = (state.handlePauses ?? []).find((p) => p.to === undefined);
  const fedBack = state.handledAt !== undefined && Date.parse(state.handledAt) >= round.startedAt.getTime() ? new Date(state.handledAt) : undefined;
  // An open pause exists only while suspended; a returned case has no handling time to judge.
  const end = currentLink(state.stage) === 'handle' ? now : open ? new Date(open.from) : fedBack;
  if (end === undefined) return undefined;
  const taken = inputs.calendar.minutesBetween(round.startedAt, end, round.clock) - round.pausedMinutes;
  if (round.allowedMinutes <= 0) return taken > 0 ? Infinity : 0;
  return taken / round.allowedMinutes;
}
