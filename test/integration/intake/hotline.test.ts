import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, newCommandId } from '../support/case-service';
import { gridPoint, KEYS, startIntakeServer, type IntakeServer } from '../support/intake-server';
import { json } from './helpers';

type Created = { ok: true; caseId: string; number: string; stage: string; duplicateOf?: string; replayed?: boolean };
type Refused = { ok: false; code: string; message: { zh: string; en: string } };
type Contact = { name?: string; phone?: string; email?: string; source: string };

const PHONE = '13812341234';

describe.each(DIALECTS)('12345 hotline hand-off and reporter contacts (%s)', (dialect) => {
  let srv: IntakeServer;
  beforeAll(async () => {
    srv = await startIntakeServer(dialect);
  });
  afterAll(async () => srv?.close());

  const handOff = (body: unknown, headers: Record<string, string> = { 'x-api-key': KEYS.hotline }) =>
    fetch(`${srv.url}/api/intake/hotline`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  async function ticket(ticketId: string, gridIndex: number, extra: Record<string, unknown> = {}) {
    const p = await gridPoint(gridIndex);
    return {
      ticketId,
      categoryCode: 'E0504',
      description: '小区门口共享单车堆放，堵住消防通道',
      location: { lon: p.lon, lat: p.lat, address: '东四十条 8 号' },
      caller: { name: '张三', phone: PHONE },
      ...extra,
    };
  }

  it('creates one hotline case per ticket, however often the hotline resends it', async () => {
    const body = await ticket('12345-20260301-0001', 20);
    const first = await handOff(body);
    expect(first.status).toBe(201);
    const created = await json<Created>(first);
    const retry = await handOff(body);
    expect(retry.status).toBe(200);
    expect(await json<Created>(retry)).toMatchObject({ caseId: created.caseId, number: created.number, replayed: true });
    expect(await srv.count('cases')).toBe(1);
    expect(await srv.count('reporter_contacts')).toBe(1);

    const state = await srv.parts.store.loadCase(created.caseId);
    expect(state).toMatchObject({ channel: 'hotline', hasReporterContact: true, categoryCode: 'E0504' });
    const trail = await srv.parts.store.caseTrail(created.caseId);
    expect(trail[0]?.actor).toEqual({ userId: 'hotline-12345', role: 'system' });
    // The caller is in reporter_contacts only: not in the case, not in its events.
    const everywhere = JSON.stringify([state, trail]);
    expect(everywhere).not.toContain(PHONE);
    expect(everywhere).not.toContain('张三');
  });

  it('shows the contact masked, reveals it to the roles that call back and logs every look', async () => {
    const created = await json<Created>(await handOff(await ticket('12345-20260301-0002', 22)));
    const masked = await fetch(`${srv.url}/api/cases/${created.caseId}/reporter?as=dispatcher-1`);
    expect(await json(masked)).toEqual({ ok: true, caseId: created.caseId, contact: { name: '张*', phone: '138****1234', source: 'hotline-12345' } });

    const reveal = (user: string, body: unknown) =>
      fetch(`${srv.url}/api/cases/${created.caseId}/reporter/reveal`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-demo-user': user },
        body: JSON.stringify(body),
      });
    const logBefore = await srv.count('access_log');
    const noReason = await reveal('intake-1', {});
    expect(noReason.status).toBe(400);
    expect(await srv.count('access_log')).toBe(logBefore);

    const granted = await reveal('intake-1', { reason: '满意度回访' });
    expect(granted.status).toBe(200);
    expect(await json<{ contact: Contact }>(granted)).toMatchObject({ contact: { name: '张三', phone: PHONE } });

    // Bicycle parking is led by the street office: its handler sees the case, not the phone.
    const caseState = await srv.parts.store.loadCase(created.caseId);
    await srv.parts.service.execute({ commandId: newCommandId(), caseId: created.caseId, type: 'register', payload: {} }, { userId: 'intake-1', role: 'intake' });
    const lead = `street:${caseState?.place.streetCode}`;
    const dispatched = await srv.parts.service.execute(
      { commandId: newCommandId(), caseId: created.caseId, type: 'dispatch', payload: { leadDepartmentId: lead, assistingDepartmentIds: [] } },
      { userId: 'dispatcher-1', role: 'dispatcher' },
    );
    expect(dispatched.ok).toBe(true);
    const handler = `handler-${lead}`;
    const handlerView = await fetch(`${srv.url}/api/cases/${created.caseId}/reporter?as=${encodeURIComponent(handler)}`);
    expect(await json(handlerView)).toMatchObject({ contact: { phone: '138****1234' } });
    const refused = await reveal(handler, { reason: '想联系一下' });
    expect(refused.status).toBe(403);
    expect(await json<Refused>(refused)).toMatchObject({ code: 'REVEAL_NOT_ALLOWED' });
    expect(JSON.stringify(await json(await reveal('handler-roads', { reason: 'x1' })))).not.toContain(PHONE);

    const log = await srv.parts.db.all<{ user_id: string; role: string; case_id: string; action: string; detail: string; at: string }>(
      'SELECT user_id, role, case_id, action, detail, at FROM access_log ORDER BY id',
    );
    expect(log.slice(logBefore).map(({ user_id, role, case_id, action, detail }) => ({ user_id, role, case_id, action, detail }))).toEqual([
      { user_id: 'intake-1', role: 'intake', case_id: created.caseId, action: 'reveal-reporter', detail: '满意度回访' },
      { user_id: handler, role: 'department', case_id: created.caseId, action: 'reveal-reporter-refused', detail: '想联系一下' },
    ]);
    expect(Date.parse(log.at(-1)?.at ?? '')).toBeGreaterThan(0);
  });

  it('links a hotline call about a problem a supervisor already reported', async () => {
    const p = await gridPoint(24);
    const patrol = await srv.parts.service.report(
      { categoryCode: 'E0504', channel: 'patrol', description: '非机动车乱停放', lon: p.lon, lat: p.lat },
      { userId: 'supervisor-110101001001', role: 'supervisor' },
    );
    if (!patrol.ok) throw new Error(patrol.code);
    const call = await json<Created>(await handOff(await ticket('12345-20260301-0003', 24, { location: { lon: p.lon + 0.0002, lat: p.lat } })));
    expect(call).toMatchObject({ stage: 'duplicate', duplicateOf: patrol.state.id });
  });

  it('refuses unknown callers and bad tickets, and stores nothing for them', async () => {
    const before = { cases: await srv.count('cases'), contacts: await srv.count('reporter_contacts') };
    const body = await ticket('12345-20260301-0009', 30);
    expect((await handOff(body, { 'x-api-key': 'wrong' })).status).toBe(403);
    expect((await handOff(body, {})).status).toBe(401);
    expect((await handOff(body, { 'x-demo-user': 'supervisor-110101001001' })).status).toBe(403);
    const outside = await handOff({ ...body, location: { lon: 116.0, lat: 39.5 } });
    expect(outside.status).toBe(422);
    expect(await json<Refused>(outside)).toMatchObject({ code: 'OUTSIDE_DISTRICT' });
    expect((await handOff({ ...body, categoryCode: 'E9999' })).status).toBe(422);
    expect((await handOff({ ...body, caller: { phone: 'call me maybe' } })).status).toBe(400);
    expect((await handOff({ ...body, ticketId: 'bad id with spaces' })).status).toBe(400);
    expect(await srv.count('cases')).toBe(before.cases);
    expect(await srv.count('reporter_contacts')).toBe(before.contacts);
  });

  it('takes a call keyed in by an intake operator, and files uncategorised calls as 其他事件', async () => {
    const body = await ticket('12345-20260301-0010', 32, { categoryCode: undefined, caller: undefined });
    const response = await handOff(body, { 'x-demo-user': 'intake-2' });
    expect(response.status).toBe(201);
    const created = await json<Created>(response);
    const stateNow = await srv.parts.store.loadCase(created.caseId);
    expect(stateNow).toMatchObject({ categoryCode: 'E0603', hasReporterContact: false });
    expect((await srv.parts.store.caseTrail(created.caseId))[0]?.actor).toEqual({ userId: 'intake-2', role: 'intake' });
    expect(await json(await fetch(`${srv.url}/api/cases/${created.caseId}/reporter?as=intake-1`))).toMatchObject({ contact: null });
  });
});
