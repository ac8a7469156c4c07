import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuplicateSuggestions, EventBatch } from '../../../src-shared/contract/socket';
import type { CaseEvent, CaseState } from '../../../src-shared/domain';
import type { UnitGrid } from '../../../src-shared/district/types';
import { PhotoStore } from '../../../src-server/intake/photos';
import { DIALECTS, connectAs, newCommandId, startTestService, type Client, type TestService } from '../support/case-service';

type Refused = { ok: false; code: string; message: { zh: string; en: string } };
type Reported = { ok: true; events: CaseEvent[]; state: CaseState; duplicate?: boolean } | Refused;
type Suggested = ({ ok: true } & DuplicateSuggestions) | Refused;

function report(client: Client, request: Record<string, unknown>): Promise<Reported> {
  return new Promise((resolve) => client.emit('case:report', { commandId: newCommandId(), ...request } as never, resolve as never));
}
function duplicates(client: Client, query: unknown): Promise<Suggested> {
  return new Promise((resolve) => client.emit('case:duplicates', query as never, resolve as never));
}

/** Metres north of a point, in degrees of latitude. */
const north = (m: number) => m / 111_320;

/**
 * The intake desk's two socket requests on a real service and database: `case:duplicates`
 * (the service's duplicate rule, asked before saving, scoped to the asker) and `case:report`
 * with a caller (stored apart from the case) and photos uploaded before.
 */
