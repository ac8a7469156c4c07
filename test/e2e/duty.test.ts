import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metresBetween } from '../../src-shared/geo/view-wedge';
import { planForCategory } from '../../src-shared/emergency/plans';
import { projectRoot } from '../../src-server/renderer-build';
import type { RunningWebDesk } from '../../src-server/web-desk';
import { act, openCase, testPhoto } from './support/case-loop';
import { cameraAlert, DEMO_INTAKE_KEY, deskContext, LOCAL, openDeskPage, sceneCamera, type DeskPage } from './support/duty-desk';
import { INTAKE, startQueueDesk } from './support/queue-desk';
import { launchVideoChromium, postOnDeskBus, tilePlayback } from './support/video-desk';
import { typeInto } from './support/keyboard';

const results = join(projectRoot(), 'test-results');
const screenshots = join(results, 'screenshots');
/** A camera sees smoke: its alert becomes a fire hazard (火灾隐患), urgent by category. */
const FIRE_HAZARD = 'E0405';
const RADIUS = planForCategory(FIRE_HAZARD).sceneRadiusMetres;

/**
 * The emergency duty officer's screen in Debian's Chromium, with the people it coordinates each
 * in their own browser: a camera's urgent alert (smoke) rings on the duty screen at once; the
 * officer acknowledges it and starts the plan; fire (the lead, from its queue) and police (a
 * linked department, from its case panel) acknowledge, fire arrives; the cameras around the
 * scene play on the desk's video wall; the officer closes the emergency and the after-action
 * report is produced. WebGL runs on SwiftShader here: small map, generous waits.
 */
