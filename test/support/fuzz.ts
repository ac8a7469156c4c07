import { request as httpRequest } from 'node:http';
import { io, type Socket } from 'socket.io-client';
import type { RunningWebDesk } from '../../src-server/web-desk';
import type { ClientToServerEvents } from '../../src-shared/contract/socket';

/**
 * The boundary fuzzer: malformed payloads at every socket event and every HTTP route of a
 * running service, and what came back. Shared by the integration test (a short run in CI) and
 * `npm run bench -- fuzz` (the long one). Seeded, so a failure is replayed by its seed.
 */

/** mulberry32: small, fast, seeded. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;

/** Strings an attacker or a broken client sends. */
const NASTY_STRINGS = [
  '',
  ' ',
  '\0',
  "'; DROP TABLE cases; --",
  "' OR '1'='1",
  '1; SELECT pg_sleep(5)',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '%00',
  '%',
  '<script>alert(1)</script>',
  '${7*7}',
  '__proto__',
  'constructor',
  '\u202e\u200b\ud800',
  '𠮷'.repeat(50),
  'NaN',
  '-1',
  '1e309',
  'DC20261206-00001',
  'C0101',
  'sanitation',
  '110101001001',
];

/** A value of any JSON-ish shape, wrong in as many ways as we can think of. */
export function nastyValue(rng: Rng, depth = 0): unknown {
  const r = rng();
  if (r < 0.08) return pick(rng, [null, undefined, true, false]);
  if (r < 0.18) return pick(rng, [NaN, Infinity, -Infinity, -0, 0, -1, 2 ** 53 + 1, 1e308, 0.5, Number.MIN_VALUE]);
  if (r < 0.42) return pick(rng, NASTY_STRINGS);
  if (r < 0.47) return 'x'.repeat(pick(rng, [1_001, 10_001, 100_001]));
  if (r < 0.52) return deepNesting(pick(rng, [50, 200, 400])); // deeper ones go as raw frames (fuzzRawFrames): the client's own encoder recurses
  if (r < 0.57) return JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}') as unknown;
  if (depth > 3) return pick(rng, NASTY_STRINGS);
  if (r < 0.75) return Array.from({ length: Math.floor(rng() * 5) }, () => nastyValue(rng, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = Math.floor(rng() * 5); i > 0; i--) o[pick(rng, [...FIELD_NAMES, ...NASTY_STRINGS])] = nastyValue(rng, depth + 1);
  return o;
}

function deepNesting(levels: number): unknown {
  return JSON.parse(`${'{"a":['.repeat(levels)}1${']}'.repeat(levels)}`) as unknown;
}

/** Names the service's payloads use: a malformed object that names them gets past the first checks. */
const FIELD_NAMES = [
  'caseId', 'commandId', 'type', 'payload', 'categoryCode', 'channel', 'description', 'lon', 'lat', 'gridCode', 'address',
  'photoIds', 'caller', 'phone', 'name', 'sinceSeq', 'stage', 'limit', 'offset', 'period', 'from', 'to', 'groupBy', 'area',
  'leadDepartmentId', 'minutes', 'reason', 'text', 'urgent', 'service_code', 'api_key', 'media_url', 'cameraId',
];

/** A plausible payload with one or two things wrong: the inputs that reach deep into a handler. */
export function mutatedPayload(rng: Rng, valid: Record<string, unknown>): unknown {
  const copy: Record<string, unknown> = structuredClone(valid);
  const keys = Object.keys(copy);
  for (let i = 1 + Math.floor(rng() * 2); i > 0; i--) {
    const key = pick(rng, keys);
    const r = rng();
    if (r < 0.3) delete copy[key];
    else if (r < 0.85) copy[key] = nastyValue(rng);
    else copy[pick(rng, FIELD_NAMES)] = nastyValue(rng);
  }
  return copy;
}

/**
 * One well-formed sample per socket event (then mutated); ids point at nothing that exists. Keyed
 * by the contract's events, so an event added there without a sample here does not compile.
 */
