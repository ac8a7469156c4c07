import { beijingCalendar } from '../../src-shared/calendar';
import { foldForSearch } from '../../src-shared/contract/case-search';
import { categoryByCode } from '../../src-shared/catalog/categories';
import type { Category } from '../../src-shared/catalog/category-types';
import { DEFAULT_ALARM_THRESHOLDS, nextAlarmAt, type AlarmCalendar, type AlarmThresholds } from '../../src-shared/domain/alarms';
import type { CaseState } from '../../src-shared/domain/case';
import type { CaseEvent } from '../../src-shared/domain/events';
import { currentLink } from '../../src-shared/domain/rules';
import type { Scope } from '../../src-shared/domain/scope';
import { isOpenStage } from '../../src-shared/domain/stages';
import { fromJson, type Database, type Queryable } from './db';
import { FACT_COLUMNS, factsOfRow, writeDailyMarks } from './kpi-daily';
import { migrate } from './migrations';

/**
 * Which cases a user may see: everything (centres, leaders), one department's cases, or the
 * cases in a grid supervisor's own grids (what they report and verify).
 */
export type { Scope } from '../../src-shared/domain/scope';

/**
 * A report decided as new (or as a repeat of one case) found, once it held the write lock, that
 * the duplicate rule now names another case: a report of the same problem committed meanwhile.
 * The service decides it again with the case the rule names now.
 */
export class DuplicateAppearedError extends Error {
  constructor(readonly primaryCaseId: string | undefined) {
    super(`a report of the same problem was committed meanwhile (${primaryCaseId ?? 'none any more'})`);
  }
}

/** A write another case's committed events oblige, decided by the service (see `commit`). */
export interface Consequence {
  commandId: string;
  before: CaseState;
  events: readonly CaseEvent[];
  state: CaseState;
}
export interface CommittedConsequence {
  before: CaseState;
  events: CaseEvent[];
  state: CaseState;
}

export class VersionConflictError extends Error {
  constructor(readonly caseId: string) {
    super(`case ${caseId} changed while the command was being decided`);
  }
}

export interface StoredAnswer {
  caseId: string | null;
  answer: unknown;
}

export interface CaseRow {
  state: unknown;
}

interface AlarmRow {
  id: string;
  version: number;
  next_alarm_at: string | null;
  state: unknown;
}

/** The departments that can see a case, as ' a b ' so that LIKE '% a %' finds one exactly. */
function departmentList(state: CaseState): string {
  const ids = [state.leadDepartmentId, ...state.assistingDepartmentIds].filter((id): id is string => Boolean(id));
  return ` ${ids.join(' ')} `;
}

/** What the case finder matches words in, folded as it compares (migration 6 fills old rows the same way). */
export function searchTextOf(state: CaseState): string {
  return foldForSearch(`${state.place.address ?? ''}\n${state.description}`);
}

function currentDeadline(state: CaseState): string | null {
  const link = currentLink(state.stage);
  return (link && state.deadlines[link]) ?? null;
}

/** A case's next alarm instant (ISO) for the projection's `next_alarm_at`, or null when none will fall due. */
export type AlarmPlanner = (state: CaseState) => string | null;

export function alarmPlanner(
  calendar: AlarmCalendar,
  thresholds: AlarmThresholds = DEFAULT_ALARM_THRESHOLDS,
  categories: (code: string) => Category | undefined = categoryByCode,
): AlarmPlanner {
  return (state) => {
    const category = categories(state.categoryCode);
    if (!category || !isOpenStage(state.stage)) return null;
    return nextAlarmAt(state, { calendar, category, thresholds })?.toISOString() ?? null;
  };
}

/** The district's calendar and the default thresholds: right for every node that does not configure its own. */
export const DEFAULT_ALARM_PLANNER: AlarmPlanner = alarmPlanner(beijingCalendar);

/** A case whose next alarm has fallen due, for the deadline watcher. */
export interface AlarmDue {
  id: string;
  nextAlarmAt: string;
  state: CaseState;
}

/** The scope as a WHERE condition on the `cases` table (optionally aliased). */
export function scopeClause(scope: Scope, table = ''): { sql: string; params: string[] } {
  const t = table ? `${table}.` : '';
  switch (scope.kind) {
    case 'all':
      return { sql: '1 = 1', params: [] };
    case 'department':
      return { sql: `${t}department_ids LIKE ?`, params: [`% ${scope.departmentId} %`] };
    case 'grids':
      return scope.gridCodes.length === 0
        ? { sql: '1 = 0', params: [] }
        : { sql: `${t}grid_code IN (${scope.gridCodes.map(() => '?').join(',')})`, params: [...scope.gridCodes] };
  }
}

