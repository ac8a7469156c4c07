import type { CaseSearchHit } from '../../../src-shared/contract/case-search';

/**
 * The case finder's behaviour as plain functions (the component only wires them to the DOM):
 * how long typing rests before the service is asked, how ↑/↓ move through the rows, and what
 * each row says about where and when.
 */

/** Ask once typing rests this long: a typed number is one question, not fifteen. */
export const FINDER_DEBOUNCE_MS = 200;

/** ↓ from the box goes to the first row, ↑ to the last; past either end it wraps round. */
export function nextHighlight(current: number, by: 1 | -1, count: number): number {
  if (count === 0) return -1;
  if (current < 0) return by > 0 ? 0 : count - 1;
  return (current + by + count) % count;
}

/** The row Enter opens: the highlighted one, else the first (an exact number is always first). */
export function hitToOpen(hits: readonly CaseSearchHit[], highlighted: number): CaseSearchHit | undefined {
  return hits[highlighted] ?? hits[0];
}

/** Where, in a person's words: the address as reported, else the community and street names. */
export function hitPlace(hit: CaseSearchHit, names: { community: (code: string) => string | undefined; street: (code: string) => string | undefined }): string {
  if (hit.address) return hit.address;
  return [names.community(hit.communityCode), names.street(hit.streetCode)].filter(Boolean).join(' · ') || hit.communityCode;
}

/** When: a closed case by its closing, any other by its report. */
export function hitWhen(hit: CaseSearchHit): { kind: 'closed' | 'reported'; at: string } {
  return hit.closedAt ? { kind: 'closed', at: hit.closedAt } : { kind: 'reported', at: hit.reportedAt };
}
