import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAILY_TABLE_NAMES, DAILY_TABLES } from '../../../src-server/store/kpi-daily';
import { DIALECTS, startTestService, type TestService } from '../support/case-service';

interface Column {
  name: string;
  type: string;
  notNull: boolean;
  /** Position in the primary key, 1-based; 0 = not in it. */
  pk: number;
}

/**
 * Migration 5 is literal SQL, frozen as it shipped; the rollup's code (DAILY_TABLES) names the
 * tables it writes. If they drift apart, a fresh database and the rollup disagree: this fails,
 * and the change to the rollup needs a migration of its own that alters the tables and rebuilds.
 */
describe.each(DIALECTS)('the daily rollup writes the tables the migrations made (%s)', (dialect) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService(dialect);
  });
  afterAll(async () => svc?.close());

  async function columnsOf(table: string): Promise<Column[]> {
    const db = svc.parts.db;
    if (db.dialect === 'sqlite') {
      const rows = await db.all<{ name: string; type: string; notnull: number; pk: number }>(`PRAGMA table_info(${table})`);
      return rows.map((r) => ({ name: r.name, type: r.type.toUpperCase(), notNull: r.notnull === 1, pk: r.pk }));
    }
    const rows = await db.all<{ name: string; type: string; nullable: string }>(
      `SELECT column_name AS name, data_type AS type, is_nullable AS nullable FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position`,
      [table],
    );
    const keys = await db.all<{ name: string; position: number }>(
      `SELECT k.column_name AS name, k.ordinal_position AS position FROM information_schema.table_constraints c
       JOIN information_schema.key_column_usage k ON k.constraint_name = c.constraint_name AND k.table_schema = c.table_schema
       WHERE c.table_schema = current_schema() AND c.table_name = ? AND c.constraint_type = 'PRIMARY KEY'`,
      [table],
    );
    const pk = new Map(keys.map((k) => [k.name, Number(k.position)]));
    return rows.map((r) => ({ name: r.name, type: r.type.toUpperCase(), notNull: r.nullable === 'NO', pk: pk.get(r.name) ?? 0 }));
  }

  it.each(DAILY_TABLE_NAMES)('%s: its keys, in key order, and its counters', async (table) => {
    const { keys, counters } = DAILY_TABLES[table];
    const columns = await columnsOf(table);
    expect(columns.length, `${table} exists`).toBeGreaterThan(0);
    const keyColumns = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    expect(keyColumns.map((c) => c.name)).toEqual([...keys]);
    expect(keyColumns.every((c) => c.type === 'TEXT' && c.notNull)).toBe(true);
    const counterColumns = columns.filter((c) => c.pk === 0);
    expect(counterColumns.map((c) => c.name).sort()).toEqual([...counters].sort());
    expect(counterColumns.every((c) => c.type === 'INTEGER' && c.notNull)).toBe(true);
  });
});
