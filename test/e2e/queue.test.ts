import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseState } from '../../src-shared/domain/case';
import { projectRoot } from '../../src-server/renderer-build';
import type { RunningWebDesk } from '../../src-server/web-desk';
import { launchChromium } from './support/browser';
import { count, DISPATCHER, handlerOf, INTAKE, openQueue, report, rowIds, run, seedBacklog, startQueueDesk, type QueueWindow } from './support/queue-desk';
import { clearField, typeInto } from './support/keyboard';

const screenshots = join(projectRoot(), 'test-results', 'screenshots');
const ROW = 38;

/** Rows whose middle lies inside the list's viewport, top to bottom. */
async function visibleRowIds(page: Page): Promise<string[]> {
  return page.$eval('[data-test="case-list"]', (list) => {
    const box = list.getBoundingClientRect();
    return [...list.querySelectorAll('[data-test="case-row"]')]
      .map((r) => ({ id: r.getAttribute('data-case-id') ?? '', rect: r.getBoundingClientRect() }))
      .filter(({ rect }) => rect.top + rect.height / 2 > box.top && rect.top + rect.height / 2 < box.bottom)
      .sort((a, b) => a.rect.top - b.rect.top)
      .map((r) => r.id);
  });
}

/** The data-test of the focused element (a string expression: this file has no DOM types). */
function focused(page: Page): Promise<string | null> {
  return page.evaluate<string | null>("document.activeElement?.getAttribute('data-test') ?? null");
}

function row(page: Page, id: string) {
  return page.locator(`[data-test="case-row"][data-case-id="${id}"]`);
}

async function top(page: Page, id: string): Promise<number> {
  return (await row(page, id).boundingBox())?.y ?? Number.NaN;
}

