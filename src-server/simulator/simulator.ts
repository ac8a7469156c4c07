import { randomUUID } from 'node:crypto';
import type { Channel } from '../../src-shared/domain/case';
import type { CaseEventType } from '../../src-shared/domain/events';
import type { Stage } from '../../src-shared/domain/stages';
import type { District } from '../../src-shared/district/types';
import { Random } from '../district/random';
import type { CaseService, CommandAnswer, Committed } from '../service/case-service';
import { Arrivals } from './arrivals';
import { Centre } from './centre';
import type { DemoClock } from './clock';
import { Departments } from './departments';
import type { Plan, Reactor } from './plan';
import { PROFILES, type Profile, type ProfileName } from './profiles';
import { ReportMaker } from './reports';
import { Scheduler } from './scheduler';
import { Supervisors } from './supervisors';

/** Chaoyang: 8.65 million cases in five years ≈ 4,700 a day (DOMAIN §7). */
export const DEFAULT_RATE_PER_DAY = 4_700;
/** Longest real wait between timer wake-ups while live: a held or re-timed clock is noticed within it. */
const MAX_WAIT_MS = 30_000;
const DAY_MS = 86_400_000;

/** Events that change no one's next step: they must not cancel a plan already made for the case. */
const BOOKKEEPING: ReadonlySet<CaseEventType> = new Set<CaseEventType>(['reminderRaised', 'deadlineMissed', 'evidenceAttached', 'supervisionFlagged', 'duplicateRecorded']);

export interface SimulatorOptions {
  seed: number;
  profile: Profile | ProfileName;
  /** The clock the service was built with (`() => clock.now()`): the simulator moves it during a backfill. */
  clock: DemoClock;
  /** Average reports a day over a week (default Chaoyang's 4,700). */
  ratePerDay?: number;
  /** Sets the clock's speed for live running (1 = real time). */
  speed?: number;
  /** Simulate the two centres too (default). False: intake, dispatch and decisions are left to the humans at the desk. */
  centre?: boolean;
}

export interface SimulatorStats {
  simulatedNow: string;
  running: boolean;
  pendingActions: number;
  reports: number;
  reportsByChannel: Record<Channel, number>;
  /** Reports the service linked to an open case at intake. */
  duplicatesLinked: number;
  commandsSent: number;
  applied: number;
  refusedByCode: Record<string, number>;
  /** Planned steps dropped because the case moved on first (a human acted, or another plan). */
  superseded: number;
  errors: number;
  lastError?: string;
}

/**
 * The demo simulator: a seeded, repeatable district. Field reports arrive by a Poisson process
 * (arrivals.ts), and the centre, the departments and the supervisors answer each committed
 * event with their next step, scheduled at a simulated instant. Everything goes through the
 * service's own write path (`report` / `execute`) with the demo actors, so the trail, the
 * rules and the screens are exactly those of people.
 *
 * Same seed + same start + an empty store → the same commands in the same order (backfill).
 * Live, humans' commands interleave, so only the statistics repeat.
 */
