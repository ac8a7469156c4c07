import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { mapSettingsSchema } from '../src-shared/contract/map';

/**
 * The service's configuration: defaults, then a JSON file (`--config`), then environment
 * variables (GRID_*), then command-line flags — later wins. One schema checks the result, so a
 * typo is a clear error at start, not a surprise at 3 a.m.
 */
export const serviceConfigSchema = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(5178),
  /** Where the embedded database lives (SQLite), when no databaseUrl is given. */
  dataDir: z.string().min(1),
  /** postgres://… : the shared deployment's database. Absent: embedded SQLite in dataDir. */
  databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres://').optional(),
  /** redis://… : share rooms between several service nodes (socket.io Redis Streams adapter). */
  redisUrl: z.string().regex(/^rediss?:\/\//, 'must start with redis://').optional(),
  districtDir: z.string().optional(),
  /** Demo mode: windows sign in as demo users (`?as=`), and the simulator makes the district live. */
  demo: z.boolean().default(true),
  /** Bearer tokens → user ids, for shared deployments without demo sign-in. */
  tokens: z
    .record(z.string(), z.string())
    .refine((tokens) => Object.keys(tokens).every((t) => t.length >= 16), 'tokens must be at least 16 characters')
    .default({}),
  /** Keys of the outside systems that report: Open311 apps (`api_key`), the 12345 hotline and camera gateways (`x-api-key`). */
  open311ApiKeys: z.array(z.string().min(8)).default([]),
  hotlineApiKeys: z.array(z.string().min(8)).default([]),
  cameraApiKeys: z.array(z.string().min(8)).default([]),
  /** Camera id → its HLS URL on the video gateway (real deployments); the demo encodes its own. */
  cameras: z.record(z.string(), z.url()).default({}),
  video: z.object({ ffmpegPath: z.string().default('/usr/bin/ffmpeg'), maxStreams: z.number().int().min(1).max(64).default(16), idleSeconds: z.number().positive().default(30) }).prefault({}),
  /** The 3D city view's base map: bundled offline imagery by default; a deployment's WMTS / XYZ imagery and 3D Tiles buildings. */
  map: mapSettingsSchema.prefault({}),
  /** Serve the built renderer (the web desk) on the same origin. */
  serveDesk: z.boolean().default(true),
  simulator: z
    .object({
      enabled: z.boolean().default(true),
      seed: z.number().int().default(2004),
      profile: z.enum(['mature', 'struggling']).default('mature'),
      ratePerDay: z.number().positive().max(200_000).default(4_700),
      speed: z.number().positive().max(1_000).default(1),
      backfillHours: z.number().min(0).max(24 * 30).default(24),
      centre: z.boolean().default(true),
    })
    .prefault({}),
  deadlines: z
    .object({
      reminderShare: z.number().gt(0).lt(1).default(0.8),
      supervisionMultiple: z.number().gt(1).default(2),
      tickSeconds: z.number().positive().default(30),
    })
    .prefault({}),
  duplicates: z
    .object({ radiusM: z.number().positive().max(1_000).default(50), windowHours: z.number().positive().default(72) })
    .prefault({}),
});

export type ServiceConfig = z.infer<typeof serviceConfigSchema>;

/** Accepted by every intake channel in demo mode (documented in --help), never outside it. */
export const DEMO_INTAKE_KEY = 'demo-intake-key';
export type ServiceConfigInput = z.input<typeof serviceConfigSchema>;

const ENV: Record<string, (value: string, into: Record<string, unknown>) => void> = {
  GRID_HOST: (v, c) => (c['host'] = v),
  GRID_PORT: (v, c) => (c['port'] = Number(v)),
  GRID_DATA_DIR: (v, c) => (c['dataDir'] = v),
  GRID_DATABASE_URL: (v, c) => (c['databaseUrl'] = v),
  GRID_REDIS_URL: (v, c) => (c['redisUrl'] = v),
  GRID_DISTRICT_DIR: (v, c) => (c['districtDir'] = v),
  GRID_DEMO: (v, c) => (c['demo'] = v !== '0' && v !== 'false'),
  GRID_SIMULATOR: (v, c) => (c['simulator'] = { ...(c['simulator'] as object), enabled: v !== '0' && v !== 'false' }),
  GRID_SIMULATOR_SPEED: (v, c) => (c['simulator'] = { ...(c['simulator'] as object), speed: Number(v) }),
};

