/**
 * The demo clock: simulated time for the whole service. The CaseService is built with
 * `() => demoClock.now()`, so deadlines, case numbers and every event's `at` follow the
 * simulated instant, not the wall clock.
 *
 * Two modes:
 * - running: `now()` = the instant it was released at + `speed` × real time elapsed since
 *   (speed 1 = real time, 60 = an hour a minute);
 * - held: `now()` is a fixed instant that only `hold(at)` moves. The simulator holds the
 *   clock while it backfills a past interval as fast as the database allows, moving it to
 *   each action's instant, so the service stamps each command with its simulated time.
 */
export class DemoClock {
  private anchorSim: number;
  private anchorReal: number;
  private held: boolean;
  private speedFactor: number;

  constructor(
    options: { start?: Date; speed?: number; held?: boolean } = {},
    /** Real time in ms: the only place the wall clock is read (injectable for tests). */
    private readonly realNow: () => number = () => Date.now(),
  ) {
    this.speedFactor = checkSpeed(options.speed ?? 1);
    this.anchorReal = this.realNow();
    this.anchorSim = options.start?.getTime() ?? this.anchorReal;
    this.held = options.held ?? false;
  }

  get speed(): number {
    return this.speedFactor;
  }

  get running(): boolean {
    return !this.held;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  nowMs(): number {
    return this.held ? this.anchorSim : this.anchorSim + (this.realNow() - this.anchorReal) * this.speedFactor;
  }

  /** Stops the clock at `at` (backfill, or a paused demo). Moving backwards is allowed: a backfill starts in the past. */
  hold(at: Date | number): void {
    this.anchorSim = typeof at === 'number' ? at : at.getTime();
    this.held = true;
  }

  /** Lets the clock run again from where it stands. */
  release(): void {
    if (!this.held) return;
    this.anchorReal = this.realNow();
    this.held = false;
  }

  /** Changes the speed without a jump in simulated time. */
  setSpeed(speed: number): void {
    const now = this.nowMs();
    this.speedFactor = checkSpeed(speed);
    this.anchorSim = now;
    this.anchorReal = this.realNow();
  }

  /** Real milliseconds until the simulated instant `at` (0 if it is due, Infinity while held). */
  realDelayUntil(at: number): number {
    if (this.held) return Number.POSITIVE_INFINITY;
    return Math.max(0, (at - this.nowMs()) / this.speedFactor);
  }
}

function checkSpeed(speed: number): number {
  if (!Number.isFinite(speed) || speed <= 0) throw new RangeError(`The demo clock's speed must be a positive number, not ${speed}`);
  return speed;
}
