import { computed, onBeforeUnmount, onMounted, ref, shallowRef, watch, type Ref } from 'vue';
import type { CameraFeed } from '../../../src-shared/contract/video';
import { CameraPlayer, type PlayerStatus } from './hls-player';
import { useVideoWall } from './video-wall-store';

/**
 * A camera's player in a tile (the video wall's, the big screen's, the duty scene's): it plays
 * only while the tile is on screen and the window visible; otherwise, and whenever its camera
 * changes, the player is destroyed (a wall runs for weeks). One place for that rule.
 */
export function useTilePlayer(camera: () => CameraFeed | null, root: Ref<HTMLElement | null>, video: Ref<HTMLVideoElement | null>) {
  const wall = useVideoWall();
  const onScreen = ref(false);
  const pageVisible = ref(document.visibilityState === 'visible');
  const status = shallowRef<PlayerStatus>({ health: 'idle', latencySec: null });
  let player: CameraPlayer | null = null;
  let observer: IntersectionObserver | undefined;

  const url = computed(() => {
    const feed = camera();
    return feed ? wall.streamUrl(feed) : null;
  });
  const shouldPlay = computed(() => url.value !== null && onScreen.value && pageVisible.value);

  function stop(): void {
    player?.destroy();
    player = null;
    status.value = { health: 'idle', latencySec: null };
  }

  function start(): void {
    stop();
    if (!video.value || !url.value) return;
    player = new CameraPlayer(video.value, {
      url: url.value,
      headers: wall.streamHeaders(),
      serviceOrigin: new URL(url.value).origin,
      onStatus: (s) => (status.value = s),
    });
  }

  watch([shouldPlay, url], ([play]) => (play ? start() : stop()));

  function onVisibility(): void {
    pageVisible.value = document.visibilityState === 'visible';
  }

  onMounted(() => {
    document.addEventListener('visibilitychange', onVisibility);
    observer = new IntersectionObserver((entries) => {
      for (const entry of entries) onScreen.value = entry.isIntersecting;
    });
    if (root.value) observer.observe(root.value);
  });

  onBeforeUnmount(() => {
    document.removeEventListener('visibilitychange', onVisibility);
    observer?.disconnect();
    stop();
  });

  return { url, status, onScreen, pageVisible };
}
