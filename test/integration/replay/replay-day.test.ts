import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDayRange, type ReplayDay, type ReplayPage } from '../../../src-shared/contract/replay';
import type { CaseState } from '../../../src-shared/domain/case';
import type { CaseEvent } from '../../../src-shared/domain/events';
import { evolve } from '../../../src-shared/domain/evolve';
import { isOpenStage } from '../../../src-shared/domain/stages';
import { CaseReplica } from '../../../src-shared/sync/case-replica';
import { inScope, type Scope } from '../../../src-server/store/case-store';
import { fromJson } from '../../../src-server/store/db';
import { DemoClock } from '../../../src-server/simulator/clock';
import { Simulator } from '../../../src-server/simulator/simulator';
import { startWebDesk, type RunningWebDesk } from '../../../src-server/web-desk';
import { demoDistrict, DIALECTS, freshStorage } from '../support/case-service';

/**
 * `GET /api/replay/:day` on a real service and database: a struggling district simulated from
 * the afternoon before the day to the morning after; the replayed day is 2026-03-10 (Beijing).
 */
const DAY = '2026-03-10';
const { from: FROM, to: TO } = beijingDayRange(DAY);
const HOUR = 3_600_000;
const SIM_START = new Date(Date.parse(FROM) - 14 * HOUR);
const SIM_END = new Date(Date.parse(TO) + 6 * HOUR);
const NOW = new Date(Date.parse(TO) + 10 * HOUR); // 10:00 on the 11th

interface Answer<T> {
  status: number;
  body: T | { ok: false; code: string; message: { zh: string; en: string } };
}

/** Folds a log given in sequence order, case by case. */
function foldLog(events: readonly CaseEvent[]): Map<string, CaseState> {
  const states = new Map<string, CaseState>();
  for (const e of events) states.set(e.caseId, evolve(states.get(e.caseId) ?? null, e));
  return states;
}

