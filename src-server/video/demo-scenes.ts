import { existsSync } from 'node:fs';

/**
 * What a demo camera shows: one of ffmpeg's generated scenes, tinted per camera, with the camera
 * id and Beijing time burnt in, so a person (or a screenshot) can tell tiles apart and see that
 * the picture is live. Pure: builds the ffmpeg arguments, runs nothing.
 */

/** Fonts Debian ships (fonts-dejavu-core, fonts-noto-cjk); without any, ffmpeg asks fontconfig. */
const FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
];

export function findBurnInFont(candidates: readonly string[] = FONT_CANDIDATES): string | undefined {
  return candidates.find((path) => existsSync(path));
}

/**
 * Four scenes that look different at a glance and cost about the same to encode (8 s of video:
 * testsrc2 0.45 s of CPU, gradients 0.6 s, life at a quarter of the pixels scaled up ≈ the same).
 * A fractal scene was dropped: at 1.45 s it starved its tiles when 16 encoders shared two cores.
 */
const SCENES: readonly ((hue: number) => string)[] = [
  (hue) => `testsrc2=size=640x360:rate=25,hue=h=${hue}`,
  (hue) => `smptebars=size=640x360:rate=25,hue=h=${hue}`,
  (hue) => `gradients=size=640x360:rate=25:speed=0.02,hue=h=${hue}`,
  (hue) => `life=size=320x180:rate=25:mold=10:ratio=0.1:life_color=#7fd4ff:death_color=#1a2a44,scale=640:360:flags=neighbor,hue=h=${hue}`,
];

/** A stable number per camera ('cam-0042' → 42; any other id → a hash), so its scene never changes. */
export function cameraNumber(cameraId: string): number {
  const digits = /(\d+)$/.exec(cameraId)?.[1];
  if (digits) return Number(digits);
  let hash = 0;
  for (const ch of cameraId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return hash;
}

export interface SceneChoice {
  source: string;
  hue: number;
}

export function sceneFor(cameraId: string): SceneChoice {
  const n = cameraNumber(cameraId);
  const hue = (n * 47) % 360;
  const build = SCENES[n % SCENES.length] as (hue: number) => string;
  return { source: build(hue), hue };
}

/** Only plain characters reach drawtext: its own escaping rules (':', '\'', '%', '\\') are not worth the risk. */
function burnInLabel(cameraId: string): string {
  return cameraId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 32);
}

export interface EncoderArgsOptions {
  cameraId: string;
  /** Folder the playlist and segments are written to. */
  dir: string;
  fontFile?: string | undefined;
  /** Seconds per segment; with a keyframe every 2 s (-g 50 at 25 fps) segments are 2 s. */
  segmentSeconds?: number;
}

export function encoderArgs(options: EncoderArgsOptions): string[] {
  const { source } = sceneFor(options.cameraId);
  const font = options.fontFile ? `fontfile=${options.fontFile}:` : '';
  const text = `drawtext=${font}text='${burnInLabel(options.cameraId)}  %{localtime}':x=(w-tw)/2:y=h-th-40:fontsize=20:fontcolor=white:box=1:boxcolor=black@0.55:boxborderw=6`;
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-nostdin',
    // lavfi sources run as fast as the CPU allows; -re paces them like a real camera.
    '-re',
    '-f',
    'lavfi',
    '-i',
    `${source},${text}`,
    '-an',
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-tune',
    'zerolatency',
    // Browsers' MSE decodes 4:2:0 H.264; gradients/life are RGB and x264 would pick 4:4:4.
    '-pix_fmt',
    'yuv420p',
    '-g',
    '50',
    '-f',
    'hls',
    '-hls_time',
    String(options.segmentSeconds ?? 2),
    '-hls_list_size',
    '6',
    // omit_endlist: a stopped or killed encoder must not tell players the stream has ended.
    // discont_start + epoch numbering: a restarted encoder continues the media sequence upwards,
    // so a player that kept the old playlist sees a discontinuity, not a stream going back in time.
    '-hls_flags',
    'delete_segments+omit_endlist+discont_start+temp_file',
    '-hls_start_number_source',
    'epoch',
    '-hls_segment_filename',
    `${options.dir}/seg%d.ts`,
    `${options.dir}/index.m3u8`,
  ];
}
