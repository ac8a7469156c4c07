import type { AuditAction, AuditEntry } from '../../src-shared/contract/accounts';
import { fromJson, type Queryable } from '../store/db';

/**
 * The audit log: who did what, when, from where. Append-only; written in the same transaction as
 * the change it records where there is one, so a change without its audit row cannot exist.
 */
export interface AuditRecord {
  at: Date;
  actorId: string;
  action: AuditAction;
  target?: string | null;
  detail?: Record<string, unknown>;
  origin: string;
}

interface AuditRow {
  seq: number;
  at: string;
  actor_id: string;
  action: string;
  target: string | null;
  detail: unknown;
  origin: string;
}

export const auditLog = {
  async append(db: Queryable, entry: AuditRecord): Promise<void> {
    await db.run('INSERT INTO audit_log (at, actor_id, action, target, detail, origin) VALUES (?, ?, ?, ?, ?, ?)', [
      entry.at.toISOString(),
      entry.actorId,
      entry.action,
      entry.target ?? null,
      JSON.stringify(entry.detail ?? {}),
      entry.origin,
    ]);
  },

  /** Entries with since ≤ at < until, oldest first. */
  async read(db: Queryable, period: { since?: string; until?: string; limit: number }): Promise<AuditEntry[]> {
    const rows = await db.all<AuditRow>(
      'SELECT seq, at, actor_id, action, target, detail, origin FROM audit_log WHERE at >= ? AND at < ? ORDER BY seq LIMIT ?',
      [period.since ?? '', period.until ?? '9999', period.limit],
    );
    return rows.map((r) => ({
      seq: Number(r.seq),
      at: r.at,
      actorId: r.actor_id,
      action: r.action as AuditAction,
      target: r.target,
      detail: fromJson<Record<string, unknown>>(r.detail),
      origin: r.origin,
    }));
  },
};

const CSV_COLUMNS = ['seq', 'at', 'actor_id', 'action', 'target', 'detail', 'origin'] as const;

/** RFC 4180 text; a cell that a spreadsheet would run as a formula is prefixed with `'`. */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const cell = (value: unknown): string => {
    let text = value === null || value === undefined ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = entries.map((e) => [e.seq, e.at, e.actorId, e.action, e.target, JSON.stringify(e.detail), e.origin].map(cell).join(','));
  return `${[CSV_COLUMNS.join(','), ...lines].join('\r\n')}\r\n`;
}
