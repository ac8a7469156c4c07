import { describe, expect, it } from 'vitest';
import { asCommand } from '../../../src-server/store/command-lane';
import { SqliteDatabase } from '../../../src-server/store/sqlite';

/** The embedded database takes a command's statements before reads queued earlier. */
describe('the command lane to SQLite', () => {
  it("runs a command's statements ahead of a backlog of reads, then the reads", async () => {
    const db = new SqliteDatabase(':memory:');
    await db.run('CREATE TABLE t (n INTEGER)');
    const order: string[] = [];
    const reads = Array.from({ length: 6 }, (_, i) => db.all('SELECT COUNT(*) AS c FROM t').then(() => order.push(`read ${i}`)));
    const command = asCommand(async () => {
      await db.run('INSERT INTO t (n) VALUES (1)');
      order.push('command step 1');
      await db.run('INSERT INTO t (n) VALUES (2)');
      order.push('command step 2');
    });
    await Promise.all([...reads, command]);
    // The first read was already running; the command's two steps come before the other five.
    expect(order.indexOf('command step 2')).toBeLessThan(order.indexOf('read 2'));
    expect(order.filter((o) => o.startsWith('read'))).toHaveLength(6);
    expect(await db.get<{ c: number }>('SELECT COUNT(*) AS c FROM t')).toEqual({ c: 2 });
    await db.close();
  });
});
