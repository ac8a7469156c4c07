import type { Category } from '../../../src-shared/catalog/category-types';
import { categoryByCode } from '../../../src-shared/catalog/categories';
import { textIn, type Locale } from '../../../src-shared/i18n-text';

/**
 * The category picker's search: an operator on the phone types what the caller says (垃圾, 井盖)
 * or the code they know by heart (E0101). Ranked so the likely one is first and Enter takes it:
 * the exact code, a code prefix, a name that starts with the text, a name that contains it, and
 * last a class name that contains it (井盖 finds every 公用设施 kind only after the manhole ones).
 */
export function searchCategories(catalog: readonly Category[], query: string, limit = 10): Category[] {
  const q = query.trim().toLowerCase();
  if (q.length === 0) return [];
  const scored: { c: Category; rank: number; at: number }[] = [];
  catalog.forEach((c, at) => {
    const rank = rankOf(c, q);
    if (rank !== undefined) scored.push({ c, rank, at });
  });
  return scored
    .sort((a, b) => a.rank - b.rank || a.at - b.at)
    .slice(0, limit)
    .map((s) => s.c);
}

function rankOf(c: Category, q: string): number | undefined {
  const code = c.code.toLowerCase();
  if (code === q) return 0;
  if (code.startsWith(q)) return 1;
  const names = [c.name.zh, c.name.en.toLowerCase()];
  if (names.some((n) => n.startsWith(q))) return 2;
  if (names.some((n) => n.includes(q))) return 3;
  if ([c.className.zh, c.className.en.toLowerCase()].some((n) => n.includes(q))) return 4;
  return undefined;
}

/** The highlighted option after an arrow key, wrapping round the list (−1 = none). */
export function moveHighlight(current: number, by: 1 | -1, count: number): number {
  if (count === 0) return -1;
  if (current < 0) return by === 1 ? 0 : count - 1;
  return (current + by + count) % count;
}

/** A category as the intake form shows it once chosen: its code and its name. */
export function categoryLabel(code: string, lang: Locale): string {
  const c = categoryByCode(code);
  return c ? `${c.code} ${textIn(c.name, lang)}` : code;
}
