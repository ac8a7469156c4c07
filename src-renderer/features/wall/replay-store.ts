import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef } from 'vue';
import type { ReplayDay, ReplayPage, ReplaySpeed } from '../../../src-shared/contract/replay';
import type { CaseEvent } from '../../../src-shared/domain/events';
import { isRefusal } from '../../../src-shared/errors';
import type { BilingualText } from '../../../src-shared/i18n-text';
import { CaseReplica } from '../../../src-shared/sync/case-replica';
import { apiFetch } from '../../app/api';
import { cursorAt, dueUpTo, holdAt, pauseClock, progressAt, replayClock, resumeClock, withSpeed, type ReplayClock } from './replay-clock';

export type ReplayStatus = 'idle' | 'loading' | 'playing' | 'paused' | 'buffering' | 'ended' | 'failed';

/** Ticks of the replay: 10 a second moves counters and markers smoothly at any speed. */
const TICK_MS = 100;
/** Ask for the next page when fewer loaded events than this are left to play. */
const PREFETCH_EVENTS = 2_000;
/** Applied events are dropped from the buffer in slices this big (the replica holds the states). */
const DROP_APPLIED = 5_000;

function lastAt(events: readonly CaseEvent[], otherwise: number): number {
  const last = events.at(-1);
  return last ? Math.max(otherwise, Date.parse(last.at)) : otherwise;
}

/**
 * The briefing replay of one window: a past day fetched from the service (the cases at the day's
 * start, then its events page by page) and played at a chosen speed into this store's own
 * CaseReplica — never the live one, which keeps following the district meanwhile. Like the live
 * store, the replica is not reactive: `revision` moves once per applied tick, `changed` and
 * `recent` say what it touched.
 */
export const useReplay = defineStore('wall-replay', () => {
  const replica = markRaw(new CaseReplica());
  const status = ref<ReplayStatus>('idle');
  const day = ref<string | null>(null);
  const speed = ref<ReplaySpeed>(3600);
  const failure = shallowRef<BilingualText | null>(null);
  const progress = ref(0);
  const cursor = ref<string | null>(null);
  const applied = ref(0);
  const total = ref(0);
  const revision = ref(0);
  const changed = shallowRef<readonly string[]>([]);
  /** The events the last tick applied (the ticker reads them). */
  const recent = shallowRef<readonly CaseEvent[]>([]);
  const range = shallowRef<{ from: string; until: string } | null>(null);

  let clock: ReplayClock | null = null;
  let buffer: CaseEvent[] = [];
  let index = 0;
  /** The instant of the newest event loaded so far (the buffer drops what it applied). */
  let loadedUntilMs = 0;
  let next: number | null = null;
  let fetching = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  /** Bumped by every start and stop: an answer for an older replay is dropped. */
  let generation = 0;

  const active = computed(() => status.value !== 'idle');
  const realNow = () => performance.now();

  function fail(text: BilingualText): void {
    failure.value = text;
    status.value = 'failed';
    halt();
  }

  function halt(): void {
    if (timer) clearInterval(timer);
    timer = undefined;
  }

  function publish(ids: readonly string[], events: readonly CaseEvent[]): void {
    changed.value = ids;
    recent.value = events;
    revision.value += 1;
  }

  async function fetchPage(mine: number): Promise<void> {
    if (fetching || next === null || !day.value) return;
    fetching = true;
    try {
      const page = await apiFetch<ReplayPage>(`/api/replay/${day.value}/events?after=${next}`);
      if (mine !== generation) return;
      if (isRefusal(page)) return fail(page.message);
      buffer.push(...page.events);
      loadedUntilMs = lastAt(buffer, loadedUntilMs);
      next = page.next;
    } finally {
      if (mine === generation) fetching = false;
    }
  }

  function tick(): void {
    if (!clock || !range.value) return;
    const now = realNow();
    const pending = next !== null;
    // Never run past the loaded events while more are coming: hold there until they arrive.
    if (pending) clock = holdAt(clock, loadedUntilMs, now);
    const at = cursorAt(clock, now);
    const end = dueUpTo(buffer, index, at);
    if (end > index) {
      const batch = buffer.slice(index, end);
      const outcome = replica.applyBatch({ events: batch, headSeq: batch.at(-1)?.seq ?? replica.seq });
      index = end;
      applied.value += outcome.applied;
      publish(outcome.changed, batch);
      if (index >= DROP_APPLIED) {
        buffer = buffer.slice(index);
        index = 0;
      }
    }
    cursor.value = new Date(at).toISOString();
    progress.value = progressAt(clock, now);
    if (pending && buffer.length - index < PREFETCH_EVENTS) void fetchPage(generation);
    if (!clock.running) return;
    if (!pending && index >= buffer.length && at >= clock.untilMs) {
      status.value = 'ended';
      progress.value = 1;
      halt();
    } else status.value = pending && at >= loadedUntilMs ? 'buffering' : 'playing';
  }

  /** Replays `nextDay` from its start at `nextSpeed` (stopping any replay that runs). */
  async function start(nextDay: string, nextSpeed: ReplaySpeed = speed.value): Promise<void> {
    stop();
    const mine = ++generation;
    day.value = nextDay;
    speed.value = nextSpeed;
    status.value = 'loading';
    const answer = await apiFetch<ReplayDay>(`/api/replay/${nextDay}`);
    if (mine !== generation) return;
    if (isRefusal(answer)) return fail(answer.message);
    replica.loadSnapshot(answer.cases, 0);
    buffer = [...answer.events];
    index = 0;
    loadedUntilMs = lastAt(buffer, Date.parse(answer.from));
    next = answer.next;
    total.value = answer.totalEvents;
    range.value = { from: answer.from, until: answer.until };
    clock = replayClock(Date.parse(answer.from), Date.parse(answer.until), nextSpeed, realNow());
    cursor.value = answer.from;
    publish(answer.cases.map((c) => c.id), []);
    status.value = 'playing';
    timer = setInterval(tick, TICK_MS);
  }

  function pause(): void {
    if (!clock || (status.value !== 'playing' && status.value !== 'buffering')) return;
    clock = pauseClock(clock, realNow());
    status.value = 'paused';
  }

  function resume(): void {
    if (!clock || status.value !== 'paused') return;
    clock = resumeClock(clock, realNow());
    status.value = 'playing';
  }

  function setSpeed(next: ReplaySpeed): void {
    speed.value = next;
    if (clock) clock = withSpeed(clock, next, realNow());
  }

  /** Back to live: the replay's timer, buffer and replica are let go. */
  function stop(): void {
    generation += 1;
    halt();
    clock = null;
    buffer = [];
    index = 0;
    loadedUntilMs = 0;
    next = null;
    fetching = false;
    replica.loadSnapshot([], 0);
    status.value = 'idle';
    failure.value = null;
    progress.value = 0;
    cursor.value = null;
    applied.value = 0;
    total.value = 0;
    range.value = null;
    publish([], []);
  }

  return {
    status, day, speed, failure, progress, cursor, applied, total, revision, changed, recent, range, active,
    get: (caseId: string) => replica.get(caseId),
    all: () => replica.all(),
    size: () => replica.size,
    start, pause, resume, setSpeed, stop,
  };
});
