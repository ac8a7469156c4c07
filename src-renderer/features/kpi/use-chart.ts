import { onBeforeUnmount, onMounted, shallowRef, watch, type Ref } from 'vue';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the board draws: a third of the full bundle. Canvas, so getDataURL gives a PNG.
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;
export type Chart = echarts.ECharts;

/** Every element a chart was ever mounted on, to count the live instances (a leak shows). */
const hosts = new Set<HTMLElement>();

/** Charts alive now, by asking ECharts itself (e2e checks it returns to 0 after unmount). */
export function liveChartCount(): number {
  let live = 0;
  for (const el of hosts) {
    if (echarts.getInstanceByDom(el)) live += 1;
    else hosts.delete(el);
  }
  return live;
}

// The e2e test reads the count from the page (a leak after unmount shows there); test builds only.
if (__GRID_PROBES__) (window as unknown as { __kpiLiveCharts?: () => number }).__kpiLiveCharts = liveChartCount;

/** How a chart takes new data: the board replaces its option; a live wall merges and throttles. */
export interface ChartUpdates {
  /** Replace the whole option (default), or merge into it (series keep their ids and animate). */
  notMerge?: boolean;
  /** At most one setOption per this many ms; the newest option wins (default: every change). */
  throttleMs?: number;
}

/**
 * One ECharts instance per chart for the component's life: created on mount, fed with
 * `setOption` when the data changes (never re-created: that flickers and leaks), resized with
 * its box, disposed on unmount.
 */
export function useChart(host: Ref<HTMLElement | null>, option: () => ChartOption, updates: ChartUpdates = {}): { chart: Readonly<Ref<Chart | null>> } {
  const chart = shallowRef<Chart | null>(null);
  let observer: ResizeObserver | undefined;
  const resize = () => chart.value?.resize();
  const notMerge = updates.notMerge ?? true;
  let waiting: ReturnType<typeof setTimeout> | undefined;
  let lastSetAt = 0;
  const apply = (next: ChartOption) => {
    lastSetAt = Date.now();
    chart.value?.setOption(next, { notMerge });
  };

  onMounted(() => {
    const el = host.value;
    if (!el) return;
    hosts.add(el);
    chart.value = echarts.init(el, null, { renderer: 'canvas' });
    chart.value.setOption(option());
    observer = new ResizeObserver(resize);
    observer.observe(el);
    window.addEventListener('resize', resize);
  });

  // notMerge (the board): a series that went away (e.g. fewer categories) must not linger from the last data.
  watch(option, (next) => {
    const throttleMs = updates.throttleMs ?? 0;
    if (throttleMs <= 0) return apply(next);
    if (waiting) return; // the pending update reads the newest option when it runs
    waiting = setTimeout(() => {
      waiting = undefined;
      apply(option());
    }, Math.max(0, lastSetAt + throttleMs - Date.now()));
  });

  onBeforeUnmount(() => {
    if (waiting) clearTimeout(waiting);
    window.removeEventListener('resize', resize);
    observer?.disconnect();
    chart.value?.dispose();
    chart.value = null;
  });

  return { chart };
}

/** The control-room palette of theme.css, for the canvas (which cannot read CSS variables). */
export const PALETTE = {
  text: '#cbd5e1',
  strong: '#f1f5f9',
  muted: '#8494ad',
  line: '#1c2a45',
  accent: '#38bdf8',
  ok: '#22c55e',
  warn: '#f59e0b',
  danger: '#ef4444',
  series: ['#38bdf8', '#22c55e', '#ef4444', '#f59e0b', '#a78bfa', '#94a3b8'],
};
