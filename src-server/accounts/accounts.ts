import { z } from 'zod';
import {
  auditQuerySchema,
  endOf,
  instantOf,
  LOCK_AFTER_FAILURES,
  LOCK_MINUTES,
  newAccountSchema,
  signInRequestSchema,
  type AccountSummary,
  type AuditEntry,
  type NewAccount,
  type SignInAnswer,
} from '../../src-shared/contract/accounts';
import type { DemoUser } from '../../src-shared/district/types';
import { refusal, type Refusal } from '../../src-shared/errors';
import type { Database } from '../store/db';
import { accountStore, personOf, sessionUserOfAccount, summaryOf, type AccountRecord } from './account-store';
import { auditLog, type AuditRecord } from './audit';
import { decoyHash, hashPassword, passwordMatches, passwordProblem } from './passwords';
import { isLive, sessionStore } from './sessions';

/** Who asks for a change, and from where (`http 10.0.0.5`, `cli root`): both go into the audit log. */
export interface Requester {
  actorId: string;
  origin: string;
}

/** What an account's scope may name: the district's departments, streets and unit grids. */
export interface DistrictFacts {
  departmentExists(id: string): boolean;
  streetExists(code: string): boolean;
  gridExists(code: string): boolean;
}

/** A department, street or grid the district does not have would give a person an empty, silent queue. */
function scopeProblem(account: NewAccount, district: DistrictFacts | undefined): Refusal | null {
  if (!district) return null;
  if (account.departmentId !== undefined && !district.departmentExists(account.departmentId)) return refusal('UNKNOWN_DEPARTMENT', { departmentId: account.departmentId });
  if (account.streetCode !== undefined && !district.streetExists(account.streetCode)) return refusal('VALIDATION_FAILED', { detail: `streetCode: no street ${account.streetCode} in the district` });
  const unknownGrid = account.gridCodes?.find((code) => !district.gridExists(code));
  return unknownGrid === undefined ? null : refusal('UNKNOWN_GRID', { gridCode: unknownGrid });
}

/** A session or person that must lose its open windows now. */
export type SignOff = { sessionId: string } | { userId: string };

export type Authenticated = { ok: true; user: DemoUser; sessionId: string } | Refusal;

