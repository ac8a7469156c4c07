import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { answerCors, ELECTRON_DESK_ORIGIN } from './cors';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { notFound, refuse, sendJson, type HttpRefusal } from './answers';
import { serveStatic } from './static-files';
import { unstorableText } from '../../src-shared/text-safety';

/**
 * What a handler may answer instead of a plain body: its own status, headers, and a JSON body or
 * bytes (a photo). A plain value is still a 200 JSON body, so simple routes stay one line.
 */
export class HttpAnswer {
  private constructor(
    readonly status: number,
    readonly body: { json: unknown } | { bytes: Uint8Array; contentType: string },
    readonly headers: Readonly<Record<string, string>>,
  ) {}

  static json(status: number, body: unknown, headers: Record<string, string> = {}): HttpAnswer {
    return new HttpAnswer(status, { json: body }, headers);
  }

  static bytes(status: number, bytes: Uint8Array, contentType: string, headers: Record<string, string> = {}): HttpAnswer {
    return new HttpAnswer(status, { bytes, contentType }, headers);
  }
}

/** What the server found in the URL for a handler: the path's `:name` parts and the query. */
export interface RouteContext {
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
}

/**
 * An endpoint. `path` is fixed (`/api/district/summary`) or has `:name` parts, whole segments or
 * with a literal tail (`/open311/v2/requests/:id.json`). `answer` returns the body of a 200, or
 * an HttpAnswer; throwing answers 500 with a logged error. It reads the request body itself (see
 * request-body.ts), so each route sets its own limits. The case service adds its intake endpoints
 * as more routes, and attaches socket.io to `server`.
 */
export interface ApiRoute {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  answer(request: IncomingMessage, context: RouteContext): Promise<unknown> | unknown;
}

/** Paths under these prefixes are API paths: unknown ones answer 404 JSON, not the static site. */
const API_PREFIXES = ['/api/', '/open311/'];

interface PatternRoute {
  route: ApiRoute;
  pattern: RegExp;
  names: string[];
}

/** `/a/:id.json` → /^\/a\/([^/]+?)\.json$/ with names ['id']. */
function compilePattern(route: ApiRoute): PatternRoute {
  const names: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      const param = /^:([A-Za-z_]\w*)(.*)$/.exec(segment);
      if (!param) return escapeRegExp(segment);
      names.push(param[1] as string);
      return `([^/]+?)${escapeRegExp(param[2] ?? '')}`;
    })
    .join('/');
  return { route, pattern: new RegExp(`^${source}$`), names };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function matchPattern(candidate: PatternRoute, path: string): Record<string, string> | undefined {
  const found = candidate.pattern.exec(path);
  if (!found) return undefined;
  const params: Record<string, string> = {};
  try {
    candidate.names.forEach((name, i) => (params[name] = decodeURIComponent(found[i + 1] ?? '')));
  } catch {
    return undefined; // a malformed %-escape names nothing we serve
  }
  return params;
}

function sendAnswer(response: ServerResponse, answer: HttpAnswer): void {
  if ('json' in answer.body) {
    for (const [name, value] of Object.entries(answer.headers)) response.setHeader(name, value);
    sendJson(response, answer.status, answer.body.json);
    return;
  }
  const { bytes, contentType } = answer.body;
  response.writeHead(answer.status, {
    'content-type': contentType,
    'content-length': bytes.byteLength,
    'x-content-type-options': 'nosniff',
    ...answer.headers,
  });
  response.end(response.req.method === 'HEAD' ? undefined : bytes);
}

export interface HttpServerOptions {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** Folder served at `/`: the built renderer. */
  staticRoot: string;
  routes: readonly ApiRoute[];
  logger: Logger;
  /** The renderer's Content-Security-Policy (page-policy.ts), sent with its HTML pages. */
  contentSecurityPolicy?: string;
  /** Page origins allowed to call across origins (cors.ts); default: the Electron desk's app://desk. */
  deskOrigins?: readonly string[];
}

