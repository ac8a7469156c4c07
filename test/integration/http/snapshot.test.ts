import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseState } from '../../../src-shared/domain';
import { startWebDesk, type RunningWebDesk } from '../../../src-server/web-desk';

/** A window's first load over HTTP: the cases it may see, and the sequence number to resume from. */
describe('GET /api/cases/snapshot', () => {
  let desk: RunningWebDesk;
  beforeAll(async () => {
    desk = await startWebDesk({ host: '127.0.0.1', port: 0, logger: pino({ level: 'silent' }), deadlines: false });
    const grids = desk.parts.district.district.grids;
    for (const i of [10, 20]) {
      const grid = grids[i];
      if (!grid) throw new Error('no grid');
      const r = await desk.parts.service.report({ categoryCode: 'E0101', channel: 'hotline', description: `快照测试 ${i}`, lon: grid.centroid[0], lat: grid.centroid[1] }, { userId: 'intake-1', role: 'intake' });
      if (!r.ok) throw new Error(r.code);
    }
  });
  afterAll(async () => desk.close());

  const snapshot = async (as?: string) => {
    const response = await fetch(`${desk.origin}/api/cases/snapshot`, { headers: as ? { 'x-demo-user': as } : {} });
    return { status: response.status, body: (await response.json()) as { ok: boolean; kind?: string; seq?: number; cases?: CaseState[]; code?: string } };
  };

  it('gives the district to a leader, valid at the current sequence number', async () => {
    const { status, body } = await snapshot('leader-1');
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, kind: 'snapshot', seq: await desk.parts.store.headSeq() });
    expect(body.cases?.map((c) => c.description).sort()).toEqual(['快照测试 10', '快照测试 20']);
  });

  it('gives a department only its own cases, and nobody unknown anything', async () => {
    expect((await snapshot('handler-roads')).body.cases).toEqual([]);
    const stranger = await snapshot('nobody-at-all');
    expect(stranger.status).toBe(401);
    expect(stranger.body).toMatchObject({ ok: false, code: 'NOT_AUTHENTICATED' });
  });
});