describe.skipIf(!existsSync('/usr/bin/ffmpeg'))('the duty officer’s screen (#/duty) in Chromium', () => {
  let desk: RunningWebDesk;
  let browser: Browser;
  let dutyDesk: BrowserContext;
  let duty: DeskPage;
  let wall: DeskPage;
  let fire: DeskPage;
  let police: DeskPage;
  let caseId = '';
  let scene: string[] = [];
  /** The other open cases near the scene (a normal camera find, a hotline report). */
  const nearby: string[] = [];
  /** How far the service's clock is ahead of the wall clock (moved to let a step's deadline pass). */
  let skewMs = 0;
  const requests: string[] = [];
  const pages = () => [duty, wall, fire, police].filter((p): p is DeskPage => p !== undefined);
  const d = (): Page => duty.page;
  const department = (id: string) => d().locator(`[data-test="department-row"][data-department-id="${id}"]`);

  beforeAll(async () => {
    // The deadline watcher runs (every second) on a clock the test can move on: a plan step falls overdue for real.
    ({ desk } = await startQueueDesk({
      deadlines: { reminderShare: 0.8, supervisionMultiple: 2, tickSeconds: 1 },
      clock: () => new Date(Date.now() + skewMs),
      intake: { cameraApiKeys: [DEMO_INTAKE_KEY] },
    }));
    browser = await launchVideoChromium();
    await mkdir(screenshots, { recursive: true });
    // The duty officer's desk: the duty screen and, on the next monitor, the video wall (one context: one desk bus).
    dutyDesk = await deskContext(browser, requests);
    duty = await openDeskPage(dutyDesk, `${desk.origin}/#/duty?as=duty-1`, 'duty');
    wall = await openDeskPage(dutyDesk, `${desk.origin}/#/video?as=duty-1`, 'wall');
    await wall.page.locator('[data-test="camera-item"]').first().waitFor({ state: 'attached', timeout: 30_000 });
    fire = await openDeskPage(await deskContext(browser, requests, { width: 1400, height: 900 }), `${desk.origin}/#/queue?as=handler-fire`, 'fire');
    police = await openDeskPage(await deskContext(browser, requests, { width: 1400, height: 900 }), `${desk.origin}/#/queue?as=handler-police`, 'police');
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await desk?.close();
  });

  it('rings at once for a camera’s urgent find (smoke), and not for a normal one', async () => {
    const picked = sceneCamera(desk, RADIUS);
    scene = picked.scene;
    const detectedAt = () => new Date().toISOString();
    // A normal find (materials piled in a lane) is the dispatcher's: the duty screen stays quiet.
    const normal = await cameraAlert(desk, { cameraId: picked.camera.id, kind: 'piled-materials', detectedAt: detectedAt(), confidence: 0.9 });
    if (!normal.ok) throw new Error(`camera alert refused: ${normal.code}`);
    nearby.push(normal.caseId);
    const place = (await desk.parts.service.store.loadCase(normal.caseId))?.place;
    // And a hotline report near the scene: more for the officer to see beside the emergency.
    const hotline = await desk.parts.service.report({ categoryCode: 'E0101', channel: 'hotline', description: '附近胡同口垃圾堆积', lon: (place?.lon ?? 0) + 0.0006, lat: place?.lat ?? 0 }, INTAKE);
    if (!hotline.ok) throw new Error(`hotline report refused: ${hotline.code}`);
    nearby.push(hotline.state.id);
    await d().waitForTimeout(1_500);
    await d().locator('[data-test="duty-board-empty"]').waitFor();
    expect(await d().locator('[data-test="alarm-banner"]').count()).toBe(0);
    // Then the same camera sees smoke: urgent by its kind, no one has to register it first.
    const snapshot = (await testPhoto([150, 120, 80])).toString('base64');
    const answer = await cameraAlert(desk, { cameraId: picked.camera.id, kind: 'smoke-or-fire', detectedAt: detectedAt(), confidence: 0.93, snapshot });
    if (!answer.ok) throw new Error(`camera alert refused: ${answer.code}`);
    expect(answer.stage).toBe('reported');
    caseId = answer.caseId;
    const banner = d().locator('[data-test="alarm-banner"]');
    await banner.locator(`[data-test="alarm-row"][data-case-id="${caseId}"]`).waitFor({ timeout: 15_000 });
    await expect.poll(() => banner.getAttribute('data-sound')).toBe('ringing');
    // Flashing: the banner's animation runs until the acknowledgement removes it.
    const style = (el: unknown) => (globalThis as unknown as { getComputedStyle(e: unknown): { animationName: string } }).getComputedStyle(el).animationName;
    expect(await banner.evaluate(style)).toMatch(/flash/);
    expect(await d().locator(`[data-test="duty-board-case"][data-case-id="${caseId}"]`).getAttribute('data-group')).toBe('alarm');
    await d().screenshot({ path: join(screenshots, 'duty-alarm.png') });
  });

  it('shows the plan before it starts: fire leads, police, power and the street office linked', async () => {
    const panel = d().locator('[data-test="plan-panel"]');
    await expect.poll(() => panel.getAttribute('data-plan-code'), { timeout: 15_000 }).toBe('EP-FIRE-HAZARD');
    expect(await panel.locator('[data-test="plan-lead"]').getAttribute('data-department-id')).toBe('fire');
    const linked = await panel.locator('[data-test="plan-linked"]').evaluateAll((es) => es.map((e) => e.getAttribute('data-department-id')));
    expect(linked.slice(0, 2)).toEqual(['police', 'power']);
    expect(linked[2]).toMatch(/^street:\d{9}$/);
    expect(await panel.locator('[data-test="plan-step"]').count()).toBe(5);
    expect(await panel.locator('[data-test="plan-notify"]').allTextContents()).toContain('119指挥中心');
  });

  it('stops flashing and sounding once the officer acknowledges', async () => {
    await d().locator(`[data-test="alarm-row"][data-case-id="${caseId}"] [data-test="acknowledge-alarm"]`).click();
    await d().locator('[data-test="alarm-banner"]').waitFor({ state: 'detached' });
    await d().locator('[data-test="timeline-row"][data-kind="alarm"]').waitFor();
    expect(await d().locator(`[data-test="duty-board-case"][data-case-id="${caseId}"]`).getAttribute('data-group')).toBe('awaitingPlan');
  });

  it('starts the plan: dispatched to all four at once, the checklist counting down', async () => {
    await d().locator('[data-test="start-plan"]').click();
    await d().locator('[data-test="step-checklist"]').waitFor();
    expect(await d().locator('[data-test="step-row"]').count()).toBe(5);
    expect(await d().locator('[data-test="department-row"]').count()).toBe(4);
    expect(await d().locator('[data-test="department-row"][data-acknowledged="no"]').count()).toBe(4);
    expect(await d().locator('[data-test="duty-case"]').getAttribute('data-stage')).toBe('dispatched');
    await d().locator('[data-test="timeline-row"][data-kind="started"]').waitFor();
  });

  it('ticks off a step on time; the next one falls overdue and is alerted', async () => {
    await d().locator('[data-test="step-row"][data-step-id="confirm"] [data-test="complete-step"]').click();
    await expect.poll(() => d().locator('[data-test="step-row"][data-step-id="confirm"]').getAttribute('data-status')).toBe('done');
    // 15½ minutes on: fire should have been on the scene within 15 (the next step is due at 20).
    skewMs += 15.5 * 60_000;
    await expect.poll(() => d().locator('[data-test="step-row"][data-step-id="fire-on-scene"]').getAttribute('data-status'), { timeout: 20_000 }).toBe('overdue');
    const alert = d().locator('[data-test="overdue-alert"]');
    await expect.poll(() => alert.textContent()).toContain('消防救援力量到场');
    await d().locator('[data-test="timeline-row"][data-kind="stepOverdue"]').waitFor();
    await d().screenshot({ path: join(screenshots, 'duty-overdue.png') });
  });

  it('opens the cameras around the scene on the desk’s video wall, where they play', async () => {
    const listed = await d().locator('[data-test="scene-camera"]').evaluateAll((es) => es.map((e) => e.getAttribute('data-camera-id')));
    expect(listed).toEqual(scene);
    await expect.poll(async () => (await tilePlayback(wall.page)).map((t) => t.cameraId).filter((id) => scene.includes(id)).sort(), { timeout: 20_000 }).toEqual([...scene].sort());
    const playing = async () => (await tilePlayback(wall.page)).filter((t) => scene.includes(t.cameraId));
    await expect.poll(async () => (await playing()).every((t) => t.health === 'playing' && t.frames > 0), { timeout: 90_000, interval: 1_000 }).toBe(true);
    const before = await playing();
    await wall.page.waitForTimeout(3_000);
    const after = await playing();
    after.forEach((tile, i) => expect(tile.currentTime).toBeGreaterThan((before[i]?.currentTime ?? 0) + 1));
    await wall.page.screenshot({ path: join(screenshots, 'duty-video-wall.png') });
  });

  it('fire acknowledges and arrives from its queue; police acknowledges from its case panel; the duty screen shows both', async () => {
    await openCase(fire.page, caseId, 'toSign');
    await act(fire.page, 'acknowledgeLinkage');
    // Police is linked, not the lead: its queue has no tab for the case, the desk opens it in its panel.
    await postOnDeskBus(police.page, { type: 'case:selected', caseId });
    await police.page.locator(`[data-test="case-detail"][data-case-id="${caseId}"]`).waitFor({ timeout: 15_000 });
    await act(police.page, 'acknowledgeLinkage');
    await expect.poll(() => department('fire').getAttribute('data-acknowledged'), { timeout: 15_000 }).toBe('yes');
    await expect.poll(() => department('police').getAttribute('data-acknowledged'), { timeout: 15_000 }).toBe('yes');
    await act(fire.page, 'reportArrival', (form) => typeInto(form.locator('[data-test="field-note"]'), '消防车两辆到场，正在清理堆物'));
    await expect.poll(() => department('fire').getAttribute('data-arrived'), { timeout: 15_000 }).toBe('yes');
    // Fire is on the scene, late: the officer ticks the step off, and it stays on record as late.
    await d().locator('[data-test="step-row"][data-step-id="fire-on-scene"] [data-test="complete-step"]').click();
    await expect.poll(() => d().locator('[data-test="step-row"][data-step-id="fire-on-scene"]').getAttribute('data-status')).toBe('late');
    expect(await d().locator('[data-test="overdue-alert"]').count()).toBe(0);
    expect(await department('power').getAttribute('data-acknowledged')).toBe('no');
    const kinds = await d().locator('[data-test="timeline-row"]').evaluateAll((es) => es.map((e) => `${e.getAttribute('data-kind')}:${e.getAttribute('data-department-id')}`));
    expect(kinds).toEqual(expect.arrayContaining(['acknowledged:fire', 'acknowledged:police', 'arrived:fire']));
  });

  it('shows a stale escalation refused in words, then escalates', async () => {
    await d().locator('[data-test="duty-escalateEmergency"]').click();
    const form = d().locator('[data-test="duty-form-escalateEmergency"]');
    await form.locator('[data-test="form-department"]').selectOption('power');
    await typeInto(form.locator('[data-test="form-text"]'), '供电公司未接报，请督办');
    // Meanwhile police reaches the scene: the officer's form was opened on an older version.
    await act(police.page, 'reportArrival');
    await expect.poll(() => department('police').getAttribute('data-arrived')).toBe('yes');
    await form.locator('[data-test="form-confirm"]').click();
    const refusal = d().locator('[data-test="duty-refusal"]');
    await expect.poll(() => refusal.getAttribute('data-code')).toBe('VERSION_CONFLICT');
    expect(await refusal.textContent()).toContain('案卷已被他人更新');
    await d().locator('[data-test="duty-escalateEmergency"]').click();
    await form.locator('[data-test="form-department"]').selectOption('power');
    await typeInto(form.locator('[data-test="form-text"]'), '供电公司未接报，请督办');
    await form.locator('[data-test="form-confirm"]').click();
    await d().locator('[data-test="timeline-row"][data-kind="escalated"][data-department-id="power"]').waitFor();
    expect(await refusal.count()).toBe(0);
  });

  it('shows the scene: the map centred on the case with the plan’s ring, components and the case nearby', async () => {
    await d().locator('[data-test="city-map"][data-status="ready"]').waitFor({ timeout: 180_000 });
    const kase = await desk.parts.service.store.loadCase(caseId);
    await expect.poll(() => d().evaluate('window.gridMap?.sceneRing()'), { timeout: 30_000 }).toEqual({ lon: kase?.place.lon, lat: kase?.place.lat, radiusMetres: RADIUS });
    await d().locator('[data-test="scene-component-kind"]').first().waitFor({ timeout: 60_000 });
    const counts = await d().locator('[data-test="scene-component-kind"]').evaluateAll((es) => es.map((e) => Number(e.getAttribute('data-count'))));
    const inRadius = desk.parts.district.district.components.filter((c) => metresBetween([c.lon, c.lat], [kase?.place.lon ?? 0, kase?.place.lat ?? 0]) <= RADIUS).length;
    expect(counts.reduce((a, b) => a + b, 0)).toBe(inRadius);
    const near = await d().locator('[data-test="scene-case"]').evaluateAll((es) => es.map((e) => e.getAttribute('data-case-id')));
    expect(near.sort()).toEqual([...nearby].sort());
    await d().waitForTimeout(4_000);
    await d().screenshot({ path: join(screenshots, 'duty-response.png') });
  });

  it('closes the emergency with a summary, and produces the after-action report', async () => {
    await d().locator('[data-test="duty-closeEmergency"]').click();
    const form = d().locator('[data-test="duty-form-closeEmergency"]');
    await typeInto(form.locator('[data-test="form-text"]'), '楼道杂物阴燃冒烟，已扑灭并清理，无人员伤亡。');
    await form.locator('[data-test="form-confirm"]').click();
    await d().locator('[data-test="timeline-row"][data-kind="closed"]').waitFor();
    expect(await d().locator('[data-test="step-row"][data-status="undone"]').count()).toBe(3);
    const link = d().locator('[data-test="emergency-report"]');
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toBe(`${desk.origin}/api/cases/${encodeURIComponent(caseId)}/emergency-report?as=duty-1`);
    expect(await link.getAttribute('target')).toBe('_blank');
    const [tab] = await Promise.all([dutyDesk.waitForEvent('page'), link.click()]);
    await tab.waitForLoadState();
    const html = await (await fetch(href)).text();
    await writeFile(join(results, 'emergency-report.html'), html);
    for (const words of ['东城消防救援支队', '东城公安分局', '东城供电公司', '楼道杂物阴燃冒烟，已扑灭', '供电公司未接报', '核实警情']) expect(html).toContain(words);
    expect(await tab.locator('body').textContent()).toContain('东城消防救援支队');
    // The camera's frame is the report's scene photo, loaded from the service as the officer.
    const loaded = (img: unknown) => {
      const i = img as { complete: boolean; naturalWidth: number };
      return i.complete && i.naturalWidth > 0;
    };
    await expect.poll(() => tab.locator('img').first().evaluate(loaded), { timeout: 15_000 }).toBe(true);
    await tab.setViewportSize({ width: 1000, height: 1400 });
    await tab.screenshot({ path: join(screenshots, 'emergency-report.png'), fullPage: true });
    await tab.close();
  });

  it('reads the same in English', async () => {
    await d().locator('[data-test="locale-en"]').click();
    await expect.poll(() => d().locator('[data-test="timeline-row"][data-kind="closed"]').textContent()).toContain('Emergency closed');
    expect(await department('fire').textContent()).toContain('acknowledged');
    expect(await d().locator('[data-test="emergency-report"]').getAttribute('href')).toContain('lang=en');
    await d().waitForTimeout(1_000);
    await d().screenshot({ path: join(screenshots, 'duty-closed-en.png') });
  });

  it('made no request outside loopback and had no page errors', () => {
    expect(requests.length).toBeGreaterThan(50);
    expect(requests.filter((u) => !LOCAL.test(u))).toEqual([]);
    // A stream's first segments may 404 while its encoder starts (the video e2e allows it too).
    expect(pages().flatMap((p) => p.problems).filter((p) => !/Failed to load resource/.test(p))).toEqual([]);
  });
});
