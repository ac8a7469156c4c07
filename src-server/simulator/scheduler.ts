/**
 * The discrete-event scheduler: future actions at simulated instants, run in time order.
 * Ties run in the order they were scheduled (a sequence number breaks them), so the same
 * seed gives the same order on every machine. A binary heap keeps it O(log n) per action: a
 * day at 4,700 cases schedules ~40,000 actions, with a few thousand pending at any moment.
 */
export interface ScheduledAction {
  /** Simulated instant, epoch ms. */
  at: number;
  seq: number;
  run: () => Promise<void>;
}

export class Scheduler {
  private readonly heap: ScheduledAction[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.heap.length;
  }

  /** The instant of the earliest pending action, if any. */
  nextAt(): number | undefined {
    return this.heap[0]?.at;
  }

  schedule(at: number, run: () => Promise<void>): void {
    if (!Number.isFinite(at)) throw new RangeError(`cannot schedule an action at ${at}`);
    this.heap.push({ at, seq: this.nextSeq++, run });
    this.up(this.heap.length - 1);
  }

  clear(): void {
    this.heap.length = 0;
  }

  /**
   * Runs every action due at or before `until`, earliest first, awaiting each one (an action
   * may schedule more, also run if due). `beforeEach` sees each action's instant first (the
   * backfill holds the clock there); `shouldStop` is asked between actions, so a stop waits
   * for one command at most. Returns how many actions ran.
   */
  async runUntil(until: number, hooks: { beforeEach?: (at: number) => void; shouldStop?: () => boolean } = {}): Promise<number> {
    let ran = 0;
    for (;;) {
      if (hooks.shouldStop?.()) return ran;
      const head = this.heap[0];
      if (head === undefined || head.at > until) return ran;
      this.pop();
      hooks.beforeEach?.(head.at);
      await head.run();
      ran++;
    }
  }

  private pop(): ScheduledAction | undefined {
    const top = this.heap[0];
    const last = this.heap.pop();
    if (top !== undefined && last !== undefined && this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
    return top;
  }

  private before(a: ScheduledAction, b: ScheduledAction): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(h[i] as ScheduledAction, h[parent] as ScheduledAction)) return;
      [h[i], h[parent]] = [h[parent] as ScheduledAction, h[i] as ScheduledAction];
      i = parent;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < h.length && this.before(h[l] as ScheduledAction, h[best] as ScheduledAction)) best = l;
      if (r < h.length && this.before(h[r] as ScheduledAction, h[best] as ScheduledAction)) best = r;
      if (best === i) return;
      [h[i], h[best]] = [h[best] as ScheduledAction, h[i] as ScheduledAction];
      i = best;
    }
  }
}
