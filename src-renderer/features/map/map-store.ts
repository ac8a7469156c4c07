import { defineStore } from 'pinia';
import type { BilingualText } from '../../../src-shared/i18n-text';
import { reactive, ref, shallowRef } from 'vue';
import type { CityMap, MapLayerName } from './city-map';
import type { HeatMeasure } from './heat';
import type { MapPick } from './layers/pick-ids';
import type { MapScene } from './map-data';

export type MapStatus = 'loading' | 'ready' | 'failed';

/**
 * What the map's controls show and set: layers, heat, 2D / 3D, the picked object. The Cesium
 * objects live in CityMap (owned by MapView), not in reactive state: Vue proxies over a WebGL
 * scene would cost on every frame.
 */
export const useMapStore = defineStore('city-map', () => {
  const status = ref<MapStatus>('loading');
  const failure = ref<BilingualText | null>(null);
  const layers = reactive<Record<MapLayerName, boolean>>({ boundaries: true, grids: true, components: true, cameras: true, cases: true });
  const heat = ref<HeatMeasure>('none');
  const mode = ref<'3d' | '2d'>('3d');
  const picked = ref<MapPick | null>(null);
  const legend = shallowRef<{ label: string; colour: string }[]>([]);
  const counts = reactive({ grids: 0, components: 0, cameras: 0, cases: 0 });
  /** The loaded district and cameras, for the info panel and search (plain data, not deep-reactive). */
  const scene = shallowRef<MapScene | null>(null);
  /** The live map, while MapView is mounted (plain object, not reactive). */
  let map: CityMap | undefined;

  return {
    status,
    failure,
    layers,
    heat,
    mode,
    picked,
    legend,
    counts,
    scene,
    attach(next: CityMap | undefined) {
      map = next;
    },
    map: () => map,
  };
});
