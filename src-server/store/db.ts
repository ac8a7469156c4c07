/**
 * The one small layer where SQLite and PostgreSQL differ. Everything above it writes SQL with
 * `?` placeholders and the few type words below; each driver translates.
 */
export type Dialect = 'sqlite' | 'postgres';

export type SqlValue = string | number | bigint | boolean | null | Uint8Array;

export interface Queryable {
  readonly dialect: Dialect;
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }>;
}

export interface Database extends Queryable {
  /**
   * Runs `work` in one transaction that nothing else interleaves with: it commits when the
   * work resolves and rolls back when it throws.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Column types by dialect, for migrations. */
export function types(dialect: Dialect): { json: string; blob: string; bigint: string; serial: string } {
  return dialect === 'postgres'
    ? { json: 'JSONB', blob: 'BYTEA', bigint: 'BIGINT', serial: 'BIGSERIAL PRIMARY KEY' }
    : { json: 'TEXT', blob: 'BLOB', bigint: 'INTEGER', serial: 'INTEGER PRIMARY KEY AUTOINCREMENT' };
}

/** JSON columns: PostgreSQL (JSONB) hands back objects, SQLite (TEXT) hands back strings. */
export function fromJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** A unique-constraint violation: the optimistic check lost a race. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