describe.each(DIALECTS)('the intake desk over socket.io (%s)', (dialect) => {
  let svc: TestService;
  const clients: Client[] = [];
  const open = async (user: string) => {
    const c = await connectAs(svc.url, user);
    clients.push(c);
    return c;
  };
  let grid: UnitGrid;
  let other: UnitGrid;
  let first: CaseState;
  const count = async (table: string) => Number((await svc.parts.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))?.n ?? 0);

  beforeAll(async () => {
    svc = await startTestService(dialect);
    const grids = svc.parts.district.district.grids;
    grid = grids[10] as UnitGrid;
    other = grids.find((g) => g.supervisorId !== grid.supervisorId) as UnitGrid;
    const answer = await svc.parts.service.report(
      { categoryCode: 'E0101', channel: 'patrol', description: '胡同口暴露垃圾', lon: grid.centroid[0], lat: grid.centroid[1] },
      { userId: grid.supervisorId, role: 'supervisor' },
    );
    if (!answer.ok) throw new Error(answer.code);
    first = answer.state;
  });
  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await svc.close();
  });

  it('suggests the open case of the same category nearby, with the place the report would get', async () => {
    const intake = await open('intake-1');
    const byGrid = await duplicates(intake, { categoryCode: 'E0101', gridCode: grid.code });
    expect(byGrid.ok && byGrid.cases.map((c) => c.id)).toEqual([first.id]);
    expect(byGrid.ok && byGrid.place).toMatchObject({ gridCode: grid.code, communityCode: grid.communityCode, streetCode: grid.streetCode });

    // A point 30 m away finds it; its grid is found from the point.
    const near = await duplicates(intake, { categoryCode: 'E0101', lon: grid.centroid[0], lat: grid.centroid[1] + north(30) });
    expect(near.ok && near.cases.map((c) => c.id)).toEqual([first.id]);
    expect(near.ok && near.place.lat).toBeCloseTo(grid.centroid[1] + north(30), 9);
    // 80 m away, or another category, is not the same problem.
    const far = await duplicates(intake, { categoryCode: 'E0101', lon: grid.centroid[0], lat: grid.centroid[1] + north(80) });
    expect(far.ok ? far.cases : far).toEqual([]);
    const otherKind = await duplicates(intake, { categoryCode: 'C0112', gridCode: grid.code });
    expect(otherKind.ok ? otherKind.cases : otherKind).toEqual([]);
  });

  it('shows a supervisor only the cases of their own grids, and refuses who may not report', async () => {
    const outsider = await open(other.supervisorId);
    const seen = await duplicates(outsider, { categoryCode: 'E0101', gridCode: grid.code });
    expect(seen.ok ? seen.cases : seen).toEqual([]);
    const own = await duplicates(await open(grid.supervisorId), { categoryCode: 'E0101', gridCode: grid.code });
    expect(own.ok && own.cases.map((c) => c.id)).toEqual([first.id]);

    const handler = await duplicates(await open('handler-sanitation'), { categoryCode: 'E0101', gridCode: grid.code });
    expect(handler).toMatchObject({ ok: false, code: 'ROLE_NOT_ALLOWED' });
    const leader = await duplicates(await open('leader-1'), { categoryCode: 'E0101', gridCode: grid.code });
    expect(leader).toMatchObject({ ok: false, code: 'READ_ONLY_ROLE' });
  });

  it('refuses bad questions with a code and a message a person can read', async () => {
    const intake = await open('intake-1');
    const cases = [
      [{ categoryCode: 'rubbish', gridCode: grid.code }, 'VALIDATION_FAILED'],
      [{ categoryCode: 'E0101', lon: grid.centroid[0] }, 'VALIDATION_FAILED'],
      [{ categoryCode: 'E0101', gridCode: grid.code, phone: '1' }, 'VALIDATION_FAILED'],
      [{ categoryCode: 'E9999', gridCode: grid.code }, 'UNKNOWN_CATEGORY'],
      [{ categoryCode: 'E0101', gridCode: '11010199999999' }, 'UNKNOWN_GRID'],
      [{ categoryCode: 'E0101', lon: 116.2, lat: 39.8 }, 'OUTSIDE_DISTRICT'],
      [{ categoryCode: 'E0101' }, 'LOCATION_REQUIRED'],
      [{ categoryCode: 'E0101', gridCode: other.code, lon: grid.centroid[0], lat: grid.centroid[1] }, 'LOCATION_MISMATCH'],
    ] as const;
    for (const [query, code] of cases) {
      const answer = await duplicates(intake, query);
      expect(answer, JSON.stringify(query)).toMatchObject({ ok: false, code });
      if (!answer.ok) expect(answer.message.zh.length).toBeGreaterThan(4);
    }
  });

  it('saves a keyed-in call: caller apart from the case, photos attached, urgent kept through registration, live on other desks', async () => {
    const intake = await open('intake-1');
    const dispatcher = await open('dispatcher-1');
    const seen: CaseEvent[] = [];
    dispatcher.on('case:events', (batch: EventBatch) => seen.push(...batch.events));
    const photos = new PhotoStore(svc.parts.db);
    const photoIds = await photos.putPending([{ mime: 'image/png', bytes: Buffer.from('not-really-a-png'), width: 1, height: 1, ms: 0 }], 'intake-1', svc.parts.service.now());
    const target = svc.parts.district.district.grids[20] as UnitGrid;

    const answer = await report(intake, {
      payload: { categoryCode: 'C0112', channel: 'hotline', description: '路灯不亮', gridCode: target.code, address: '多福巷东口', photoIds, urgent: true },
      caller: { name: '张伟', phone: '139 0101 8888' },
    });
    if (!answer.ok) throw new Error(answer.code);
    const c = answer.state;
    expect(c).toMatchObject({ channel: 'hotline', urgency: 'urgent', hasReporterContact: true, place: { gridCode: target.code, address: '多福巷东口' } });
    expect(c.photos.map((p) => p.id)).toEqual(photoIds);
    expect((await photos.get(photoIds[0] as string))?.caseId).toBe(c.id);

    const contact = await svc.parts.db.get<{ name: string; phone: string; source: string }>('SELECT name, phone, source FROM reporter_contacts WHERE case_id = ?', [c.id]);
    expect(contact).toEqual({ name: '张伟', phone: '139 0101 8888', source: 'intake-desk' });
    const stored = await svc.parts.db.all<{ event: string }>('SELECT event FROM case_events WHERE case_id = ?', [c.id]);
    const everything = JSON.stringify(stored) + JSON.stringify(await svc.parts.service.store.loadCase(c.id));
    expect(everything).not.toContain('0101 8888');
    expect(everything).not.toContain('张伟');

    await expect.poll(() => seen.some((e) => e.caseId === c.id && e.type === 'reported')).toBe(true);
    expect(JSON.stringify(seen)).not.toContain('0101 8888');

    // The flag set on the phone stays when the operator registers without touching it.
    const registered = await new Promise<Reported>((resolve) =>
      intake.emit('case:command', { commandId: newCommandId(), caseId: c.id, type: 'register', payload: {} } as never, resolve as never),
    );
    expect(registered.ok && registered.state.urgency).toBe('urgent');
  });

  it('links a call about an open problem to it at intake (the same rule the suggestion showed)', async () => {
    const intake = await open('intake-1');
    const answer = await report(intake, { payload: { categoryCode: 'E0101', channel: 'hotline', description: '门口垃圾没人收', gridCode: grid.code }, caller: { phone: '010-6512 3456' } });
    expect(answer.ok && answer.state).toMatchObject({ stage: 'duplicate', duplicateOf: first.id, hasReporterContact: true });
  });

  it('refuses a malformed phone, an empty description and a report by a dispatcher, storing nothing', async () => {
    const intake = await open('intake-1');
    const before = { cases: await count('cases'), contacts: await count('reporter_contacts') };
    const badPhone = await report(intake, { payload: { categoryCode: 'C0112', channel: 'hotline', description: '路灯不亮', gridCode: other.code }, caller: { phone: '1381234abcd' } });
    expect(badPhone).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    if (!badPhone.ok) expect(badPhone.message.en).toContain('caller.phone');
    const empty = await report(intake, { payload: { categoryCode: 'C0112', channel: 'hotline', description: '   ', gridCode: other.code } });
    expect(empty).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    const dispatcher = await open('dispatcher-1');
    const byDispatcher = await report(dispatcher, { payload: { categoryCode: 'C0112', channel: 'hotline', description: '路灯不亮', gridCode: other.code }, caller: { phone: '13901018888' } });
    expect(byDispatcher).toMatchObject({ ok: false, code: 'ROLE_NOT_ALLOWED' });
    expect({ cases: await count('cases'), contacts: await count('reporter_contacts') }).toEqual(before);
  });
});
