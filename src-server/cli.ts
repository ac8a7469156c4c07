import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CONFIG_HELP, ConfigError, intakeKeys, resolveConfig, videoOptions, sqliteFile, type ServiceConfig } from './config';
import { createServiceLogger } from './log';
import { buildRenderer, defaultRendererDir, isRendererStale, projectRoot } from './renderer-build';
import { startWebDesk } from './web-desk';

const USAGE = `Usage: npm run serve -- [options]     (tsx src-server/cli.ts serve [options])

Starts the case service and the web desk: the renderer, the HTTP API and socket.io on one
origin. With no options it runs the live demo district: embedded SQLite in ./var/demo, demo
sign-in, and the simulator (first start backfills a day of history).

A shared deployment (several desks, the big screen, departments) runs the same command with
--no-demo --database-url postgres://… and, for several service nodes, --redis-url redis://….

Options:
  --port N             port to listen on (default 5178; 0 picks a free one)
  --host H             address to bind (default 127.0.0.1; 0.0.0.0 opens it to the network)
  --config FILE        JSON configuration file (see below)
  --data DIR           data folder for the embedded database (default ./var/demo)
  --database-url URL   PostgreSQL for a shared deployment
  --redis-url URL      Redis, to share live updates between service nodes
  --district DIR       folder with the district files (default resources/district)
  --no-demo            require sign-in (accounts: npm run admin) instead of demo users
  --no-simulator       do not simulate the district
  --speed N            demo clock runs N× real time (simulator)
  --profile P          simulator profile: mature | struggling
  --no-desk            serve only the API and sockets (no renderer)
  --help               show this text

${CONFIG_HELP}

Environment: LOG_LEVEL=debug|info|warn (default info)`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\nRun with --help for the options.\n`);
  process.exit(2);
}

function flagsFrom(values: Record<string, string | boolean | undefined>): Record<string, unknown> {
  const flags: Record<string, unknown> = {};
  const simulator: Record<string, unknown> = {};
  if (values['port'] !== undefined) {
    const port = Number(values['port']);
    if (!Number.isInteger(port)) fail(`--port must be a whole number 0–65535, not "${String(values['port'])}".`);
    flags['port'] = port;
  }
  if (values['host'] !== undefined) flags['host'] = values['host'];
  if (values['data'] !== undefined) flags['dataDir'] = values['data'];
  if (values['database-url'] !== undefined) flags['databaseUrl'] = values['database-url'];
  if (values['redis-url'] !== undefined) flags['redisUrl'] = values['redis-url'];
  if (values['district'] !== undefined) flags['districtDir'] = values['district'];
  if (values['no-demo']) flags['demo'] = false;
  if (values['no-desk']) flags['serveDesk'] = false;
  if (values['no-simulator']) simulator['enabled'] = false;
  if (values['speed'] !== undefined) simulator['speed'] = Number(values['speed']);
  if (values['profile'] !== undefined) simulator['profile'] = values['profile'];
  if (Object.keys(simulator).length) flags['simulator'] = simulator;
  return flags;
}

async function serve(config: ServiceConfig): Promise<void> {
  const logger = createServiceLogger();
  const root = projectRoot();
  const rendererDir = defaultRendererDir(root);
  if (config.serveDesk && isRendererStale(rendererDir, root)) {
    process.stdout.write(`Building the renderer into ${rendererDir} (electron-vite build)…\n`);
    await buildRenderer(root);
  }
  const desk = await startWebDesk({
    host: config.host,
    port: config.port,
    ...(config.serveDesk ? { rendererDir } : {}),
    ...(config.districtDir ? { districtDir: config.districtDir } : {}),
    logger,
    storage: config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'sqlite', file: sqliteFile(config) },
    demo: config.demo,
    tokens: config.tokens,
    ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
    duplicates: config.duplicates,
    deadlines: config.deadlines,
    simulator: config.simulator.enabled && config.demo ? config.simulator : false,
    intake: intakeKeys(config),
    video: videoOptions(config),
    map: config.map,
    onProgress: (message) => process.stdout.write(`${message}\n`),
  });
  // Wildcard binds are reachable on loopback too; print a URL a person can click.
  const shownOrigin = config.host === '0.0.0.0' || config.host === '::' ? `http://127.0.0.1:${desk.port}` : desk.origin;
  const where = config.databaseUrl ? 'PostgreSQL' : sqliteFile(config);
  process.stdout.write(`Grid command centre (web desk) at ${shownOrigin}/#/queue   [data: ${where}]\n`);

  const stop = (signal: string): void => {
    logger.info({ signal }, 'stopping');
    desk.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function main(argv: readonly string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        config: { type: 'string' },
        data: { type: 'string' },
        'database-url': { type: 'string' },
        'redis-url': { type: 'string' },
        district: { type: 'string' },
        'no-demo': { type: 'boolean' },
        'no-simulator': { type: 'boolean' },
        'no-desk': { type: 'boolean' },
        speed: { type: 'string' },
        profile: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const [command = 'serve', ...rest] = positionals;
  if (command !== 'serve' || rest.length > 0) fail(`Unknown command "${positionals.join(' ')}".`);
  let config: ServiceConfig;
  try {
    config = resolveConfig({
      ...(values.config ? { file: values.config } : {}),
      env: process.env,
      flags: flagsFrom(values),
      defaults: { dataDir: join(projectRoot(), 'var', 'demo') },
    });
  } catch (error) {
    if (error instanceof ConfigError) fail(`The configuration is not valid:\n${error.message}`);
    throw error;
  }
  await serve(config);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`The web desk did not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
