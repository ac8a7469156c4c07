import type { CaseQuery } from '../../src-shared/contract/socket';
import type { CaseState } from '../../src-shared/domain/case';
import { scopeClause, type CaseRow, type Scope } from './case-store';
import { fromJson, type Database, type SqlValue } from './db';

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
