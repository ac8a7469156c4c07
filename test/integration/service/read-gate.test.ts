import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAs, DIALECTS, newCommandId, startTestService, type Client, type TestService } from '../support/case-service';

type Answer = { ok: true } | { ok: false; code: string; message: { zh: string; en: string } };

/**
 * One window flooding the service with KPI reads: past its share it is refused in words (a code
 * and a message in both languages), everything it was not refused is answered, and another
 * desk's report and its own reads go through meanwhile.
 */
describe.each(DIALECTS)('a window flooding the service with reads (%s)', (dialect) => {
  let service: TestService;
  const clients: Client[] = [];

  beforeAll(async () => {
    service = await startTestService(dialect);
  });
  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await service.close();
  });

  it('is refused past its share while another desk is served', async () => {
    const flooder = await connectAs(service.url, 'leader-1');
    const desk = await connectAs(service.url, 'intake-1');
    clients.push(flooder, desk);
    const year = { from: '2025-12-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z', groupBy: 'grid' };
    const flood = Array.from({ length: 80 }, () => new Promise<Answer>((r) => flooder.emit('kpi:query', year as never, r as never)));
    const grid = service.parts.district.district.grids[5]!;
    const report = new Promise<Answer>((r) =>
      desk.emit('case:report', { commandId: newCommandId(), payload: { categoryCode: 'E0101', channel: 'hotline', description: '读闸测试', lon: grid.centroid[0], lat: grid.centroid[1] } }, r as never),
    );
    const deskRead = new Promise<Answer>((r) => desk.emit('kpi:query', { from: '2026-11-30T16:00:00.000Z', to: '2026-12-01T16:00:00.000Z' } as never, r as never));
    const answers = await Promise.all(flood);
    expect((await report).ok).toBe(true);
    expect(await deskRead).toMatchObject({ ok: true });
    const refused = answers.filter((a): a is Extract<Answer, { ok: false }> => !a.ok);
    // At least the window's share is answered (more, as earlier ones finish while it floods).
    expect(answers.filter((a) => a.ok).length).toBeGreaterThanOrEqual(32);
    expect(refused.length).toBeGreaterThan(0);
    expect(new Set(refused.map((a) => a.code))).toEqual(new Set(['TOO_MANY_QUERIES']));
    expect(refused[0]?.message.zh).toContain('32 个查询');
    // Once answered, the window may ask again.
    const again = await new Promise<Answer>((r) => flooder.emit('kpi:query', year as never, r as never));
    expect(again.ok).toBe(true);
  });
});
