import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor, CaseEventType, CaseState } from '../../../src-shared/domain';
import { suggestRoutingFor } from '../../../src-server/service/routing';
import { DeadlineWatcher, alarmCommandId } from '../../../src-server/service/deadline-watcher';
import { DIALECTS, freshStorage, newCommandId, startTestService, type Dialect, type TestService } from '../support/case-service';

const silent = pino({ level: 'silent' });
const ACT = {
  intake: { userId: 'intake-1', role: 'intake' },
  dispatcher: { userId: 'dispatcher-1', role: 'dispatcher' },
  duty: { userId: 'duty-1', role: 'duty' },
  sanitation: { userId: 'handler-sanitation', role: 'department', departmentId: 'sanitation' },
} satisfies Record<string, Actor>;
const ALARMS: CaseEventType[] = ['reminderRaised', 'deadlineMissed', 'supervisionFlagged'];

/** Beijing wall time → instant (Beijing is UTC+8 all year). */
const bj = (local: string) => new Date(`${local}+08:00`);

describe.each(DIALECTS)('deadline alarms (%s)', (dialect: Dialect) => {
  let now = bj('2026-11-23T09:00:00'); // a Monday
  const clock = () => now;
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function service(options: Parameters<typeof startTestService>[1] = {}): Promise<TestService> {
    const svc = await startTestService(dialect, { clock, ...options });
    cleanup.push(options.storage ? () => svc.stop() : () => svc.close());
    return svc;
  }

  async function watching(svc: TestService): Promise<DeadlineWatcher> {
    // A long tick: the test drives the ticks; the timers stay out of the way.
    const watcher = new DeadlineWatcher(svc.parts.service, silent, { tickMs: 3_600_000 });
    await watcher.start();
    cleanup.push(() => watcher.stop());
    return watcher;
  }

  async function run(svc: TestService, type: string, caseId: string, actor: Actor, payload: Record<string, unknown> = {}): Promise<CaseState> {
    const answer = await svc.parts.service.execute({ commandId: newCommandId(), caseId, type, payload }, actor);
    if (!answer.ok) throw new Error(`${type}: ${answer.code}`);
    return answer.state;
  }

  /** Reported, registered and dispatched at the same instant, so only the handle link's clock is left running. */
  async function dispatched(svc: TestService, categoryCode: string, lead: string, desk: Actor): Promise<CaseState> {
    const grid = svc.parts.district.district.grids[200];
    if (!grid) throw new Error('no grid');
    const answer = await svc.parts.service.report(
      { categoryCode, channel: 'patrol', description: '时限测试', lon: grid.centroid[0], lat: grid.centroid[1] },
      { userId: grid.supervisorId, role: 'supervisor' },
    );
    if (!answer.ok) throw new Error(answer.code);
    await run(svc, 'register', answer.state.id, ACT.intake);
    return run(svc, 'dispatch', answer.state.id, desk, { leadDepartmentId: lead });
  }

  async function alarmsOf(svc: TestService, caseId: string): Promise<CaseEventType[]> {
    return (await svc.parts.store.caseTrail(caseId)).map((e) => e.type).filter((t) => ALARMS.includes(t));
  }

  async function tickAt(watcher: DeadlineWatcher, local: string, times = 1): Promise<void> {
    now = bj(local);
    for (let i = 0; i < times; i++) await watcher.tick();
  }

  it('reminds at 80 % of the handle limit, alerts at the deadline, flags supervision at 2× — each once', async () => {
    now = bj('2026-11-23T09:00:00');
    const svc = await service();
    const watcher = await watching(svc);
    // Exposed garbage: 4 working hours → due 14:30 (09:00–12:00, 13:30–14:30); 80 % = 192 min → 13:42.
    const kase = await dispatched(svc, 'E0101', 'sanitation', ACT.dispatcher);
    expect(kase.deadlines.handle).toBe(bj('2026-11-23T14:30:00').toISOString());

    await tickAt(watcher, '2026-11-23T13:41:00', 2);
    expect(await alarmsOf(svc, kase.id)).toEqual([]);
    await tickAt(watcher, '2026-11-23T13:42:00', 3);
    expect(await alarmsOf(svc, kase.id)).toEqual(['reminderRaised']);
    await tickAt(watcher, '2026-11-23T14:29:59', 2);
    expect(await alarmsOf(svc, kase.id)).toEqual(['reminderRaised']);
    await tickAt(watcher, '2026-11-23T14:30:00', 3);
    expect(await alarmsOf(svc, kase.id)).toEqual(['reminderRaised', 'deadlineMissed']);
    // 2× = another 240 working minutes after the deadline: 14:30–17:30, then Tuesday 09:00–10:00.
    await tickAt(watcher, '2026-11-24T09:59:00', 2);
    expect(await alarmsOf(svc, kase.id)).toEqual(['reminderRaised', 'deadlineMissed']);
    await tickAt(watcher, '2026-11-24T10:00:00', 3);
    expect(await alarmsOf(svc, kase.id)).toEqual(['reminderRaised', 'deadlineMissed', 'supervisionFlagged']);
    await tickAt(watcher, '2026-12-24T10:00:00', 2);
    expect(await alarmsOf(svc, kase.id)).toEqual(['reminderRaised', 'deadlineMissed', 'supervisionFlagged']);

    const trail = await svc.parts.store.caseTrail(kase.id);
    const missed = trail.find((e) => e.type === 'deadlineMissed');
    expect(missed).toMatchObject({ actor: { userId: 'system', role: 'system' }, payload: { link: 'handle', deadline: kase.deadlines.handle } });
    expect(missed?.commandId).toMatch(/^alarm:overdue:[0-9a-f]{40}$/);
    const final = await svc.parts.store.loadCase(kase.id);
    expect(final).toMatchObject({ supervised: true, late: { handle: true }, reminded: { handle: true }, overdueAlerted: { handle: true } });
  });

  it('survives a restart: the overdue alert comes from the database, once, even with two nodes ticking', async () => {
    now = bj('2026-11-23T09:00:00');
    const storage = await freshStorage(dialect);
    cleanup.push(storage.drop);
    const first = await startTestService(dialect, { clock, storage });
    const firstWatcher = new DeadlineWatcher(first.parts.service, silent, { tickMs: 3_600_000 });
    await firstWatcher.start();
    const kase = await dispatched(first, 'E0101', 'sanitation', ACT.dispatcher);
    await firstWatcher.stop();
    await first.stop();

    now = bj('2026-11-23T15:00:00'); // past the 14:30 deadline, long before supervision
    const a = await service({ storage });
    const b = await service({ storage });
    const [wa, wb] = [new DeadlineWatcher(a.parts.service, silent, { tickMs: 3_600_000 }), new DeadlineWatcher(b.parts.service, silent, { tickMs: 3_600_000 })];
    cleanup.push(() => wa.stop(), () => wb.stop());
    // SQLite nodes share a file only one writer at a time; PostgreSQL nodes really race.
    if (dialect === 'postgres') await Promise.all([wa.start(), wb.start()]);
    else {
      await wa.start();
      await wb.start();
    }
    await Promise.all([wa.tick(), wb.tick(), wa.tick()]);
    // The reminder was overtaken by the deadline while nobody watched: the overdue alert alone.
    expect(await alarmsOf(a, kase.id)).toEqual(['deadlineMissed']);
  });

  it('answers a repeated alarm command from the first answer (the id is deterministic)', async () => {
    now = bj('2026-11-23T09:00:00');
    const svc = await service();
    const kase = await dispatched(svc, 'E0101', 'sanitation', ACT.dispatcher);
    now = bj('2026-11-23T14:31:00');
    const commandId = alarmCommandId(kase, { kind: 'overdue', link: 'handle', deadline: kase.deadlines.handle ?? '', startedAt: kase.dispatchedAt ?? '' });
    const command = { commandId, caseId: kase.id, expectedVersion: kase.version, type: 'markOverdue', payload: { link: 'handle' } };
    const system: Actor = { userId: 'system', role: 'system' };
    const first = await svc.parts.service.execute(command, system);
    const second = await svc.parts.service.execute(command, system);
    expect(first.ok && !first.duplicate).toBe(true);
    expect(second.ok && second.duplicate).toBe(true);
    const watcher = await watching(svc);
    await watcher.tick();
    expect(await alarmsOf(svc, kase.id)).toEqual(['deadlineMissed']);
  });

  it('never alerts a case closed before its deadline', async () => {
    now = bj('2026-11-23T09:00:00');
    const svc = await service();
    const watcher = await watching(svc);
    const kase = await dispatched(svc, 'E0101', 'sanitation', ACT.dispatcher);
    await tickAt(watcher, '2026-11-23T09:30:00');
    await run(svc, 'accept', kase.id, ACT.sanitation);
    await tickAt(watcher, '2026-11-23T10:00:00');
    await run(svc, 'feedback', kase.id, ACT.sanitation, { result: '已清运' });
    await run(svc, 'sendToVerify', kase.id, ACT.intake);
    await tickAt(watcher, '2026-11-23T10:20:00');
    const grid = svc.parts.district.district.grids[200];
    await run(svc, 'verify', kase.id, { userId: grid?.supervisorId ?? '', role: 'supervisor' }, { passed: true });
    await run(svc, 'close', kase.id, ACT.intake);
    for (const t of ['2026-11-23T13:42:00', '2026-11-23T14:30:00', '2026-11-24T10:00:00', '2026-12-31T10:00:00']) await tickAt(watcher, t, 2);
    expect(await alarmsOf(svc, kase.id)).toEqual([]);
    expect((await svc.parts.store.loadCase(kase.id))?.stage).toBe('closed');
  });

  it('runs an urgent case on the natural clock: alerts at night', async () => {
    now = bj('2026-11-23T22:00:00');
    const svc = await service();
    const watcher = await watching(svc);
    // Gas leak: urgent, 2 h 24/7 → reminder 23:36, deadline 00:00, supervision 02:00.
    const kase = await dispatched(svc, 'E0401', 'gas', ACT.duty);
    expect(kase.deadlines.handle).toBe(bj('2026-11-24T00:00:00').toISOString());
    await tickAt(watcher, '2026-11-23T23:35:00');
    expect(await alarmsOf(svc, kase.id)).toEqual([]);
    await tickAt(watcher, '2026-11-23T23:36:00', 2);
    expect(await alarmsOf(svc, kase.id)).toEqual(['reminderRaised']);
    await tickAt(watcher, '2026-11-24T00:00:00', 2);
    await tickAt(watcher, '2026-11-24T02:00:00', 2);
    expect(await alarmsOf(svc, kase.id)).toEqual(['reminderRaised', 'deadlineMissed', 'supervisionFlagged']);
  });

  it('respects working hours: a case dispatched Friday evening is not reminded over the weekend', async () => {
    now = bj('2026-11-27T17:00:00'); // Friday
    const svc = await service();
    const watcher = await watching(svc);
    // 30 working minutes on Friday, 210 on Monday → due Monday 14:00; 80 % (192 min) → Monday 11:42.
    const kase = await dispatched(svc, 'E0101', 'sanitation', ACT.dispatcher);
    expect(kase.deadlines.handle).toBe(bj('2026-11-30T14:00:00').toISOString());
    for (const t of ['2026-11-27T20:00:00', '2026-11-28T12:00:00', '2026-11-29T23:59:00', '2026-11-30T11:41:00']) await tickAt(watcher, t, 2);
    expect(await alarmsOf(svc, kase.id)).toEqual([]);
    await tickAt(watcher, '2026-11-30T11:42:00', 2);
    expect(await alarmsOf(svc, kase.id)).toEqual(['reminderRaised']);
  });

  it('fills in the alarm column for cases written before the watcher ran, and wakes on a timer for a near alarm', async () => {
    now = bj('2026-11-23T22:00:00');
    const svc = await service();
    const kase = await dispatched(svc, 'E0401', 'gas', ACT.duty);
    await svc.parts.db.run('UPDATE cases SET next_alarm_at = NULL');
    now = bj('2026-11-23T23:35:59.950');
    const watcher = new DeadlineWatcher(svc.parts.service, silent, { tickMs: 3_600_000 });
    cleanup.push(() => watcher.stop());
    await watcher.start(); // recomputes the column; the reminder is 50 ms away: a timer, not the hourly tick
    const row = await svc.parts.db.get<{ next_alarm_at: string }>('SELECT next_alarm_at FROM cases WHERE id = ?', [kase.id]);
    expect(row?.next_alarm_at).toBe(bj('2026-11-23T23:36:00').toISOString());
    now = bj('2026-11-23T23:36:00');
    const started = Date.now();
    while ((await alarmsOf(svc, kase.id)).length === 0 && Date.now() - started < 3_000) await new Promise((r) => setTimeout(r, 20));
    expect(await alarmsOf(svc, kase.id)).toEqual(['reminderRaised']);
  });

  it('suggests the route: lead department, loop level and the handle deadline if dispatched now', async () => {
    now = bj('2026-11-27T17:00:00');
    const svc = await service();
    const grid = svc.parts.district.district.grids[200];
    const answer = await svc.parts.service.report(
      { categoryCode: 'E0106', channel: 'patrol', description: '乱堆物堆料', lon: grid?.centroid[0] ?? 0, lat: grid?.centroid[1] ?? 0 },
      { userId: grid?.supervisorId ?? '', role: 'supervisor' },
    );
    if (!answer.ok) throw new Error(answer.code);
    const routed = await suggestRoutingFor(svc.parts.service, answer.state.id);
    expect(routed).toMatchObject({
      ok: true,
      suggestion: { leadDepartmentId: `street:${grid?.streetCode}`, loop: 'small', leadDepartmentKnown: true, handleDeadline: bj('2026-11-30T14:00:00').toISOString() },
    });
    expect(await suggestRoutingFor(svc.parts.service, answer.state.id, 'E0401')).toMatchObject({ ok: true, suggestion: { leadDepartmentId: 'gas', loop: 'big' } });
    expect(await suggestRoutingFor(svc.parts.service, 'nope')).toMatchObject({ ok: false, code: 'CASE_NOT_FOUND' });
    expect(await suggestRoutingFor(svc.parts.service, answer.state.id, 'E9999')).toMatchObject({ ok: false, code: 'UNKNOWN_CATEGORY' });
  });
});
