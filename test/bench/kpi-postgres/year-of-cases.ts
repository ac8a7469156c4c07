import { beijingCalendar } from '../../../src-shared/calendar';
import { categoryByCode } from '../../../src-shared/catalog/categories';
import { dueAlarms, nextAlarmAt } from '../../../src-shared/domain/alarms';
import type { CaseState } from '../../../src-shared/domain/case';
import type { DecideContext } from '../../../src-shared/domain/context';
import { decide, type Decision } from '../../../src-shared/domain/decide';
import type { CaseEvent, CaseEventType } from '../../../src-shared/domain/events';
import { evolve } from '../../../src-shared/domain/evolve';
import type { Actor } from '../../../src-shared/domain/roles';
import { isOpenStage } from '../../../src-shared/domain/stages';
import type { District } from '../../../src-shared/district/types';
import { Random } from '../../../src-server/district/random';
import { alarmCommandId, SYSTEM_ACTOR } from '../../../src-server/service/deadline-watcher';
import { DistrictIndex } from '../../../src-server/service/district-index';
import { Arrivals } from '../../../src-server/simulator/arrivals';
import { Centre } from '../../../src-server/simulator/centre';
import { Departments } from '../../../src-server/simulator/departments';
import type { Plan, Reactor } from '../../../src-server/simulator/plan';
import { PROFILES, type ProfileName } from '../../../src-server/simulator/profiles';
import { ReportMaker } from '../../../src-server/simulator/reports';
import { Scheduler } from '../../../src-server/simulator/scheduler';
import { Supervisors } from '../../../src-server/simulator/supervisors';
import { OpenCases } from './open-cases';
import { YearCalendar } from './year-calendar';

/**
 * A year of a district's cases, lived in memory by the demo simulator's own parts: reports
 * arrive by its Poisson process (arrivals.ts) and are made by its ReportMaker; its centre,
 * departments and supervisors answer each event with their next step; the deadline watcher's
 * rules raise reminders, overdue alerts and 督办; every step is the real `decide` and the state
 * the real `evolve`. What the service adds around them is done here as it does it (a case
 * number per Beijing day, duplicates linked at intake and recorded on the first case, one
 * global sequence in commit order), without a database: the cases go to the bench's bulk
 * loader as they end. Same seed and size → the same year.
 */

export interface YearOptions {
  district: District;
  seed: number;
  /** About this many reports over the year (a Poisson process: the count varies by ~0.1 %). */
  cases: number;
  /** Epoch ms: the first instant of the year, and the bench's "now" (nothing after it happens). */
  start: number;
  now: number;
  /** The behaviour of the people handling a street's cases. */
  profileOf: (streetCode: string) => ProfileName;
}

/** A case with its whole trail so far (events numbered with the global sequence). */
export interface LivedCase {
  state: CaseState;
  events: CaseEvent[];
}

export interface YearCounts {
  reports: number;
  events: number;
  refused: Record<string, number>;
  superseded: number;
  /** Beijing day → the last case number given that day (the service's case_numbers table). */
  numbers: Map<string, number>;
}

/** Events that change no one's next step (as the simulator's BOOKKEEPING): they must not cancel a plan. */
const BOOKKEEPING: ReadonlySet<CaseEventType> = new Set<CaseEventType>(['reminderRaised', 'deadlineMissed', 'evidenceAttached', 'supervisionFlagged', 'duplicateRecorded']);
const ALARM_COMMANDS = { reminder: 'raiseReminder', overdue: 'markOverdue', supervision: 'flagSupervision' } as const;
const PENDING_NUMBER = 'DC-PENDING';
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

interface Live {
  state: CaseState;
  events: CaseEvent[];
  reactors: readonly Reactor[];
  /** The generation of the current plan (a newer event makes an older plan stale), and whether one is pending. */
  plan: number;
  planned: boolean;
  /** The same for the next deadline alarm. */
  alarm: number;
}

export class YearOfCases {
  private readonly scheduler = new Scheduler();
  private readonly calendar: YearCalendar;
  private readonly index: DistrictIndex;
  private readonly arrivals: Arrivals;
  private readonly reports: ReportMaker;
  private readonly ids: Random;
  private readonly reactorsOf: (streetCode: string) => readonly Reactor[];
  private readonly open = new OpenCases();
  private readonly live = new Map<string, Live>();
  private ended: LivedCase[] = [];
  private seq = 0;
  private commands = 0;
  readonly counts: YearCounts = { reports: 0, events: 0, refused: {}, superseded: 0, numbers: new Map() };

