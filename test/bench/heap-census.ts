import { line } from './stats';

/**
 * A census of a page's JS heap: a V8 heap snapshot taken over the DevTools protocol, counted by
 * kind and constructor (objects by constructor name, strings, closures, arrays, code…). Two
 * censuses a while apart show *what* grows when a soak's heap figure does, which the heap total
 * cannot. Costly (the page stops for the snapshot): soaks take one at the start and the end.
 */
export type HeapCensus = Map<string, { count: number; bytes: number }>;

interface SnapshotMeta {
  node_fields: string[];
  node_types: [string[], ...unknown[]];
}

/** A DevTools protocol session on the page (the soaks' bare page, test/bench/bare-page.ts). */
export interface HeapProbe {
  send(method: string, params?: Record<string, unknown>): Promise<unknown>;
  on(method: string, listener: (params: unknown) => void): void;
  off(method: string, listener: (params: unknown) => void): void;
}

export async function takeHeapCensus(cdp: HeapProbe): Promise<HeapCensus> {
  const chunks: string[] = [];
  const onChunk = (event: unknown) => chunks.push((event as { chunk: string }).chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  const snapshot = JSON.parse(chunks.join('')) as { snapshot: { meta: SnapshotMeta }; nodes: number[]; strings: string[] };
  const { node_fields: fields, node_types: types } = snapshot.snapshot.meta;
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const typeNames = types[0];
  const census: HeapCensus = new Map();
  for (let i = 0; i < snapshot.nodes.length; i += width) {
    const type = typeNames[snapshot.nodes[i + typeAt] as number] ?? '?';
    // Strings and code are named by their contents: count them by kind alone.
    const name = type === 'object' || type === 'closure' || type === 'native' ? `${type} ${snapshot.strings[snapshot.nodes[i + nameAt] as number] ?? '?'}` : type;
    const entry = census.get(name) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += snapshot.nodes[i + sizeAt] as number;
    census.set(name, entry);
  }
  return census;
}

/** The kinds that grew most in bytes between two censuses, with their counts. */
export function printCensusGrowth(before: HeapCensus, after: HeapCensus, top = 15): void {
  const rows = [...after.entries()]
    .map(([name, a]) => {
      const b = before.get(name) ?? { count: 0, bytes: 0 };
      return { name, bytes: a.bytes - b.bytes, count: a.count - b.count, total: a.bytes };
    })
    .sort((x, y) => y.bytes - x.bytes)
    .slice(0, top);
  for (const r of rows) {
    const sign = (v: number) => (v >= 0 ? `+${v.toLocaleString('en')}` : v.toLocaleString('en'));
    line(`  ${r.name.slice(0, 60)}`, `${sign(Math.round(r.bytes / 1024))} kB`, `${sign(r.count)} objects (now ${(r.total / 1024).toFixed(0)} kB)`);
  }
}
