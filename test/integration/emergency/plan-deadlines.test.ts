import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseEventType } from '../../../src-shared/domain';
import { DeadlineWatcher } from '../../../src-server/service/deadline-watcher';
import { DIALECTS, connectAs, startTestService, type Client, type Dialect, type TestService } from '../support/case-service';
import { DUTY, collect, gasLeak, run, send, until } from './support';

const silent = pino({ level: 'silent' });
/** Beijing wall time → instant (Beijing is UTC+8 all year). */
const bj = (local: string) => new Date(`${local}+08:00`);

/**
 * The plan's coordinated timeline against the clock: step deadlines counted from the start on
 * the 24/7 clock, the deadline watcher's overdue alert for each step left undone (found by the
 * same stored next-alarm instant as the link alarms), escalation, and a department added late.
 */
describe.each(DIALECTS)('emergency plan deadlines (%s)', (dialect: Dialect) => {
  let now = bj('2026-11-23T22:00:00');
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function service(): Promise<{ svc: TestService; watcher: DeadlineWatcher }> {
    const svc = await startTestService(dialect, { clock: () => now });
    cleanup.push(() => svc.close());
    // A long tick: the test drives the ticks.
    const watcher = new DeadlineWatcher(svc.parts.service, silent, { tickMs: 3_600_000 });
    await watcher.start();
    cleanup.push(() => watcher.stop());
    return { svc, watcher };
  }

  async function open(svc: TestService, user: string): Promise<Client> {
    const client = await connectAs(svc.url, user);
    cleanup.push(async () => void client.disconnect());
    return client;
  }

  const STEP_EVENTS: CaseEventType[] = ['stepOverdue'];
  async function overdueSteps(svc: TestService, caseId: string): Promise<string[]> {
    return (await svc.parts.store.caseTrail(caseId)).filter((e) => STEP_EVENTS.includes(e.type)).map((e) => (e.payload as { stepId: string }).stepId);
  }
  async function tickAt(watcher: DeadlineWatcher, local: string, times = 1): Promise<void> {
    now = bj(local);
    for (let i = 0; i < times; i++) await watcher.tick();
  }

  it('counts step deadlines from the start, night or day, and alerts each step left undone once', async () => {
    now = bj('2026-11-23T22:00:00'); // a Monday night: no working hours
    const { svc, watcher } = await service();
    const kase = await gasLeak(svc.parts.service, 60);
    now = bj('2026-11-23T22:03:00');
    const started = await run(svc.parts.service, 'startEmergencyPlan', kase.id, DUTY);
    expect(started.emergencyResponse?.steps.map((s) => [s.id, s.dueAt])).toEqual([
      ['confirm', bj('2026-11-23T22:08:00').toISOString()],
      ['report-up', bj('2026-11-23T22:18:00').toISOString()],
      ['cordon', bj('2026-11-23T22:23:00').toISOString()],
      ['no-ignition', bj('2026-11-23T22:23:00').toISOString()],
      ['cut-supply', bj('2026-11-23T22:33:00').toISOString()],
      ['gas-safe', bj('2026-11-23T23:33:00').toISOString()],
      ['scene-safe', bj('2026-11-24T00:03:00').toISOString()],
    ]);
    // The next alarm stored for the case is its first step's deadline (the handling reminder is later).
    const row = await svc.parts.db.get<{ next_alarm_at: string }>('SELECT next_alarm_at FROM cases WHERE id = ?', [kase.id]);
    expect(row?.next_alarm_at).toBe(bj('2026-11-23T22:08:00').toISOString());

    await tickAt(watcher, '2026-11-23T22:07:59', 2);
    expect(await overdueSteps(svc, kase.id)).toEqual([]);
    await run(svc.parts.service, 'completeStep', kase.id, DUTY, { stepId: 'report-up' });
    await tickAt(watcher, '2026-11-23T22:08:00', 2);
    expect(await overdueSteps(svc, kase.id)).toEqual(['confirm']);
    // Long after: every step left undone is alerted, each once; the one done in time never.
    await tickAt(watcher, '2026-11-23T22:40:00', 3);
    expect(await overdueSteps(svc, kase.id)).toEqual(['confirm', 'cordon', 'no-ignition', 'cut-supply']);
    const trail = await svc.parts.store.caseTrail(kase.id);
    expect(trail.find((e) => e.type === 'stepOverdue')).toMatchObject({ actor: { userId: 'system', role: 'system' }, commandId: expect.stringMatching(/^alarm:step:[0-9a-f]{40}$/) });
    // A step done after its alert stays on record as late.
    const late = await run(svc.parts.service, 'completeStep', kase.id, DUTY, { stepId: 'cut-supply', note: '阀门已关' });
    expect(late.emergencyResponse?.steps.find((s) => s.id === 'cut-supply')).toMatchObject({ overdue: true, late: true });
    // Closing the response stops the step alerts (the handling link's own alarms go on).
    await run(svc.parts.service, 'closeEmergency', kase.id, DUTY, { summary: '险情排除' });
    await tickAt(watcher, '2026-11-24T01:00:00', 2);
    expect(await overdueSteps(svc, kase.id)).toEqual(['confirm', 'cordon', 'no-ignition', 'cut-supply']);
    const types = (await svc.parts.store.caseTrail(kase.id)).map((e) => e.type);
    expect(types).toContain('deadlineMissed'); // the 2 h handling limit passed at 00:03
  });

  it('escalates on the shared timeline, and a department added late receives the case on its socket', async () => {
    now = bj('2026-11-23T10:00:00');
    const { svc } = await service();
    const duty = await open(svc, 'duty-1');
    const gas = await open(svc, 'handler-gas');
    const roads = await open(svc, 'handler-roads');
    const seenByGas = collect(gas);
    const seenByRoads = collect(roads);
    const kase = await gasLeak(svc.parts.service, 61);
    expect(await send(duty, 'startEmergencyPlan', kase.id)).toMatchObject({ ok: true });

    now = bj('2026-11-23T10:35:00');
    const escalated = await send(duty, 'escalateEmergency', kase.id, { reason: '燃气公司35分钟未到场，报区应急局', departmentId: 'gas' });
    expect(escalated).toMatchObject({ ok: true, state: { supervised: false, emergencyResponse: { escalations: [{ at: now.toISOString(), by: 'duty-1', departmentId: 'gas' }] } } });
    await until(() => seenByGas.events.some((e) => e.caseId === kase.id && e.type === 'emergencyEscalated'));

    expect(seenByRoads.events.filter((e) => e.caseId === kase.id)).toEqual([]);
    expect(await send(duty, 'addLinkedDepartment', kase.id, { departmentId: 'roads', reason: '需破路抢修' })).toMatchObject({ ok: true });
    await until(() => seenByRoads.cases.some((c) => c.id === kase.id));
    expect(await send(roads, 'acknowledgeLinkage', kase.id)).toMatchObject({ ok: true, state: { assistingDepartmentIds: expect.arrayContaining(['roads']) } });
    const response = (await svc.parts.store.loadCase(kase.id))?.emergencyResponse;
    expect(response?.departments.find((d) => d.departmentId === 'roads')).toMatchObject({ role: 'linked', linkedAt: now.toISOString(), acknowledgedAt: now.toISOString() });
    // The department finds the case in its snapshot from now on (a reconnecting window loses nothing).
    const snapshot = await new Promise<{ ok: boolean; kind?: string; cases?: { id: string }[] }>((r) => roads.emit('case:sync', {}, r as never));
    expect(snapshot).toMatchObject({ ok: true, kind: 'snapshot' });
    expect(snapshot.cases?.map((c) => c.id)).toContain(kase.id);
    // A second escalation adds to the record.
    expect(await send(duty, 'escalateEmergency', kase.id, { reason: '险情扩大' })).toMatchObject({ ok: true });
    expect((await svc.parts.store.loadCase(kase.id))?.emergencyResponse?.escalations).toHaveLength(2);
  });
});
