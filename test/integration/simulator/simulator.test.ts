import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categoryByCode, resolveLeadDepartment } from '../../../src-shared/catalog/categories';
import type { Category } from '../../../src-shared/catalog/category-types';
import type { CaseState } from '../../../src-shared/domain/case';
import type { Actor } from '../../../src-shared/domain/roles';
import type { CaseEvent } from '../../../src-shared/domain/events';
import type { Stage } from '../../../src-shared/domain/stages';
import { onTimeClosureRate } from '../../../src-shared/kpi/formulas';
import { fromJson } from '../../../src-server/store/db';
import { DemoClock } from '../../../src-server/simulator/clock';
import { Simulator, type SimulatorOptions } from '../../../src-server/simulator/simulator';
import { demoDistrict, startTestService, type Dialect, type TestService } from '../support/case-service';

/** A Tuesday afternoon in Beijing: a working day, busy desks, so a run ends with cases in every stage. */
const TUESDAY_15H = new Date('2026-03-10T15:00:00+08:00');
const HOUR = 3_600_000;

interface Run {
  svc: TestService;
  sim: Simulator;
  clock: DemoClock;
}

const running: TestService[] = [];

async function simulate(dialect: Dialect, from: Date, hours: number, options: Partial<SimulatorOptions> = {}): Promise<Run> {
  const clock = new DemoClock({ start: from, held: true });
  const svc = await startTestService(dialect, { clock: () => clock.now() });
  running.push(svc);
  const sim = new Simulator(svc.parts.service, await demoDistrict(), { seed: 42, profile: 'mature', ratePerDay: 600, clock, ...options });
  await sim.backfill(from, new Date(from.getTime() + hours * HOUR));
  return { svc, sim, clock };
}

async function allEvents(svc: TestService): Promise<CaseEvent[]> {
  return svc.parts.store.eventsSince(0, 1_000_000);
}

async function allCases(svc: TestService): Promise<CaseState[]> {
  const rows = await svc.parts.db.all<{ state: unknown }>('SELECT state FROM cases');
  return rows.map((r) => fromJson<CaseState>(r.state));
}

function onTime(cases: CaseState[], from: Date, to: Date): number {
  const k = onTimeClosureRate(cases, { from: from.toISOString(), to: to.toISOString(), asOf: to.toISOString() });
  return k.value ?? Number.NaN;
}

afterAll(async () => {
  for (const svc of running) await svc.close();
});

