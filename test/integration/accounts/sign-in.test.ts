import { pino } from 'pino';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src-shared/contract/accounts';
import type { CaseState } from '../../../src-shared/domain';
import { Accounts } from '../../../src-server/accounts/accounts';
import { ContactStore } from '../../../src-server/intake/reporter-contacts';
import { startWebDesk, type RunningWebDesk } from '../../../src-server/web-desk';
import { DIALECTS, demoDistrict, freshStorage, type Client } from '../support/case-service';

const PASSWORD = 'correct horse battery';

/**
 * Real accounts outside demo mode: a person signs in with a password over HTTP, their window
 * connects with the session token and sees what their role and scope allow; lock-out, disabling,
 * sign-out and the audit log, on both databases.
 */
describe.each(DIALECTS)('accounts and sign-in on %s', (dialect) => {
  let desk: RunningWebDesk;
  let drop: () => Promise<void>;
  let mine: CaseState;
  let theirs: CaseState;
  const gridOf = async (i: number) => {
    const grid = (await demoDistrict()).grids[i];
    if (!grid) throw new Error(`no grid ${i}`);
    return grid;
  };
  const by = { actorId: 'test-setup', origin: 'test' };

  beforeAll(async () => {
    const fresh = await freshStorage(dialect);
    drop = fresh.drop;
    desk = await startWebDesk({ host: '127.0.0.1', port: 0, logger: pino({ level: 'silent' }), storage: fresh.storage, demo: false, deadlines: false, signOffPollMs: 200, districtDir: undefined });
    const [a, b] = [await gridOf(3), await gridOf(400)];
    const report = async (grid: typeof a, words: string) => {
      const r = await desk.parts.service.report({ categoryCode: 'E0101', channel: 'hotline', description: words, lon: grid.centroid[0], lat: grid.centroid[1] }, { userId: 'intake-1', role: 'intake' });
      if (!r.ok) throw new Error(r.code);
      return r.state;
    };
    mine = await report(a, '在我的网格里');
    theirs = await report(b, '在别人的网格里');
    for (const account of [
      { username: 'wang.supervisor', name: '王巡查', role: 'supervisor', streetCode: a.streetCode, gridCodes: [a.code] },
      { username: 'li.admin', name: '李管理', role: 'admin' },
      { username: 'zhao.locked', name: '赵锁定', role: 'dispatcher' },
      { username: 'qian.leaving', name: '钱离职', role: 'leader' },
      { username: 'sun.intake', name: '孙受理', role: 'intake' },
    ]) {
      const created = await desk.parts.accounts.createAccount(account, PASSWORD, by);
      if (!created.ok) throw new Error(`${created.code}: ${created.message.en}`);
    }
  }, 60_000);
  afterAll(async () => {
    await desk.close();
    await drop();
  });

  const signIn = async (username: string, password: string) => {
    const response = await fetch(`${desk.origin}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    return { status: response.status, body: (await response.json()) as { ok: boolean; token?: string; code?: string; expiresAt?: string; user?: { id: string; role: string }; message?: { zh: string; en: string } } };
  };
  const tokenOf = async (username: string) => {
    const { body } = await signIn(username, PASSWORD);
    if (!body.token) throw new Error(`no token for ${username}: ${body.code}`);
    return body.token;
  };
  const openWindow = (auth: Record<string, string>) =>
    new Promise<Client>((resolve, reject) => {
      const socket: Client = connect(desk.origin, { auth, transports: ['websocket'], forceNew: true, reconnection: false });
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', (error) => {
        socket.close();
        reject(error);
      });
    });
  const audit = async (token: string, query = '') => {
    const response = await fetch(`${desk.origin}/api/audit${query}`, { headers: { authorization: `Bearer ${token}` } });
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { status: response.status, type: response.headers.get('content-type'), bytes, text: new TextDecoder().decode(bytes) };
  };
  const count = async (table: string) => Number((await desk.parts.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))?.n ?? 0);

  it('signs a person in with a password: a 12-hour session, whose window sees its own grid and nothing else', async () => {
    const { status, body } = await signIn('Wang.Supervisor', PASSWORD);
    expect(status).toBe(201);
    expect(body).toMatchObject({ ok: true, user: { id: 'wang.supervisor', role: 'supervisor' } });
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const hours = (Date.parse(body.expiresAt ?? '') - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(11.9);
    expect(hours).toBeLessThanOrEqual(12);

    const window = await openWindow({ token: body.token ?? '' });
    const snapshot = await new Promise<{ ok: boolean; kind?: string; cases?: CaseState[] }>((r) => window.emit('case:sync', {}, r as never));
    expect(snapshot).toMatchObject({ ok: true, kind: 'snapshot' });
    expect(snapshot.cases?.map((c) => c.id)).toEqual([mine.id]);
    const outside = await new Promise<{ ok: boolean; code?: string }>((r) => window.emit('case:trail', { caseId: theirs.id }, r as never));
    expect(outside).toMatchObject({ ok: false, code: 'CASE_NOT_FOUND' });
    // The service keeps only a hash of the token.
    const stored = await desk.parts.db.all<{ token_hash: string }>('SELECT token_hash FROM sessions');
    expect(stored.some((s) => s.token_hash === body.token)).toBe(false);
    window.close();
  });

  it('gives one message for an unknown user and a wrong password', async () => {
    const unknown = await signIn('nobody.here', PASSWORD);
    const wrong = await signIn('wang.supervisor', 'not the password');
    expect(unknown).toMatchObject({ status: 401, body: { ok: false, code: 'SIGN_IN_FAILED' } });
    expect(wrong).toMatchObject({ status: 401, body: { ok: false, code: 'SIGN_IN_FAILED' } });
    expect(wrong.body.message).toEqual(unknown.body.message);
    expect(unknown.body.message?.zh).toBe('用户名或密码不正确');
    // A success resets the count of failures.
    expect((await signIn('wang.supervisor', PASSWORD)).status).toBe(201);
    const row = await desk.parts.db.get<{ failed_attempts: number }>('SELECT failed_attempts FROM accounts WHERE id = ?', ['wang.supervisor']);
    expect(Number(row?.failed_attempts)).toBe(0);
  });

  it('locks an account for 15 minutes after 5 wrong passwords in a row, even against the right one', async () => {
    for (let i = 1; i <= 4; i++) expect((await signIn('zhao.locked', `wrong password ${i}`)).body.code).toBe('SIGN_IN_FAILED');
    const fifth = await signIn('zhao.locked', 'wrong password 5');
    expect(fifth).toMatchObject({ status: 423, body: { ok: false, code: 'ACCOUNT_LOCKED' } });
    expect(fifth.body.message?.zh).toMatch(/请于 \d{2}:\d{2} 后再试/);
    expect(fifth.body.message?.en).toMatch(/locked until \d{2}:\d{2}/);
    expect((await signIn('zhao.locked', PASSWORD)).body.code).toBe('ACCOUNT_LOCKED');
    const row = await desk.parts.db.get<{ locked_until: string }>('SELECT locked_until FROM accounts WHERE id = ?', ['zhao.locked']);
    const minutes = (Date.parse(row?.locked_until ?? '') - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14.5);
    expect(minutes).toBeLessThanOrEqual(15);
  });

  it('disabling a person drops their live window within a second and refuses their token', async () => {
    const token = await tokenOf('qian.leaving');
    const window = await openWindow({ token });
    const dropped = new Promise<number>((resolve) => {
      const t0 = Date.now();
      window.once('disconnect', () => resolve(Date.now() - t0));
    });
    expect(await desk.parts.accounts.setEnabled('qian.leaving', false, by)).toMatchObject({ ok: true, account: { enabled: false } });
    expect(await dropped).toBeLessThan(1_000);
    await expect(openWindow({ token })).rejects.toThrow(/ACCOUNT_DISABLED/);
    const snapshot = await fetch(`${desk.origin}/api/cases/snapshot`, { headers: { authorization: `Bearer ${token}` } });
    expect(snapshot.status).toBe(403);
    expect(await snapshot.json()).toMatchObject({ ok: false, code: 'ACCOUNT_DISABLED' });
    expect((await signIn('qian.leaving', PASSWORD)).body).toMatchObject({ ok: false, code: 'ACCOUNT_DISABLED' });
    // Enabled again, the person signs in anew.
    expect((await desk.parts.accounts.setEnabled('qian.leaving', true, by)).ok).toBe(true);
    expect((await signIn('qian.leaving', PASSWORD)).status).toBe(201);
  });

  it('a change made by another process (the admin CLI) reaches the live window too', async () => {
    const token = await tokenOf('qian.leaving');
    const window = await openWindow({ token });
    const dropped = new Promise<void>((resolve) => window.once('disconnect', () => resolve()));
    // Its own Accounts on the same database: no listener in this service hears it, only the database.
    const elsewhere = new Accounts(desk.parts.db);
    expect((await elsewhere.setEnabled('qian.leaving', false, { actorId: 'li.admin', origin: 'cli test' })).ok).toBe(true);
    await dropped;
  });

  it('signing out ends the session: its window closes and the token no longer works', async () => {
    const token = await tokenOf('wang.supervisor');
    const window = await openWindow({ token });
    const dropped = new Promise<void>((resolve) => window.once('disconnect', () => resolve()));
    const out = await fetch(`${desk.origin}/api/session`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(out.status).toBe(200);
    await dropped;
    await expect(openWindow({ token })).rejects.toThrow(/SESSION_EXPIRED/);
    const again = await fetch(`${desk.origin}/api/session`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(again.status).toBe(401);
  });

  it('refuses demo sign-in (?as=) when demo mode is off, on sockets and over HTTP', async () => {
    await expect(openWindow({ as: 'dispatcher-1' })).rejects.toThrow(/DEMO_SIGN_IN_OFF/);
    await expect(openWindow({})).rejects.toThrow(/NOT_AUTHENTICATED/);
    const http = await fetch(`${desk.origin}/api/cases/snapshot?as=dispatcher-1`);
    expect(http.status).toBe(401);
    expect(await http.json()).toMatchObject({ ok: false, code: 'DEMO_SIGN_IN_OFF' });
  });

  it('writes every sign-in, failure, lock-out, sign-out and account change to the audit log, readable by an administrator only', async () => {
    const admin = await tokenOf('li.admin');
    const read = await audit(admin, '?since=2026-01-01');
    expect(read.status).toBe(200);
    const entries = (JSON.parse(read.text) as { entries: AuditEntry[] }).entries;
    const actions = new Set(entries.map((e) => e.action));
    for (const action of ['account-created', 'sign-in', 'sign-in-failed', 'account-locked', 'sign-out', 'account-changed']) expect(actions).toContain(action);
    const disabling = entries.find((e) => e.action === 'account-changed' && e.target === 'qian.leaving');
    expect(disabling?.detail).toMatchObject({ before: { enabled: true }, after: { enabled: false } });
    expect(entries.find((e) => e.action === 'sign-in-failed' && e.target === 'nobody.here')?.origin).toMatch(/^http /);
    expect(read.text).not.toMatch(/argon2|password_?hash/i);

    const csv = await audit(admin, '?since=2026-01-01&format=csv');
    expect(csv.type).toMatch(/^text\/csv/);
    // A byte-order mark first, so a spreadsheet reads the Chinese names as UTF-8.
    expect([...csv.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.text.split('\r\n')[0]).toBe('seq,at,actor_id,action,target,detail,origin');
    expect(csv.text).toContain(',account-locked,zhao.locked,');
    // A period before any of it holds nothing.
    expect(JSON.parse((await audit(admin, '?since=2020-01-01&until=2020-01-02')).text)).toEqual({ ok: true, entries: [] });

    const supervisor = await tokenOf('wang.supervisor');
    expect(await audit(supervisor)).toMatchObject({ status: 403 });
    expect(JSON.parse((await audit(supervisor)).text)).toMatchObject({ ok: false, code: 'ADMIN_ONLY' });
    expect((await fetch(`${desk.origin}/api/audit`)).status).toBe(401);
  });

  it("writes every reveal of a reporter's contact, and every refused attempt, to the audit log", async () => {
    await new ContactStore(desk.parts.db).save(mine.id, { source: 'hotline', name: '张先生', phone: '13812345678' });
    const reveal = async (token: string) =>
      fetch(`${desk.origin}/api/cases/${mine.id}/reporter/reveal`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ reason: '回访核实' }) });
    const granted = await reveal(await tokenOf('sun.intake'));
    expect(await granted.json()).toMatchObject({ ok: true, contact: { phone: '13812345678' } });
    expect((await reveal(await tokenOf('wang.supervisor'))).status).toBe(403);
    const entries = (JSON.parse((await audit(await tokenOf('li.admin'))).text) as { entries: AuditEntry[] }).entries;
    expect(entries.filter((e) => e.target === mine.id).map((e) => [e.actorId, e.action, e.detail['reason']])).toEqual([
      ['sun.intake', 'reveal-reporter-contact', '回访核实'],
      ['wang.supervisor', 'reveal-reporter-contact-refused', '回访核实'],
    ]);
  });

  it('refuses bad input with a code and changes nothing', async () => {
    const accounts = await count('accounts');
    const sessions = await count('sessions');
    expect(await desk.parts.accounts.createAccount({ username: 'sun.short', name: '孙', role: 'intake' }, 'short', by)).toMatchObject({ ok: false, code: 'WEAK_PASSWORD' });
    expect(await desk.parts.accounts.createAccount({ username: 'li.admin', name: '又一个', role: 'intake' }, PASSWORD, by)).toMatchObject({ ok: false, code: 'USERNAME_TAKEN' });
    expect(await desk.parts.accounts.createAccount({ username: 'Bad Name!', name: '坏', role: 'intake' }, PASSWORD, by)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await desk.parts.accounts.createAccount({ username: 'zhou.dept', name: '周', role: 'department' }, PASSWORD, by)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await desk.parts.accounts.createAccount({ username: 'zhou.dept', name: '周', role: 'department', departmentId: 'bakery' }, PASSWORD, by)).toMatchObject({ ok: false, code: 'UNKNOWN_DEPARTMENT' });
    expect(await desk.parts.accounts.createAccount({ username: 'zheng.grid', name: '郑', role: 'supervisor', gridCodes: ['11010199999999'] }, PASSWORD, by)).toMatchObject({ ok: false, code: 'UNKNOWN_GRID' });
    expect(await desk.parts.accounts.createAccount({ username: 'wu.system', name: '吴', role: 'system' }, PASSWORD, by)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await desk.parts.accounts.setEnabled('nobody.here', false, by)).toMatchObject({ ok: false, code: 'UNKNOWN_ACCOUNT' });
    expect((await signIn('', '')).body.code).toBe('VALIDATION_FAILED');
    const notJson = await fetch(`${desk.origin}/api/session`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(notJson.status).toBe(415);
    const admin = await tokenOf('li.admin');
    expect(JSON.parse((await audit(admin, '?since=2026-12-05&until=2026-12-01')).text)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(JSON.parse((await audit(admin, '?since=yesterday')).text)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await count('accounts')).toBe(accounts);
    expect(await count('sessions')).toBe(sessions + 1); // the administrator's own sign-in above
  });
});
