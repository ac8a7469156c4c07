import { onBeforeUnmount, onMounted, watch, type Ref } from 'vue';
import { beijingCalendar } from '../../../src-shared/calendar';
import { categoryByCode } from '../../../src-shared/catalog/categories';
import type { CaseState } from '../../../src-shared/domain/case';
import { deskBus } from '../../app/desk-bus';
import { useLiveCases } from '../cases/live-cases';
import { TimingCache } from '../queue/deadline';
import { syncCaseMarkers } from './case-markers';
import { liveCaseSource, type CaseSource } from './case-source';
import { CityMap, MAP_LAYERS } from './city-map';
import { colourOfClass, gridCounts, heatBreaks, heatClass, heatLegend, type HeatMeasure } from './heat';
import { loadComponents, loadMapScene, MapDataError, type MapScene } from './map-data';
import { useMapStore } from './map-store';
import { mapBenchHooks, type MapBenchHooks } from './map-bench-hooks';

const HEAT_EVERY_MS = 1_000;
/** Overdue changes with time, not only with events: markers and heat are re-checked this often. */
const CLOCK_EVERY_MS = 30_000;

/** What e2e tests and benches read from a map window (a place's pixel, where the camera is). */
type MapTestWindow = Window & { gridMap?: MapTestHook };
export interface MapTestHook {
  /** Canvas pixel of a place given in the district's datum (as cases and grids are stored). */
  pixelOf(lon: number, lat: number): { x: number; y: number } | undefined;
  gridCentre(code: string): readonly [number, number] | undefined;
  /** The globe point under the canvas centre, converted back is not needed: display datum. */
  lookingAt(): { lon: number; lat: number } | undefined;
  toDisplay(lon: number, lat: number): [number, number];
  caseMarkers(): number;
  /** The emergency scene ring shown now, in the district's datum (the duty screen), or undefined. */
  sceneRing(): { lon: number; lat: number; radiusMetres: number } | undefined;
  /** Primitives and collections in the scene: constant while the map runs (nothing rebuilt). */
  primitives(): number;
  bench: MapBenchHooks;
}

function exposeForTests(map: CityMap, scene: MapScene, sceneFocus: () => SceneFocus | undefined): void {
  (window as MapTestWindow).gridMap = {
    pixelOf: (lon, lat) => {
      const [x, y] = scene.toDisplay(lon, lat);
      return map.canvasPositionOf(x, y);
    },
    gridCentre: (code) => scene.district.grids.find((g) => g.code === code)?.centroid,
    lookingAt: () => map.lookingAt(),
    toDisplay: (lon, lat) => scene.toDisplay(lon, lat),
    caseMarkers: () => map.cases.count,
    sceneRing: () => (map.sceneShown ? sceneFocus() : undefined),
    primitives: () => map.cesiumScene.primitives.length,
    bench: mapBenchHooks(map, scene),
  };
}

/** How an embedding view (the wall) uses the map; `#/map` passes none. */
export interface CityMapOptions {
  /** Where the cases come from (default: the window's live replica). */
  source?: CaseSource;
  /** A fixed heat measure instead of the map's control (the wall: open cases). */
  heat?: () => HeatMeasure;
  /** An emergency's scene to centre on, with its radius ring (the duty screen); district datum. */
  scene?: () => SceneFocus | undefined;
}

/** A place and a radius around it, in the district's datum (as cases are stored). */
export interface SceneFocus {
  lon: number;
  lat: number;
  radiusMetres: number;
}

/**
 * Mounts the city view into `container` and keeps it live: case markers and heat follow the
 * case source (the window's replica unless told otherwise), the desk bus moves the camera,
 * picks go out on the bus. Everything set up here is torn down on unmount.
 */
