import { defineStore } from 'pinia';
import { markRaw, ref, shallowRef } from 'vue';
import { io, type Socket } from 'socket.io-client';
import type {
  Answer,
  CaseQuery,
  ClientToServerEvents,
  DuplicateQuery,
  DuplicateSuggestions,
  EventBatch,
  KpiAnswer,
  KpiEvent,
  KpiRequest,
  ReportRequest,
  RoutingSuggestionView,
  ServerToClientEvents,
  SessionUser,
  SyncAnswer,
} from '../../../src-shared/contract/socket';
import type { CaseSearchQuery, CaseSearchResult } from '../../../src-shared/contract/case-search';
import type { CaseState } from '../../../src-shared/domain/case';
import type { CaseCommandInput } from '../../../src-shared/domain/commands';
import type { CaseEvent } from '../../../src-shared/domain/events';
import { refusal } from '../../../src-shared/errors';
import { CaseReplica } from '../../../src-shared/sync/case-replica';
import { catchUp } from '../../../src-shared/sync/catch-up';
import { apiFetch } from '../../app/api';
import { useConnection } from '../../app/connection';
import { serviceOrigin } from '../../app/service-origin';
import { SIGN_IN_CODES, useSession } from '../../app/session';

type GridSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type CommandAnswer = Answer<{ events: CaseEvent[]; state: CaseState; duplicate?: boolean }>;

/** A command waits this long for its answer before it is sent again (same id: applied once). */
const ANSWER_TIMEOUT_MS = 8_000;
const SEND_ATTEMPTS = 3;
/** Alarm events kept for the window's alert list. */
const ALARM_TYPES = new Set(['reminderRaised', 'deadlineMissed', 'supervisionFlagged']);
const MAX_ALARMS = 200;
/** How often the replica lets go of cases a fresh window would not load (closed over a day ago). */
const PRUNE_EVERY_MS = 10 * 60_000;
/** A catch-up that failed while connected is tried again after this, doubling up to the max. */
const RETRY_FIRST_MS = 2_000;
const RETRY_MAX_MS = 60_000;

function newCommandId(): string {
  return `w-${crypto.randomUUID()}`;
}

/**
 * The window's one connection to the case service, and its copy of the cases it may see
 * (src-shared's CaseReplica: snapshot at N, events in order, gaps resynced). Every feature of
 * the window reads cases from here and sends commands through here.
 *
 * The replica is not reactive (10,000 cases × deep proxies would cost more than it shows);
 * `revision` moves once per applied batch and `changed` names the cases it touched, so views
 * recompute only when something happened.
 */