describe('the demo simulator (sqlite)', () => {
  let day: Run;
  let cases: CaseState[];
  let events: CaseEvent[];

  beforeAll(async () => {
    day = await simulate('sqlite', TUESDAY_15H, 24);
    cases = await allCases(day.svc);
    events = await allEvents(day.svc);
  });

  it('the same seed and start give the same commands', async () => {
    const nine = new Date('2026-03-10T09:00:00+08:00');
    const a = await simulate('sqlite', nine, 2);
    const b = await simulate('sqlite', nine, 2);
    const trail = async (r: Run) => {
      const numbers = new Map((await allCases(r.svc)).map((c) => [c.id, c.number]));
      return (await allEvents(r.svc)).map((e) => `${e.at} ${numbers.get(e.caseId)} ${e.type} ${e.actor.userId}`);
    };
    const [ta, tb] = [await trail(a), await trail(b)];
    expect(ta.length).toBeGreaterThan(100);
    expect(tb).toEqual(ta);
    for (const r of [a, b]) {
      running.splice(running.indexOf(r.svc), 1);
      await r.svc.close();
    }
  });

  it('a day at 600 a day leaves cases in every stage, closed and evaluated ones too', async () => {
    const stages = new Set<Stage>(cases.map((c) => c.stage));
    for (const s of ['reported', 'registered', 'dispatched', 'accepted', 'handled', 'verifying', 'verified', 'closed', 'rejected', 'duplicate'] as const) {
      expect(stages, s).toContain(s);
    }
    expect(cases.filter((c) => c.evaluation !== undefined).length).toBeGreaterThan(5);
    expect(cases.filter((c) => c.rejection?.reason).length).toBeGreaterThan(0);
    // The side paths happen too: returns of mis-routed cases, all re-dispatched to the right department.
    expect(events.some((e) => e.type === 'returned')).toBe(true);
    const stats = await day.sim.stats();
    expect(stats.errors).toBe(0);
    expect(stats.applied).toBeGreaterThan(0.95 * stats.commandsSent);
    expect(stats.reports).toBeGreaterThan(500);
    expect(stats.reports).toBeLessThan(800);
  });

  it('reports come through the channels in the published mix, by the right people', () => {
    const n = cases.length;
    const share = (ch: string) => cases.filter((c) => c.channel === ch).length / n;
    expect(share('patrol')).toBeGreaterThan(0.86);
    expect(share('patrol')).toBeLessThan(0.94);
    expect(share('hotline')).toBeGreaterThan(0.025);
    expect(share('hotline')).toBeLessThan(0.08);
    expect(share('app')).toBeGreaterThan(0.01);
    expect(share('app')).toBeLessThan(0.06);
    expect(share('camera')).toBeGreaterThan(0.005);
    expect(share('camera')).toBeLessThan(0.045);
    const reported = events.filter((e): e is Extract<CaseEvent, { type: 'reported' }> => e.type === 'reported');
    const grids = new Map((day.svc.parts.district.district.grids).map((g) => [g.code, g.supervisorId]));
    for (const e of reported) {
      if (e.payload.channel === 'patrol') expect(e.actor.userId).toBe(grids.get(e.payload.place.gridCode));
      if (e.payload.channel === 'camera') expect(e.actor.role).toBe('system');
      if (e.payload.channel === 'hotline' || e.payload.channel === 'app') {
        expect(e.actor.role).toBe('intake');
        expect(e.payload.hasReporterContact).toBe(true);
      }
    }
    // Events 85–90 %, components 10–15 %; component reports name a real component.
    const components = cases.filter((c) => c.kind === 'component');
    expect(components.length / n).toBeGreaterThan(0.07);
    expect(components.length / n).toBeLessThan(0.18);
    const codes = new Set(day.svc.parts.district.district.components.map((c) => c.code));
    for (const c of components) expect(codes.has(c.componentCode ?? '')).toBe(true);
  });

  it('links some repeats as duplicates of open cases', async () => {
    const duplicates = cases.filter((c) => c.stage === 'duplicate');
    expect(duplicates.length / cases.length).toBeGreaterThan(0.02);
    expect(duplicates.length / cases.length).toBeLessThan(0.15);
    const byId = new Map(cases.map((c) => [c.id, c]));
    for (const d of duplicates) expect(byId.get(d.duplicateOf ?? '')?.categoryCode).toBe(d.categoryCode);
    expect((await day.sim.stats()).duplicatesLinked).toBe(duplicates.length);
  });

  it('a struggling district is visibly later than a mature one', async () => {
    const to = new Date(TUESDAY_15H.getTime() + 24 * HOUR);
    const struggling = await simulate('sqlite', TUESDAY_15H, 24, { profile: 'struggling' });
    const mature = onTime(cases, TUESDAY_15H, to);
    const poor = onTime(await allCases(struggling.svc), TUESDAY_15H, to);
    expect(mature).toBeGreaterThan(0.93);
    expect(poor).toBeLessThan(mature - 0.2);
  });

  it('runs live on its clock and stop() leaves nothing running', async () => {
    const timersBefore = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const live = await simulate('sqlite', new Date('2026-03-11T09:30:00+08:00'), 0, { speed: 600, centre: false });
    live.sim.start();
    expect(live.clock.running).toBe(true);
    await new Promise((r) => setTimeout(r, 1_500)); // 15 simulated minutes
    await live.sim.stop();
    const stopped = await live.sim.stats();
    expect(stopped.running).toBe(false);
    expect(stopped.reports).toBeGreaterThan(3);
    expect(stopped.errors).toBe(0);
    // Without the centre nobody registers: the field's reports wait for the humans at the desk.
    expect(stopped.casesByStage.registered ?? 0).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    expect((await live.sim.stats()).commandsSent).toBe(stopped.commandsSent);
    expect(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length).toBeLessThanOrEqual(timersBefore);
  });

  it('leaves the registering to a human when the centre is off, and the field answers the human dispatch', async () => {
    const run = await simulate('sqlite', new Date('2026-03-11T09:00:00+08:00'), 1, { centre: false });
    const quick = (c: CaseState) => (categoryByCode(c.categoryCode)?.limits.handle.minutes ?? Infinity) <= 240;
    const waiting = (await allCases(run.svc)).find((c) => c.stage === 'reported' && quick(c));
    if (!waiting) throw new Error('no report waiting for the desk');
    const service = run.svc.parts.service;
    const human = async (type: string, payload: Record<string, unknown>, actor: Actor) =>
      service.execute({ commandId: `human-${type}-${waiting.id}`, caseId: waiting.id, type, payload }, actor);
    expect((await human('register', {}, { userId: 'intake-1', role: 'intake' })).ok).toBe(true);
    const lead = resolveLeadDepartment(categoryByCode(waiting.categoryCode) as Category, waiting.place.streetCode);
    const desk: Actor = waiting.urgency === 'urgent' ? { userId: 'duty-1', role: 'duty' } : { userId: 'dispatcher-1', role: 'dispatcher' };
    expect((await human('dispatch', { leadDepartmentId: lead }, desk)).ok).toBe(true);
    await run.sim.backfill(run.clock.now(), new Date(run.clock.nowMs() + 8 * HOUR));
    const after = await run.svc.parts.store.loadCase(waiting.id);
    // The department signed and fed back; sending to verify is the humans' job again.
    expect(after?.stage).toBe('handled');
  });
});

describe('the demo simulator (postgres)', () => {
  it('backfills a morning through the same write path', async () => {
    const run = await simulate('postgres', new Date('2026-03-10T08:00:00+08:00'), 4, { ratePerDay: 300 });
    const stats = await run.sim.stats();
    expect(stats.errors).toBe(0);
    expect(stats.reports).toBeGreaterThan(20);
    expect(stats.casesByStage.closed ?? 0).toBeGreaterThan(0);
    expect(stats.applied).toBeGreaterThan(0.95 * stats.commandsSent);
  });
});
