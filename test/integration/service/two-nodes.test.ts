import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createClient } from 'redis';
import type { CaseEvent, CaseState } from '../../../src-shared/domain';
import { startWebDesk, type RunningWebDesk } from '../../../src-server/web-desk';
import { connectAs, freshStorage, newCommandId, type Client } from '../support/case-service';

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
type Ok = { ok: true; events: CaseEvent[]; state: CaseState; duplicate?: boolean };

/**
 * A shared deployment: two service nodes on one PostgreSQL, rooms shared through Redis
 * Streams. A window on one node sees what is done on the other, and neither node can apply a
 * command twice or let two dispatchers both win.
 */
describe('two service nodes on PostgreSQL + Redis', () => {
  let nodes: RunningWebDesk[] = [];
  let drop: () => Promise<void>;
  const clients: Client[] = [];

  beforeAll(async () => {
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    await redis.del('socket.io'); // the adapter's stream: start clean
    await redis.quit();
    const fresh = await freshStorage('postgres');
    drop = fresh.drop;
    const logger = pino({ level: 'silent' });
    for (let i = 0; i < 2; i++) {
      nodes.push(await startWebDesk({ host: '127.0.0.1', port: 0, logger, storage: fresh.storage, redisUrl: REDIS_URL }));
    }
  });
  afterAll(async () => {
    for (const c of clients) c.disconnect();
    for (const n of nodes) await n.close();
    nodes = [];
    await drop();
  });

  it('a window on node A sees a case reported and dispatched through node B', async () => {
    const [a, b] = nodes as [RunningWebDesk, RunningWebDesk];
    const watcher = await connectAs(a.origin, 'leader-1');
    const intake = await connectAs(b.origin, 'intake-1');
    const dispatcher = await connectAs(b.origin, 'dispatcher-1');
    clients.push(watcher, intake, dispatcher);
    const seen: CaseEvent[] = [];
    watcher.on('case:events', (batch) => seen.push(...batch.events));
    const grid = a.parts.district.district.grids[42];
    if (!grid) throw new Error('no grid');
    const report = await new Promise<Ok>((r) =>
      intake.emit('case:report', { commandId: newCommandId(), payload: { categoryCode: 'E0101', channel: 'hotline', description: '两节点测试：暴露垃圾', lon: grid.centroid[0], lat: grid.centroid[1] } }, r as never),
    );
    const id = report.state.id;
    await new Promise((r) => intake.emit('case:command', { commandId: newCommandId(), caseId: id, type: 'register', payload: {} }, r as never));
    await new Promise((r) => dispatcher.emit('case:command', { commandId: newCommandId(), caseId: id, type: 'dispatch', payload: { leadDepartmentId: 'sanitation' } }, r as never));
    const deadline = Date.now() + 5_000;
    while (seen.filter((e) => e.caseId === id).length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(seen.filter((e) => e.caseId === id).map((e) => e.type)).toEqual(['reported', 'registered', 'dispatched']);
  });

  it('the same command sent to both nodes applies once; racing dispatchers on two nodes: one wins', async () => {
    const [a, b] = nodes as [RunningWebDesk, RunningWebDesk];
    const grid = a.parts.district.district.grids[43];
    if (!grid) throw new Error('no grid');
    const onA = await connectAs(a.origin, 'intake-1');
    // The same person's retry reaching the other node (another person's reuse of an id is refused: read-scopes).
    const onB = await connectAs(b.origin, 'intake-1');
    const d1 = await connectAs(a.origin, 'dispatcher-1');
    const d2 = await connectAs(b.origin, 'dispatcher-2');
    clients.push(onA, onB, d1, d2);
    const commandId = newCommandId();
    const payload = { categoryCode: 'E0108', channel: 'hotline', description: '两节点重复提交', lon: grid.centroid[0], lat: grid.centroid[1] };
    const [x, y] = await Promise.all([
      new Promise<Ok>((r) => onA.emit('case:report', { commandId, payload } as never, r as never)),
      new Promise<Ok>((r) => onB.emit('case:report', { commandId, payload } as never, r as never)),
    ]);
    expect(x.state.id).toBe(y.state.id);
    expect([x.duplicate ?? false, y.duplicate ?? false].sort()).toEqual([false, true]);
    const id = x.state.id;
    const registered = await new Promise<Ok>((r) => onA.emit('case:command', { commandId: newCommandId(), caseId: id, type: 'register', payload: {} }, r as never));
    const race = await Promise.all(
      [d1, d2].map(
        (d, i) =>
          new Promise<{ ok: boolean; code?: string }>((r) =>
            d.emit('case:command', { commandId: newCommandId(), caseId: id, type: 'dispatch', expectedVersion: registered.state.version, payload: { leadDepartmentId: i ? 'roads' : 'sanitation' } }, r as never),
          ),
      ),
    );
    expect(race.map((r) => (r.ok ? 'ok' : r.code)).sort()).toEqual(['VERSION_CONFLICT', 'ok']);
    const trail = await a.parts.store.caseTrail(id);
    expect(trail.map((e) => e.type)).toEqual(['reported', 'registered', 'dispatched']);
  });
});
