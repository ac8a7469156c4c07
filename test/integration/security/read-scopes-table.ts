import type { ClientToServerEvents } from '../../../src-shared/contract/socket';
import type { Client } from '../support/case-service';
import { NOW, type Reader, type World, type WorldCase } from './read-scopes-world';

/**
 * Every read path of the service, and what it promises about scope. The socket side is a Record
 * over the contract's events, so a new event does not compile until it is listed here; the HTTP
 * side is compared with the routes the running server lists (read-scopes.test.ts).
 */

/** What one request showed its asker, as an attacker would see it. */
export interface Reading {
  ok: boolean;
  status?: number;
  code?: string;
  text: string;
  /** Identifiers the asker itself put in the request: a refusal may echo them, that tells nothing. */
  sent?: string[];
}

/** Who is asking: a reader with a socket and a token, or (HTTP only) a caller with nothing. */
export interface Asker {
  reader: Reader | undefined;
  socket?: Client;
  world: World;
}

type PerCase = (asker: Asker, c: WorldCase) => Promise<Reading>;

export type ReadPath =
  /** Cases listed: no case the reader may not see, and every case it may see that `shows`. */
  | { access: 'scoped'; list: (asker: Asker) => Promise<Reading[]>; shows?: (c: WorldCase) => boolean }
  /**
   * A path addressed by case: a case outside the reader's scope is 'refused' as not found, or
   * (a suggestion list) 'filtered' out of the answer; `applies` picks the cases the path can name.
   */
  | { access: 'scoped'; perCase: PerCase; foreign: 'refused' | 'filtered'; applies?: (c: WorldCase) => boolean; echoes?: boolean }
  /** Figures, not cases: the number of cases counted equals the reader's evaluation scope. */
  | { access: 'scoped'; counted: (asker: Asker) => Promise<number> }
  /** Any signed-in person, and no case data in it. */
  | { access: 'signed-in'; reason: string; read: (asker: Asker) => Promise<Reading> }
  | { access: 'admin'; reason: string; read: (asker: Asker) => Promise<Reading> }
  | { access: 'public'; reason: string; read?: (asker: Asker) => Promise<Reading> }
  /** A write whose answer carries case state: probed in the write section of the test. */
  | { access: 'write'; reason: string };

export const NOT_FOUND_CODES = ['CASE_NOT_FOUND', 'PHOTO_NOT_FOUND', 'REQUEST_NOT_FOUND'];
export const SIGN_IN_CODES = ['NOT_AUTHENTICATED', 'DEMO_SIGN_IN_OFF', 'SESSION_EXPIRED'];

const PERIOD = { from: new Date(NOW.getTime() - 86_400_000).toISOString(), to: new Date(NOW.getTime() + 3_600_000).toISOString(), asOf: NOW.toISOString() };
const DAY = '2026-11-23';

async function ask<E extends keyof ClientToServerEvents>(asker: Asker, event: E, payload: Parameters<ClientToServerEvents[E]>[0], sent: string[] = []): Promise<Reading> {
  if (!asker.socket) throw new Error(`${event}: a socket read needs a signed-in asker`);
  const timed = asker.socket.timeout(10_000) as unknown as { emitWithAck(event: string, payload: unknown): Promise<{ ok: boolean; code?: string }> };
  const answer = await timed.emitWithAck(event, payload);
  return { ok: answer.ok, ...(answer.code ? { code: answer.code } : {}), text: JSON.stringify(answer), sent };
}

/** An HTTP GET as the asker: its token as a bearer, or nothing at all. */
export async function get(asker: Asker, path: string, sent: string[] = [], headers: Record<string, string> = {}): Promise<Reading> {
  const auth: Record<string, string> = asker.reader ? { authorization: `Bearer ${asker.reader.token}` } : {};
  const response = await fetch(`${asker.world.desk.origin}${path}`, { headers: { ...auth, ...headers } });
  const bytes = Buffer.from(await response.arrayBuffer());
  const text = bytes.toString(response.headers.get('content-type')?.startsWith('image/') ? 'latin1' : 'utf8');
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { code?: unknown }).code as string | undefined;
  } catch {
    code = undefined;
  }
  return { ok: response.status < 400, status: response.status, ...(typeof code === 'string' ? { code } : {}), text, sent };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

