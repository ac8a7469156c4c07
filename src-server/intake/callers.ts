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
export function authenticatePerson(request: IncomingMessage, query: URLSearchParams, people: People): { ok: true; user: DemoUser } | Refusal {
  const authorization = request.headers.authorization ?? '';
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  const demoUser = headerValue(request, 'x-demo-user') ?? query.get('as') ?? undefined;
  const user =
    bearer !== undefined
      ? people.authenticate({ token: bearer })
      : demoUser !== undefined && demoUser.length > 0
        ? people.authenticate({ as: demoUser })
        : undefined;
  return user ? { ok: true, user } : refusal('NOT_AUTHENTICATED');
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
