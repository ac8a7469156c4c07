import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Cross-origin access for desk pages that are not served by this service: the Electron desk's
 * pages live at app://desk (src-main/app-scheme.ts) and call the service on loopback or a shared
 * host with an `authorization` / `x-demo-user` header, so every API call, photo and HLS playlist
 * is preceded by a CORS preflight. Only listed origins get an answer; the web desk is same-origin
 * and needs none of this.
 */
export const ELECTRON_DESK_ORIGIN = 'app://desk';

const ALLOWED_HEADERS = 'authorization, x-demo-user, content-type, x-api-key';

/**
 * Adds the CORS headers for an allowed origin. Returns true when the request was a preflight and
 * has been answered (the caller stops there).
 */
export function answerCors(request: IncomingMessage, response: ServerResponse, allowedOrigins: ReadonlySet<string>): boolean {
  const origin = request.headers.origin;
  const preflight = request.method === 'OPTIONS';
  if (typeof origin !== 'string' || !allowedOrigins.has(origin)) {
    if (preflight) {
      response.writeHead(403, { 'content-type': 'application/json; charset=utf-8', 'x-content-type-options': 'nosniff' });
      response.end(JSON.stringify({ ok: false, code: 'ORIGIN_NOT_ALLOWED', message: { zh: '该来源不允许跨域访问本服务', en: `Origin ${String(origin)} may not call this service` } }));
      return true;
    }
    return false;
  }
  response.setHeader('access-control-allow-origin', origin);
  response.setHeader('vary', 'Origin');
  if (!preflight) return false;
  response.writeHead(204, {
    'access-control-allow-methods': 'GET, POST, DELETE',
    'access-control-allow-headers': ALLOWED_HEADERS,
    'access-control-max-age': '600',
  });
  response.end();
  return true;
}
