import type { Logger } from 'pino';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { summarizeDistrict } from './district/summary';
import { webDeskCsp } from './http/page-policy';
import { startHttpServer, type ApiRoute, type RunningHttpServer } from './http/server';
import { attachRealtime, type GridIo } from './realtime/socket-server';
import { snapshotRoutes } from './realtime/snapshot-route';
import { replayRoutes } from './replay/replay-routes';
import { districtMapRoutes } from './district/map-routes';
import { mapSettingsSchema, type MapSettings } from '../src-shared/contract/map';
import { emergencyRoutes } from './emergency/routes';
import { accountRoutes } from './accounts/routes';
import { createCaseService, type CaseServiceParts, type StorageConfig } from './service/bootstrap';
import type { DuplicateRules } from './service/duplicates';
import { DeadlineWatcher } from './service/deadline-watcher';
import { intakeRoutes, PhotoStore, type IntakeOptions } from './intake/routes';
import { DemoClock } from './simulator/clock';
import { Simulator } from './simulator/simulator';
import { cameraVideo, type CameraVideo, type VideoOptions } from './video/camera-routes';

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
  /** Deadline reminders, overdue alerts and 督办; off in tests that drive alarms themselves. */
  deadlines?: { reminderShare: number; supervisionMultiple: number; tickSeconds: number } | false;
  clock?: () => Date;
  /** The demo simulator (a live district); off by default, on in `npm run serve`. */
  simulator?: SimulatorSettings | false;
  /** Told about first-start progress (the backfill takes a while). */
  onProgress?: (message: string) => void;
  /** API keys of the outside systems that report (Open311 apps, the 12345 hotline, camera gateways). */
  intake?: Partial<Omit<IntakeOptions, 'open311ApiKeys'>> & { open311ApiKeys?: readonly string[] };
  /** Camera streams: configured gateway URLs, and the demo's own ffmpeg encoders. */
  video?: VideoOptions;
  /** The 3D city view's base map (default: bundled offline imagery, GCJ-02 district data). */
  map?: MapSettings;
  /** How often this node looks for sessions ended and accounts disabled by another process. */
  signOffPollMs?: number;
}

export interface SimulatorSettings {
  seed: number;
  profile: 'mature' | 'struggling';
  ratePerDay: number;
  speed: number;
  backfillHours: number;
  centre: boolean;
}

export interface RunningWebDesk extends RunningHttpServer {
  /** The URL a person opens: the queue view. */
  deskUrl: string;
  parts: CaseServiceParts;
  io: GridIo;
  simulator: Simulator | undefined;
  video: CameraVideo;
}

/**
 * The case service with its web desk: the built renderer, the JSON API and socket.io on one
 * origin, so a plain browser (or a big-screen PC without the desk installed) needs only a URL.
 * The Electron desk starts the same thing in its own process.
 */
