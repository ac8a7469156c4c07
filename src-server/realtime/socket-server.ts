import { ReadGate, type ReadLimitRules } from './read-limits';
import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import type { Logger } from 'pino';
import {
  caseQuerySchema,
  caseTrailRequestSchema,
  kpiBreakdownSchema,
  kpiCasesSchema,
  kpiQuerySchema,
  kpiTrendSchema,
  duplicateQuerySchema,
  routingRequestSchema,
  syncRequestSchema,
  type ClientToServerEvents,
  type EventBatch,
  type ServerToClientEvents,
  type SyncAnswer,
} from '../../src-shared/contract/socket';
import type { DemoUser } from '../../src-shared/district/types';
import { RECENTLY_ENDED_MS } from '../../src-shared/sync/case-replica';
import { isRefusal, refusal } from '../../src-shared/errors';
import { unstorableText } from '../../src-shared/text-safety';
import { parseCaseSearch } from '../../src-shared/contract/case-search';
import { inScope, type Scope } from '../store/case-store';
import { queryCases } from '../store/case-queries';
import { searchCases } from '../store/case-search';
import { queryBreakdown } from '../store/kpi-breakdowns';
import { queryKpiList } from '../store/kpi-lists';
import { districtLabels, queryKpis } from '../store/kpi-queries';
import { queryTrend } from '../store/kpi-trends';
import type { CaseService, Committed } from '../service/case-service';
import { actorOf, scopeOf, sessionUserOf, type People } from '../service/people';
import { suggestRoutingFor } from '../service/routing';
import { suggestDuplicates } from '../service/duplicate-suggestions';
import { reportFromDesk } from '../intake/desk-report';
import { answerWithinScope } from './answer-scope';

/** Beyond this many missed events a window gets a fresh snapshot instead of the events. */
export const MAX_REPLAY = 20_000;

interface SocketData {
  user: DemoUser;
  scope: Scope;
  /** Set when the window signed in with a password: signing out that session closes it. */
  sessionId?: string;
}

