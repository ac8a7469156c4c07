import { describe, expect, it } from 'vitest';
import {
  ROLES,
  STAGES,
  allowedCommands,
  currentLink,
  decide,
  evolve,
  type CaseState,
  type CommandType,
  type Role,
  type Stage,
} from '../../../src-shared/domain';
import { ACTORS, T0, VALID_PAYLOADS, caseAt, commandId, context } from './fixtures';

const OPEN: Stage[] = STAGES.filter((s) => !['rejected', 'duplicate', 'closed'].includes(s));
const TIMED: Stage[] = ['reported', 'registered', 'returned', 'dispatched', 'accepted', 'rework', 'verifying'];

/**
 * The specification of the loop, written out independently of src-shared/domain/rules.ts:
 * on a normal (non-urgent) case, who may issue each command, and from which stages.
 */
const SPEC: Record<Exclude<CommandType, 'report'>, { roles: Role[]; stages: Stage[] }> = {
  register: { roles: ['intake'], stages: ['reported'] },
  reject: { roles: ['intake'], stages: ['reported'] },
  linkDuplicate: { roles: ['intake', 'system'], stages: ['reported'] },
  unlinkDuplicate: { roles: ['intake'], stages: ['duplicate'] },
  dispatch: { roles: ['dispatcher'], stages: ['registered', 'returned'] },
  routeToEmergency: { roles: ['dispatcher', 'intake'], stages: ['registered', 'returned'] },
  accept: { roles: ['department'], stages: ['dispatched'] },
  return: { roles: ['department'], stages: ['dispatched', 'accepted'] },
  requestExtension: { roles: ['department'], stages: ['accepted', 'rework'] },
  decideExtension: { roles: ['dispatcher'], stages: ['accepted', 'rework'] },
  requestSuspension: { roles: ['department'], stages: ['accepted', 'rework'] },
  decideSuspension: { roles: ['dispatcher'], stages: ['accepted', 'rework'] },
  resume: { roles: ['dispatcher'], stages: ['suspended'] },
  feedback: { roles: ['department'], stages: ['accepted', 'rework'] },
  sendToVerify: { roles: ['intake'], stages: ['handled'] },
  verify: { roles: ['supervisor'], stages: ['verifying'] },
  orderRework: { roles: ['intake'], stages: ['handled', 'verified'] },
  close: { roles: ['intake'], stages: ['verified'] },
  flagSupervision: { roles: ['dispatcher', 'duty', 'system'], stages: OPEN },
  raiseReminder: { roles: ['system'], stages: TIMED },
  markOverdue: { roles: ['system'], stages: TIMED },
  evaluate: { roles: ['intake'], stages: ['closed'] },
  attachEvidence: { roles: ['supervisor', 'intake', 'dispatcher', 'duty', 'department'], stages: OPEN },
  recordDuplicate: { roles: ['system'], stages: [...STAGES] },
  // Emergency linkage: the duty officer's commands are desk-refused on a normal case (below);
  // departments and the watcher reach the response guard, which finds no plan started.
  acknowledgeAlarm: { roles: [], stages: OPEN },
  startEmergencyPlan: { roles: [], stages: ['reported', 'registered', 'returned'] },
  acknowledgeLinkage: { roles: ['department'], stages: OPEN },
  reportArrival: { roles: ['department'], stages: OPEN },
  completeStep: { roles: [], stages: OPEN },
  addLinkedDepartment: { roles: [], stages: OPEN },
  escalateEmergency: { roles: [], stages: OPEN },
  closeEmergency: { roles: [], stages: OPEN },
  markStepOverdue: { roles: ['system'], stages: OPEN },
};

/** Commands that a normal case can never satisfy: no emergency plan was started for it. */
const RESPONSE_COMMANDS: CommandType[] = ['acknowledgeLinkage', 'reportArrival', 'markStepOverdue'];

/** Commands whose rule admits the duty officer, who is then sent back because the case is not urgent. */
const DESK_COMMANDS: CommandType[] = [
  'dispatch',
  'decideExtension',
  'decideSuspension',
  'resume',
  'acknowledgeAlarm',
  'startEmergencyPlan',
  'completeStep',
  'addLinkedDepartment',
  'escalateEmergency',
  'closeEmergency',
];

function stateFor(command: CommandType, stage: Stage): CaseState {
  let s = caseAt(stage);
  // The decision commands need a request to decide on.
  if (command === 'decideExtension' || command === 'decideSuspension') {
    if (stage === 'accepted' || stage === 'rework') {
      const type = command === 'decideExtension' ? 'requestExtension' : 'requestSuspension';
      const d = decide(s, { commandId: commandId(), caseId: s.id, type, payload: VALID_PAYLOADS[type] }, context(ACTORS.department));
      if (!d.ok) throw new Error(d.code);
      s = d.events.reduce<CaseState>((acc, e) => evolve(acc, e), s);
    }
  }
  return s;
}

function payloadFor(command: CommandType, stage: Stage): Record<string, unknown> {
  if (command === 'raiseReminder' || command === 'markOverdue') return { link: currentLink(stage) ?? 'handle' };
  return VALID_PAYLOADS[command];
}

function expectedCode(command: Exclude<CommandType, 'report'>, stage: Stage, role: Role, state: CaseState): string {
  const spec = SPEC[command];
  if (role === 'leader') return 'READ_ONLY_ROLE';
  const deskRefusal = role === 'duty' && DESK_COMMANDS.includes(command);
  if (!spec.roles.includes(role) && !deskRefusal) return 'ROLE_NOT_ALLOWED';
  if (!spec.stages.includes(stage)) return 'STAGE_NOT_ALLOWED';
  if (RESPONSE_COMMANDS.includes(command)) return 'NO_EMERGENCY_RESPONSE';
  if (role === 'department' && state.leadDepartmentId !== 'sanitation') return 'NOT_YOUR_DEPARTMENT';
  if (deskRefusal) return 'ROLE_NOT_ALLOWED';
  return 'ok';
}

describe('the loop: every command × every stage × every role', () => {
  const commands = Object.keys(SPEC) as Exclude<CommandType, 'report'>[];
  for (const command of commands) {
    describe(command, () => {
      for (const stage of STAGES) {
        it(`from ${stage}`, () => {
          const state = stateFor(command, stage);
          // Overdue alerts need the deadline to have passed; everything else happens at once.
          const now = command === 'markOverdue' ? new Date(T0.getTime() + 30 * 86_400_000) : T0;
          const outcomes = ROLES.map((role) => {
            const decision = decide(
              state,
              { commandId: commandId(), caseId: state.id, type: command, payload: payloadFor(command, stage) },
              context(ACTORS[role], now),
            );
            return { role, got: decision.ok ? 'ok' : decision.code, want: expectedCode(command, stage, role, state) };
          });
          expect(outcomes.filter((o) => o.got !== o.want)).toEqual([]);
        });
      }
    });
  }
});

describe('allowedCommands offers exactly what decide accepts', () => {
  for (const stage of STAGES) {
    it(`at ${stage}`, () => {
      const state = caseAt(stage);
      for (const role of ROLES) {
        const offered = allowedCommands(state, ACTORS[role]);
        for (const command of Object.keys(SPEC) as Exclude<CommandType, 'report'>[]) {
          if (command === 'raiseReminder' || command === 'markOverdue') continue; // need a payload-specific deadline
          if (command === 'decideExtension' || command === 'decideSuspension') continue; // need a pending request
          const want = expectedCode(command, stage, role, state) === 'ok';
          expect({ role, command, offered: offered.includes(command) }).toEqual({ role, command, offered: want });
        }
      }
    });
  }
});
