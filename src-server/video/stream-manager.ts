import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { BilingualText } from '../../src-shared/i18n-text';
import type { VideoRefusalCode } from '../../src-shared/contract/video';
import { encoderArgs, findBurnInFont } from './demo-scenes';

/**
 * The demo's camera streams: one ffmpeg per camera, started when a player first asks for its
 * playlist and stopped when nobody has asked for a while. 240 cameras cannot all encode at once
 * (≈ 4 % of the machine each), and a wall shows at most 16, so encoders are capped and a request
 * over the cap is refused in words rather than slowing every stream down.
 */
export interface StreamManagerOptions {
  ffmpegPath: string;
  /** Encoders allowed at once (a 4×4 wall). */
  maxEncoders: number;
  /** An encoder nobody asked anything of for this long is stopped. */
  idleMs: number;
  /** How long a first playlist request waits for the first segment. */
  startTimeoutMs: number;
  logger: Logger;
}

export const DEFAULT_STREAM_OPTIONS = { maxEncoders: 16, idleMs: 30_000, startTimeoutMs: 12_000 } as const;

export type StreamAnswer =
  | { ok: true; bytes: Buffer }
  | { ok: false; status: number; code: VideoRefusalCode; message: BilingualText };

interface Encoder {
  cameraId: string;
  dir: string;
  child: ChildProcess;
  startedAt: number;
  lastRequestAt: number;
  /** Resolves once the playlist lists a segment; false if the encoder died first or took too long. */
  ready: Promise<boolean>;
  exited: Promise<void>;
  stderrTail: string;
}

const SEGMENT_NAME = /^seg\d{1,20}\.ts$/;

