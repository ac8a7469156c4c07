import type { CaseKind, LoopLevel, Urgency } from '../catalog/category-types';
import type { Role } from './roles';
import type { CasePlace, Channel, PhotoRef, Satisfaction } from './case';
import type { Link, Stage } from './stages';
import type { BilingualText } from '../i18n-text';
import type { StepPerformer } from '../emergency/plan-schema';

/** What each kind of event records, beyond the envelope. Events are facts: past tense. */
export interface EventPayloads {
  reported: {
    number: string;
    categoryCode: string;
    kind: CaseKind;
    urgency: Urgency;
    level: LoopLevel;
    channel: Channel;
    description: string;
    place: CasePlace;
    componentCode?: string;
    photos: PhotoRef[];
    hasReporterContact: boolean;
    registerDeadline: string;
  };
  registered: { categoryCode: string; kind: CaseKind; urgency: Urgency; level: LoopLevel; note?: string; dispatchDeadline: string };
  rejected: { reason: string };
  linkedAsDuplicate: { primaryCaseId: string };
  unlinkedDuplicate: { primaryCaseId: string };
  routedToEmergency: { reason: string; dispatchDeadline: string };
  dispatched: {
    leadDepartmentId: string;
    assistingDepartmentIds: string[];
    instructions?: string;
    emergency: boolean;
    handleDeadline: string;
  };
  accepted: Record<string, never>;
  returned: { reason: string; departmentId: string; dispatchDeadline: string };
  extensionRequested: { minutes: number; reason: string };
  extensionGranted: { minutes: number; handleDeadline: string };
  extensionRefused: { reason?: string };
  suspensionRequested: { reason: string };
  suspensionGranted: { remainingMinutes: number };
  suspensionRefused: { reason?: string };
  resumed: { handleDeadline: string; note?: string };
  handled: { result: string; photos: PhotoRef[]; late: boolean };
  sentToVerify: { supervisorId?: string; verifyDeadline: string };
  verificationPassed: { note?: string; photos: PhotoRef[]; late: boolean };
  verificationFailed: { note?: string; photos: PhotoRef[]; late: boolean; handleDeadline: string };
  reworkOrdered: { reason: string; handleDeadline: string };
  closed: { note?: string };
  supervisionFlagged: { reason: string };
  reminderRaised: { link: Link; deadline: string };
  deadlineMissed: { link: Link; deadline: string };
  evaluated: { satisfaction: Satisfaction; note?: string };
  evidenceAttached: { photos: PhotoRef[]; note?: string };
  duplicateRecorded: { duplicateCaseId: string; linked: boolean };
  // Emergency linkage (应急联动): the coordinated timeline, in the case's own stream.
  alarmAcknowledged: { note?: string };
  emergencyPlanStarted: {
    planCode: string;
    departments: { departmentId: string; role: 'lead' | 'linked' }[];
    /** The checklist as it stood when started (title included: plans are revised, the record must not change). */
    steps: { id: string; title: BilingualText; by: StepPerformer; minutes: number; dueAt: string }[];
    instructions?: string;
  };
  linkageAcknowledged: { departmentId: string; note?: string };
  arrivalReported: { departmentId: string; note?: string; photos: PhotoRef[] };
  stepCompleted: { stepId: string; note?: string; late: boolean };
  linkedDepartmentAdded: { departmentId: string; reason?: string };
  emergencyEscalated: { reason: string; departmentId?: string };
  stepOverdue: { stepId: string; dueAt: string };
  emergencyClosed: { summary: string; openStepIds: string[] };
}

export type CaseEventType = keyof EventPayloads;

interface CaseEventEnvelope<T extends CaseEventType> {
  /** Global sequence number across all cases, assigned when the event is appended (0 before). */
  seq: number;
  caseId: string;
  /** The case's version after this event: 1 for its first event. */
  version: number;
  type: T;
  at: string;
  actor: { userId: string; role: Role; departmentId?: string };
  fromStage: Stage | null;
  toStage: Stage;
  /** The command that produced it: the idempotency key and the audit link. */
  commandId: string;
  payload: EventPayloads[T];
}

/** One immutable entry of the case trail (who, role, when, what, from-stage → to-stage). */
export type CaseEvent = { [T in CaseEventType]: CaseEventEnvelope<T> }[CaseEventType];
export type CaseEventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;
