import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAdmin, type AdminIo } from '../../../src-server/accounts/admin';

/** `npm run admin -- …` as an operator runs it: the same functions, with the terminal replaced. */
describe('the admin command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'grid-admin-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function admin(args: string[], password = ''): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const io: AdminIo = { out: (t) => (out += t), err: (t) => (err += t), readPassword: async () => password };
    const code = await runAdmin([...args, '--data', dir], io, {});
    return { code, out, err };
  }

  it('creates the first administrator, lists, disables and enables accounts, and shows the audit log', async () => {
    const created = await admin(['create-user', '--username', 'admin', '--name', '管理员', '--role', 'administrator', '--password-stdin'], 'a long enough password');
    expect(created).toMatchObject({ code: 0, err: '' });
    expect(created.out).toMatch(/^Created admin\s+管理员\s+administrator/);
    expect((await admin(['create-user', '--username', 'liu.roads', '--name', '刘处置', '--role', 'department', '--department', 'roads'], 'another long password')).code).toBe(0);
    const list = await admin(['list-users']);
    expect(list.out.trim().split('\n').map((l) => l.split(/\s+/)[0])).toEqual(['admin', 'liu.roads']);
    expect((await admin(['disable-user', '--username', 'liu.roads'])).out).toMatch(/disabled$/m);
    expect((await admin(['list-users'])).out).toMatch(/liu\.roads .*disabled/);
    expect((await admin(['enable-user', '--username', 'liu.roads'])).out).toMatch(/enabled$/m);
    const audit = await admin(['audit', '--since', '2026-01-01', '--csv']);
    expect(audit.code).toBe(0);
    const rows = audit.out.trim().split('\r\n');
    expect(rows[0]).toBe('seq,at,actor_id,action,target,detail,origin');
    expect(rows.slice(1).map((r) => r.split(',')[3])).toEqual(['account-created', 'account-created', 'account-changed', 'account-changed']);
    expect(audit.out).not.toMatch(/argon2/);
  });

  it('refuses bad input with the code and message, changing nothing', async () => {
    const before = (await admin(['list-users'])).out;
    expect(await admin(['create-user', '--username', 'zhou', '--name', '周', '--role', 'intake'], 'short')).toMatchObject({ code: 1, err: expect.stringMatching(/^WEAK_PASSWORD: The password needs at least 10 characters\n\s+密码至少需要 10 个字符/) });
    expect(await admin(['create-user', '--username', 'admin', '--name', '又一个', '--role', 'intake'], 'a long enough password')).toMatchObject({ code: 1, err: expect.stringMatching(/^USERNAME_TAKEN/) });
    expect(await admin(['create-user', '--username', 'zhou', '--name', '周', '--role', 'root'], 'a long enough password')).toMatchObject({ code: 2, err: expect.stringMatching(/--role must be one of administrator/) });
    expect(await admin(['create-user', '--username', 'zhou', '--name', '周', '--role', 'department', '--department', 'bakery'], 'a long enough password')).toMatchObject({ code: 1, err: expect.stringMatching(/^UNKNOWN_DEPARTMENT: Unknown department bakery/) });
    expect(await admin(['disable-user', '--username', 'nobody'])).toMatchObject({ code: 1, err: expect.stringMatching(/^UNKNOWN_ACCOUNT/) });
    expect(await admin(['disable-user'])).toMatchObject({ code: 2, err: 'disable-user needs --username.\n' });
    expect(await admin(['audit', '--since', 'last week'])).toMatchObject({ code: 1, err: expect.stringMatching(/^VALIDATION_FAILED/) });
    expect(await admin(['delete-everything'])).toMatchObject({ code: 2 });
    expect((await admin(['list-users'])).out).toBe(before);
  });
});
