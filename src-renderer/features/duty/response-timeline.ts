import type { EmergencyResponse, EmergencyStep } from '../../../src-shared/domain/emergency-response';
import type { StepPerformer } from '../../../src-shared/emergency/plan-schema';
import type { BilingualText } from '../../../src-shared/i18n-text';

/**
 * The coordinated timeline of one response, as rows a person reads top to bottom: the alarm,
 * the plan's start, every department's acknowledgement and arrival, every step done (or missed),
 * the escalations and the close. Pure: the screen and the unit tests read the same rows.
 */
export type TimelineKind = 'alarm' | 'started' | 'linked' | 'acknowledged' | 'arrived' | 'stepDone' | 'stepOverdue' | 'escalated' | 'closed';

export interface TimelineRow {
  at: string;
  kind: TimelineKind;
  /** Who did it (user id), when the response records it. */
  by?: string;
  departmentId?: string;
  step?: { id: string; title: BilingualText };
  /** A step done after its deadline. */
  late?: boolean;
  /** Minutes from the department's linking to this acknowledgement or arrival. */
  afterMinutes?: number;
  text?: string;
}

const minutesBetween = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / 60_000);

/** Kinds at one instant in the order they happen (a plan start links its departments at once). */
const ORDER: Record<TimelineKind, number> = { alarm: 0, started: 1, linked: 2, acknowledged: 3, arrived: 4, stepDone: 5, stepOverdue: 6, escalated: 7, closed: 8 };

export function timelineRows(r: EmergencyResponse | undefined): TimelineRow[] {
  if (!r) return [];
  const rows: TimelineRow[] = [];
  if (r.alarmAcknowledgedAt) rows.push({ at: r.alarmAcknowledgedAt, kind: 'alarm', ...(r.alarmAcknowledgedBy ? { by: r.alarmAcknowledgedBy } : {}) });
  if (r.startedAt) rows.push({ at: r.startedAt, kind: 'started', ...(r.startedBy ? { by: r.startedBy } : {}), ...(r.planCode ? { text: r.planCode } : {}) });
  for (const d of r.departments) {
    // Departments the plan brought in are named by the start itself; only later ones get a row.
    if (d.linkedAt !== r.startedAt) rows.push({ at: d.linkedAt, kind: 'linked', departmentId: d.departmentId });
    if (d.acknowledgedAt) {
      rows.push({ at: d.acknowledgedAt, kind: 'acknowledged', departmentId: d.departmentId, afterMinutes: minutesBetween(d.linkedAt, d.acknowledgedAt), ...(d.acknowledgedBy ? { by: d.acknowledgedBy } : {}) });
    }
    if (d.arrivedAt) {
      rows.push({ at: d.arrivedAt, kind: 'arrived', departmentId: d.departmentId, afterMinutes: minutesBetween(d.linkedAt, d.arrivedAt), ...(d.arrivedBy ? { by: d.arrivedBy } : {}) });
    }
  }
  for (const s of r.steps) {
    const step = { id: s.id, title: s.title };
    // The overdue alert happened at the deadline, whether or not the step was done later.
    if (s.overdue) rows.push({ at: s.dueAt, kind: 'stepOverdue', step });
    if (s.doneAt) rows.push({ at: s.doneAt, kind: 'stepDone', step, late: s.late === true, ...(s.doneBy ? { by: s.doneBy } : {}), ...(s.note ? { text: s.note } : {}) });
  }
  for (const e of r.escalations) rows.push({ at: e.at, kind: 'escalated', by: e.by, text: e.reason, ...(e.departmentId ? { departmentId: e.departmentId } : {}) });
  if (r.closedAt) rows.push({ at: r.closedAt, kind: 'closed', ...(r.closedBy ? { by: r.closedBy } : {}), ...(r.summary ? { text: r.summary } : {}) });
  return rows.sort((a, b) => a.at.localeCompare(b.at) || ORDER[a.kind] - ORDER[b.kind]);
}

/** `undone`: left open when the response closed (the report says so; it no longer counts down). */
export type StepStatus = 'done' | 'late' | 'overdue' | 'open' | 'undone';

export interface StepRow {
  id: string;
  title: BilingualText;
  by: StepPerformer;
  dueAt: string;
  doneAt?: string;
  status: StepStatus;
  /** Minutes until the deadline (negative: past it); undefined once done. */
  minutesLeft?: number;
}

/** A step is overdue once its deadline passed undone, whether or not the watcher has said so yet. */
export function stepStatus(s: EmergencyStep, now: Date, closedAt?: string): StepStatus {
  if (s.doneAt) return s.late ? 'late' : 'done';
  if (closedAt !== undefined) return 'undone';
  return s.overdue || now.getTime() >= Date.parse(s.dueAt) ? 'overdue' : 'open';
}

/** The checklist, in the plan's order, with each step's standing at `now`. */
export function stepRows(r: EmergencyResponse | undefined, now: Date): StepRow[] {
  return (r?.steps ?? []).map((s) => {
    const status = stepStatus(s, now, r?.closedAt);
    const counting = status === 'open' || status === 'overdue';
    return {
      id: s.id,
      title: s.title,
      by: s.by,
      dueAt: s.dueAt,
      ...(s.doneAt ? { doneAt: s.doneAt } : {}),
      ...(counting ? { minutesLeft: Math.floor((Date.parse(s.dueAt) - now.getTime()) / 60_000) } : {}),
      status,
    };
  });
}

/** Ids of the steps overdue at `now`: the alert sounds when this set gains a member. */
export function overdueStepIds(r: EmergencyResponse | undefined, now: Date): string[] {
  return stepRows(r, now)
    .filter((s) => s.status === 'overdue')
    .map((s) => s.id);
}

export interface DepartmentRow {
  departmentId: string;
  role: 'lead' | 'linked';
  linkedAt: string;
  acknowledgedAt?: string;
  arrivedAt?: string;
  /** Minutes from linking to acknowledgement / arrival (what the after-action report judges). */
  toAcknowledge?: number;
  toArrive?: number;
  /** Minutes waited so far for the acknowledgement, while it is missing. */
  waiting?: number;
}

/** Each linked department's standing: the lead first, then in the order they were linked. */
export function departmentRows(r: EmergencyResponse | undefined, now: Date): DepartmentRow[] {
  return (r?.departments ?? []).map((d) => ({
    departmentId: d.departmentId,
    role: d.role,
    linkedAt: d.linkedAt,
    ...(d.acknowledgedAt ? { acknowledgedAt: d.acknowledgedAt, toAcknowledge: minutesBetween(d.linkedAt, d.acknowledgedAt) } : {}),
    ...(d.arrivedAt ? { arrivedAt: d.arrivedAt, toArrive: minutesBetween(d.linkedAt, d.arrivedAt) } : {}),
    ...(!d.acknowledgedAt && r?.closedAt === undefined ? { waiting: Math.max(0, minutesBetween(d.linkedAt, now.toISOString())) } : {}),
  }));
}
