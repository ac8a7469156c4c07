import type { CaseState } from '../domain/case';
import type { CaseEvent } from '../domain/events';
import { evolve } from '../domain/evolve';
import type { EventBatch, SyncAnswer } from '../contract/socket';
import { isOpenStage } from '../domain/stages';

/**
 * A window holds what a fresh window would start from (the service's working set): every open
 * case, and those reported or ended within the last day. Shared by the service's snapshot query
 * and the replica's pruning, so a window left running for weeks holds no more than a new one.
 */
export const RECENTLY_ENDED_MS = 24 * 3_600_000;

/** Cases with set-aside events remembered at once (a day of call-backs on pruned cases is a few hundred). */
const MAX_SET_ASIDE = 5_000;

export function inWorkingSet(c: CaseState, now: Date): boolean {
  if (isOpenStage(c.stage)) return true;
  const since = new Date(now.getTime() - RECENTLY_ENDED_MS).toISOString();
  return c.reportedAt >= since || (c.closedAt !== undefined && c.closedAt >= since);
}

export interface ApplyOutcome {
  /** Case ids whose state changed (for the screens to refresh just those rows/markers). */
  changed: string[];
  applied: number;
  /** Events already applied (a retry or an overlap after reconnect) that were ignored. */
  skipped: number;
  /** A missing event was detected: the caller must resync from `seq`; nothing after it was applied. */
  gap: boolean;
  /**
   * Cases this replica does not hold that got a later event (an old case called back or
   * unlinked after the window pruned it, or never had it): their events were set aside; the
   * caller fetches their current state and adds it with `applyBatch({ cases })`.
   */
  missing: string[];
}

/**
 * A window's copy of the cases it may see: snapshot at sequence N, then events in order.
 * Every window uses this one implementation, so none of them misses or double-applies an
 * event. Gaps are found per case (versions are contiguous per case), because a scoped window
 * does not see every global sequence number; the global sequence is only the resume point.
 */
export class CaseReplica {
  private readonly cases = new Map<string, CaseState>();
  private watermark = 0;
  /**
   * Cases not held whose events were set aside (`missing`), by the highest version passed over.
   * A state fetched for one of them that is older than that is stale: installing it would leave
   * the case behind its resume point, where no resync reaches (a window then resyncs forever).
   */
  private readonly setAside = new Map<string, number>();

  /** The last global sequence number this replica is complete up to: the `sinceSeq` of a resync. */
  get seq(): number {
    return this.watermark;
  }

  get size(): number {
    return this.cases.size;
  }

  get(caseId: string): CaseState | undefined {
    return this.cases.get(caseId);
  }

  all(): IterableIterator<CaseState> {
    return this.cases.values();
  }

  loadSnapshot(cases: readonly CaseState[], seq: number): void {
    this.cases.clear();
    for (const c of cases) this.cases.set(c.id, c);
    this.watermark = seq;
    // The snapshot is the service's state as of `seq` or later: nothing passed over is pending.
    this.setAside.clear();
  }

  applySync(answer: SyncAnswer): ApplyOutcome {
    if (answer.kind === 'snapshot') {
      this.loadSnapshot(answer.cases, answer.seq);
      return { changed: answer.cases.map((c) => c.id), applied: 0, skipped: 0, gap: false, missing: [] };
    }
    return this.applyBatch({ events: answer.events, headSeq: answer.headSeq });
  }

  applyBatch(batch: EventBatch): ApplyOutcome {
    const changed = new Set<string>();
    const missing = new Set<string>();
    for (const c of batch.cases ?? []) {
      if (c.version < (this.setAside.get(c.id) ?? 0)) {
        // Fetched before an event this replica has already passed over: ask again.
        missing.add(c.id);
        continue;
      }
      this.setAside.delete(c.id);
      const known = this.cases.get(c.id);
      if (!known || known.version < c.version) {
        this.cases.set(c.id, c);
        changed.add(c.id);
      }
    }
    let applied = 0;
    let skipped = 0;
    for (const event of batch.events) {
      const verdict = this.applyOne(event);
      if (verdict === 'gap') return { changed: [...changed], applied, skipped, gap: true, missing: [...missing] };
      if (verdict === 'applied') {
        applied += 1;
        changed.add(event.caseId);
      } else if (verdict === 'missing') missing.add(event.caseId);
      else skipped += 1;
    }
    this.watermark = Math.max(this.watermark, batch.headSeq);
    return { changed: [...changed], applied, skipped, gap: false, missing: [...missing] };
  }

  /**
   * Forgets the cases a fresh window would not start with (`inWorkingSet`), and says which.
   * Their later events, if any, come back as `missing`.
   */
  prune(now: Date): string[] {
    const dropped: string[] = [];
    for (const [id, c] of this.cases) {
      if (!inWorkingSet(c, now)) {
        this.cases.delete(id);
        dropped.push(id);
      }
    }
    return dropped;
  }

  private remember(caseId: string, version: number): void {
    const highest = Math.max(version, this.setAside.get(caseId) ?? 0);
    this.setAside.delete(caseId); // re-inserted last: the oldest entries go first when full
    this.setAside.set(caseId, highest);
    // Bounded for a window that runs for weeks: an entry whose fetch failed (out of scope) stays
    // until the case is fetched again or a snapshot comes; the oldest of them are forgotten.
    if (this.setAside.size > MAX_SET_ASIDE) this.setAside.delete(this.setAside.keys().next().value as string);
  }

  private applyOne(event: CaseEvent): 'applied' | 'skipped' | 'gap' | 'missing' {
    const known = this.cases.get(event.caseId);
    // Not held and not its first event: no resync brings its earlier events (they are older
    // than the resume point), so asking again would loop. Its state must be fetched instead.
    if (!known && event.version > 1) {
      this.remember(event.caseId, event.version);
      return 'missing';
    }
    const version = known?.version ?? 0;
    if (event.version <= version) return 'skipped';
    if (event.version > version + 1) return 'gap';
    this.cases.set(event.caseId, evolve(known ?? null, event));
    return 'applied';
  }
}
