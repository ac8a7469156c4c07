import { refusal, type Refusal } from '../errors';
import type { CaseState } from './case';
import { isEmergencyCase } from './emergency-response';
import type { Actor } from './roles';

/**
 * Urgent and emergency cases belong to the emergency duty officer; the others to the
 * dispatcher. Both desks may not act on the same case, so two centres never dispatch twice.
 */
export function rightDesk(state: Pick<CaseState, 'emergency' | 'urgency'>, actor: Actor): Refusal | null {
  const emergency = isEmergencyCase(state);
  if (emergency && actor.role === 'dispatcher') return refusal('EMERGENCY_ROUTE');
  if (!emergency && actor.role === 'duty') {
    return refusal('ROLE_NOT_ALLOWED', { role: '应急值班员', roleEn: 'duty officer', action: '办理非紧急案卷', actionEn: 'act on a non-urgent case' });
  }
  return null;
}
