import { startQueueDesk } from '../e2e/support/queue-desk';
import { tilePlayback, wallCounts } from '../e2e/support/video-desk';
import { BarePage, sleep } from './bare-page';
import { printCensusGrowth, takeHeapCensus, type HeapCensus } from './heap-census';
import { heading, line } from './stats';
import { cpuMark, printSummary, tableHeader, tableRow, takeSample, type SoakExtremes, type SoakSample } from './video-soak-figures';

/**
 * The video wall left running while an operator keeps changing it (issue 7: "a 1-hour soak of
 * tile changes every 10 s shows no growth of players or memory"). A 2×2 wall of real demo
 * streams in Debian Chromium (4 tiles keep this 2-core machine usable); every 10 s a tile gets
 * another of the district's cameras — picked from the camera list or sent over the desk bus, in
 * turn — so encoders start and stop and hls.js players are created and destroyed all the time.
 * Every 5 minutes the wall goes to 3×3 for half a minute, and a tour runs for half a minute.
 * Each minute: players, <video> elements, tiles playing, page heap after GC, DOM nodes and
 * listeners, service memory, encoders; then first minutes against last. Figures, not pass/fail.
 * The page is a bare one (bare-page.ts), driven over the protocol without Playwright, so DevTools
 * keeps no record of each HLS request on the heap being measured.
 */
const MINUTES = Number(process.env['BENCH_SOAK_MINUTES'] ?? 60);
const TICK_MS = 10_000;
const TICKS_PER_MINUTE = 60_000 / TICK_MS;
/** Minute of every 5 in which the wall goes 3×3, and the one in which a tour runs. */
const BIG_LAYOUT_MINUTE = 2;
const TOUR_MINUTE = 4;
/** After warm-up: the heap census the end is compared with (what grew, by constructor). */
const CENSUS_MINUTE = Math.min(5, Math.floor(MINUTES / 2));

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Walks the district's cameras with a stride coprime to their number: all of them, spread over streets, before any repeats. */
function cameraCycle(ids: readonly string[]): (onWall: ReadonlySet<string>) => string {
  let stride = 37;
  while (gcd(stride, ids.length) !== 1) stride += 1;
  let step = 0;
  return (onWall) => {
    for (;;) {
      const id = ids[(step++ * stride) % ids.length] as string;
      if (!onWall.has(id)) return id;
    }
  };
}

interface Operator {
  changes: number;
  missed: number;
  extremes: SoakExtremes;
  maxEncoders: number;
}