export const SOCKET_PATHS: Record<keyof ClientToServerEvents, ReadPath> = {
  'case:command': { access: 'write', reason: 'the loop’s commands; their answers (and refusals) carry case state' },
  'case:report': { access: 'write', reason: 'a desk report; a replayed command id answers with the first report’s state' },
  'case:duplicates': {
    access: 'scoped',
    foreign: 'filtered',
    perCase: (asker, c) => ask(asker, 'case:duplicates', { categoryCode: c.state.categoryCode, lon: c.state.place.lon, lat: c.state.place.lat }),
  },
  'case:search': { access: 'scoped', list: async (asker) => [await ask(asker, 'case:search', { text: '范围测试', limit: 50 })] },
  'case:sync': {
    access: 'scoped',
    list: async (asker) => [await ask(asker, 'case:sync', {}), await ask(asker, 'case:sync', { sinceSeq: 0 })],
  },
  'case:query': { access: 'scoped', list: async (asker) => [await ask(asker, 'case:query', { limit: 500 })] },
  'case:routing': { access: 'scoped', foreign: 'refused', echoes: false, perCase: (asker, c) => ask(asker, 'case:routing', { caseId: c.id }, [c.id]) },
  'case:trail': { access: 'scoped', foreign: 'refused', perCase: (asker, c) => ask(asker, 'case:trail', { caseId: c.id }, [c.id]) },
  'people:directory': { access: 'signed-in', reason: 'staff names and roles, no case and no contact data', read: (asker) => ask(asker, 'people:directory', {}) },
  'kpi:query': {
    access: 'scoped',
    counted: async (asker) => {
      const answer = JSON.parse((await ask(asker, 'kpi:query', { ...PERIOD, groupBy: 'grid' })).text) as { groups: { reportsByChannel: Record<string, { reports: number }> }[] };
      return sum(answer.groups.flatMap((g) => Object.values(g.reportsByChannel).map((c) => c.reports)));
    },
  },
  'kpi:trend': {
    access: 'scoped',
    counted: async (asker) => {
      const answer = JSON.parse((await ask(asker, 'kpi:trend', { ...PERIOD, bucket: 'day' })).text) as { points: { reported: number }[] };
      return sum(answer.points.map((p) => p.reported));
    },
  },
  'kpi:breakdown': {
    access: 'scoped',
    counted: async (asker) => {
      const answer = JSON.parse((await ask(asker, 'kpi:breakdown', { ...PERIOD, by: 'channel' })).text) as { rows: { reports: number }[] };
      return sum(answer.rows.map((r) => r.reports));
    },
  },
  'kpi:cases': { access: 'scoped', list: async (asker) => [await ask(asker, 'kpi:cases', { list: 'period', limit: 200, from: PERIOD.from, to: PERIOD.to, asOf: PERIOD.asOf })] },
};

const byCase = (path: (c: WorldCase) => string): PerCase => (asker, c) => get(asker, path(c), [c.id]);

/** Keyed `METHOD path` exactly as the server lists its routes. */
export const HTTP_PATHS: Record<string, ReadPath> = {
  'GET /api/district/summary': { access: 'public', reason: 'the district’s counts of streets, grids and components: the sign-in page shows them' },
  'GET /api/district/map': { access: 'public', reason: 'the base map settings (imagery, datum): configuration, no case data' },
  'GET /api/district/components': { access: 'public', reason: 'the city’s components (manholes, lamps…) and their places: public infrastructure' },
  'GET /open311/v2/services.json': { access: 'public', reason: 'Open311: the category list citizen apps offer' },
  'GET /open311/v2/services/:code.json': { access: 'public', reason: 'Open311: one category’s definition' },
  'GET /open311/v2/requests.json': {
    access: 'public',
    reason: 'Open311: citizens follow the reports their apps made, and only those',
    read: (asker) => get(asker, `/open311/v2/requests.json?start_date=${encodeURIComponent(PERIOD.from)}&end_date=${encodeURIComponent(PERIOD.to)}`),
  },
  'GET /open311/v2/requests/:id.json': { access: 'public', reason: 'Open311: one citizen report by its number' },
  'GET /api/cameras': { access: 'signed-in', reason: 'the camera list (places, view wedges, stream URLs): no case data', read: (asker) => get(asker, '/api/cameras') },
  // An unknown camera: it proves the sign-in check without starting an encoder.
  'GET /video/:cameraId/index.m3u8': { access: 'signed-in', reason: 'a camera’s live playlist: video, not cases', read: (asker) => get(asker, '/video/no-such-camera/index.m3u8') },
  'GET /video/:cameraId/:segment': { access: 'signed-in', reason: 'a camera’s video segment', read: (asker) => get(asker, '/video/no-such-camera/seg0.ts') },
  'GET /api/emergency/plans': { access: 'signed-in', reason: 'the emergency plans as data: no case in them', read: (asker) => get(asker, '/api/emergency/plans') },
  'GET /api/audit': { access: 'admin', reason: 'the audit log names people and the cases whose reporters were revealed', read: (asker) => get(asker, '/api/audit') },
  'GET /api/cases/snapshot': { access: 'scoped', list: async (asker) => [await get(asker, '/api/cases/snapshot')] },
  'GET /api/replay/:day': { access: 'scoped', list: async (asker) => [await get(asker, `/api/replay/${DAY}`)] },
  'GET /api/replay/:day/events': { access: 'scoped', list: async (asker) => [await get(asker, `/api/replay/${DAY}/events?after=0`)] },
  'GET /api/cases/:id/emergency-plan': { access: 'scoped', foreign: 'refused', perCase: byCase((c) => `/api/cases/${c.id}/emergency-plan`) },
  'GET /api/cases/:id/emergency-report': { access: 'scoped', foreign: 'refused', perCase: byCase((c) => `/api/cases/${c.id}/emergency-report`) },
  'GET /api/cases/:id/reporter': { access: 'scoped', foreign: 'refused', perCase: byCase((c) => `/api/cases/${c.id}/reporter`) },
  'GET /api/photos/:id': {
    access: 'scoped',
    foreign: 'refused',
    echoes: false,
    applies: (c) => c.photoId !== undefined,
    perCase: (asker, c) => get(asker, `/api/photos/${c.photoId ?? ''}`, [c.photoId ?? '']),
  },
};

/** How an unauthenticated caller reaches an HTTP path: a concrete URL for each pattern. */
export function anonymousUrl(key: string, world: World): string {
  const some = world.cases[0] as WorldCase;
  const path = key.slice(key.indexOf(' ') + 1);
  return path
    .replace(':day', DAY)
    .replace(':id.json', `${some.number}.json`)
    .replace(':code.json', `${some.state.categoryCode}.json`)
    .replace('/api/photos/:id', `/api/photos/${some.photoId ?? 'none'}`)
    .replace(':id', some.id)
    .replace(':cameraId', 'no-such-camera')
    .replace(':segment', 'seg0.ts');
}
