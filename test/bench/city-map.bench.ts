import { CATEGORIES } from '../../src-shared/catalog/categories';
import { launchChromium } from '../e2e/support/browser';
import { startQueueDesk } from '../e2e/support/queue-desk';
import { heapAfterGc, waitMapReady } from './map-support';
import { heading, line, ms, percentile } from './stats';

/**
 * The city view with the whole demo district (1,652 grids, 20,000 components, 240 cameras with
 * wedges) and 2,000 live cases, in Debian Chromium (WebGL on SwiftShader, 960×540): frame times
 * with the scene forced to render every frame, load time and heap — the batched map against the
 * naive baseline (one Entity per object) drawn in the same window right after. Software rendering
 * makes absolute fps low; the ratio is the figure (MEASURED.md).
 */
const CASES = Number(process.env['BENCH_MAP_CASES'] ?? 2_000);
const SECONDS = Number(process.env['BENCH_MAP_SECONDS'] ?? 20);

export async function benchCityMap(): Promise<void> {
  heading(`City view (Chromium/SwiftShader 960×540: 1,652 grids, 20,000 components, 240 cameras, ${CASES.toLocaleString('en')} cases; ${SECONDS} s per variant)`);
  const { desk } = await startQueueDesk({ deadlines: false });
  const browser = await launchChromium(['--enable-precise-memory-info']);
  try {
    const grids = desk.parts.district.district.grids;
    const categories = CATEGORIES.filter((c) => c.urgency === 'normal');
    const places: { lon: number; lat: number }[] = [];
    for (let i = 0; i < CASES; i++) {
      const grid = grids[(i * 7919) % grids.length]!;
      const lon = grid.centroid[0] + ((i % 13) - 6) * 0.00004;
      const lat = grid.centroid[1] + ((i % 11) - 5) * 0.00004;
      const answer = await desk.parts.service.report(
        { categoryCode: categories[i % categories.length]!.code, channel: 'hotline', description: `bench ${i}`, lon, lat },
        { userId: 'intake-1', role: 'intake' },
      );
      if (answer.ok) places.push({ lon, lat });
    }
    const page = await browser.newPage({ viewport: { width: 960, height: 540 } });
    const t0 = Date.now();
    await page.goto(`${desk.origin}/#/map?as=dispatcher-1`);
    await waitMapReady(page);
    const readyMs = Date.now() - t0;
    await page.locator('[data-test="map-counts"]').filter({ hasText: '20000' }).waitFor({ timeout: 120_000 });
    const loadedMs = Date.now() - t0;
    const markers = await page.evaluate<number>('window.gridMap.caseMarkers()');
    const heapBatched = await heapAfterGc(page);
    const batched = await page.evaluate<{ intervals: number[]; renderMs: number[] }>(`window.gridMap.bench.frames(${SECONDS * 1000})`);

    const tBaseline = Date.now();
    const entities = await page.evaluate<number>(`window.gridMap.bench.entityBaseline(${JSON.stringify(places)})`);
    const baselineLoadMs = Date.now() - tBaseline;
    const heapBaseline = await heapAfterGc(page);
    const baseline = await page.evaluate<{ intervals: number[]; renderMs: number[] }>(`window.gridMap.bench.frames(${SECONDS * 1000})`);

    const p = (xs: number[], q: number) => percentile(xs, q);
    line('batched: map ready / components in', `${ms(readyMs)} / ${ms(loadedMs)}`, `${markers} case markers`);
    line('batched: frame interval p50 / p95', `${ms(p(batched.intervals, 50))} / ${ms(p(batched.intervals, 95))}`, `${batched.intervals.length} frames, ${(1000 / p(batched.intervals, 50)).toFixed(1)} fps`);
    line('batched: render call (main thread) p50 / p95', `${ms(p(batched.renderMs, 50))} / ${ms(p(batched.renderMs, 95))}`);
    line('batched: JS heap after GC', `${heapBatched.toFixed(1)} MB`);
    line('baseline: entities / drawn in', `${entities.toLocaleString('en')} / ${ms(baselineLoadMs)}`);
    line('baseline: frame interval p50 / p95', `${ms(p(baseline.intervals, 50))} / ${ms(p(baseline.intervals, 95))}`, `${baseline.intervals.length} frames, ${(1000 / p(baseline.intervals, 50)).toFixed(1)} fps`);
    line('baseline: render call (main thread) p50 / p95', `${ms(p(baseline.renderMs, 50))} / ${ms(p(baseline.renderMs, 95))}`);
    line('baseline: JS heap after GC', `${heapBaseline.toFixed(1)} MB`, 'batched layers still allocated, hidden');
    line('ratio baseline ÷ batched: frame interval p50', `${(p(baseline.intervals, 50) / p(batched.intervals, 50)).toFixed(1)}×`, 'software GPU: rasterisation-bound');
    line('ratio baseline ÷ batched: render call p50 / p95', `${(p(baseline.renderMs, 50) / p(batched.renderMs, 50)).toFixed(1)}× / ${(p(baseline.renderMs, 95) / p(batched.renderMs, 95)).toFixed(1)}×`);
    line('ratio baseline ÷ batched: JS heap', `${(heapBaseline / heapBatched).toFixed(1)}×`);
  } finally {
    await browser.close();
    await desk.close();
  }
}
