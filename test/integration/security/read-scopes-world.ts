import { pino } from 'pino';
import { io as connect } from 'socket.io-client';
import type { Actor } from '../../../src-shared/domain/roles';
import type { CaseState } from '../../../src-shared/domain/case';
import type { UnitGrid as Grid } from '../../../src-shared/district/types';
import type { StorageConfig } from '../../../src-server/service/bootstrap';
import { startWebDesk, type RunningWebDesk } from '../../../src-server/web-desk';
import { jpegWithGps, photoForm } from '../intake/helpers';
import { demoDistrict, newCommandId, type Client } from '../support/case-service';

/**
 * The small world the scope table reads: a shared deployment (demo sign-in off, every person
 * with a token), two departments, two grid supervisors, a leader, and cases placed so that each
 * reader may see some and must not see others.
 */

export const DEPT_A = 'sanitation';
export const DEPT_B = 'landscaping';
export const OPEN311_KEY = 'scopes-open311-key';
/** Beijing 10:00 on a Monday: working hours, so deadlines run. */
export const NOW = new Date('2026-11-23T10:00:00+08:00');

export type ReaderName = 'deptA' | 'deptB' | 's1' | 's2' | 'leader';
export const READERS: readonly ReaderName[] = ['deptA', 'deptB', 's1', 's2', 'leader'];

export interface WorldCase {
  key: 'a' | 'ab' | 'b' | 'waiting' | 'emergency' | 'app';
  id: string;
  number: string;
  gridCode: string;
  channel: string;
  lead?: string;
  assisting: string[];
  photoId?: string;
  state: CaseState;
}

export interface Reader {
  name: ReaderName;
  userId: string;
  token: string;
  /** What the reader may see: a department what it leads or assists on, a supervisor their grids, a leader everything. */
  sees(c: WorldCase): boolean;
  /** What the evaluation board counts for the reader: a department the cases it leads. */
  counts(c: WorldCase): boolean;
}

export interface World {
  desk: RunningWebDesk;
  cases: WorldCase[];
  readers: Record<ReaderName, Reader>;
  /** Ids and numbers of the cases the reader must not see: none may appear in any answer. */
  forbidden(reader: ReaderName): string[];
  /** The dispatcher's command id that dispatched a case: someone else's id, to replay. */
  dispatchCommandOf(caseId: string): string;
  /** Every case's id and number: an unauthenticated caller gets none of them. */
  everyToken(): string[];
}

function supervisorsApart(grids: readonly Grid[]): [Grid, Grid, Grid] {
  const first = grids[0] as Grid;
  const second = grids.find((g) => g.supervisorId !== first.supervisorId && g.streetCode !== first.streetCode) as Grid;
  const third = grids.find((g) => ![first.supervisorId, second.supervisorId].includes(g.supervisorId) && g.streetCode !== first.streetCode && g.streetCode !== second.streetCode) as Grid;
  return [first, second, third];
}

