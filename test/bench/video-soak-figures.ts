import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { RunningWebDesk } from '../../src-server/web-desk';
import { tilePlayback, wallCounts } from '../e2e/support/video-desk';
import { sleep, type BarePage } from './bare-page';
import { cpuByKind, ourProcesses, reapedChildrenCpuSeconds, type ChildProcessFigures } from './proc';
import { line, median, slopePerMinute } from './stats';

/**
 * The soak's minute-by-minute sample of everything that could grow on a wall left running:
 * players, <video> elements, the page's JS heap after a forced GC, DOM nodes and listeners
 * (Chromium's own counters, which include detached nodes a leak keeps alive), the service's
 * memory and its encoders, Chromium's memory. And the summary: first minutes against last.
 */
export interface SoakSample {
  minute: number;
  tiles: number;
  withCamera: number;
  players: number;
  videos: number;
  /** Tiles whose picture moved (currentTime advanced) over 1.5 s. */
  playing: number;
  heapMB: number;
  nodes: number;
  listeners: number;
  documents: number;
  /** The page's dedicated web workers (hls.js transmuxes off the main thread). */
  workers: number;
  serviceRssMB: number;
  serviceHeapMB: number;
  /** Encoders the stream manager runs (or is starting). */
  encoders: number;
  /** ffmpeg processes actually alive below us (an orphaned encoder would show here only). */
  ffmpegProcesses: number;
  chromiumPssMB: number;
  /** Of that, the renderer processes (the wall's page: DOM, JS, media pipeline) and the GPU process. */
  rendererPssMB: number;
  gpuPssMB: number;
  /** CPU over the last interval, % of one core. */
  chromiumCpu: number;
  ffmpegCpu: number;
}

const MB = 1024 * 1024;

// The service runs in this process: a heap figure after a full GC, not whatever garbage is pending.
setFlagsFromString('--expose-gc');
const collectServiceGarbage = runInNewContext('gc') as () => void;

interface CpuMark {
  at: number;
  chromium: number;
  ffmpeg: number;
}

export function cpuMark(): CpuMark {
  const byKind = cpuByKind();
  return { at: performance.now(), chromium: byKind.get('chromium') ?? 0, ffmpeg: (byKind.get('ffmpeg') ?? 0) + reapedChildrenCpuSeconds() };
}

export async function takeSample(minute: number, page: BarePage, desk: RunningWebDesk, since: CpuMark): Promise<{ sample: SoakSample; mark: CpuMark }> {
  const before = await tilePlayback(page);
  await sleep(1_500);
  const after = await tilePlayback(page);
  const playing = after.filter((tile, i) => tile.cameraId && tile.cameraId === before[i]?.cameraId && tile.currentTime > (before[i]?.currentTime ?? 0) + 0.5).length;
  const counts = await wallCounts(page);
  const heapBytes = await page.heapAfterGc();
  const metric = await page.metrics();
  collectServiceGarbage();
  const memory = process.memoryUsage();
  const processes = ourProcesses(true);
  const mark = cpuMark();
  const seconds = (mark.at - since.at) / 1000;
  const share = (used: number) => (seconds > 0 ? (used / seconds) * 100 : Number.NaN);
  const sample: SoakSample = {
    minute,
    ...counts,
    playing,
    heapMB: heapBytes / MB,
    nodes: metric('Nodes'),
    listeners: metric('JSEventListeners'),
    documents: metric('Documents'),
    workers: page.workers,
    serviceRssMB: memory.rss / MB,
    serviceHeapMB: memory.heapUsed / MB,
    encoders: desk.video.streams?.running().length ?? 0,
    ffmpegProcesses: processes.filter((p) => p.kind === 'ffmpeg').length,
    chromiumPssMB: pssMB(processes.filter((p) => p.kind === 'chromium')),
    rendererPssMB: pssMB(processes.filter((p) => p.role === 'renderer')),
    gpuPssMB: pssMB(processes.filter((p) => p.role === 'gpu-process')),
    chromiumCpu: share(mark.chromium - since.chromium),
    ffmpegCpu: share(mark.ffmpeg - since.ffmpeg),
  };
  return { sample, mark };
}

function pssMB(processes: readonly ChildProcessFigures[]): number {
  return processes.reduce((sum, p) => sum + p.pssBytes, 0) / MB;
}

