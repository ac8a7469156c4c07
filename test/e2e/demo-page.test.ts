import { readdirSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRendererDir, projectRoot } from '../../src-server/renderer-build';
import type { RunningWebDesk } from '../../src-server/web-desk';
import { launchChromium } from './support/browser';
import { startBuiltWebDesk } from './support/web-desk';

const screenshots = join(projectRoot(), 'test-results', 'screenshots');

describe('demo page in Chromium (web desk)', () => {
  let desk: RunningWebDesk;
  let browser: Browser;
  let page: Page;
  // Console errors include CSP refusals, which would otherwise fail silently in a page.
  const pageProblems: string[] = [];

  beforeAll(async () => {
    // The product's own build (out/renderer), not the test build with its window hooks.
    const started = await startBuiltWebDesk({ probes: false });
    desk = started.desk;
    if (started.buildMs !== null) console.info(`renderer built in ${started.buildMs} ms`);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN' });
    page.on('console', (message) => {
      if (message.type() === 'error') pageProblems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => pageProblems.push(`page: ${error.message}`));
    await mkdir(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.close();
  });

  // Every view is real now (the duty screen was the last placeholder): the shell is checked on it.
  it('opens a view (#/duty) in Chinese under the centre’s masthead, live', async () => {
    await page.goto(`${desk.origin}/#/duty`);
    await page.locator('[data-test="duty-view"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-test="view-name"]').textContent()).toBe('应急值班');
    expect(await page.locator('h1').textContent()).toBe('东城区网格化城市管理指挥中心');
    // The window's socket is connected and in sync with the case service.
    await expect.poll(() => page.locator('[data-test="connection"]').getAttribute('data-state')).toBe('live');
    // No case in this desk: the duty officer's board says so, in the window's language.
    await expect.poll(() => page.locator('[data-test="duty-board-empty"]').textContent()).toBe('当前没有紧急案卷');
    await page.screenshot({ path: join(screenshots, 'demo-duty.png') });
  });

  it('switches to English', async () => {
    await page.locator('[data-test="locale-en"]').click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Dongcheng Grid Command Centre');
    expect(await page.locator('[data-test="view-name"]').textContent()).toBe('Emergency duty');
    expect(await page.locator('[data-test="duty-board-empty"]').textContent()).toBe('No urgent cases right now');
    expect(await page.locator('[data-test="connection"]').textContent()).toContain('Live');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.screenshot({ path: join(screenshots, 'demo-duty-en.png') });
  });

  it('follows the hash to another view and keeps the language', async () => {
    await page.locator('nav a[href="#/video"]').click();
    await expect.poll(() => page.locator('[data-test="view-name"]').textContent()).toBe('Cameras');
    expect(page.url()).toMatch(/#\/video$/);
    await page.locator('[data-test="video-wall"]').waitFor();
    expect(await page.locator('[data-test="duty-view"]').count()).toBe(0);

    // An unknown view falls back to the queue instead of a blank window.
    await page.goto(`${desk.origin}/#/nowhere`);
    await expect.poll(() => page.url()).toMatch(/#\/queue$/);
    expect(await page.locator('[data-test="view-name"]').textContent()).toBe('Case queue');
  });

  it('carries none of the test hooks: not on the window of any view, not in a script', async () => {
    const hooks = ['gridMap', 'gridWall', 'gridVideo', '__kpiLiveCharts'];
    for (const view of ['map', 'wall', 'video', 'kpi']) {
      await page.goto(`${desk.origin}/#/${view}`);
      await page.waitForTimeout(2_000);
      expect(await page.evaluate((names) => names.filter((n) => n in globalThis), hooks)).toEqual([]);
    }
    const assets = join(defaultRendererDir(projectRoot()), 'assets');
    const scripts = readdirSync(assets).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(5);
    // The map bench's entity baseline is a test-only chunk too.
    expect(scripts.filter((f) => f.startsWith('entity-baseline'))).toEqual([]);
    const carrying = scripts.filter((f) => hooks.some((h) => readFileSync(join(assets, f), 'utf8').includes(h)));
    expect(carrying).toEqual([]);
  });

  it('ran without page errors or CSP refusals', () => {
    expect(pageProblems).toEqual([]);
  });
});
