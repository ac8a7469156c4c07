import type { CaseState } from '../../src-shared/domain/case';
import { refusal } from '../../src-shared/errors';
import type { DemoUser } from '../../src-shared/district/types';
import type { CommandAnswer } from '../service/case-service';
import { inScope, type Scope } from '../store/case-store';

/**
 * A command's answer carries a case's state: the new state when it was applied, the current one
 * in a VERSION_CONFLICT, the first answer again when a command id is retried. A window gets that
 * state only when it may read the case, or when the command was its own person's:
 *   - a stale `expectedVersion` on a case outside the scope answers CASE_NOT_FOUND (the conflict
 *     used to hand the foreign case's whole state to whoever asked);
 *   - someone else's command id answers COMMAND_ID_IN_USE (a replay used to hand over the first
 *     command's answer, whoever sent the id again).
 * An applied command is always answered: its actor was allowed to act, even if the case has
 * just left their view (a department returning a case).
 */
export function answerWithinScope(answer: CommandAnswer, user: DemoUser, scope: Scope, request: { caseId?: unknown }): CommandAnswer {
  if (answer.ok) {
    if (!answer.duplicate) return answer;
    return answer.events.some((e) => e.actor.userId === user.id) ? answer : refusal('COMMAND_ID_IN_USE');
  }
  const state = (answer.details as { state?: CaseState } | undefined)?.state;
  if (!state || inScope(state, scope)) return answer;
  return state.id === request.caseId ? refusal('CASE_NOT_FOUND', { caseId: state.id }) : refusal('COMMAND_ID_IN_USE');
}
