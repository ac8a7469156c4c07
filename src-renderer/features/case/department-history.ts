import type { CaseEvent } from '../../../src-shared/domain/events';

/**
 * Which departments a case went through, derived from its trail (the state keeps only the
 * current lead): dispatched to, signed, returned by, fed back, sent back for rework, asked for
 * time. This is what makes a bounced case visible and attributable (DOMAIN §8).
 */
export type DepartmentStepKind = 'dispatched' | 'accepted' | 'returned' | 'handled' | 'rework' | 'extension' | 'suspension';

export interface DepartmentStep {
  kind: DepartmentStepKind;
  at: string;
  reason?: string;
}

export interface DepartmentHistory {
  departmentId: string;
  /** lead if it ever led the case, else assisting. */
  role: 'lead' | 'assisting';
  steps: DepartmentStep[];
}

/** Departments in the order they first received the case, each with its steps in time order. */
export function departmentHistory(events: readonly CaseEvent[]): DepartmentHistory[] {
  const byId = new Map<string, DepartmentHistory>();
  let lead: string | undefined;
  const entry = (id: string, role: 'lead' | 'assisting'): DepartmentHistory => {
    let h = byId.get(id);
    if (!h) {
      h = { departmentId: id, role, steps: [] };
      byId.set(id, h);
    } else if (role === 'lead') h.role = 'lead';
    return h;
  };
  const step = (id: string | undefined, kind: DepartmentStepKind, at: string, reason?: string) => {
    if (!id) return;
    entry(id, 'lead').steps.push(reason ? { kind, at, reason } : { kind, at });
  };
  for (const e of events) {
    switch (e.type) {
      case 'dispatched':
        lead = e.payload.leadDepartmentId;
        step(lead, 'dispatched', e.at, e.payload.instructions);
        for (const a of e.payload.assistingDepartmentIds) entry(a, 'assisting').steps.push({ kind: 'dispatched', at: e.at });
        break;
      case 'accepted':
        step(e.actor.departmentId ?? lead, 'accepted', e.at);
        break;
      case 'returned':
        step(e.payload.departmentId, 'returned', e.at, e.payload.reason);
        lead = undefined;
        break;
      case 'handled':
        step(e.actor.departmentId ?? lead, 'handled', e.at, e.payload.result);
        break;
      case 'verificationFailed':
        step(lead, 'rework', e.at, e.payload.note);
        break;
      case 'reworkOrdered':
        step(lead, 'rework', e.at, e.payload.reason);
        break;
      case 'extensionRequested':
        step(e.actor.departmentId ?? lead, 'extension', e.at, e.payload.reason);
        break;
      case 'suspensionRequested':
        step(e.actor.departmentId ?? lead, 'suspension', e.at, e.payload.reason);
        break;
      default:
        break;
    }
  }
  return [...byId.values()];
}