  constructor(private readonly options: YearOptions) {
    const { district, seed } = options;
    // Deadlines run up to ~ 20 working days past "now" (demolitions); a month of margin before.
    this.calendar = new YearCalendar(options.start - 30 * DAY_MS, options.now + 60 * DAY_MS);
    this.calendar.check(beijingCalendar, 2_000, seed);
    this.index = new DistrictIndex(district);
    const days = (options.now - options.start) / DAY_MS;
    this.arrivals = new Arrivals(options.cases / days, new Random(seed, 'sim-arrivals'), this.calendar);
    this.reports = new ReportMaker(district, this.index, new Random(seed, 'sim-reports'));
    this.ids = new Random(seed, 'bench-case-ids');
    const sets = new Map<ProfileName, readonly Reactor[]>();
    for (const name of Object.keys(PROFILES) as ProfileName[]) {
      const world = (stream: string) => ({ profile: PROFILES[name], calendar: this.calendar, district, random: new Random(seed, `${stream}-${name}`) });
      sets.set(name, [new Centre(world('sim-centre')), new Departments(world('sim-departments')), new Supervisors(world('sim-supervisors'))]);
    }
    this.reactorsOf = (street) => sets.get(options.profileOf(street)) ?? [];
  }

  /**
   * Lives the year, handing over the cases that ended (and at the end, the open ones) in
   * batches of about `batch`; `take` may apply back-pressure by resolving later.
   */
  async run(batch: number, take: (cases: LivedCase[]) => Promise<void>): Promise<YearCounts> {
    this.scheduleArrival(this.options.start);
    for (let until = this.options.start; until < this.options.now; ) {
      until = Math.min(until + HOUR_MS, this.options.now);
      await this.scheduler.runUntil(until);
      if (this.ended.length >= batch) await take(this.ended.splice(0));
    }
    for (const c of this.live.values()) this.ended.push({ state: c.state, events: c.events });
    this.live.clear();
    while (this.ended.length > 0) await take(this.ended.splice(0, batch));
    return this.counts;
  }

  private context(actor: Actor, at: number): DecideContext {
    return { now: new Date(at), actor, categories: { byCode: categoryByCode }, calendar: this.calendar, district: this.index };
  }

  private scheduleArrival(fromMs: number): void {
    const next = this.arrivals.next(fromMs);
    if (next.at > this.options.now) return;
    this.scheduler.schedule(next.at, async () => {
      this.scheduleArrival(next.at); // first, so the stream of reports never depends on the answers
      this.report(next.at, next.channel);
    });
  }

  /** CaseService.report: decide, look for an open case it repeats, number it, commit. */
  private report(at: number, channel: Parameters<ReportMaker['make']>[0]): void {
    const { payload, actor } = this.reports.make(channel, at);
    this.counts.reports += 1;
    const command = { commandId: this.commandId(), caseId: this.caseId(), type: 'report' as const, payload: { ...payload, number: PENDING_NUMBER } };
    let decision = decide(null, command, this.context(actor, at));
    const first = decision.ok ? decision.events[0] : undefined;
    if (first?.type === 'reported') {
      const p = first.payload;
      const repeat = this.open.find({ categoryCode: p.categoryCode, lon: p.place.lon, lat: p.place.lat, componentCode: p.componentCode }, at);
      if (repeat) decision = decide(null, { ...command, payload: { ...command.payload, duplicateOf: repeat.id } }, this.context(actor, at));
    }
    if (!this.accepted(decision)) return;
    // CaseStore.commit gives the day's next number inside the transaction and writes it into the report.
    const day = new Date(at + 8 * HOUR_MS).toISOString().slice(0, 10);
    const n = (this.counts.numbers.get(day) ?? 0) + 1;
    this.counts.numbers.set(day, n);
    const number = `DC${day.replace(/-/g, '')}-${String(n).padStart(5, '0')}`;
    const events = decision.events.map((e) => (e.type === 'reported' ? { ...e, payload: { ...e.payload, number } } : e));
    this.commit(null, events, this.reactorsOf(first?.type === 'reported' ? first.payload.place.streetCode : ''));
  }

  private accepted(decision: Decision): decision is Extract<Decision, { ok: true }> {
    if (decision.ok) return true;
    this.counts.refused[decision.code] = (this.counts.refused[decision.code] ?? 0) + 1;
    return false;
  }

