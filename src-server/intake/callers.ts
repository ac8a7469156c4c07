import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { DemoUser } from '../../src-shared/district/types';
import { refusal, type Refusal } from '../../src-shared/errors';
import type { People } from '../service/people';

/**
 * Who is calling. People: `Authorization: Bearer <token>`, or in demo mode `x-demo-user` / `?as=`.
 * Unlike a desk window, an HTTP caller that names nobody is refused even in demo mode: a
 * report or a photo must always be attributable to someone.
 */
export async function authenticatePerson(request: IncomingMessage, query: URLSearchParams, people: People): Promise<{ ok: true; user: DemoUser; sessionId?: string } | Refusal> {
  const bearer = bearerToken(request);
  const demoUser = headerValue(request, 'x-demo-user') ?? query.get('as') ?? undefined;
  if (bearer !== undefined) return people.authenticate({ token: bearer });
  if (demoUser !== undefined && demoUser.length > 0) return people.authenticate({ as: demoUser });
  return refusal('NOT_AUTHENTICATED');
}

export function bearerToken(request: IncomingMessage): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
}

/** Where a request came from, for the audit log. */
export function originOf(request: IncomingMessage): string {
  return `http ${request.socket.remoteAddress ?? 'unknown'}`;
}

export function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Systems (the 12345 hand-off, camera gateways, Open311 apps) present a configured key; compared in constant time. */
export function isKnownKey(presented: string | undefined, keys: readonly string[]): boolean {
  if (presented === undefined || presented.length === 0) return false;
  const given = digest(presented);
  let known = false;
  for (const key of keys) known = timingSafeEqual(given, digest(key)) || known;
  return known;
}

/**
 * A command id from an outside system's own id (hotline ticket, camera event, terminal report
 * id), so that system's retries reach the one command and create one case. Hashed: the outside
 * id may be long or odd, the command id is 8–64 plain characters.
 */
export function derivedCommandId(channel: string, ...parts: string[]): string {
  return `${channel}-${createHash('sha256').update(parts.join('\u001f'), 'utf8').digest('hex').slice(0, 40)}`;
}
