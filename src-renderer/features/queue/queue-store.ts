import { defineStore } from 'pinia';
import { computed, reactive, ref, shallowRef, watch } from 'vue';
import { beijingCalendar } from '../../../src-shared/calendar';
import { categoryByCode } from '../../../src-shared/catalog/categories';
import type { CaseState } from '../../../src-shared/domain/case';
import { deskBus } from '../../app/desk-bus';
import { useSession } from '../../app/session';
import { useLiveCases } from '../cases/live-cases';
import { TimingCache } from './deadline';
import { applyFilter, EMPTY_FILTER, facetsOf, matchesFilter, sortCases, type Facets, type QueueFilter, type QueueSort } from './filters';
import { partition, queuesOf, type QueueContext, type QueueId } from './queues';
import { loadWatchList, saveWatchList, toggled } from './watch-list';

/** Membership by time (overdue, due soon) changes without events: look again this often. */
const TIME_RECHECK_MS = 10_000;
/** Holding ↓ should not fly the map across the district row by row. */
const BUS_DEBOUNCE_MS = 300;

export interface QueueRow {
  c: CaseState;
  /** The selected case that has left this queue: kept in place, dimmed, until the user moves on. */
  stale: boolean;
}

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/**
 * The queue view's state. The case replica is not reactive: lists are recomputed from it when
 * `revision` moves, at most once per animation frame, into shallow refs (no deep proxies over
 * 10,000 cases).
 */
