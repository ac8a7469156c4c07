import BetterSqlite3 from 'better-sqlite3';

/**
 * The few calls the store makes of an SQLite driver. Two drivers fit: better-sqlite3 (plain
 * Node, the web desk and CI) and Node's own `node:sqlite` (inside the Electron desk, whose Node
 * has it: better-sqlite3 is a native module built for one ABI, and a desk must not depend on
 * rebuilding it for Electron's).
 */
export interface SqliteStatement {
  run(...params: unknown[]): { changes: number | bigint };
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
}

export interface SqliteDriver {
  readonly name: 'better-sqlite3' | 'node:sqlite';
  prepare(sql: string): SqliteStatement;
  exec(sql: string): void;
  close(): void;
}

interface NodeSqliteModule {
  DatabaseSync: new (path: string) => { prepare(sql: string): SqliteStatement; exec(sql: string): void; close(): void };
}

/** `node:sqlite`, when this runtime has it (Node ≥ 22.13 without a flag; Electron's Node). */
function nodeSqlite(): NodeSqliteModule | undefined {
  const getBuiltin = (process as unknown as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  try {
    return getBuiltin?.('node:sqlite') as NodeSqliteModule | undefined;
  } catch {
    return undefined;
  }
}

function betterSqlite(file: string): SqliteDriver {
  const db = new BetterSqlite3(file);
  return {
    name: 'better-sqlite3',
    prepare: (sql) => {
      const s = db.prepare(sql);
      // better-sqlite3 refuses run() on a statement that returns rows.
      return s.reader ? { run: (...p) => (s.all(...p), { changes: 0 }), all: (...p) => s.all(...p), get: (...p) => s.get(...p) } : s;
    },
    exec: (sql) => void db.exec(sql),
    close: () => db.close(),
  };
}

/**
 * Opens the file with the driver this runtime can load: Electron's own `node:sqlite` inside the
 * desk, better-sqlite3 elsewhere. GRID_SQLITE_DRIVER=node|better forces one (tests, diagnosis).
 */
export function openSqlite(file: string, prefer = process.env['GRID_SQLITE_DRIVER']): SqliteDriver {
  const inElectron = Boolean((process.versions as Record<string, string | undefined>)['electron']);
  const native = nodeSqlite();
  if (native && (prefer === 'node' || (prefer !== 'better' && inElectron))) {
    const db = new native.DatabaseSync(file);
    return { name: 'node:sqlite', prepare: (sql) => db.prepare(sql), exec: (sql) => db.exec(sql), close: () => db.close() };
  }
  if (prefer === 'node') throw new Error('GRID_SQLITE_DRIVER=node, but this runtime has no node:sqlite (Node ≥ 22.13 needed)');
  return betterSqlite(file);
}
