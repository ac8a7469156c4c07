import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { categoryByCode } from '../../src-shared/catalog/categories';
import type { Category } from '../../src-shared/catalog/category-types';
import {
  DEFAULT_ALARM_THRESHOLDS,
  assertValidThresholds,
  dueAlarms,
  type AlarmKind,
  type AlarmThresholds,
  type DueAlarm,
} from '../../src-shared/domain/alarms';
import type { CaseState } from '../../src-shared/domain/case';
import { overdueSteps } from '../../src-shared/domain/emergency-response';
import type { Actor } from '../../src-shared/domain/roles';
import type { Link } from '../../src-shared/domain/stages';
import { alarmPlanner, type AlarmPlanner } from '../store/case-store';
import type { CaseService } from './case-service';
import { stepAlarmCommandId } from './step-alarms';

export const SYSTEM_ACTOR: Actor = { userId: 'system', role: 'system' };

export interface DeadlineWatcherOptions {
  /** How often to look for due alarms whatever the timer says (ms of real time). Default 30 s. */
  tickMs?: number;
  thresholds?: AlarmThresholds;
  /**
   * Service-clock milliseconds per real millisecond (the demo's accelerated clock), to turn
   * "the next alarm is at T" into a real timer delay. Default 1. A wrong rate only makes the
   * timer early (a tick that finds nothing) or late (the periodic tick catches it). A function
   * is read each time, for a clock whose speed changes (e.g. `() => demoClock.speed`).
   */
  clockRate?: number | (() => number);
  /** Cases per query page. Default 200. */
  batchSize?: number;
  categories?: (code: string) => Category | undefined;
}

export interface AlarmOutcome {
  caseId: string;
  /** 'step' = an emergency plan's checklist step passed its deadline undone (markStepOverdue). */
  kind: AlarmKind | 'step';
  /** The link of a reminder, overdue alert or supervision. */
  link?: Link;
  /** The plan step of a 'step' alarm. */
  stepId?: string;
  commandId: string;
  /** raised = this call applied it; replayed = the same command id was already answered (another node, a restart); refused = decide said no. */
  result: 'raised' | 'replayed' | 'refused';
  code?: string;
}

export interface TickReport {
  /** The service-clock instant the tick judged by (ISO). */
  at: string;
  /** Cases whose stored next alarm was due. */
  checked: number;
  outcomes: AlarmOutcome[];
}

/** One alarm to issue: what the outcome reports, when it fell due, and its command for a given state. */
interface DueAction {
  outcome: Pick<AlarmOutcome, 'kind' | 'link' | 'stepId'>;
  dueAt: Date;
  type: 'raiseReminder' | 'markOverdue' | 'flagSupervision' | 'markStepOverdue';
  payload: { link: Link } | { reason: string } | { stepId: string };
  commandId: (state: CaseState) => string;
}

/** Real-time bounds of the timer to the next alarm: never a busy loop, never beyond a tick. */
const MIN_TIMER_MS = 20;
/** Re-decides a case this often when it moves between our read and our command. */
const MAX_ATTEMPTS = 3;

const COMMAND_TYPES = { reminder: 'raiseReminder', overdue: 'markOverdue', supervision: 'flagSupervision' } as const;

/**
 * The command id of one alarm of one case state. Deterministic, so two nodes (or a node before
 * and after a restart) looking at the same case issue the same command, and the service's
 * idempotency answers the second with the first's answer. The version is in it because the
 * command pins that version: a case that moved meanwhile gets a fresh id, never a stored
 * VERSION_CONFLICT that would silence the alarm for good.
 */
export function alarmCommandId(state: Pick<CaseState, 'id' | 'version'>, alarm: Pick<DueAlarm, 'kind' | 'link' | 'deadline' | 'startedAt'>): string {
  const digest = createHash('sha256')
    .update([state.id, alarm.link, alarm.kind, alarm.deadline, alarm.startedAt, state.version].join('|'))
    .digest('hex')
    .slice(0, 40);
  return `alarm:${alarm.kind}:${digest}`; // ≤ 58 characters: the command schema allows 64
}

