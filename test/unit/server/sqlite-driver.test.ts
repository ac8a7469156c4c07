import { describe, expect, it } from 'vitest';
import { openSqlite } from '../../../src-server/store/sqlite-driver';

describe('the SQLite driver the runtime can load', () => {
  it('uses better-sqlite3 in plain Node, with one interface for rows and changes', () => {
    const db = openSqlite(':memory:');
    expect(db.name).toBe(process.versions['electron'] ? 'node:sqlite' : 'better-sqlite3');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)');
    expect(Number(db.prepare('INSERT INTO t (name) VALUES (?)').run('多福巷').changes)).toBe(1);
    expect(db.prepare('SELECT name FROM t WHERE id = ?').get(1)).toEqual({ name: '多福巷' });
    // A statement that returns rows can be run for its effect too (PRAGMA, SELECT under run()).
    expect(db.prepare('SELECT COUNT(*) AS n FROM t').run().changes).toBe(0);
    db.close();
  });

  it('says clearly when node:sqlite is asked for and this Node has none', () => {
    const hasNodeSqlite = Boolean((process as unknown as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule?.('node:sqlite'));
    if (hasNodeSqlite) expect(openSqlite(':memory:', 'node').name).toBe('node:sqlite');
    else expect(() => openSqlite(':memory:', 'node')).toThrow(/no node:sqlite/);
  });
});
