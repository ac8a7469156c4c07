import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedState } from '../../support/fuzz';
import { DIALECTS, freshStorage, newCommandId, type Client } from '../support/case-service';
import { anonymousUrl, get, HTTP_PATHS, NOT_FOUND_CODES, SIGN_IN_CODES, SOCKET_PATHS, type Asker, type ReadPath, type Reading } from './read-scopes-table';
import { READERS, socketWith, startWorld, type ReaderName, type World, type WorldCase } from './read-scopes-world';

/**
 * Scopes proven from outside (issue 18): every read path of the service, asked over a real
 * socket.io client or real HTTP by a department, a grid supervisor, a leader and nobody, in a
 * world where each of them must miss some cases. An answer leaks when an id or a number of a
 * case the asker may not see appears anywhere in its body.
 */

/** The ids and numbers of `forbidden` in the reading, except what the asker sent itself. */
function leaked(reading: Reading, forbidden: readonly string[]): string[] {
  const sent = new Set(reading.sent ?? []);
  return forbidden.filter((token) => !sent.has(token) && reading.text.includes(token));
}
const mentions = (reading: Reading, c: WorldCase) => reading.text.includes(c.id) || reading.text.includes(c.number);
const PATHS: [string, ReadPath][] = [...Object.entries(SOCKET_PATHS), ...Object.entries(HTTP_PATHS)];

