import { z } from 'zod';
import type { DepartmentId } from '../catalog/departments';
import { ROLES, type Role } from '../domain/roles';
import { sessionUserSchema } from './socket';

/**
 * Accounts, sign-in and the audit log as they cross the wire (HTTP, the admin CLI). A person signs
 * in with a username and a password and gets a session token; everything an auditor must be able
 * to reconstruct later lands in the audit log.
 */

/** Long enough that a guessed or reused short word does not pass (NIST SP 800-63B asks ≥ 8; we ask 10). */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;
/** Five wrong passwords in a row lock the account for a quarter of an hour. */
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MINUTES = 15;
export const SESSION_HOURS = 12;

/** Lower-case letters, digits, `.`, `_`, `-`; 2–40 characters, starting with a letter or digit. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,39}$/;

/** Roles an account may have: everyone but the service itself. */
export const ACCOUNT_ROLES = ROLES.filter((role): role is Exclude<Role, 'system'> => role !== 'system');
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export const signInRequestSchema = z.object({
  username: z.string().trim().toLowerCase().min(1).max(40),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});
export type SignInRequest = z.infer<typeof signInRequestSchema>;

export const signInAnswerSchema = z.object({
  ok: z.literal(true),
  token: z.string(),
  user: sessionUserSchema,
  expiresAt: z.iso.datetime(),
});
export type SignInAnswer = z.infer<typeof signInAnswerSchema>;

/** A new account as the administrator describes it (the password is checked apart: it never goes into a row as text). */
export const newAccountSchema = z
  .object({
    username: z.string().trim().toLowerCase().regex(USERNAME_PATTERN, 'username: 2–40 of a-z 0-9 . _ -'),
    name: z.string().trim().min(1).max(60),
    role: z.enum(ACCOUNT_ROLES),
    departmentId: z.string().min(1).max(64).optional(),
    streetCode: z.string().regex(/^\d{9}$/).optional(),
    gridCodes: z.array(z.string().regex(/^\d{14}$/)).max(500).optional(),
  })
  .refine((a) => a.role !== 'department' || a.departmentId !== undefined, { message: 'a department handler needs departmentId', path: ['departmentId'] })
  .refine((a) => a.role !== 'supervisor' || (a.gridCodes?.length ?? 0) > 0, { message: 'a grid supervisor needs gridCodes', path: ['gridCodes'] });
export type NewAccount = z.infer<typeof newAccountSchema>;

/** An account as the administrator sees it: never the password hash. */
export interface AccountSummary {
  id: string;
  name: string;
  role: AccountRole;
  departmentId?: DepartmentId;
  streetCode?: string;
  gridCodes?: string[];
  enabled: boolean;
  lockedUntil?: string;
  createdAt: string;
  updatedAt: string;
}

/** What the audit log records. */
export const AUDIT_ACTIONS = [
  'sign-in',
  'sign-in-failed',
  'account-locked',
  'sign-out',
  'account-created',
  'account-changed',
  'reveal-reporter-contact',
  'reveal-reporter-contact-refused',
  'audit-read',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  seq: number;
  at: string;
  /** Who did it: an account or demo user id; for a failed sign-in, the username typed. */
  actorId: string;
  action: AuditAction;
  /** What it was done to: an account id, a case id. */
  target: string | null;
  detail: Record<string, unknown>;
  /** Where it came from: `http 127.0.0.1`, `cli`. */
  origin: string;
}

export const auditQuerySchema = z
  .object({
    since: z.iso.date().or(z.iso.datetime()).optional(),
    until: z.iso.date().or(z.iso.datetime()).optional(),
    format: z.enum(['json', 'csv']).default('json'),
    limit: z.coerce.number().int().min(1).max(100_000).default(10_000),
  })
  .refine((q) => q.since === undefined || q.until === undefined || instantOf(q.since) < endOf(q.until), { message: 'since must be before until', path: ['since'] });
export type AuditQuery = z.infer<typeof auditQuerySchema>;

const DAY_MS = 86_400_000;

/** The end (exclusive) of a period named by its last day, or the instant itself: `until=2026-12-06` includes the 6th. */
export function endOf(dateOrInstant: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(dateOrInstant) ? new Date(Date.parse(instantOf(dateOrInstant)) + DAY_MS).toISOString() : instantOf(dateOrInstant);
}

/** `2026-12-01` is the start of that day in Beijing (the district's own day), an ISO instant stays itself. */
export function instantOf(dateOrInstant: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(dateOrInstant) ? new Date(`${dateOrInstant}T00:00:00+08:00`).toISOString() : new Date(dateOrInstant).toISOString();
}
