import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import type { Camera } from '../../src-shared/district/types';
import { demoPlaylistPath, type CameraFeed, type CameraListAnswer, type VideoAvailability } from '../../src-shared/contract/video';
import { HttpAnswer, type ApiRoute } from '../http/server';
import { authenticatePerson } from '../intake/callers';
import { refusalAnswer } from '../intake/http-status';
import type { People } from '../service/people';
import { DEFAULT_STREAM_OPTIONS, isExecutable, StreamManager, type StreamAnswer } from './stream-manager';

/** How the service finds its cameras' video (WebDeskOptions.video). */
export interface VideoOptions {
  /** Real deployments: each camera's HLS URL on its gateway, by camera id. */
  cameraUrls?: Readonly<Record<string, string>>;
  /** Demo streams (on by default in demo mode when ffmpeg is present). */
  demoStreams?: boolean;
  ffmpegPath?: string;
  maxEncoders?: number;
  idleSeconds?: number;
}

export interface CameraVideo {
  routes: ApiRoute[];
  /** Present when this service encodes demo streams. */
  streams: StreamManager | undefined;
  availability: VideoAvailability;
  close(): Promise<void>;
}

const PLAYLIST_TYPE = 'application/vnd.apple.mpegurl';
const SEGMENT_TYPE = 'video/mp2t';

/**
 * `GET /api/cameras` (the wall's camera list) and, in the demo, the encoder's HLS files at
 * `/video/<id>/index.m3u8` and `/video/<id>/seg<n>.ts`. Every call names its person like other
 * API calls (players send the header through hls.js's xhrSetup): starting an encoder costs CPU.
 */
export async function cameraVideo(deps: { cameras: readonly Camera[]; people: People; demo: boolean; logger: Logger; options?: VideoOptions }): Promise<CameraVideo> {
  const { cameras, people, logger } = deps;
  const options = deps.options ?? {};
  const urls = options.cameraUrls ?? {};
  const byId = new Set(cameras.map((c) => c.id));
  const ffmpegPath = options.ffmpegPath ?? '/usr/bin/ffmpeg';
  // A configured URL wins per camera; the demo encoder serves the others.
  const wantDemo = options.demoStreams ?? deps.demo;
  const hasFfmpeg = wantDemo && (await isExecutable(ffmpegPath));
  const streams = hasFfmpeg
    ? new StreamManager(
        {
          ffmpegPath,
          maxEncoders: options.maxEncoders ?? DEFAULT_STREAM_OPTIONS.maxEncoders,
          idleMs: (options.idleSeconds ?? DEFAULT_STREAM_OPTIONS.idleMs / 1000) * 1000,
          startTimeoutMs: DEFAULT_STREAM_OPTIONS.startTimeoutMs,
          logger: logger.child({ part: 'video' }),
        },
        (id) => byId.has(id),
      )
    : undefined;
  const availability: VideoAvailability = streams
    ? { available: true, source: 'demo', maxStreams: streams.maxEncoders }
    : Object.keys(urls).length > 0
      ? { available: true, source: 'gateway' }
      : {
          available: false,
          source: 'none',
          reason: wantDemo
            ? { zh: `未找到 ffmpeg（${ffmpegPath}），演示视频不可用；请安装 ffmpeg 后重启服务`, en: `ffmpeg was not found at ${ffmpegPath}, so demo video is unavailable; install ffmpeg and restart the service` }
            : { zh: '未配置摄像头视频地址（配置项 cameras）', en: 'No camera stream URLs are configured (the "cameras" setting)' },
        };
  if (!availability.available) logger.warn({ reason: availability.reason?.en }, 'camera video unavailable');

  function feedOf(camera: Camera): CameraFeed {
    const configured = urls[camera.id];
    const hlsUrl = configured ?? (streams ? demoPlaylistPath(camera.id) : null);
    const { id, name, lon, lat, headingDeg, fovDeg, rangeM, gridCodes, streetCode } = camera;
    return { id, name, lon, lat, headingDeg, fovDeg, rangeM, gridCodes, streetCode, hlsUrl, live: hlsUrl !== null };
  }

  const caller = (request: IncomingMessage, query: URLSearchParams) => authenticatePerson(request, query, people);
  const routes: ApiRoute[] = [
    {
      method: 'GET',
      path: '/api/cameras',
      async answer(request, { query }) {
        const who = await caller(request, query);
        if (!who.ok) return refusalAnswer(who);
        const answer: CameraListAnswer = { ok: true, video: availability, cameras: cameras.map(feedOf) };
        return answer;
      },
    },
  ];
  if (streams) {
    routes.push(
      {
        method: 'GET',
        path: '/video/:cameraId/index.m3u8',
        async answer(request, { params, query }) {
          const who = await caller(request, query);
          if (!who.ok) return refusalAnswer(who);
          return streamAnswer(await streams.playlist(params['cameraId'] ?? ''), PLAYLIST_TYPE);
        },
      },
      {
        method: 'GET',
        path: '/video/:cameraId/:segment',
        async answer(request, { params, query }) {
          const who = await caller(request, query);
          if (!who.ok) return refusalAnswer(who);
          return streamAnswer(await streams.segment(params['cameraId'] ?? '', params['segment'] ?? ''), SEGMENT_TYPE);
        },
      },
    );
  }
  return { routes, streams, availability, close: async () => streams?.close() };
}

function streamAnswer(answer: StreamAnswer, contentType: string): HttpAnswer {
  if (!answer.ok) {
    const retry: Record<string, string> = answer.status === 503 ? { 'retry-after': '5' } : {};
    return HttpAnswer.json(answer.status, { ok: false, code: answer.code, message: answer.message }, retry);
  }
  // A live playlist changes every segment; segments never change once written.
  const cache = contentType === PLAYLIST_TYPE ? 'no-store' : 'max-age=60';
  return HttpAnswer.bytes(200, answer.bytes, contentType, { 'cache-control': cache });
}
