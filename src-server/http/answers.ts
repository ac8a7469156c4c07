import type { ServerResponse } from 'node:http';

/**
 * Errors are values at the boundary: every refusal is `{ ok: false, code, message }` that a person
 * can read, with a code a program can switch on.
 */
export interface HttpRefusal {
  ok: false;
  code: string;
  message: string;
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    // Like every answer of the service: a browser must never take an answer for a page or a script.
    'x-content-type-options': 'nosniff',
  });
  response.end(response.req.method === 'HEAD' ? undefined : text);
}

export function refuse(response: ServerResponse, status: number, code: string, message: string): void {
  const body: HttpRefusal = { ok: false, code, message };
  sendJson(response, status, body);
}

export function notFound(response: ServerResponse, path: string): void {
  refuse(response, 404, 'NOT_FOUND', `Nothing at ${path}`);
}
