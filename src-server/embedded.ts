import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ConfigError, intakeKeys, resolveConfig, videoOptions, sqliteFile } from './config';
import { createServiceLogger } from './log';
import { startWebDesk } from './web-desk';

/**
 * The embedded case service: the process the Electron desk starts (utilityProcess) on
 * loopback, with its data in the app's user-data folder (GRID_DATA_DIR). It tells its parent
 * where it listens with one message `{ type: 'ready', origin }`, or `{ type: 'failed', message }`.
 */
interface ParentPort {
  postMessage(message: unknown): void;
}

function tellParent(message: { type: 'ready'; origin: string } | { type: 'failed'; message: string }): void {
  // Electron's utilityProcess has process.parentPort; a Node child process has process.send.
  const port = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (port) port.postMessage(message);
  else if (process.send) process.send(message);
  else process.stdout.write(`${JSON.stringify(message)}\n`);
}

async function main(): Promise<void> {
  const logger = createServiceLogger();
  const config = resolveConfig({
    env: process.env,
    // The desk decides the port: 0 = any free one on loopback; the origin goes back in 'ready'.
    flags: { host: '127.0.0.1', port: Number(process.env['GRID_PORT'] ?? 0), serveDesk: false },
    defaults: { dataDir: process.env['GRID_DATA_DIR'] ?? join(tmpdir(), 'grid-command-centre') },
  });
  const desk = await startWebDesk({
    host: config.host,
    port: config.port,
    ...(config.districtDir ? { districtDir: config.districtDir } : {}),
    logger,
    storage: config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'sqlite', file: sqliteFile(config) },
    demo: config.demo,
    tokens: config.tokens,
    duplicates: config.duplicates,
    deadlines: config.deadlines,
    simulator: config.simulator.enabled && config.demo ? config.simulator : false,
    intake: intakeKeys(config),
    video: videoOptions(config),
    map: config.map,
  });
  tellParent({ type: 'ready', origin: desk.origin });
  const stop = (): void => {
    desk.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? `configuration: ${error.message}` : error instanceof Error ? error.message : String(error);
  tellParent({ type: 'failed', message });
  process.exit(1);
});
