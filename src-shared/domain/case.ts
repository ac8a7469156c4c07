import type { CaseKind, LoopLevel, Urgency } from '../catalog/category-types';
import type { BilingualText } from '../i18n-text';
import type { EmergencyResponse } from './emergency-response';
import type { Link, Stage } from './stages';

/** How a report reached the platform. */
export const CHANNELS = ['patrol', 'hotline', 'app', 'camera'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_NAMES: Record<Channel, BilingualText> = {
  patrol: { zh: '监督员上报', en: 'Supervisor patrol' },
  hotline: { zh: '12345热线', en: '12345 hotline' },
  app: { zh: '市民APP', en: 'Citizen app' },
  camera: { zh: '视频发现', en: 'Camera' },
};

export const SATISFACTION_LEVELS = ['satisfied', 'basic', 'dissatisfied', 'unreachable'] as const;
export type Satisfaction = (typeof SATISFACTION_LEVELS)[number];

export interface LonLat {
  lon: number;
  lat: number;
}

/** Where a case is, resolved against the district's grids. */
export interface CasePlace extends LonLat {
  gridCode: string;
  communityCode: string;
  streetCode: string;
  address?: string;
}

/** A stored photo: the service keeps the bytes; a case only refers to them. */
export interface PhotoRef {
  id: string;
  /** before = at report, after = with the department's feedback, check = at verification, evidence = a camera frame. */
  phase: 'before' | 'after' | 'check' | 'evidence';
}

export interface PendingRequest {
  type: 'extension' | 'suspension';
  reason: string;
  /** Extra time asked for (extension only). */
  minutes?: number;
  requestedBy: string;
  at: string;
}

/**
 * The case projection: what every screen shows. It is never written directly, only
 * computed by `evolve` from the case's events, so the trail and the state cannot disagree.
 */
export interface CaseState {
  id: string;
  /** Human case number, e.g. DC20261123-00042. */
  number: string;
  /** Number of events applied: the optimistic-concurrency token. */
  version: number;
  stage: Stage;
  kind: CaseKind;
  categoryCode: string;
  urgency: Urgency;
  level: LoopLevel;
  channel: Channel;
  description: string;
  place: CasePlace;
  componentCode?: string;
  /** The reporter's contact is stored apart from the case (personal data); this only says one exists. */
  hasReporterContact: boolean;
  photos: PhotoRef[];
  /** When each step happened (ISO instants). */
  reportedAt: string;
  registeredAt?: string;
  dispatchedAt?: string;
  acceptedAt?: string;
  handledAt?: string;
  sentToVerifyAt?: string;
  verifiedAt?: string;
  closedAt?: string;
  /** When the current handling clock started (dispatch, rework or resume). */
  handleStartedAt?: string;
  /**
   * When the current round of each link's clock started: report (register); register, return or
   * emergency route (dispatch); dispatch or rework (handle); send-to-verify (verify). An extension
   * or a resume continues the same round. The alarms (80 % reminder, 2× supervision) measure from
   * it. Absent in states written before it existed (readers fall back to the step instants).
   */
  linkStartedAt?: Partial<Record<Link, string>>;
  /** Suspensions (挂账) within the current handling round: its clock stood still from → to (open while suspended). */
  handlePauses?: { from: string; to?: string }[];
  /** Deadline per link as an instant; remaining time is computed from it, never stored. */
  deadlines: Partial<Record<Link, string>>;
  /** Links whose deadline was ever missed (by a late action or by the deadline watcher): kept for evaluation. */
  late: Partial<Record<Link, boolean>>;
  /** Links whose current deadline already had its reminder / its overdue alert (reset with a new deadline). */
  reminded: Partial<Record<Link, boolean>>;
  overdueAlerted: Partial<Record<Link, boolean>>;
  leadDepartmentId?: string;
  assistingDepartmentIds: string[];
  instructions?: string;
  /** Dispatched through the emergency-linkage route. */
  emergency: boolean;
  /**
   * The emergency-linkage response (应急联动), from the duty officer's alarm acknowledgement on:
   * plan, departments with acknowledgement and arrival, checklist steps, escalations, summary.
   * Absent until the alarm is acknowledged (and in every non-urgent case).
   */
  emergencyResponse?: EmergencyResponse;
  pendingRequest?: PendingRequest;
  /** The stage a suspended case resumes to, and the working minutes it had left. */
  suspendedFrom?: { stage: Stage; remainingMinutes: number };
  duplicateOf?: string;
  duplicates: string[];
  rejection?: { reason: string; by: string; at: string };
  result?: string;
  returnCount: number;
  reworkCount: number;
  extensionCount: number;
  suspensionCount: number;
  /** 督办: formally supervised because it was neglected or long overdue. */
  supervised: boolean;
  evaluation?: { satisfaction: Satisfaction; note?: string; at: string; by: string };
}