describe('live role queues in Chromium (web desk, no simulator)', () => {
  let desk: RunningWebDesk;
  let browser: Browser;
  let dispatcher: QueueWindow;
  let intake: QueueWindow;
  const windows: QueueWindow[] = [];
  const cases = new Map<string, CaseState>();
  const remember = (c: CaseState) => (cases.set(c.id, c), c);

  beforeAll(async () => {
    const started = await startQueueDesk({ deadlines: false });
    desk = started.desk;
    if (started.buildMs !== null) console.info(`renderer built in ${started.buildMs} ms`);
    browser = await launchChromium();
    dispatcher = await openQueue(browser, desk, 'dispatcher-1');
    intake = await openQueue(browser, desk, 'intake-1');
    windows.push(dispatcher, intake);
    await mkdir(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.close();
  });

  it('shows each role its own queues, in Chinese', async () => {
    const tabs = (p: Page) => p.$$eval('[data-test="queue-tab"]', (els) => els.map((e) => e.getAttribute('data-queue')));
    expect(await tabs(dispatcher.page)).toEqual(['toDispatch', 'returned', 'requests', 'overdue', 'supervised', 'watch']);
    expect(await tabs(intake.page)).toEqual(['new', 'fedBack', 'verified', 'duplicates', 'callBacks', 'watch']);
    expect(await intake.page.locator('[data-test="queue-tab"][data-queue="new"]').textContent()).toContain('新上报');
  });

  it('loads only the queue: no map engine, charts or video player in a queue window', async () => {
    const scripts = await dispatcher.page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => e.name.split('/').pop() ?? '').filter((n) => n.endsWith('.js')),
    );
    expect(scripts.some((n) => n.startsWith('QueueView-'))).toBe(true);
    // Cesium (the map chunks), ECharts (use-chart, the KPI board) and hls.js (the tile player) wait for their views.
    expect(scripts.filter((n) => /^(MapView|WallView|DutyView|KpiBoard|VideoWall|use-chart|use-tile-player)-/.test(n))).toEqual([]);
  });

  it('lists new reports live in the intake queue and registered ones in the dispatcher queue, with counts', async () => {
    for (let i = 0; i < 40; i++) remember(await report(desk, `测试案卷 ${i} 路面破损`));
    await expect.poll(() => count(intake.page, 'new'), { timeout: 10_000 }).toBe(40);
    expect(await count(dispatcher.page, 'toDispatch')).toBe(0);
    const ids = [...cases.keys()];
    for (const id of ids.slice(0, 36)) remember(await run(desk, id, 'register', INTAKE));
    await expect.poll(() => count(dispatcher.page, 'toDispatch'), { timeout: 10_000 }).toBe(36);
    await expect.poll(() => count(intake.page, 'new')).toBe(4);
    expect(await dispatcher.page.locator('[data-test="case-row"][data-stage="registered"]').count()).toBeGreaterThan(10);
    expect(await intake.page.locator('[data-test="case-row"]').count()).toBe(4);
  });

  it('keeps the selected case and the scroll position while cases arrive and leave', async () => {
    const page = dispatcher.page;
    // Newest first: new work arrives above what the dispatcher is looking at.
    await page.locator('[data-test="queue-sort"]').selectOption('reported');
    await page.locator('[data-test="queue-sort-direction"]').click();
    await page.locator('[data-test="case-list"]').evaluate((el, y) => (el.scrollTop = y), 8 * ROW);
    await page.waitForTimeout(100);
    const before = await visibleRowIds(page);
    const picked = before[3]!;
    await row(page, picked).click();
    await expect.poll(() => row(page, picked).getAttribute('aria-selected')).toBe('true');
    const y0 = await top(page, picked);

    // Five more registered cases, all sorted above the viewport.
    for (let i = 0; i < 5; i++) {
      const c = remember(await report(desk, `新增案卷 ${i} 井盖缺失`));
      remember(await run(desk, c.id, 'register', INTAKE));
    }
    await expect.poll(() => count(page, 'toDispatch'), { timeout: 10_000 }).toBe(41);
    await page.waitForTimeout(150);
    expect(await visibleRowIds(page)).toEqual(before);
    expect(Math.abs((await top(page, picked)) - y0)).toBeLessThan(2);

    // The selected case is dispatched elsewhere: it leaves the queue but stays, dimmed, with its new stage.
    remember(await run(desk, picked, 'dispatch', DISPATCHER, { leadDepartmentId: 'sanitation' }));
    await expect.poll(() => count(page, 'toDispatch'), { timeout: 10_000 }).toBe(40);
    await expect.poll(() => row(page, picked).getAttribute('data-stage')).toBe('dispatched');
    expect(await row(page, picked).getAttribute('aria-selected')).toBe('true');
    expect(await row(page, picked).getAttribute('data-stale')).toBe('yes');
    expect(Math.abs((await top(page, picked)) - y0)).toBeLessThan(2);
    await page.screenshot({ path: join(screenshots, 'queue-dispatcher-stale-selection.png') });

    // Moving on lets it go.
    await page.keyboard.press('j');
    await expect.poll(() => row(page, picked).count()).toBe(0);
    const selected = page.locator('[data-test="case-row"][aria-selected="true"]');
    expect(await selected.count()).toBe(1);
    expect(await selected.getAttribute('data-stage')).toBe('registered');
  });

  it('filters, searches and sorts', async () => {
    const page = dispatcher.page;
    await page.locator('[data-test="case-list"]').evaluate((el) => (el.scrollTop = 0));
    const target = [...cases.values()].find((c) => c.stage === 'registered')!;
    const search = page.locator('[data-test="queue-search"]');
    await typeInto(search, target.number);
    await expect.poll(() => rowIds(page)).toEqual([target.id]);
    await typeInto(search, '井盖缺失');
    await expect.poll(async () => (await rowIds(page)).length).toBe(5);
    await clearField(search);

    await page.locator('[data-test="filter-street"]').selectOption(target.place.streetCode);
    // Wait for the filtered list itself: the unfiltered one is not empty either.
    const streetsShown = async () => [...new Set((await rowIds(page)).map((id) => cases.get(id)?.place.streetCode))];
    await expect.poll(streetsShown).toEqual([target.place.streetCode]);
    expect(await page.locator('[data-test="queue-shown"]').textContent()).toMatch(/\/ 40 件/);
    await page.locator('[data-test="queue-clear"]').click();
    await expect.poll(async () => (await rowIds(page)).length).toBeGreaterThan(20);

    await page.locator('[data-test="queue-sort"]').selectOption('street');
    await page.locator('[data-test="queue-sort-direction"]').click(); // back to ascending
    await page.waitForTimeout(100);
    const streets = (await visibleRowIds(page)).map((id) => cases.get(id)!.place.streetCode);
    expect(streets).toEqual([...streets].sort());
    await page.locator('[data-test="queue-sort"]').selectOption('deadline');
  });

  it('works from the keyboard, and shows every shortcut on ?', async () => {
    const page = intake.page;
    await page.locator('[data-test="queue-view"] h2').click();
    await page.keyboard.press('2');
    await expect.poll(() => page.locator('[data-test="queue-tab"][data-queue="fedBack"]').getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('1');
    await expect.poll(() => page.locator('[data-test="queue-tab"][data-queue="new"]').getAttribute('aria-selected')).toBe('true');
    await expect.poll(async () => (await rowIds(page)).length).toBeGreaterThanOrEqual(2);
    const ids = await rowIds(page);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await expect.poll(() => row(page, ids[1]!).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('k');
    await expect.poll(() => row(page, ids[0]!).getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('[data-test="case-detail"]').getAttribute('data-case-id')).toBe(ids[0]);

    await page.keyboard.press('s');
    await expect.poll(() => count(page, 'watch')).toBe(1);
    expect(await row(page, ids[0]!).locator('[data-test="star"]').getAttribute('aria-pressed')).toBe('true');

    // "/" goes to the search box; letters typed there are text, not commands.
    await page.keyboard.press('/');
    expect(await focused(page)).toBe('queue-search');
    await page.keyboard.type('jk');
    expect(await page.locator('[data-test="queue-search"]').inputValue()).toBe('jk');
    // (The text hides every row; the selection itself has not moved.)
    expect(await page.locator('[data-test="case-detail"]').getAttribute('data-case-id')).toBe(ids[0]);
    await clearField(page.locator('[data-test="queue-search"]'));
    await page.keyboard.press('Escape');
    expect(await row(page, ids[0]!).getAttribute('aria-selected')).toBe('true');

    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('queue-detail');

    await page.keyboard.press('?');
    const sheet = page.locator('[data-test="shortcut-sheet"]');
    await sheet.waitFor();
    // Eleven keys: moving in the list, tabs, search, star, help, close, Ctrl+K to find any case,
    // and Alt+N for a new case (this user takes calls).
    expect(await sheet.locator('dt').count()).toBe(11);
    expect(await sheet.textContent()).toContain('键盘快捷键');
    expect(await sheet.textContent()).toContain('Alt+N新建案卷');
    expect(await sheet.textContent()).toContain('Ctrl+K查找任意案卷');
    expect(await sheet.textContent()).toContain('（Alt+N / Ctrl+K 除外）');
    await page.screenshot({ path: join(screenshots, 'queue-shortcuts.png') });
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });

    // A dispatcher does not take calls: Alt+N would do nothing for them, so their sheet leaves it out.
    const other = dispatcher.page;
    await other.locator('[data-test="queue-view"] h2').click();
    await other.keyboard.press('?');
    const theirs = other.locator('[data-test="shortcut-sheet"]');
    await theirs.waitFor();
    expect(await theirs.locator('dt').count()).toBe(10);
    expect(await theirs.textContent()).not.toContain('Alt+N');
    expect(await theirs.textContent()).toContain('Ctrl+K查找任意案卷');
    expect(await theirs.textContent()).toContain('（Ctrl+K 除外）');
    await other.keyboard.press('Escape');
    await theirs.waitFor({ state: 'detached' });

    // The stars are this user's, kept across a reload.
    await page.reload();
    await page.locator('[data-test="connection"][data-state="live"]').waitFor();
    await expect.poll(() => count(page, 'watch')).toBe(1);
  });

  it('shows a department handler only its own department, live', async () => {
    const sanitation = await openQueue(browser, desk, 'handler-sanitation');
    windows.push(sanitation);
    const waiting = [...cases.values()].filter((c) => c.stage === 'registered').slice(0, 5);
    for (const [i, c] of waiting.entries()) remember(await run(desk, c.id, 'dispatch', DISPATCHER, { leadDepartmentId: i < 3 ? 'sanitation' : 'roads' }));
    const mine = [...cases.values()].filter((c) => c.leadDepartmentId === 'sanitation').map((c) => c.id);
    expect(mine).toHaveLength(4);
    await expect.poll(() => count(sanitation.page, 'toSign'), { timeout: 10_000 }).toBe(4);
    expect((await rowIds(sanitation.page)).sort()).toEqual([...mine].sort());
    const tabs = await sanitation.page.$$eval('[data-test="queue-tab"]', (els) => els.map((e) => e.getAttribute('data-queue')));
    expect(tabs).toEqual(['toSign', 'linkage', 'inHand', 'dueSoon', 'watch']);

    remember(await run(desk, mine[0]!, 'accept', handlerOf('sanitation')));
    await expect.poll(() => count(sanitation.page, 'toSign')).toBe(3);
    expect(await count(sanitation.page, 'inHand')).toBe(1);
  });

  it('follows a selection made in another window of the same desk (the desk bus)', async () => {
    // A second window of the dispatcher's desk: same browser profile, so the same BroadcastChannel.
    const second = await dispatcher.context.newPage();
    await second.goto(`${desk.origin}/#/queue?as=dispatcher-1`);
    await second.locator('[data-test="connection"][data-state="live"]').waitFor({ timeout: 30_000 });
    const ids = await rowIds(dispatcher.page);
    const target = ids[ids.length - 1] as string;
    await row(dispatcher.page, target).click();
    await expect.poll(() => second.locator('[data-test="case-detail"]').getAttribute('data-case-id')).toBe(target);
    await second.close();
  });

  it('comes back live by itself when the service lets it go, with what came in meanwhile', async () => {
    const before = await count(intake.page, 'new');
    // Every state the badge shows from now on.
    await intake.page.evaluate(`(() => {
      const badge = document.querySelector('[data-test="connection"]');
      window.__states = [];
      new MutationObserver(() => window.__states.push(badge.getAttribute('data-state'))).observe(badge, { attributes: true, attributeFilter: ['data-state'] });
    })()`);
    // The service drops every window (a restart, a network cut); cases come in while they are away.
    desk.io.disconnectSockets();
    for (let i = 0; i < 3; i++) remember(await report(desk, `断线期间上报 ${i} 井盖缺失`));
    await expect.poll(() => count(intake.page, 'new'), { timeout: 20_000 }).toBe(before + 3);
    await expect.poll(() => intake.page.locator('[data-test="connection"]').getAttribute('data-state'), { timeout: 20_000 }).toBe('live');
    // It said so while it was away, and caught up before it said "live" again.
    expect(await intake.page.evaluate<string[]>('window.__states')).toEqual(['reconnecting', 'resyncing', 'live']);
  });

  it('ran without page errors', () => {
    expect(windows.flatMap((w) => w.problems)).toEqual([]);
  });
});

