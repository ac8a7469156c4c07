import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningWebDesk, SimulatorSettings } from '../../../src-server/web-desk';
import { startQueueDesk } from './queue-desk';

/** Loopback, or data/blob URLs the page makes itself: anything else would leave the machine. */
export const LOCAL_URL = /^(?:(?:https?|wss?):\/\/(?:127\.0\.0\.1|localhost)(?::\d+)?\/|data:|blob:)/;

/**
 * A live district for the wall: the simulator backfills enough hours to cover yesterday whole
 * (a Beijing day starts at most 24 h before now, so yesterday began less than 48 h ago), then runs.
 */
export async function startWallDesk(simulator: Partial<SimulatorSettings> = {}): Promise<RunningWebDesk> {
  const { desk } = await startQueueDesk({
    simulator: { seed: 2027, profile: 'struggling', ratePerDay: 900, speed: 1, backfillHours: 50, centre: true, ...simulator },
  });
  return desk;
}

export interface WallWindow {
  context: BrowserContext;
  page: Page;
  problems: string[];
  requests: string[];
}

/** The wall in its own context, signed in as the leader, with its map up and its first figures in. */
export async function openWall(browser: Browser, desk: RunningWebDesk, viewport: { width: number; height: number }, query = ''): Promise<WallWindow> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
  await page.goto(`${desk.origin}/#/wall?as=leader-1${query}`);
  await page.locator('[data-test="connection"][data-state="live"]').waitFor({ timeout: 60_000 });
  await page.locator('[data-test="city-map"][data-status="ready"]').waitFor({ timeout: 180_000 });
  await page.locator('[data-test="wall-kpi"]').first().waitFor({ timeout: 60_000 });
  return { context, page, problems, requests };
}

/** What the wall reports of itself (src-renderer/features/wall/wall-test-hook.ts). */
export interface WallReadings {
  charts: number;
  primitives: number;
  caseMarkers: number;
  hlsPlayers: number;
  mode: string;
  counters: { reported: number; closed: number; open: number; overdue: number } | null;
}

export function wallReadings(page: { evaluate<T>(expression: string): Promise<T> }): Promise<WallReadings> {
  return page.evaluate<WallReadings>(`(() => {
    const w = window.gridWall;
    return { charts: w.charts(), primitives: w.primitives(), caseMarkers: w.caseMarkers(), hlsPlayers: w.hlsPlayers(), mode: w.mode(), counters: w.counters() };
  })()`);
}