export const useQueue = defineStore('queue', () => {
  const live = useLiveCases();
  const session = useSession();
  const timings = new TimingCache(categoryByCode, beijingCalendar);
  const timing = (c: CaseState) => timings.get(c);

  const role = computed(() => session.user?.role ?? null);
  const queues = computed<readonly QueueId[]>(() => (role.value ? queuesOf(role.value) : []));
  const active = ref<QueueId | null>(null);
  const filter = reactive<QueueFilter>({ ...EMPTY_FILTER });
  const sort = ref<QueueSort>({ key: 'deadline', descending: false });
  const rows = shallowRef<readonly QueueRow[]>([]);
  const counts = shallowRef<Readonly<Record<string, number>>>({});
  const facets = shallowRef<Facets>({ streets: [], communities: [], grids: [], categories: [], departments: [] });
  const selectedId = ref<string | null>(null);
  const watched = shallowRef<ReadonlySet<string>>(new Set());
  const nowMs = ref(live.serviceNow().getTime());
  const ready = ref(false);
  /** Where the selected case last stood in the active queue, to keep it there once it leaves. */
  let selectedAt: { queue: QueueId; index: number } | null = null;

  watch(
    () => session.user?.id,
    (id) => {
      watched.value = id ? loadWatchList(storage(), id) : new Set();
    },
    { immediate: true },
  );
  watch(
    queues,
    (list) => {
      if (!active.value || !list.includes(active.value)) active.value = list[0] ?? null;
    },
    { immediate: true },
  );

  function recompute(): void {
    const user = session.user;
    const queue = active.value;
    if (!user || !queue) return;
    nowMs.value = live.serviceNow().getTime();
    const ctx: QueueContext = { user, nowMs: nowMs.value, timing, watched: watched.value };
    const { members, counts: c } = partition(live.all(), queues.value, queue, ctx);
    const fctx = { nowMs: nowMs.value, timing };
    const list = sortCases(applyFilter(members, filter, fctx), sort.value, fctx);
    const out: QueueRow[] = list.map((x) => ({ c: x, stale: false }));
    const sel = selectedId.value;
    if (sel) {
      const at = out.findIndex((r) => r.c.id === sel);
      if (at >= 0) selectedAt = { queue, index: at };
      else {
        // Only a case that left the queue is kept; one the user filtered out is simply hidden.
        const kase = live.get(sel);
        const left = kase && selectedAt?.queue === queue && !members.includes(kase) && matchesFilter(kase, filter, fctx);
        if (kase && left && selectedAt) out.splice(Math.min(selectedAt.index, out.length), 0, { c: kase, stale: true });
      }
    }
    rows.value = out;
    counts.value = c;
    facets.value = facetsOf(members, filter);
    if (!ready.value && live.size() > 0) {
      ready.value = true;
      performance.mark('queue:data');
    }
  }

  let frame: number | null = null;
  let waiting: number | undefined;
  let lastRun = 0;
  let lastCost = 0;
  /**
   * Coalesces every trigger of one frame (event batches, keystrokes in search) into one
   * recompute; when a recompute is costly (a leader's 10,000 cases), live events trigger at
   * most one every 100 ms, so a burst leaves the frames free for scrolling. What the user does
   * (a tab, a filter, a keystroke in search) is answered in the next frame.
   */
  function schedule(byUser = false): void {
    if (byUser && waiting !== undefined) {
      window.clearTimeout(waiting);
      waiting = undefined;
    }
    if (frame !== null || waiting !== undefined) return;
    const gap = !byUser && lastCost > 8 ? 100 - (performance.now() - lastRun) : 0;
    const run = () => {
      waiting = undefined;
      frame = requestAnimationFrame(() => {
        frame = null;
        const started = performance.now();
        recompute();
        lastRun = performance.now();
        lastCost = lastRun - started;
      });
    };
    if (gap > 0) waiting = window.setTimeout(run, gap);
    else run();
  }

  watch(() => live.revision, () => schedule());
  watch([active, sort, () => ({ ...filter }), () => session.user, watched], () => schedule(true), { deep: true });

  // The countdown ticks on the service clock (the demo's may run faster than the wall clock).
  let lastRecheck = 0;
  const ticker = window.setInterval(() => {
    nowMs.value = live.serviceNow().getTime();
    if (Date.now() - lastRecheck >= TIME_RECHECK_MS) {
      lastRecheck = Date.now();
      timings.prune((id) => live.get(id) !== undefined);
      schedule();
    }
  }, 1_000);

  let busTimer: number | undefined;
  function publishSelection(immediately: boolean): void {
    window.clearTimeout(busTimer);
    const send = () => {
      const c = selectedId.value ? live.get(selectedId.value) : undefined;
      if (c) deskBus.publish({ type: 'case:selected', caseId: c.id, gridCode: c.place.gridCode, lon: c.place.lon, lat: c.place.lat });
    };
    if (immediately) send();
    else busTimer = window.setTimeout(send, BUS_DEBOUNCE_MS);
  }

  function select(id: string | null, how: 'click' | 'key' | 'bus' = 'click'): void {
    if (id === selectedId.value) return;
    // Moving on from a case that left the queue lets it go.
    const i = rows.value.findIndex((r) => r.c.id === id);
    selectedAt = i >= 0 && active.value ? { queue: active.value, index: i } : null;
    selectedId.value = id;
    if (rows.value.some((r) => r.stale)) schedule(true);
    // A selection that came over the bus is not sent back (the windows would echo forever).
    if (how !== 'bus') publishSelection(how === 'click');
  }

  // A case selected in another window of the desk (a map click, a board's drill-down) opens here
  // too, if this window may see it.
  const unsubscribeBus = deskBus.subscribe((message) => {
    if (message.type === 'case:selected' && live.get(message.caseId)) select(message.caseId, 'bus');
  });

  function move(by: number): void {
    const list = rows.value;
    if (list.length === 0) return;
    const i = list.findIndex((r) => r.c.id === selectedId.value);
    const next = i < 0 ? (by > 0 ? 0 : list.length - 1) : Math.max(0, Math.min(list.length - 1, i + by));
    select(list[next]?.c.id ?? null, 'key');
  }

  function edge(to: 'first' | 'last'): void {
    const list = rows.value;
    const r = to === 'first' ? list[0] : list[list.length - 1];
    if (r) select(r.c.id, 'key');
  }

  function open(): void {
    publishSelection(true);
  }

  function toggleWatch(id: string | null = selectedId.value): void {
    const user = session.user;
    if (!id || !user) return;
    watched.value = toggled(watched.value, id);
    saveWatchList(storage(), user.id, watched.value);
  }

  function showQueue(id: QueueId): void {
    if (queues.value.includes(id)) active.value = id;
  }

  function clearFilter(): void {
    Object.assign(filter, EMPTY_FILTER);
  }

  function dispose(): void {
    unsubscribeBus();
    window.clearInterval(ticker);
    if (frame !== null) cancelAnimationFrame(frame);
    window.clearTimeout(waiting);
  }

  return {
    role,
    queues,
    active,
    filter,
    sort,
    rows,
    counts,
    facets,
    selectedId,
    watched,
    nowMs,
    ready,
    timing,
    select,
    move,
    edge,
    open,
    toggleWatch,
    showQueue,
    clearFilter,
    schedule,
    dispose,
  };
});
