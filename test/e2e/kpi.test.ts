import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src-renderer/features/kpi/csv';
import { projectRoot } from '../../src-server/renderer-build';
import type { RunningWebDesk } from '../../src-server/web-desk';
import { launchChromium } from './support/browser';
import { boardSettled, liveCharts, openKpiBoard } from './support/kpi-board';
import { startQueueDesk } from './support/queue-desk';
import { typeDate } from './support/keyboard';

const screenshots = join(projectRoot(), 'test-results', 'screenshots');

describe('KPI board in Chromium after a simulated day', () => {
  let desk: RunningWebDesk;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    // A struggling centre: late and supervised cases, modest satisfaction — what a board must show honestly.
    const started = await startQueueDesk({ simulator: { seed: 2026, profile: 'struggling', ratePerDay: 3000, speed: 1, backfillHours: 30, centre: true } });
    desk = started.desk;
    browser = await launchChromium();
    ({ context, page, problems } = await openKpiBoard(browser, desk));
    await mkdir(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await desk?.close();
  });

  it('shows the balanced indicators side by side with real figures, and the panels', async () => {
    // The simulated day spans two Beijing dates whatever the hour: show both (a custom period).
    const beijingDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
    await page.locator('[data-period="custom"]').click();
    await typeDate(page.locator('[data-test="period-from"]'), beijingDay(Date.now() - 30 * 3_600_000));
    await typeDate(page.locator('[data-test="period-to"]'), beijingDay(Date.now()));
    await page.locator('[data-test="period-apply"]').click();
    await page.waitForTimeout(100);
    await boardSettled(page);
    const cards = page.locator('[data-test="kpi-card"]');
    expect(await cards.count()).toBe(8);
    const counts = await page.$$eval('[data-test="kpi-counts"]', (els) => els.map((e) => e.textContent ?? ''));
    const denominators = counts.map((c) => Number(c.split('/')[1]));
    expect(denominators.filter((d) => d > 0).length).toBeGreaterThanOrEqual(6);
    // A figure is never shown without how it was made.
    for (const c of counts) expect(c).toMatch(/^\d+ \/ \d+$/);
    await cards.first().click();
    expect(await page.locator('[data-test="kpi-definition"]').textContent()).toContain('按期结案数');
    await cards.first().click();
    expect(await page.locator('[data-test="ranking-row"]').count()).toBeGreaterThan(5);
    expect(await page.locator('[data-test="overdue-panel"] [data-test="kpi-case-row"]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-test="chart"] canvas').count()).toBe(3);
    expect(await liveCharts(page)).toBe(3);
    await page.waitForTimeout(600); // chart animations
    await page.screenshot({ path: join(screenshots, 'kpi-board.png') });
  });

  it('drills down from the district to a street, a community, a grid and a case', async () => {
    const board = page.locator('[data-test="kpi-board"]');
    const places = (panel: string) => page.$$eval(`[data-test="${panel}"] [data-test="kpi-case-row"] td:nth-child(3)`, (els) => els.map((e) => e.textContent?.trim() ?? ''));
    const districtOverdue = Number((await page.locator('[data-test="overdue-panel"] h3').textContent())?.split('·')[1]);
    for (const level of ['street', 'community', 'grid']) {
      const row = page.locator('[data-test="drill-panel"] [data-test="ranking-row"]').first();
      const name = (await row.locator('.name').textContent())?.trim() ?? '';
      await row.click();
      await page.locator(`[data-test="kpi-board"][data-level="${level}"][data-loading="false"]`).waitFor({ timeout: 30_000 });
      expect(await board.getAttribute('data-level')).toBe(level);
      // Every panel follows the drill step: the lists show only its cases.
      if (level === 'street') {
        const overdue = Number((await page.locator('[data-test="overdue-panel"] h3').textContent())?.split('·')[1]);
        expect(overdue).toBeLessThan(districtOverdue);
        for (const place of [...(await places('overdue-panel')), ...(await places('supervised-panel'))]) expect(place.startsWith(`${name} · `), place).toBe(true);
      }
      if (level === 'community') {
        for (const place of [...(await places('overdue-panel')), ...(await places('supervised-panel'))]) expect(place.endsWith(` · ${name}`), place).toBe(true);
      }
    }
    expect(await page.locator('[data-test="drill-path"] button').count()).toBe(4);
    const caseRow = page.locator('[data-test="drill-panel"] [data-test="kpi-case-row"]').first();
    await caseRow.waitFor({ timeout: 15_000 });
    const caseId = await caseRow.getAttribute('data-case-id');
    await caseRow.click();
    await page.locator('[data-test="kpi-case-detail"]').waitFor();
    await page.locator('[data-test="kpi-case-detail"] [data-test="case-header"], [data-test="kpi-case-detail"] h2, [data-test="kpi-case-detail"] h3').first().waitFor();
    expect(caseId).toBeTruthy();
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(screenshots, 'kpi-drilldown.png') });
    await page.locator('[data-test="kpi-case-close"]').click();
    await page.locator('[data-test="drill-path"] button').first().click();
    await page.locator('[data-test="kpi-board"][data-level="district"][data-loading="false"]').waitFor();
  });

  it('exports a ranking as CSV with a BOM that parses back to the table on screen', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="drill-panel"] [data-test="export-csv"]').click()]);
    const path = await download.path();
    const bytes = await readFile(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8'));
    expect(rows[0]?.[1]).toBe('名称');
    const onScreen = await page.$$eval('[data-test="drill-panel"] [data-test="ranking-row"] .name', (els) => els.map((e) => e.textContent?.trim() ?? ''));
    expect(rows.slice(1).map((r) => r[1])).toEqual(onScreen);
    for (const r of rows.slice(1)) expect(Number(r[4])).toBeGreaterThanOrEqual(Number(r[3]));
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
  });

  it('exports every table as XLSX: one named sheet, the rows on screen, numbers as numbers, Chinese intact', async () => {
    const download = async (selector: string) => {
      const [d] = await Promise.all([page.waitForEvent('download'), page.locator(selector).click()]);
      expect(d.suggestedFilename()).toMatch(/\.xlsx$/);
      const sheets = await readXlsxFile(await readFile(await d.path()));
      expect(sheets).toHaveLength(1);
      return sheets[0] as { sheet: string; data: unknown[][] };
    };
    // The street ranking, against the table on screen.
    const ranking = await download('[data-test="drill-panel"] [data-test="export-xlsx"]');
    expect(ranking.sheet).toBe('街道排名');
    expect(ranking.data[0]?.slice(0, 2)).toEqual(['名次', '名称']);
    const onScreen = await page.$$eval('[data-test="drill-panel"] [data-test="ranking-row"]', (rows) =>
      rows.map((r) => {
        const [num, den] = (r.querySelector('td:nth-child(4)')?.textContent ?? '').split('/').map(Number);
        return [r.querySelector('.name')?.textContent?.trim() ?? '', num, den];
      }),
    );
    expect(onScreen.length).toBeGreaterThan(5);
    expect(ranking.data.slice(1).map((r) => [r[1], r[3], r[4]])).toEqual(onScreen);
    ranking.data.slice(1).forEach((r, i) => {
      expect(r[0]).toBe(i + 1);
      expect(typeof r[2] === 'number' || r[2] === null).toBe(true);
    });
    // The overdue list: case numbers as on screen, lateness in minutes as a number.
    const overdue = await download('[data-test="overdue-panel"] [data-test="export-xlsx"]');
    expect(overdue.sheet).toBe('超期案件');
    const numbers = await page.$$eval('[data-test="overdue-panel"] [data-test="kpi-case-row"] td.number', (els) => els.map((e) => e.firstChild?.textContent?.trim() ?? ''));
    expect(numbers.length).toBeGreaterThan(0);
    expect(overdue.data.slice(1).map((r) => r[0])).toEqual(numbers);
    for (const r of overdue.data.slice(1)) expect(typeof r[4]).toBe('number');
    // The indicator cards: eight rows, their definitions in Chinese.
    const cards = await download('[data-test="kpi-cards"] [data-test="export-xlsx"]');
    expect(cards.data.slice(1)).toHaveLength(8);
    expect(String(cards.data[1]?.[4])).toContain('按期结案数');
    // Every other table on the board has its XLSX button next to its CSV one.
    expect(await page.locator('[data-test="export-xlsx"]').count()).toBe(await page.locator('[data-test="export-csv"]').count());
  });

  it('exports a chart as PNG', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="export-png"]').first().click()]);
    const bytes = await readFile(await download.path());
    expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('offers hourly trends up to a week only: longer periods read by day', async () => {
    // This month (the whole calendar month, however early in it we are): longer than a week.
    await page.locator('[data-period="month"]').click();
    await page.waitForTimeout(100);
    await boardSettled(page);
    const hourly = page.locator('[data-test="trend-bucket-hour"]');
    expect(await hourly.isDisabled()).toBe(true);
    expect(await hourly.getAttribute('title')).toContain('7');
    expect(await page.locator('[data-test="trend-bucket-day"]').getAttribute('class')).toContain('active');
    expect(await page.locator('[data-test="kpi-failure"]').count()).toBe(0);
  });

  it('disposes every chart when the board is left', async () => {
    expect(await liveCharts(page)).toBe(3);
    await page.evaluate("window.location.hash = '#/queue'");
    await page.locator('[data-test="queue-view"]').waitFor();
    expect(await liveCharts(page)).toBe(0);
    expect(problems).toEqual([]);
  });
});
