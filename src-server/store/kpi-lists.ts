import type { CaseState } from '../../src-shared/domain/case';
import type { KpiList } from '../../src-shared/kpi/board';
import { scopeClause, type Scope } from './case-store';
import { fromJson, type Queryable, type SqlValue } from './db';
import { byteOrder, canonical, supervisedCondition } from './kpi-sql';

/**
 * board.ts `listCases` in SQL: open overdue cases, or open supervised (督办) ones, the latest
 * first. These are lists of cases someone must act on, so the scope is the cases the person
 * may see (as in `case:query`), not the evaluation scope.
 */
export async function queryKpiList(
  db: Queryable,
  options: { list: KpiList; asOf: string; scope: Scope; limit: number },
): Promise<{ cases: CaseState[]; total: number }> {
  const scope = scopeClause(options.scope);
  const params: SqlValue[] = [...scope.params];
  let condition: string;
  if (options.list === 'overdue') {
    condition = 'current_deadline IS NOT NULL AND current_deadline < ?';
    params.push(canonical(options.asOf));
  } else {
    condition = supervisedCondition(db.dialect);
  }
  const where = `is_open = 1 AND ${scope.sql} AND ${condition}`;
  const total = await db.get<{ n: unknown }>(`SELECT COUNT(*) AS n FROM cases WHERE ${where}`, params);
  const rows = await db.all<{ state: unknown }>(
    `SELECT state FROM cases WHERE ${where}
     ORDER BY CASE WHEN current_deadline IS NULL THEN 1 ELSE 0 END, ${byteOrder(db.dialect, 'current_deadline')}, ${byteOrder(db.dialect, 'id')} LIMIT ?`,
    [...params, options.limit],
  );
  return { cases: rows.map((r) => fromJson<CaseState>(r.state)), total: Number(total?.n ?? 0) };
}
