import { ref, watch, type Ref } from 'vue';
import type { CameraFeed } from '../../../src-shared/contract/video';
import type { CaseState } from '../../../src-shared/domain/case';
import { deskBus } from '../../app/desk-bus';
import { WALL_CAMERAS } from './scene';

/**
 * Opens the scene on the desk's other windows over the desk bus: the case is selected (maps fly
 * to it; the video wall links it, so a frame grabbed there becomes its evidence), then each
 * camera within the radius, nearest first, goes onto the video wall (`camera:show`). Done once
 * per case when its cameras are known, and again whenever the officer asks.
 */
export function useSceneWall(kase: () => CaseState | undefined, cameras: () => readonly CameraFeed[] | undefined): { send: () => void; sent: Ref<number> } {
  const sent = ref(0);
  let sentFor = '';

  function send(): void {
    const c = kase();
    const list = cameras();
    if (!c || !list) return;
    sentFor = c.id;
    deskBus.publish({ type: 'case:selected', caseId: c.id, gridCode: c.place.gridCode, lon: c.place.lon, lat: c.place.lat });
    const shown = list.slice(0, WALL_CAMERAS);
    for (const camera of shown) deskBus.publish({ type: 'camera:show', cameraId: camera.id });
    sent.value = shown.length;
  }

  watch(
    [() => kase()?.id, cameras],
    ([id, list]) => {
      if (id === undefined || list === undefined || sentFor === id) return;
      send();
    },
    { immediate: true },
  );
  return { send, sent };
}
