import { launchChromium } from '../e2e/support/browser';
import { startQueueDesk } from '../e2e/support/queue-desk';
import { domMetrics, heapAfterGc, waitMapReady } from './map-support';
import { heading, line } from './stats';

/**
 * The city view left running: BENCH_MAP_SOAK_MINUTES (default 30) of the simulated district at
 * 10× speed (≈ 5 days of reports in 12 hours), sampling every minute the JS heap after a forced
 * GC, DOM nodes, listeners, case markers and scene primitives; then BENCH_MAP_SWITCHES (default
 * 100) switches map → queue → map, the heap measured again. Goal: heap growth < 10 %, primitives
 * constant (live events change attributes, never layers).
 */
const MINUTES = Number(process.env['BENCH_MAP_SOAK_MINUTES'] ?? 30);
const SWITCHES = Number(process.env['BENCH_MAP_SWITCHES'] ?? 100);

interface Sample {
  minute: number;
  heapMb: number;
  nodes: number;
  listeners: number;
  markers: number;
  primitives: number;
}

export async function benchMapSoak(): Promise<void> {
  heading(`City view soak (Chromium/SwiftShader 960×600): ${MINUTES} min of the simulator at 10×, then ${SWITCHES} view switches`);
  const { desk } = await startQueueDesk({
    simulator: { seed: 2026, profile: 'mature', ratePerDay: 4_700, speed: 10, backfillHours: 6, centre: true },
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 960, height: 600 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${desk.origin}/#/map?as=dispatcher-1`);
    await waitMapReady(page);
    await page.locator('[data-test="map-counts"]').filter({ hasText: '20000' }).waitFor({ timeout: 120_000 });
    await page.locator('[data-test="heat-measure"]').selectOption('open');
    const sample = async (minute: number): Promise<Sample> => {
      const heapMb = await heapAfterGc(page);
      const { nodes, listeners } = await domMetrics(page);
      const markers = await page.evaluate<number>('window.gridMap.caseMarkers()');
      const primitives = await page.evaluate<number>('window.gridMap.primitives()');
      return { minute, heapMb, nodes, listeners, markers, primitives };
    };
    const samples: Sample[] = [await sample(0)];
    const seq0 = await desk.parts.store.headSeq();
    for (let minute = 1; minute <= MINUTES; minute++) {
      await page.waitForTimeout(60_000);
      samples.push(await sample(minute));
      const s = samples[samples.length - 1]!;
      process.stdout.write(`    min ${String(minute).padStart(3)}  heap ${s.heapMb.toFixed(1)} MB  nodes ${s.nodes}  listeners ${s.listeners}  markers ${s.markers}  primitives ${s.primitives}\n`);
    }
    // Growth measured from minute 2 (after the first heat repaint and component load settle).
    const base = samples[Math.min(2, samples.length - 1)]!;
    const last = samples[samples.length - 1]!;
    const growth = (a: number, b: number) => `${(((b - a) / a) * 100).toFixed(1)} %`;
    line('heap after GC (min 2 → end)', `${base.heapMb.toFixed(1)} → ${last.heapMb.toFixed(1)} MB`, growth(base.heapMb, last.heapMb));
    line('DOM nodes', `${base.nodes} → ${last.nodes}`);
    line('event listeners', `${base.listeners} → ${last.listeners}`);
    line('case markers', `${base.markers} → ${last.markers}`, 'the open cases of the moment');
    line('scene primitives', `${Math.min(...samples.map((s) => s.primitives))}–${Math.max(...samples.map((s) => s.primitives))}`);
    line('events the map received and applied', String((await desk.parts.store.headSeq()) - seq0));

    const before = await heapAfterGc(page);
    const t0 = Date.now();
    for (let i = 1; i <= SWITCHES; i++) {
      await page.locator('nav a[href="#/queue"]').click();
      await page.locator('[data-test="queue-tab"]').first().waitFor();
      await page.locator('nav a[href="#/map"]').click();
      await waitMapReady(page);
      if (i % 25 === 0) process.stdout.write(`    switch ${i}: heap ${(await heapAfterGc(page)).toFixed(1)} MB, canvases ${await page.locator('canvas').count()}\n`);
    }
    const after = await heapAfterGc(page);
    line(`heap after GC, ${SWITCHES} switches map ↔ queue`, `${before.toFixed(1)} → ${after.toFixed(1)} MB`, `${growth(before, after)}; ${((Date.now() - t0) / SWITCHES / 1000).toFixed(1)} s per switch`);
    line('page errors', String(errors.length), errors[0] ?? '');
  } finally {
    await browser.close();
    await desk.close();
  }
}
