import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseSearchHit } from '../../../src-shared/contract/case-search';
import type { CaseEvent, CaseState } from '../../../src-shared/domain';
import type { Actor } from '../../../src-shared/domain/roles';
import type { UnitGrid } from '../../../src-shared/district/types';
import { searchTextOf } from '../../../src-server/store/case-store';
import { SEARCH_TEXT_BACKFILL } from '../../../src-server/store/migrations';
import { DIALECTS, connectAs, newCommandId, startTestService, type Client, type TestService } from '../support/case-service';

type Refused = { ok: false; code: string; message: { zh: string; en: string } };
type Found = { ok: true; hits: CaseSearchHit[] } | Refused;
type Done = { ok: true; events: CaseEvent[]; state: CaseState } | Refused;

function search(client: Client, query: unknown): Promise<Found> {
  return new Promise((resolve) => client.emit('case:search', query as never, resolve as never));
}
function send(client: Client, type: string, caseId: string, payload: Record<string, unknown>): Promise<Done> {
  return new Promise((resolve) => client.emit('case:command', { commandId: newCommandId(), caseId, type, payload } as never, resolve as never));
}
const ids = (answer: Found) => (answer.ok ? answer.hits.map((h) => h.id) : answer);

const INTAKE: Actor = { userId: 'intake-1', role: 'intake' };
const DISPATCHER: Actor = { userId: 'dispatcher-1', role: 'dispatcher' };
const SANITATION: Actor = { userId: 'handler-sanitation', role: 'department', departmentId: 'sanitation' };

/**
 * The desk's case finder on a real service and database: every stage (a closed case found by
 * its number), a case that left the asker's queues (dispatched), scoped by the asker's role in
 * the service, ranked exact number first then newest, bad questions refused with codes.
 */