export class Simulator {
  readonly profile: Profile;
  private readonly clock: DemoClock;
  private readonly scheduler = new Scheduler();
  private readonly arrivals: Arrivals;
  private readonly reports: ReportMaker;
  private readonly reactors: Reactor[];
  /** Per case, the step counter its current plan was made at; a newer event makes an older plan stale. */
  private readonly generation = new Map<string, number>();
  private readonly counters: Omit<SimulatorStats, 'simulatedNow' | 'running' | 'pendingActions'>;
  private unsubscribe: (() => void) | undefined;
  private seeded = false;
  private live = false;
  private stopping = false;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly service: CaseService,
    district: District,
    options: SimulatorOptions,
  ) {
    this.profile = typeof options.profile === 'string' ? PROFILES[options.profile] : options.profile;
    this.clock = options.clock;
    if (options.speed !== undefined) this.clock.setSpeed(options.speed);
    const seed = options.seed;
    const calendar = service.calendar;
    this.arrivals = new Arrivals(options.ratePerDay ?? DEFAULT_RATE_PER_DAY, new Random(seed, 'sim-arrivals'), calendar);
    this.reports = new ReportMaker(district, service.district, new Random(seed, 'sim-reports'));
    const world = (stream: string) => ({ profile: this.profile, calendar, district, random: new Random(seed, stream) });
    this.reactors = [
      ...(options.centre === false ? [] : [new Centre(world('sim-centre'))]),
      new Departments(world('sim-departments')),
      new Supervisors(world('sim-supervisors')),
    ];
    this.counters = {
      reports: 0,
      reportsByChannel: { patrol: 0, hotline: 0, app: 0, camera: 0 },
      duplicatesLinked: 0,
      commandsSent: 0,
      applied: 0,
      refusedByCode: {},
      superseded: 0,
      errors: 0,
    };
  }

  /**
   * Runs the district over [from, to) as fast as the database allows, holding the service's
   * clock at each action's instant; leaves the clock held at `to`. A later backfill or
   * `start()` continues from there.
   */
  async backfill(from: Date, to: Date): Promise<void> {
    if (this.live) throw new Error('simulator: stop() before a backfill');
    this.attach();
    const fromMs = Math.max(from.getTime(), this.seeded ? this.clock.nowMs() : from.getTime());
    this.clock.hold(fromMs);
    if (this.service.now().getTime() !== fromMs) throw new Error('simulator: the service must be built with () => demoClock.now()');
    this.seedArrivals(fromMs);
    this.stopping = false;
    const run = this.scheduler.runUntil(to.getTime(), {
      beforeEach: (at) => this.clock.hold(Math.max(at, this.clock.nowMs())),
      shouldStop: () => this.stopping,
    });
    this.inFlight = run.then(() => undefined);
    try {
      await run;
    } finally {
      this.inFlight = undefined;
    }
    if (!this.stopping) this.clock.hold(Math.max(to.getTime(), this.clock.nowMs()));
  }

  /** First start: when the store has no case yet, backfill `days` (≥ 1) up to the clock's now. Returns whether it did. */
  async backfillIfEmpty(days = 1): Promise<boolean> {
    const row = await this.service.store.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM cases');
    if (Number(row?.n ?? 0) > 0) return false;
    const to = this.clock.now();
    await this.backfill(new Date(to.getTime() - Math.max(1, days) * DAY_MS), to);
    return true;
  }

  /** Runs live: the clock runs at its speed and due actions run on (unref'd) timers. */
  start(): void {
    if (this.live) return;
    this.attach();
    this.live = true;
    this.stopping = false;
    this.clock.release();
    this.seedArrivals(this.clock.nowMs());
    this.arm();
  }

  /** Stops cleanly: no timer left, the command in flight finished, no more reactions. */
  async stop(): Promise<void> {
    this.live = false;
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.inFlight) await this.inFlight;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  get running(): boolean {
    return this.live;
  }

  /** Counters since construction, and the cases by stage in the store (everyone's cases). */
  async stats(): Promise<SimulatorStats & { casesByStage: Partial<Record<Stage, number>> }> {
    const rows = await this.service.store.db.all<{ stage: Stage; n: number }>('SELECT stage, COUNT(*) AS n FROM cases GROUP BY stage');
    return {
      ...this.counters,
      reportsByChannel: { ...this.counters.reportsByChannel },
      refusedByCode: { ...this.counters.refusedByCode },
      simulatedNow: this.clock.now().toISOString(),
      running: this.live,
      pendingActions: this.scheduler.size,
      casesByStage: Object.fromEntries(rows.map((r) => [r.stage, Number(r.n)])),
    };
  }

  private attach(): void {
    this.unsubscribe ??= this.service.onCommitted((committed) => this.onCommitted(committed));
  }

  private seedArrivals(fromMs: number): void {
    if (this.seeded) return;
    this.seeded = true;
    this.scheduleArrival(fromMs);
  }

  private scheduleArrival(fromMs: number): void {
    const next = this.arrivals.next(fromMs);
    this.scheduler.schedule(next.at, () => this.arrive(next.at, next.channel));
  }

  private async arrive(at: number, channel: Channel): Promise<void> {
    // The next arrival is drawn first, so the stream of reports never depends on the answers.
    this.scheduleArrival(at);
    const report = this.reports.make(channel, at);
    this.counters.reports += 1;
    this.counters.reportsByChannel[report.payload.channel] += 1;
    const answer = await this.guarded(() => this.service.report(report.payload, report.actor, this.commandId()));
    if (answer?.ok && answer.state.stage === 'duplicate') this.counters.duplicatesLinked += 1;
  }

  /** Every commit (the simulator's and the humans'): the parties plan their next step on the case. */
  private onCommitted({ events, after }: Committed): void {
    const event = events.at(-1);
    if (!event || BOOKKEEPING.has(event.type)) return;
    const generation = (this.generation.get(after.id) ?? 0) + 1;
    let planned = false;
    for (const reactor of this.reactors) {
      const next = reactor.react(event, after);
      if (!next) continue;
      planned = true;
      this.scheduler.schedule(next.at, () => this.perform(after.id, generation, next));
      break; // one step at a time per case
    }
    if (planned) this.generation.set(after.id, generation);
    else this.generation.delete(after.id); // nothing pending: an older plan is stale anyway, and the map stays small
  }

  private async perform(caseId: string, generation: number, plan: Plan): Promise<void> {
    if (this.generation.get(caseId) !== generation) {
      this.counters.superseded += 1;
      return;
    }
    this.generation.delete(caseId);
    await this.guarded(() => this.service.execute({ commandId: this.commandId(), caseId, ...plan.command }, plan.actor));
  }

  /** Sends one command; a refusal is normal (a human acted first) and only counted, never thrown or logged. */
  private async guarded(send: () => Promise<CommandAnswer>): Promise<CommandAnswer | undefined> {
    this.counters.commandsSent += 1;
    try {
      const answer = await send();
      if (answer.ok) this.counters.applied += 1;
      else this.counters.refusedByCode[answer.code] = (this.counters.refusedByCode[answer.code] ?? 0) + 1;
      return answer;
    } catch (error) {
      this.counters.errors += 1;
      this.counters.lastError = error instanceof Error ? error.message : String(error);
      return undefined;
    }
  }

  private commandId(): string {
    return `sim-${randomUUID()}`;
  }

  private arm(): void {
    if (!this.live) return;
    const next = this.scheduler.nextAt();
    const delay = next === undefined ? MAX_WAIT_MS : Math.min(MAX_WAIT_MS, this.clock.realDelayUntil(next));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.inFlight = this.tick();
    }, delay);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      await this.scheduler.runUntil(this.clock.nowMs(), { shouldStop: () => !this.live });
    } finally {
      this.inFlight = undefined;
      this.arm();
    }
  }
}
