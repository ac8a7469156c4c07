import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { notFound, refuse, sendJson } from './answers';
import { serveStatic } from './static-files';

/**
 * A JSON endpoint. `answer` returns the body of a 200; throwing answers 500 with a logged error.
 * The case service adds its intake endpoints as more routes, and attaches socket.io to `server`.
 */
export interface ApiRoute {
  method: 'GET' | 'POST';
  path: string;
  answer(request: IncomingMessage): Promise<unknown> | unknown;
}

export interface HttpServerOptions {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** Folder served at `/`: the built renderer. */
  staticRoot: string;
  routes: readonly ApiRoute[];
  logger: Logger;
}

export interface RunningHttpServer {
  server: Server;
  host: string;
  port: number;
  /** e.g. http://127.0.0.1:5178 (no trailing slash). */
  origin: string;
  close(): Promise<void>;
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const { logger } = options;
  const routes = new Map(options.routes.map((route) => [`${route.method} ${route.path}`, route]));

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    // Split the raw path off by hand: WHATWG URL parsing would resolve "/a/../b" and "%2e%2e" before
    // the static-file guard sees them, hiding attempts we want to refuse and log.
    const rawPath = (request.url ?? '/').split('?')[0] ?? '/';
    const route = routes.get(`${method === 'HEAD' ? 'GET' : method} ${rawPath}`);
    if (route) {
      sendJson(response, 200, await route.answer(request));
      return;
    }
    if (rawPath.startsWith('/api/')) {
      notFound(response, rawPath);
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      refuse(response, 405, 'METHOD_NOT_ALLOWED', `${method} is not accepted at ${rawPath}`);
      return;
    }
    await serveStatic(options.staticRoot, rawPath, request, response);
  }

  const server = createServer((request, response) => {
    const startedAt = performance.now();
    response.on('finish', () => {
      logger.debug(
        { method: request.method, path: request.url, status: response.statusCode, ms: Math.round(performance.now() - startedAt) },
        'http request',
      );
    });
    handle(request, response).catch((error: unknown) => {
      logger.error({ err: error, method: request.method, path: request.url }, 'http request failed');
      if (!response.headersSent) refuse(response, 500, 'INTERNAL', 'The service failed to answer; see its log.');
      else response.destroy();
    });
  });

  await new Promise<void>((listening, fail) => {
    server.once('error', fail);
    server.listen(options.port, options.host, () => {
      server.off('error', fail);
      listening();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server,
    host: address.address,
    port: address.port,
    origin: `http://${urlHost}:${address.port}`,
    close: () =>
      new Promise<void>((closed, fail) => {
        server.close((error) => (error ? fail(error) : closed()));
        // Keep-alive sockets from a browser would hold close() open for minutes.
        server.closeAllConnections();
      }),
  };
}