export interface RunningHttpServer {
  server: Server;
  host: string;
  port: number;
  /** e.g. http://127.0.0.1:5178 (no trailing slash). */
  origin: string;
  /** Every API endpoint served (method and path pattern): what the fuzzer and the scope table walk. */
  routes: readonly Pick<ApiRoute, 'method' | 'path'>[];
  close(): Promise<void>;
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const { logger } = options;
  const fixed = new Map(options.routes.filter((route) => !route.path.includes(':')).map((route) => [`${route.method} ${route.path}`, route]));
  const patterns = options.routes.filter((route) => route.path.includes(':')).map(compilePattern);

  function findRoute(method: string, path: string): { route: ApiRoute; params: Record<string, string> } | undefined {
    const route = fixed.get(`${method} ${path}`);
    if (route) return { route, params: {} };
    for (const candidate of patterns) {
      if (candidate.route.method !== method) continue;
      const params = matchPattern(candidate, path);
      if (params) return { route: candidate.route, params };
    }
    return undefined;
  }

  const deskOrigins = new Set(options.deskOrigins ?? [ELECTRON_DESK_ORIGIN]);

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (answerCors(request, response, deskOrigins)) return;
    const method = request.method ?? 'GET';
    // Split the raw path off by hand: WHATWG URL parsing would resolve "/a/../b" and "%2e%2e" before
    // the static-file guard sees them, hiding attempts we want to refuse and log.
    const url = request.url ?? '/';
    const queryAt = url.indexOf('?');
    const rawPath = queryAt < 0 ? url : url.slice(0, queryAt);
    const rawQuery = queryAt < 0 ? '' : url.slice(queryAt + 1);
    const found = findRoute(method === 'HEAD' ? 'GET' : method, rawPath);
    if (found) {
      const query = new URLSearchParams(rawQuery);
      const problem = unstorableText({ ...found.params }, '(path)') ?? unstorableText(Object.fromEntries(query), '(query)');
      if (problem) {
        refuse(response, 400, 'VALIDATION_FAILED', `The request is malformed: ${problem}`);
        return;
      }
      const body = await found.route.answer(request, { params: found.params, query });
      if (body instanceof HttpAnswer) sendAnswer(response, body);
      else sendJson(response, 200, body);
      return;
    }
    if (API_PREFIXES.some((prefix) => rawPath.startsWith(prefix))) {
      notFound(response, rawPath);
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      refuse(response, 405, 'METHOD_NOT_ALLOWED', `${method} is not accepted at ${rawPath}`);
      return;
    }
    await serveStatic(options.staticRoot, rawPath, request, response, { contentSecurityPolicy: options.contentSecurityPolicy });
  }

  // The latest answer on each connection, so a parse error after a request does not talk over it.
  const lastAnswer = new WeakMap<Duplex, ServerResponse>();
  const server = createServer((request, response) => {
    lastAnswer.set(request.socket, response);
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

  // Bytes Node's parser cannot read as HTTP (a broken header, or a body sent without a length
  // after a DELETE, read as the next request) get Node's bare 400 by default, written over the
  // answer still being worked out. Instead: a request already on the connection gets its own
  // answer and then the connection closes; a connection that never held a readable request gets
  // the code and message every refusal carries. A reset connection has no one left to answer.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const answering = lastAnswer.get(socket);
    if (error.code === 'ECONNRESET' || !socket.writable) socket.destroy();
    else if (answering?.writableFinished) socket.destroy();
    else if (answering) answering.once('close', () => socket.destroy());
    else {
      const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
      const refusal: HttpRefusal = { ok: false, code: 'MALFORMED_HTTP', message: 'The request is not well-formed HTTP and could not be read' };
      const body = JSON.stringify(refusal);
      socket.end(`HTTP/1.1 ${status}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
    }
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
    routes: options.routes.map(({ method, path }) => ({ method, path })),
    close: () =>
      new Promise<void>((closed, fail) => {
        server.close((error) => (error ? fail(error) : closed()));
        // Keep-alive sockets from a browser would hold close() open for minutes.
        server.closeAllConnections();
      }),
  };
}
