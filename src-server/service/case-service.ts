import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { beijingCalendar, type WorkingCalendar } from '../../src-shared/calendar';
import { categoryByCode } from '../../src-shared/catalog/categories';
import type { CaseState } from '../../src-shared/domain/case';
import type { CommandPayloadInputs } from '../../src-shared/domain/commands';
import type { DecideContext } from '../../src-shared/domain/context';
import { decide, parseCommand } from '../../src-shared/domain/decide';
import type { CaseEvent } from '../../src-shared/domain/events';
import { evolve } from '../../src-shared/domain/evolve';
import type { Actor } from '../../src-shared/domain/roles';
import { refusal, type Refusal } from '../../src-shared/errors';
import { CaseStore, DuplicateAppearedError, VersionConflictError, type Consequence } from '../store/case-store';
import { asCommand } from '../store/command-lane';
import type { Queryable } from '../store/db';
import type { DistrictIndex } from './district-index';
import { DEFAULT_DUPLICATE_RULES, findDuplicate, type DuplicateProbe, type DuplicateRules } from './duplicates';

export type CommandAnswer = { ok: true; events: CaseEvent[]; state: CaseState; duplicate?: boolean } | Refusal;

/** What the realtime layer fans out after each commit. */
export interface Committed {
  events: CaseEvent[];
  before: CaseState | null;
  after: CaseState;
}

/** Stands in for the case number until the commit assigns the day's next one. */
const PENDING_NUMBER = 'DC-PENDING';

/** Races on one case without a pinned version are re-decided on the fresh state this often. */
const MAX_ATTEMPTS = 5;

