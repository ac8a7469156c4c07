import type { AccountRole, AccountSummary, NewAccount } from '../../src-shared/contract/accounts';
import type { DepartmentId } from '../../src-shared/catalog/departments';
import type { SessionUser } from '../../src-shared/contract/socket';
import type { DemoUser } from '../../src-shared/district/types';
import { fromJson, type Queryable } from '../store/db';

/** An account as stored, password hash included: never leaves the server (see summaryOf). */
export interface AccountRecord extends AccountSummary {
  passwordHash: string;
  failedAttempts: number;
}

interface AccountRow {
  id: string;
  name: string;
  role: string;
  department_id: string | null;
  street_code: string | null;
  grid_codes: unknown;
  password_hash: string;
  enabled: number | boolean;
  failed_attempts: number;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

function recordOf(row: AccountRow): AccountRecord {
  const gridCodes = row.grid_codes === null ? undefined : fromJson<string[]>(row.grid_codes);
  return {
    id: row.id,
    name: row.name,
    role: row.role as AccountRole,
    ...(row.department_id ? { departmentId: row.department_id as DepartmentId } : {}),
    ...(row.street_code ? { streetCode: row.street_code } : {}),
    ...(gridCodes ? { gridCodes } : {}),
    enabled: Number(row.enabled) === 1 || row.enabled === true,
    ...(row.locked_until ? { lockedUntil: row.locked_until } : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    passwordHash: row.password_hash,
    failedAttempts: Number(row.failed_attempts),
  };
}

/** What the administrator and the audit log may see of an account. */
export function summaryOf(record: AccountRecord): AccountSummary {
  const { passwordHash: _hash, failedAttempts: _failures, ...summary } = record;
  return summary;
}

/** An account acts like any other person of the district: same role, department, street and grids. */
export function personOf(record: AccountSummary): DemoUser {
  return {
    id: record.id,
    name: record.name,
    role: record.role,
    ...(record.departmentId ? { departmentId: record.departmentId } : {}),
    ...(record.streetCode ? { streetCode: record.streetCode } : {}),
    ...(record.gridCodes ? { gridCodes: [...record.gridCodes].sort() } : {}),
  };
}

export function sessionUserOfAccount(record: AccountSummary): SessionUser {
  return {
    id: record.id,
    name: record.name,
    role: record.role,
    ...(record.departmentId ? { departmentId: record.departmentId } : {}),
    ...(record.streetCode ? { streetCode: record.streetCode } : {}),
  };
}

const COLUMNS = 'id, name, role, department_id, street_code, grid_codes, password_hash, enabled, failed_attempts, locked_until, created_at, updated_at';

/** The accounts table. Every method takes the connection or transaction it runs on. */
export const accountStore = {
  async find(db: Queryable, id: string): Promise<AccountRecord | undefined> {
    const row = await db.get<AccountRow>(`SELECT ${COLUMNS} FROM accounts WHERE id = ?`, [id]);
    return row ? recordOf(row) : undefined;
  },

  async list(db: Queryable): Promise<AccountRecord[]> {
    return (await db.all<AccountRow>(`SELECT ${COLUMNS} FROM accounts ORDER BY id`)).map(recordOf);
  },

  async insert(db: Queryable, account: NewAccount, passwordHash: string, at: Date): Promise<void> {
    await db.run(
      `INSERT INTO accounts (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, 1, 0, NULL, ?, ?)`,
      [
        account.username,
        account.name,
        account.role,
        account.departmentId ?? null,
        account.streetCode ?? null,
        account.gridCodes ? JSON.stringify([...account.gridCodes].sort()) : null,
        passwordHash,
        at.toISOString(),
        at.toISOString(),
      ],
    );
  },

  async setEnabled(db: Queryable, id: string, enabled: boolean, at: Date): Promise<void> {
    // Re-enabling also clears a lock-out: the administrator has looked at the account.
    await db.run('UPDATE accounts SET enabled = ?, failed_attempts = 0, locked_until = NULL, updated_at = ? WHERE id = ?', [enabled ? 1 : 0, at.toISOString(), id]);
  },

  async setPasswordHash(db: Queryable, id: string, passwordHash: string, at: Date): Promise<void> {
    await db.run('UPDATE accounts SET password_hash = ?, failed_attempts = 0, locked_until = NULL, updated_at = ? WHERE id = ?', [passwordHash, at.toISOString(), id]);
  },

  /** A wrong password: one more failure, and a lock until `lockUntil` when it is given. */
  async recordFailure(db: Queryable, id: string, failedAttempts: number, lockUntil: Date | undefined): Promise<void> {
    await db.run('UPDATE accounts SET failed_attempts = ?, locked_until = ? WHERE id = ?', [lockUntil ? 0 : failedAttempts, lockUntil?.toISOString() ?? null, id]);
  },

  async recordSuccess(db: Queryable, id: string): Promise<void> {
    await db.run('UPDATE accounts SET failed_attempts = 0, locked_until = NULL WHERE id = ? AND (failed_attempts <> 0 OR locked_until IS NOT NULL)', [id]);
  },

  /** Accounts disabled since an instant: their windows still open elsewhere must close. */
  async disabledSince(db: Queryable, since: string): Promise<string[]> {
    return (await db.all<{ id: string }>('SELECT id FROM accounts WHERE enabled = 0 AND updated_at > ?', [since])).map((r) => r.id);
  },
};
