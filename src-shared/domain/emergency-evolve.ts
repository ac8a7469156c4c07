import type { CaseState } from './case';
import type { CaseEvent, CaseEventType } from './events';
import type { EmergencyDepartment, EmergencyResponse, EmergencyStep } from './emergency-response';

/** The events of the emergency-linkage plan engine (applied by `evolveEmergency`). */
export const EMERGENCY_EVENT_TYPES = [
  'alarmAcknowledged',
  'emergencyPlanStarted',
  'linkageAcknowledged',
  'arrivalReported',
  'stepCompleted',
  'linkedDepartmentAdded',
  'emergencyEscalated',
  'stepOverdue',
  'emergencyClosed',
] as const satisfies readonly CaseEventType[];

export type EmergencyEvent = Extract<CaseEvent, { type: (typeof EMERGENCY_EVENT_TYPES)[number] }>;

export function isEmergencyEvent(event: CaseEvent): event is EmergencyEvent {
  return (EMERGENCY_EVENT_TYPES as readonly string[]).includes(event.type);
}

const EMPTY: EmergencyResponse = { departments: [], steps: [], escalations: [] };

function withDepartment(r: EmergencyResponse, departmentId: string, change: (d: EmergencyDepartment) => EmergencyDepartment): EmergencyResponse {
  return { ...r, departments: r.departments.map((d) => (d.departmentId === departmentId ? change(d) : d)) };
}

function withStep(r: EmergencyResponse, stepId: string, change: (s: EmergencyStep) => EmergencyStep): EmergencyResponse {
  return { ...r, steps: r.steps.map((s) => (s.id === stepId ? change(s) : s)) };
}

/**
 * Applies one emergency event to the case (`s` already carries the new version and stage).
 * Pure, like `evolve`, which hands these events here.
 */
export function evolveEmergency(s: CaseState, event: EmergencyEvent): CaseState {
  const r = s.emergencyResponse ?? EMPTY;
  const at = event.at;
  const by = event.actor.userId;
  const response = (next: EmergencyResponse): CaseState => ({ ...s, emergencyResponse: next });
  switch (event.type) {
    case 'alarmAcknowledged':
      return response({ ...r, alarmAcknowledgedAt: at, alarmAcknowledgedBy: by });
    case 'emergencyPlanStarted': {
      const p = event.payload;
      return response({
        ...r,
        planCode: p.planCode,
        startedAt: at,
        startedBy: by,
        departments: p.departments.map((d) => ({ ...d, linkedAt: at })),
        steps: p.steps.map((step) => ({ ...step, overdue: false })),
      });
    }
    case 'linkageAcknowledged':
      return response(withDepartment(r, event.payload.departmentId, (d) => ({ ...d, acknowledgedAt: at, acknowledgedBy: by })));
    case 'arrivalReported':
      return {
        ...response(withDepartment(r, event.payload.departmentId, (d) => ({ ...d, arrivedAt: at, arrivedBy: by }))),
        photos: [...s.photos, ...event.payload.photos],
      };
    case 'stepCompleted': {
      const { stepId, note, late } = event.payload;
      return response(withStep(r, stepId, (step) => ({ ...step, doneAt: at, doneBy: by, ...(note ? { note } : {}), ...(late ? { late } : {}) })));
    }
    case 'linkedDepartmentAdded': {
      const { departmentId } = event.payload;
      // A linked department works the case like an assisting one: it sees it, and the KPIs count it so.
      return {
        ...response({ ...r, departments: [...r.departments, { departmentId, role: 'linked', linkedAt: at }] }),
        assistingDepartmentIds: s.assistingDepartmentIds.includes(departmentId) ? s.assistingDepartmentIds : [...s.assistingDepartmentIds, departmentId],
      };
    }
    case 'emergencyEscalated': {
      const { reason, departmentId } = event.payload;
      return response({ ...r, escalations: [...r.escalations, { at, by, reason, ...(departmentId ? { departmentId } : {}) }] });
    }
    case 'stepOverdue':
      return response(withStep(r, event.payload.stepId, (step) => ({ ...step, overdue: true })));
    case 'emergencyClosed':
      return response({ ...r, closedAt: at, closedBy: by, summary: event.payload.summary });
  }
}
