import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { CameraFeed, CameraListAnswer, VideoAvailability } from '../../../src-shared/contract/video';
import { allowedCommands } from '../../../src-shared/domain/decide';
import { isRefusal, type Refusal } from '../../../src-shared/errors';
import { apiFetch } from '../../app/api';
import { deskBus } from '../../app/desk-bus';
import { serviceOrigin } from '../../app/service-origin';
import { useConnection } from '../../app/connection';
import { useSession } from '../../app/session';
import { useLiveCases } from '../cases/live-cases';
import { acknowledge, alertsIn, expire, placeAlerts, withArrivals, type CameraAlert } from './camera-alerts';
import {
  assignTile,
  camerasSeeing,
  emptyTiles,
  isWallLayout,
  layoutFor,
  parsePresets,
  savePreset,
  tileCount,
  tileFor,
  tourPage,
  type WallLayout,
  type WallPreset,
} from './wall-layout';
import { firstWall, parseWall, serialiseWall, wallKeyOf, withoutMissing, type WallArrangement } from './wall-memory';

const PRESETS_KEY = 'video.presets';

function readStorage(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null; // kiosk profiles may disable storage: the wall then starts empty
  }
}
function writeStorage(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // see readStorage
  }
}

export type GrabOutcome = { ok: true; caseId: string } | Refusal | { ok: false; code: 'NO_CASE' | 'NOT_ALLOWED'; message?: undefined };

/**
 * The wall of this window: which cameras exist, which is on which tile, the case the desk has
 * selected (its cameras come first), presets and the tour. Tiles hold camera ids, not players:
 * each VideoTile owns its player, so a tile that changes or leaves frees it.
 */
