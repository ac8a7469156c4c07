import { startQueueDesk } from '../e2e/support/queue-desk';
import { launchVideoChromium, liveHlsInstances, openVideoWall, postOnDeskBus, tilePlayback } from '../e2e/support/video-desk';
import { cpuByKind } from './proc';
import { heading, line } from './stats';

/**
 * A 4×4 wall of real demo streams (16 ffmpeg encoders, 640×360@25) in Debian Chromium for
 * BENCH_VIDEO_SECONDS (default 60; the soak is 600): CPU of the service, its encoders
 * and Chromium (from /proc), decoded and dropped frames per tile, latency to live, and JS heap
 * growth. Figures, not pass/fail.
 */
const SECONDS = Number(process.env['BENCH_VIDEO_SECONDS'] ?? 60);

export async function benchVideoWall(): Promise<void> {
  heading(`Video wall (Chromium, 16 tiles 640×360@25 from 16 ffmpeg encoders, ${SECONDS} s)`);
  const { desk } = await startQueueDesk({ deadlines: false });
  const browser = await launchVideoChromium();
  try {
    const { page } = await openVideoWall(browser, desk, 'dispatcher-1', { width: 1920, height: 1080 });
    await page.locator('[data-test="layout-16"]').click();
    const ids = desk.parts.district.district.cameras.slice(0, 16).map((c) => c.id);
    for (const cameraId of ids) await postOnDeskBus(page, { type: 'camera:show', cameraId });
    const startAsked = performance.now();
    for (let i = 0; i < 120; i++) {
      if ((await tilePlayback(page)).filter((t) => t.health === 'playing').length === 16) break;
      await page.waitForTimeout(500);
    }
    line('16 tiles playing after', `${((performance.now() - startAsked) / 1000).toFixed(1)} s`);
    const heap = () => page.evaluate<number>('performance.memory ? performance.memory.usedJSHeapSize : 0');
    await page.evaluate('window.gc && window.gc()');
    const heap0 = await heap();
    const service0 = process.cpuUsage();
    const children0 = cpuByKind();
    // Frame counters restart when a tile's player is rebuilt: sum the per-sample growth instead.
    let last = await tilePlayback(page);
    const totals = last.map(() => ({ frames: 0, dropped: 0 }));
    const grow = (now: number, before: number) => (now >= before ? now - before : now);
    const t0 = performance.now();
    const latencies: number[] = [];
    while (performance.now() - t0 < SECONDS * 1000) {
      await page.waitForTimeout(5_000);
      const shown = await page.$$eval('[data-test="tile-latency"]', (els) => els.map((e) => Number(/([\d.]+)/.exec(e.textContent ?? '')?.[1] ?? NaN)));
      latencies.push(...shown.filter(Number.isFinite));
      const sample = await tilePlayback(page);
      sample.forEach((tile, i) => {
        const before = last[i];
        const total = totals[i];
        if (!before || !total) return;
        total.frames += grow(tile.frames, before.frames);
        total.dropped += grow(tile.dropped, before.dropped);
      });
      last = sample;
    }
    const wall = (performance.now() - t0) / 1000;
    const service = process.cpuUsage(service0);
    const children1 = cpuByKind();
    const heap1 = await heap();
    const share = (seconds: number) => `${((seconds / wall) * 100).toFixed(0)} % of one core`;
    line('service (Node, this process)', share((service.user + service.system) / 1e6));
    for (const kind of ['ffmpeg', 'chromium'] as const) {
      const used = (children1.get(kind) ?? 0) - (children0.get(kind) ?? 0);
      line(`${kind} (all processes)`, share(used), kind === 'ffmpeg' ? `(${share(used / 16)} per encoder)` : '');
    }
    last.forEach((tile, i) => {
      const total = totals[i] ?? { frames: 0, dropped: 0 };
      line(`tile ${i + 1} ${tile.cameraId}`, `${(total.frames / wall).toFixed(1)} fps`, `dropped ${total.dropped}, ${tile.health}`);
    });
    latencies.sort((a, b) => a - b);
    line('latency to live (p50 / p95)', `${latencies[Math.floor(latencies.length / 2)]?.toFixed(1)} s / ${latencies[Math.floor(latencies.length * 0.95)]?.toFixed(1)} s`);
    line('JS heap', `${(heap0 / 1e6).toFixed(1)} → ${(heap1 / 1e6).toFixed(1)} MB`);
    line('hls.js instances alive', String(await liveHlsInstances(page)));
  } finally {
    await browser.close();
    await desk.close();
  }
}