/**
 * Raises deadline alarms — the reminder at 80 % of a link's time, the overdue alert at its
 * deadline, formal supervision (督办) at twice the handling time, and the overdue alert of an
 * emergency plan's checklist step — through the normal write path as the system actor, so they
 * reach every screen as case events.
 *
 * The database is the only memory: each projection write stores the case's next alarm instant
 * (`next_alarm_at`), and every tick asks for the cases whose instant has passed. A restart, a
 * second node or a stopped timer therefore loses nothing; timers only make an alarm prompt.
 */
export class DeadlineWatcher {
  readonly thresholds: AlarmThresholds;
  private readonly planner: AlarmPlanner;
  private readonly tickMs: number;
  private readonly clockRate: () => number;
  private readonly batchSize: number;
  private readonly categories: (code: string) => Category | undefined;
  private running = false;
  private interval: NodeJS.Timeout | undefined;
  private timer: { handle: NodeJS.Timeout; at: number } | undefined;
  private unsubscribe: (() => void) | undefined;
  /** Ticks run one after another; at most one waits behind the running one. */
  private chain: Promise<unknown> = Promise.resolve();
  private queued: Promise<TickReport> | undefined;

  constructor(
    private readonly service: CaseService,
    private readonly logger: Logger,
    options: DeadlineWatcherOptions = {},
  ) {
    this.thresholds = options.thresholds ?? DEFAULT_ALARM_THRESHOLDS;
    assertValidThresholds(this.thresholds);
    this.tickMs = options.tickMs ?? 30_000;
    const rate = options.clockRate ?? 1;
    this.clockRate = typeof rate === 'number' ? () => rate : rate;
    this.batchSize = options.batchSize ?? 200;
    this.categories = options.categories ?? categoryByCode;
    if (!(this.tickMs > 0) || !(this.batchSize > 0)) throw new RangeError('tickMs and batchSize must be positive');
    this.planner = alarmPlanner(service.calendar, this.thresholds, this.categories);
  }

  /** Installs this watcher's alarm rules in the store, brings the column up to date, ticks, and keeps ticking. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const store = this.service.store;
    store.alarmPlanner = this.planner;
    const refreshed = await store.refreshAlarms(this.batchSize);
    if (refreshed > 0) this.logger.info({ refreshed }, 'next alarm instants recomputed');
    // A commit can bring an alarm earlier than the timer (a new urgent case): re-arm at once.
    this.unsubscribe = this.service.onCommitted(({ after }) => {
      const next = this.planner(after);
      if (next !== null) this.arm(Date.parse(next));
    });
    this.interval = setInterval(() => this.tickQuietly(), this.tickMs);
    this.interval.unref();
    await this.tick();
  }

  /** Clears the timers and waits for a tick in progress, so the database can be closed after it. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.interval) clearInterval(this.interval);
    this.interval = undefined;
    this.disarm();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    await this.chain;
  }

  /** Issues every alarm due now. Safe to call at any time and any number of times. */
  tick(): Promise<TickReport> {
    if (this.queued) return this.queued; // it has not started yet, so it will judge by a fresh clock
    const next = this.chain.then(() => {
      this.queued = undefined;
      return this.scan();
    });
    this.queued = next;
    this.chain = next.catch(() => undefined);
    return next;
  }

  private tickQuietly(): void {
    this.tick().catch((error: unknown) => this.logger.error({ err: error }, 'deadline watcher tick failed'));
  }

  private async scan(): Promise<TickReport> {
    const now = this.service.now();
    const until = now.toISOString();
    const outcomes: AlarmOutcome[] = [];
    let checked = 0;
    let after: { nextAlarmAt: string; id: string } | undefined;
    for (;;) {
      const page = await this.service.store.casesWithAlarmDue(until, this.batchSize, after);
      for (const row of page) {
        checked += 1;
        outcomes.push(...(await this.alert(row.state, now)));
      }
      const last = page.at(-1);
      if (!last || page.length < this.batchSize) break;
      after = { nextAlarmAt: last.nextAlarmAt, id: last.id };
    }
    if (this.running) {
      const next = await this.service.store.earliestAlarmAfter(until);
      if (next !== undefined) this.arm(Date.parse(next));
    }
    return { at: until, checked, outcomes };
  }

