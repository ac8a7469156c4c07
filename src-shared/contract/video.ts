import type { BilingualText } from '../i18n-text';

/**
 * The camera list a video wall reads (`GET /api/cameras`): the district's cameras with where their
 * HLS stream is. In the demo the service encodes streams itself (ffmpeg, on demand, at
 * `/video/<id>/index.m3u8`, a path on the service's own origin); a real deployment names each
 * camera's gateway URL in its configuration.
 */
export interface CameraFeed {
  id: string;
  name: string;
  lon: number;
  lat: number;
  headingDeg: number;
  fovDeg: number;
  rangeM: number;
  gridCodes: string[];
  streetCode: string;
  /** Absolute (a gateway) or a path on the service's origin (the demo encoder); null: no stream. */
  hlsUrl: string | null;
  /** A stream can be played now (a configured URL, or the demo encoder is available). */
  live: boolean;
}

export interface VideoAvailability {
  available: boolean;
  /** Why not, in words a duty officer can pass on (e.g. ffmpeg is not installed). */
  reason?: BilingualText;
  /** 'demo': streams encoded by this service; 'gateway': configured URLs. */
  source: 'demo' | 'gateway' | 'none';
  /** Demo only: how many camera streams can be encoded at once. */
  maxStreams?: number;
}

export interface CameraListAnswer {
  ok: true;
  video: VideoAvailability;
  cameras: CameraFeed[];
}

/** Stream paths of the demo encoder, shared by the service (routes) and tests. */
export const DEMO_STREAM_PREFIX = '/video';
export function demoPlaylistPath(cameraId: string): string {
  return `${DEMO_STREAM_PREFIX}/${encodeURIComponent(cameraId)}/index.m3u8`;
}

/** Refusal codes of the video endpoints (not case-loop errors, so they live here). */
export type VideoRefusalCode = 'VIDEO_BUSY' | 'VIDEO_UNAVAILABLE' | 'UNKNOWN_CAMERA' | 'STREAM_NOT_READY' | 'NOT_FOUND';