const COLUMNS: readonly [string, number, (s: SoakSample) => string][] = [
  ['min', 4, (s) => String(s.minute)],
  ['tiles', 6, (s) => `${s.withCamera}/${s.tiles}`],
  ['players', 8, (s) => String(s.players)],
  ['videos', 7, (s) => String(s.videos)],
  ['playing', 8, (s) => String(s.playing)],
  ['heap MB', 8, (s) => s.heapMB.toFixed(2)],
  ['nodes', 7, (s) => String(s.nodes)],
  ['listnrs', 8, (s) => String(s.listeners)],
  ['docs', 5, (s) => String(s.documents)],
  ['workers', 8, (s) => String(s.workers)],
  ['svc RSS', 8, (s) => s.serviceRssMB.toFixed(0)],
  ['svc heap', 9, (s) => s.serviceHeapMB.toFixed(1)],
  ['enc', 4, (s) => String(s.encoders)],
  ['ffmpeg', 7, (s) => String(s.ffmpegProcesses)],
  ['chr PSS', 8, (s) => s.chromiumPssMB.toFixed(0)],
  ['rndr', 5, (s) => s.rendererPssMB.toFixed(0)],
  ['gpu', 4, (s) => s.gpuPssMB.toFixed(0)],
  ['chr cpu%', 9, (s) => s.chromiumCpu.toFixed(0)],
  ['ff cpu%', 8, (s) => s.ffmpegCpu.toFixed(0)],
];

export function tableHeader(): string {
  return `  ${COLUMNS.map(([name, width]) => name.padStart(width)).join(' ')}\n`;
}

export function tableRow(sample: SoakSample): string {
  return `  ${COLUMNS.map(([, width, cell]) => cell(sample).padStart(width)).join(' ')}\n`;
}

export interface SoakExtremes {
  /** Most players seen at any check (after every tile change), and the tiles shown then. */
  maxPlayers: number;
  maxPlayersTiles: number;
  /** Checks where players outnumbered the tiles with a camera, or videos the tiles. */
  playerExcess: number;
  videoExcess: number;
  checks: number;
}

/**
 * First minutes against last (medians, so one sample taken mid-change does not decide), growth
 * in %, and the heap's trend after warm-up. Goals: players and videos never above the tiles;
 * heap growth under 10 %.
 */
export function printSummary(samples: readonly SoakSample[], extremes: SoakExtremes): void {
  const window = Math.max(1, Math.min(10, Math.floor(samples.length / 2)));
  const first = samples.slice(0, window);
  const last = samples.slice(-window);
  const rows: [string, (s: SoakSample) => number, number][] = [
    ['page JS heap after GC (MB)', (s) => s.heapMB, 2],
    ['DOM nodes', (s) => s.nodes, 0],
    ['JS event listeners', (s) => s.listeners, 0],
    ['hls.js players', (s) => s.players, 1],
    ['<video> elements', (s) => s.videos, 1],
    ['web workers', (s) => s.workers, 1],
    ['Chromium PSS, all processes (MB)', (s) => s.chromiumPssMB, 0],
    ['  of which renderers (MB)', (s) => s.rendererPssMB, 0],
    ['  of which GPU process (MB)', (s) => s.gpuPssMB, 0],
    ['service process RSS (MB)', (s) => s.serviceRssMB, 0],
    ['service heap after GC (MB)', (s) => s.serviceHeapMB, 1],
    ['ffmpeg encoders', (s) => s.encoders, 1],
  ];
  const span = (part: readonly SoakSample[]) => `min ${part[0]?.minute}–${part[part.length - 1]?.minute}`;
  line(`median of the first ${window} samples vs the last ${window}`, '', `(${span(first)} vs ${span(last)})`);
  for (const [label, value, digits] of rows) {
    const a = median(first.map(value));
    const b = median(last.map(value));
    const growth = a === 0 ? (b === 0 ? 0 : Number.POSITIVE_INFINITY) : ((b - a) / a) * 100;
    line(`  ${label}`, `${a.toFixed(digits)} → ${b.toFixed(digits)}`, `${growth >= 0 ? '+' : ''}${growth.toFixed(1)} %`);
  }
  const settled = samples.filter((s) => s.minute >= Math.min(10, Math.floor(samples.length / 2)));
  const heapSlope = slopePerMinute(settled, (s) => s.heapMB);
  const nodeSlope = slopePerMinute(settled, (s) => s.nodes);
  line('trend after warm-up (least squares)', `${(heapSlope * 60).toFixed(2)} MB/h`, `heap; DOM nodes ${(nodeSlope * 60).toFixed(0)}/h, over ${settled.length} samples`);
  const heapGrowth = (median(last.map((s) => s.heapMB)) / median(first.map((s) => s.heapMB)) - 1) * 100;
  const maxVideos = Math.max(...samples.map((s) => s.videos - s.tiles));
  line('most players at once', String(extremes.maxPlayers), `(with ${extremes.maxPlayersTiles} tiles shown; ${extremes.checks} checks, after every change)`);
  line('checks with more players than cameras on tiles', String(extremes.playerExcess), extremes.playerExcess === 0 ? 'goal met' : 'GOAL MISSED');
  line('checks with more <video> than tiles', String(extremes.videoExcess), extremes.videoExcess === 0 && maxVideos <= 0 ? 'goal met' : 'GOAL MISSED');
  line('page heap growth (goal < 10 %)', `${heapGrowth.toFixed(1)} %`, heapGrowth < 10 ? 'goal met' : 'GOAL MISSED');
}
