import type { CityMap } from './city-map';
import { loadComponents, type MapScene } from './map-data';

/**
 * What test/bench/city-map.bench.ts drives in a map window: frame timing with the scene forced
 * to render every animation frame (the worst case: a camera flight or a pulse), and the naive
 * Entity baseline drawn in the same window for comparison. Attached as `window.gridMap.bench`.
 */
export interface MapBenchHooks {
  /**
   * Renders every animation frame for `ms`: the frame intervals, and the main-thread time of each
   * frame's render call (entity updates, culling, command issue). On a software GPU the interval
   * is mostly rasterisation; the render time is the map's own CPU cost.
   */
  frames(ms: number): Promise<{ intervals: number[]; renderMs: number[] }>;
  /** Hides the batched layers and draws the same objects as Entities; resolves when they are drawn. */
  entityBaseline(cases: readonly { lon: number; lat: number }[]): Promise<number>;
}

export function mapBenchHooks(map: CityMap, scene: MapScene): MapBenchHooks {
  return {
    frames(ms) {
      const cesium = map.cesiumScene;
      const widget = map.widgetForBench;
      const intervals: number[] = [];
      const renderMs: number[] = [];
      const render = widget.render.bind(widget);
      widget.render = () => {
        const t0 = performance.now();
        render();
        renderMs.push(performance.now() - t0);
      };
      let last = performance.now();
      const onFrame = (): void => {
        const now = performance.now();
        intervals.push(now - last);
        last = now;
      };
      cesium.postRender.addEventListener(onFrame);
      return new Promise((resolve) => {
        const until = performance.now() + ms;
        const tick = (): void => {
          if (performance.now() >= until) {
            cesium.postRender.removeEventListener(onFrame);
            widget.render = render;
            resolve({ intervals: intervals.slice(1), renderMs: renderMs.slice(1) });
            return;
          }
          cesium.requestRender();
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
    },
    async entityBaseline(cases) {
      for (const layer of ['grids', 'components', 'cameras', 'cases', 'boundaries'] as const) map.setLayer(layer, false);
      const { addEntityBaseline } = await import('./entity-baseline');
      const components = await loadComponents(scene.toDisplay);
      const widget = map.widgetForBench;
      const count = addEntityBaseline(widget, scene, components, cases.map((c) => {
        const [lon, lat] = scene.toDisplay(c.lon, c.lat);
        return { lon, lat };
      }));
      // Entities are turned into primitives over several frames: wait until the display is ready.
      while (!widget.dataSourceDisplay.ready) {
        widget.scene.requestRender();
        await new Promise((r) => setTimeout(r, 200));
      }
      return count;
    },
  };
}