export const SOCKET_SAMPLES: Record<keyof ClientToServerEvents, Record<string, unknown>> = {
  'case:command': { commandId: 'fuzz-1', caseId: 'no-such-case', type: 'register', payload: {} },
  'case:report': { commandId: 'fuzz-report-1', payload: { categoryCode: 'C0101', channel: 'hotline', description: '井盖缺失', lon: 116.41, lat: 39.91 } },
  'case:duplicates': { categoryCode: 'C0101', lon: 116.41, lat: 39.91 },
  'case:search': { text: '井盖', limit: 20 },
  'case:sync': { sinceSeq: 0 },
  'case:query': { stage: 'registered', limit: 20, offset: 0 },
  'case:routing': { caseId: 'no-such-case' },
  'people:directory': {},
  'case:trail': { caseId: 'no-such-case' },
  'kpi:query': { from: '2026-10-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z', groupBy: 'street' },
  'kpi:trend': { from: '2026-10-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z', bucket: 'day' },
  'kpi:breakdown': { from: '2026-10-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z', by: 'category' },
  'kpi:cases': { list: 'overdue', limit: 20 },
};
/** Events that write: no malformed payload may ever be accepted by them. */
const WRITING_EVENTS = new Set(['case:command', 'case:report']);

/**
 * For the writes, the fields whose breaking makes the request certainly malformed (a fuzzer that
 * only renames an extra key sends a valid report, and the service is right to take it).
 */
const REQUIRED_PATHS: Record<string, readonly string[][]> = {
  'case:command': [['commandId'], ['caseId'], ['type'], ['payload']],
  'case:report': [['commandId'], ['payload'], ['payload', 'categoryCode'], ['payload', 'channel'], ['payload', 'lon'], ['payload', 'lat']],
};

/** A value no required field of a write accepts. */
function brokenValue(rng: Rng): unknown {
  return pick(rng, [undefined, null, NaN, Infinity, true, {}, [], '', 'x'.repeat(100_001), 'a\u0000b', 'x\ud800', deepNesting(300), JSON.parse('{"__proto__":{"polluted":true}}') as unknown]);
}

/** A write's sample with one required field broken (and maybe some noise beside it). */
export function brokenWrite(rng: Rng, event: string, valid: Record<string, unknown>): unknown {
  const copy = (rng() < 0.5 ? mutatedPayload(rng, valid) : JSON.parse(JSON.stringify(valid))) as Record<string, unknown>;
  const path = pick(rng, REQUIRED_PATHS[event]!);
  let holder: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof holder[key] !== 'object' || holder[key] === null) holder[key] = { ...(valid[key] as object) };
    holder = holder[key] as Record<string, unknown>;
  }
  const last = path.at(-1)!;
  const value = brokenValue(rng);
  if (value === undefined) delete holder[last];
  else holder[last] = value;
  return copy;
}

export interface FuzzFigures {
  socketPayloads: number;
  httpRequests: number;
  /** Answers that were not a clear refusal (code + message) where one was due. */
  unclear: string[];
  /** Writes accepted although malformed. */
  accepted: string[];
  /** No answer within the time limit (a dropped request). */
  unanswered: string[];
  /** HTTP 5xx answers. */
  serverErrors: string[];
  /** Socket disconnects the server chose (e.g. an over-large packet), reconnected. */
  disconnects: number;
  refusals: Map<string, number>;
}

function newFigures(): FuzzFigures {
  return { socketPayloads: 0, httpRequests: 0, unclear: [], accepted: [], unanswered: [], serverErrors: [], disconnects: 0, refusals: new Map() };
}