export async function startWebDesk(options: WebDeskOptions): Promise<RunningWebDesk> {
  const { logger } = options;
  const startedAt = performance.now();
  // The demo runs on the simulator's clock (it may be accelerated); it is plugged in below,
  // once the store says where the district's time stands.
  let clock: () => Date = options.clock ?? (() => new Date());
  const parts = await createCaseService(
    {
      storage: options.storage ?? { kind: 'sqlite', file: ':memory:' },
      ...(options.districtDir ? { districtDir: options.districtDir } : {}),
      demo: options.demo ?? true,
      ...(options.tokens ? { tokens: options.tokens } : {}),
      clock: () => clock(),
    },
    logger,
  );
  let demoClock: DemoClock | undefined;
  let simulator: Simulator | undefined;
  if (options.simulator) {
    const settings = options.simulator;
    // Never go back in time: a demo that ran accelerated is ahead of the wall clock.
    const last = await parts.db.get<{ at: string | null }>('SELECT MAX(at) AS at FROM case_events');
    const start = new Date(Math.max(clock().getTime(), last?.at ? Date.parse(last.at) : 0));
    demoClock = new DemoClock({ start, speed: settings.speed });
    const c = demoClock;
    clock = () => c.now();
    simulator = new Simulator(parts.service, parts.district.district, {
      seed: settings.seed,
      profile: settings.profile,
      clock: demoClock,
      ratePerDay: settings.ratePerDay,
      speed: settings.speed,
      centre: settings.centre,
    });
    if (settings.backfillHours > 0) {
      const isEmpty = Number((await parts.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM cases'))?.n ?? 0) === 0;
      if (isEmpty) {
        options.onProgress?.(`First start: simulating the district's last ${settings.backfillHours} h of history (${settings.ratePerDay.toLocaleString('en')} reports/day) …`);
        const t0 = performance.now();
        await simulator.backfillIfEmpty(settings.backfillHours / 24);
        const stats = await simulator.stats();
        options.onProgress?.(`  … ${stats.applied.toLocaleString('en')} commands in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
        // The backfill took real time: catch the demo clock up with the wall clock.
        demoClock.hold(new Date(Math.max(Date.now(), demoClock.nowMs())));
      }
    }
  }
  if (options.duplicates) parts.service.duplicateRules = options.duplicates;
  // The district does not change while the service runs, so the summary is computed once.
  const summary = summarizeDistrict(parts.district.district);
  logger.info(
    { district: summary.name, grids: summary.grids, dialect: parts.db.dialect, ms: Math.round(performance.now() - startedAt) },
    'case service ready',
  );

  const map = options.map ?? mapSettingsSchema.parse({});
  const video = await cameraVideo({ cameras: parts.district.district.cameras, people: parts.people, demo: options.demo ?? true, logger, ...(options.video ? { options: options.video } : {}) });
  const routes: ApiRoute[] = [
    ...video.routes,
    { method: 'GET', path: '/api/district/summary', answer: () => summary },
    ...districtMapRoutes(parts.district.district, map),
    ...snapshotRoutes(parts.service, parts.people),
    ...emergencyRoutes(parts.service, parts.people),
    ...accountRoutes(parts.accounts, parts.people),
    ...replayRoutes(parts.service, parts.people),
    ...intakeRoutes({
      service: parts.service,
      people: parts.people,
      logger,
      options: { ...options.intake, open311ApiKeys: options.intake?.open311ApiKeys ?? [] },
    }),
  ];
  const http = await startHttpServer({
    host: options.host,
    port: options.port,
    // Without a renderer (a headless service node) static paths simply answer 404.
    staticRoot: options.rendererDir ?? '/nonexistent-renderer',
    routes,
    logger: logger.child({ part: 'http' }),
    // The pages may reach the configured camera gateways and map servers, nothing else remote.
    contentSecurityPolicy: webDeskCsp({ cameraUrls: options.video?.cameraUrls ?? {}, map }),
  });

  let redis: ReturnType<typeof createClient> | undefined;
  if (options.redisUrl) {
    redis = createClient({ url: options.redisUrl });
    await redis.connect();
  }
  const io = attachRealtime(http.server, parts.service, parts.people, logger.child({ part: 'realtime' }), {
    ...(redis ? { adapter: createAdapter(redis) } : {}),
    ...(demoClock ? { clockRate: () => (demoClock as DemoClock).speed } : {}),
  });

  const deadlines = options.deadlines ?? { reminderShare: 0.8, supervisionMultiple: 2, tickSeconds: 30 };
  const watcher = deadlines
    ? new DeadlineWatcher(parts.service, logger.child({ part: 'deadlines' }), {
        tickMs: deadlines.tickSeconds * 1000,
        thresholds: { reminderShare: deadlines.reminderShare, supervisionMultiple: deadlines.supervisionMultiple },
        ...(demoClock ? { clockRate: () => (demoClock as DemoClock).speed } : {}),
      })
    : undefined;
  await watcher?.start();
  // Sign-offs made elsewhere (the admin CLI, another node) close this node's windows within seconds.
  const stopSignOffWatch = parts.accounts.watchSignOffs(options.signOffPollMs ?? 2_000);
  simulator?.start();
  // Photos uploaded for a report that never became a case (a crash between the two) are
  // removed after a day; the sweep runs at start and hourly.
  const photos = new PhotoStore(parts.db);
  const sweep = () => void photos.sweepPending(new Date(parts.service.now().getTime() - 24 * 3_600_000)).catch((err: unknown) => logger.warn({ err }, 'photo sweep failed'));
  sweep();
  const sweeper = setInterval(sweep, 3_600_000);
  sweeper.unref();

  return {
    ...http,
    deskUrl: `${http.origin}/#/queue`,
    parts,
    io,
    simulator,
    video,
    close: async () => {
      await video.close();
      stopSignOffWatch();
      clearInterval(sweeper);
      await simulator?.stop();
      await watcher?.stop();
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await http.close().catch(() => undefined);
      if (redis) await redis.quit().catch(() => undefined);
      await parts.db.close();
    },
  };
}
