import type { EventBatch, SyncAnswer } from '../contract/socket';
import type { CaseEvent } from '../domain/events';
import type { ApplyOutcome, CaseReplica } from './case-replica';

/** What a window's catch-up needs from its connection and its screens. */
export interface CatchUpPort {
  /** The service's answer to `case:sync` from `sinceSeq` (absent: a snapshot); throws if there is none. */
  ask(sinceSeq: number | undefined): Promise<SyncAnswer>;
  /** Live batches that arrived while the answer was on its way (handed over once). */
  takePending(): EventBatch[];
  /** What changed, for the screens and for fetching the cases set aside (`missing`). */
  applied(outcome: ApplyOutcome, events: readonly CaseEvent[]): void;
}

/** Rounds before a catch-up gives up and leaves the retry to its caller (each round is one answer). */
export const MAX_CATCH_UP_ROUNDS = 6;

/**
 * Brings a replica level with the service: what happened since its resume point, then the live
 * batches that came meanwhile (most already in the answer, skipped), again until no gap is left.
 *
 * A gap inside the service's own answer means this replica holds a case older than its resume
 * point: the same question would get the same answer forever. The next round asks for a
 * snapshot instead. A replica that still has a gap after MAX_CATCH_UP_ROUNDS answers (a
 * service so busy that every answer is late) throws, so the window says it is behind rather
 * than spinning in "resyncing".
 */
export async function catchUp(replica: CaseReplica, port: CatchUpPort): Promise<void> {
  let sinceSeq: number | undefined = replica.seq;
  for (let round = 1; round <= MAX_CATCH_UP_ROUNDS; round++) {
    const answer = await port.ask(sinceSeq);
    const outcome = replica.applySync(answer);
    port.applied(outcome, answer.kind === 'events' ? answer.events : []);
    if (outcome.gap) {
      sinceSeq = undefined; // the live batches wait for the snapshot
      continue;
    }
    let gap = false;
    for (const batch of port.takePending()) {
      const o = replica.applyBatch(batch);
      port.applied(o, batch.events);
      gap ||= o.gap;
    }
    if (!gap) return;
    sinceSeq = replica.seq;
  }
  throw new Error(`still behind the service after ${MAX_CATCH_UP_ROUNDS} answers`);
}