  /** The link alarms and the plan-step alerts due now, in that order, as commands for this state. */
  private dueActions(state: CaseState, now: Date): DueAction[] {
    const category = this.categories(state.categoryCode);
    const links = category
      ? dueAlarms(state, now, { calendar: this.service.calendar, category, thresholds: this.thresholds }).map((alarm) => ({
          outcome: { kind: alarm.kind, link: alarm.link },
          dueAt: alarm.dueAt,
          type: COMMAND_TYPES[alarm.kind],
          payload: this.payload(alarm, state, category),
          commandId: (s: CaseState) => alarmCommandId(s, alarm),
        }))
      : [];
    return [
      ...links,
      ...overdueSteps(state, now).map((step) => ({
        outcome: { kind: 'step' as const, stepId: step.id },
        dueAt: new Date(step.dueAt),
        type: 'markStepOverdue' as const,
        payload: { stepId: step.id },
        commandId: (s: CaseState) => stepAlarmCommandId(s, step),
      })),
    ];
  }

  /** Issues the case's due alarms, re-deciding on the fresh state when it moved under us. */
  private async alert(found: CaseState, now: Date): Promise<AlarmOutcome[]> {
    const outcomes: AlarmOutcome[] = [];
    let state: CaseState | undefined = found;
    for (let attempt = 1; state && attempt <= MAX_ATTEMPTS; attempt++) {
      const due = this.dueActions(state, now);
      if (due.length === 0) {
        // The stored instant was stale (another node's rules, an unknown category): correct it so the case is not looked at every tick.
        await this.service.store.refreshAlarmsOf([state.id]);
        return outcomes;
      }
      let moved = false;
      for (const alarm of due) {
        // A clock moved backwards since the scan (the demo's backfill holds and moves it) would
        // get a NOT_YET_DUE recorded under this id: leave it to a later tick instead.
        if (this.service.now().getTime() < alarm.dueAt.getTime()) return outcomes;
        const commandId = alarm.commandId(state);
        const answer = await this.service.execute(
          { commandId, caseId: state.id, expectedVersion: state.version, type: alarm.type, payload: alarm.payload },
          SYSTEM_ACTOR,
        );
        const outcome = { caseId: state.id, ...alarm.outcome, commandId };
        if (answer.ok) {
          outcomes.push({ ...outcome, result: answer.duplicate ? 'replayed' : 'raised' });
          state = answer.state;
          continue;
        }
        if (answer.code === 'VERSION_CONFLICT') {
          state = await this.service.store.loadCase(found.id);
          moved = true;
          break;
        }
        // Our rules and decide's disagree, which should not happen: say so, and leave the case to the next tick.
        this.logger.warn({ caseId: state.id, ...alarm.outcome, code: answer.code }, 'deadline alarm refused');
        outcomes.push({ ...outcome, result: 'refused', code: answer.code });
        return outcomes;
      }
      if (!moved) return outcomes;
    }
    return outcomes;
  }

  private payload(alarm: DueAlarm, state: CaseState, category: Category): { link: Link } | { reason: string } {
    if (alarm.kind !== 'supervision') return { link: alarm.link };
    const multiple = this.thresholds.supervisionMultiple;
    return {
      reason: `${category.name.zh}处置超时，已达时限的${multiple}倍（截止${alarm.deadline}），系统自动督办 / Handling has taken ${multiple}× its time limit (deadline ${alarm.deadline}): automatic supervision of ${state.number}`,
    };
  }

  /** Sets the timer to the alarm instant `at` (service clock) if it is sooner than the armed one and than the next tick. */
  private arm(at: number): void {
    if (!this.running) return;
    if (this.timer && this.timer.at <= at) return;
    const rate = this.clockRate();
    const delay = rate > 0 ? Math.max(MIN_TIMER_MS, (at - this.service.now().getTime()) / rate) : Infinity;
    if (delay >= this.tickMs) return; // the periodic tick comes first
    this.disarm();
    const handle = setTimeout(() => {
      this.timer = undefined;
      this.tickQuietly();
    }, delay);
    handle.unref();
    this.timer = { handle, at };
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer.handle);
    this.timer = undefined;
  }
}
