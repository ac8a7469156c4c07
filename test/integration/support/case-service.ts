import { createServer, type Server as HttpServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { pino } from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../src-shared/contract/socket';
import type { District } from '../../../src-shared/district/types';
import { loadDistrict } from '../../../src-server/district/load';
import { attachRealtime, type GridIo } from '../../../src-server/realtime/socket-server';
import { createCaseService, type CaseServiceParts, type StorageConfig } from '../../../src-server/service/bootstrap';

export type Dialect = 'sqlite' | 'postgres';
export const DIALECTS: Dialect[] = ['sqlite', 'postgres'];
export const PG_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

let districtOnce: Promise<District> | undefined;
export function demoDistrict(): Promise<District> {
  districtOnce ??= loadDistrict();
  return districtOnce;
}

/** A fresh, empty database of the dialect: a temp file, or a new schema in the test database. */
export async function freshStorage(dialect: Dialect): Promise<{ storage: StorageConfig; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'grid-test-'));
    return { storage: { kind: 'sqlite', file: join(dir, 'cases.db') }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  return {
    storage: { kind: 'postgres', url: PG_URL, schema },
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

export interface TestService {
  url: string;
  parts: CaseServiceParts;
  io: GridIo;
  http: HttpServer;
  /** Closes the server and the database (keeps the data). */
  stop(): Promise<void>;
  /** Stops and drops the data. */
  close(): Promise<void>;
}

export async function startTestService(dialect: Dialect, options: { storage?: { storage: StorageConfig; drop: () => Promise<void> }; clock?: () => Date } = {}): Promise<TestService> {
  const fresh = options.storage ?? (await freshStorage(dialect));
  const logger = pino({ level: process.env['LOG_LEVEL'] ?? 'silent' });
  const parts = await createCaseService(
    { storage: fresh.storage, district: await demoDistrict(), demo: true, tokens: { 'token-leader': 'leader-1' }, ...(options.clock ? { clock: options.clock } : {}) },
    logger,
  );
  const http = createServer();
  const io = attachRealtime(http, parts.service, parts.people, logger);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const stop = async () => {
    io.disconnectSockets(true);
    await new Promise<void>((resolve) => io.close(() => resolve()));
    await parts.db.close();
  };
  return { url, parts, io, http, stop, close: async () => { await stop(); await fresh.drop(); } };
}

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

export async function connectAs(url: string, userId: string): Promise<Client> {
  const socket: Client = connect(url, { auth: { as: userId }, transports: ['websocket'], forceNew: true, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

let n = 0;
export function newCommandId(): string {
  n += 1;
  return `test-${process.pid}-${Date.now().toString(36)}-${n}`;
}