export function inScope(state: CaseState, scope: Scope): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'department':
      return departmentList(state).includes(` ${scope.departmentId} `);
    case 'grids':
      return scope.gridCodes.includes(state.place.gridCode);
  }
}

/**
 * The durable event log and the case projection. `commit` is the only write of the loop:
 * events and projection and the command's answer go in one transaction, or none of them do.
 */
export class CaseStore {
  /**
   * Computes `next_alarm_at` at every projection write. The deadline watcher installs its own
   * (its calendar and thresholds) and then refreshes the column, so the two always agree.
   */
  alarmPlanner: AlarmPlanner = DEFAULT_ALARM_PLANNER;

  constructor(readonly db: Database) {}

  async migrate(): Promise<number[]> {
    return migrate(this.db);
  }

  async findAnswer(commandId: string): Promise<StoredAnswer | undefined> {
    const row = await this.db.get<{ case_id: string | null; answer: unknown }>('SELECT case_id, answer FROM commands WHERE command_id = ?', [commandId]);
    return row && { caseId: row.case_id, answer: fromJson(row.answer) };
  }

  async loadCase(caseId: string): Promise<CaseState | undefined> {
    const row = await this.db.get<CaseRow>('SELECT state FROM cases WHERE id = ?', [caseId]);
    return row && fromJson<CaseState>(row.state);
  }

  async loadCases(caseIds: readonly string[]): Promise<CaseState[]> {
    if (caseIds.length === 0) return [];
    const rows = await this.db.all<CaseRow>(`SELECT state FROM cases WHERE id IN (${caseIds.map(() => '?').join(',')})`, caseIds);
    return rows.map((r) => fromJson<CaseState>(r.state));
  }

  async headSeq(): Promise<number> {
    const row = await this.db.get<{ head: number | null }>('SELECT MAX(seq) AS head FROM case_events');
    return Number(row?.head ?? 0);
  }

  /**
   * Appends the events (numbering them), writes the new projection and records the answer,
   * atomically. Throws VersionConflictError when the case moved since it was loaded; returns
   * the earlier answer instead when the same command id was committed meanwhile.
   */
  async commit<A>(input: {
    commandId: string;
    previousVersion: number;
    events: readonly CaseEvent[];
    state: CaseState;
    /**
     * A new report: give it the day's next case number (Beijing day, e.g. 2026-11-23) inside
     * this transaction, so a refused or crashed report never leaves a gap in the numbering.
     */
    numberDay?: string;
    /**
     * Run under the write lock before anything is written: a check whose answer must hold at
     * commit (the duplicate rule for a report); it throws to abandon the commit.
     */
    recheck?: (tx: Queryable) => Promise<void>;
    /**
     * What the committed events oblige on other cases (a repeat's back-link on its first case),
     * decided from their state as this transaction reads it and written in it: both or neither.
     */
    consequences?: (events: readonly CaseEvent[], load: (caseId: string) => Promise<CaseState | undefined>) => Promise<Consequence[]>;
    answer: (numbered: CaseEvent[], state: CaseState) => A;
  }): Promise<{ events: CaseEvent[]; state: CaseState; answer: A; consequences: CommittedConsequence[] } | { replay: StoredAnswer }> {
    return this.db.transaction(async (tx) => {
      // One writer at a time across service nodes, so sequence numbers are assigned in commit order.
      if (tx.dialect === 'postgres') await tx.run('SELECT pg_advisory_xact_lock(7310002)');
      const earlier = await tx.get<{ case_id: string | null; answer: unknown }>('SELECT case_id, answer FROM commands WHERE command_id = ?', [input.commandId]);
      if (earlier) return { replay: { caseId: earlier.case_id, answer: fromJson(earlier.answer) } };
      // The version for the optimistic check, and what the daily rollup counted the case as until now.
      const current = await this.factRow(tx, input.state.id);
      if ((current?.version ?? 0) !== input.previousVersion) throw new VersionConflictError(input.state.id);
      await input.recheck?.(tx);
      let state = input.state;
      let events = input.events;
      if (input.numberDay) {
        const number = await nextCaseNumber(tx, input.numberDay);
        state = { ...state, number };
        events = events.map((e) => (e.type === 'reported' ? { ...e, payload: { ...e.payload, number } } : e));
      }
      const head = await tx.get<{ head: number | null }>('SELECT MAX(seq) AS head FROM case_events');
      let seq = Number(head?.head ?? 0);
      const numbered = events.map((e) => ({ ...e, seq: ++seq }) as CaseEvent);
      await this.writeCase(tx, numbered, state, current);
      const answer = input.answer(numbered, state);
      await this.writeAnswer(tx, input.commandId, state.id, numbered, answer);
      const load = async (caseId: string) => {
        const row = await tx.get<CaseRow>('SELECT state FROM cases WHERE id = ?', [caseId]);
        return row && fromJson<CaseState>(row.state);
      };
      const committed: CommittedConsequence[] = [];
      for (const c of (await input.consequences?.(numbered, load)) ?? []) {
        const row = await this.factRow(tx, c.state.id);
        const followed = c.events.map((e) => ({ ...e, seq: ++seq }) as CaseEvent);
        await this.writeCase(tx, followed, c.state, row);
        await this.writeAnswer(tx, c.commandId, c.state.id, followed, { ok: true, events: followed, state: c.state });
        committed.push({ before: c.before, events: followed, state: c.state });
      }
      return { events: numbered, state, answer, consequences: committed };
    });
  }

