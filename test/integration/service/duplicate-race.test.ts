import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseEvent, CaseState } from '../../../src-shared/domain';
import { connectAs, DIALECTS, freshStorage, newCommandId, startTestService, type Client, type TestService } from '../support/case-service';

type Answer = { ok: true; events: CaseEvent[]; state: CaseState; duplicate?: boolean } | { ok: false; code: string };

function report(client: Client, lon: number, lat: number, description: string): Promise<Answer> {
  return new Promise((resolve) =>
    client.emit('case:report', { commandId: newCommandId(), payload: { categoryCode: 'E0101', channel: 'hotline', description, lon, lat } }, resolve as never),
  );
}

/**
 * Two reports of one problem in the same instant (a caller on 12345 and a supervisor on the
 * spot) make one case and one repeat, not two cases dispatched twice: the duplicate rule is
 * asked again under the commit's write lock. On PostgreSQL the reports come through two
 * service nodes on one database, as in a shared deployment.
 */
describe.each(DIALECTS)('reports of one problem at the same instant (%s)', (dialect) => {
  const nodes: TestService[] = [];
  const clients: Client[] = [];
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const storage = await freshStorage(dialect);
    drop = storage.drop;
    const keep = { storage: storage.storage, drop: async () => undefined };
    nodes.push(await startTestService(dialect, { storage: keep }));
    // SQLite is one process's file; PostgreSQL takes a second node.
    if (dialect === 'postgres') nodes.push(await startTestService(dialect, { storage: keep }));
    for (let i = 0; i < 4; i++) clients.push(await connectAs(nodes[i % nodes.length]!.url, 'intake-1'));
  });
  afterAll(async () => {
    for (const c of clients) c.disconnect();
    for (const n of nodes) await n.stop();
    await drop?.();
  });

  it('eight at once become one case with seven repeats linked both ways', async () => {
    const grid = nodes[0]!.parts.district.district.grids[77]!;
    const [lon, lat] = grid.centroid;
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => report(clients[i % clients.length]!, lon + i * 0.00001, lat, `同一处垃圾 ${i}`)));
    const states = answers.map((a) => {
      if (!a.ok) throw new Error(`a report was refused: ${a.code}`);
      return a.state;
    });
    const firsts = states.filter((s) => s.stage !== 'duplicate');
    expect(firsts).toHaveLength(1);
    const first = firsts[0]!;
    const repeats = states.filter((s) => s.stage === 'duplicate');
    expect(repeats.map((s) => s.duplicateOf)).toEqual(Array(7).fill(first.id));
    // The first case lists every repeat (the back-link), as any node reads it.
    for (const node of nodes) {
      const stored = await node.parts.service.store.loadCase(first.id);
      expect([...(stored?.duplicates ?? [])].sort()).toEqual(repeats.map((s) => s.id).sort());
    }
  });

  it('reports of the same kind 200 m apart stay two cases', async () => {
    const grid = nodes[0]!.parts.district.district.grids[300]!;
    const [lon, lat] = grid.centroid;
    const [a, b] = await Promise.all([report(clients[0]!, lon, lat, '垃圾 甲'), report(clients[1]!, lon, lat + 200 / 111_320, '垃圾 乙')]);
    expect(a.ok && a.state.stage).toBe('reported');
    expect(b.ok && b.state.stage).toBe('reported');
  });
});
