import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningWebDesk } from '../../../src-server/web-desk';

/** A leader's window on the KPI board (its own context: downloads and localStorage apart). */
export async function openKpiBoard(browser: Browser, desk: RunningWebDesk, viewport = { width: 1920, height: 1080 }): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
  await page.goto(`${desk.origin}/#/kpi?as=leader-1`);
  await page.locator('[data-test="connection"][data-state="live"]').waitFor({ timeout: 30_000 });
  await boardSettled(page);
  return { context, page, problems };
}

/** Waits until the board has answered (no request in flight) and drawn its cards. */
export async function boardSettled(page: Page): Promise<void> {
  await page.locator('[data-test="kpi-board"][data-loading="false"]').waitFor({ timeout: 30_000 });
  await page.locator('[data-test="kpi-card"]').first().waitFor({ timeout: 30_000 });
}

/** The number of live ECharts instances in the page (use-chart.ts counts with getInstanceByDom). */
export function liveCharts(page: Page): Promise<number> {
  return page.evaluate<number>('window.__kpiLiveCharts ? window.__kpiLiveCharts() : -1');
}
