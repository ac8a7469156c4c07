import { liveChartCount } from '../kpi/use-chart';
import { useMapStore } from '../map/map-store';
import { liveHlsInstances } from '../video/hls-player';
import type { WallData } from './use-wall-data';
import type { WallCounters } from './wall-figures';

/**
 * What e2e tests and the soak bench read from a wall window, as `window.gridVideo` does for the
 * video wall: the heavy resources alive (a week-long wall must not grow them) and what it shows.
 */
export interface WallTestHook {
  /** ECharts instances alive (asked of ECharts itself). */
  charts(): number;
  /** Top-level Cesium primitives in the map's scene, and case markers (-1 while the map is not up). */
  primitives(): number;
  caseMarkers(): number;
  /** hls.js players alive. */
  hlsPlayers(): number;
  mode(): string;
  counters(): WallCounters | null;
}

type WallTestWindow = Window & { gridWall?: WallTestHook };

export function exposeWallForTests(data: WallData): void {
  if (!__GRID_PROBES__) return;
  const map = useMapStore();
  (window as WallTestWindow).gridWall = {
    charts: liveChartCount,
    primitives: () => {
      const m = map.map();
      return m && !m.isDestroyed ? m.cesiumScene.primitives.length : -1;
    },
    caseMarkers: () => map.map()?.cases.count ?? -1,
    hlsPlayers: liveHlsInstances,
    mode: () => data.mode.value,
    counters: () => data.counters.value,
  };
}

export function hideWallFromTests(): void {
  if (__GRID_PROBES__) delete (window as WallTestWindow).gridWall;
}