/** The day part of a case number, in Beijing time. */
function beijingDay(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * The write path, the only one: command → schema → role and state machine (`decide`) →
 * optimistic version → append events + projection + answer in one transaction → answer →
 * broadcast. Every channel (sockets, HTTP intake, the simulator, the deadline watcher)
 * comes through `execute`.
 */
export class CaseService {
  private readonly listeners = new Set<(committed: Committed) => void>();
  private readonly settledListeners = new Set<() => void>();
  private applying = 0;
  duplicateRules: DuplicateRules = DEFAULT_DUPLICATE_RULES;

  constructor(
    readonly store: CaseStore,
    readonly district: DistrictIndex,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
    readonly calendar: WorkingCalendar = beijingCalendar,
  ) {}

  now(): Date {
    return this.clock();
  }

  /** Commands being applied at this moment (reads make way for them: realtime/read-limits.ts). */
  get commandsInFlight(): number {
    return this.applying;
  }

  /** Called each time a command has been answered. */
  onCommandSettled(listener: () => void): () => void {
    this.settledListeners.add(listener);
    return () => this.settledListeners.delete(listener);
  }

  onCommitted(listener: (committed: Committed) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  context(actor: Actor, now: Date = this.clock()): DecideContext {
    return {
      now,
      actor,
      categories: { byCode: categoryByCode },
      calendar: this.calendar,
      district: this.district,
    };
  }

  async execute(input: unknown, actor: Actor, options: { numberDay?: string; duplicateProbe?: DuplicateProbe } = {}): Promise<CommandAnswer> {
    this.applying += 1;
    try {
      return await asCommand(() => this.apply(input, actor, options));
    } finally {
      this.applying -= 1;
      for (const settled of this.settledListeners) settled();
    }
  }

  private async apply(input: unknown, actor: Actor, options: { numberDay?: string; duplicateProbe?: DuplicateProbe }): Promise<CommandAnswer> {
    // (options.numberDay: the Beijing day whose numbering a new report joins; default today.
    // options.duplicateProbe: a report whose repeat the service chose; the rule is asked again
    // under the write lock, so two reports of one problem in the same instant make one case.)
    const parsed = parseCommand(input);
    if (!parsed.ok) {
      this.logger.info({ actor: actor.userId, code: parsed.code }, 'command refused at the schema');
      return parsed;
    }
    let command = parsed.command;
    if (command.type === 'linkDuplicate' && !(await this.store.loadCase(command.payload.primaryCaseId))) {
      return refusal('CASE_NOT_FOUND', { caseId: command.payload.primaryCaseId });
    }
    const log = this.logger.child({ commandId: command.commandId, caseId: command.caseId, type: command.type, actor: actor.userId });
    try {
      const earlier = await this.store.findAnswer(command.commandId);
      if (earlier) return this.replayed(earlier.answer);
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const before = (await this.store.loadCase(command.caseId)) ?? null;
        const decision = decide(before, command, this.context(actor));
        if (!decision.ok) {
          await this.store.recordAnswer(command.commandId, before ? command.caseId : null, decision);
          log.debug({ code: decision.code }, 'command refused');
          return decision;
        }
        const after = decision.events.reduce<CaseState | null>(evolve, before) as CaseState;
        try {
          const result = await this.store.commit({
            commandId: command.commandId,
            previousVersion: before?.version ?? 0,
            events: decision.events,
            state: after,
            // Numbering is the service's job: whatever number a report arrives with is replaced.
            ...(command.type === 'report' ? { numberDay: options.numberDay ?? beijingDay(this.clock()) } : {}),
            ...(command.type === 'report' && options.duplicateProbe ? { recheck: this.duplicateRecheck(options.duplicateProbe, command.payload.duplicateOf) } : {}),
            consequences: (events, load) => this.backLinks(events, load),
            answer: (events, state): CommandAnswer => ({ ok: true, events, state }),
          });
          if ('replay' in result) return this.replayed(result.replay.answer);
          log.debug({ seq: result.events.at(-1)?.seq, stage: after.stage }, 'command applied');
          this.publish({ events: result.events, before, after: result.state });
          for (const c of result.consequences) this.publish({ events: c.events, before: c.before, after: c.state });
          return result.answer;
        } catch (error) {
          if (error instanceof DuplicateAppearedError && command.type === 'report') {
            // Another report of this problem got in first: this one becomes its repeat (or new, if that one closed).
            const { duplicateOf: _decided, ...payload } = command.payload;
            command = { ...command, payload: error.primaryCaseId ? { ...payload, duplicateOf: error.primaryCaseId } : payload };
            log.info({ attempt, primaryCaseId: error.primaryCaseId }, 'a report of the same problem came first: deciding again');
            continue;
          }
          if (!(error instanceof VersionConflictError)) throw error;
          if (command.expectedVersion !== undefined) {
            const current = await this.store.loadCase(command.caseId);
            const conflict = refusal(
              'VERSION_CONFLICT',
              { current: current?.version ?? 0, expected: command.expectedVersion },
              { currentVersion: current?.version ?? 0, state: current },
            );
            await this.store.recordAnswer(command.commandId, command.caseId, conflict);
            log.info('version conflict');
            return conflict;
          }
          log.debug({ attempt }, 'case moved meanwhile: deciding again');
        }
      }
      return refusal('INTERNAL', { detail: 'the case kept changing; try again' });
    } catch (error) {
      log.error({ err: error }, 'command failed');
      return refusal('INTERNAL', { detail: error instanceof Error ? error.message : String(error) });
    }
  }

  /** A new report: the service gives it its id and its human number, then decides it like any command. */
  report(payload: Omit<CommandPayloadInputs['report'], 'number'>, actor: Actor, commandId: string = randomUUID()): Promise<CommandAnswer> {
    return asCommand(() => this.decideReport(payload, actor, commandId));
  }

  private async decideReport(payload: Omit<CommandPayloadInputs['report'], 'number'>, actor: Actor, commandId: string): Promise<CommandAnswer> {
    const earlier = await this.store.findAnswer(commandId);
    if (earlier) return this.replayed(earlier.answer);
    // Decide once first: a refused report answers at once, and the duplicate check needs its place.
    const dryRun = decide(null, { commandId, caseId: 'pending', type: 'report', payload: { ...payload, number: PENDING_NUMBER } }, this.context(actor));
    if (!dryRun.ok) return dryRun;
    const reportedCase = dryRun.events[0]?.type === 'reported' ? dryRun.events[0].payload : undefined;
    // A report that names its first case itself (a desk's 合并) keeps it; otherwise the rule chooses.
    const probe: DuplicateProbe | undefined =
      reportedCase && !payload.duplicateOf
        ? { categoryCode: reportedCase.categoryCode, lon: reportedCase.place.lon, lat: reportedCase.place.lat, componentCode: reportedCase.componentCode }
        : undefined;
    const repeat = probe ? await findDuplicate(this.store.db, probe, this.clock(), this.duplicateRules) : undefined;
    // The case number is taken in the commit's own transaction: no gaps in a day's numbering.
    return this.execute(
      { commandId, caseId: randomUUID(), type: 'report', payload: { ...payload, number: PENDING_NUMBER, ...(repeat ? { duplicateOf: repeat.id } : {}) } },
      actor,
      { numberDay: beijingDay(this.clock()), ...(probe ? { duplicateProbe: probe } : {}) },
    );
  }

  /**
   * The duplicate rule asked again inside the commit, after the write lock: the first look ran
   * before it, so a report of the same problem may have been committed in between.
   */
  private duplicateRecheck(probe: DuplicateProbe, decided: string | undefined): (tx: Queryable) => Promise<void> {
    return async (tx) => {
      const now = await findDuplicate(tx, probe, this.clock(), this.duplicateRules);
      if (now?.id !== decided) throw new DuplicateAppearedError(now?.id);
    };
  }

  /**
   * Duplicates are linked both ways: the first case lists the reports that repeat it. Decided
   * here from the first case as the commit's transaction reads it and written in that same
   * transaction, so the link and its back-link are both there or neither (a second command after
   * the commit lost back-links when seven repeats contended for the first case across nodes).
   */
  private async backLinks(events: readonly CaseEvent[], load: (caseId: string) => Promise<CaseState | undefined>): Promise<Consequence[]> {
    const consequences: Consequence[] = [];
    for (const e of events) {
      if (e.type !== 'linkedAsDuplicate' && e.type !== 'unlinkedDuplicate') continue;
      const primary = await load(e.payload.primaryCaseId);
      if (!primary) continue;
      const command = {
        commandId: `duplicate:${e.caseId}:${e.version}`,
        caseId: primary.id,
        type: 'recordDuplicate' as const,
        payload: { duplicateCaseId: e.caseId, linked: e.type === 'linkedAsDuplicate' },
      };
      const decision = decide(primary, command, this.context({ userId: 'system', role: 'system' }));
      if (!decision.ok) {
        this.logger.warn({ caseId: primary.id, code: decision.code }, 'the first case takes no back-link');
        continue;
      }
      consequences.push({ commandId: command.commandId, before: primary, events: decision.events, state: decision.events.reduce<CaseState>((st, ev) => evolve(st, ev) as CaseState, primary) });
    }
    return consequences;
  }

  private replayed(answer: unknown): CommandAnswer {
    const a = answer as CommandAnswer;
    return a.ok ? { ...a, duplicate: true } : a;
  }

  private publish(committed: Committed): void {
    for (const listener of this.listeners) {
      try {
        listener(committed);
      } catch (error) {
        this.logger.error({ err: error }, 'a commit listener failed');
      }
    }
  }
}