export async function startWorld(storage: StorageConfig): Promise<World> {
  // The people are the demo district's (the same files the desk loads): picked before it starts, so each gets a token.
  const { grids, users } = await demoDistrict();
  const [g1, g2, g3] = supervisorsApart(grids);
  const s1 = users.find((u) => u.id === g1.supervisorId);
  const s2 = users.find((u) => u.id === g2.supervisorId);
  if (!s1?.gridCodes || !s2?.gridCodes) throw new Error('the demo district has no supervisors with grids');
  const gridByCode = new Map(grids.map((g) => [g.code, g]));
  const s1Second = gridByCode.get(s1.gridCodes.find((code) => code !== g1.code) ?? g1.code) as Grid;
  const s2Second = gridByCode.get(s2.gridCodes.find((code) => code !== g2.code) ?? g2.code) as Grid;
  const ids = { deptA: `handler-${DEPT_A}`, deptB: `handler-${DEPT_B}`, leader: 'leader-1' };
  const tokens: Record<string, string> = { 'tok-deptA': ids.deptA, 'tok-deptB': ids.deptB, 'tok-s1': s1.id, 'tok-s2': s2.id, 'tok-leader': ids.leader, 'tok-admin': 'admin-1' };
  const desk = await startWebDesk({
    host: '127.0.0.1',
    port: 0,
    logger: pino({ level: 'silent' }),
    storage,
    demo: false,
    tokens,
    deadlines: false,
    clock: () => NOW,
    // Demo streams on, so the video routes exist (and are walked); no encoder is started here.
    video: { demoStreams: true },
    intake: { open311ApiKeys: [OPEN311_KEY], hotlineApiKeys: ['scopes-hotline-key'], cameraApiKeys: ['scopes-camera-key'] },
  });

  const service = desk.parts.service;
  const intake: Actor = { userId: 'intake-1', role: 'intake' };
  const dispatcher: Actor = { userId: 'dispatcher-1', role: 'dispatcher' };
  const dispatchCommands = new Map<string, string>();
  const run = async (type: string, caseId: string, actor: Actor, payload: Record<string, unknown> = {}, commandId = newCommandId()) => {
    const answer = await service.execute({ commandId, caseId, type, payload }, actor);
    if (!answer.ok) throw new Error(`${type}: ${answer.code}`);
    return answer.state;
  };
  const photo = async (token: string) => {
    const upload = await fetch(`${desk.origin}/api/photos`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: photoForm({}, [{ name: 'p.jpg', bytes: await jpegWithGps(320, 240) }]) });
    const body = (await upload.json()) as { photoIds?: string[] };
    if (!body.photoIds?.[0]) throw new Error(`photo upload refused: ${JSON.stringify(body)}`);
    return body.photoIds[0];
  };
  const report = async (grid: Grid, categoryCode: string, description: string, photoIds: string[] = []) => {
    const answer = await service.report(
      { categoryCode, channel: 'patrol', description, lon: grid.centroid[0], lat: grid.centroid[1], photoIds },
      { userId: grid.supervisorId, role: 'supervisor' },
    );
    if (!answer.ok) throw new Error(`report: ${answer.code}`);
    return answer.state;
  };
  const dispatched = async (state: CaseState, lead: string, assisting: string[] = []) => {
    await run('register', state.id, intake);
    const commandId = newCommandId();
    dispatchCommands.set(state.id, commandId);
    return run('dispatch', state.id, dispatcher, { leadDepartmentId: lead, assistingDepartmentIds: assisting }, commandId);
  };

  const photoA = await photo('tok-s1');
  const a = await dispatched(await report(g1, 'E0101', '范围测试 垃圾堆放 甲', [photoA]), DEPT_A);
  const ab = await dispatched(await report(s1Second, 'C0101', '范围测试 井盖缺失 甲乙'), DEPT_A, [DEPT_B]);
  const photoB = await photo('tok-s2');
  const b = await dispatched(await report(g2, 'E0101', '范围测试 垃圾堆放 乙', [photoB]), DEPT_B);
  const waiting = await report(s2Second, 'C0101', '范围测试 井盖缺失 待立案');
  let emergency = await report(g3, 'E0401', '范围测试 燃气泄漏');
  await run('acknowledgeAlarm', emergency.id, { userId: 'duty-1', role: 'duty' });
  emergency = await run('startEmergencyPlan', emergency.id, { userId: 'duty-1', role: 'duty' }, { instructions: '关阀、警戒' });
  const posted = await fetch(`${desk.origin}/open311/v2/requests.json`, {
    method: 'POST',
    body: new URLSearchParams({ api_key: OPEN311_KEY, service_code: 'E0301', description: '范围测试 市民上报', lat: String(g3.centroid[1]), long: String(g3.centroid[0]), phone: '13900001111' }),
  });
  const appNumber = ((await posted.json()) as { service_request_id: string }[])[0]?.service_request_id;
  const appRow = await desk.parts.db.get<{ id: string }>('SELECT id FROM cases WHERE number = ?', [appNumber ?? '']);
  const app = await service.store.loadCase(appRow?.id ?? '');
  if (!app) throw new Error('the Open311 report was not stored');

  const entry = (key: WorldCase['key'], state: CaseState, photoId?: string): WorldCase => ({
    key,
    id: state.id,
    number: state.number,
    gridCode: state.place.gridCode,
    channel: state.channel,
    ...(state.leadDepartmentId ? { lead: state.leadDepartmentId } : {}),
    assisting: state.assistingDepartmentIds,
    ...(photoId ? { photoId } : {}),
    state,
  });
  const cases = [entry('a', a, photoA), entry('ab', ab), entry('b', b, photoB), entry('waiting', waiting), entry('emergency', emergency), entry('app', app)];

  const department = (name: ReaderName, id: string, token: string): Reader => ({
    name,
    userId: `handler-${id}`,
    token,
    sees: (c) => c.lead === id || c.assisting.includes(id),
    counts: (c) => c.lead === id,
  });
  const supervisor = (name: ReaderName, user: { id: string; gridCodes?: string[] }, token: string): Reader => ({
    name,
    userId: user.id,
    token,
    sees: (c) => (user.gridCodes ?? []).includes(c.gridCode),
    counts: (c) => (user.gridCodes ?? []).includes(c.gridCode),
  });
  const readers: Record<ReaderName, Reader> = {
    deptA: department('deptA', DEPT_A, 'tok-deptA'),
    deptB: department('deptB', DEPT_B, 'tok-deptB'),
    s1: supervisor('s1', s1, 'tok-s1'),
    s2: supervisor('s2', s2, 'tok-s2'),
    leader: { name: 'leader', userId: ids.leader, token: 'tok-leader', sees: () => true, counts: () => true },
  };
  return {
    desk,
    cases,
    readers,
    forbidden: (name) => cases.filter((c) => !readers[name].sees(c)).flatMap((c) => [c.id, c.number]),
    dispatchCommandOf: (caseId) => dispatchCommands.get(caseId) ?? 'none',
    everyToken: () => cases.flatMap((c) => [c.id, c.number]),
  };
}

/** A real socket.io client signed in with a token (or with whatever auth an attacker tries). */
export async function socketWith(origin: string, auth: Record<string, unknown>): Promise<Client> {
  const socket: Client = connect(origin, { auth, transports: ['websocket'], forceNew: true, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
  return socket;
}
