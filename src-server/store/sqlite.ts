import { commandsUnderWay, inCommand, onCommandsSettled, READS_HELD_MS } from './command-lane';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database, Queryable, SqlValue } from './db';
import { openSqlite, type SqliteDriver, type SqliteStatement } from './sqlite-driver';

type Params = readonly SqlValue[];

function bind(params: Params): unknown[] {
  // SQLite drivers take no booleans; SQLite stores them as 0/1.
  return params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
}

/**
 * The embedded default: SQLite (better-sqlite3, or node:sqlite inside Electron), in WAL mode
 * with synchronous=NORMAL — a committed transaction survives a crash of the process
 * (MEASURED.md: ≈ 51,600 single-row commits/s here) while the desk keeps its memory for Cesium
 * and video.
 */
export class SqliteDatabase implements Database {
  readonly dialect = 'sqlite' as const;
  private readonly db: SqliteDriver;
  private readonly statements = new Map<string, SqliteStatement>();
  private inTransaction = false;
  /** Transactions and statements queue here, so an async transaction is never interleaved. */
  private readonly commandJobs: (() => Promise<void>)[] = [];
  private readonly readJobs: (() => Promise<void>)[] = [];
  private readonly idleWaiters: (() => void)[] = [];
  private busy = false;
  private readsHeldSince: number | undefined;
  private lastRead: (() => Promise<void>) | undefined;
  private heldTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly stopListening = onCommandsSettled(() => {
    this.readsHeldSince = undefined;
    this.pump();
  });

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = openSqlite(file);
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
  }

  /** Which driver opened the file (logged at start: a desk support question). */
  get driver(): SqliteDriver['name'] {
    return this.db.name;
  }

  private statement(sql: string): SqliteStatement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  private direct(): Queryable {
    return {
      dialect: 'sqlite',
      all: async <T>(sql: string, params: Params = []) => this.statement(sql).all(...bind(params)) as T[],
      get: async <T>(sql: string, params: Params = []) => this.statement(sql).get(...bind(params)) as T | undefined,
      run: async (sql: string, params: Params = []) => ({ changes: Number(this.statement(sql).run(...bind(params)).changes) }),
    };
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      (inCommand() ? this.commandJobs : this.readJobs).push(() => work().then(resolve, reject));
      this.pump();
    });
  }

  /** One job at a time; a command's before any read's, and reads held while one is under way (command-lane.ts). */
  private pump(): void {
    if (this.busy) return;
    let job = this.commandJobs.shift();
    if (!job && this.readJobs.length > 0) {
      const now = performance.now();
      if (commandsUnderWay() > 0 && now - (this.readsHeldSince ??= now) < READS_HELD_MS) {
        this.heldTimer ??= setTimeout(() => {
          this.heldTimer = undefined;
          this.pump();
        }, READS_HELD_MS);
        return;
      }
      this.readsHeldSince = undefined;
      job = this.readJobs.shift();
      this.lastRead = job;
    }
    if (!job) {
      for (const idle of this.idleWaiters.splice(0)) idle();
      return;
    }
    this.busy = true;
    const afterRead = job === this.lastRead;
    void job().finally(() => {
      this.busy = false;
      // After a read, let the event loop take in what arrived (a desk's command) before the
      // next job: chained as promises, a backlog of reads ran as one microtask chain and kept
      // every socket waiting for a second.
      if (afterRead) setImmediate(() => this.pump());
      else this.pump();
    });
  }

  all<T>(sql: string, params?: Params): Promise<T[]> {
    return this.exclusive(() => this.direct().all<T>(sql, params));
  }

  get<T>(sql: string, params?: Params): Promise<T | undefined> {
    return this.exclusive(() => this.direct().get<T>(sql, params));
  }

  run(sql: string, params?: Params): Promise<{ changes: number }> {
    return this.exclusive(() => this.direct().run(sql, params));
  }

  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      // Prepared once: parsing BEGIN/COMMIT on every command showed up in profiles.
      this.statement('BEGIN IMMEDIATE').run();
      this.inTransaction = true;
      try {
        const result = await work(this.direct());
        this.statement('COMMIT').run();
        this.inTransaction = false;
        return result;
      } catch (error) {
        if (this.inTransaction) this.statement('ROLLBACK').run();
        this.inTransaction = false;
        throw error;
      }
    });
  }

  /** Runs several statements at once (migrations). */
  exec(sql: string): void {
    this.db.exec(sql);
  }

  async close(): Promise<void> {
    if (this.busy || this.commandJobs.length + this.readJobs.length > 0) await new Promise<void>((idle) => this.idleWaiters.push(idle));
    this.stopListening();
    if (this.heldTimer) clearTimeout(this.heldTimer);
    this.db.close();
  }
}
