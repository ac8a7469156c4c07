import pg from 'pg';
import type { Database, Queryable, SqlValue } from './db';

type Params = readonly SqlValue[];

/** `?` placeholders become `$1, $2, …` (our SQL never has a literal question mark). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function over(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    dialect: 'postgres',
    all: async <T>(sql: string, params: Params = []) => (await client.query(numbered(sql), params as unknown[])).rows as T[],
    get: async <T>(sql: string, params: Params = []) => (await client.query(numbered(sql), params as unknown[])).rows[0] as T | undefined,
    run: async (sql: string, params: Params = []) => ({ changes: (await client.query(numbered(sql), params as unknown[])).rowCount ?? 0 }),
  };
}

// BIGINT columns (the global sequence) come back as JS numbers: 2^53 events is beyond any district.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/** The shared deployment's database: PostgreSQL, one pool per service node. */
export class PostgresDatabase implements Database {
  readonly dialect = 'postgres' as const;
  private readonly pool: pg.Pool;
  private readonly direct: Queryable;

  constructor(connectionString: string, options: { max?: number; schema?: string } = {}) {
    this.pool = new pg.Pool({
      connectionString,
      max: options.max ?? 10,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    this.direct = over(this.pool);
  }

  all<T>(sql: string, params?: Params): Promise<T[]> {
    return this.direct.all<T>(sql, params);
  }

  get<T>(sql: string, params?: Params): Promise<T | undefined> {
    return this.direct.get<T>(sql, params);
  }

  run(sql: string, params?: Params): Promise<{ changes: number }> {
    return this.direct.run(sql, params);
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(over(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
