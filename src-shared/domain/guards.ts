import { refusal, type Refusal } from '../errors';
import type { CaseState } from './case';
import type { CommandType } from './commands';
import type { Actor } from './roles';
import { rightDesk } from './desk';
import { emergencyGuard, isEmergencyCommandType } from './emergency-guards';
import { responseActive } from './emergency-response';

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

/** Guards that depend on the case (and the actor) but not on the command's payload. */
export function stateGuard(state: CaseState, type: CommandType, actor: Actor): Refusal | null {
  if (isEmergencyCommandType(type)) return emergencyGuard(state, type, actor);
  switch (type) {
    case 'dispatch':
    case 'resume':
      return rightDesk(state, actor);
    case 'decideExtension':
      return rightDesk(state, actor) ?? pending(state, 'extension');
    case 'decideSuspension':
      return rightDesk(state, actor) ?? pending(state, 'suspension');
    // While the emergency response runs, a department handles first and disputes afterwards
    // (先处置后定责), and the case stays open until the duty officer has closed the response.
    case 'return':
      return responseActive(state) ? refusal('EMERGENCY_NO_RETURN') : null;
    case 'close':
      return responseActive(state) ? refusal('EMERGENCY_STILL_OPEN') : null;
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
