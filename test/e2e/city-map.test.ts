import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseState } from '../../src-shared/domain/case';
import { projectRoot } from '../../src-server/renderer-build';
import type { RunningWebDesk } from '../../src-server/web-desk';
import { launchChromium } from './support/browser';
import { report, startQueueDesk } from './support/queue-desk';
import { postOnDeskBus } from './support/video-desk';

const screenshots = join(projectRoot(), 'test-results', 'screenshots');

/** Loopback, or data/blob URLs the page makes itself: anything else would leave the machine. */
const LOCAL = /^(?:(?:https?|wss?):\/\/(?:127\.0\.0\.1|localhost)(?::\d+)?\/|data:|blob:)/;

interface MapHook {
  pixelOf(lon: number, lat: number): { x: number; y: number } | undefined;
  lookingAt(): { lon: number; lat: number } | undefined;
  toDisplay(lon: number, lat: number): [number, number];
  caseMarkers(): number;
}

function hook<T>(page: Page, read: (map: MapHook) => T): Promise<T> {
  return page.evaluate(`(${read.toString()})(window.gridMap)`) as Promise<T>;
}

/** Metres between two nearby lon/lat points. */
function metres(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  return Math.hypot((a.lon - b.lon) * 85_300, (a.lat - b.lat) * 110_574);
}

/**
 * The city view in Debian's Chromium (WebGL on SwiftShader: slow, so a small window and
 * generous waits). Offline: every request stays on loopback.
 */
describe('3D city view (#/map) in Chromium', () => {
  let desk: RunningWebDesk;
  let browser: Browser;
  let page: Page;
  let kase: CaseState;
  const requests: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    ({ desk } = await startQueueDesk({ deadlines: false }));
    kase = await report(desk, '地图测试：井盖缺失');
    await report(desk, '地图测试：路灯不亮');
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1100, height: 760 }, locale: 'zh-CN' });
    page = await context.newPage();
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
    await mkdir(screenshots, { recursive: true });
    await page.goto(`${desk.origin}/#/map?as=dispatcher-1`);
    await page.locator('[data-test="city-map"][data-status="ready"]').waitFor({ timeout: 120_000 });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await desk?.close();
  });

  it('renders the district: grids, components, cameras and the open cases as markers', async () => {
    await expect.poll(() => page.locator('[data-test="map-counts"]').textContent(), { timeout: 60_000 }).toContain('20000 个部件');
    const counts = (await page.locator('[data-test="map-counts"]').textContent()) ?? '';
    expect(counts).toContain('1652 个网格');
    expect(counts).toContain('240 路摄像头');
    expect(counts).toContain('2 件在办案卷');
    expect(await hook(page, (m) => m.caseMarkers())).toBe(2);
    await page.waitForTimeout(3_000);
    await page.screenshot({ path: join(screenshots, 'city-map.png') });
  });

  it('a click at a grid centre picks that grid and shows its community and supervisor', async () => {
    // Markers would answer the click first; a person hides them with the layer switches too.
    for (const layer of ['cases', 'cameras', 'components']) await page.locator(`[data-test="layer-${layer}"]`).uncheck();
    const grid = desk.parts.district.district.grids[400]!;
    const community = desk.parts.district.district.communities.find((c) => c.code === grid.communityCode)!;
    const at = await hook(page, new Function('m', `return m.pixelOf(${grid.centroid[0]}, ${grid.centroid[1]})`) as (m: MapHook) => { x: number; y: number });
    const box = (await page.locator('[data-test="map-canvas"] canvas').boundingBox())!;
    await page.mouse.click(box.x + at.x, box.y + at.y);
    await expect.poll(() => page.locator('[data-test="info-grid-code"]').textContent(), { timeout: 30_000 }).toContain(grid.code);
    expect(await page.locator('[data-test="info-community"]').textContent()).toBe(community.name);
    await expect.poll(() => page.locator('[data-test="info-supervisor"]').textContent()).not.toContain('supervisor-');
    for (const layer of ['cases', 'cameras', 'components']) await page.locator(`[data-test="layer-${layer}"]`).check();
  });

  it('a case selected on another window of the desk flies the map to it', async () => {
    await postOnDeskBus(page, { type: 'case:selected', caseId: kase.id, gridCode: kase.place.gridCode, lon: kase.place.lon, lat: kase.place.lat });
    await expect.poll(() => page.locator('[data-test="info-case-number"]').textContent(), { timeout: 30_000 }).toContain(kase.number);
    const target = await hook(page, new Function('m', `const [lon, lat] = m.toDisplay(${kase.place.lon}, ${kase.place.lat}); return { lon, lat }`) as (m: MapHook) => { lon: number; lat: number });
    await expect
      .poll(async () => {
        const looking = await hook(page, (m) => m.lookingAt());
        return looking ? Math.round(metres(looking, target)) : Infinity;
      }, { timeout: 60_000, interval: 1_000 })
      .toBeLessThan(150);
    await page.waitForTimeout(2_000);
    await page.screenshot({ path: join(screenshots, 'city-map-case.png') });
  });

  it('heat mode colours grids by open cases and shows its legend', async () => {
    await page.locator('[data-test="heat-measure"]').selectOption('open');
    await expect.poll(() => page.locator('[data-test="heat-legend"]').textContent(), { timeout: 10_000 }).toContain('1');
  });

  it('sent no request outside loopback and had no page errors', () => {
    expect(requests.length).toBeGreaterThan(20);
    expect(requests.filter((u) => !LOCAL.test(u))).toEqual([]);
    expect(problems).toEqual([]);
  });
});
