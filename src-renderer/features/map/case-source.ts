import type { CaseState } from '../../../src-shared/domain/case';
import { useLiveCases } from '../cases/live-cases';

/**
 * Where the map reads its cases from: the window's live replica by default, or another replica
 * (the wall's briefing replay). Reads are functions so a watcher tracks exactly what it reads.
 */
export interface CaseSource {
  /** Moves once per applied batch (reactive). */
  revision(): number;
  /** The cases the last batch touched. */
  changed(): readonly string[];
  /** Moves when the source is swapped for another (reactive): every marker is checked again. */
  epoch(): number;
  get(caseId: string): CaseState | undefined;
  all(): Iterable<CaseState>;
  /** The source's own now: the service's clock live, the replay's cursor in a replay. */
  now(): Date;
}

/** The window's live replica as a CaseSource (what `#/map` shows). */
export function liveCaseSource(): CaseSource {
  const live = useLiveCases();
  return {
    revision: () => live.revision,
    changed: () => live.changed,
    epoch: () => 0,
    get: (caseId) => live.get(caseId),
    all: () => live.all(),
    now: () => live.serviceNow(),
  };
}