/** Rooms that exist to reach a person's or a session's windows wherever they are (every node). */
export const personRoom = (userId: string) => `user:${userId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

type GridSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type GridIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

function roomsOf(scope: Scope): string[] {
  switch (scope.kind) {
    case 'all':
      return ['scope:all'];
    case 'department':
      return [`dept:${scope.departmentId}`];
    case 'grids':
      return scope.gridCodes.map((code) => `grid:${code}`);
  }
}

function departmentsOf(c: Committed): Set<string> {
  const ids = new Set<string>();
  for (const s of [c.before, c.after]) {
    if (!s) continue;
    if (s.leadDepartmentId) ids.add(s.leadDepartmentId);
    for (const id of s.assistingDepartmentIds) ids.add(id);
  }
  return ids;
}

/**
 * The live side of the service: one socket.io server, rooms per scope, commands in, events
 * out in sequence order. With an adapter (Redis Streams) several service nodes share rooms.
 */
/** The socket reads that queue in the read gate: everything but writes and the cheap directory. */
const GATED_READS: ReadonlySet<string> = new Set(['case:duplicates', 'case:search', 'case:sync', 'case:query', 'case:routing', 'case:trail', 'kpi:query', 'kpi:trend', 'kpi:breakdown', 'kpi:cases'] satisfies (keyof ClientToServerEvents)[]);

export function attachRealtime(
  http: HttpServer,
  service: CaseService,
  people: People,
  logger: Logger,
  options: { adapter?: ServerOptions['adapter']; clockRate?: () => number; readLimits?: ReadLimitRules } = {},
): GridIo {
  const io: GridIo = new Server(http, {
    serveClient: false,
    maxHttpBufferSize: 1e6,
    ...(options.adapter ? { adapter: options.adapter } : {}),
  });

  io.use((socket, next) => {
    people.authenticate(socket.handshake.auth as { as?: unknown; token?: unknown }).then(
      (who) => {
        if (!who.ok) {
          // The code is the message, so a client can tell "sign in" from "your session ended".
          const error = new Error(who.code) as Error & { data?: unknown };
          error.data = who;
          next(error);
          return;
        }
        socket.data.user = who.user;
        socket.data.scope = scopeOf(who.user);
        if (who.sessionId) socket.data.sessionId = who.sessionId;
        next();
      },
      (error: unknown) => next(error instanceof Error ? error : new Error(String(error))),
    );
  });

  // A disabled account or an ended session loses its open windows at once; through the adapter
  // (Redis) this reaches the windows on every node.
  people.accounts?.onSignOff((signOff) => {
    const room = 'userId' in signOff ? personRoom(signOff.userId) : sessionRoom(signOff.sessionId);
    io.in(room).disconnectSockets(true);
  });

  const kpiLabel = districtLabels(service.district.district);
  const reads = new ReadGate(options.readLimits, undefined, () => service.commandsInFlight);
  service.onCommandSettled(() => reads.writesSettled());

  io.on('connection', (socket: GridSocket) => {
    const { user, scope } = socket.data;
    // Every packet first: text no store can keep (NUL, broken Unicode, absurd nesting) is refused
    // with its field, whatever the event, before any handler sees it.
    socket.use((packet, next) => {
      const args = packet.slice(1);
      const ack: unknown = args.at(-1);
      const problem = unstorableText(typeof ack === 'function' ? args.slice(0, -1) : args, String(packet[0]));
      if (!problem) return next();
      if (typeof ack === 'function') (ack as (answer: unknown) => void)(refusal('VALIDATION_FAILED', { detail: problem }));
    });
    // Reads wait their turn in the node's read gate (fair between windows); commands never do.
    // Only the shape every read handler answers — (request, ack) — is gated: any other shape a
    // handler ignores unanswered, and its slot would never come back.
    socket.use((packet, next) => {
      const ack: unknown = packet[2];
      if (!GATED_READS.has(String(packet[0])) || packet.length !== 3 || typeof ack !== 'function') return next();
      const refused = reads.admit(socket.id, (done) => {
        packet[packet.length - 1] = (answer: unknown) => {
          done();
          (ack as (answer: unknown) => void)(answer);
        };
        next();
      });
      if (refused) (ack as (answer: unknown) => void)(refused);
    });
    socket.on('disconnect', () => reads.forget(socket.id));
    void socket.join([...roomsOf(scope), personRoom(user.id), ...(socket.data.sessionId ? [sessionRoom(socket.data.sessionId)] : [])]);
    logger.debug({ user: user.id, socket: socket.id }, 'window connected');
    void service.store.headSeq().then((headSeq) =>
      socket.emit('hello', { user: sessionUserOf(user), headSeq, serverTime: service.now().toISOString(), clockRate: options.clockRate?.() ?? 1 }),
    );

    socket.on('case:command', (command, ack) => {
      if (typeof ack !== 'function') return;
      void service.execute(command, actorOf(user)).then((answer) => ack(answerWithinScope(answer, user, scope, command ?? {})));
    });

    socket.on('case:report', (request, ack) => {
      if (typeof ack !== 'function') return;
      void reportFromDesk(service, request, actorOf(user)).then((answer) => ack(answerWithinScope(answer, user, scope, {})), (error: unknown) => ack(refusal('INTERNAL', { detail: String(error) })));
    });

    socket.on('case:duplicates', (query, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = duplicateQuerySchema.safeParse(query);
      if (!parsed.success) return ack(refusal('VALIDATION_FAILED', { detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }));
      void suggestDuplicates(service, parsed.data, actorOf(user), scope).then(ack, (error: unknown) => ack(refusal('INTERNAL', { detail: String(error) })));
    });

    // The scope is the connection's (its user's role), never anything the window sends.
    socket.on('case:search', (query, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = parseCaseSearch(query);
      if (isRefusal(parsed)) return ack(parsed);
      void searchCases(service.store.db, parsed, scope).then(
        (hits) => ack({ ok: true, hits }),
        (error: unknown) => ack(refusal('INTERNAL', { detail: String(error) })),
      );
    });

    socket.on('case:sync', (request, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = syncRequestSchema.safeParse(request);
      if (!parsed.success) return ack(refusal('VALIDATION_FAILED', { detail: parsed.error.issues[0]?.message ?? 'sync' }));
      void syncAnswer(service, scope, parsed.data.sinceSeq).then(
        (answer) => ack({ ok: true, ...answer }),
        (error: unknown) => ack(refusal('INTERNAL', { detail: String(error) })),
      );
    });

    socket.on('case:query', (query, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = caseQuerySchema.safeParse(query ?? {});
      if (!parsed.success) return ack(refusal('VALIDATION_FAILED', { detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }));
      void queryCases(service.store.db, parsed.data, scope, service.now()).then(
        (page) => ack({ ok: true, ...page }),
        (error: unknown) => ack(refusal('INTERNAL', { detail: String(error) })),
      );
    });

    socket.on('case:routing', (request, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = routingRequestSchema.safeParse(request);
      if (!parsed.success) return ack(refusal('VALIDATION_FAILED', { detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }));
      void (async () => {
        const c = await service.store.loadCase(parsed.data.caseId);
        if (!c || !inScope(c, scope)) return ack(refusal('CASE_NOT_FOUND', { caseId: parsed.data.caseId }));
        ack(await suggestRoutingFor(service, c.id, parsed.data.categoryCode));
      })().catch((error: unknown) => ack(refusal('INTERNAL', { detail: String(error) })));
    });

    socket.on('people:directory', (_request, ack) => {
      if (typeof ack !== 'function') return;
      ack({ ok: true, people: [...people.all()].map(sessionUserOf) });
    });

    socket.on('case:trail', (request, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = caseTrailRequestSchema.safeParse(request);
      if (!parsed.success) return ack(refusal('VALIDATION_FAILED', { detail: 'caseId' }));
      void (async () => {
        const c = await service.store.loadCase(parsed.data.caseId);
        if (!c || !inScope(c, scope)) return ack(refusal('CASE_NOT_FOUND', { caseId: parsed.data.caseId }));
        ack({ ok: true, case: c, events: await service.store.caseTrail(c.id) });
      })().catch((error: unknown) => ack(refusal('INTERNAL', { detail: String(error) })));
    });

    socket.on('kpi:query', (query, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = kpiQuerySchema.safeParse(query);
      if (!parsed.success) return ack(refusal('VALIDATION_FAILED', { detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }));
      const { from, to, asOf, groupBy, area } = parsed.data;
      const period = { from, to, asOf: asOf ?? service.now().toISOString() };
      void queryKpis(service.store.db, { period, scope, label: kpiLabel, ...(groupBy ? { groupBy } : {}), ...(area ? { area } : {}) }).then(
        (groups) => ack({ ok: true, groups }),
        (error: unknown) => ack(refusal('INTERNAL', { detail: String(error) })),
      );
    });

    // The board's other panels: same scope and period rules as kpi:query.
    socket.on('kpi:trend', (query, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = kpiTrendSchema.safeParse(query);
      if (!parsed.success) return ack(refusal('VALIDATION_FAILED', { detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }));
      const { from, to, asOf = service.now().toISOString(), bucket, area } = parsed.data;
      void queryTrend(service.store.db, { period: { from, to, asOf }, bucket, scope, ...(area ? { area } : {}) }).then(
        (points) => ack({ ok: true, points, asOf }),
        (error: unknown) => ack(refusal('INTERNAL', { detail: String(error) })),
      );
    });

    socket.on('kpi:breakdown', (query, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = kpiBreakdownSchema.safeParse(query);
      if (!parsed.success) return ack(refusal('VALIDATION_FAILED', { detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }));
      const { from, to, asOf = service.now().toISOString(), by, area } = parsed.data;
      void queryBreakdown(service.store.db, { period: { from, to, asOf }, by, scope, ...(area ? { area } : {}) }).then(
        (rows) => ack({ ok: true, rows }),
        (error: unknown) => ack(refusal('INTERNAL', { detail: String(error) })),
      );
    });

    socket.on('kpi:cases', (query, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = kpiCasesSchema.safeParse(query);
      if (!parsed.success) return ack(refusal('VALIDATION_FAILED', { detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }));
      const { list, limit, area, from, to } = parsed.data;
      // Open lists are as of now; a period's list as of the period's asOf (default now).
      const asOf = (list === 'period' ? parsed.data.asOf : undefined) ?? service.now().toISOString();
      const period = from !== undefined && to !== undefined ? { from, to, asOf } : undefined;
      void queryKpiList(service.store.db, { list, limit, asOf, scope, ...(area ? { area } : {}), ...(period ? { period } : {}) }).then(
        (page) => ack({ ok: true, ...page, asOf }),
        (error: unknown) => ack(refusal('INTERNAL', { detail: String(error) })),
      );
    });
  });

  service.onCommitted((committed) => {
    const headSeq = committed.events.at(-1)?.seq ?? 0;
    const batch: EventBatch = { events: committed.events, headSeq };
    io.to('scope:all').emit('case:events', batch);
    // A case never changes grid, so a supervisor's window has seen all of its events.
    io.to(`grid:${committed.after.place.gridCode}`).emit('case:events', batch);
    for (const departmentId of departmentsOf(committed)) {
      const wasVisible = committed.before !== null && inScope(committed.before, { kind: 'department', departmentId });
      // A case entering the department's view arrives with its state so far, then its new events.
      const scoped: EventBatch = wasVisible || !committed.before ? batch : { ...batch, cases: [committed.before] };
      io.to(`dept:${departmentId}`).emit('case:events', scoped);
    }
  });

  return io;
}

export async function syncAnswer(service: CaseService, scope: Scope, sinceSeq: number | undefined): Promise<SyncAnswer> {
  const head = await service.store.headSeq();
  if (sinceSeq !== undefined && sinceSeq <= head) {
    const events = await service.store.eventsSince(sinceSeq, MAX_REPLAY + 1, scope);
    if (events.length <= MAX_REPLAY) return { kind: 'events', events, headSeq: Math.max(head, events.at(-1)?.seq ?? 0) };
  }
  const endedSince = new Date(service.now().getTime() - RECENTLY_ENDED_MS).toISOString();
  return { kind: 'snapshot', cases: await service.store.workingSet(scope, endedSince), seq: head };
}