export function useCityMap(container: Ref<HTMLElement | null>, options: CityMapOptions = {}): { scene: () => MapScene | undefined } {
  const store = useMapStore();
  const live = useLiveCases();
  const source = options.source ?? liveCaseSource();
  const heat = options.heat ?? (() => store.heat);
  const sceneFocus = options.scene ?? (() => undefined);
  const timings = new TimingCache(categoryByCode, beijingCalendar);
  const isOverdue = (state: CaseState): boolean => {
    const timing = timings.get(state);
    return timing !== undefined && source.now().getTime() >= timing.deadline;
  };
  let map: CityMap | undefined;
  let scene: MapScene | undefined;
  let heatTimer: ReturnType<typeof setTimeout> | undefined;
  const stops: (() => void)[] = [];

  const repaintHeat = (): void => {
    heatTimer = undefined;
    if (!map) return;
    const counts = gridCounts(source.all(), heat(), { now: source.now().getTime(), isOverdue });
    const breaks = heatBreaks(counts);
    const colours = new Map<string, string>();
    for (const [code, n] of counts) colours.set(code, colourOfClass(heatClass(n, breaks), breaks.length));
    map.grids.paint(colours);
    store.legend = heatLegend(breaks);
  };
  const scheduleHeat = (): void => {
    if (heat() !== 'none' && !heatTimer) heatTimer = setTimeout(repaintHeat, HEAT_EVERY_MS);
  };

  const syncAll = (): void => {
    if (!map || !scene) return;
    const ids = new Set<string>(map.cases.ids());
    for (const c of source.all()) ids.add(c.id);
    syncCaseMarkers(map.cases, ids, source.get, isOverdue, scene.toDisplay);
    store.counts.cases = map.cases.count;
    timings.prune((id) => source.get(id) !== undefined);
  };

  /** Moves the ring and the camera to the scene (only when it changed: the officer may pan meanwhile). */
  let sceneKey = '';
  const showScene = (): void => {
    if (!map || !scene || store.status !== 'ready') return;
    const focus = sceneFocus();
    const key = focus ? `${focus.lon},${focus.lat},${focus.radiusMetres}` : '';
    if (key === sceneKey) return;
    sceneKey = key;
    if (!focus) return map.hideScene();
    const [lon, lat] = scene.toDisplay(focus.lon, focus.lat);
    map.showScene(lon, lat, focus.radiusMetres);
  };

  const selectCase = (caseId: string, flyTo: boolean): void => {
    const state = source.get(caseId);
    if (!map || !scene || !state) return;
    map.grids.highlight(state.place.gridCode);
    if (flyTo) {
      const [lon, lat] = scene.toDisplay(state.place.lon, state.place.lat);
      map.flyTo(lon, lat);
    }
    store.picked = { kind: 'case', id: caseId };
  };

  async function mount(): Promise<void> {
    const el = container.value;
    if (!el) return;
    try {
      scene = await loadMapScene();
      if (!container.value) return; // unmounted while loading
      map = new CityMap(el, scene);
      store.scene = scene;
      store.attach(map);
      store.counts.grids = scene.grids.length;
      store.counts.cameras = scene.cameras.length;
      for (const layer of MAP_LAYERS) map.setLayer(layer, store.layers[layer]);
      map.setMode(store.mode);
      stops.push(
        map.onPick((pick) => {
          store.picked = pick ?? null;
          if (!pick || !map) return;
          if (pick.kind === 'grid') map.grids.highlight(pick.id);
          else if (pick.kind === 'case') {
            selectCase(pick.id, false);
            const c = source.get(pick.id);
            deskBus.publish({ type: 'case:selected', caseId: pick.id, ...(c ? { gridCode: c.place.gridCode, lon: c.place.lon, lat: c.place.lat } : {}) });
          } else if (pick.kind === 'camera') deskBus.publish({ type: 'camera:show', cameraId: pick.id });
        }),
      );
      syncAll();
      if (__GRID_PROBES__) exposeForTests(map, scene, sceneFocus);
      await map.ready();
      if (map.isDestroyed) return;
      store.status = 'ready';
      showScene();
      repaintHeat();
      const components = await loadComponents(scene.toDisplay);
      map.addComponents(components);
      store.counts.components = map.componentCount;
    } catch (error) {
      store.status = 'failed';
      const reason = error instanceof Error ? error.message : String(error);
      store.failure = error instanceof MapDataError ? error.text : { zh: reason, en: reason };
    }
  }

  stops.push(
    watch(
      () => source.revision(),
      () => {
        if (!map || !scene) return;
        syncCaseMarkers(map.cases, source.changed(), source.get, isOverdue, scene.toDisplay);
        store.counts.cases = map.cases.count;
        scheduleHeat();
      },
    ),
    // Another source (live ↔ replay): every marker and the heat are checked again at once.
    watch(
      () => source.epoch(),
      () => {
        syncAll();
        repaintHeat();
      },
    ),
    watch(
      () => ({ ...store.layers }),
      (layers) => {
        for (const layer of MAP_LAYERS) map?.setLayer(layer, layers[layer]);
      },
    ),
    watch(
      () => heat(),
      () => repaintHeat(),
    ),
    watch(
      () => store.mode,
      (mode) => map?.setMode(mode),
    ),
    watch(sceneFocus, showScene),
    deskBus.subscribe((message) => {
      if (!map) return;
      if (message.type === 'case:selected') selectCase(message.caseId, true);
      else if (message.type === 'grid:focus' && map.flyToGrid(message.gridCode)) {
        map.grids.highlight(message.gridCode);
        store.picked = { kind: 'grid', id: message.gridCode };
      }
    }),
  );
  const clock = setInterval(() => {
    syncAll();
    scheduleHeat();
  }, CLOCK_EVERY_MS);
  stops.push(() => clearInterval(clock));

  onMounted(() => {
    live.loadPeople(); // supervisors' names in the grid panel
    void mount();
  });

  onBeforeUnmount(() => {
    for (const stop of stops.splice(0)) stop();
    if (heatTimer) clearTimeout(heatTimer);
    store.attach(undefined);
    if (__GRID_PROBES__) delete (window as MapTestWindow).gridMap;
    map?.destroy();
    map = undefined;
    store.status = 'loading';
    store.picked = null;
  });

  return { scene: () => scene };
}
