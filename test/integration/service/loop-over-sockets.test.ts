import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseEvent, CaseState } from '../../../src-shared/domain';
import type { EventBatch } from '../../../src-shared/contract/socket';
import { CaseReplica } from '../../../src-shared/sync/case-replica';
import { DIALECTS, connectAs, newCommandId, startTestService, type Client, type TestService } from '../support/case-service';

type Ok = { ok: true; events: CaseEvent[]; state: CaseState; duplicate?: boolean };

function send(client: Client, type: string, caseId: string, payload: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<Ok | { ok: false; code: string; message: { zh: string; en: string }; details?: Record<string, unknown> }> {
  return new Promise((resolve) => client.emit('case:command', { commandId: newCommandId(), caseId, type, payload, ...extra } as never, resolve as never));
}

function collect(client: Client): CaseEvent[] {
  const seen: CaseEvent[] = [];
  client.on('case:events', (batch: EventBatch) => seen.push(...batch.events));
  return seen;
}

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.each(DIALECTS)('the case service over socket.io (%s)', (dialect) => {
  let svc: TestService;
  const clients: Client[] = [];
  const open = async (user: string) => {
    const c = await connectAs(svc.url, user);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    svc = await startTestService(dialect);
  });
  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await svc.close();
  });

  let nextGrid = 100;
  /** A new report in a grid of its own, so duplicate detection leaves it alone. */
  async function reported(): Promise<CaseState> {
    const grid = svc.parts.district.district.grids[nextGrid++];
    if (!grid) throw new Error('no grid');
    const answer = await svc.parts.service.report(
      { categoryCode: 'E0101', channel: 'patrol', description: '胡同口暴露垃圾', lon: grid.centroid[0], lat: grid.centroid[1] },
      { userId: grid.supervisorId, role: 'supervisor' },
    );
    if (!answer.ok) throw new Error(answer.code);
    return answer.state;
  }

  it('runs the whole loop across roles, each step live on the other screens, departments scoped', async () => {
    const intake = await open('intake-1');
    const dispatcher = await open('dispatcher-1');
    const sanitation = await open('handler-sanitation');
    const roads = await open('handler-roads');
    const supervisorId = svc.parts.district.district.grids[nextGrid]?.supervisorId as string;
    const supervisor = await open(supervisorId);
    const elsewhere = svc.parts.district.district.users.find((u) => u.role === 'supervisor' && u.id !== supervisorId);
    const otherSupervisor = await open(elsewhere?.id as string);
    const seenBySupervisor = collect(supervisor);
    const seenElsewhere = collect(otherSupervisor);
    const seenByDispatcher = collect(dispatcher);
    const seenBySanitation = collect(sanitation);
    const seenByRoads = collect(roads);
    const sanitationReplica = new CaseReplica();
    sanitation.on('case:events', (b) => sanitationReplica.applyBatch(b));

    const c = await reported();
    await until(() => seenByDispatcher.some((e) => e.caseId === c.id && e.type === 'reported'));
    expect(await send(intake, 'register', c.id, {})).toMatchObject({ ok: true, state: { stage: 'registered' } });
    // The dispatcher asks where it should go: exposed garbage → sanitation, district level, dispatcher's desk.
    const routing = await new Promise<{ ok: boolean; suggestion?: { leadDepartmentId: string; desk: string; leadDepartmentKnown: boolean; handleDeadline: string } }>((r) =>
      dispatcher.emit('case:routing', { caseId: c.id }, r as never),
    );
    expect(routing).toMatchObject({ ok: true, suggestion: { leadDepartmentId: 'sanitation', desk: 'dispatcher', leadDepartmentKnown: true } });
    expect(Date.parse(routing.suggestion?.handleDeadline ?? '')).toBeGreaterThan(Date.now());
    expect(await send(dispatcher, 'dispatch', c.id, { leadDepartmentId: 'sanitation' })).toMatchObject({ ok: true, state: { stage: 'dispatched' } });
    await until(() => seenBySanitation.some((e) => e.caseId === c.id && e.type === 'dispatched'));
    // The department's copy is complete although it never saw the report: the case came with its state.
    expect(sanitationReplica.get(c.id)?.stage).toBe('dispatched');
    expect((await send(roads, 'accept', c.id, {})) as { code: string }).toMatchObject({ ok: false, code: 'NOT_YOUR_DEPARTMENT' });
    expect(await send(sanitation, 'accept', c.id, {})).toMatchObject({ ok: true });
    expect(await send(sanitation, 'feedback', c.id, { result: '已清运', photoIds: [] })).toMatchObject({ ok: true, state: { stage: 'handled' } });
    expect(await send(intake, 'sendToVerify', c.id, {})).toMatchObject({ ok: true, state: { stage: 'verifying' } });
    expect(await send(supervisor, 'verify', c.id, { passed: true })).toMatchObject({ ok: true, state: { stage: 'verified' } });
    const closed = await send(intake, 'close', c.id, {});
    expect(closed).toMatchObject({ ok: true, state: { stage: 'closed', version: 8 } });
    await until(() => seenByDispatcher.filter((e) => e.caseId === c.id).length === 8);
    expect(seenByDispatcher.filter((e) => e.caseId === c.id).map((e) => e.type)).toEqual([
      'reported', 'registered', 'dispatched', 'accepted', 'handled', 'sentToVerify', 'verificationPassed', 'closed',
    ]);
    await until(() => sanitationReplica.get(c.id)?.stage === 'closed');
    expect(sanitationReplica.get(c.id)).toEqual((closed as Ok).state);
    expect(seenByRoads.filter((e) => e.caseId === c.id)).toEqual([]);
    // A grid supervisor follows the cases of their own grids, and only those.
    await until(() => seenBySupervisor.filter((e) => e.caseId === c.id).length === 8);
    expect(seenBySupervisor.filter((e) => e.caseId === c.id)).toHaveLength(8);
    expect(seenElsewhere.filter((e) => e.caseId === c.id)).toEqual([]);
    // The trail is the log.
    const trail = await new Promise<{ ok: boolean; events: CaseEvent[] }>((r) => intake.emit('case:trail', { caseId: c.id }, r as never));
    expect(trail.events.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // A department cannot read another's case trail.
    const denied = await new Promise<{ ok: boolean; code?: string }>((r) => roads.emit('case:trail', { caseId: c.id }, r as never));
    expect(denied).toMatchObject({ ok: false, code: 'CASE_NOT_FOUND' });
  });

  it('applies a retried command once and answers it the same way', async () => {
    const intake = await open('intake-2');
    const c = await reported();
    const commandId = newCommandId();
    const first = await new Promise<Ok>((r) => intake.emit('case:command', { commandId, caseId: c.id, type: 'register', payload: {} } as never, r as never));
    const again = await new Promise<Ok>((r) => intake.emit('case:command', { commandId, caseId: c.id, type: 'register', payload: {} } as never, r as never));
    expect(first).toMatchObject({ ok: true });
    expect(again).toMatchObject({ ok: true, duplicate: true, events: first.events });
    expect((await svc.parts.store.caseTrail(c.id)).length).toBe(2);
  });

  it('lets one of two racing dispatchers win; the other sees the conflict and the fresh state', async () => {
    const intake = await open('intake-1');
    const d1 = await open('dispatcher-1');
    const d2 = await open('dispatcher-2');
    const c = await reported();
    const registered = (await send(intake, 'register', c.id, {})) as Ok;
    const [a, b] = await Promise.all([
      send(d1, 'dispatch', c.id, { leadDepartmentId: 'sanitation' }, { expectedVersion: registered.state.version }),
      send(d2, 'dispatch', c.id, { leadDepartmentId: 'roads' }, { expectedVersion: registered.state.version }),
    ]);
    const outcomes = [a, b].map((x) => (x.ok ? 'ok' : x.code)).sort();
    expect(outcomes).toEqual(['VERSION_CONFLICT', 'ok']);
    const loser = (a.ok ? b : a) as { details?: { state?: CaseState } };
    expect(loser.details?.state?.stage).toBe('dispatched');
    expect((await svc.parts.store.caseTrail(c.id)).filter((e) => e.type === 'dispatched')).toHaveLength(1);
  });

  it('refuses bad input with a readable reason and changes nothing', async () => {
    const dispatcher = await open('dispatcher-1');
    const head = await svc.parts.store.headSeq();
    const bad = await new Promise<{ ok: boolean; code: string; message: { en: string } }>((r) => dispatcher.emit('case:command', { type: 'dispatch' } as never, r as never));
    expect(bad).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(bad.message.en).toMatch(/commandId/);
    const leader = await open('leader-1');
    const c = await reported();
    expect(await send(leader, 'register', c.id, {})).toMatchObject({ ok: false, code: 'READ_ONLY_ROLE' });
    expect(await svc.parts.store.headSeq()).toBe(head + 1); // only the report
  });

  it('links a second report of the same problem to the first, so it is never dispatched twice', async () => {
    const grid = svc.parts.district.district.grids[1500];
    if (!grid) throw new Error('no grid');
    const at = { lon: grid.centroid[0], lat: grid.centroid[1] };
    const supervisor = { userId: grid.supervisorId, role: 'supervisor' as const };
    const first = await svc.parts.service.report({ categoryCode: 'E0106', channel: 'patrol', description: '人行道乱堆物料', ...at }, supervisor);
    const hotline = await svc.parts.service.report(
      { categoryCode: 'E0106', channel: 'hotline', description: '市民来电：路边堆了很多建材', lon: at.lon + 0.0002, lat: at.lat, hasReporterContact: true },
      { userId: 'intake-1', role: 'intake' },
    );
    const farAway = await svc.parts.service.report({ categoryCode: 'E0106', channel: 'patrol', description: '另一处堆物', lon: at.lon + 0.003, lat: at.lat }, supervisor);
    if (!first.ok || !hotline.ok || !farAway.ok) throw new Error('refused');
    expect(hotline.state).toMatchObject({ stage: 'duplicate', duplicateOf: first.state.id });
    // Linked both ways: the first case lists the repeat, and forgets it when an operator unlinks.
    expect((await svc.parts.store.loadCase(first.state.id))?.duplicates).toEqual([hotline.state.id]);
    const intake = await open('intake-1');
    expect(await send(intake, 'unlinkDuplicate', hotline.state.id, {})).toMatchObject({ ok: true, state: { stage: 'reported' } });
    expect((await svc.parts.store.loadCase(first.state.id))?.duplicates).toEqual([]);
    expect(await send(intake, 'linkDuplicate', hotline.state.id, { primaryCaseId: 'no-such-case' })).toMatchObject({ ok: false, code: 'CASE_NOT_FOUND' });
    expect(await send(intake, 'linkDuplicate', hotline.state.id, { primaryCaseId: first.state.id })).toMatchObject({ ok: true, state: { stage: 'duplicate' } });
    expect(farAway.state.stage).toBe('reported');
    const dispatcher = await open('dispatcher-1');
    expect(await send(dispatcher, 'dispatch', hotline.state.id, { leadDepartmentId: 'sanitation' })).toMatchObject({ ok: false, code: 'STAGE_NOT_ALLOWED' });
  });

  it('answers queue queries: filters, text search, sort by deadline, pages, and the scope', async () => {
    const intake = await open('intake-1');
    const dispatcher = await open('dispatcher-1');
    const roads = await open('handler-roads');
    const a = await reported();
    const b = await reported();
    await send(intake, 'register', a.id, {});
    await send(dispatcher, 'dispatch', a.id, { leadDepartmentId: 'roads' });
    type Page = { ok: boolean; cases: CaseState[]; total: number; code?: string };
    const query = (client: Client, q: Record<string, unknown>) => new Promise<Page>((r) => client.emit('case:query', q as never, r as never));
    const dispatched = await query(dispatcher, { stages: ['dispatched'], departmentId: 'roads' });
    expect(dispatched.cases.map((c) => c.id)).toContain(a.id);
    expect(dispatched.cases.every((c) => c.stage === 'dispatched' && c.leadDepartmentId === 'roads')).toBe(true);
    const byNumber = await query(intake, { text: b.number });
    expect(byNumber).toMatchObject({ ok: true, total: 1, cases: [{ id: b.id }] });
    const byWords = await query(intake, { text: '胡同口暴露垃圾', limit: 2, sort: 'reportedAt', order: 'desc' });
    expect(byWords.cases).toHaveLength(2);
    expect(byWords.total).toBeGreaterThan(2);
    expect(Date.parse(byWords.cases[0]?.reportedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(byWords.cases[1]?.reportedAt ?? ''));
    // Nothing is overdue yet: every deadline lies ahead.
    expect((await query(dispatcher, { overdueOnly: true })).total).toBe(0);
    // A department's queue holds its own cases only.
    const theirs = await query(roads, {});
    expect(theirs.cases.every((c) => c.leadDepartmentId === 'roads' || c.assistingDepartmentIds.includes('roads'))).toBe(true);
    expect(theirs.cases.map((c) => c.id)).toContain(a.id);
    expect(await query(dispatcher, { limit: 10_000 })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
  });

  it('refuses a connection it cannot identify', async () => {
    await expect(connectAs(svc.url, 'nobody')).rejects.toThrow(/NOT_AUTHENTICATED/);
  });

  it('a window that missed a burst catches up from its sequence number: nothing missed, nothing doubled', async () => {
    const intake = await open('intake-1');
    const watcher = await open('leader-1');
    const replica = new CaseReplica();
    const first = await new Promise<{ ok: true; kind: string; cases?: CaseState[]; seq?: number }>((r) => watcher.emit('case:sync', {}, r as never));
    expect(first.kind).toBe('snapshot');
    replica.loadSnapshot(first.cases ?? [], first.seq ?? 0);
    const live = (batch: EventBatch) => replica.applyBatch(batch);
    watcher.on('case:events', live);
    const burst = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const c = await reported();
        await send(intake, 'register', c.id, {});
      }
    };
    await burst(20);
    watcher.disconnect(); // gone in the middle of the burst
    await burst(40);
    const back = await open('leader-1');
    back.on('case:events', live);
    const again = await new Promise<{ ok: true; kind: string; events: CaseEvent[]; headSeq: number }>((r) => back.emit('case:sync', { sinceSeq: replica.seq }, r as never));
    expect(again.kind).toBe('events');
    const outcome = replica.applySync({ kind: 'events', events: again.events, headSeq: again.headSeq });
    expect(outcome.gap).toBe(false);
    await burst(5);
    const head = await svc.parts.store.headSeq();
    await until(() => replica.seq === head);
    const server = await svc.parts.store.workingSet({ kind: 'all' }, '1970-01-01T00:00:00.000Z');
    for (const c of server) expect(replica.get(c.id)).toEqual(c);
    expect(replica.size).toBe(server.length);
  });
});
