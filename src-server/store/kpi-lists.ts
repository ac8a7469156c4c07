import type { CaseState } from '../../src-shared/domain/case';
import type { KpiArea, KpiList } from '../../src-shared/kpi/board';
import type { Period } from '../../src-shared/kpi/formulas';
import { scopeClause, type Scope } from './case-store';
import { fromJson, type Queryable, type SqlValue } from './db';
import { areaCondition, byteOrder, canonical, canonicalPeriod, supervisedCondition } from './kpi-sql';

/**
 * board.ts `listCases` in SQL: open overdue cases, open supervised (督办) ones, or the cases of
 * a period, the most overdue first. These are lists of cases someone must act on, so the scope
 * is the cases the person may see (as in `case:query`), not the evaluation scope.
 */
export async function queryKpiList(
  db: Queryable,
  options: { list: KpiList; asOf: string; scope: Scope; limit: number; area?: KpiArea; period?: Period },
): Promise<{ cases: CaseState[]; total: number }> {
  const scope = scopeClause(options.scope);
  const params: SqlValue[] = [...scope.params];
  let condition: string;
  if (options.list === 'overdue') {
    condition = 'is_open = 1 AND current_deadline IS NOT NULL AND current_deadline < ?';
    params.push(canonical(options.asOf));
  } else if (options.list === 'supervised') {
    condition = `is_open = 1 AND ${supervisedCondition(db.dialect)}`;
  } else {
    if (!options.period) throw new RangeError("the 'period' list needs a period");
    // board.ts `touchesPeriod`: reported or closed in [from, to), not after asOf.
    const p = canonicalPeriod(options.period);
    const within = (column: string) => `(${column} >= ? AND ${column} < ? AND ${column} <= ?)`;
    condition = `(${within('reported_at')} OR ${within('closed_at')})`;
    params.push(p.from, p.to, p.asOf, p.from, p.to, p.asOf);
  }
  const where = `${scope.sql} AND ${areaCondition(options.area)} AND ${condition}`;
  const total = await db.get<{ n: unknown }>(`SELECT COUNT(*) AS n FROM cases WHERE ${where}`, params);
  const rows = await db.all<{ state: unknown }>(
    `SELECT state FROM cases WHERE ${where}
     ORDER BY CASE WHEN current_deadline IS NULL THEN 1 ELSE 0 END, ${byteOrder(db.dialect, 'current_deadline')}, ${byteOrder(db.dialect, 'id')} LIMIT ?`,
    [...params, options.limit],
  );
  return { cases: rows.map((r) => fromJson<CaseState>(r.state)), total: Number(total?.n ?? 0) };
}
