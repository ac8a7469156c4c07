import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer, KpiQuery } from '../../../src-shared/contract/socket';
import type { KpiGroup } from '../../../src-shared/kpi/formulas';
import { queryKpis } from '../../../src-server/store/kpi-queries';
import { DemoClock } from '../../../src-server/simulator/clock';
import { Simulator } from '../../../src-server/simulator/simulator';
import { connectAs, demoDistrict, startTestService, type Client, type TestService } from '../support/case-service';

const START = new Date('2026-03-10T08:00:00+08:00');
const HOUR = 3_600_000;
const END = new Date(START.getTime() + 8 * HOUR);

function ask(socket: Client, query: unknown): Promise<Answer<{ groups: KpiGroup[] }>> {
  return new Promise((resolve) => socket.emit('kpi:query', query as KpiQuery, resolve));
}

describe('kpi:query over sockets', () => {
  let svc: TestService;
  const sockets: Client[] = [];
  const connect = async (userId: string) => {
    const s = await connectAs(svc.url, userId);
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    const clock = new DemoClock({ start: START, held: true });
    svc = await startTestService('sqlite', { clock: () => clock.now() });
    await new Simulator(svc.parts.service, await demoDistrict(), { seed: 3, profile: 'mature', ratePerDay: 600, clock }).backfill(START, END);
  }, 120_000);

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await svc?.close();
  });

  it('answers a leader with the district figures, as of the service clock by default', async () => {
    const leader = await connect('leader-1');
    const from = START.toISOString();
    const to = new Date(END.getTime() + HOUR).toISOString();
    const answer = await ask(leader, { from, to });
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    const expected = await queryKpis(svc.parts.db, { period: { from, to, asOf: END.toISOString() }, scope: { kind: 'all' } });
    expect(answer.groups).toEqual(expected);
    expect(answer.groups).toHaveLength(1);
    const [district] = answer.groups;
    expect(district?.key).toBe('district');
    expect(district?.indicators.map((k) => k.id)).toContain('onTimeClosureRate');
    expect(district?.indicators.every((k) => k.definition.zh.length > 0)).toBe(true);
    expect(district?.reportsByChannel.patrol.reports).toBeGreaterThan(50);
  });

  it('groups by street with the streets named', async () => {
    const leader = await connect('leader-1');
    const answer = await ask(leader, { from: START.toISOString(), to: END.toISOString(), asOf: END.toISOString(), groupBy: 'street' });
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    const streets = new Map(svc.parts.district.district.streets.map((s) => [s.code, s.name]));
    expect(answer.groups.length).toBeGreaterThan(5);
    for (const g of answer.groups) expect(g.label?.zh).toBe(streets.get(g.key ?? ''));
  });

  it('refuses a malformed or too long period', async () => {
    const leader = await connect('leader-1');
    const bad: unknown[] = [
      { from: END.toISOString(), to: START.toISOString() },
      { from: '2025-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z' },
      { from: 'yesterday', to: END.toISOString() },
      { from: START.toISOString(), to: END.toISOString(), groupBy: 'planet' },
      null,
    ];
    for (const query of bad) {
      const answer = await ask(leader, query);
      expect(answer, JSON.stringify(query)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    }
  });

  it('refuses an hourly trend beyond a week, saying to ask by day or week, and answers the same month by day', async () => {
    const leader = await connect('leader-1');
    const month = { from: '2026-03-01T00:00:00+08:00', to: '2026-04-01T00:00:00+08:00' };
    const trend = (bucket: string) => new Promise<Answer<{ points: unknown[] }>>((resolve) => leader.emit('kpi:trend', { ...month, bucket } as never, resolve as never));
    const hourly = await trend('hour');
    expect(hourly).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(JSON.stringify(hourly)).toMatch(/bucket: an hourly trend covers at most 7 days: ask by day or week/);
    const daily = await trend('day');
    expect(daily.ok).toBe(true);
    if (daily.ok) expect(daily.points.length).toBeGreaterThan(0);
  });

  it("gives a department handler only the figures of the cases its department leads", async () => {
    const period = { from: START.toISOString(), to: END.toISOString(), asOf: END.toISOString() };
    const handler = await connect('handler-sanitation');
    const answer = await ask(handler, { ...period, groupBy: 'department' });
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(answer.groups.map((g) => g.key)).toEqual(['sanitation']);
    expect(answer.groups[0]?.label?.zh).toBeTruthy();
    const own = await ask(handler, period);
    const leader = await ask(await connect('leader-1'), period);
    if (!own.ok || !leader.ok) throw new Error('kpi:query refused');
    expect(own.groups).toEqual(await queryKpis(svc.parts.db, { period, scope: { kind: 'department', departmentId: 'sanitation' } }));
    const dispatched = (g: KpiGroup[]) => g[0]?.indicators.find((k) => k.id === 'returnRate')?.denominator ?? 0;
    expect(dispatched(own.groups)).toBeGreaterThan(0);
    expect(dispatched(own.groups)).toBeLessThan(dispatched(leader.groups));
  });
});