export const useVideoWall = defineStore('video-wall', () => {
  const session = useSession();
  const live = useLiveCases();
  const cameras = shallowRef<readonly CameraFeed[]>([]);
  const availability = shallowRef<VideoAvailability | null>(null);
  const loadFailure = shallowRef<Refusal | null>(null);
  const origin = ref('');
  const connection = useConnection();
  const layout = ref<WallLayout>(4);
  const tiles = ref<(string | null)[]>(emptyTiles());
  /**
   * Whose arrangement the tiles are: none until the wall knows its user and its cameras (and,
   * for a first open, the cases it sees). Nothing is written to storage before then, so a
   * window that is still starting never overwrites what its user left.
   */
  const arrangedFor = ref<string | null>(null);
  /** Only the camera wall arranges tiles; the big screen and the duty scene use this store for streams. */
  const arranging = ref(false);
  /** The tiles are the first open's pick, untouched yet (the toolbar says why these cameras). */
  const firstOpen = ref(false);
  const selectedTile = ref(0);
  const query = ref('');
  const linkedCase = shallowRef<{ caseId: string; gridCode: string } | null>(null);
  const presets = ref<WallPreset[]>(parsePresets(readStorage(PRESETS_KEY)));
  const tour = shallowRef<{ ids: string[]; seconds: number; step: number } | null>(null);
  let tourTimer: ReturnType<typeof setInterval> | undefined;
  const alerts = shallowRef<readonly CameraAlert[]>([]);

  const byId = computed(() => new Map(cameras.value.map((c) => [c.id, c])));
  const linkedCameras = computed(() => (linkedCase.value ? camerasSeeing(cameras.value, linkedCase.value.gridCode) : []));
  /** Open alerts by visible tile, and those whose camera is not on the wall. */
  const placedAlerts = computed(() => placeAlerts(alerts.value, tiles.value.slice(0, tileCount(layout.value))));

  watch(
    [layout, tiles],
    () => {
      if (arrangedFor.value) writeStorage(wallKeyOf(arrangedFor.value), serialiseWall({ layout: layout.value, tiles: tiles.value }));
    },
    { deep: true },
  );

  function arrange(userId: string, arrangement: WallArrangement): void {
    layout.value = arrangement.layout;
    tiles.value = arrangement.tiles;
    if (selectedTile.value >= tileCount(arrangement.layout)) selectedTile.value = 0;
    arrangedFor.value = userId;
  }

  /**
   * Restores the user's wall as they left it, or on a first open shows the cameras of the
   * busiest grids once the window's cases are in (a window still connecting would rank nothing).
   */
  watch(
    [arranging, () => session.user?.id, cameras, () => connection.state],
    ([on, userId, known, state]) => {
      if (!on || !userId) return;
      if (arrangedFor.value === userId || known.length === 0) return;
      const saved = parseWall(readStorage(wallKeyOf(userId)));
      if (saved) arrange(userId, withoutMissing(saved, byId.value));
      else if (state === 'live') {
        arrange(userId, firstWall(known, live.all()));
        firstOpen.value = true;
      }
    },
    { immediate: true },
  );

  /** The camera wall opened: from now on this window's tiles are its user's arrangement. */
  function restoreArrangement(): void {
    arranging.value = true;
  }

  /** The operator arranged the wall before it was restored: theirs wins, and is what gets kept. */
  function arrangedByHand(): void {
    firstOpen.value = false;
    if (arranging.value && !arrangedFor.value && session.user) arrangedFor.value = session.user.id;
  }

  async function load(): Promise<void> {
    origin.value = await serviceOrigin();
    const answer = await apiFetch<CameraListAnswer>('/api/cameras');
    if (isRefusal(answer)) {
      loadFailure.value = answer;
      return;
    }
    loadFailure.value = null;
    availability.value = answer.video;
    cameras.value = answer.cameras;
    // Cameras removed from the district since the wall was saved leave their tiles.
    tiles.value = withoutMissing({ layout: layout.value, tiles: tiles.value }, byId.value).tiles;
  }

  /** The stream URL a player loads: gateway URLs as they are, the demo's paths on the service. */
  function streamUrl(camera: CameraFeed): string | null {
    if (!camera.hlsUrl) return null;
    return /^https?:\/\//.test(camera.hlsUrl) ? camera.hlsUrl : `${origin.value}${camera.hlsUrl}`;
  }

  function streamHeaders(): Record<string, string> {
    const c = session.credentials('video');
    if (c.token) return { authorization: `Bearer ${c.token}` };
    return c.as ? { 'x-demo-user': c.as } : {};
  }

  function put(cameraId: string, tile?: number): void {
    if (!byId.value.has(cameraId)) return;
    const at = tile ?? tileFor(tiles.value, layout.value, cameraId, selectedTile.value);
    arrangedByHand();
    tiles.value = assignTile(tiles.value, at, cameraId);
    selectedTile.value = at;
  }

  function clear(tile: number): void {
    arrangedByHand();
    tiles.value = tiles.value.map((id, i) => (i === tile ? null : id));
  }

  function setLayout(next: WallLayout): void {
    arrangedByHand();
    layout.value = next;
    if (selectedTile.value >= tileCount(next)) selectedTile.value = 0;
  }

  /** The desk selected a case: its grid's cameras go onto the wall, first tiles first. */
  function showCase(caseId: string, gridCode: string | undefined): void {
    if (!gridCode) {
      linkedCase.value = null;
      return;
    }
    linkedCase.value = { caseId, gridCode };
    const seeing = linkedCameras.value.slice(0, 9);
    if (seeing.length === 0) return;
    stopTour();
    arrangedByHand();
    if (tileCount(layout.value) < seeing.length) layout.value = layoutFor(seeing.length);
    let next = tiles.value;
    seeing.forEach((c, i) => (next = assignTile(next, i, c.id)));
    tiles.value = next;
  }

  function unlinkCase(): void {
    linkedCase.value = null;
  }

  /** May this user attach evidence to the linked case now? (The same table the service decides with.) */
  const grabTarget = computed<{ caseId: string } | { refused: 'NO_CASE' | 'NOT_ALLOWED' }>(() => {
    void live.revision;
    const linked = linkedCase.value;
    const user = session.user;
    if (!linked) return { refused: 'NO_CASE' };
    const state = live.get(linked.caseId);
    if (!state || !user) return { refused: 'NOT_ALLOWED' };
    const actor = { userId: user.id, role: user.role, ...(user.departmentId ? { departmentId: user.departmentId } : {}) };
    return allowedCommands(state, actor).includes('attachEvidence') ? { caseId: linked.caseId } : { refused: 'NOT_ALLOWED' };
  });

  /** Uploads the frame (POST /api/photos), then attaches it to the linked case. */
  /** A case as people know it: its number (DC20261123-00042), not its internal id. */
  function caseLabel(caseId: string): string {
    return live.get(caseId)?.number ?? caseId;
  }

  async function attachFrame(frame: Blob, note: string): Promise<GrabOutcome> {
    const target = grabTarget.value;
    if ('refused' in target) return { ok: false, code: target.refused };
    const form = new FormData();
    form.append('photos', frame, `frame-${Date.now()}.jpg`);
    const uploaded = await apiFetch<{ ok: true; photoIds: string[] }>('/api/photos', { method: 'POST', body: form });
    if (isRefusal(uploaded)) return uploaded;
    const answer = await live.command({ caseId: target.caseId, type: 'attachEvidence', payload: { photoIds: uploaded.photoIds, note } });
    return answer.ok ? { ok: true, caseId: target.caseId } : answer;
  }

  /**
   * Camera cases arriving live become alerts (only the camera wall calls this: the big screen
   * and the duty screen use this store for streams alone). Returns the function that stops it.
   */
  function watchAlerts(): () => void {
    const now = () => live.serviceNow().getTime();
    const stopListening = live.onEvents((events) => {
      const arrivals = alertsIn(events);
      if (arrivals.length) alerts.value = withArrivals(alerts.value, arrivals, now());
    });
    const timer = setInterval(() => (alerts.value = expire(alerts.value, now())), 15_000);
    return () => {
      stopListening();
      clearInterval(timer);
    };
  }

  function dismissAlert(caseId: string): void {
    alerts.value = acknowledge(alerts.value, caseId);
  }

  /**
   * Opens an alert's case on the desk: the queue selects it and the map flies there. This wall
   * links it (a grabbed frame becomes its evidence) but leaves its tiles alone: the operator is
   * already looking at the camera that raised it.
   */
  function openAlert(alert: CameraAlert): void {
    dismissAlert(alert.caseId);
    linkedCase.value = { caseId: alert.caseId, gridCode: alert.gridCode };
    const state = live.get(alert.caseId);
    deskBus.publish({ type: 'case:selected', caseId: alert.caseId, gridCode: alert.gridCode, ...(state ? { lon: state.place.lon, lat: state.place.lat } : {}) });
  }

  function saveAs(name: string): void {
    const clean = name.trim().slice(0, 40);
    if (!clean) return;
    presets.value = savePreset(presets.value, { name: clean, layout: layout.value, tiles: [...tiles.value] });
    writeStorage(PRESETS_KEY, JSON.stringify(presets.value));
  }

  function recall(name: string): void {
    const preset = presets.value.find((p) => p.name === name);
    if (!preset) return;
    stopTour();
    setLayout(preset.layout);
    tiles.value = preset.tiles.map((id) => (id && byId.value.has(id) ? id : null));
  }

  /** Cycles `ids` over the visible tiles, a page every `seconds`. */
  function startTour(ids: readonly string[], seconds: number): void {
    stopTour();
    if (ids.length === 0 || !isWallLayout(layout.value)) return;
    const state = { ids: [...ids], seconds, step: 0 };
    const show = () => {
      const page = tourPage(state.ids, tileCount(layout.value), state.step);
      let next = emptyTiles();
      page.forEach((id, i) => (next = assignTile(next, i, id)));
      tiles.value = next;
      state.step += 1;
      tour.value = { ...state };
    };
    show();
    tourTimer = setInterval(show, Math.max(5, seconds) * 1000);
  }

  function stopTour(): void {
    clearInterval(tourTimer);
    tourTimer = undefined;
    tour.value = null;
  }

  return {
    cameras,
    availability,
    loadFailure,
    layout,
    tiles,
    selectedTile,
    query,
    linkedCase,
    linkedCameras,
    presets,
    tour,
    byId,
    grabTarget,
    placedAlerts,
    watchAlerts,
    dismissAlert,
    openAlert,
    load,
    restoreArrangement,
    firstOpen,
    streamUrl,
    streamHeaders,
    put,
    clear,
    setLayout,
    showCase,
    unlinkCase,
    attachFrame,
    caseLabel,
    saveAs,
    recall,
    startTour,
    stopTour,
  };
});