describe('role queues over a simulated day (screenshots)', () => {
  let desk: RunningWebDesk;
  let browser: Browser;

  beforeAll(async () => {
    const started = await startQueueDesk({ simulator: { seed: 2004, profile: 'mature', ratePerDay: 4700, speed: 1, backfillHours: 24, centre: true } });
    desk = started.desk;
    await seedBacklog(desk, 36, 22);
    browser = await launchChromium();
    await mkdir(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.close();
  });

  async function busiest(key: (c: CaseState) => string | undefined): Promise<string> {
    const rows = await desk.parts.db.all<{ state: string }>('SELECT state FROM cases WHERE is_open = 1');
    const tally = new Map<string, number>();
    for (const r of rows) {
      const c = (typeof r.state === 'string' ? JSON.parse(r.state) : r.state) as CaseState;
      const k = key(c);
      if (k) tally.set(k, (tally.get(k) ?? 0) + 1);
    }
    return [...tally].sort((a, b) => b[1] - a[1])[0]![0];
  }

  async function shoot(as: string, file: string, queue?: string): Promise<void> {
    const w = await openQueue(browser, desk, as);
    if (queue) await w.page.locator(`[data-test="queue-tab"][data-queue="${queue}"]`).click();
    await w.page.locator('[data-test="case-row"]').first().waitFor({ timeout: 30_000 });
    const rows = w.page.locator('[data-test="case-row"]');
    console.info(`${file}: ${as}, ${await rows.count()} rows on screen, tabs ${await w.page.locator('[data-test="queue-tabs"]').innerText()}`.replace(/\s+/g, ' '));
    await rows.nth(Math.min(2, (await rows.count()) - 1)).click();
    await w.page.waitForTimeout(600);
    await w.page.screenshot({ path: join(screenshots, file) });
    expect(w.problems).toEqual([]);
    await w.context.close();
  }

  it('saves each role\'s queue', async () => {
    const gridSupervisor = new Map(desk.parts.district.district.grids.map((g) => [g.code, g.supervisorId]));
    const department = await busiest((c) => (['dispatched', 'accepted', 'rework'].includes(c.stage) ? c.leadDepartmentId : undefined));
    const supervisor = await busiest((c) => (c.stage === 'verifying' ? gridSupervisor.get(c.place.gridCode) : undefined));
    await shoot('dispatcher-1', 'queue-dispatcher.png');
    await shoot('intake-1', 'queue-intake.png');
    await shoot(`handler-${department}`, 'queue-department.png', 'inHand');
    await shoot(supervisor, 'queue-supervisor.png');
    await shoot('leader-1', 'queue-leader.png');
  });
});