export async function benchVideoSoak(): Promise<void> {
  heading(`Video wall soak (Chromium, 2×2 wall, a tile change every 10 s; 3×3 and a tour every 5 min; ${MINUTES} min)`);
  const { desk } = await startQueueDesk({ deadlines: false });
  const page = await BarePage.open(`${desk.origin}/#/video?as=dispatcher-1`, { width: 1280, height: 800 }, ['--autoplay-policy=no-user-gesture-required']);
  try {
    const problems = page.problems;
    for (const selector of ['[data-test="connection"][data-state="live"]', '[data-test="camera-item"]']) {
      if (!(await page.waitFor(selector, 30_000))) throw new Error(`the video wall did not show ${selector} in 30 s`);
    }
    // The desk bus is a BroadcastChannel: one made in the page itself reaches the wall's own as another window's would.
    await page.evaluate("window.soakBus = new BroadcastChannel('grid-desk-bus'); true");
    const bus = { post: (message: Record<string, unknown>) => page.evaluate(`window.soakBus.postMessage(${JSON.stringify({ from: 'soak', message })}), true`) };
    const nextCamera = cameraCycle(desk.parts.district.district.cameras.map((c) => c.id));
    const op: Operator = { changes: 0, missed: 0, maxEncoders: 0, extremes: { maxPlayers: 0, maxPlayersTiles: 0, playerExcess: 0, videoExcess: 0, checks: 0 } };
    let roundRobin = 0;

    /** Players and <video> elements against the tiles, after every change. */
    const check = async () => {
      const counts = await wallCounts(page);
      const { extremes } = op;
      extremes.checks += 1;
      if (counts.players > extremes.maxPlayers) [extremes.maxPlayers, extremes.maxPlayersTiles] = [counts.players, counts.tiles];
      if (counts.players > counts.withCamera) extremes.playerExcess += 1;
      if (counts.videos > counts.tiles) extremes.videoExcess += 1;
      op.maxEncoders = Math.max(op.maxEncoders, desk.video.streams?.running().length ?? 0);
    };

    /** The operator puts another camera on a tile: an empty one first, else the next in turn. */
    const changeTile = async (viaList: boolean) => {
      const shown = await tilePlayback(page);
      const empty = shown.findIndex((t) => !t.cameraId);
      const tile = empty >= 0 ? empty : roundRobin++ % shown.length;
      const cameraId = nextCamera(new Set(shown.map((t) => t.cameraId)));
      await page.click(`[data-test="video-tile"][data-tile="${tile}"]`);
      if (viaList) {
        await page.fill('[data-test="camera-search"]', cameraId);
        const item = `[data-test="camera-item"][data-camera-id="${cameraId}"]`;
        if (await page.waitFor(item, 5_000)) await page.click(item);
        await page.fill('[data-test="camera-search"]', '');
      } else {
        await bus.post({ type: 'camera:show', cameraId });
      }
      op.changes += 1;
      if (!(await tileShows(page, tile, cameraId))) op.missed += 1;
      await check();
    };

    const fillEmptyTiles = async () => {
      while ((await tilePlayback(page)).some((t) => !t.cameraId)) await changeTile(op.changes % 2 === 0);
    };

    await page.click('[data-test="layout-4"]');
    await fillEmptyTiles();
    await sleep(5_000);
    process.stdout.write(tableHeader());
    const samples: SoakSample[] = [];
    let mark = cpuMark();
    let census: HeapCensus | undefined;
    const t0 = performance.now();
    for (let tick = 0; ; tick++) {
      const wait = t0 + tick * TICK_MS - performance.now();
      if (wait > 0) await sleep(wait);
      const minute = Math.floor(tick / TICKS_PER_MINUTE);
      const inMinute = tick % TICKS_PER_MINUTE;
      if (inMinute === 0) {
        const taken = await takeSample(minute, page, desk, mark);
        samples.push(taken.sample);
        mark = taken.mark;
        process.stdout.write(tableRow(taken.sample));
        if (minute === CENSUS_MINUTE) census = await takeHeapCensus(page);
      }
      if (minute >= MINUTES) break;
      const phase = minute % 5;
      if (phase === BIG_LAYOUT_MINUTE && inMinute === 1) {
        await page.click('[data-test="layout-9"]');
        await fillEmptyTiles();
      } else if (phase === BIG_LAYOUT_MINUTE && inMinute === 4) {
        await page.click('[data-test="layout-4"]');
      }
      if (phase === TOUR_MINUTE && (inMinute === 1 || inMinute === 4)) {
        // Start, and 30 s (two pages of four cameras) later stop.
        await page.click('[data-test="tour"]');
        await sleep(500);
        await check();
        continue;
      }
      if (phase === TOUR_MINUTE && inMinute > 1 && inMinute < 4) {
        await check(); // the tour changes the tiles itself
        continue;
      }
      await changeTile(tick % 2 === 0);
      if (inMinute === 3) await changeTile(tick % 2 !== 0);
    }

    process.stdout.write('\n');
    line('tile changes (missed: tile did not show the camera in 5 s)', String(op.changes), `missed ${op.missed}`);
    line('most encoders running at once', String(op.maxEncoders), `(cap ${desk.video.streams?.maxEncoders ?? '-'})`);
    printSummary(samples, op.extremes);
    if (census) {
      heading(`What grew on the page's JS heap from minute ${CENSUS_MINUTE} to the end (heap snapshots, by constructor)`);
      printCensusGrowth(census, await takeHeapCensus(page));
    }
    const errors = new Map<string, number>();
    for (const p of problems) {
      const kind = p.replace(/https?:\/\/\S+/g, '<url>').replace(/\d+/g, 'N').slice(0, 100);
      errors.set(kind, (errors.get(kind) ?? 0) + 1);
    }
    line('console errors on the wall', String(problems.length), errors.size ? 'by kind:' : '');
    for (const [kind, count] of [...errors].sort((a, b) => b[1] - a[1]).slice(0, 6)) line(`  ${count} ×`, '', kind);
  } finally {
    await page.close();
    await desk.close();
  }
}

function tileShows(page: BarePage, tile: number, cameraId: string): Promise<boolean> {
  return page.waitFor(`[data-test="video-tile"][data-tile="${tile}"][data-camera-id="${cameraId}"]`, 5_000);
}
