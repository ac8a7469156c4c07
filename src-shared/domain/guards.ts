import { refusal, type Refusal } from '../errors';
import type { CaseState } from './case';
import type { CommandType } from './commands';
import type { Actor } from './roles';

const REQUEST_NAMES = {
  extension: { zh: '延期', en: 'extension' },
  suspension: { zh: '挂账', en: 'suspension' },
} as const;

function pending(state: CaseState, type: 'extension' | 'suspension'): Refusal | null {
  if (state.pendingRequest?.type === type) return null;
  const name = REQUEST_NAMES[type];
  return refusal('NO_PENDING_REQUEST', { request: name.zh, requestEn: name.en });
}

function noPending(state: CaseState): Refusal | null {
  if (!state.pendingRequest) return null;
  const name = REQUEST_NAMES[state.pendingRequest.type];
  return refusal('REQUEST_PENDING', { request: name.zh, requestEn: name.en });
}

/**
 * Urgent and emergency cases belong to the emergency duty officer; the others to the
 * dispatcher. Both desks may not act on the same case, so two centres never dispatch twice.
 */
function rightDesk(state: CaseState, actor: Actor): Refusal | null {
  const emergency = state.emergency || state.urgency === 'urgent';
  if (emergency && actor.role === 'dispatcher') return refusal('EMERGENCY_ROUTE');
  if (!emergency && actor.role === 'duty') {
    return refusal('ROLE_NOT_ALLOWED', { role: '应急值班员', roleEn: 'duty officer', action: '办理非紧急案卷', actionEn: 'act on a non-urgent case' });
  }
  return null;
}

/** Guards that depend on the case (and the actor) but not on the command's payload. */
export function stateGuard(state: CaseState, type: CommandType, actor: Actor): Refusal | null {
  switch (type) {
    case 'dispatch':
    case 'resume':
      return rightDesk(state, actor);
    case 'decideExtension':
      return rightDesk(state, actor) ?? pending(state, 'extension');
    case 'decideSuspension':
      return rightDesk(state, actor) ?? pending(state, 'suspension');
    case 'requestExtension':
    case 'requestSuspension':
      return noPending(state);
    case 'routeToEmergency':
      return state.emergency || state.urgency === 'urgent' ? refusal('ALREADY_EMERGENCY') : null;
    case 'flagSupervision':
      return state.supervised ? refusal('ALREADY_SUPERVISED') : null;
    case 'evaluate':
      return state.evaluation ? refusal('ALREADY_EVALUATED') : null;
    default:
      return null;
  }
}