export const CONFIG_HELP = `Configuration (later wins): defaults < --config FILE (JSON) < environment < flags.
  host, port              GRID_HOST, GRID_PORT               --host, --port (0 = any free port)
  dataDir                 GRID_DATA_DIR                      --data DIR   (embedded SQLite lives here)
  databaseUrl             GRID_DATABASE_URL                  --database-url postgres://…  (shared deployment)
  redisUrl                GRID_REDIS_URL                     --redis-url redis://…  (several service nodes)
  districtDir             GRID_DISTRICT_DIR                  --district DIR
  demo                    GRID_DEMO=0 to require tokens      --no-demo
  simulator.enabled       GRID_SIMULATOR=0                   --no-simulator
  simulator.speed         GRID_SIMULATOR_SPEED               --speed N   (demo clock runs N× real time)
  simulator.profile                                          --profile mature|struggling
  simulator.ratePerDay, .seed, .backfillHours, .centre   (file only)
  tokens {"<token>": "<user id>"}, open311ApiKeys / hotlineApiKeys / cameraApiKeys [...]
  (in demo mode the key "demo-intake-key" is accepted by all three), cameras {"<camera id>":
  "https://gateway/…/index.m3u8"} (real deployments; the demo encodes its own with ffmpeg),
  video {ffmpegPath, maxStreams, idleSeconds}, deadlines {reminderShare, supervisionMultiple,
  tickSeconds}, duplicates {radiusM, windowHours}, serveDesk,
  map {districtDatum: "GCJ02"|"WGS84", imagery: {kind: "bundled"} | {kind: "xyz", url, maximumLevel,
  datum} | {kind: "wmts", url, layer, style, tileMatrixSetID, format, maximumLevel, datum},
  buildingsUrl (a 3D Tiles tileset.json)}  (file only; see README "Map imagery")`;

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prior = out[key];
    out[key] =
      value && typeof value === 'object' && !Array.isArray(value) && prior && typeof prior === 'object' && !Array.isArray(prior)
        ? deepMerge(prior as Record<string, unknown>, value as Record<string, unknown>)
        : value;
  }
  return out;
}

export class ConfigError extends Error {}

/** Builds the configuration from its layers; throws ConfigError with every problem listed. */
export function resolveConfig(layers: { file?: string; env?: NodeJS.ProcessEnv; flags?: Record<string, unknown>; defaults: { dataDir: string } }): ServiceConfig {
  let merged: Record<string, unknown> = { dataDir: layers.defaults.dataDir };
  if (layers.file) {
    let text: string;
    try {
      text = readFileSync(resolve(layers.file), 'utf8');
    } catch {
      throw new ConfigError(`cannot read the configuration file ${layers.file}`);
    }
    try {
      merged = deepMerge(merged, JSON.parse(text) as Record<string, unknown>);
    } catch {
      throw new ConfigError(`${layers.file} is not valid JSON`);
    }
  }
  const fromEnv: Record<string, unknown> = {};
  for (const [name, apply] of Object.entries(ENV)) {
    const value = layers.env?.[name];
    if (value !== undefined && value !== '') apply(value, fromEnv);
  }
  merged = deepMerge(deepMerge(merged, fromEnv), layers.flags ?? {});
  const parsed = serviceConfigSchema.safeParse(merged);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`).join('\n'));
  }
  return parsed.data;
}

export function sqliteFile(config: ServiceConfig): string {
  return join(config.dataDir, 'cases.db');
}

/** The demo accepts one documented key on every intake channel, so a newcomer can try them. */
export function intakeKeys(config: ServiceConfig): { open311ApiKeys: string[]; hotlineApiKeys: string[]; cameraApiKeys: string[] } {
  const demo = config.demo ? [DEMO_INTAKE_KEY] : [];
  return {
    open311ApiKeys: [...config.open311ApiKeys, ...demo],
    hotlineApiKeys: [...config.hotlineApiKeys, ...demo],
    cameraApiKeys: [...config.cameraApiKeys, ...demo],
  };
}

/** The video part of the configuration, as the web desk takes it. */
export function videoOptions(config: ServiceConfig): { cameraUrls: Record<string, string>; ffmpegPath: string; maxEncoders: number; idleSeconds: number } {
  return { cameraUrls: config.cameras, ffmpegPath: config.video.ffmpegPath, maxEncoders: config.video.maxStreams, idleSeconds: config.video.idleSeconds };
}
