import { refusal, type Refusal } from '../errors';
import type { CaseState } from './case';
import type { CommandType } from './commands';
import { rightDesk } from './desk';
import { responseDepartment } from './emergency-response';
import type { Actor } from './roles';

/** The commands of the emergency-linkage plan engine (decided in emergency-decide.ts). */
export const EMERGENCY_COMMAND_TYPES = [
  'acknowledgeAlarm',
  'startEmergencyPlan',
  'acknowledgeLinkage',
  'reportArrival',
  'completeStep',
  'addLinkedDepartment',
  'escalateEmergency',
  'closeEmergency',
  'markStepOverdue',
] as const satisfies readonly CommandType[];

export type EmergencyCommandType = (typeof EMERGENCY_COMMAND_TYPES)[number];

export function isEmergencyCommandType(type: CommandType): type is EmergencyCommandType {
  return (EMERGENCY_COMMAND_TYPES as readonly CommandType[]).includes(type);
}

/**
 * The department commands of a response: any lead or linked department may issue them, not
 * only the lead (so `checkPermission` leaves the department check to `emergencyGuard`).
 */
export const LINKAGE_COMMAND_TYPES: readonly CommandType[] = ['acknowledgeLinkage', 'reportArrival'];

/** A plan is running: started, not yet closed. */
function active(state: CaseState): Refusal | null {
  const r = state.emergencyResponse;
  if (r?.startedAt === undefined) return refusal('NO_EMERGENCY_RESPONSE');
  if (r.closedAt !== undefined) return refusal('EMERGENCY_CLOSED', { at: r.closedAt });
  return null;
}

/** The acting department is part of the running response, and has not done this already. */
function linkage(state: CaseState, type: 'acknowledgeLinkage' | 'reportArrival', actor: Actor): Refusal | null {
  const departmentId = actor.departmentId ?? '';
  const dept = responseDepartment(state, departmentId);
  if (!dept) return refusal('NOT_LINKED_DEPARTMENT', { departmentId });
  if (type === 'acknowledgeLinkage' && dept.acknowledgedAt) return refusal('LINKAGE_ALREADY_ACKNOWLEDGED', { at: dept.acknowledgedAt });
  if (type === 'reportArrival' && dept.arrivedAt) return refusal('ALREADY_ARRIVED', { at: dept.arrivedAt });
  return null;
}

/** Guards of the emergency commands that depend on the case and the actor, not on the payload. */
export function emergencyGuard(state: CaseState, type: EmergencyCommandType, actor: Actor): Refusal | null {
  switch (type) {
    case 'acknowledgeAlarm': {
      const r = state.emergencyResponse;
      const seen = r?.alarmAcknowledgedAt ? refusal('ALARM_ALREADY_ACKNOWLEDGED', { by: r.alarmAcknowledgedBy ?? '', at: r.alarmAcknowledgedAt }) : null;
      return rightDesk(state, actor) ?? seen;
    }
    case 'startEmergencyPlan': {
      const planCode = state.emergencyResponse?.planCode;
      return rightDesk(state, actor) ?? (planCode ? refusal('EMERGENCY_ALREADY_STARTED', { planCode }) : null);
    }
    case 'completeStep':
    case 'addLinkedDepartment':
    case 'escalateEmergency':
    case 'closeEmergency':
      return rightDesk(state, actor) ?? active(state);
    case 'markStepOverdue':
      return active(state);
    case 'acknowledgeLinkage':
    case 'reportArrival':
      return active(state) ?? linkage(state, type, actor);
  }
}