/** Can this path run ffmpeg? (Without it the demo has no video; the camera list says so.) */
export async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export class StreamManager {
  private readonly encoders = new Map<string, Encoder>();
  private rootDir: Promise<string> | undefined;
  private readonly sweeper: NodeJS.Timeout;
  private readonly fontFile = findBurnInFont();
  private closed = false;
  /** Cameras taken offline until a time (maintenance; tests play a camera dropping out). */
  private readonly offlineUntil = new Map<string, number>();

  constructor(
    private readonly options: StreamManagerOptions,
    private readonly knownCamera: (cameraId: string) => boolean,
  ) {
    this.sweeper = setInterval(() => this.stopIdle(), Math.max(250, Math.min(5_000, options.idleMs / 3)));
    this.sweeper.unref();
    process.once('exit', this.killAll);
  }

  /** The service exiting without close() (a fatal error, Ctrl-C in a bench) leaves no ffmpeg running. */
  private readonly killAll = (): void => {
    for (const encoder of this.encoders.values()) encoder.child?.kill('SIGKILL');
  };

  get maxEncoders(): number {
    return this.options.maxEncoders;
  }

  /** Cameras with an encoder running or starting. */
  running(): string[] {
    return [...this.encoders.keys()];
  }

  /** The encoder's process id (tests kill it to play a camera going offline). */
  pidOf(cameraId: string): number | undefined {
    return this.encoders.get(cameraId)?.child.pid;
  }

  async playlist(cameraId: string): Promise<StreamAnswer> {
    if (this.closed) return refusal(503, 'VIDEO_UNAVAILABLE', { zh: '视频服务正在关闭', en: 'The video service is shutting down' });
    if (!this.knownCamera(cameraId)) return unknownCamera(cameraId);
    if ((this.offlineUntil.get(cameraId) ?? 0) > Date.now()) {
      return refusal(503, 'VIDEO_UNAVAILABLE', { zh: `摄像头 ${cameraId} 离线`, en: `Camera ${cameraId} is offline` });
    }
    let encoder = this.encoders.get(cameraId);
    if (!encoder) {
      if (this.encoders.size >= this.options.maxEncoders) {
        return refusal(503, 'VIDEO_BUSY', {
          zh: `同时播放的视频路数已达上限（${this.options.maxEncoders} 路），请先关闭其他画面`,
          en: `At most ${this.options.maxEncoders} camera streams can play at once; close another tile first`,
        });
      }
      encoder = await this.start(cameraId);
    }
    encoder.lastRequestAt = Date.now();
    if (!(await encoder.ready)) {
      this.options.logger.warn({ cameraId, stderr: encoder.stderrTail.slice(-400) }, 'camera encoder did not start');
      return refusal(503, 'STREAM_NOT_READY', { zh: `摄像头 ${cameraId} 的视频流未能启动`, en: `The stream of camera ${cameraId} did not start` });
    }
    try {
      return { ok: true, bytes: await readFile(join(encoder.dir, 'index.m3u8')) };
    } catch {
      // The encoder stopped between the check and the read (idle sweep, a crash): say "try again".
      return refusal(503, 'STREAM_NOT_READY', { zh: '视频流正在重启', en: 'The stream is restarting' });
    }
  }

  async segment(cameraId: string, name: string): Promise<StreamAnswer> {
    if (!this.knownCamera(cameraId)) return unknownCamera(cameraId);
    const encoder = this.encoders.get(cameraId);
    if (!SEGMENT_NAME.test(name) || !encoder) return refusal(404, 'NOT_FOUND', { zh: '没有该视频片段', en: `No segment ${name}` });
    encoder.lastRequestAt = Date.now();
    try {
      return { ok: true, bytes: await readFile(join(encoder.dir, name)) };
    } catch {
      // Deleted by ffmpeg (the player fell more than six segments behind) or not written yet.
      return refusal(404, 'NOT_FOUND', { zh: '该视频片段已过期', en: `Segment ${name} is gone` });
    }
  }

  /** Stops one camera's encoder (idle, or on request) and removes its files. */
  async stop(cameraId: string): Promise<void> {
    const encoder = this.encoders.get(cameraId);
    if (!encoder) return;
    this.encoders.delete(cameraId);
    await terminate(encoder);
    if (encoder.dir) await rm(encoder.dir, { recursive: true, force: true });
  }

  /** Stops the camera's encoder at once (like a crash) and refuses its stream for `ms`. */
  async takeOffline(cameraId: string, ms: number): Promise<void> {
    this.offlineUntil.set(cameraId, Date.now() + ms);
    const encoder = this.encoders.get(cameraId);
    encoder?.child?.kill('SIGKILL');
    await encoder?.exited;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    process.off('exit', this.killAll);
    await Promise.all(this.running().map((id) => this.stop(id)));
    if (this.rootDir) await rm(await this.rootDir, { recursive: true, force: true });
  }

  private stopIdle(): void {
    const now = Date.now();
    for (const encoder of this.encoders.values()) {
      if (now - encoder.lastRequestAt > this.options.idleMs) {
        this.options.logger.info({ cameraId: encoder.cameraId, ranMs: now - encoder.startedAt }, 'camera encoder idle: stopped');
        void this.stop(encoder.cameraId);
      }
    }
  }

  private async start(cameraId: string): Promise<Encoder> {
    // Registered before the first await, so concurrent requests share one encoder and the cap holds.
    const startedAt = Date.now();
    let settleReady: (ok: boolean) => void = () => undefined;
    const encoderReady = new Promise<boolean>((resolve) => (settleReady = resolve));
    const placeholder = { cameraId, startedAt, lastRequestAt: startedAt, ready: encoderReady, stderrTail: '' } as Encoder;
    this.encoders.set(cameraId, placeholder);
    try {
      this.rootDir ??= mkdtemp(join(tmpdir(), 'grid-video-'));
      // A folder of its own for every start: an encoder still stopping (idle sweep) removes its
      // folder after it exits, which must not take the files of the one that replaced it.
      const dir = await mkdtemp(join(await this.rootDir, `${cameraId.replace(/[^A-Za-z0-9_-]/g, '_')}-`));
      const child = spawn(this.options.ffmpegPath, encoderArgs({ cameraId, dir, fontFile: this.fontFile }), {
        stdio: ['ignore', 'ignore', 'pipe'],
        // The burnt-in clock shows Beijing time, whatever the host's zone.
        env: { ...process.env, TZ: 'Asia/Shanghai' },
      });
      placeholder.child = child;
      placeholder.dir = dir;
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (chunk: string) => (placeholder.stderrTail = (placeholder.stderrTail + chunk).slice(-2_000)));
      placeholder.exited = new Promise<void>((resolve) => {
        child.once('exit', (code, signal) => {
          settleReady(false);
          // A crash or a kill: forget it, so the next playlist request starts a fresh encoder.
          if (this.encoders.get(cameraId) === placeholder) {
            this.encoders.delete(cameraId);
            this.options.logger.warn({ cameraId, code, signal }, 'camera encoder exited');
          }
          resolve();
        });
        child.once('error', (error) => {
          placeholder.stderrTail += String(error);
          settleReady(false);
          if (this.encoders.get(cameraId) === placeholder) this.encoders.delete(cameraId);
          resolve();
        });
      });
      void waitForFirstSegment(join(dir, 'index.m3u8'), this.options.startTimeoutMs, encoderReady).then((ok) => {
        if (ok) this.options.logger.info({ cameraId, startMs: Date.now() - startedAt }, 'camera encoder started');
        settleReady(ok);
      });
    } catch (error) {
      this.encoders.delete(cameraId);
      placeholder.stderrTail = String(error);
      settleReady(false);
    }
    return placeholder;
  }
}

async function waitForFirstSegment(playlist: string, timeoutMs: number, gaveUp: Promise<boolean>): Promise<boolean> {
  let over = false;
  void gaveUp.then(() => (over = true));
  const deadline = Date.now() + timeoutMs;
  while (!over && Date.now() < deadline) {
    const text = await readFile(playlist, 'utf8').catch(() => '');
    if (text.includes('#EXTINF')) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

async function terminate(encoder: Encoder): Promise<void> {
  const { child } = encoder;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 2_000);
  await encoder.exited;
  clearTimeout(killer);
}

function refusal(status: number, code: VideoRefusalCode, message: BilingualText): StreamAnswer {
  return { ok: false, status, code, message };
}

function unknownCamera(cameraId: string): StreamAnswer {
  return refusal(404, 'UNKNOWN_CAMERA', { zh: `没有摄像头 ${cameraId}`, en: `No camera ${cameraId}` });
}
