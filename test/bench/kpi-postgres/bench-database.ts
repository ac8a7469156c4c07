import pg from 'pg';
import { migrate } from '../../../src-server/store/migrations';
import { PostgresDatabase } from '../../../src-server/store/postgres';

/**
 * The bench's own PostgreSQL database (not the tests' `test`): created and migrated with the
 * service's migrations, loaded once, and kept as the cache for the next run. What was loaded
 * is written on the database itself (COMMENT ON DATABASE) only once the load is complete, so
 * an interrupted load is never mistaken for a finished one.
 */

export interface LoadKey {
  /** Bumped whenever the generated year would differ for the same cases and seed. */
  generator: number;
  cases: number;
  seed: number;
  start: string;
  now: string;
}

export interface LoadRecord extends LoadKey {
  loadedAt: string;
  seconds: number;
}

export const BENCH_DATABASE = process.env['BENCH_KPI_DATABASE'] ?? 'grid_bench_kpi';
/** Any database of the server, to create and drop the bench's from. */
const ADMIN_URL = process.env['BENCH_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function benchDatabaseUrl(): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${BENCH_DATABASE}`;
  return url.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** What the bench database holds, if a load finished in it. */
export async function loadedRecord(): Promise<LoadRecord | undefined> {
  return admin(async (client) => {
    const { rows } = await client.query<{ note: string | null }>(`SELECT shobj_description(oid, 'pg_database') AS note FROM pg_database WHERE datname = $1`, [BENCH_DATABASE]);
    const note = rows[0]?.note;
    if (!note) return undefined;
    try {
      return JSON.parse(note) as LoadRecord;
    } catch {
      return undefined;
    }
  });
}

export function sameLoad(record: LoadRecord | undefined, key: LoadKey): boolean {
  return record !== undefined && (Object.keys(key) as (keyof LoadKey)[]).every((k) => record[k] === key[k]);
}

/** Drops the bench database if it exists and creates it empty, migrated. */
export async function recreateDatabase(): Promise<void> {
  await admin(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoted(BENCH_DATABASE)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoted(BENCH_DATABASE)}`);
  });
  const db = new PostgresDatabase(benchDatabaseUrl(), { max: 1 });
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
}

export async function recordLoad(record: LoadRecord): Promise<void> {
  await admin((client) => client.query(`COMMENT ON DATABASE ${quoted(BENCH_DATABASE)} IS ${pg.escapeLiteral(JSON.stringify(record))}`));
}

/** The statements that rebuild a table's indexes and unique / primary-key constraints, as the migrations left them. */
export interface IndexPlan {
  drop: string[];
  create: string[];
}

/**
 * PostgreSQL's advice for a bulk load ("Populating a Database"): drop the indexes, load, build
 * them again, then ANALYZE. The definitions come from the catalog of the freshly migrated
 * database, so they are the migrations' own, whatever migration added them.
 */
export async function indexPlan(client: pg.ClientBase, tables: readonly string[]): Promise<IndexPlan> {
  const constraints = await client.query<{ tbl: string; name: string; def: string }>(
    `SELECT c.conrelid::regclass::text AS tbl, c.conname AS name, pg_get_constraintdef(c.oid) AS def
     FROM pg_constraint c WHERE c.conrelid = ANY($1::regclass[]) AND c.contype IN ('p', 'u') ORDER BY c.contype, c.conname`,
    [tables],
  );
  const indexes = await client.query<{ name: string; def: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
     FROM pg_index i WHERE i.indrelid = ANY($1::regclass[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
     ORDER BY 1`,
    [tables],
  );
  return {
    drop: [
      ...indexes.rows.map((r) => `DROP INDEX ${r.name}`),
      ...constraints.rows.map((r) => `ALTER TABLE ${r.tbl} DROP CONSTRAINT ${quoted(r.name)}`),
    ],
    create: [
      ...constraints.rows.map((r) => `ALTER TABLE ${r.tbl} ADD CONSTRAINT ${quoted(r.name)} ${r.def}`),
      ...indexes.rows.map((r) => r.def),
    ],
  };
}

export interface DataSize {
  version: string;
  cases: number;
  events: number;
  /** Bytes: heap + TOAST, and indexes, per table (pg_total_relation_size = both). */
  tables: { name: string; total: number; table: number; indexes: number }[];
  database: number;
}

export async function dataSize(client: pg.ClientBase): Promise<DataSize> {
  const version = (await client.query<{ v: string }>('SELECT version() AS v')).rows[0]?.v ?? '?';
  const count = async (table: string) => Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n ?? 0);
  const { rows } = await client.query<{ name: string; total: string; tbl: string; idx: string }>(
    `SELECT relname AS name, pg_total_relation_size(oid) AS total, pg_table_size(oid) AS tbl, pg_indexes_size(oid) AS idx
     FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace ORDER BY pg_total_relation_size(oid) DESC`,
  );
  const database = (await client.query<{ n: string }>('SELECT pg_database_size(current_database()) AS n')).rows[0]?.n;
  return {
    version,
    cases: await count('cases'),
    events: await count('case_events'),
    tables: rows.map((r) => ({ name: r.name, total: Number(r.total), table: Number(r.tbl), indexes: Number(r.idx) })),
    database: Number(database ?? 0),
  };
}
