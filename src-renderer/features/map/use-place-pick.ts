import { onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { displayDatum } from '../../../src-shared/contract/map';
import { datumConverter } from '../../../src-shared/geo/datum';
import { deskBus } from '../../app/desk-bus';
import { useMapStore } from './map-store';

/**
 * 选点 for a form on another screen: a form (the intake desk keying in a call) asks over the
 * desk bus, the next click on this map is taken as the place and sent back as lon/lat in the
 * district's datum (as cases are stored). The grid is found by the service from the point,
 * with the same point-in-polygon test the report itself gets. Only one request waits at a time:
 * the newest one wins.
 */
export function usePlacePick(): { waiting: Ref<string | null>; cancel: () => void } {
  const store = useMapStore();
  const waiting = ref<string | null>(null);
  let stopClick: (() => void) | undefined;

  function listen(): void {
    stopClick?.();
    stopClick = undefined;
    const map = store.map();
    const scene = store.scene;
    if (!waiting.value || !map || !scene) return;
    const toDistrict = datumConverter(displayDatum(scene.settings), scene.settings.districtDatum);
    stopClick = map.onGroundClick((point) => {
      const requestId = waiting.value;
      if (!requestId) return false;
      const [lon, lat] = toDistrict(point.lon, point.lat);
      deskBus.publish({ type: 'place:picked', requestId, lon, lat });
      stop();
      return true;
    });
  }

  function stop(): void {
    waiting.value = null;
    stopClick?.();
    stopClick = undefined;
  }

  function cancel(): void {
    const requestId = waiting.value;
    stop();
    if (requestId) deskBus.publish({ type: 'place:pickCancelled', requestId });
  }

  const unsubscribe = deskBus.subscribe((message) => {
    if (message.type === 'place:pick') {
      waiting.value = message.requestId;
      listen();
    } else if (message.type === 'place:pickCancelled' && message.requestId === waiting.value) stop();
  });
  // A request that came before the map was ready is served once it is.
  const stopWatch = watch(
    () => store.status,
    (status) => {
      if (status === 'ready' && waiting.value) listen();
    },
  );

  onBeforeUnmount(() => {
    unsubscribe();
    stopWatch();
    stop();
  });
  return { waiting, cancel };
}
