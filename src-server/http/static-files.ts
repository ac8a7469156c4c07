import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve, sep } from 'node:path';
import { notFound, refuse } from './answers';
import { contentTypeOf } from './content-types';

/**
 * Where a request path points inside `root`, or why it may not be served. Pure, so the traversal
 * rules are tested without sockets. `requestPath` is the raw, still percent-encoded path.
 */
export type StaticTarget = { kind: 'file'; filePath: string } | { kind: 'refused'; reason: string };

export function resolveStaticPath(root: string, requestPath: string): StaticTarget {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return { kind: 'refused', reason: 'malformed percent-encoding' };
  }
  if (decoded.includes('\0')) return { kind: 'refused', reason: 'NUL byte in path' };
  // Refuse any ".." segment outright (after decoding, and with either slash), rather than trusting
  // normalisation to keep it inside the root.
  const segments = decoded.split(/[/\\]+/);
  if (segments.includes('..')) return { kind: 'refused', reason: 'path climbs out of the web root' };
  const relative = segments.filter((segment) => segment !== '' && segment !== '.').join('/');
  const absoluteRoot = resolve(root);
  const filePath = resolve(absoluteRoot, relative === '' ? 'index.html' : relative);
  if (filePath !== absoluteRoot && !filePath.startsWith(absoluteRoot + sep)) {
    return { kind: 'refused', reason: 'path leaves the web root' };
  }
  return { kind: 'file', filePath };
}

export interface StaticOptions {
  /** Sent with HTML pages only: a policy governs documents; scripts, styles and tiles need none. */
  contentSecurityPolicy?: string;
}

/** Serves files of `root` for GET/HEAD; answers 403/404 JSON for everything it will not serve. */
export async function serveStatic(
  root: string,
  requestPath: string,
  request: IncomingMessage,
  response: ServerResponse,
  options: StaticOptions = {},
): Promise<void> {
  const target = resolveStaticPath(root, requestPath);
  if (target.kind === 'refused') {
    refuse(response, 403, 'FORBIDDEN_PATH', `Refused ${requestPath}: ${target.reason}`);
    return;
  }
  let filePath = target.filePath;
  let info = await stat(filePath).catch(() => null);
  if (info?.isDirectory()) {
    filePath = resolve(filePath, 'index.html');
    info = await stat(filePath).catch(() => null);
  }
  if (!info?.isFile()) {
    notFound(response, requestPath);
    return;
  }
  const contentType = contentTypeOf(filePath);
  const policy = options.contentSecurityPolicy && contentType.startsWith('text/html') ? { 'content-security-policy': options.contentSecurityPolicy } : {};
  response.writeHead(200, {
    'content-type': contentType,
    'content-length': info.size,
    'x-content-type-options': 'nosniff',
    ...policy,
    // Vite's hashed assets never change; everything else (index.html above all) is revalidated so a
    // new build is picked up.
    'cache-control': filePath.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  await new Promise<void>((done, fail) => {
    const stream = createReadStream(filePath);
    stream.on('error', fail);
    response.on('close', () => {
      stream.destroy();
      done();
    });
    stream.pipe(response);
  });
}
