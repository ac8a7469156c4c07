import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseState } from '../../src-shared/domain/case';
import { projectRoot } from '../../src-server/renderer-build';
import type { RunningWebDesk } from '../../src-server/web-desk';
import { launchChromium } from './support/browser';
import { act, detail, gridFixture, openCase, openDesk, startLoopDesk, testPhoto, type DeskWindow, type GridFixture } from './support/case-loop';

const screenshots = join(projectRoot(), 'test-results', 'screenshots');
const form = (page: Page) => page.locator('[data-test="intake-form"]');

/** Clicks a field and types into it with the keyboard, as an operator on the phone does. */
async function typeInto(page: Page, test: string, text: string): Promise<void> {
  await page.locator(`[data-test="${test}"]`).click();
  await page.keyboard.type(text);
}

async function openForm(page: Page): Promise<void> {
  await page.locator('[data-test="queue-view"]').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Alt+n');
  await form(page).waitFor();
}

/**
 * 新建案卷 / 来电登记 at the intake desk, typed with the keyboard: the caller, the category by
 * search, the grid code, the address and what happened; the duplicate suggestion before saving;
 * the saved case round the whole loop in the other people's windows; and the place picked by a
 * click on the city map in another window of the same desk (the desk bus).
 */
describe('the intake desk keys in a phone call', () => {
  let desk: RunningWebDesk;
  let browser: Browser;
  let grid: GridFixture;
  let existing: CaseState;
  const w: Record<string, DeskWindow> = {};
  const page = (user: string): Page => {
    const d = w[user];
    if (!d) throw new Error(`no window for ${user}`);
    return d.page;
  };

  beforeAll(async () => {
    desk = await startLoopDesk();
    browser = await launchChromium();
    grid = gridFixture(0);
    await mkdir(screenshots, { recursive: true });
    // A supervisor already reported garbage at this grid: a call about it is a repeat.
    const answer = await desk.parts.service.report(
      { categoryCode: 'E0101', channel: 'patrol', description: '胡同口垃圾堆放，无人清运', lon: grid.lon, lat: grid.lat },
      { userId: grid.supervisorId, role: 'supervisor' },
    );
    if (!answer.ok) throw new Error(answer.code);
    existing = answer.state;
    const users = ['intake-1', 'dispatcher-1', 'handler-roads', grid.supervisorId];
    for (const d of await Promise.all(users.map((u) => openDesk(browser, desk, u)))) w[d.user] = d;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await desk?.close();
  });

  it('offers 新建案卷 with its key to the intake operator only, not to a dispatcher or a department', async () => {
    const p = page('intake-1');
    await expect.poll(() => p.locator('[data-test="new-case"]').textContent()).toContain('Alt+N');
    expect(await page('dispatcher-1').locator('[data-test="new-case"]').count()).toBe(0);
    expect(await page('handler-roads').locator('[data-test="new-case"]').count()).toBe(0);
    await p.keyboard.press('?');
    await expect.poll(() => p.locator('[data-test="shortcut-sheet"]').textContent()).toContain('新建案卷');
    await p.keyboard.press('Escape');
  });

  it('shows a message next to every bad field and sends nothing', async () => {
    const p = page('intake-1');
    const before = (await desk.parts.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM cases'))?.n;
    await openForm(p);
    await p.screenshot({ path: join(screenshots, 'intake-form-empty.png') });
    await typeInto(p, 'intake-caller-phone', '1381234abcd');
    await typeInto(p, 'intake-grid', '11010200100101'); // a Xicheng grid code
    await p.locator('[data-test="intake-save"]').click();
    const problem = (field: string) => p.locator(`[data-test="intake-problem"][data-field="${field}"]`).textContent();
    await expect.poll(() => problem('callerPhone')).toContain('电话号码格式不正确');
    expect(await problem('categoryCode')).toContain('请选择案件类别');
    expect(await problem('gridCode')).toContain('不属于本区');
    expect(await problem('description')).toContain('请填写问题描述');
    await p.screenshot({ path: join(screenshots, 'intake-form-errors.png') });
    expect((await desk.parts.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM cases'))?.n).toBe(before);
    await p.keyboard.press('Escape');
    await form(p).waitFor({ state: 'detached' });
  });

  it('suggests the open case a call repeats, and opens it instead', async () => {
    const p = page('intake-1');
    await openForm(p);
    await typeInto(p, 'intake-caller-name', '李秀英');
    await typeInto(p, 'intake-caller-phone', '139 0101 8888');
    await typeInto(p, 'intake-category', '暴露');
    await p.locator('[data-test="intake-category-option"][data-code="E0101"]').waitFor();
    await p.keyboard.press('Enter');
    expect(await p.locator('[data-test="intake-category-chosen"]').getAttribute('data-code')).toBe('E0101');
    await typeInto(p, 'intake-grid', grid.code);
    await typeInto(p, 'intake-description', '门口垃圾好几天没人收');
    const suggestion = p.locator(`[data-test="intake-duplicate"][data-case-id="${existing.id}"]`);
    await suggestion.waitFor({ timeout: 15_000 });
    expect(await suggestion.textContent()).toContain(existing.number);
    expect(await p.locator('[data-test="intake-save"]').textContent()).toContain('仍然登记');
    await p.screenshot({ path: join(screenshots, 'intake-form-duplicate.png') });
    await suggestion.locator('[data-test="intake-open-duplicate"]').click();
    await form(p).waitFor({ state: 'detached' });
    await detail(p).and(p.locator(`[data-case-id="${existing.id}"]`)).waitFor();
  });

  it('saves a typed call, which then goes round the loop in the other windows', async () => {
    const op = page('intake-1');
    await openForm(op);
    await typeInto(op, 'intake-caller-name', '张伟');
    await typeInto(op, 'intake-caller-phone', '13901018888');
    await typeInto(op, 'intake-category', '路灯');
    await op.locator('[data-test="intake-category-option"]').first().waitFor();
    await op.keyboard.press('ArrowDown');
    await op.keyboard.press('Enter');
    expect(await op.locator('[data-test="intake-category-chosen"]').getAttribute('data-code')).toBe('C0112');
    await typeInto(op, 'intake-grid', grid.code);
    await typeInto(op, 'intake-address', '多福巷东口');
    await typeInto(op, 'intake-description', '路灯整晚不亮，行人看不清路');
    // The caller sent a photo by message: the operator picks the file in the system's dialog.
    const chooser = op.waitForEvent('filechooser');
    await op.locator('[data-test="intake-photos-button"]').click();
    await (await chooser).setFiles({ name: 'caller-photo.jpg', mimeType: 'image/jpeg', buffer: await testPhoto([60, 60, 110]) });
    expect(await op.locator('[data-test="intake-photos-chosen"]').textContent()).toContain('caller-photo.jpg');
    await expect.poll(() => op.locator('[data-test="intake-place-found"]').getAttribute('data-grid'), { timeout: 15_000 }).toBe(grid.code);
    expect(await op.locator('[data-test="intake-duplicates"]').getAttribute('data-count')).toBe('0');
    await op.locator('[data-test="intake-save"]').click();
    await form(op).waitFor({ state: 'detached' });

    // The new case opens in the detail pane, as reported over the phone channel.
    await expect.poll(() => detail(op).getAttribute('data-stage'), { timeout: 15_000 }).toBe('reported');
    const caseId = (await detail(op).getAttribute('data-case-id')) ?? '';
    const saved = await desk.parts.service.store.loadCase(caseId);
    expect(saved).toMatchObject({ categoryCode: 'C0112', channel: 'hotline', description: '路灯整晚不亮，行人看不清路', place: { gridCode: grid.code, address: '多福巷东口' } });
    // The caller is stored apart, in clear, and shown masked; never in the case or its events.
    const contact = await desk.parts.db.get<{ name: string; phone: string; source: string }>('SELECT name, phone, source FROM reporter_contacts WHERE case_id = ?', [caseId]);
    expect(contact).toEqual({ name: '张伟', phone: '13901018888', source: 'intake-desk' });
    await expect.poll(() => op.locator('[data-test="reporter-phone"]').textContent()).toBe('139****8888');
    await op.screenshot({ path: join(screenshots, 'intake-saved-case.png') });
    // The photo was uploaded cleaned (POST /api/photos) and belongs to the case, shown in its strip.
    expect(saved?.photos).toHaveLength(1);
    const photo = await desk.parts.db.get<{ case_id: string }>('SELECT case_id FROM photos WHERE id = ?', [saved?.photos[0]?.id ?? '']);
    expect(photo?.case_id).toBe(caseId);
    await expect.poll(() => op.locator('[data-test="photo-thumb"]').count()).toBe(1);
    const events = await desk.parts.db.all<{ event: string }>('SELECT event FROM case_events WHERE case_id = ?', [caseId]);
    expect(events.map((e) => e.event).join('')).not.toContain('13901018888');

    await act(op, 'register');
    await expect.poll(() => detail(op).getAttribute('data-stage')).toBe('registered');

    const d = page('dispatcher-1');
    await openCase(d, caseId, 'toDispatch');
    await d.locator('[data-test="action-dispatch"]').click();
    await expect.poll(() => d.locator('[data-test="routing"]').getAttribute('data-lead')).toBe('roads');
    await d.locator('[data-test="confirm-action"]').click();
    await expect.poll(() => detail(d).getAttribute('data-stage')).toBe('dispatched');

    const h = page('handler-roads');
    await openCase(h, caseId, 'toSign');
    await act(h, 'accept');
    await expect.poll(() => detail(h).getAttribute('data-stage')).toBe('accepted');
    await act(h, 'feedback', async (f) => {
      await f.locator('[data-test="field-result"]').click();
      await h.keyboard.type('已更换灯泡，路灯恢复照明');
    });
    await expect.poll(() => detail(h).getAttribute('data-stage')).toBe('handled');

    await openCase(op, caseId, 'fedBack');
    await act(op, 'sendToVerify');
    const s = page(grid.supervisorId);
    await openCase(s, caseId, 'toVerify');
    await act(s, 'verify');
    await expect.poll(() => detail(s).getAttribute('data-stage')).toBe('verified');
    await openCase(op, caseId, 'verified');
    await act(op, 'close');
    await expect.poll(() => detail(op).getAttribute('data-stage')).toBe('closed');
    expect((await desk.parts.service.store.loadCase(caseId))?.stage).toBe('closed');
  }, 120_000);

  it('takes the place from a click on the city map in another window of the desk', async () => {
    const op = page('intake-1');
    const mapPage = await (w['intake-1'] as DeskWindow).context.newPage();
    await mapPage.setViewportSize({ width: 640, height: 420 });
    await mapPage.goto(`${desk.origin}/#/map?as=intake-1`);
    await mapPage.locator('[data-test="city-map"][data-status="ready"]').waitFor({ timeout: 120_000 });
    const target = desk.parts.district.district.grids[400];
    if (!target) throw new Error('no grid 400');

    await openForm(op);
    await typeInto(op, 'intake-category', 'E0103');
    await op.keyboard.press('Enter');
    await op.locator('[data-test="intake-pick-map"]').click();
    await mapPage.locator('[data-test="map-place-pick"]').waitFor();
    await mapPage.screenshot({ path: join(screenshots, 'intake-map-pick.png') });
    const at = (await mapPage.evaluate(`window.gridMap.pixelOf(${target.centroid[0]}, ${target.centroid[1]})`)) as { x: number; y: number };
    const box = await mapPage.locator('[data-test="map-canvas"] canvas').boundingBox();
    if (!box) throw new Error('no canvas');
    await mapPage.mouse.click(box.x + at.x, box.y + at.y);
    await mapPage.locator('[data-test="map-place-pick"]').waitFor({ state: 'detached' });

    await expect.poll(() => op.locator('[data-test="intake-place-found"]').getAttribute('data-grid'), { timeout: 30_000 }).toBe(target.code);
    expect(await op.locator('[data-test="intake-grid"]').inputValue()).toBe(target.code);
    await typeInto(op, 'intake-description', '路面有油污，来电人在地图上指认');
    await op.locator('[data-test="intake-save"]').click();
    await form(op).waitFor({ state: 'detached' });
    await expect.poll(() => detail(op).getAttribute('data-stage'), { timeout: 15_000 }).toBe('reported');
    const caseId = (await detail(op).getAttribute('data-case-id')) ?? '';
    const saved = await desk.parts.service.store.loadCase(caseId);
    expect(saved?.place.gridCode).toBe(target.code);
    expect(saved?.hasReporterContact).toBe(false);
    await mapPage.close();
  }, 240_000);

  it('left no errors in any window', () => {
    expect(Object.values(w).flatMap((d) => d.problems)).toEqual([]);
  });
});
