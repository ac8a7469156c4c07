import { decide, evolve, type Actor, type CaseEvent, type CaseState, type CommandType } from '../../../src-shared/domain';
import { ACTORS, GAS_LEAK, T0, VALID_PAYLOADS, apply, commandId, context } from './fixtures';

/** Given-when-then helpers for the plan engine's tests, on the fixtures' gas leak in GRID_A (street 110101001). */

export const minutes = (n: number): Date => new Date(T0.getTime() + n * 60_000);
export const iso = (n: number): string => minutes(n).toISOString();

export const HANDLER = {
  gas: { userId: 'handler-gas', role: 'department', departmentId: 'gas' },
  fire: { userId: 'handler-fire', role: 'department', departmentId: 'fire' },
  police: { userId: 'handler-police', role: 'department', departmentId: 'police' },
  street: { userId: 'handler-street:110101001', role: 'department', departmentId: 'street:110101001' },
  roads: { userId: 'handler-roads', role: 'department', departmentId: 'roads' },
} satisfies Record<string, Actor>;

/** The decision of one command: its events, or its refusal code. */
export function when(state: CaseState | null, type: CommandType, actor: Actor, payload: Record<string, unknown> = VALID_PAYLOADS[type], now: Date = T0) {
  const decision = decide(state, { commandId: commandId(), caseId: state?.id ?? 'case-1', type, payload }, context(actor, now));
  const events: CaseEvent[] = decision.ok ? decision.events : [];
  return {
    code: decision.ok ? 'ok' : decision.code,
    message: decision.ok ? undefined : decision.message,
    events,
    types: events.map((e) => e.type),
    state: decision.ok ? events.reduce<CaseState | null>(evolve, state) : state,
  };
}

/** A gas leak reported at T0 (urgent, so the duty officer's alarm is on). */
export function gasLeak(): CaseState {
  return apply(null, 'report', ACTORS.supervisor, { ...VALID_PAYLOADS.report, categoryCode: GAS_LEAK.code, description: '小区门口闻到燃气味' });
}

/** The gas leak with its plan (EP-GAS) started by the duty officer at T0. */
export function gasPlanStarted(): CaseState {
  return apply(gasLeak(), 'startEmergencyPlan', ACTORS.duty, {});
}

/** Applies a command that must be accepted. */
export function applied(state: CaseState, type: CommandType, actor: Actor, payload: Record<string, unknown> = VALID_PAYLOADS[type], now: Date = T0): CaseState {
  return apply(state, type, actor, payload, now);
}