describe.each(DIALECTS)('briefing replay route (%s)', (dialect) => {
  let desk: RunningWebDesk;
  let drop: () => Promise<void>;
  let log: CaseEvent[];
  let current: Map<string, CaseState>;

  const get = async <T>(path: string, as?: string): Promise<Answer<T>> => {
    const response = await fetch(`${desk.origin}${path}`, { headers: as ? { 'x-demo-user': as } : {} });
    return { status: response.status, body: (await response.json()) as Answer<T>['body'] };
  };

  /** The whole day as `as` sees it: the first answer, then every page. */
  const wholeDay = async (as: string, limit?: number): Promise<{ first: ReplayDay; events: CaseEvent[] }> => {
    const first = await get<ReplayDay>(`/api/replay/${DAY}`, as);
    expect(first.status).toBe(200);
    const day = first.body as ReplayDay;
    const events = limit ? [] : [...day.events];
    let next: number | null = limit ? Number(day.events[0]?.seq ?? 1) - 1 : day.next;
    while (next !== null) {
      const page = await get<ReplayPage>(`/api/replay/${DAY}/events?after=${next}${limit ? `&limit=${limit}` : ''}`, as);
      expect(page.status).toBe(200);
      const body = page.body as ReplayPage;
      events.push(...body.events);
      next = body.next;
    }
    return { first: day, events };
  };

  beforeAll(async () => {
    const storage = await freshStorage(dialect);
    drop = storage.drop;
    const clock = new DemoClock({ start: SIM_START, held: true });
    desk = await startWebDesk({ host: '127.0.0.1', port: 0, logger: pino({ level: 'silent' }), storage: storage.storage, deadlines: false, clock: () => clock.now() });
    const sim = new Simulator(desk.parts.service, await demoDistrict(), { seed: 8, profile: 'struggling', ratePerDay: 500, clock });
    await sim.backfill(SIM_START, SIM_END);
    await sim.stop();
    clock.hold(NOW);
    log = (await desk.parts.db.all<{ event: unknown }>('SELECT event FROM case_events ORDER BY seq')).map((r) => fromJson<CaseEvent>(r.event));
    current = new Map((await desk.parts.db.all<{ state: unknown }>('SELECT state FROM cases')).map((r) => fromJson<CaseState>(r.state)).map((c) => [c.id, c]));
  }, 300_000);

  afterAll(async () => {
    await desk?.close();
    await drop?.();
  });

  it("gives a leader every event of the day in sequence order, over pages that join up exactly", async () => {
    const expected = log.filter((e) => e.at >= FROM && e.at < TO);
    expect(expected.length).toBeGreaterThan(1_000);
    const { first, events } = await wholeDay('leader-1');
    expect(first).toMatchObject({ ok: true, day: DAY, from: FROM, to: TO, until: TO, totalEvents: expected.length });
    expect(events.map((e) => e.seq)).toEqual(expected.map((e) => e.seq));
    for (const e of events) expect(e.at >= FROM && e.at < TO, e.at).toBe(true);
    // Small pages give the same sequence as the big ones.
    const paged = await wholeDay('leader-1', 300);
    expect(paged.events.map((e) => e.seq)).toEqual(expected.map((e) => e.seq));
  });

  it('gives the cases as they stood at the day start, equal to folding the log up to it', async () => {
    const { first, events } = await wholeDay('leader-1');
    const before = foldLog(log.filter((e) => e.at < FROM));
    const openAtStart = [...before.values()].filter((c) => isOpenStage(c.stage));
    expect(openAtStart.length).toBeGreaterThan(50);
    const given = new Map(first.cases.map((c) => [c.id, c]));
    for (const c of openAtStart) expect(given.get(c.id), c.id).toEqual(c);
    for (const c of first.cases) expect(c, c.id).toEqual(before.get(c.id));
    // Every case the day moved that existed before it is there, so the day's events apply without a gap…
    const replica = new CaseReplica();
    replica.loadSnapshot(first.cases, 0);
    const outcome = replica.applyBatch({ events, headSeq: events.at(-1)?.seq ?? 0 });
    expect(outcome.gap).toBe(false);
    expect(outcome.applied).toBe(events.length);
    // …and the replay ends where the log stood at the end of the day.
    const after = foldLog(log.filter((e) => e.at < TO));
    for (const c of replica.all()) expect(c, c.id).toEqual(after.get(c.id));
    // Cases closed before the day but due in it are there for the day's on-time closure rate.
    const dueInDay = [...before.values()].filter((c) => !isOpenStage(c.stage) && c.deadlines.handle !== undefined && c.deadlines.handle >= FROM && c.deadlines.handle < TO);
    expect(dueInDay.length).toBeGreaterThan(0);
    for (const c of dueInDay) expect(given.has(c.id), c.id).toBe(true);
  });

  it('scopes the day to what the person may see, as the snapshot does', async () => {
    const all = await wholeDay('leader-1');
    const dept = [...current.values()].find((c) => c.leadDepartmentId && c.reportedAt >= FROM && c.reportedAt < TO)?.leadDepartmentId ?? '';
    const handler = [...desk.parts.people.all()].find((u) => u.role === 'department' && u.departmentId === dept);
    const supervisor = [...desk.parts.people.all()].find((u) => u.role === 'supervisor' && all.events.some((e) => u.gridCodes?.includes(current.get(e.caseId)?.place.gridCode ?? '')));
    expect(handler && supervisor).toBeTruthy();
    const scopes: [string, Scope][] = [
      [handler!.id, { kind: 'department', departmentId: dept }],
      [supervisor!.id, { kind: 'grids', gridCodes: supervisor!.gridCodes ?? [] }],
    ];
    for (const [userId, scope] of scopes) {
      const mine = await wholeDay(userId);
      const visible = (caseId: string) => inScope(current.get(caseId)!, scope);
      expect(mine.events.length).toBeGreaterThan(0);
      expect(mine.events.length).toBeLessThan(all.events.length);
      expect(mine.events.map((e) => e.seq)).toEqual(all.events.filter((e) => visible(e.caseId)).map((e) => e.seq));
      expect(mine.first.totalEvents).toBe(mine.events.length);
      expect(mine.first.cases.map((c) => c.id).sort()).toEqual(all.first.cases.filter((c) => visible(c.id)).map((c) => c.id).sort());
    }
  });

  it('replays today up to now, and a day before the log began as empty', async () => {
    const today = await get<ReplayDay>('/api/replay/2026-03-11', 'leader-1');
    expect(today.status).toBe(200);
    const body = today.body as ReplayDay;
    expect(body.until).toBe(NOW.toISOString());
    expect(body.totalEvents).toBe(log.filter((e) => e.at >= TO).length);
    const quiet = (await get<ReplayDay>('/api/replay/2026-01-05', 'leader-1')).body as ReplayDay;
    expect(quiet).toMatchObject({ ok: true, cases: [], events: [], totalEvents: 0, next: null });
  });

  it('refuses a future day, a malformed or impossible date, and an unknown caller, in words', async () => {
    const future = await get('/api/replay/2026-03-12', 'leader-1');
    expect(future.status).toBe(400);
    expect(future.body).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect((future.body as { message: { en: string } }).message.en).toContain('2026-03-12 has not begun yet');
    for (const bad of ['2026-3-10', '2026-02-30', 'yesterday', '2026-13-01']) {
      const answer = await get(`/api/replay/${bad}`, 'leader-1');
      expect(answer.status, bad).toBe(400);
      expect((answer.body as { message: { zh: string } }).message.zh, bad).toContain('格式不正确');
    }
    expect((await get(`/api/replay/${DAY}/events?after=-1`, 'leader-1')).status).toBe(400);
    expect((await get(`/api/replay/${DAY}`)).status).toBe(401);
  });
});
