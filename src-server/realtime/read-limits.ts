import { refusal, type Refusal } from '../../src-shared/errors';

/**
 * Reads (queue pages, KPI panels, searches, trails) are fair between windows: one window that
 * floods the service with heavy queries must not slow another desk's commands. Two rules:
 *
 * - per window, at most `perWindow` reads queued or running and `perSecond` asked per second (a
 *   burst of twice that); beyond, a clear refusal the window can show and retry after;
 * - across the node, at most `concurrent` reads run at once, the next one taken from the windows
 *   in turn (the one with the fewest running first), so a window with four reads queued does not
 *   hold up a window with one.
 *
 * Commands are never queued here, and while one is being applied only one read runs beside it:
 * a dispatcher's write waits for at most one read's work, not for a flood.
 */
export interface ReadLimitRules {
  perWindow: number;
  perSecond: number;
  /** Reads running at once while no command is being applied… */
  concurrent: number;
  /** …and while one is (a command then waits for at most this many reads' work). */
  concurrentBesideWrites?: number;
  /** A read not answered within this long gives its slot back (default 60 s). */
  answerWithinMs?: number;
}

/**
 * A KPI board's first load asks 13 reads at once and the wall's 8: they queue, never refused.
 * 32 queued or running, or more than 60 in a burst (30 a second after it), is no desk's doing.
 */
export const DEFAULT_READ_LIMITS: ReadLimitRules = { perWindow: 32, perSecond: 30, concurrent: 3, concurrentBesideWrites: 1 };

type Start = () => void;
/** A window's reads: admitted and not yet answered (queued or running), running, and its rate tokens. */
interface WindowReads {
  inFlight: number;
  running: number;
  tokens: number;
  refilledAt: number;
}

export class ReadGate {
  private running = 0;
  private readonly waiting = new Map<string, Start[]>();
  private readonly windows = new Map<string, WindowReads>();

  constructor(
    readonly rules: ReadLimitRules = DEFAULT_READ_LIMITS,
    private readonly now: () => number = () => performance.now(),
    /** Commands being applied now (the service's count): reads make way for them. */
    private readonly writesInFlight: () => number = () => 0,
  ) {}

  /** A command finished: reads held back for it may start. */
  writesSettled(): void {
    this.next();
  }

  /**
   * Asks to start a read for `windowId`: a refusal at once, or `start` is called when the read
   * may run; the read must call the returned `done` exactly once when it has answered.
   */
  admit(windowId: string, start: (done: () => void) => void): Refusal | undefined {
    const w = this.windowOf(windowId);
    const t = this.now();
    w.tokens = Math.min(this.rules.perSecond * 2, w.tokens + ((t - w.refilledAt) / 1000) * this.rules.perSecond);
    w.refilledAt = t;
    if (w.inFlight >= this.rules.perWindow) return refusal('TOO_MANY_QUERIES', { limit: this.rules.perWindow });
    if (w.tokens < 1) return refusal('QUERY_RATE', { rate: this.rules.perSecond });
    w.tokens -= 1;
    w.inFlight += 1;
    let finished = false;
    // A read that never answers (a handler's bug) must not keep its slot: it is given back anyway.
    const expiry = setTimeout(() => done(), this.rules.answerWithinMs ?? 60_000);
    expiry.unref?.();
    const done = () => {
      if (finished) return;
      finished = true;
      clearTimeout(expiry);
      w.inFlight -= 1;
      w.running -= 1;
      this.running -= 1;
      // The next read after a turn of the event loop, so packets that arrived meanwhile are read.
      setImmediate(() => this.next());
    };
    const queue = this.waiting.get(windowId) ?? [];
    queue.push(() => start(done));
    this.waiting.set(windowId, queue);
    this.next();
    return undefined;
  }

  /** A window closed: its counters go (reads it still has running finish as usual). */
  forget(windowId: string): void {
    this.windows.delete(windowId);
  }

  /** Reads running and waiting now (for the service's own figures). */
  get load(): { running: number; waiting: number } {
    let waiting = 0;
    for (const q of this.waiting.values()) waiting += q.length;
    return { running: this.running, waiting };
  }

  private next(): void {
    const cap = this.writesInFlight() > 0 ? (this.rules.concurrentBesideWrites ?? 1) : this.rules.concurrent;
    while (this.running < cap && this.waiting.size > 0) {
      // The waiting window with the fewest reads running goes next (the longest waiting of those).
      let pick: string | undefined;
      let fewest = Infinity;
      for (const windowId of this.waiting.keys()) {
        const running = this.windowOf(windowId).running;
        if (running < fewest) [pick, fewest] = [windowId, running];
      }
      const queue = this.waiting.get(pick!)!;
      const start = queue.shift()!;
      if (queue.length === 0) this.waiting.delete(pick!);
      this.running += 1;
      this.windowOf(pick!).running += 1;
      start();
    }
  }

  private windowOf(windowId: string): WindowReads {
    let w = this.windows.get(windowId);
    if (!w) {
      w = { inFlight: 0, running: 0, tokens: this.rules.perSecond * 2, refilledAt: this.now() };
      this.windows.set(windowId, w);
    }
    return w;
  }
}
