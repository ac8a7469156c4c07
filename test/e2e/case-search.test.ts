import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseState } from '../../src-shared/domain/case';
import type { Actor } from '../../src-shared/domain/roles';
import type { UnitGrid } from '../../src-shared/district/types';
import { projectRoot } from '../../src-server/renderer-build';
import type { RunningWebDesk } from '../../src-server/web-desk';
import { launchChromium } from './support/browser';
import { DISPATCHER, handlerOf, INTAKE, openQueue, run, startQueueDesk, type QueueWindow } from './support/queue-desk';

const screenshots = join(projectRoot(), 'test-results', 'screenshots');
const DAY_MS = 86_400_000;

const results = (page: Page) => page.locator('[data-test="finder-results"]');
const rows = (page: Page) => page.locator('[data-test="finder-row"]');
const detail = (page: Page) => page.locator('[data-test="case-detail"]');

/** Ctrl+K from wherever the person is, then the text typed key by key (the box's old text is selected, so typing replaces it). */
async function find(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+k');
  await expect.poll(() => page.evaluate<string | null>("document.activeElement?.getAttribute('data-test') ?? null")).toBe('finder-input');
  await page.keyboard.type(text);
}

async function rowIds(page: Page): Promise<string[]> {
  return rows(page).evaluateAll((list) => list.map((r) => r.getAttribute('data-case-id') ?? ''));
}

/**
 * The desk's case finder in Chromium, used as a person uses it: Ctrl+K, typing, arrows, Enter.
 * The closed case was closed three days ago, so no window holds it (its snapshot has open and
 * recently ended cases only) and it is in none of the dispatcher's queues: the detail pane
 * must fetch it.
 */
