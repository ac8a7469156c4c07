import type { BilingualText } from '../i18n-text';
import type { StepPerformer } from '../emergency/plan-schema';
import { isOpenStage, type Stage } from './stages';

/**
 * The emergency response (应急联动) of one urgent case, as part of the case projection: the
 * duty officer's alarm acknowledgement, the plan that was started, the departments it linked
 * (each one's acknowledgement and arrival), the checklist steps with their deadlines, the
 * escalations, and the end with its summary. Computed by `evolve` from the case's own events,
 * so the coordinated timeline and the case trail are one record.
 */

export interface EmergencyDepartment {
  departmentId: string;
  role: 'lead' | 'linked';
  /** When it was brought in: the plan's start, or when the duty officer added it. */
  linkedAt: string;
  /** It has received the task (接报确认). */
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  /** Its people are on the scene (到场). */
  arrivedAt?: string;
  arrivedBy?: string;
}

export interface EmergencyStep {
  id: string;
  title: BilingualText;
  by: StepPerformer;
  /** The step's limit in natural minutes from the plan's start. */
  minutes: number;
  dueAt: string;
  doneAt?: string;
  doneBy?: string;
  note?: string;
  /** Done after `dueAt` (kept for the after-action report). */
  late?: boolean;
  /** The deadline watcher raised the overdue alert (the step was not done in time). */
  overdue: boolean;
}

export interface EmergencyEscalation {
  at: string;
  by: string;
  reason: string;
  /** The department the escalation urges, when it is about one (催办). */
  departmentId?: string;
}

export interface EmergencyResponse {
  alarmAcknowledgedAt?: string;
  alarmAcknowledgedBy?: string;
  planCode?: string;
  startedAt?: string;
  startedBy?: string;
  departments: EmergencyDepartment[];
  steps: EmergencyStep[];
  escalations: EmergencyEscalation[];
  closedAt?: string;
  closedBy?: string;
  summary?: string;
}

/** The part of a case these rules read. */
interface EmergencyCase {
  stage: Stage;
  urgency: 'normal' | 'urgent';
  emergency: boolean;
  emergencyResponse?: EmergencyResponse;
}

/** Urgent by category or registration, or routed to the emergency-linkage centre. */
export function isEmergencyCase(state: Pick<EmergencyCase, 'urgency' | 'emergency'>): boolean {
  return state.emergency || state.urgency === 'urgent';
}

/**
 * The duty officer's alarm (sound and light) is on: an open urgent case nobody on the duty desk
 * has acknowledged yet. Derived from the case, so every duty window agrees, a reconnecting one
 * finds it, and one officer's acknowledgement silences them all.
 */
export function alarmPending(state: EmergencyCase): boolean {
  return isEmergencyCase(state) && isOpenStage(state.stage) && state.emergencyResponse?.alarmAcknowledgedAt === undefined;
}

/** A plan has been started and the emergency not yet closed. */
export function responseActive(state: Pick<EmergencyCase, 'emergencyResponse'>): boolean {
  const r = state.emergencyResponse;
  return r?.startedAt !== undefined && r.closedAt === undefined;
}

export function responseDepartment(state: Pick<EmergencyCase, 'emergencyResponse'>, departmentId: string | undefined): EmergencyDepartment | undefined {
  return departmentId === undefined ? undefined : state.emergencyResponse?.departments.find((d) => d.departmentId === departmentId);
}

/** Steps of an active response not done and not yet alerted: what the deadline watcher looks after. */
export function watchedSteps(state: EmergencyCase): EmergencyStep[] {
  if (!responseActive(state) || !isOpenStage(state.stage)) return [];
  return (state.emergencyResponse as EmergencyResponse).steps.filter((s) => s.doneAt === undefined && !s.overdue);
}

/** The earliest deadline of a watched step (ISO), or undefined. */
export function nextStepDueAt(state: EmergencyCase): string | undefined {
  return watchedSteps(state).reduce<string | undefined>((min, s) => (min === undefined || s.dueAt < min ? s.dueAt : min), undefined);
}

/** Watched steps whose deadline has passed at `now`, earliest first. */
export function overdueSteps(state: EmergencyCase, now: Date): EmergencyStep[] {
  return watchedSteps(state)
    .filter((s) => Date.parse(s.dueAt) <= now.getTime())
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

/**
 * What a department still owes a running response: acknowledge it, then report arrival; undefined
 * when it is not linked, has arrived, or no response runs. For the department desk's queue: a
 * linked (not lead) department has no "to sign" work, yet must find the case to answer it.
 */
export function linkageTask(state: EmergencyCase, departmentId: string | undefined): 'acknowledge' | 'arrive' | undefined {
  // A running response keeps its case open (no close, no return), so its stage needs no check.
  if (!responseActive(state)) return undefined;
  const dept = responseDepartment(state, departmentId);
  if (!dept || dept.arrivedAt) return undefined;
  return dept.acknowledgedAt ? 'arrive' : 'acknowledge';
}
