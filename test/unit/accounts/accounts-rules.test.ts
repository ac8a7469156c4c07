import { describe, expect, it } from 'vitest';
import { endOf, instantOf, newAccountSchema, signInRequestSchema } from '../../../src-shared/contract/accounts';
import { roleOf } from '../../../src-server/accounts/admin';
import { unlockMinute } from '../../../src-server/accounts/accounts';
import { auditCsv } from '../../../src-server/accounts/audit';
import { passwordProblem } from '../../../src-server/accounts/passwords';
import { SESSION_TOKEN_PATTERN, tokenHash } from '../../../src-server/accounts/sessions';

describe('account rules', () => {
  it('asks for passwords of at least 10 characters (counted as a person counts them)', () => {
    expect(passwordProblem('123456789')).toMatchObject({ code: 'WEAK_PASSWORD', message: { zh: '密码至少需要 10 个字符' } });
    expect(passwordProblem('correct horse')).toBeNull();
    expect(passwordProblem('网格化城市管理指挥中心')).toBeNull(); // 11 characters, 33 bytes
    expect(passwordProblem('网格化城市管理指挥')).toMatchObject({ code: 'WEAK_PASSWORD' }); // 9 characters
  });

  it('takes usernames in lower case and asks a department handler for a department and a supervisor for grids', () => {
    expect(signInRequestSchema.parse({ username: ' Wang.Li ', password: 'x' }).username).toBe('wang.li');
    expect(newAccountSchema.safeParse({ username: 'wang.li', name: '王力', role: 'intake' }).success).toBe(true);
    expect(newAccountSchema.safeParse({ username: 'w', name: '王力', role: 'intake' }).success).toBe(false);
    expect(newAccountSchema.safeParse({ username: 'wang li', name: '王力', role: 'intake' }).success).toBe(false);
    expect(newAccountSchema.safeParse({ username: 'wang.li', name: '王力', role: 'department' }).success).toBe(false);
    expect(newAccountSchema.safeParse({ username: 'wang.li', name: '王力', role: 'department', departmentId: 'roads' }).success).toBe(true);
    expect(newAccountSchema.safeParse({ username: 'wang.li', name: '王力', role: 'supervisor' }).success).toBe(false);
    expect(newAccountSchema.safeParse({ username: 'wang.li', name: '王力', role: 'supervisor', gridCodes: ['11010100100101'] }).success).toBe(true);
    expect(newAccountSchema.safeParse({ username: 'wang.li', name: '王力', role: 'system' }).success).toBe(false);
  });

  it('calls the admin role "administrator" on the command line and knows no other made-up role', () => {
    expect(roleOf('administrator')).toBe('admin');
    expect(roleOf('dispatcher')).toBe('dispatcher');
    expect(roleOf('system')).toBeUndefined();
    expect(roleOf('root')).toBeUndefined();
  });

  it('tells a locked-out person the Beijing minute the lock ends, never earlier than it does', () => {
    expect(unlockMinute(new Date('2026-12-06T05:05:00.000Z'))).toBe('13:05');
    expect(unlockMinute(new Date('2026-12-06T05:05:00.001Z'))).toBe('13:06');
    expect(unlockMinute(new Date('2026-12-06T15:59:30Z'))).toBe('00:00');
  });

  it('reads a period by Beijing days: since the start of the first, until the end of the last', () => {
    expect(instantOf('2026-12-01')).toBe('2026-11-30T16:00:00.000Z');
    expect(endOf('2026-12-01')).toBe('2026-12-01T16:00:00.000Z');
    expect(endOf('2026-12-01T08:00:00Z')).toBe('2026-12-01T08:00:00.000Z');
  });

  it('exports the audit log as CSV a spreadsheet cannot turn into formulas', () => {
    const csv = auditCsv([
      { seq: 1, at: '2026-12-06T01:00:00.000Z', actorId: '=cmd|calc', action: 'sign-in-failed', target: 'a,b', detail: { reason: 'wrong "password"' }, origin: 'http 10.0.0.5' },
    ]);
    const [header, row] = csv.split('\r\n');
    expect(header).toBe('seq,at,actor_id,action,target,detail,origin');
    expect(row).toBe(`1,2026-12-06T01:00:00.000Z,'=cmd|calc,sign-in-failed,"a,b","{""reason"":""wrong \\""password\\""""}",http 10.0.0.5`);
  });

  it('keeps a session token only as its SHA-256, and knows a token of ours by its shape', () => {
    expect(tokenHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(SESSION_TOKEN_PATTERN.test('A'.repeat(43))).toBe(true);
    expect(SESSION_TOKEN_PATTERN.test('token-leader')).toBe(false);
  });
});