describe.each(DIALECTS)('read scopes, from outside (%s)', (dialect) => {
  let world: World;
  let drop: () => Promise<void>;
  const sockets = new Map<ReaderName, Client>();
  const asker = (name: ReaderName): Asker => ({ reader: world.readers[name], socket: sockets.get(name) as Client, world });

  beforeAll(async () => {
    const fresh = await freshStorage(dialect);
    drop = fresh.drop;
    world = await startWorld(fresh.storage);
    for (const name of READERS) sockets.set(name, await socketWith(world.desk.origin, { token: world.readers[name].token }));
  });
  afterAll(async () => {
    for (const socket of sockets.values()) socket.disconnect();
    await world?.desk.close();
    await drop?.();
  });

  it('lists every GET route the server serves, and only those', () => {
    const served = world.desk.routes.filter((r) => r.method === 'GET').map((r) => `${r.method} ${r.path}`);
    expect(Object.keys(HTTP_PATHS).sort()).toEqual([...new Set(served)].sort());
  });

  it('has a world where every reader misses something and sees something', () => {
    for (const name of READERS.filter((n) => n !== 'leader')) {
      expect(world.cases.filter((c) => world.readers[name].sees(c)).length, name).toBeGreaterThan(0);
      expect(world.forbidden(name).length, name).toBeGreaterThan(0);
    }
    expect(world.cases.find((c) => c.key === 'ab')?.assisting).toEqual(['landscaping']);
  });

  describe.each(PATHS.filter(([, path]) => path.access === 'scoped'))('%s', (key, path) => {
    it('shows each reader its own cases and none of the others', async () => {
      if (path.access !== 'scoped') throw new Error(`${key} is not scoped`);
      let proven = 0;
      for (const name of READERS) {
        const reader = world.readers[name];
        const forbidden = world.forbidden(name);
        const label = `${key} as ${name}`;
        if ('list' in path) {
          for (const reading of await path.list(asker(name))) {
            expect(reading.ok, `${label}: ${reading.text.slice(0, 200)}`).toBe(true);
            expect(leaked(reading, forbidden), label).toEqual([]);
            const missing = world.cases.filter((c) => reader.sees(c) && (path.shows?.(c) ?? true) && !mentions(reading, c)).map((c) => c.key);
            expect(missing, `${label} should list its own cases`).toEqual([]);
            proven += 1;
          }
        } else if ('perCase' in path) {
          for (const c of world.cases.filter((x) => path.applies?.(x) ?? true)) {
            const reading = await path.perCase(asker(name), c);
            const where = `${label} on case ${c.key}`;
            if (reader.sees(c)) {
              expect([...NOT_FOUND_CODES, ...SIGN_IN_CODES], `${where}: ${reading.text.slice(0, 200)}`).not.toContain(reading.code);
              if (reading.ok && (path.foreign === 'filtered' || path.echoes !== false)) expect(mentions(reading, c), where).toBe(true);
              if (reading.ok) proven += 1;
            } else {
              if (path.foreign === 'refused') {
                expect(reading.ok, `${where}: ${reading.text.slice(0, 200)}`).toBe(false);
                expect(NOT_FOUND_CODES, where).toContain(reading.code);
              }
              expect(leaked(reading, forbidden), where).toEqual([]);
            }
          }
        } else {
          const expected = world.cases.filter((c) => reader.counts(c)).length;
          expect(await path.counted(asker(name)), `${label} counts`).toBe(expected);
          proven += 1;
        }
      }
      // Something was shown: a path that refused everyone would prove nothing.
      expect(proven).toBeGreaterThan(0);
    });
  });

  describe.each(PATHS.filter(([, path]) => path.access === 'signed-in' || path.access === 'admin'))('%s', (key, path) => {
    it('answers signed-in people past the sign-in check, with no case in it', async () => {
      if (!('read' in path) || !path.read) throw new Error(`${key} has no probe`);
      for (const name of READERS) {
        const reading = await path.read(asker(name));
        expect(SIGN_IN_CODES, `${key} as ${name}`).not.toContain(reading.code);
        if (path.access === 'admin') expect(reading.code, `${key} as ${name}`).toBe('ADMIN_ONLY');
        expect(leaked(reading, world.everyToken()), `${key} as ${name}`).toEqual([]);
      }
      if (path.access === 'admin') {
        const admin = { reader: { ...world.readers.leader, token: 'tok-admin' }, world };
        expect((await path.read(admin)).ok).toBe(true);
      }
    });
  });

  describe('an unauthenticated caller', () => {
    const anonymous = (): Asker => ({ reader: undefined, world });

    it.each(Object.keys(HTTP_PATHS).filter((key) => HTTP_PATHS[key]?.access !== 'public'))('%s: refused with a sign-in code and no case data', async (key) => {
      const url = anonymousUrl(key, world);
      // Nothing; a demo name while demo sign-in is off; a token nobody issued.
      const attempts = [await get(anonymous(), url), await get(anonymous(), `${url}${url.includes('?') ? '&' : '?'}as=leader-1`), await get(anonymous(), url, [], { authorization: 'Bearer forged' }), await get(anonymous(), url, [], { 'x-demo-user': 'leader-1' })];
      for (const reading of attempts) {
        expect(reading.status, `${url}: ${reading.text.slice(0, 200)}`).toBe(401);
        expect(SIGN_IN_CODES).toContain(reading.code);
        expect(leaked(reading, world.everyToken()), url).toEqual([]);
      }
    });

    it('cannot open a socket, so no socket event is reached', async () => {
      for (const auth of [{}, { as: 'leader-1' }, { token: 'forged' }, { token: '' }]) {
        const refused = await socketWith(world.desk.origin, auth).then(
          (socket) => {
            socket.disconnect();
            return 'connected';
          },
          (error: Error) => error.message,
        );
        expect(SIGN_IN_CODES, JSON.stringify(auth)).toContain(refused);
      }
    });

    it('reads the public routes, and Open311 shows only what citizens reported through apps', async () => {
      for (const key of Object.keys(HTTP_PATHS).filter((k) => HTTP_PATHS[k]?.access === 'public')) {
        const reading = await get(anonymous(), anonymousUrl(key, world));
        if (key !== 'GET /open311/v2/requests/:id.json') expect(reading.status, key).toBe(200);
      }
      const internal = world.cases.filter((c) => c.channel !== 'app');
      const app = world.cases.find((c) => c.channel === 'app') as WorldCase;
      const list = await (HTTP_PATHS['GET /open311/v2/requests.json'] as { read: (a: Asker) => Promise<Reading> }).read(anonymous());
      expect(list.text).toContain(app.number);
      expect(leaked(list, internal.flatMap((c) => [c.id, c.number]))).toEqual([]);
      expect((await get(anonymous(), `/open311/v2/requests/${app.number}.json`)).status).toBe(200);
      for (const c of internal) {
        const one = await get(anonymous(), `/open311/v2/requests/${c.number}.json`, [c.number]);
        expect(one.status, c.key).toBe(404);
        expect(leaked(one, world.everyToken()), c.key).toEqual([]);
      }
    });
  });

  describe('writes', () => {
    type Ack = { ok: boolean; code?: string };
    const emit = (name: ReaderName, event: 'case:command' | 'case:report', payload: unknown): Promise<Reading> =>
      (sockets.get(name)?.timeout(10_000) as unknown as { emitWithAck(e: string, p: unknown): Promise<Ack> }).emitWithAck(event, payload).then((a) => ({ ok: a.ok, ...(a.code ? { code: a.code } : {}), text: JSON.stringify(a) }));

    /** What a reader outside a case's scope tries: a command on it, a stale version, someone else's command id. */
    async function foreignWrites(name: ReaderName, target: WorldCase) {
      const replayed = world.dispatchCommandOf(target.id);
      const attempts = [
        await emit(name, 'case:command', { commandId: newCommandId(), caseId: target.id, type: 'accept', payload: {} }),
        await emit(name, 'case:command', { commandId: newCommandId(), caseId: target.id, type: 'accept', payload: {}, expectedVersion: 999 }),
        await emit(name, 'case:command', { commandId: replayed, caseId: target.id, type: 'accept', payload: {} }),
        await emit(name, 'case:report', { commandId: replayed, payload: { categoryCode: 'E0101', channel: 'patrol', description: '重放', gridCode: target.gridCode }, caller: { name: '冒名', phone: '13900002222' } }),
      ];
      for (const [i, reading] of attempts.entries()) {
        expect(reading.ok, `${name} write ${i} on ${target.key}: ${reading.text.slice(0, 200)}`).toBe(false);
        expect(leaked({ ...reading, sent: [target.id] }, world.forbidden(name)), `${name} write ${i} on ${target.key}`).toEqual([]);
      }
    }

    it('refuses a department and a supervisor on cases outside their scope, telling them nothing of the case', async () => {
      const before = await storedState(world.desk);
      const b = world.cases.find((c) => c.key === 'b') as WorldCase;
      await foreignWrites('deptA', b);
      await foreignWrites('s1', b);
      await foreignWrites('deptB', world.cases.find((c) => c.key === 'a') as WorldCase);
      expect(await storedState(world.desk)).toEqual(before);
    });

    it('lets a leader read and refuses every write it tries', async () => {
      const before = await storedState(world.desk);
      const waiting = world.cases.find((c) => c.key === 'waiting') as WorldCase;
      const command = await emit('leader', 'case:command', { commandId: newCommandId(), caseId: waiting.id, type: 'register', payload: {} });
      expect(command.code).toBe('READ_ONLY_ROLE');
      const report = await emit('leader', 'case:report', { commandId: newCommandId(), payload: { categoryCode: 'E0101', channel: 'patrol', description: '领导上报', gridCode: waiting.gridCode } });
      expect(report.ok).toBe(false);
      const headers = { authorization: `Bearer ${world.readers.leader.token}`, 'content-type': 'application/json' };
      const reveal = await fetch(`${world.desk.origin}/api/cases/${waiting.id}/reporter/reveal`, { method: 'POST', headers, body: JSON.stringify({ reason: '领导查看' }) });
      expect(reveal.status).toBe(403);
      expect(await storedState(world.desk)).toEqual(before);
    });

    it('refuses an unauthenticated writer with 401 and stores nothing', async () => {
      const before = await storedState(world.desk);
      const a = world.cases.find((c) => c.key === 'a') as WorldCase;
      for (const [path, body] of [['/api/photos', new FormData()], ['/api/intake/reports', new FormData()], [`/api/cases/${a.id}/reporter/reveal`, JSON.stringify({ reason: '看看' })]] as const) {
        const answer = await fetch(`${world.desk.origin}${path}`, { method: 'POST', body });
        const text = await answer.text();
        expect(answer.status, `${path}: ${text.slice(0, 200)}`).toBe(401);
        expect(leaked({ ok: false, text }, world.everyToken().filter((t) => t !== a.id))).toEqual([]);
      }
      expect(await storedState(world.desk)).toEqual(before);
    });
  });
});
