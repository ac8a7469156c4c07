import type { CaseState } from '../../../src-shared/domain/case';
import type { CaseEvent } from '../../../src-shared/domain/events';
import type { Stage } from '../../../src-shared/domain/stages';

/**
 * The wall's case ticker: the newest steps of the loop, newest first. Only steps a room cares
 * about: a report arriving and a case changing stage (reminders and bookkeeping stay off it).
 */
export interface TickerEntry {
  /** Unique per step: case id and version. */
  key: string;
  at: string;
  caseId: string;
  number: string;
  categoryCode: string;
  streetCode: string;
  /** The stage the step led to ('reported' for a new report). */
  stage: Stage;
  urgent: boolean;
}

export const TICKER_LENGTH = 40;

function entryOf(state: CaseState, at: string): TickerEntry {
  return {
    key: `${state.id}:${state.version}`,
    at,
    caseId: state.id,
    number: state.number,
    categoryCode: state.categoryCode,
    streetCode: state.place.streetCode,
    stage: state.stage,
    urgent: state.urgency === 'urgent',
  };
}

/** Steps of a batch of events (a replay), given the states after them. */
export function entriesFromEvents(events: readonly CaseEvent[], stateOf: (caseId: string) => CaseState | undefined): TickerEntry[] {
  const out: TickerEntry[] = [];
  for (const e of events) {
    if (e.type !== 'reported' && e.fromStage === e.toStage) continue;
    const state = stateOf(e.caseId);
    if (!state) continue;
    out.push({ ...entryOf(state, e.at), key: `${e.caseId}:${e.version}`, stage: e.toStage });
  }
  return out;
}

/** The instant of a case's latest step, read from its state (the live replica keeps states, not events). */
export function lastStepAt(state: CaseState): string {
  const instants = [
    state.reportedAt,
    state.registeredAt,
    state.dispatchedAt,
    state.acceptedAt,
    state.handledAt,
    state.sentToVerifyAt,
    state.verifiedAt,
    state.closedAt,
    state.rejection?.at,
    state.handlePauses?.at(-1)?.from,
  ];
  let latest = state.reportedAt;
  for (const t of instants) if (t !== undefined && t > latest) latest = t;
  return latest;
}

/**
 * Steps of a live batch: the cases it changed whose stage moved since this ticker last saw them
 * (`seen` remembers each case's stage and is updated).
 */
export function entriesFromChanges(changed: readonly string[], get: (caseId: string) => CaseState | undefined, seen: Map<string, Stage>): TickerEntry[] {
  const out: TickerEntry[] = [];
  for (const id of changed) {
    const state = get(id);
    if (!state) {
      seen.delete(id);
      continue;
    }
    if (seen.get(id) === state.stage) continue;
    seen.set(id, state.stage);
    out.push(entryOf(state, lastStepAt(state)));
  }
  return out;
}

/** The ticker after new entries: newest first, each step once, at most `max`. */
export function pushEntries(list: readonly TickerEntry[], entries: readonly TickerEntry[], max = TICKER_LENGTH): TickerEntry[] {
  if (entries.length === 0) return list as TickerEntry[];
  const fresh = [...entries].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  const keys = new Set<string>();
  const out: TickerEntry[] = [];
  for (const e of [...fresh, ...list]) {
    if (keys.has(e.key)) continue;
    keys.add(e.key);
    out.push(e);
    if (out.length >= max) break;
  }
  return out;
}
