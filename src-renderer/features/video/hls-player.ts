import Hls, { type ErrorData, type HlsConfig } from 'hls.js';
// The ES module build of hls.js has no worker of its own: without a workerPath it transmuxes every
// segment on the page's main thread, silently (hls.js issue 5484). Its worker ships beside it.
import hlsWorkerUrl from 'hls.js/dist/hls.worker.js?url';
import { healthOf, RECREATE_AFTER_FAILURES, retryDelayMs, type TileHealth } from './tile-health';

/**
 * One tile's player: hls.js tuned for live camera streams, with its own recovery. A wall runs
 * for weeks, so the player owns everything it creates (hls.js instance, timers, listeners) and
 * `destroy()` frees all of it; `liveHlsInstances()` counts what is alive, and the e2e test
 * checks it returns to the number of playing tiles.
 */
export interface PlayerStatus {
  health: TileHealth;
  /** Seconds behind the live edge, when known. */
  latencySec: number | null;
}

export interface PlayerOptions {
  url: string;
  /** Headers for requests to the case service (demo streams): never sent to a camera gateway. */
  headers: Readonly<Record<string, string>>;
  /** The case service's origin, e.g. http://127.0.0.1:5178. */
  serviceOrigin: string;
  onStatus(status: PlayerStatus): void;
}

let liveInstances = 0;
export function liveHlsInstances(): number {
  return liveInstances;
}

/** Plain HLS from a camera gateway: 2 s segments, a few seconds behind live is the goal. */
export const LIVE_TUNING: Partial<HlsConfig> = {
  lowLatencyMode: false,
  liveSyncDurationCount: 2,
  liveMaxLatencyDurationCount: 5,
  // Behind the live edge (after a stall) the player speeds up a little instead of jumping.
  maxLiveSyncPlaybackRate: 1.5,
  // A week-long wall must not grow: keep little behind the playhead, little ahead.
  backBufferLength: 4,
  maxBufferLength: 8,
  // Transmuxing off the main thread: a 16-tile wall would otherwise do it all beside the UI.
  enableWorker: true,
  workerPath: hlsWorkerUrl,
};

const WATCH_MS = 500;
/** Further behind live than this (an encoder restarted with a new timeline): jump, do not catch up. */
const JUMP_TO_LIVE_SEC = 8;
const STUCK_RECREATE_MS = 10_000;

export class CameraPlayer {
  private hls: Hls | null = null;
  private readonly watchdog: ReturnType<typeof setInterval>;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private lastTime = -1;
  private lastProgressAt = performance.now();
  private everPlayed = false;
  private failures = 0;
  private mediaFailures = 0;
  private streamUnreachable = false;
  private destroyed = false;
  private lastStatus: PlayerStatus | null = null;
  private lastCreatedAt = 0;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly options: PlayerOptions,
  ) {
    video.muted = true;
    video.playsInline = true;
    this.create();
    this.watchdog = setInterval(() => this.watch(), WATCH_MS);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    clearInterval(this.watchdog);
    clearTimeout(this.retry);
    this.teardown();
    this.video.removeAttribute('src');
    this.video.load();
  }

  private create(): void {
    const { headers, serviceOrigin } = this.options;
    const hls = new Hls({
      ...LIVE_TUNING,
      xhrSetup: (xhr, url) => {
        // Credentials go to our own service only, never to a camera gateway.
        if (new URL(url, serviceOrigin).origin !== serviceOrigin) return;
        for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
      },
    });
    liveInstances += 1;
    this.hls = hls;
    hls.on(Hls.Events.ERROR, (_event, data) => this.onError(data));
    hls.on(Hls.Events.MANIFEST_PARSED, () => void this.video.play().catch(() => undefined));
    hls.attachMedia(this.video);
    hls.loadSource(this.options.url);
    this.lastCreatedAt = performance.now();
  }

  private teardown(): void {
    const hls = this.hls;
    if (!hls) return;
    this.hls = null;
    hls.detachMedia();
    hls.destroy();
    liveInstances -= 1;
  }

  private onError(data: ErrorData): void {
    const unreachable = data.type === Hls.ErrorTypes.NETWORK_ERROR && /manifest|level/i.test(data.details);
    if (unreachable) this.streamUnreachable = true;
    if (!data.fatal || this.destroyed) return;
    this.failures += 1;
    clearTimeout(this.retry);
    const delay = retryDelayMs(this.failures);
    if (this.failures >= RECREATE_AFTER_FAILURES || data.details === Hls.ErrorDetails.MANIFEST_LOAD_ERROR || data.details === Hls.ErrorDetails.MANIFEST_LOAD_TIMEOUT) {
      // Start again from the playlist: the stream may have come back on a new timeline.
      this.retry = setTimeout(() => this.recreate(), delay);
    } else if (data.type === Hls.ErrorTypes.NETWORK_ERROR) {
      this.retry = setTimeout(() => this.hls?.startLoad(), delay);
    } else if (data.type === Hls.ErrorTypes.MEDIA_ERROR && this.mediaFailures++ < 2) {
      this.hls?.recoverMediaError();
    } else {
      this.retry = setTimeout(() => this.recreate(), delay);
    }
    this.report();
  }

  private recreate(): void {
    if (this.destroyed) return;
    this.teardown();
    this.mediaFailures = 0;
    this.create();
  }

  private watch(): void {
    const now = performance.now();
    const t = this.video.currentTime;
    if (t > this.lastTime + 0.05 && !this.video.paused) {
      this.lastProgressAt = now;
      this.everPlayed = true;
      this.failures = 0;
      this.streamUnreachable = false;
    }
    this.lastTime = t;
    const hls = this.hls;
    const edge = hls?.liveSyncPosition ?? null;
    const stuck = now - this.lastProgressAt;
    if (hls && edge !== null && stuck > 2_000 && edge - t > JUMP_TO_LIVE_SEC) {
      // A restarted encoder: its segments lie ahead of what we buffered; go where the picture is.
      this.video.currentTime = edge;
    }
    if (this.video.paused && hls && edge !== null) void this.video.play().catch(() => undefined);
    // Nothing moved for long and no error told us why: the cheapest sure cure is a fresh player.
    if (stuck > STUCK_RECREATE_MS && now - this.lastCreatedAt > STUCK_RECREATE_MS + retryDelayMs(this.failures + 1)) {
      this.failures += 1;
      this.recreate();
    }
    this.report();
  }

  private report(): void {
    const health = healthOf({
      everPlayed: this.everPlayed,
      msSinceProgress: performance.now() - this.lastProgressAt,
      failures: this.failures,
      streamUnreachable: this.streamUnreachable,
    });
    const latency = this.latency();
    const status: PlayerStatus = { health, latencySec: latency };
    const last = this.lastStatus;
    if (last && last.health === status.health && Math.abs((last.latencySec ?? -1) - (latency ?? -1)) < 0.1) return;
    this.lastStatus = status;
    this.options.onStatus(status);
  }

  private latency(): number | null {
    const hls = this.hls;
    if (!hls || !this.everPlayed) return null;
    const measured = hls.latency;
    if (Number.isFinite(measured) && measured > 0) return measured;
    const edge = hls.liveSyncPosition;
    return edge === null ? null : Math.max(0, edge - this.video.currentTime);
  }
}
