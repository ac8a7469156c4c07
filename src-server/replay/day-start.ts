import type { CaseState } from '../../src-shared/domain/case';
import type { CaseEvent } from '../../src-shared/domain/events';
import { evolve } from '../../src-shared/domain/evolve';
import { isOpenStage } from '../../src-shared/domain/stages';
import { casesQuietSince, casesTouchedAfter, casesTouchedInSeqRange, eventsOfCasesBefore, type SeqRange } from '../store/case-queries';
import type { Scope } from '../store/case-store';
import type { Queryable } from '../store/db';

/**
 * Folds each case's events, given grouped per case in version order, with the pure `evolve`:
 * the same function the service's projection and every window use, so a replayed state is the
 * state the screens showed then.
 */
export function foldPerCase(events: readonly CaseEvent[]): Map<string, CaseState> {
  const states = new Map<string, CaseState>();
  for (const event of events) states.set(event.caseId, evolve(states.get(event.caseId) ?? null, event));
  return states;
}

/** Whether a case matters to a day it did not move in: open at its start, or due within it. */
function mattersTo(state: CaseState, from: string, to: string): boolean {
  const due = state.deadlines.handle;
  return isOpenStage(state.stage) || (due !== undefined && due >= from && due < to);
}

/**
 * The cases in scope as they stood when the day began (before `range.first`): every case the
 * day's events touch that existed by then, every case open then, and every case whose handling
 * deadline fell in the day (the day's on-time closure counts it). Cases untouched since keep their
 * stored state; the others are folded from their events before the cut.
 */
export async function statesAtDayStart(db: Queryable, range: SeqRange, day: { from: string; to: string }, scope: Scope): Promise<CaseState[]> {
  const touched = await casesTouchedInSeqRange(db, range, scope);
  const bornBefore = [...touched].filter(([, firstVersion]) => firstVersion > 1).map(([id]) => id);
  const movedLater = (await casesTouchedAfter(db, range, day.to, scope)).filter((id) => !touched.has(id));
  const folded = foldPerCase(await eventsOfCasesBefore(db, [...bornBefore, ...movedLater], range.first));
  const quiet = await casesQuietSince(db, range, day.from, day.to, scope);

  const out = new Map<string, CaseState>();
  for (const state of quiet) out.set(state.id, state);
  for (const id of bornBefore) {
    const state = folded.get(id);
    if (state) out.set(id, state);
  }
  for (const id of movedLater) {
    const state = folded.get(id);
    if (state && mattersTo(state, day.from, day.to)) out.set(id, state);
  }
  return [...out.values()].sort((a, b) => (a.reportedAt < b.reportedAt ? -1 : a.reportedAt > b.reportedAt ? 1 : a.id < b.id ? -1 : 1));
}