describe('finding any case from the masthead', () => {
  let desk: RunningWebDesk;
  let browser: Browser;
  let dispatcher: QueueWindow;
  let closed: CaseState;
  let open: CaseState;
  let offsetMs = -3 * DAY_MS;

  async function reportAt(grid: UnitGrid, categoryCode: string, description: string, address: string): Promise<CaseState> {
    const answer = await desk.parts.service.report({ categoryCode, channel: 'hotline', description, gridCode: grid.code, address }, INTAKE);
    if (!answer.ok) throw new Error(answer.code);
    return answer.state;
  }

  beforeAll(async () => {
    desk = (await startQueueDesk({ deadlines: false, clock: () => new Date(Date.now() + offsetMs) })).desk;
    const grids = desk.parts.district.district.grids;
    const g = grids[50] as UnitGrid;
    const supervisor: Actor = { userId: g.supervisorId, role: 'supervisor' };
    // Three days ago: a garbage pile, handled by sanitation, verified on site, closed.
    let c = await reportAt(g, 'E0101', '胡同口暴露垃圾，气味很大', '东四北大街 307 号院门口');
    c = await run(desk, c.id, 'register', INTAKE);
    c = await run(desk, c.id, 'dispatch', DISPATCHER, { leadDepartmentId: 'sanitation' });
    c = await run(desk, c.id, 'accept', handlerOf('sanitation'));
    c = await run(desk, c.id, 'feedback', handlerOf('sanitation'), { result: '已清运', photoIds: [] });
    c = await run(desk, c.id, 'sendToVerify', INTAKE);
    c = await run(desk, c.id, 'verify', supervisor, { passed: true });
    closed = await run(desk, c.id, 'close', INTAKE);
    // Today: another problem on the same street, still open.
    offsetMs = 0;
    open = await reportAt(grids[700] as UnitGrid, 'C0112', '路灯不亮，晚上很黑', '东四北大街 12 号');
    browser = await launchChromium();
    dispatcher = await openQueue(browser, desk, 'dispatcher-1');
    await mkdir(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.close();
  });

  it('opens a closed case by its typed number with Ctrl+K and Enter, fetching it on demand', async () => {
    const page = dispatcher.page;
    expect(closed.stage).toBe('closed');
    // No queue of this window lists it, and the window holds no copy of it.
    expect(await page.locator(`[data-test="case-row"][data-case-id="${closed.id}"]`).count()).toBe(0);

    await find(page, closed.number);
    await expect.poll(() => rowIds(page)).toEqual([closed.id]);
    const first = rows(page).first();
    expect(await first.textContent()).toContain(closed.number);
    expect(await first.textContent()).toContain('已结案');
    expect(await first.textContent()).toContain('东四北大街 307 号院门口');
    expect(await first.textContent()).toContain('结案');
    await page.screenshot({ path: join(screenshots, 'case-search-number.png') });

    await page.keyboard.press('Enter');
    await expect.poll(() => detail(page).getAttribute('data-case-id')).toBe(closed.id);
    await expect.poll(() => detail(page).getAttribute('data-stage')).toBe('closed');
    expect(await detail(page).locator('[data-test="case-number"]').textContent()).toBe(closed.number);
    await results(page).waitFor({ state: 'detached' });
    // Its trail came with it: the whole loop, closed at the end.
    await expect.poll(async () => (await detail(page).textContent()) ?? '').toContain('胡同口暴露垃圾');
    await page.screenshot({ path: join(screenshots, 'case-search-closed-case.png') });
    expect(dispatcher.problems).toEqual([]);
  });

  it('finds it by its address too, newest first, chosen with the arrow keys', async () => {
    const page = dispatcher.page;
    await page.locator('[data-test="queue-view"] h2').click();
    await find(page, '东四北大街');
    await expect.poll(() => rowIds(page)).toEqual([open.id, closed.id]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => rows(page).nth(1).getAttribute('aria-selected')).toBe('true');
    await page.screenshot({ path: join(screenshots, 'case-search-dropdown.png') });
    // Esc folds the rows away and leaves the box; the case shown does not change.
    await page.keyboard.press('Escape');
    await results(page).waitFor({ state: 'detached' });

    // Open the newer one first, then come back to the closed one by address, with ↑ from the box.
    await find(page, '东四北大街 12');
    await expect.poll(() => rowIds(page)).toEqual([open.id]);
    await page.keyboard.press('Enter');
    await expect.poll(() => detail(page).getAttribute('data-case-id')).toBe(open.id);

    await find(page, '东四北大街');
    await expect.poll(() => rowIds(page)).toEqual([open.id, closed.id]);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect.poll(() => detail(page).getAttribute('data-case-id')).toBe(closed.id);
    // (Fetched again: the window holds no copy of a case closed days ago.)
    await expect.poll(() => detail(page).getAttribute('data-stage')).toBe('closed');
  });

  it('says so when nothing is found, and when the text is refused', async () => {
    const page = dispatcher.page;
    await find(page, '没有这样的胡同');
    const message = page.locator('[data-test="finder-message"]');
    await expect.poll(async () => (await message.textContent()) ?? '').toContain('没有找到与“没有这样的胡同”相符的案卷');
    expect(await rows(page).count()).toBe(0);

    await find(page, '街'.repeat(101));
    await expect.poll(async () => (await message.textContent()) ?? '').toContain('请输入 1–100 个字');
    await page.keyboard.press('Enter');
    // Nothing opened: the closed case is still the one shown.
    expect(await detail(page).getAttribute('data-case-id')).toBe(closed.id);
    await page.keyboard.press('Escape');
  });

  it('the visible button finds too; a department finds none of another department\'s cases', async () => {
    const roads = await openQueue(browser, desk, 'handler-roads');
    const page = roads.page;
    await page.locator('[data-test="finder-button"]').click();
    await page.keyboard.type(closed.number);
    await expect.poll(async () => (await page.locator('[data-test="finder-message"]').textContent()) ?? '').toContain('没有找到');
    expect(await rows(page).count()).toBe(0);
    await roads.context.close();

    // Sanitation led it: its handler finds it.
    const sanitation = await openQueue(browser, desk, 'handler-sanitation');
    await find(sanitation.page, closed.number.toLowerCase());
    await expect.poll(() => rowIds(sanitation.page)).toEqual([closed.id]);
    await sanitation.page.keyboard.press('Enter');
    await expect.poll(() => detail(sanitation.page).getAttribute('data-stage')).toBe('closed');

    // From another view of the web desk, the case opens in the queue's detail pane.
    await sanitation.page.locator('.view-tabs a[href="#/video"]').click();
    await sanitation.page.locator('[data-test="queue-view"]').waitFor({ state: 'detached' });
    await find(sanitation.page, '东四北大街 307');
    await expect.poll(() => rowIds(sanitation.page)).toEqual([closed.id]);
    await sanitation.page.keyboard.press('Enter');
    await expect.poll(() => sanitation.page.evaluate<string>('location.hash')).toMatch(/^#\/queue/);
    await expect.poll(() => detail(sanitation.page).getAttribute('data-case-id')).toBe(closed.id);
    expect(sanitation.problems).toEqual([]);
    await sanitation.context.close();
  });
});
