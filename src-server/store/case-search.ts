import { caseNumberOf, compareHits, foldForSearch, type CaseSearch, type CaseSearchHit } from '../../src-shared/contract/case-search';
import type { Stage } from '../../src-shared/domain/stages';
import { scopeClause, type Scope } from './case-store';
import type { Queryable } from './db';

interface HitRow {
  id: string;
  number: string;
  stage: Stage;
  category_code: string;
  street_code: string;
  community_code: string;
  address: string | null;
  reported_at: string;
  closed_at: string | null;
}

/** A person's text inside a LIKE pattern, their % and _ taken literally (escaped with a backslash). */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Ids are UUIDs: a prefix someone copied from a log is hex and dashes, long enough to be meant. */
const ID_PREFIX = /^[0-9a-f-]{8,36}$/i;

/**
 * The desk's case finder: every stage, open or closed, within the asker's scope (the same
 * condition as their snapshot and queues). The case whose number (or id) is the text comes
 * first; then cases whose number contains it, whose id starts with it, or whose address or
 * description contains it, newest report first.
 *
 * Three statements: the exact one is an index look-up; the matching one reads only what
 * SQLite's covering index cases_search holds (migration 6), newest first, stopping at the
 * limit; the last fetches the few rows found.
 */
export async function searchCases(db: Queryable, q: CaseSearch, scope: Scope): Promise<CaseSearchHit[]> {
  const number = caseNumberOf(q.text);
  const scoped = scopeClause(scope);

  const exact = await db.all<{ id: string }>(`SELECT id FROM cases WHERE (number = ? OR id = ?) AND ${scoped.sql}`, [number, q.text, ...scoped.params]);
  const exactIds = exact.map((r) => r.id);
  // Numbers are stored upper-case and search_text folded (migration 6): plain LIKE on both
  // dialects finds them whatever case was typed.
  const matches = [`number LIKE ? ESCAPE '\\'`, `search_text LIKE ? ESCAPE '\\'`];
  const params: string[] = [`%${likeLiteral(number)}%`, `%${likeLiteral(foldForSearch(q.text))}%`];
  if (ID_PREFIX.test(q.text)) {
    matches.push(`id LIKE ? ESCAPE '\\'`);
    params.push(`${likeLiteral(q.text.toLowerCase())}%`);
  }
  const notExact = exactIds.length ? `AND id NOT IN (${exactIds.map(() => '?').join(',')})` : '';
  // Newest first along an index (SQLite: the covering cases_search; PostgreSQL: cases_reported),
  // stopping at the limit. No tie-break on id: it would sort every match instead. Two reports in
  // one millisecond at the cut are rare, and compareHits orders the page.
  const rest = await db.all<{ id: string }>(
    `SELECT id FROM cases WHERE (${matches.join(' OR ')}) AND ${scoped.sql} ${notExact} ORDER BY reported_at DESC LIMIT ?`,
    [...params, ...scoped.params, ...exactIds, q.limit],
  );
  const found = [...exactIds, ...rest.map((r) => r.id)];
  if (found.length === 0) return [];
  const address = db.dialect === 'postgres' ? `state #>> '{place,address}'` : `json_extract(state, '$.place.address')`;
  const rows = await db.all<HitRow>(
    `SELECT id, number, stage, category_code, street_code, community_code, ${address} AS address, reported_at, closed_at
     FROM cases WHERE id IN (${found.map(() => '?').join(',')})`,
    found,
  );
  const isExact = new Set(exactIds);
  return rows.map((r) => hitOf(r, isExact.has(r.id))).sort(compareHits).slice(0, q.limit);
}

function hitOf(r: HitRow, exact: boolean): CaseSearchHit {
  return {
    id: r.id,
    number: r.number,
    stage: r.stage,
    categoryCode: r.category_code,
    streetCode: r.street_code,
    communityCode: r.community_code,
    ...(r.address ? { address: r.address } : {}),
    reportedAt: r.reported_at,
    ...(r.closed_at ? { closedAt: r.closed_at } : {}),
    exact,
  };
}
