import { computed, onBeforeUnmount, ref, shallowRef, watch, type ComputedRef, type Ref, type ShallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { beijingDayRange } from '../../../src-shared/contract/replay';
import type { Stage } from '../../../src-shared/domain/stages';
import { fillTrend, presetPeriod, previousPeriod } from '../../../src-shared/kpi/board';
import type { KpiGroupBy, Period } from '../../../src-shared/kpi/formulas';
import { useLiveCases } from '../cases/live-cases';
import { useDistrict } from '../district/district-store';
import type { CaseSource } from '../map/case-source';
import { departmentName, langOf } from '../queue/names';
import { useReplay } from './replay-store';
import { entriesFromChanges, entriesFromEvents, pushEntries, type TickerEntry } from './ticker';
import { channelsFrom, countersOf, hoursFrom, rankings, replayFigures, type GroupName, type ReplayReference, type WallCounters, type WallFigures } from './wall-figures';

/** The service's figures are asked for at most this often while events arrive, and at least this often. */
const LIVE_FIGURES_MIN_MS = 10_000;
const LIVE_FIGURES_MAX_MS = 60_000;
/** Counters are counted from the replica at most this often (live) — a busy district sends many batches. */
const LIVE_COUNTERS_MS = 1_000;
/** In a replay the figures follow the cursor: counters 4 times a second, the rest once a second. */
const REPLAY_COUNTERS_MS = 250;
const REPLAY_FIGURES_MS = 1_000;
/** New ticker lines are shown at most once a second: read from across a room, not a blur. */
const TICKER_MS = 1_000;

export type WallMode = 'live' | 'replay';

export interface WallData {
  mode: ComputedRef<WallMode>;
  /** What the map reads: the live replica, or the replay's while one runs. */
  source: CaseSource;
  figures: ShallowRef<WallFigures | null>;
  counters: ShallowRef<WallCounters | null>;
  ticker: ShallowRef<readonly TickerEntry[]>;
  /** Why the service's figures could not be had (live), if they could not. */
  failure: Ref<string | null>;
  /** The instant the wall stands at: the service's now, or the replay's cursor. */
  now: () => Date;
  /** The same, for a clock to print (the end of a replayed day stays within it). */
  shownNow: () => Date;
}

/** A throttle that runs `work` at most every `ms`, the last call winning (trailing). */
function throttle(work: () => void, ms: number): { poke: () => void; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = 0;
  return {
    poke() {
      if (timer) return;
      const wait = Math.max(0, last + ms - Date.now());
      timer = setTimeout(() => {
        timer = undefined;
        last = Date.now();
        work();
      }, wait);
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}

/**
 * The wall's data for its life: the live district (the service's SQL figures, the replica's
 * counters and steps) or, while a briefing replay runs, the same figures computed from the
 * replay's replica as of its cursor. Every timer stops on unmount.
 */
export function useWallData(): WallData {
  const live = useLiveCases();
  const replay = useReplay();
  const district = useDistrict();
  const { locale } = useI18n();
  const lang = computed(() => langOf(locale.value));

  const mode = computed<WallMode>(() => (replay.active ? 'replay' : 'live'));
  const epoch = ref(0);
  const figures = shallowRef<WallFigures | null>(null);
  const counters = shallowRef<WallCounters | null>(null);
  const ticker = shallowRef<readonly TickerEntry[]>([]);
  const failure = ref<string | null>(null);
  const stops: (() => void)[] = [];

  const streetNames = computed(() => new Map((district.summary?.byStreet ?? []).map((s) => [s.code, s.name])));
  const name: GroupName = (by: KpiGroupBy, key: string | null) => {
    if (key === null) return '—';
    if (by === 'street') return streetNames.value.get(key) ?? key;
    if (by === 'department') return departmentName(key, lang.value, (code) => streetNames.value.get(code));
    return key;
  };

  const now = (): Date => (mode.value === 'replay' && replay.cursor ? new Date(replay.cursor) : live.serviceNow());
  /** The time to print: a replay that reached midnight still shows its own day (23:59:59), not the next one. */
  const shownNow = (): Date => {
    const at = now();
    return mode.value === 'replay' && replay.range && at.getTime() >= Date.parse(replay.range.until) ? new Date(at.getTime() - 1) : at;
  };
  const source: CaseSource = {
    revision: () => (mode.value === 'replay' ? replay.revision : live.revision),
    changed: () => (mode.value === 'replay' ? replay.changed : live.changed),
    epoch: () => epoch.value,
    get: (id) => (mode.value === 'replay' ? replay.get(id) : live.get(id)),
    all: () => (mode.value === 'replay' ? replay.all() : live.all()),
    now,
  };

  /** Today (live) or the replayed day, as of the wall's now. */
  function period(): Period {
    if (mode.value === 'replay' && replay.range) {
      return { ...beijingDayRange(replay.day ?? ''), asOf: replay.cursor ?? replay.range.from };
    }
    return presetPeriod('today', live.serviceNow());
  }

  // ── live: the service's figures, throttled ─────────────────────────────────────────────────
  let asked = 0;
  async function loadLive(): Promise<void> {
    const mine = ++asked;
    const today = period();
    const before = previousPeriod(today);
    const groups = (p: Period, groupBy?: KpiGroupBy) =>
      live.kpi('kpi:query', { ...p, ...(groupBy ? { groupBy } : {}) }).then((a) => {
        if (!a.ok) throw new Error(a.message.en);
        return a.groups;
      });
    try {
      const [district0, district1, streets0, streets1, depts0, depts1, trend, channels] = await Promise.all([
        groups(today),
        groups(before),
        groups(today, 'street'),
        groups(before, 'street'),
        groups(today, 'department'),
        groups(before, 'department'),
        live.kpi('kpi:trend', { ...today, bucket: 'hour' }),
        live.kpi('kpi:breakdown', { ...today, by: 'channel' }),
      ]);
      if (!trend.ok) throw new Error(trend.message.en);
      if (!channels.ok) throw new Error(channels.message.en);
      if (mine !== asked || mode.value !== 'live') return;
      failure.value = null;
      figures.value = {
        period: today,
        indicators: district0[0]?.indicators ?? [],
        previous: district1[0]?.indicators ?? [],
        counters: countersOf(live.all(), today),
        ...rankings({ streets: streets0, departments: depts0 }, { streets: streets1, departments: depts1 }, name),
        hours: hoursFrom(fillTrend(trend.points, today, 'hour')),
        channels: channelsFrom(channels.rows),
      };
    } catch (error) {
      if (mine === asked) failure.value = error instanceof Error ? error.message : String(error);
    }
  }
  const liveFigures = throttle(() => void loadLive(), LIVE_FIGURES_MIN_MS);
  const liveCounters = throttle(() => {
    if (mode.value === 'live') counters.value = countersOf(live.all(), period());
  }, LIVE_COUNTERS_MS);
  const seen = new Map<string, Stage>();
  let arriving: TickerEntry[] = [];
  const tickerFlush = throttle(() => {
    ticker.value = pushEntries(ticker.value, arriving);
    arriving = [];
  }, TICKER_MS);
  const addToTicker = (entries: readonly TickerEntry[]) => {
    if (entries.length === 0) return;
    // Only the newest can ever show: keep the pending list short however fast a replay runs.
    arriving = pushEntries(arriving, entries);
    tickerFlush.poke();
  };

  stops.push(
    watch(
      () => live.revision,
      () => {
        if (mode.value !== 'live') return;
        addToTicker(entriesFromChanges(live.changed, live.get, seen));
        // A resync can drop cases without naming them: forget those, so a week-long wall does not grow.
        if (seen.size > live.size() + 1_000) for (const id of seen.keys()) if (!live.get(id)) seen.delete(id);
        liveCounters.poke();
        liveFigures.poke();
      },
    ),
  );
  const heartbeat = setInterval(() => mode.value === 'live' && liveFigures.poke(), LIVE_FIGURES_MAX_MS);
  stops.push(() => clearInterval(heartbeat), liveFigures.cancel, liveCounters.cancel, tickerFlush.cancel);

  // ── replay: the shared formulas over the replay's replica, as of its cursor ───────────────
  let last: ReplayReference | null = null;
  let reference: ReplayReference | null = null;
  const replayFiguresNow = throttle(() => {
    if (mode.value !== 'replay' || !replay.range) return;
    const computed = replayFigures([...replay.all()], period(), name, last, reference);
    last = computed.last;
    reference = computed.reference;
    figures.value = computed.figures;
  }, REPLAY_FIGURES_MS);
  const replayCounters = throttle(() => {
    if (mode.value === 'replay' && replay.range) counters.value = countersOf(replay.all(), period());
  }, REPLAY_COUNTERS_MS);
  stops.push(
    watch(
      () => replay.revision,
      () => {
        if (mode.value !== 'replay') return;
        addToTicker(entriesFromEvents(replay.recent, replay.get));
        replayCounters.poke();
        replayFiguresNow.poke();
      },
    ),
    // The cursor moves between events too (a quiet night): overdue counts follow it.
    watch(
      () => replay.cursor,
      () => replayCounters.poke(),
    ),
    replayFiguresNow.cancel,
    replayCounters.cancel,
  );

  // ── switching: the panels start again from the other source ────────────────────────────────
  stops.push(
    watch(mode, (next) => {
      epoch.value += 1;
      figures.value = null;
      counters.value = null;
      last = null;
      reference = null;
      seen.clear();
      arriving = [];
      if (next === 'live') {
        ticker.value = pushEntries([], entriesFromChanges([...live.all()].map((c) => c.id), live.get, seen));
        liveCounters.poke();
        void loadLive();
      } else ticker.value = [];
    }),
    watch(lang, () => (mode.value === 'live' ? void loadLive() : replayFiguresNow.poke())),
  );

  // A window that showed another view first already has its cases: the ticker starts from them.
  ticker.value = pushEntries([], entriesFromChanges([...live.all()].map((c) => c.id), live.get, seen));
  void loadLive();
  liveCounters.poke();

  onBeforeUnmount(() => {
    for (const stop of stops.splice(0)) stop();
    asked += 1;
  });

  return { mode, source, figures, counters, ticker, failure, now, shownNow };
}
