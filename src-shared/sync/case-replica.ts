import type { CaseState } from '../domain/case';
import type { CaseEvent } from '../domain/events';
import { evolve } from '../domain/evolve';
import type { EventBatch, SyncAnswer } from '../contract/socket';

export interface ApplyOutcome {
  /** Case ids whose state changed (for the screens to refresh just those rows/markers). */
  changed: string[];
  applied: number;
  /** Events already applied (a retry or an overlap after reconnect) that were ignored. */
  skipped: number;
  /** A missing event was detected: the caller must resync from `seq`; nothing after it was applied. */
  gap: boolean;
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
  }

  applySync(answer: SyncAnswer): ApplyOutcome {
    if (answer.kind === 'snapshot') {
      this.loadSnapshot(answer.cases, answer.seq);
      return { changed: answer.cases.map((c) => c.id), applied: 0, skipped: 0, gap: false };
    }
    return this.applyBatch({ events: answer.events, headSeq: answer.headSeq });
  }

  applyBatch(batch: EventBatch): ApplyOutcome {
    const changed = new Set<string>();
    for (const c of batch.cases ?? []) {
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
      if (verdict === 'gap') return { changed: [...changed], applied, skipped, gap: true };
      if (verdict === 'applied') {
        applied += 1;
        changed.add(event.caseId);
      } else skipped += 1;
    }
    this.watermark = Math.max(this.watermark, batch.headSeq);
    return { changed: [...changed], applied, skipped, gap: false };
  }

  private applyOne(event: CaseEvent): 'applied' | 'skipped' | 'gap' {
    const known = this.cases.get(event.caseId);
    const version = known?.version ?? 0;
    if (event.version <= version) return 'skipped';
    if (event.version > version + 1) return 'gap';
    this.cases.set(event.caseId, evolve(known ?? null, event));
    return 'applied';
  }
}