/** `{ ok: false, code, message }` with a message in words (bilingual or plain), or Open311's `[{ code, description }]`. */
function isClearRefusal(body: unknown): string | undefined {
  if (Array.isArray(body)) {
    const first = body[0] as { code?: unknown; description?: unknown } | undefined;
    return first && (typeof first.code === 'number' || typeof first.code === 'string') && typeof first.description === 'string' && first.description.length > 0 ? `open311:${String(first.code)}` : undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as { ok?: unknown; code?: unknown; message?: unknown };
  if (b.ok !== false || typeof b.code !== 'string' || b.code.length === 0) return undefined;
  const m = b.message as { zh?: unknown; en?: unknown } | string | undefined;
  const worded = typeof m === 'string' ? m.length > 0 : typeof m === 'object' && m !== null && typeof m.zh === 'string' && typeof m.en === 'string' && m.zh.length > 0 && m.en.length > 0;
  return worded ? b.code : undefined;
}

function count(figures: FuzzFigures, code: string): void {
  figures.refusals.set(code, (figures.refusals.get(code) ?? 0) + 1);
}

const shown = (value: unknown): string => {
  try {
    return (JSON.stringify(value) ?? String(value)).slice(0, 160);
  } catch {
    return String(value).slice(0, 160);
  }
};

/** A demo user's socket on the desk, connected. */
export async function fuzzSocket(origin: string, as: string): Promise<Socket> {
  const socket = io(origin, { auth: { as }, transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 200 });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

async function connected(socket: Socket): Promise<void> {
  if (socket.connected) return;
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
}

/** `n` malformed payloads at the socket events, as `as`. */
export async function fuzzSockets(desk: RunningWebDesk, options: { seed: number; payloads: number; as: string }, figures = newFigures()): Promise<FuzzFigures> {
  const rng = seededRandom(options.seed);
  const socket = await fuzzSocket(desk.origin, options.as);
  socket.on('disconnect', (reason) => {
    if (reason === 'io server disconnect' || reason === 'transport close' || reason === 'transport error') figures.disconnects += 1;
    if (reason === 'io server disconnect') socket.connect();
  });
  const events = Object.keys(SOCKET_SAMPLES);
  try {
    for (let i = 0; i < options.payloads; i++) {
      await connected(socket);
      const event = rng() < 0.03 ? pick(rng, ['case:nothing', '__proto__', 'constructor', 'hello', 'toString']) : pick(rng, events);
      const known = Object.hasOwn(SOCKET_SAMPLES, event);
      const sample = known ? SOCKET_SAMPLES[event as keyof ClientToServerEvents] : undefined;
      const payload = !sample || rng() >= 0.6 ? nastyValue(rng) : WRITING_EVENTS.has(event) ? brokenWrite(rng, event, sample) : mutatedPayload(rng, sample);
      figures.socketPayloads += 1;
      const shape = rng();
      if (shape < 0.07 || !known) {
        // No acknowledgement, or one that is not last, or an event nobody listens to (socket.io
        // never answers those): the server must shrug, not throw.
        socket.emit(event, payload);
        continue;
      }
      if (shape < 0.1) {
        socket.emit(event, payload, 'not-a-callback', () => undefined);
        continue;
      }
      let answer: unknown;
      try {
        answer = await socket.timeout(5_000).emitWithAck(event, payload);
      } catch {
        // A disconnect for an over-large packet loses the ack by design (socket.io's limit).
        if (!socket.connected) continue;
        figures.unanswered.push(`${event} ${shown(payload)}`);
        continue;
      }
      const code = isClearRefusal(answer);
      if (code) count(figures, code);
      else if (WRITING_EVENTS.has(event)) figures.accepted.push(`${event} ${shown(payload)} → ${shown(answer)}`);
      else if ((answer as { ok?: unknown } | null)?.ok !== true) figures.unclear.push(`${event} ${shown(payload)} → ${shown(answer)}`);
    }
  } finally {
    socket.disconnect();
  }
  return figures;
}

interface RawAnswer {
  status: number;
  contentType: string;
  body: string;
}

function send(origin: string, method: string, path: string, headers: Record<string, string>, body: Buffer | undefined): Promise<RawAnswer> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers, timeout: 10_000, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=fuzz', 'multipart/form-data', 'image/jpeg', ''];
const KEYS = ['demo-intake-key', 'fuzz-key', '', "' OR 1=1 --"];

/** A path for a route pattern, its `:name` parts filled with something hostile. */
function hostilePath(rng: Rng, pattern: string): string {
  return pattern
    .split('/')
    .map((segment) => {
      const param = /^:([A-Za-z_]\w*)(.*)$/.exec(segment);
      if (!param) return segment;
      const value = pick(rng, ['..', '%2e%2e', '..%2f..%2fetc%2fpasswd', '%00', '%', 'x'.repeat(3_000), "1'%20OR%20'1'='1", '__proto__', 'cam-0001', '2026-12-05', 'DC20261206-00001']);
      return `${value}${param[2] ?? ''}`;
    })
    .join('/');
}

/** encodeURIComponent, except that a lone surrogate goes as the bytes a broken client would send. */
function encoded(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
}

function hostileQuery(rng: Rng): string {
  if (rng() < 0.4) return '';
  const parts = Array.from({ length: 1 + Math.floor(rng() * 4) }, () => `${pick(rng, [...FIELD_NAMES, 'as', 'since', 'until', 'format', 'lat', 'long', 'jurisdiction_id'])}=${encoded(String(pick(rng, NASTY_STRINGS)))}`);
  return `?${parts.join('&')}`;
}

function hostileBody(rng: Rng, contentType: string): Buffer | undefined {
  const r = rng();
  if (r < 0.1) return undefined;
  if (contentType.startsWith('multipart')) {
    // Truncated, mislabelled or oversized parts.
    const head = `--fuzz\r\nContent-Disposition: form-data; name="${pick(rng, ['photo', 'media', 'payload', '../x'])}"; filename="${pick(rng, ['a.jpg', '../../etc/passwd', 'x'.repeat(500)])}"\r\nContent-Type: ${pick(rng, ['image/jpeg', 'image/png', 'text/html'])}\r\n\r\n`;
    const tail = rng() < 0.5 ? '\r\n--fuzz--\r\n' : '';
    return Buffer.concat([Buffer.from(head), Buffer.alloc(Math.floor(rng() * 20_000), rng() < 0.5 ? 0xff : 0x41), Buffer.from(tail)]);
  }
  if (r < 0.2) return Buffer.from('{"truncated": [1, 2');
  if (r < 0.25) return Buffer.alloc(1_100_000, 0x7b); // over every body limit
  if (r < 0.3) return Buffer.from([0xff, 0xfe, 0x00, 0xd8]);
  return Buffer.from(JSON.stringify(nastyValue(rng)) ?? 'null');
}

/** `n` hostile requests at the desk's API routes (and a few static paths). */
export async function fuzzHttp(desk: RunningWebDesk, options: { seed: number; requests: number }, figures = newFigures()): Promise<FuzzFigures> {
  const rng = seededRandom(options.seed);
  const routes = desk.routes;
  for (let i = 0; i < options.requests; i++) {
    const r = rng();
    const route = pick(rng, routes);
    const method = r < 0.9 ? route.method : pick(rng, ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE']);
    const path = r < 0.95 ? hostilePath(rng, route.path) + hostileQuery(rng) : pick(rng, ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2fpackage.json', '/api/', '/open311/v2/', '/api/cases/snapshot/../../x']);
    const contentType = pick(rng, CONTENT_TYPES);
    const headers: Record<string, string> = {};
    if (contentType) headers['content-type'] = contentType;
    if (rng() < 0.5) headers['x-api-key'] = pick(rng, KEYS);
    if (rng() < 0.4) headers['x-demo-user'] = pick(rng, ['dispatcher-1', 'leader-1', 'nobody', "'; --", 'x'.repeat(2_000)]);
    // Header values as a client library lets them through (no control characters, Latin-1 only).
    if (rng() < 0.1) headers['authorization'] = `Bearer ${pick(rng, ['', "' OR 1=1 --", '../../etc/passwd', 'x'.repeat(5_000), 'null', '%00'])}`;
    const body = method === 'GET' || method === 'HEAD' ? undefined : hostileBody(rng, contentType);
    figures.httpRequests += 1;
    let answer: RawAnswer;
    try {
      answer = await send(desk.origin, method, path, headers, body);
    } catch (error) {
      // The server may cut an over-limit upload short; anything else is a dropped request.
      if (body && body.length > 1_000_000) continue;
      figures.unanswered.push(`${method} ${path.slice(0, 120)}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const where = `${method} ${path.slice(0, 120)} → ${answer.status}`;
    if (answer.status >= 500) {
      figures.serverErrors.push(`${where} ${answer.body.slice(0, 160)}`);
      continue;
    }
    if (answer.status < 400) continue; // a request that happened to be fine (a public GET, a static file)
    let parsed: unknown;
    try {
      parsed = JSON.parse(answer.body);
    } catch {
      figures.unclear.push(`${where} not JSON: ${answer.body.slice(0, 120)}`);
      continue;
    }
    const code = isClearRefusal(parsed);
    if (code) count(figures, code);
    else figures.unclear.push(`${where} ${answer.body.slice(0, 160)}`);
  }
  return figures;
}

/**
 * What no socket.io client library would send: raw Engine.IO frames over a WebSocket (deep
 * nesting past any encoder's stack, broken packet types, binary-attachment counts that lie,
 * truncated JSON). Afterwards the server must still answer a proper client.
 */
export async function fuzzRawFrames(desk: RunningWebDesk, options: { seed: number; frames: number; as: string }, figures = newFigures()): Promise<FuzzFigures> {
  const rng = seededRandom(options.seed);
  const { WebSocket } = await import('ws');
  const url = `${desk.origin.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`;
  const open = () =>
    new Promise<InstanceType<typeof WebSocket>>((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.once('open', () => {
        ws.send(`40${JSON.stringify({ as: options.as })}`);
        resolve(ws);
      });
      ws.once('error', reject);
    });
  let ws = await open();
  const deep = (levels: number) => `${'['.repeat(levels)}1${']'.repeat(levels)}`;
  const frames = [
    () => `42["case:query",${deep(pick(rng, [10_000, 100_000]))}]`,
    () => `42["case:command",${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}]`,
    () => `421["case:trail",{"caseId":${JSON.stringify(pick(rng, NASTY_STRINGS))}}]`,
    () => `451-["case:report",{"_placeholder":true,"num":${pick(rng, [0, 5, -1, 1e9])}}]`,
    () => `42["case:query",{"stage":`,
    () => `4${Math.floor(rng() * 10)}${JSON.stringify(nastyValue(rng)) ?? ''}`,
    () => `9${'x'.repeat(Math.floor(rng() * 1_000))}`,
    () => `42[${JSON.stringify(pick(rng, NASTY_STRINGS))},{}]`,
    () => '42["__proto__",{"polluted":true}]',
    () => `42["case:sync",${JSON.stringify({ sinceSeq: pick(rng, [-1, 1e308, '1', null]) })}]`,
  ];
  for (let i = 0; i < options.frames; i++) {
    if (ws.readyState !== WebSocket.OPEN) {
      figures.disconnects += 1;
      ws = await open();
    }
    ws.send(pick(rng, frames)());
    figures.socketPayloads += 1;
    if (i % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
  }
  ws.close();
  return figures;
}

/** What must not move: the event log's head and the stored rows. */
export async function storedState(desk: RunningWebDesk): Promise<Record<string, number>> {
  const db = desk.parts.db;
  const n = async (table: string) => Number((await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))?.n ?? 0);
  return {
    headSeq: await desk.parts.service.store.headSeq(),
    cases: await n('cases'),
    case_events: await n('case_events'),
    photos: await n('photos'),
    reporter_contacts: await n('reporter_contacts'),
  };
}