function invalid(error: z.ZodError): Refusal {
  return refusal('VALIDATION_FAILED', { detail: error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ') });
}

/** `14:06` in Beijing: the minute a lock-out ends, rounded up so the person is never told too early. */
export function unlockMinute(until: Date): string {
  const rounded = new Date(Math.ceil(until.getTime() / 60_000) * 60_000);
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(rounded);
}

/**
 * Accounts, sign-in and sessions over one database. The clock is the wall clock, not the demo's
 * (which may run accelerated): a 12-hour session must last 12 real hours.
 */
export class Accounts {
  private readonly listeners = new Set<(signOff: SignOff) => void>();

  constructor(
    readonly db: Database,
    private readonly options: { clock?: () => Date; district?: DistrictFacts } = {},
  ) {}

  now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  /** Told when a session ends or an account is disabled, so the realtime side can close its windows. */
  onSignOff(listener: (signOff: SignOff) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private signedOff(signOff: SignOff): void {
    for (const listener of this.listeners) listener(signOff);
  }

  async signIn(request: unknown, origin: string): Promise<SignInAnswer | Refusal> {
    const parsed = signInRequestSchema.safeParse(request);
    if (!parsed.success) return invalid(parsed.error);
    const { username, password } = parsed.data;
    const at = this.now();
    const account = await accountStore.find(this.db, username);
    if (!account) {
      await passwordMatches(await decoyHash(), password);
      await auditLog.append(this.db, { at, actorId: username, action: 'sign-in-failed', target: username, detail: { reason: 'unknown-user' }, origin });
      return refusal('SIGN_IN_FAILED');
    }
    if (account.lockedUntil && Date.parse(account.lockedUntil) > at.getTime()) {
      await auditLog.append(this.db, { at, actorId: username, action: 'sign-in-failed', target: username, detail: { reason: 'locked', lockedUntil: account.lockedUntil }, origin });
      return this.lockedRefusal(new Date(account.lockedUntil));
    }
    if (!(await passwordMatches(account.passwordHash, password))) return this.wrongPassword(account, origin);
    // Only someone who knows the password learns that the account is disabled.
    if (!account.enabled) {
      await auditLog.append(this.db, { at, actorId: username, action: 'sign-in-failed', target: username, detail: { reason: 'disabled' }, origin });
      return refusal('ACCOUNT_DISABLED');
    }
    const { token, session } = await this.db.transaction(async (tx) => {
      await accountStore.recordSuccess(tx, account.id);
      const opened = await sessionStore.open(tx, account.id, at);
      await auditLog.append(tx, { at, actorId: account.id, action: 'sign-in', target: account.id, detail: { sessionId: opened.session.id }, origin });
      return opened;
    });
    return { ok: true, token, user: sessionUserOfAccount(account), expiresAt: session.expiresAt };
  }

  private async wrongPassword(account: AccountRecord, origin: string): Promise<Refusal> {
    const at = this.now();
    // Counted in one transaction: two wrong guesses at once are two failures, not one.
    const lockedUntil = await this.db.transaction(async (tx) => {
      const current = await accountStore.find(tx, account.id);
      const failures = (current?.failedAttempts ?? 0) + 1;
      const lock = failures >= LOCK_AFTER_FAILURES ? new Date(at.getTime() + LOCK_MINUTES * 60_000) : undefined;
      await accountStore.recordFailure(tx, account.id, failures, lock);
      await auditLog.append(tx, { at, actorId: account.id, action: 'sign-in-failed', target: account.id, detail: { reason: 'wrong-password', failures }, origin });
      if (lock) await auditLog.append(tx, { at, actorId: account.id, action: 'account-locked', target: account.id, detail: { failures, lockedUntil: lock.toISOString() }, origin });
      return lock;
    });
    return lockedUntil ? this.lockedRefusal(lockedUntil) : refusal('SIGN_IN_FAILED');
  }

  private lockedRefusal(until: Date): Refusal {
    return refusal('ACCOUNT_LOCKED', { until: unlockMinute(until) }, { lockedUntil: until.toISOString() });
  }

  /** The person a session token speaks for; undefined when the token is no session of ours. */
  async authenticate(token: string): Promise<Authenticated | undefined> {
    const session = await sessionStore.byToken(this.db, token);
    if (!session) return undefined;
    const account = await accountStore.find(this.db, session.userId);
    // Disabling ends the sessions too; the window is told the reason that matters to its person.
    if (!account?.enabled) return refusal('ACCOUNT_DISABLED');
    if (!isLive(session, this.now())) return refusal('SESSION_EXPIRED');
    return { ok: true, user: personOf(account), sessionId: session.id };
  }

  async signOut(token: string, origin: string): Promise<{ ok: true } | Refusal> {
    const session = await sessionStore.byToken(this.db, token);
    if (!session || !isLive(session, this.now())) return refusal('SESSION_EXPIRED');
    const at = this.now();
    await this.db.transaction(async (tx) => {
      await sessionStore.revoke(tx, session.id, at);
      await auditLog.append(tx, { at, actorId: session.userId, action: 'sign-out', target: session.userId, detail: { sessionId: session.id }, origin });
    });
    this.signedOff({ sessionId: session.id });
    return { ok: true };
  }

  async createAccount(input: unknown, password: string, by: Requester): Promise<{ ok: true; account: AccountSummary } | Refusal> {
    const parsed = newAccountSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const account = parsed.data;
    const outside = scopeProblem(account, this.options.district);
    if (outside) return outside;
    const weak = passwordProblem(password);
    if (weak) return weak;
    const passwordHash = await hashPassword(password);
    const at = this.now();
    const created = await this.db.transaction(async (tx) => {
      if (await accountStore.find(tx, account.username)) return undefined;
      await accountStore.insert(tx, account, passwordHash, at);
      const record = await accountStore.find(tx, account.username);
      const summary = summaryOf(record as AccountRecord);
      await auditLog.append(tx, { at, actorId: by.actorId, action: 'account-created', target: summary.id, detail: { before: null, after: summary }, origin: by.origin });
      return summary;
    });
    return created ? { ok: true, account: created } : refusal('USERNAME_TAKEN', { username: account.username });
  }

  /** Disabling also ends every session of the account and closes its windows at once. */
  async setEnabled(username: string, enabled: boolean, by: Requester): Promise<{ ok: true; account: AccountSummary } | Refusal> {
    const at = this.now();
    const changed = await this.db.transaction(async (tx) => {
      const before = await accountStore.find(tx, username);
      if (!before) return undefined;
      await accountStore.setEnabled(tx, username, enabled, at);
      const revoked = enabled ? [] : await sessionStore.revokeAllOf(tx, username, at);
      const after = summaryOf((await accountStore.find(tx, username)) as AccountRecord);
      await auditLog.append(tx, { at, actorId: by.actorId, action: 'account-changed', target: username, detail: { before: summaryOf(before), after, ...(revoked.length ? { sessionsEnded: revoked.length } : {}) }, origin: by.origin });
      return after;
    });
    if (!changed) return refusal('UNKNOWN_ACCOUNT', { username });
    if (!enabled) this.signedOff({ userId: username });
    return { ok: true, account: changed };
  }

  async setPassword(username: string, password: string, by: Requester): Promise<{ ok: true } | Refusal> {
    const weak = passwordProblem(password);
    if (weak) return weak;
    const passwordHash = await hashPassword(password);
    const at = this.now();
    const done = await this.db.transaction(async (tx) => {
      if (!(await accountStore.find(tx, username))) return false;
      await accountStore.setPasswordHash(tx, username, passwordHash, at);
      // The hash itself never goes into the log: only that it changed.
      await auditLog.append(tx, { at, actorId: by.actorId, action: 'account-changed', target: username, detail: { before: { password: '(set)' }, after: { password: '(changed)' } }, origin: by.origin });
      return true;
    });
    return done ? { ok: true } : refusal('UNKNOWN_ACCOUNT', { username });
  }

  async list(): Promise<AccountSummary[]> {
    return (await accountStore.list(this.db)).map(summaryOf);
  }

  async find(username: string): Promise<AccountSummary | undefined> {
    const record = await accountStore.find(this.db, username);
    return record ? summaryOf(record) : undefined;
  }

  audit(entry: Omit<AuditRecord, 'at'> & { at?: Date }): Promise<void> {
    return auditLog.append(this.db, { ...entry, at: entry.at ?? this.now() });
  }

  async readAudit(query: unknown): Promise<{ ok: true; entries: AuditEntry[]; format: 'json' | 'csv' } | Refusal> {
    const parsed = auditQuerySchema.safeParse(query);
    if (!parsed.success) return invalid(parsed.error);
    const { since, until, limit, format } = parsed.data;
    const entries = await auditLog.read(this.db, { ...(since ? { since: instantOf(since) } : {}), ...(until ? { until: endOf(until) } : {}), limit });
    return { ok: true, entries, format };
  }

  /**
   * Sessions ended and accounts disabled by another process (the admin CLI, another service
   * node) reach this node's windows by polling: the database is the one place all of them share.
   */
  watchSignOffs(everyMs: number): () => void {
    let since = this.now().toISOString();
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      const until = this.now().toISOString();
      void Promise.all([sessionStore.endedBetween(this.db, since, until), accountStore.disabledSince(this.db, since)])
        .then(([sessions, users]) => {
          since = until;
          for (const sessionId of sessions) this.signedOff({ sessionId });
          for (const userId of users) this.signedOff({ userId });
        })
        .catch(() => undefined)
        .finally(() => (running = false));
    }, everyMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}