  /** The store's commit and the service's after-commit work: number, fold, react, arm the alarm, record duplicates. */
  private commit(live: Live | null, events: readonly CaseEvent[], reactors: readonly Reactor[]): void {
    const numbered = events.map((e) => ({ ...e, seq: ++this.seq }) as CaseEvent);
    const state = numbered.reduce<CaseState | null>(evolve, live?.state ?? null) as CaseState;
    const c: Live = live ?? { state, events: [], reactors, plan: 0, planned: false, alarm: 0 };
    c.state = state;
    c.events.push(...numbered);
    this.counts.events += numbered.length;
    if (!live) this.live.set(state.id, c);
    this.open.update(state);
    this.react(c, numbered.at(-1));
    this.armAlarm(c);
    for (const e of numbered) if (e.type === 'linkedAsDuplicate') this.recordOnPrimary(e);
    if (!isOpenStage(state.stage) && !c.planned) this.end(c);
  }

  /** The simulator's onCommitted: the first party with a next step plans it; it supersedes any older plan. */
  private react(c: Live, event: CaseEvent | undefined): void {
    if (!event || BOOKKEEPING.has(event.type)) return;
    const generation = ++c.plan;
    let next: Plan | undefined;
    for (const reactor of c.reactors) {
      next = reactor.react(event, c.state);
      if (next) break;
    }
    c.planned = next !== undefined;
    if (!next || next.at > this.options.now) return; // after "now": the case is still waiting at the end of the year
    const plan = next;
    this.scheduler.schedule(plan.at, async () => {
      if (c.plan !== generation) {
        this.counts.superseded += 1;
        return;
      }
      c.planned = false;
      const decision = decide(c.state, { commandId: this.commandId(), caseId: c.state.id, ...plan.command }, this.context(plan.actor, plan.at));
      if (this.accepted(decision)) this.commit(c, decision.events, c.reactors);
      else if (!isOpenStage(c.state.stage)) this.end(c);
    });
  }

  /** The deadline watcher: at the case's next alarm instant, the first alarm then due, as the system. */
  private armAlarm(c: Live): void {
    const category = categoryByCode(c.state.categoryCode);
    const generation = ++c.alarm;
    const next = category && isOpenStage(c.state.stage) ? nextAlarmAt(c.state, { calendar: this.calendar, category }) : undefined;
    if (!category || !next) return;
    const lastAt = Date.parse(c.events.at(-1)?.at ?? c.state.reportedAt);
    const at = Math.max(next.getTime(), lastAt);
    if (at > this.options.now) return;
    this.scheduler.schedule(at, async () => {
      if (c.alarm !== generation) return;
      const alarm = dueAlarms(c.state, new Date(at), { calendar: this.calendar, category })[0];
      if (!alarm) return;
      const payload =
        alarm.kind === 'supervision'
          ? { reason: `${category.name.zh}处置超时，已达时限的2倍（截止${alarm.deadline}），系统自动督办 / Handling has taken 2× its time limit: automatic supervision of ${c.state.number}` }
          : { link: alarm.link };
      const command = { commandId: alarmCommandId(c.state, alarm), caseId: c.state.id, expectedVersion: c.state.version, type: ALARM_COMMANDS[alarm.kind], payload };
      const decision = decide(c.state, command, this.context(SYSTEM_ACTOR, at));
      if (this.accepted(decision)) this.commit(c, decision.events, c.reactors);
    });
  }

  /** CaseService.recordOnPrimary: the first case lists the report that repeats it. */
  private recordOnPrimary(e: Extract<CaseEvent, { type: 'linkedAsDuplicate' }>): void {
    const primary = this.live.get(e.payload.primaryCaseId);
    if (!primary) return;
    const at = Date.parse(e.at);
    const command = { commandId: `duplicate:${e.caseId}:${e.version}`, caseId: primary.state.id, type: 'recordDuplicate' as const, payload: { duplicateCaseId: e.caseId, linked: true } };
    const decision = decide(primary.state, command, this.context(SYSTEM_ACTOR, at));
    if (this.accepted(decision)) this.commit(primary, decision.events, primary.reactors);
  }

  private end(c: Live): void {
    if (!this.live.delete(c.state.id)) return;
    this.ended.push({ state: c.state, events: c.events });
  }

  private commandId(): string {
    return `sim-${this.options.seed}-${(++this.commands).toString(36)}`;
  }

  /** A version-4-shaped UUID from the seeded stream, so one seed gives the same ids. */
  private caseId(): string {
    const hex = Array.from({ length: 4 }, () => Math.floor(this.ids.next() * 2 ** 32).toString(16).padStart(8, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[parseInt(hex[16] as string, 16) % 4]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}