  private factRow(tx: Queryable, caseId: string) {
    return tx.get<{ version: number } & Record<string, unknown>>(`SELECT version, ${FACT_COLUMNS.join(', ')} FROM cases WHERE id = ?`, [caseId]);
  }

  /** One case's numbered events, its projection row, its daily marks and its photos. */
  private async writeCase(tx: Queryable, numbered: readonly CaseEvent[], state: CaseState, current: Record<string, unknown> | undefined): Promise<void> {
    for (const e of numbered) {
      await tx.run(
        `INSERT INTO case_events (seq, case_id, version, type, at, actor_id, actor_role, from_stage, to_stage, command_id, event)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [e.seq, e.caseId, e.version, e.type, e.at, e.actor.userId, e.actor.role, e.fromStage, e.toStage, e.commandId, JSON.stringify(e)],
      );
    }
    const projected = await this.writeProjection(tx, state, numbered.at(-1)?.seq ?? 0, current !== undefined);
    await writeDailyMarks(tx, current && factsOfRow(current), factsOfRow(projected));
    // Photos named by the events (after-photos, check photos, evidence) now belong to the case:
    // uploaded pending by the same person, they are attached with the event, atomically.
    for (const e of numbered) {
      const named = (e.payload as { photos?: { id: string }[] }).photos ?? [];
      for (const photo of named) {
        await tx.run('UPDATE photos SET case_id = ? WHERE id = ? AND case_id IS NULL AND created_by = ?', [state.id, photo.id, e.actor.userId]);
      }
    }
  }

  private async writeAnswer(tx: Queryable, commandId: string, caseId: string, numbered: readonly CaseEvent[], answer: unknown): Promise<void> {
    await tx.run('INSERT INTO commands (command_id, case_id, at, answer) VALUES (?, ?, ?, ?)', [commandId, caseId, numbered[0]?.at ?? new Date().toISOString(), JSON.stringify(answer)]);
  }

  /** Records a refusal as the command's answer, so a retry gets the same answer. */
  async recordAnswer(commandId: string, caseId: string | null, answer: unknown): Promise<void> {
    const sql =
      this.db.dialect === 'postgres'
        ? 'INSERT INTO commands (command_id, case_id, at, answer) VALUES (?, ?, ?, ?) ON CONFLICT (command_id) DO NOTHING'
        : 'INSERT OR IGNORE INTO commands (command_id, case_id, at, answer) VALUES (?, ?, ?, ?)';
    await this.db.run(sql, [commandId, caseId, new Date().toISOString(), JSON.stringify(answer)]);
  }

  /** Writes the case's `cases` row; returns its columns. */
  private async writeProjection(tx: Queryable, s: CaseState, lastSeq: number, exists: boolean): Promise<Record<string, unknown>> {
    const columns = {
      number: s.number,
      version: s.version,
      stage: s.stage,
      category_code: s.categoryCode,
      urgency: s.urgency,
      channel: s.channel,
      street_code: s.place.streetCode,
      community_code: s.place.communityCode,
      grid_code: s.place.gridCode,
      lon: s.place.lon,
      lat: s.place.lat,
      component_code: s.componentCode ?? null,
      department_ids: departmentList(s),
      lead_department_id: s.leadDepartmentId ?? null,
      reported_at: s.reportedAt,
      dispatched_at: s.dispatchedAt ?? null,
      handled_at: s.handledAt ?? null,
      closed_at: s.closedAt ?? null,
      // The evaluation's inputs (migration 4), read by kpi-queries.ts exactly as formulas.ts reads the state.
      handle_deadline: s.deadlines.handle ?? null,
      verify_deadline: s.deadlines.verify ?? null,
      registered_at: s.registeredAt ?? null,
      sent_to_verify_at: s.sentToVerifyAt ?? null,
      late_handle: s.late.handle ? 1 : 0,
      late_verify: s.late.verify ? 1 : 0,
      rework_count: s.reworkCount,
      return_count: s.returnCount,
      extension_count: s.extensionCount,
      evaluation_satisfaction: s.evaluation?.satisfaction ?? null,
      evaluated_at: s.evaluation?.at ?? null,
      current_deadline: currentDeadline(s),
      is_open: isOpenStage(s.stage) ? 1 : 0,
      next_alarm_at: this.alarmPlanner(s),
      last_seq: lastSeq,
      search_text: searchTextOf(s),
      state: JSON.stringify(s),
    };
    const names = Object.keys(columns);
    const values = Object.values(columns);
    if (exists) {
      await tx.run(`UPDATE cases SET ${names.map((n) => `${n} = ?`).join(', ')} WHERE id = ?`, [...values, s.id]);
    } else {
      await tx.run(`INSERT INTO cases (id, ${names.join(', ')}) VALUES (?, ${names.map(() => '?').join(', ')})`, [s.id, ...values]);
    }
    return columns;
  }

  /** Events after `seq`, oldest first, at most `limit`, within the scope. */
  async eventsSince(seq: number, limit: number, scope: Scope = { kind: 'all' }): Promise<CaseEvent[]> {
    const where = scopeClause(scope, 'c');
    const rows =
      scope.kind === 'all'
        ? await this.db.all<{ event: unknown }>('SELECT event FROM case_events WHERE seq > ? ORDER BY seq LIMIT ?', [seq, limit])
        : await this.db.all<{ event: unknown }>(
            `SELECT e.event FROM case_events e JOIN cases c ON c.id = e.case_id
             WHERE e.seq > ? AND ${where.sql} ORDER BY e.seq LIMIT ?`,
            [seq, ...where.params, limit],
          );
    return rows.map((r) => fromJson<CaseEvent>(r.event));
  }

  async countEventsSince(seq: number): Promise<number> {
    const row = await this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM case_events WHERE seq > ?', [seq]);
    return Number(row?.n ?? 0);
  }

  async caseTrail(caseId: string): Promise<CaseEvent[]> {
    const rows = await this.db.all<{ event: unknown }>('SELECT event FROM case_events WHERE case_id = ? ORDER BY version', [caseId]);
    return rows.map((r) => fromJson<CaseEvent>(r.event));
  }

  /**
   * The working set a window starts from: every open case in scope, plus those that ended
   * recently (so a just-closed case does not vanish from a screen at reconnect).
   */
  async workingSet(scope: Scope, endedSince: string): Promise<CaseState[]> {
    const where = scopeClause(scope);
    const rows = await this.db.all<CaseRow>(
      `SELECT state FROM cases WHERE (is_open = 1 OR reported_at >= ? OR closed_at >= ?) AND ${where.sql} ORDER BY reported_at`,
      [endedSince, endedSince, ...where.params],
    );
    return rows.map((r) => fromJson<CaseState>(r.state));
  }

  /**
   * The same working set as a JSON array, assembled from the stored JSON text without parsing
   * and re-serialising each case: the first load of a window with 10,000 cases is dominated by
   * exactly that work.
   */
  async workingSetJson(scope: Scope, endedSince: string): Promise<string> {
    const where = scopeClause(scope);
    const column = this.db.dialect === 'postgres' ? 'state::text' : 'state';
    const rows = await this.db.all<{ state: string }>(
      `SELECT ${column} AS state FROM cases WHERE (is_open = 1 OR reported_at >= ? OR closed_at >= ?) AND ${where.sql} ORDER BY reported_at`,
      [endedSince, endedSince, ...where.params],
    );
    return `[${rows.map((r) => r.state).join(',')}]`;
  }

  /**
   * Open cases whose next alarm is due by `until`, oldest alarm first, a page at a time
   * (`after` = the last row of the previous page), so a case the watcher cannot alert does not
   * hide the ones behind it.
   */
  async casesWithAlarmDue(until: string, limit: number, after?: { nextAlarmAt: string; id: string }): Promise<AlarmDue[]> {
    const page = after
      ? { sql: 'AND (next_alarm_at > ? OR (next_alarm_at = ? AND id > ?))', params: [after.nextAlarmAt, after.nextAlarmAt, after.id] }
      : { sql: '', params: [] };
    const rows = await this.db.all<{ id: string; next_alarm_at: string; state: unknown }>(
      `SELECT id, next_alarm_at, state FROM cases
       WHERE is_open = 1 AND next_alarm_at IS NOT NULL AND next_alarm_at <= ? ${page.sql}
       ORDER BY next_alarm_at, id LIMIT ?`,
      [until, ...page.params, limit],
    );
    return rows.map((r) => ({ id: r.id, nextAlarmAt: r.next_alarm_at, state: fromJson<CaseState>(r.state) }));
  }

  /** The earliest alarm instant after `instant` among open cases: when the watcher should look next. */
  async earliestAlarmAfter(instant: string): Promise<string | undefined> {
    const row = await this.db.get<{ next: string | null }>(
      'SELECT MIN(next_alarm_at) AS next FROM cases WHERE is_open = 1 AND next_alarm_at > ?',
      [instant],
    );
    return row?.next ?? undefined;
  }

  /**
   * Recomputes `next_alarm_at` of every open case with the current planner: after the
   * migration that added the column, and whenever the calendar or thresholds may have changed.
   * Returns how many rows changed. A row that moved meanwhile keeps what its commit wrote.
   */
  async refreshAlarms(batch = 500): Promise<number> {
    let changed = 0;
    for (let last = ''; ; ) {
      const rows = await this.db.all<AlarmRow>('SELECT id, version, next_alarm_at, state FROM cases WHERE is_open = 1 AND id > ? ORDER BY id LIMIT ?', [
        last,
        batch,
      ]);
      changed += await this.rewriteAlarms(rows);
      const tail = rows.at(-1);
      if (!tail || rows.length < batch) return changed;
      last = tail.id;
    }
  }

  /** `refreshAlarms` for a few cases. */
  async refreshAlarmsOf(caseIds: readonly string[]): Promise<number> {
    if (caseIds.length === 0) return 0;
    const rows = await this.db.all<AlarmRow>(`SELECT id, version, next_alarm_at, state FROM cases WHERE id IN (${caseIds.map(() => '?').join(',')})`, caseIds);
    return this.rewriteAlarms(rows);
  }

  private async rewriteAlarms(rows: readonly AlarmRow[]): Promise<number> {
    const updates = rows
      .map((r) => ({ id: r.id, version: r.version, before: r.next_alarm_at, after: this.alarmPlanner(fromJson<CaseState>(r.state)) }))
      .filter((u) => u.before !== u.after);
    if (updates.length === 0) return 0;
    return this.db.transaction(async (tx) => {
      let changed = 0;
      for (const u of updates) {
        changed += (await tx.run('UPDATE cases SET next_alarm_at = ? WHERE id = ? AND version = ?', [u.after, u.id, u.version])).changes;
      }
      return changed;
    });
  }
}

/** The next human case number of a day (DC20261123-00042), inside the caller's transaction. */
async function nextCaseNumber(tx: Queryable, day: string): Promise<string> {
  const row = await tx.get<{ last: number }>('SELECT last FROM case_numbers WHERE day = ?', [day]);
  const next = (row?.last ?? 0) + 1;
  if (row) await tx.run('UPDATE case_numbers SET last = ? WHERE day = ?', [next, day]);
  else await tx.run('INSERT INTO case_numbers (day, last) VALUES (?, ?)', [day, next]);
  return `DC${day.replace(/-/g, '')}-${String(next).padStart(5, '0')}`;
}
