/**
 * The map's search box: a grid code (or its start), a community or street name, a case number.
 * Pure and small; at most `limit` answers, exact hits first.
 */
export interface MapSearchHit {
  kind: 'grid' | 'community' | 'street' | 'case';
  id: string;
  label: string;
}

export interface MapSearchIndex {
  grids: readonly { code: string }[];
  communities: readonly { code: string; name: string }[];
  streets: readonly { code: string; name: string }[];
  cases: () => Iterable<{ id: string; number: string }>;
}

export function searchMap(index: MapSearchIndex, query: string, limit = 8): MapSearchHit[] {
  const q = query.trim().toUpperCase();
  if (q.length < 2) return [];
  const hits: MapSearchHit[] = [];
  const room = () => hits.length < limit;
  if (/^\d{4,14}$/.test(q)) {
    const exact = index.grids.find((g) => g.code === q);
    if (exact) hits.push({ kind: 'grid', id: exact.code, label: exact.code });
    for (const g of index.grids) {
      if (!room()) break;
      if (g.code !== q && g.code.startsWith(q)) hits.push({ kind: 'grid', id: g.code, label: g.code });
    }
  }
  for (const s of index.streets) if (room() && s.name.includes(query.trim())) hits.push({ kind: 'street', id: s.code, label: s.name });
  for (const c of index.communities) if (room() && c.name.includes(query.trim())) hits.push({ kind: 'community', id: c.code, label: c.name });
  if (/[A-Z]{2}\d|\d{5}/.test(q)) {
    for (const c of index.cases()) {
      if (!room()) break;
      if (c.number.toUpperCase().includes(q)) hits.push({ kind: 'case', id: c.id, label: c.number });
    }
  }
  return hits;
}
