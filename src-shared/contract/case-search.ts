import { z } from 'zod';
import type { Stage } from '../domain/stages';
import { refusal, type Refusal } from '../errors';

/**
 * "Find any case": the desk's finder asks the service for cases by the number people read
 * (DC20261123-00042, or a part of it), by the address or by the reporter's words, in every stage,
 * open or closed, within what the asker may see.
 */
export const CASE_SEARCH_TEXT_MAX = 100;
export const CASE_SEARCH_LIMIT_MAX = 50;
export const CASE_SEARCH_LIMIT_DEFAULT = 20;

export const caseSearchSchema = z
  .object({
    text: z.string().trim().min(1).max(CASE_SEARCH_TEXT_MAX),
    limit: z.number().int().positive().max(CASE_SEARCH_LIMIT_MAX).default(CASE_SEARCH_LIMIT_DEFAULT),
  })
  .strict();
export type CaseSearchQuery = z.input<typeof caseSearchSchema>;
export type CaseSearch = z.output<typeof caseSearchSchema>;

/**
 * One found case, as the finder's dropdown shows it: enough to recognise it, not its whole state
 * (the detail pane fetches that when the case is opened).
 */
export interface CaseSearchHit {
  id: string;
  number: string;
  stage: Stage;
  categoryCode: string;
  streetCode: string;
  communityCode: string;
  address?: string;
  reportedAt: string;
  closedAt?: string;
  /** The text was this case's number (or id) exactly: listed first. */
  exact: boolean;
}

export interface CaseSearchResult {
  hits: CaseSearchHit[];
}

/**
 * The question checked as the service checks it. A bad text gets words that say what to type;
 * anything else malformed is a plain validation refusal.
 */
export function parseCaseSearch(query: unknown): CaseSearch | Refusal {
  const parsed = caseSearchSchema.safeParse(query ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  if (issues.some((i) => i.path[0] === 'text')) return refusal('SEARCH_TEXT_INVALID', { max: CASE_SEARCH_TEXT_MAX });
  return refusal('VALIDATION_FAILED', { detail: issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ') });
}

/**
 * A case number as people type it: letters in any case, e.g. "dc20261123-00042". Numbers are
 * stored upper-case, so the exact match compares against this.
 */
export function caseNumberOf(text: string): string {
  return text.trim().toUpperCase();
}

/**
 * Text as the finder compares it: Latin letters lower-cased, nothing else touched (Chinese has
 * no case). Both databases fold stored text the same way (SQLite's lower(), PostgreSQL's
 * translate() of A–Z), so "ktv" finds "KTV" on either without a case-folding scan.
 */
export function foldForSearch(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

/** Exact number first, then the newest report (ties by id, so pages are stable). */
export function compareHits(a: CaseSearchHit, b: CaseSearchHit): number {
  if (a.exact !== b.exact) return a.exact ? -1 : 1;
  if (a.reportedAt !== b.reportedAt) return a.reportedAt < b.reportedAt ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
