import { parseArgs } from 'node:util';
import { createServiceLogger } from './log';
import { buildRenderer, defaultRendererDir, isRendererBuilt, projectRoot } from './renderer-build';
import { startWebDesk } from './web-desk';

const USAGE = `Usage: npm run serve -- [options]     (tsx src-server/cli.ts serve [options])

Starts the web desk: the built renderer and the case service's API on one origin,
for a plain browser. Builds out/renderer first if it is missing.

Options:
  --port N      port to listen on (default 5178; 0 picks a free one)
  --host H      address to bind (default 127.0.0.1; 0.0.0.0 opens it to the network)
  --district D  folder with the district files (default resources/district)
  --help        show this text

Environment: LOG_LEVEL=debug|info|warn (default info)`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a whole number 0–65535, not "${text}".`);
  return port;
}

async function serve(port: number, host: string, districtDir: string | undefined): Promise<void> {
  const logger = createServiceLogger();
  const rendererDir = defaultRendererDir();
  if (!isRendererBuilt(rendererDir)) {
    process.stdout.write(`No built renderer in ${rendererDir}: building it once (electron-vite build)…\n`);
    await buildRenderer(projectRoot());
  }
  const desk = await startWebDesk({ host, port, rendererDir, districtDir, logger });
  // Wildcard binds are reachable on loopback too; print a URL a person can click.
  const shownOrigin = host === '0.0.0.0' || host === '::' ? `http://127.0.0.1:${desk.port}` : desk.origin;
  process.stdout.write(`Grid command centre (web desk) at ${shownOrigin}/#/queue\n`);

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
        port: { type: 'string', default: '5178' },
        host: { type: 'string', default: '127.0.0.1' },
        district: { type: 'string' },
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
  await serve(parsePort(values.port), values.host, values.district);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`The web desk did not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
