import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { SESSION_HOURS } from '../../src-shared/contract/accounts';
import type { Queryable } from '../store/db';

/**
 * Sessions: a random 32-byte token handed to the person once, and only its SHA-256 kept. A plain
 * hash is enough here (unlike passwords): the token has 256 bits of entropy, nothing to guess.
 */
export interface SessionRecord {
  id: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
  revokedAt?: string;
}

interface SessionRow {
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Session tokens look like this; anything else is not worth a database look-up. */
export const SESSION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const recordOf = (row: SessionRow): SessionRecord => ({
  id: row.id,
  userId: row.user_id,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  ...(row.revoked_at ? { revokedAt: row.revoked_at } : {}),
});

export const sessionStore = {
  async open(db: Queryable, userId: string, at: Date): Promise<{ token: string; session: SessionRecord }> {
    const token = randomBytes(32).toString('base64url');
    const session: SessionRecord = { id: randomUUID(), userId, createdAt: at.toISOString(), expiresAt: new Date(at.getTime() + SESSION_HOURS * 3_600_000).toISOString() };
    await db.run('INSERT INTO sessions (id, token_hash, user_id, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, NULL)', [
      session.id,
      tokenHash(token),
      userId,
      session.createdAt,
      session.expiresAt,
    ]);
    return { token, session };
  },

  async byToken(db: Queryable, token: string): Promise<SessionRecord | undefined> {
    if (!SESSION_TOKEN_PATTERN.test(token)) return undefined;
    const row = await db.get<SessionRow>('SELECT id, user_id, created_at, expires_at, revoked_at FROM sessions WHERE token_hash = ?', [tokenHash(token)]);
    return row ? recordOf(row) : undefined;
  },

  async revoke(db: Queryable, id: string, at: Date): Promise<boolean> {
    return (await db.run('UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [at.toISOString(), id])).changes > 0;
  },

  /** Every live session of a person (a disabled account): the ids revoked. */
  async revokeAllOf(db: Queryable, userId: string, at: Date): Promise<string[]> {
    const live = await db.all<{ id: string }>('SELECT id FROM sessions WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ?', [userId, at.toISOString()]);
    await db.run('UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL', [at.toISOString(), userId]);
    return live.map((r) => r.id);
  },

  /** Sessions that ended (revoked or expired) in (since, until]: windows on other nodes or changed by the CLI. */
  async endedBetween(db: Queryable, since: string, until: string): Promise<string[]> {
    const rows = await db.all<{ id: string }>(
      'SELECT id FROM sessions WHERE (revoked_at > ? AND revoked_at <= ?) OR (expires_at > ? AND expires_at <= ?)',
      [since, until, since, until],
    );
    return rows.map((r) => r.id);
  },
};

export function isLive(session: SessionRecord, at: Date): boolean {
  return session.revokedAt === undefined && Date.parse(session.expiresAt) > at.getTime();
}
