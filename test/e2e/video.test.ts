import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categoryByCode } from '../../src-shared/catalog/categories';
import type { CaseState } from '../../src-shared/domain/case';
import { CAMERA_DETECTABLE_KINDS } from '../../src-server/intake/camera-alerts';
import { projectRoot } from '../../src-server/renderer-build';
import type { RunningWebDesk } from '../../src-server/web-desk';
import { cameraAlert, DEMO_INTAKE_KEY } from './support/duty-desk';
import { INTAKE, NORMAL_CATEGORIES, run, startQueueDesk } from './support/queue-desk';
import { launchVideoChromium, listenOnDeskBus, liveHlsInstances, openVideoWall, postOnDeskBus, tilePlayback } from './support/video-desk';
import { typeInto } from './support/keyboard';

const screenshots = join(projectRoot(), 'test-results', 'screenshots');
const WALL = ['cam-0001', 'cam-0002', 'cam-0003', 'cam-0004'];

describe.skipIf(!existsSync('/usr/bin/ffmpeg'))('the video wall in Chromium (real ffmpeg HLS, hls.js)', () => {
  let desk: RunningWebDesk;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let hotGrid = '';
  const startedAt = performance.now();

  beforeAll(async () => {
    ({ desk } = await startQueueDesk({ deadlines: false, intake: { cameraApiKeys: [DEMO_INTAKE_KEY] } }));
    // Work piles up in one grid away from the cameras the tests put up by hand: three open
    // cases of different categories (so none is linked as a repeat of another).
    const { cameras, grids } = desk.parts.district.district;
    const far = cameras.find((c) => !WALL.includes(c.id) && c.gridCodes.length > 0 && !cameras.some((w) => WALL.includes(w.id) && w.gridCodes.some((g) => c.gridCodes.includes(g))));
    const grid = grids.find((g) => g.code === far?.gridCodes[0]);
    if (!grid) throw new Error('no camera away from the test wall');
    hotGrid = grid.code;
    for (const category of NORMAL_CATEGORIES.slice(0, 3)) {
      const r = await desk.parts.service.report(
        { categoryCode: category.code, channel: 'patrol', description: `热点网格：${category.name.zh}`, lon: grid.centroid[0], lat: grid.centroid[1] },
        { userId: grid.supervisorId, role: 'supervisor' },
      );
      if (!r.ok) throw new Error(r.code);
    }
    browser = await launchVideoChromium();
    ({ page, problems } = await openVideoWall(browser, desk));
    await mkdir(screenshots, { recursive: true });
  });

  const tileCameras = async (p: Page) => (await tilePlayback(p)).map((t) => t.cameraId);

  it('opens on a 2×2 of the busiest grids’ cameras, playing, without anyone arranging it', async () => {
    await expect.poll(async () => (await tileCameras(page)).filter(Boolean).length, { timeout: 15_000 }).toBe(4);
    const [top] = await tileCameras(page);
    expect(desk.parts.district.district.cameras.find((c) => c.id === top)?.gridCodes).toContain(hotGrid);
    await expect.poll(async () => (await tilePlayback(page)).filter((t) => t.health === 'playing' && t.frames > 0).length, { timeout: 45_000, interval: 500 }).toBe(4);
    expect(await page.locator('[data-test="wall-first-open"]').textContent()).toContain('案件最多网格');
    await page.screenshot({ path: join(screenshots, 'video-first-open.png') });
    // Clear it by hand, as an operator would before putting up cameras of their own.
    for (let i = 0; i < 4; i++) await page.locator(`[data-test="video-tile"][data-tile="${i}"] [data-test="tile-close"]`).click();
    await expect.poll(async () => (await tileCameras(page)).filter(Boolean).length).toBe(0);
    expect(await page.locator('[data-test="wall-first-open"]').count()).toBe(0);
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.close();
    console.info(`video e2e: ${Math.round((performance.now() - startedAt) / 1000)} s`);
  });

  it('plays four real streams on a 2×2 wall', async () => {
    await page.locator('[data-test="layout-4"]').click();
    for (const cameraId of WALL) await postOnDeskBus(page, { type: 'camera:show', cameraId });
    await expect.poll(async () => (await tilePlayback(page)).map((t) => t.cameraId), { timeout: 10_000 }).toEqual(WALL);
    await expect.poll(async () => (await tilePlayback(page)).every((t) => t.health === 'playing' && t.frames > 0), { timeout: 30_000, interval: 500 }).toBe(true);
    // Each picture moves on: a second more of video and more decoded frames on every tile (given
    // time: a loaded machine decodes slower).
    const before = await tilePlayback(page);
    let after = before;
    const movedOn = async () => {
      after = await tilePlayback(page);
      return after.filter((tile, i) => tile.currentTime > (before[i]?.currentTime ?? 0) + 1 && tile.frames > (before[i]?.frames ?? 0)).length;
    };
    await expect.poll(movedOn, { timeout: 15_000, interval: 500 }).toBe(4);
    expect(await page.locator('[data-test="tile-latency"]').count()).toBe(4);
    expect(await liveHlsInstances(page)).toBe(4);
    await page.waitForTimeout(1_000);
    await page.screenshot({ path: join(screenshots, 'video-wall-2x2.png') });
    console.info('tiles:', JSON.stringify(after));
  });

  it('comes back as its user left it after a reload; another user on the same machine keeps their own', async () => {
    await page.reload();
    await page.locator('[data-test="connection"][data-state="live"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => tileCameras(page), { timeout: 15_000 }).toEqual(WALL);
    await expect.poll(async () => (await tilePlayback(page)).filter((t) => t.health === 'playing').length, { timeout: 30_000, interval: 500 }).toBe(4);
    // dispatcher-2 opens the wall in another window of this browser (same storage): not
    // dispatcher-1's arrangement, their own first open.
    const other = await page.context().newPage();
    await other.goto(`${desk.origin}/#/video?as=dispatcher-2`);
    await other.locator('[data-test="connection"][data-state="live"]').waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await tileCameras(other)).filter(Boolean).length, { timeout: 15_000 }).toBe(4);
    const [top] = await tileCameras(other);
    expect(desk.parts.district.district.cameras.find((c) => c.id === top)?.gridCodes).toContain(hotGrid);
    await other.close();
  });

  it('shows a camera that drops out as stalled/offline, and recovers by itself when it returns', async () => {
    const tile = page.locator('[data-test="video-tile"][data-camera-id="cam-0002"]');
    await desk.video.streams?.takeOffline('cam-0002', 12_000);
    const downAt = performance.now();
    await expect.poll(() => tile.getAttribute('data-health'), { timeout: 20_000, interval: 250 }).toMatch(/stalled|offline/);
    console.info(`tile showed ${await tile.getAttribute('data-health')} after ${Math.round(performance.now() - downAt)} ms`);
    await page.screenshot({ path: join(screenshots, 'video-wall-camera-down.png') });
    await expect.poll(() => tile.getAttribute('data-health'), { timeout: 60_000, interval: 500 }).toBe('playing');
    console.info(`tile playing again ${Math.round(performance.now() - downAt)} ms after the camera dropped (12 s outage)`);
    // The others never stopped, and no player leaked while this one was re-created.
    expect((await tilePlayback(page)).filter((t) => t.health === 'playing').length).toBe(4);
    expect(await liveHlsInstances(page)).toBe(4);
  });

  it('frees every player when tiles change or leave the wall', async () => {
    await page.locator('[data-test="layout-1"]').click();
    await expect.poll(() => liveHlsInstances(page), { timeout: 5_000 }).toBe(1);
    await page.locator('[data-test="layout-4"]').click();
    await expect.poll(() => liveHlsInstances(page), { timeout: 5_000 }).toBe(4);
    await page.locator('[data-test="video-tile"][data-tile="3"] [data-test="tile-close"]').click();
    await expect.poll(() => liveHlsInstances(page), { timeout: 5_000 }).toBe(3);
  });

  it('follows a selected case to its grid’s cameras and attaches a grabbed frame to it as evidence', async () => {
    const camera = desk.parts.district.district.cameras.find((c) => c.id === 'cam-0001');
    const grid = desk.parts.district.district.grids.find((g) => g.code === camera?.gridCodes[0]);
    if (!camera || !grid) throw new Error('cam-0001 or its grid is missing from the district');
    const reported = await desk.parts.service.report(
      { categoryCode: NORMAL_CATEGORIES[0]!.code, channel: 'patrol', description: '视频取证测试：路面破损', lon: grid.centroid[0], lat: grid.centroid[1] },
      { userId: grid.supervisorId, role: 'supervisor' },
    );
    if (!reported.ok) throw new Error(reported.code);
    const registered: CaseState = await run(desk, reported.state.id, 'register', INTAKE);
    await postOnDeskBus(page, { type: 'case:selected', caseId: registered.id, gridCode: registered.place.gridCode });
    await page.locator('[data-test="linked-case"]').waitFor();
    const first = page.locator('[data-test="video-tile"][data-tile="0"]');
    const seeing = desk.parts.district.district.cameras.filter((c) => c.gridCodes.includes(registered.place.gridCode)).map((c) => c.id);
    expect(seeing).toContain(await first.getAttribute('data-camera-id'));
    await expect.poll(() => first.getAttribute('data-health'), { timeout: 30_000 }).toBe('playing');
    await first.locator('[data-test="tile-grab"]').click();
    // People know a case by its number, not its internal id.
    expect(await page.locator('[data-test="linked-case"]').textContent()).toContain(registered.number);
    await expect.poll(() => first.locator('[data-test="tile-notice"]').textContent(), { timeout: 15_000 }).toContain(registered.number);
    const trail = await desk.parts.service.store.caseTrail(registered.id);
    const evidence = trail.find((e) => e.type === 'evidenceAttached');
    expect(evidence).toBeDefined();
    expect((evidence?.payload as { photos: unknown[] }).photos.length).toBe(1);
    expect(problems.filter((p) => !/Failed to load resource/.test(p))).toEqual([]);
  });

  /** Is the alert flash (a CSS animation on the tile or its overlay layer) running? (A string: this code has no DOM types.) */
  const flashing = (selector: string) =>
    page.evaluate<boolean>(
      `(document.querySelector(${JSON.stringify(selector)})?.getAnimations({ subtree: true }) ?? []).some((a) => a.playState === 'running' && String(a.animationName).startsWith('alert-flash'))`,
    );
  const tileOf = (cameraId: string) => page.locator(`[data-test="video-tile"][data-camera-id="${cameraId}"]`);
  const wallCameraIds = async () => (await page.locator('[data-test="video-tile"]').evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-camera-id') ?? ''))).filter(Boolean);
  let detectedAtMs = Date.now();
  const raise = async (cameraId: string, kind: keyof typeof CAMERA_DETECTABLE_KINDS) => {
    detectedAtMs += 1_000; // another instant: another case (the same instant is the same alert resent)
    const answer = await cameraAlert(desk, { cameraId, kind, detectedAt: new Date(detectedAtMs).toISOString(), confidence: 0.91 });
    if (!answer.ok) throw new Error(`camera alert refused: ${answer.code}`);
    return answer.caseId;
  };

  it('flashes the tile of a camera that raises an alert; its banner opens the case on the desk; dismiss stops it', async () => {
    const cameraId = (await wallCameraIds())[0];
    if (!cameraId) throw new Error('no camera on the wall');
    const bus = await listenOnDeskBus(page);
    const tile = tileOf(cameraId);
    expect(await tile.getAttribute('data-alert')).toBeNull();
    expect(await flashing(`[data-test="video-tile"][data-camera-id="${cameraId}"]`)).toBe(false);

    const postedAt = performance.now();
    const caseId = await raise(cameraId, 'bicycle-parking');
    const answeredAt = performance.now();
    await expect.poll(() => tile.getAttribute('data-alert'), { timeout: 15_000 }).toBe(caseId);
    console.info(`alert: intake answered in ${Math.round(answeredAt - postedAt)} ms, tile flashing ${Math.round(performance.now() - postedAt)} ms after the post`);
    expect(await flashing(`[data-test="video-tile"][data-camera-id="${cameraId}"]`)).toBe(true);
    const banner = tile.locator('[data-test="tile-alert"]');
    expect(await banner.textContent()).toContain(`视频告警：${categoryByCode(CAMERA_DETECTABLE_KINDS['bicycle-parking'])?.name.zh}`);
    expect(await banner.locator('[data-test="alert-open"]').textContent()).toContain('打开案卷');
    // Only that camera's tile flashes.
    expect(await page.locator('[data-test="video-tile"][data-alert]').count()).toBe(1);
    await page.waitForTimeout(500); // mid-pulse, so the picture shows the glow
    await page.screenshot({ path: join(screenshots, 'video-wall-alert.png') });

    await banner.locator('[data-test="alert-open"]').click();
    await expect.poll(async () => (await bus.heard()).filter((m) => m['type'] === 'case:selected').map((m) => m['caseId']), { timeout: 5_000 }).toEqual([caseId]);
    await expect.poll(() => tile.getAttribute('data-alert')).toBeNull();
    expect(await flashing(`[data-test="video-tile"][data-camera-id="${cameraId}"]`)).toBe(false);
    // The wall links the case (a grabbed frame becomes its evidence) and keeps its tiles.
    expect(await page.locator('[data-test="linked-case"]').textContent()).toContain((await desk.parts.service.store.loadCase(caseId))?.number ?? caseId);
    expect(await tile.count()).toBe(1);

    // A second detection flashes again; dismissing it stops the flash and selects nothing.
    const second = await raise(cameraId, 'exposed-garbage');
    await expect.poll(() => tile.getAttribute('data-alert'), { timeout: 15_000 }).toBe(second);
    await tile.locator('[data-test="alert-dismiss"]').click();
    await expect.poll(() => tile.getAttribute('data-alert')).toBeNull();
    expect(await flashing(`[data-test="video-tile"][data-camera-id="${cameraId}"]`)).toBe(false);
    await page.waitForTimeout(300);
    expect((await bus.heard()).map((m) => m['caseId'])).toEqual([caseId]);
    await bus.close();
  });

  it('lists an alert of a camera that is not on the wall, and puts that camera on a tile when asked', async () => {
    const onWall = new Set(await wallCameraIds());
    const camera = desk.parts.district.district.cameras.find((c) => !onWall.has(c.id));
    if (!camera) throw new Error('every camera is on the wall');
    const caseId = await raise(camera.id, 'piled-materials');
    const entry = page.locator(`[data-test="wall-alert"][data-case-id="${caseId}"]`);
    await entry.waitFor({ timeout: 15_000 });
    expect(await entry.textContent()).toContain(camera.name);
    expect(await page.locator('[data-test="video-tile"][data-alert]').count()).toBe(0);
    await page.screenshot({ path: join(screenshots, 'video-wall-alert-list.png') });
    await entry.locator('[data-test="alert-show"]').click();
    await expect.poll(() => tileOf(camera.id).getAttribute('data-alert'), { timeout: 5_000 }).toBe(caseId);
    expect(await page.locator('[data-test="wall-alerts"]').count()).toBe(0);
    await tileOf(camera.id).locator('[data-test="alert-dismiss"]').click();
    await expect.poll(() => page.locator('[data-test="video-tile"][data-alert]').count()).toBe(0);
  });

  it('splits the wall 1+5: one big tile beside five small ones, kept in a preset', async () => {
    const split = page.locator('[data-test="layout-1+5"]');
    expect(await split.textContent()).toContain('1+5');
    await split.click();
    await expect.poll(() => page.locator('[data-test="video-tile"]').count(), { timeout: 5_000 }).toBe(6);
    const box = async (i: number) => {
      const b = await page.locator(`[data-test="video-tile"][data-tile="${i}"]`).boundingBox();
      if (!b) throw new Error(`tile ${i} is not laid out`);
      return b;
    };
    const [big, small, last] = [await box(0), await box(1), await box(5)];
    // Two cells by two (plus the gap) against one: clearly larger both ways, side by side, the last small one below.
    expect(big.width).toBeGreaterThan(small.width * 1.8);
    expect(big.height).toBeGreaterThan(small.height * 1.8);
    expect(small.x).toBeGreaterThan(big.x + big.width - 1);
    expect(last.y).toBeGreaterThan(big.y + big.height - 1);
    for (const cameraId of WALL) await postOnDeskBus(page, { type: 'camera:show', cameraId });
    await expect.poll(() => page.locator('[data-test="video-tile"][data-health="playing"]').count(), { timeout: 30_000, interval: 500 }).toBeGreaterThanOrEqual(4);
    await page.screenshot({ path: join(screenshots, 'video-wall-1+5.png') });

    await typeInto(page.locator('[data-test="preset-name"]'), '一大五小');
    await page.locator('[data-test="preset-save"]').click();
    await page.locator('[data-test="layout-4"]').click();
    await expect.poll(() => page.locator('[data-test="video-tile"]').count()).toBe(4);
    await page.locator('[data-test="preset-select"]').selectOption('一大五小');
    await expect.poll(() => page.locator('[data-test="video-tile"]').count()).toBe(6);
    expect((await box(0)).width).toBeGreaterThan((await box(1)).width * 1.8);
    expect(problems.filter((p) => !/Failed to load resource/.test(p))).toEqual([]);
  });
});
