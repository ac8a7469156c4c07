import type { Logger } from 'pino';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { summarizeDistrict } from './district/summary';
import { startHttpServer, type ApiRoute, type RunningHttpServer } from './http/server';
import { attachRealtime, type GridIo } from './realtime/socket-server';
import { createCaseService, type CaseServiceParts, type StorageConfig } from './service/bootstrap';
import type { DuplicateRules } from './service/duplicates';

export interface WebDeskOptions {
  host: string;
  port: number;
  /** The built renderer (out/renderer); without it only the API and sockets are served. */
  rendererDir?: string;
  /** The district files; loadDistrict's default (resources/district) when omitted. */
  districtDir?: string;
  logger: Logger;
  /** Default: an in-memory SQLite database (tests); the CLI passes the data folder's file. */
  storage?: StorageConfig;
  demo?: boolean;
  tokens?: Record<string, string>;
  redisUrl?: string;
  duplicates?: DuplicateRules;
  clock?: () => Date;
}

export interface RunningWebDesk extends RunningHttpServer {
  /** The URL a person opens: the queue view. */
  deskUrl: string;
  parts: CaseServiceParts;
  io: GridIo;
}

/**
 * The case service with its web desk: the built renderer, the JSON API and socket.io on one
 * origin, so a plain browser (or a big-screen PC without the desk installed) needs only a URL.
 * The Electron desk starts the same thing in its own process.
 */
export async function startWebDesk(options: WebDeskOptions): Promise<RunningWebDesk> {
  const { logger } = options;
  const startedAt = performance.now();
  const parts = await createCaseService(
    {
      storage: options.storage ?? { kind: 'sqlite', file: ':memory:' },
      ...(options.districtDir ? { districtDir: options.districtDir } : {}),
      demo: options.demo ?? true,
      ...(options.tokens ? { tokens: options.tokens } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
    },
    logger,
  );
  if (options.duplicates) parts.service.duplicateRules = options.duplicates;
  // The district does not change while the service runs, so the summary is computed once.
  const summary = summarizeDistrict(parts.district.district);
  logger.info(
    { district: summary.name, grids: summary.grids, dialect: parts.db.dialect, ms: Math.round(performance.now() - startedAt) },
    'case service ready',
  );

  const routes: ApiRoute[] = [{ method: 'GET', path: '/api/district/summary', answer: () => summary }];
  const http = await startHttpServer({
    host: options.host,
    port: options.port,
    // Without a renderer (a headless service node) static paths simply answer 404.
    staticRoot: options.rendererDir ?? '/nonexistent-renderer',
    routes,
    logger: logger.child({ part: 'http' }),
  });

  let redis: ReturnType<typeof createClient> | undefined;
  if (options.redisUrl) {
    redis = createClient({ url: options.redisUrl });
    await redis.connect();
  }
  const io = attachRealtime(http.server, parts.service, parts.people, logger.child({ part: 'realtime' }), redis ? { adapter: createAdapter(redis) } : {});

  return {
    ...http,
    deskUrl: `${http.origin}/#/queue`,
    parts,
    io,
    close: async () => {
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await http.close().catch(() => undefined);
      if (redis) await redis.quit().catch(() => undefined);
      await parts.db.close();
    },
  };
}
