import { contentTypeOf } from '../src-server/http/content-types';
import { resolveStaticPath } from '../src-server/http/static-files';
import type { PortCustomScheme, PortProtocol } from './electron-port';

/**
 * The built desk (out/renderer) is served at app://desk/ rather than loaded from file://:
 * - a protocol handler answers with headers, so the Content-Security-Policy arrives as a header
 *   built from the settings (webRequest.onHeadersReceived never sees file:// loads, which is why
 *   the page once had to carry a <meta> policy that blocked every configured remote origin);
 * - the pages get a real origin, app://desk: 'self' in the policy means our own files, storage
 *   and the desk bus (BroadcastChannel) are per origin, and an IPC sender is easy to recognise.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ENTRY = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Why the scheme is privileged (registered before the app is ready, as Electron requires):
 * - standard: parsed like http (a host, relative URLs, an origin of its own); without it the
 *   build's relative URLs ('./assets/…', './cesium/…') would not resolve;
 * - secure: app://desk is a trustworthy origin, a secure context like https. With `standard`, this
 *   is what lets Cesium start its workers from app://desk/cesium/Workers/… as same-origin module
 *   workers (worker-src 'self'), rather than failing as from an opaque file:// origin;
 * - supportFetchAPI: Cesium fetch()es its own files (NaturalEarthII tiles, JSON, .wasm);
 * - codeCache: V8 keeps the compiled Cesium bundle between starts of a 24/7 desk.
 */
export const APP_SCHEME_PRIVILEGES: PortCustomScheme[] = [
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
];

/** Which file of the renderer folder an app:// URL names, or why none. Pure: no file is touched. */
export type AppFileTarget = { kind: 'file'; filePath: string } | { kind: 'not-found'; reason: string };

export function appFileOf(rendererDir: string, url: string): AppFileTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'not-found', reason: 'not a URL' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST || parsed.username || parsed.password) {
    return { kind: 'not-found', reason: `not a page of ${APP_SCHEME}://${APP_HOST}` };
  }
  // The URL parser has already removed plain "../"; the web desk's guard also refuses encoded
  // ones ("..%2f") and anything else that would leave the folder.
  const target = resolveStaticPath(rendererDir, parsed.pathname);
  return target.kind === 'file' ? target : { kind: 'not-found', reason: target.reason };
}

/** What the handler needs: where the renderer is, how to read it, the current policy. */
export interface AppSchemeDeps {
  rendererDir: string;
  readFile(path: string): Promise<Uint8Array>;
  /** Built per page load: the embedded service's port may have become known meanwhile. */
  csp(): string;
  log(line: string): void;
}

export interface AppAnswer {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | string | null;
}

function refusal(status: number, code: string, message: string): AppAnswer {
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
    body: JSON.stringify({ ok: false, code, message }),
  };
}

/** The answer to one app:// request: a file of the renderer, with the policy on HTML pages; 404 otherwise. */
export async function answerAppRequest(request: { url: string; method: string }, deps: AppSchemeDeps): Promise<AppAnswer> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return refusal(405, 'METHOD_NOT_ALLOWED', `${request.method} is not accepted at ${request.url}`);
  }
  const target = appFileOf(deps.rendererDir, request.url);
  if (target.kind === 'not-found') {
    deps.log(`[desk] ${request.url} refused: ${target.reason}`);
    return refusal(404, 'NOT_FOUND', `Nothing at ${request.url}`);
  }
  let bytes: Uint8Array;
  try {
    bytes = await deps.readFile(target.filePath);
  } catch (error) {
    // Missing files are ordinary (a mistyped route); anything else deserves a log line.
    const code = (error as { code?: unknown }).code;
    if (code !== 'ENOENT' && code !== 'EISDIR' && code !== 'ENOTDIR') deps.log(`[desk] could not read ${target.filePath}: ${String(error)}`);
    return refusal(404, 'NOT_FOUND', `Nothing at ${request.url}`);
  }
  const contentType = contentTypeOf(target.filePath);
  const headers: Record<string, string> = { 'Content-Type': contentType, 'X-Content-Type-Options': 'nosniff' };
  if (contentType.startsWith('text/html')) headers['Content-Security-Policy'] = deps.csp();
  return { status: 200, headers, body: request.method === 'HEAD' ? null : bytes };
}

/** Installs the app:// handler (after the app is ready). */
export function serveAppScheme(protocol: PortProtocol, deps: AppSchemeDeps): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const answer = await answerAppRequest(request, deps);
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  });
}
