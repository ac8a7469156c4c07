import type { CaseState } from '../../../src-shared/domain/case';
import { toneAt, type CaseTiming, type DeadlineTone } from './deadline';

/**
 * The filter bar and sorting of a queue, as pure functions. An empty field means "any".
 * Free text matches the case number, the address and the description (never a reporter's
 * contact: the window does not have it).
 */
export interface QueueFilter {
  text: string;
  street: string;
  community: string;
  grid: string;
  category: string;
  urgency: string;
  channel: string;
  department: string;
  /** '' any; 'overdue'; 'red' = < 20 % left or overdue; 'amber' = ≤ 50 % left or worse. */
  deadline: '' | 'overdue' | 'red' | 'amber';
}

export const EMPTY_FILTER: Readonly<QueueFilter> = Object.freeze({
  text: '',
  street: '',
  community: '',
  grid: '',
  category: '',
  urgency: '',
  channel: '',
  department: '',
  deadline: '',
});

export const SORT_KEYS = ['deadline', 'reported', 'urgency', 'street', 'community', 'grid', 'category', 'channel', 'department'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface QueueSort {
  key: SortKey;
  descending: boolean;
}

export interface FilterContext {
  nowMs: number;
  timing: (c: CaseState) => CaseTiming | undefined;
}

const TONE_RANK: Record<DeadlineTone, number> = { overdue: 3, red: 2, amber: 1, calm: 0 };

/** Lower-cased searchable text of a case, cached per version (search runs on every keystroke). */
const haystacks = new WeakMap<CaseState, string>();
export function haystackOf(c: CaseState): string {
  let text = haystacks.get(c);
  if (text === undefined) {
    text = `${c.number}\n${c.place.address ?? ''}\n${c.description}`.toLowerCase();
    haystacks.set(c, text);
  }
  return text;
}

export function isFilterEmpty(f: QueueFilter): boolean {
  return (Object.keys(EMPTY_FILTER) as (keyof QueueFilter)[]).every((k) => f[k] === '');
}

export function matchesFilter(c: CaseState, f: QueueFilter, ctx: FilterContext): boolean {
  if (f.street && c.place.streetCode !== f.street) return false;
  if (f.community && c.place.communityCode !== f.community) return false;
  if (f.grid && c.place.gridCode !== f.grid) return false;
  if (f.category && c.categoryCode !== f.category) return false;
  if (f.urgency && c.urgency !== f.urgency) return false;
  if (f.channel && c.channel !== f.channel) return false;
  if (f.department && c.leadDepartmentId !== f.department) return false;
  if (f.deadline) {
    const tone = toneAt(ctx.timing(c), ctx.nowMs);
    if (!tone || TONE_RANK[tone] < TONE_RANK[f.deadline]) return false;
  }
  const text = f.text.trim().toLowerCase();
  if (text) {
    const hay = haystackOf(c);
    // Every word must match somewhere: "王府井 垃圾" narrows, as people expect.
    for (const word of text.split(/\s+/)) if (!hay.includes(word)) return false;
  }
  return true;
}

export function applyFilter(cases: readonly CaseState[], f: QueueFilter, ctx: FilterContext): CaseState[] {
  return isFilterEmpty(f) ? cases.slice() : cases.filter((c) => matchesFilter(c, f, ctx));
}

type Key = (c: CaseState, ctx: FilterContext) => string | number;

const KEYS: Record<SortKey, Key> = {
  // No deadline (suspended, closed…) sorts after every timed case.
  deadline: (c, ctx) => ctx.timing(c)?.deadline ?? Number.MAX_SAFE_INTEGER,
  reported: (c) => Date.parse(c.reportedAt),
  urgency: (c) => (c.urgency === 'urgent' || c.emergency ? 0 : 1),
  street: (c) => c.place.streetCode,
  community: (c) => c.place.communityCode,
  grid: (c) => c.place.gridCode,
  category: (c) => c.categoryCode,
  channel: (c) => c.channel,
  department: (c) => c.leadDepartmentId ?? '\uffff',
};

/**
 * Sorted copy. Ties fall back to the deadline, then the case number, so the order is total
 * and rows do not swap places between two recomputes (a jumping list loses the reader).
 */
export function sortCases(cases: readonly CaseState[], sort: QueueSort, ctx: FilterContext): CaseState[] {
  const primary = KEYS[sort.key];
  const deadline = KEYS.deadline;
  // Decorate once: keys are read n·log n times by the comparator otherwise.
  const rows = cases.map((c) => ({ c, a: primary(c, ctx), b: deadline(c, ctx) }));
  const sign = sort.descending ? -1 : 1;
  rows.sort((x, y) => {
    if (x.a !== y.a) return (x.a < y.a ? -1 : 1) * sign;
    if (x.b !== y.b) return x.b < y.b ? -1 : 1;
    return x.c.number < y.c.number ? -1 : x.c.number > y.c.number ? 1 : 0;
  });
  return rows.map((r) => r.c);
}

/** The values present in a queue, for the filter bar's pickers (only what can match). */
export interface Facets {
  streets: string[];
  communities: string[];
  grids: string[];
  categories: string[];
  departments: string[];
}

export function facetsOf(cases: readonly CaseState[], f: Pick<QueueFilter, 'street' | 'community'>): Facets {
  const streets = new Set<string>();
  const communities = new Set<string>();
  const grids = new Set<string>();
  const categories = new Set<string>();
  const departments = new Set<string>();
  for (const c of cases) {
    streets.add(c.place.streetCode);
    categories.add(c.categoryCode);
    if (c.leadDepartmentId) departments.add(c.leadDepartmentId);
    // Communities of the chosen street, grids of the chosen community: pickers narrow together.
    if (f.street && c.place.streetCode !== f.street) continue;
    communities.add(c.place.communityCode);
    if (f.community && c.place.communityCode !== f.community) continue;
    grids.add(c.place.gridCode);
  }
  const sorted = (s: Set<string>) => [...s].sort();
  return { streets: sorted(streets), communities: sorted(communities), grids: sorted(grids), categories: sorted(categories), departments: sorted(departments) };
}
