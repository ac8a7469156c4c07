import { createHash } from 'node:crypto';
import type { CaseState } from '../../src-shared/domain/case';
import type { EmergencyStep } from '../../src-shared/domain/emergency-response';

/**
 * The command id of a plan step's overdue alert for one case state: deterministic like the
 * link alarms' ids (alarmCommandId), so two nodes or a restarted node issue the same command and
 * the second gets the first's answer; the version is in it because the command pins it.
 */
export function stepAlarmCommandId(state: Pick<CaseState, 'id' | 'version'>, step: Pick<EmergencyStep, 'id' | 'dueAt'>): string {
  const digest = createHash('sha256').update([state.id, step.id, step.dueAt, state.version].join('|')).digest('hex').slice(0, 40);
  return `alarm:step:${digest}`; // ≤ 51 characters: the command schema allows 64
}
