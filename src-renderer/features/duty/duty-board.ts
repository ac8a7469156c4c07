import type { CaseState } from '../../../src-shared/domain/case';
import { alarmPending, isEmergencyCase, responseActive } from '../../../src-shared/domain/emergency-response';
import { isOpenStage, type Stage } from '../../../src-shared/domain/stages';

/**
 * What the duty officer's screen lists, as pure rules over the window's replica: the alarms
 * that ring (an open urgent case nobody has acknowledged), then the officer's work by what it
 * needs next. Urgent cases never wait in the normal queue: this is their queue.
 */
export const DUTY_GROUPS = ['alarm', 'awaitingPlan', 'active', 'followUp', 'closed'] as const;
export type DutyGroup = (typeof DUTY_GROUPS)[number];

/** Stages a plan can be started from (the rules table's `startEmergencyPlan.from`). */
const STARTABLE: readonly Stage[] = ['reported', 'registered', 'returned'];
/** A closed response stays on the board this long, for its after-action report. */
export const CLOSED_KEPT_MS = 24 * 60 * 60_000;

/**
 * Where a case belongs on the board, or undefined when it is none of the duty officer's:
 * - alarm: ringing (open, urgent, not acknowledged);
 * - awaitingPlan: acknowledged, no plan yet, still startable;
 * - active: a plan runs;
 * - followUp: open, urgent, but no plan runs (its response closed while the loop goes on, or it
 *   was dispatched without a plan);
 * - closed: its response closed within the last day (the report is still asked for).
 */
export function dutyGroupOf(state: CaseState, now: Date): DutyGroup | undefined {
  const response = state.emergencyResponse;
  if (isOpenStage(state.stage)) {
    if (!isEmergencyCase(state)) return undefined;
    if (alarmPending(state)) return 'alarm';
    if (responseActive(state)) return 'active';
    if (response?.startedAt === undefined && STARTABLE.includes(state.stage)) return 'awaitingPlan';
    return 'followUp';
  }
  const closedAt = response?.closedAt;
  return closedAt !== undefined && now.getTime() - Date.parse(closedAt) <= CLOSED_KEPT_MS ? 'closed' : undefined;
}

/** The earliest deadline of a step not done yet (overdue ones included), or undefined. */
export function nextOpenStepDue(state: CaseState): string | undefined {
  let first: string | undefined;
  for (const s of state.emergencyResponse?.steps ?? []) if (s.doneAt === undefined && (first === undefined || s.dueAt < first)) first = s.dueAt;
  return first;
}

/** Sort key within a group: what needs the officer first comes first. */
function orderKey(group: DutyGroup, c: CaseState): string {
  const r = c.emergencyResponse;
  switch (group) {
    // The alarm that has rung longest is answered first.
    case 'alarm':
      return c.reportedAt;
    case 'awaitingPlan':
      return r?.alarmAcknowledgedAt ?? c.reportedAt;
    // The response whose next step falls due soonest (an overdue one first).
    case 'active':
      return nextOpenStepDue(c) ?? '9999';
    case 'followUp':
      return c.reportedAt;
    // The most recently closed first: inverted so one ascending sort serves every group.
    case 'closed':
      return invert(r?.closedAt ?? '');
  }
}

function invert(iso: string): string {
  return [...iso].map((ch) => (/\d/.test(ch) ? String(9 - Number(ch)) : ch)).join('');
}

export type DutyBoard = Record<DutyGroup, CaseState[]>;

/** Every case of the officer's, grouped and ordered. One pass over the replica. */
export function dutyBoard(cases: Iterable<CaseState>, now: Date): DutyBoard {
  const board: DutyBoard = { alarm: [], awaitingPlan: [], active: [], followUp: [], closed: [] };
  const keys = new Map<string, string>();
  for (const c of cases) {
    const group = dutyGroupOf(c, now);
    if (!group) continue;
    board[group].push(c);
    keys.set(c.id, orderKey(group, c));
  }
  for (const group of DUTY_GROUPS) {
    board[group].sort((a, b) => (keys.get(a.id) ?? '').localeCompare(keys.get(b.id) ?? '') || a.id.localeCompare(b.id));
  }
  return board;
}

/** The board's cases in display order (alarms first). */
export function boardOrder(board: DutyBoard): CaseState[] {
  return DUTY_GROUPS.flatMap((g) => board[g]);
}

/**
 * Which case the screen shows when the officer has not picked one (or the picked one left the
 * board): the longest-ringing alarm, else the response due soonest, else the first on the board.
 */
export function defaultSelection(board: DutyBoard, current: string | null): string | null {
  const all = boardOrder(board);
  if (current !== null && all.some((c) => c.id === current)) return current;
  return all[0]?.id ?? null;
}