describe.each(DIALECTS)('finding any case over socket.io (%s)', (dialect) => {
  let svc: TestService;
  const clients: Client[] = [];
  const open = async (user: string) => {
    const c = await connectAs(svc.url, user);
    clients.push(c);
    return c;
  };
  let grid: UnitGrid;
  let closed: CaseState;
  let dispatched: CaseState;
  const count = async (table: string) => Number((await svc.parts.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))?.n ?? 0);

  async function run(state: CaseState, type: string, actor: Actor, payload: Record<string, unknown> = {}): Promise<CaseState> {
    const answer = await svc.parts.service.execute({ commandId: newCommandId(), caseId: state.id, type, payload }, actor);
    if (!answer.ok) throw new Error(`${type}: ${answer.code}`);
    return answer.state;
  }
  async function reportAt(g: UnitGrid, description: string, address?: string): Promise<CaseState> {
    const answer = await svc.parts.service.report(
      { categoryCode: 'E0101', channel: 'hotline', description, gridCode: g.code, ...(address ? { address } : {}) },
      INTAKE,
    );
    if (!answer.ok) throw new Error(answer.code);
    return answer.state;
  }

  beforeAll(async () => {
    svc = await startTestService(dialect);
    const grids = svc.parts.district.district.grids;
    grid = grids[30] as UnitGrid;
    // A garbage pile reported, handled by sanitation, verified on site and closed.
    let c = await reportAt(grid, '胡同口暴露垃圾，气味很大', '东四北大街 307 号院门口');
    c = await run(c, 'register', INTAKE);
    c = await run(c, 'dispatch', DISPATCHER, { leadDepartmentId: 'sanitation' });
    c = await run(c, 'accept', SANITATION);
    c = await run(c, 'feedback', SANITATION, { result: '已清运', photoIds: [] });
    c = await run(c, 'sendToVerify', INTAKE);
    c = await run(c, 'verify', { userId: grid.supervisorId, role: 'supervisor' }, { passed: true });
    closed = await run(c, 'close', INTAKE);
    // Another problem elsewhere, registered, that a dispatcher will send to sanitation.
    const far = grids[400] as UnitGrid;
    dispatched = await run(await reportAt(far, `路边垃圾桶满溢，上次 ${closed.number} 处理过`, '南锣鼓巷 55 号'), 'register', INTAKE);
  });
  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await svc.close();
  });

  it('finds a closed case by its number, typed in any case, as a slim row', async () => {
    expect(closed.stage).toBe('closed');
    const intake = await open('intake-1');
    const answer = await search(intake, { text: closed.number.toLowerCase() });
    if (!answer.ok) throw new Error(answer.code);
    const [first] = answer.hits;
    expect(first).toEqual({
      id: closed.id,
      number: closed.number,
      stage: 'closed',
      categoryCode: 'E0101',
      streetCode: grid.streetCode,
      communityCode: grid.communityCode,
      address: '东四北大街 307 号院门口',
      reportedAt: closed.reportedAt,
      closedAt: closed.closedAt,
      exact: true,
    });
    // The newer case that mentions the number comes after the case that has it.
    expect(answer.hits.map((h) => h.id)).toEqual([closed.id, dispatched.id]);
    expect(answer.hits[1]?.exact).toBe(false);
  });

  it('finds cases by a part of the number, the address or the reporter\'s words, newest first', async () => {
    const leader = await open('leader-1');
    const sequence = closed.number.split('-')[1] as string;
    expect(ids(await search(leader, { text: sequence }))).toContain(closed.id);
    expect(ids(await search(leader, { text: '东四北大街 307' }))).toEqual([closed.id]);
    expect(ids(await search(leader, { text: '气味很大' }))).toEqual([closed.id]);
    expect(ids(await search(leader, { text: '垃圾' }))).toEqual([dispatched.id, closed.id]);
    expect(ids(await search(leader, { text: '垃圾', limit: 1 }))).toEqual([dispatched.id]);
    expect(ids(await search(leader, { text: closed.id.slice(0, 8) }))).toEqual([closed.id]);
    expect(ids(await search(leader, { text: '没有这样的地方' }))).toEqual([]);
    // A % or _ someone types is a character, not a wildcard.
    expect(ids(await search(leader, { text: '%' }))).toEqual([]);
    expect(ids(await search(leader, { text: '_' }))).toEqual([]);
  });

  it('finds Latin words whatever their case, on both dialects', async () => {
    const intake = await open('intake-1');
    const ktv = await reportAt(svc.parts.district.district.grids[600] as UnitGrid, 'KTV 门口夜间噪音扰民', 'Wangfujing Street 8');
    expect(ids(await search(intake, { text: 'ktv' }))).toEqual([ktv.id]);
    expect(ids(await search(intake, { text: 'WANGFUJING street' }))).toEqual([ktv.id]);
  });

  it('the migration fills old rows exactly as the write path does', async () => {
    const db = svc.parts.db;
    const before = await db.all<{ id: string; search_text: string }>('SELECT id, search_text FROM cases ORDER BY id');
    await db.run("UPDATE cases SET search_text = ''");
    await db.run(SEARCH_TEXT_BACKFILL[dialect]);
    const after = await db.all<{ id: string; search_text: string; state: unknown }>('SELECT id, search_text, state FROM cases ORDER BY id');
    expect(after.map((r) => ({ id: r.id, search_text: r.search_text }))).toEqual(before);
    for (const r of after) {
      const state = (typeof r.state === 'string' ? JSON.parse(r.state) : r.state) as CaseState;
      expect(r.search_text).toBe(searchTextOf(state));
    }
    expect(before.length).toBeGreaterThanOrEqual(3);
  });

  it('a dispatcher still finds a case after dispatching it; only the department it went to finds it', async () => {
    const dispatcher = await open('dispatcher-1');
    const roads = await open('handler-roads');
    const sanitation = await open('handler-sanitation');
    expect(ids(await search(sanitation, { text: dispatched.number }))).toEqual([]);
    expect(await send(dispatcher, 'dispatch', dispatched.id, { leadDepartmentId: 'sanitation' })).toMatchObject({ ok: true, state: { stage: 'dispatched' } });

    const after = await search(dispatcher, { text: dispatched.number });
    expect(after.ok && after.hits[0]).toMatchObject({ id: dispatched.id, stage: 'dispatched', exact: true });
    expect(ids(await search(sanitation, { text: dispatched.number }))).toEqual([dispatched.id]);
    // Another department finds neither case, whatever it types.
    expect(ids(await search(roads, { text: dispatched.number }))).toEqual([]);
    expect(ids(await search(roads, { text: closed.number }))).toEqual([]);
    expect(ids(await search(roads, { text: '垃圾' }))).toEqual([]);
  });

  it('a grid supervisor finds the cases of their own grids only', async () => {
    const own = await open(grid.supervisorId);
    const other = svc.parts.district.district.users.find((u) => u.role === 'supervisor' && !u.gridCodes?.includes(grid.code) && !u.gridCodes?.includes(dispatched.place.gridCode));
    const outsider = await open(other?.id as string);
    expect(ids(await search(own, { text: '垃圾' }))).toEqual([closed.id]);
    expect(ids(await search(outsider, { text: closed.number }))).toEqual([]);
  });

  it('refuses bad questions with a code and words a person can read, and changes nothing', async () => {
    const intake = await open('intake-1');
    const before = { cases: await count('cases'), events: await count('case_events'), commands: await count('commands') };
    const cases = [
      [{ text: '' }, 'SEARCH_TEXT_INVALID'],
      [{ text: '    ' }, 'SEARCH_TEXT_INVALID'],
      [{ text: '街'.repeat(101) }, 'SEARCH_TEXT_INVALID'],
      [{ text: 42 }, 'SEARCH_TEXT_INVALID'],
      [{}, 'SEARCH_TEXT_INVALID'],
      [null, 'SEARCH_TEXT_INVALID'],
      [{ text: '垃圾', limit: 51 }, 'VALIDATION_FAILED'],
      [{ text: '垃圾', limit: -1 }, 'VALIDATION_FAILED'],
      [{ text: '垃圾', scope: 'all' }, 'VALIDATION_FAILED'],
    ] as const;
    for (const [query, code] of cases) {
      const answer = await search(intake, query);
      expect(answer, JSON.stringify(query)).toMatchObject({ ok: false, code });
      if (!answer.ok) {
        expect(answer.message.zh.length).toBeGreaterThan(4);
        expect(answer.message.en.length).toBeGreaterThan(4);
      }
    }
    // A quote or a backslash is just text to the database.
    expect(ids(await search(intake, { text: "'; DROP TABLE cases; --" }))).toEqual([]);
    expect(ids(await search(intake, { text: '\\' }))).toEqual([]);
    expect({ cases: await count('cases'), events: await count('case_events'), commands: await count('commands') }).toEqual(before);
  });
});
