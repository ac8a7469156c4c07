import type { CaseQuery } from '../../src-shared/contract/socket';
import type { CaseState } from '../../src-shared/domain/case';
import type { CaseEvent } from '../../src-shared/domain/events';
import { scopeClause, type CaseRow, type Scope } from './case-store';
import { fromJson, type Database, type Queryable, type SqlValue } from './db';

/** A filtered, sorted page of cases for a screen (the filters are the queue's). */
export async function queryCases(db: Database, q: CaseQuery, scope: Scope, now: Date): Promise<{ cases: CaseState[]; total: number }> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  const add = (sql: string, ...values: SqlValue[]) => {
    where.push(sql);
    params.push(...values);
  };
  const s = scopeClause(scope);
  add(s.sql, ...s.params);
  if (q.stages?.length) add(`stage IN (${q.stages.map(() => '?').join(',')})`, ...q.stages);
  if (q.streetCode) add('street_code = ?', q.streetCode);
  if (q.communityCode) add('community_code = ?', q.communityCode);
  if (q.gridCode) add('grid_code = ?', q.gridCode);
  if (q.categoryCode) add('category_code = ?', q.categoryCode);
  if (q.urgency) add('urgency = ?', q.urgency);
  if (q.channel) add('channel = ?', q.channel);
  if (q.departmentId) add('department_ids LIKE ?', `% ${q.departmentId} %`);
  if (q.overdueOnly) add('is_open = 1 AND current_deadline < ?', now.toISOString());
  if (q.text) {
    // The number, the address and the description all live in the state JSON as text.
    const column = db.dialect === 'postgres' ? 'state::text' : 'state';
    add(`(number LIKE ? OR ${column} LIKE ?)`, `%${q.text}%`, `%${q.text}%`);
  }
  const sortColumn = { deadline: 'current_deadline', reportedAt: 'reported_at', number: 'number' }[q.sort];
  const direction = q.order === 'desc' ? 'DESC' : 'ASC';
  const whereSql = where.join(' AND ');
  const total = await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM cases WHERE ${whereSql}`, params);
  // Cases without a running deadline sort last whichever the direction.
  const rows = await db.all<CaseRow>(
    `SELECT state FROM cases WHERE ${whereSql}
     ORDER BY CASE WHEN ${sortColumn} IS NULL THEN 1 ELSE 0 END, ${sortColumn} ${direction}, id LIMIT ? OFFSET ?`,
    [...params, q.limit, q.offset],
  );
  return { cases: rows.map((r) => fromJson<CaseState>(r.state)), total: Number(total?.n ?? 0) };
}

/**
 * The event log cut at a day (the briefing replay). A day is a contiguous run of sequence
 * numbers: from the first to the last event stamped within [from, to). Cutting by sequence, not
 * by timestamp, keeps every case's versions contiguous on both sides of the cut, even where two
 * commits' clocks crossed by a millisecond.
 */
export interface SeqRange {
  /** First sequence number of the day; everything before it made the day's starting states. */
  first: number;
  /** Last sequence number of the day (first − 1 when the day has no event). */
  last: number;
}

export async function daySeqRange(db: Queryable, from: string, to: string): Promise<SeqRange> {
  const row = await db.get<{ first: number | null; last: number | null }>('SELECT MIN(seq) AS first, MAX(seq) AS last FROM case_events WHERE at >= ? AND at < ?', [from, to]);
  if (row?.first != null && row.last != null) return { first: Number(row.first), last: Number(row.last) };
  // A quiet day: it starts where the next event does (by time, on the index), or after the head.
  const next = await db.get<{ seq: number }>('SELECT seq FROM case_events WHERE at >= ? ORDER BY at LIMIT 1', [from]);
  const first = next ? Number(next.seq) : Number((await db.get<{ head: number | null }>('SELECT MAX(seq) AS head FROM case_events'))?.head ?? 0) + 1;
  return { first, last: first - 1 };
}

const eventsOfScope = (scope: Scope) => scopeClause(scope, 'c');

/** Events with after < seq ≤ last of the cases in scope, oldest first, at most `limit`. */
export async function eventsInSeqRange(db: Queryable, after: number, last: number, limit: number, scope: Scope): Promise<CaseEvent[]> {
  const where = eventsOfScope(scope);
  const rows = await db.all<{ event: unknown }>(
    `SELECT e.event FROM case_events e JOIN cases c ON c.id = e.case_id
     WHERE e.seq > ? AND e.seq <= ? AND ${where.sql} ORDER BY e.seq LIMIT ?`,
    [after, last, ...where.params, limit],
  );
  return rows.map((r) => fromJson<CaseEvent>(r.event));
}

export async function countEventsInSeqRange(db: Queryable, range: SeqRange, scope: Scope): Promise<number> {
  const where = eventsOfScope(scope);
  const row = await db.get<{ n: number }>(
    `SELECT COUNT(*) AS n FROM case_events e JOIN cases c ON c.id = e.case_id WHERE e.seq >= ? AND e.seq <= ? AND ${where.sql}`,
    [range.first, range.last, ...where.params],
  );
  return Number(row?.n ?? 0);
}

/** The cases in scope with events in the range, each with its first version there (1 = born that day). */
export async function casesTouchedInSeqRange(db: Queryable, range: SeqRange, scope: Scope): Promise<Map<string, number>> {
  const where = eventsOfScope(scope);
  const rows = await db.all<{ case_id: string; first_version: number }>(
    `SELECT e.case_id, MIN(e.version) AS first_version FROM case_events e JOIN cases c ON c.id = e.case_id
     WHERE e.seq >= ? AND e.seq <= ? AND ${where.sql} GROUP BY e.case_id`,
    [range.first, range.last, ...where.params],
  );
  return new Map(rows.map((r) => [r.case_id, Number(r.first_version)]));
}

/**
 * Cases in scope untouched since before the range began (their stored state is the state at the
 * day's start) that matter to the day: open then, or with a handling deadline falling in [from, to)
 * (a case closed early is still due that day for the on-time closure rate).
 */
export async function casesQuietSince(db: Queryable, range: SeqRange, from: string, to: string, scope: Scope): Promise<CaseState[]> {
  const where = scopeClause(scope);
  const rows = await db.all<CaseRow>(
    `SELECT state FROM cases WHERE last_seq < ? AND (is_open = 1 OR (handle_deadline >= ? AND handle_deadline < ?)) AND ${where.sql}`,
    [range.first, from, to, ...where.params],
  );
  return rows.map((r) => fromJson<CaseState>(r.state));
}

/** Ids of cases in scope reported before `to` whose last event came after the range (quiet during it). */
export async function casesTouchedAfter(db: Queryable, range: SeqRange, to: string, scope: Scope): Promise<string[]> {
  const where = scopeClause(scope);
  const rows = await db.all<{ id: string }>(`SELECT id FROM cases WHERE last_seq > ? AND reported_at < ? AND ${where.sql}`, [range.last, to, ...where.params]);
  return rows.map((r) => r.id);
}

/** Every event before `seq` of the given cases, per case in version order (to fold their states then). */
export async function eventsOfCasesBefore(db: Queryable, caseIds: readonly string[], seq: number): Promise<CaseEvent[]> {
  const out: CaseEvent[] = [];
  // Bounded IN lists: SQLite and the pg driver both cope, and no statement grows with the district.
  for (let i = 0; i < caseIds.length; i += 500) {
    const chunk = caseIds.slice(i, i + 500);
    const rows = await db.all<{ event: unknown }>(
      `SELECT event FROM case_events WHERE case_id IN (${chunk.map(() => '?').join(',')}) AND seq < ? ORDER BY case_id, version`,
      [...chunk, seq],
    );
    for (const r of rows) out.push(fromJson<CaseEvent>(r.event));
  }
  return out;
}
