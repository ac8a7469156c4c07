import type { CaseState } from '../../../src-shared/domain';
import { ACTORS, GAS_LEAK, VALID_PAYLOADS, apply } from '../domain/fixtures';
import { minutes } from '../domain/emergency-support';

/** Duty-screen fixtures on the domain tests' district: gas leaks (urgent) and garbage (normal) by id and minute. */
export function gasLeakAt(caseId: string, atMinute: number): CaseState {
  return apply(null, 'report', ACTORS.supervisor, { ...VALID_PAYLOADS.report, categoryCode: GAS_LEAK.code, description: '闻到燃气味' }, minutes(atMinute), caseId);
}

export function garbageAt(caseId: string, atMinute: number): CaseState {
  return apply(null, 'report', ACTORS.supervisor, VALID_PAYLOADS.report, minutes(atMinute), caseId);
}

/** A command on a case with its own id (the fixtures' `applied` works on case-1 only). */
export function on(state: CaseState, type: Parameters<typeof apply>[1], actor: Parameters<typeof apply>[2], payload: Record<string, unknown>, atMinute: number): CaseState {
  return apply(state, type, actor, payload, minutes(atMinute), state.id);
}