export const useLiveCases = defineStore('live-cases', () => {
  const replica = markRaw(new CaseReplica());
  const revision = ref(0);
  const changed = shallowRef<readonly string[]>([]);
  const alarms = shallowRef<readonly CaseEvent[]>([]);
  const connection = useConnection();
  const session = useSession();
  let socket: GridSocket | undefined;
  let syncing = false;
  const pending: EventBatch[] = [];
  let synced = false;
  /** The service's clock as of the last hello (the demo's may run faster than the wall clock). */
  let clock = { serviceMs: Date.now(), localMs: Date.now(), rate: 1 };

  /** Now on the service's clock: deadlines and countdowns are measured against it. */
  function serviceNow(): Date {
    return new Date(clock.serviceMs + (Date.now() - clock.localMs) * clock.rate);
  }

  /**
   * Listeners for the events themselves, batch by batch: a `changed` list or a watched ref would
   * merge batches published in one tick, and what the state does not keep (who reported) is lost.
   */
  const eventListeners = new Set<(events: readonly CaseEvent[]) => void>();
  function onEvents(listener: (events: readonly CaseEvent[]) => void): () => void {
    eventListeners.add(listener);
    return () => eventListeners.delete(listener);
  }

  function publish(ids: readonly string[], events: readonly CaseEvent[] = []): void {
    if (ids.length === 0) return;
    changed.value = ids;
    revision.value += 1;
    if (events.length) for (const listener of eventListeners) listener(events);
    const raised = events.filter((e) => ALARM_TYPES.has(e.type));
    if (raised.length) alarms.value = [...raised.reverse(), ...alarms.value].slice(0, MAX_ALARMS);
  }

  function applyBatch(batch: EventBatch): void {
    const outcome = replica.applyBatch(batch);
    publish(outcome.changed, batch.events);
    fetchMissing(outcome.missing);
    if (outcome.gap) void resync();
  }

  /** Cases this window does not hold that moved again (see ApplyOutcome.missing): their state now. */
  function fetchMissing(ids: readonly string[]): void {
    for (const id of ids) {
      void trail(id).then((answer) => {
        if (!answer.ok) return; // out of this window's scope now, or gone
        const outcome = replica.applyBatch({ events: [], headSeq: replica.seq, cases: [answer.case] });
        publish(outcome.changed);
      });
    }
  }

  // A wall or a desk runs for weeks: it keeps what a window opened now would load, no more
  // (at Chaoyang's rate ~4,700 new cases a day would otherwise stay in every window for good).
  // The store lives as long as the window, and so does this timer.
  setInterval(() => publish(replica.prune(serviceNow())), PRUNE_EVERY_MS);

  /** A catch-up asked for while one runs (the socket came back meanwhile): run again after it. */
  let again = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let retryMs = RETRY_FIRST_MS;

  async function resync(): Promise<void> {
    if (!socket) return;
    if (syncing) {
      again = true;
      return;
    }
    syncing = true;
    again = false;
    clearTimeout(retry);
    connection.set('resyncing');
    const s = socket;
    try {
      if (!synced) {
        // The first load comes over plain HTTP (the stored JSON as it is, parsed natively by the
        // browser), asked for as soon as the window starts; the socket then catches up from its
        // sequence number.
        const first = await (firstLoad ?? loadFirst());
        firstLoad = undefined;
        if (!first.ok) throw new Error(first.message.en);
        replica.loadSnapshot(first.cases, first.seq);
        synced = true;
        performance.mark('cases:snapshot-applied');
        publish(first.cases.map((c) => c.id));
      }
      await catchUp(replica, {
        ask: async (sinceSeq) => {
          const answer = await s.timeout(30_000).emitWithAck('case:sync', sinceSeq === undefined ? {} : { sinceSeq });
          if (!answer.ok) throw new Error(answer.message.en);
          return answer as SyncAnswer;
        },
        takePending: () => pending.splice(0),
        applied: (outcome, events) => {
          publish(outcome.changed, events);
          fetchMissing(outcome.missing);
        },
      });
      retryMs = RETRY_FIRST_MS;
      connection.set('live');
    } catch (error) {
      connection.set('reconnecting', error instanceof Error ? error.message : String(error));
      // Still connected (a late or refused answer): nothing else would bring this window back
      // until the next gap, which a quiet night may not have. Try again, backing off.
      if (s.connected) {
        retry = setTimeout(() => void resync(), retryMs);
        retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
      }
    } finally {
      syncing = false;
    }
    if (again && s.connected) void resync();
  }

  type FirstLoad = Awaited<ReturnType<typeof apiFetch<{ ok: true; kind: 'snapshot'; cases: CaseState[]; seq: number }>>>;
  let firstLoad: Promise<FirstLoad> | undefined;
  function loadFirst(): Promise<FirstLoad> {
    return apiFetch<{ ok: true; kind: 'snapshot'; cases: CaseState[]; seq: number }>('/api/cases/snapshot');
  }

  async function connect(view: string): Promise<void> {
    if (socket) return;
    connection.set('connecting');
    firstLoad = loadFirst();
    const origin = await serviceOrigin();
    const s: GridSocket = io(origin, { auth: session.credentials(view), transports: ['websocket'] });
    socket = s;
    s.on('connect', () => void resync());
    s.on('hello', (hello) => {
      session.user = hello.user;
      clock = { serviceMs: Date.parse(hello.serverTime), localMs: Date.now(), rate: hello.clockRate };
    });
    s.on('case:events', (batch) => {
      if (syncing) pending.push(batch);
      else applyBatch(batch);
    });
    s.on('disconnect', (reason) => {
      // The server let us go on purpose (e.g. it is shutting down): socket.io will not retry by itself.
      if (reason === 'io server disconnect') s.connect();
      connection.set('reconnecting', reason);
    });
    s.on('connect_error', (error) => {
      if (SIGN_IN_CODES.includes(error.message)) {
        session.refused(error.message);
        connection.set('signedOut', error.message);
        return;
      }
      connection.set(synced ? 'reconnecting' : 'offline', error.message);
    });
  }

  /** After a sign-in: connect again with the new credentials. */
  function reconnect(view: string): void {
    socket?.disconnect();
    socket = undefined;
    void connect(view);
  }

  async function send<T>(emit: (s: GridSocket) => Promise<T>): Promise<T | ReturnType<typeof refusal>> {
    let lastError = 'not connected';
    for (let attempt = 1; attempt <= SEND_ATTEMPTS; attempt++) {
      if (!socket) break;
      try {
        return await emit(socket);
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
      }
    }
    return refusal('INTERNAL', { detail: `the service did not answer (${lastError})` });
  }

  /** Sends a command; a lost answer is retried with the same id, which the service applies once. */
  function command(input: Omit<CaseCommandInput, 'commandId'>): Promise<CommandAnswer> {
    const full = { ...input, commandId: newCommandId() } as CaseCommandInput;
    return send((s) => s.timeout(ANSWER_TIMEOUT_MS).emitWithAck('case:command', full));
  }

  /** A report keyed in at this desk; the caller (if any) rides beside it and is stored apart. */
  function report(payload: ReportRequest['payload'], caller?: ReportRequest['caller']): Promise<CommandAnswer> {
    const request: ReportRequest = { commandId: newCommandId(), payload, ...(caller ? { caller } : {}) };
    return send((s) => s.timeout(ANSWER_TIMEOUT_MS).emitWithAck('case:report', request));
  }

  /** The open cases a report about to be saved would repeat, and the place it would get. */
  function duplicates(query: DuplicateQuery): Promise<Answer<DuplicateSuggestions>> {
    return send((s) => s.timeout(ANSWER_TIMEOUT_MS).emitWithAck('case:duplicates', query));
  }

  /** Any case this user may see, by number, address or the reporter's words, open or closed. */
  function search(q: CaseSearchQuery): Promise<Answer<CaseSearchResult>> {
    return send((s) => s.timeout(ANSWER_TIMEOUT_MS).emitWithAck('case:search', q));
  }

  function trail(caseId: string): Promise<Answer<{ case: CaseState; events: CaseEvent[] }>> {
    return send((s) => s.timeout(ANSWER_TIMEOUT_MS).emitWithAck('case:trail', { caseId }));
  }

  function routing(caseId: string, categoryCode?: string): Promise<Answer<{ suggestion: RoutingSuggestionView }>> {
    return send((s) => s.timeout(ANSWER_TIMEOUT_MS).emitWithAck('case:routing', categoryCode ? { caseId, categoryCode } : { caseId }));
  }

  /** Staff names by user id, fetched once per window (trails say who acted). */
  const people = shallowRef<ReadonlyMap<string, SessionUser>>(new Map());
  let peopleAsked = false;
  function loadPeople(): void {
    if (peopleAsked) return;
    peopleAsked = true;
    const asked: Promise<Answer<{ people: SessionUser[] }>> = send((s) => s.timeout(ANSWER_TIMEOUT_MS).emitWithAck('people:directory', {}));
    void asked.then((answer) => {
      if (answer.ok) people.value = new Map(answer.people.map((p) => [p.id, p]));
      else peopleAsked = false;
    });
  }

  function query(q: Partial<CaseQuery>): Promise<Answer<{ cases: CaseState[]; total: number }>> {
    return send((s) => s.timeout(ANSWER_TIMEOUT_MS).emitWithAck('case:query', q));
  }

  /** The KPI board's requests (kpi:*), on this window's one socket, retried like the others. */
  function kpi<E extends KpiEvent>(event: E, request: KpiRequest<E>): Promise<KpiAnswer<E>> {
    // socket.io's typed emitWithAck cannot take a generic event name; the contract types the pair.
    return send((s) => (s.timeout(ANSWER_TIMEOUT_MS) as unknown as { emitWithAck(e: E, r: KpiRequest<E>): Promise<KpiAnswer<E>> }).emitWithAck(event, request)) as Promise<KpiAnswer<E>>;
  }

  return {
    revision,
    changed,
    alarms,
    serviceNow,
    people,
    loadPeople,
    onEvents,
    get: (caseId: string) => replica.get(caseId),
    all: () => replica.all(),
    size: () => replica.size,
    connect,
    reconnect,
    command,
    report,
    duplicates,
    search,
    trail,
    routing,
    query,
    kpi,
  };
});
