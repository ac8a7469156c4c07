import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';
import type { RunningWebDesk } from '../../../src-server/web-desk';

/** Chromium that plays video without a click (a wall has nobody to click each tile). */
export function launchVideoChromium(): Promise<Browser> {
  return launchChromium(['--autoplay-policy=no-user-gesture-required']);
}

/** The video wall signed in as `as`, live, with its camera list loaded. */
export async function openVideoWall(browser: Browser, desk: RunningWebDesk, as = 'dispatcher-1', viewport = { width: 1600, height: 900 }): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
  await page.goto(`${desk.origin}/#/video?as=${as}`);
  await page.locator('[data-test="connection"][data-state="live"]').waitFor({ timeout: 30_000 });
  await page.locator('[data-test="camera-item"]').first().waitFor({ state: 'attached', timeout: 30_000 });
  return { page, problems };
}

/**
 * A second window of the same desk kept open to post on the desk bus many times (the soak posts
 * every 10 s; a fresh window per message would measure window churn, not the wall).
 */
export async function openDeskBusSender(page: Page): Promise<{ post(message: Record<string, unknown>): Promise<void>; close(): Promise<void> }> {
  const sender = await page.context().newPage();
  await sender.goto(`${new URL(page.url()).origin}/favicon.svg`);
  // Strings, not functions: these run in the page, and this project's test code has no DOM types.
  await sender.evaluate("window.deskBus = new BroadcastChannel('grid-desk-bus'); true");
  return {
    post: (message) => sender.evaluate(`window.deskBus.postMessage(${JSON.stringify({ from: 'e2e-sender', message })})`),
    close: () => sender.close(),
  };
}

/** Another window of the same desk posts on the desk bus (BroadcastChannel, same origin and profile). */
export async function postOnDeskBus(page: Page, message: Record<string, unknown>): Promise<void> {
  const sender = await page.context().newPage();
  await sender.goto(`${new URL(page.url()).origin}/favicon.svg`);
  await sender.evaluate((m) => {
    const channel = new BroadcastChannel('grid-desk-bus');
    channel.postMessage({ from: 'e2e-sender', message: m });
    channel.close();
  }, message);
  await sender.close();
}

export interface TilePlayback {
  cameraId: string;
  health: string;
  currentTime: number;
  frames: number;
  dropped: number;
}

/** A page that evaluates expressions: Playwright's, or the soaks' bare page (test/bench/bare-page.ts). */
export interface EvaluatesInPage {
  evaluate<T>(expression: string): Promise<T>;
}

/** What each visible tile's <video> reports. */
export function tilePlayback(page: EvaluatesInPage): Promise<TilePlayback[]> {
  // A string, not a function: it runs in the page, and this project's test code has no DOM types.
  return page.evaluate<TilePlayback[]>(`[...document.querySelectorAll('[data-test="video-tile"]')].map((tile) => {
    const video = tile.querySelector('video');
    const q = video ? video.getVideoPlaybackQuality() : undefined;
    return {
      cameraId: tile.getAttribute('data-camera-id') ?? '',
      health: tile.getAttribute('data-health') ?? '',
      currentTime: video ? video.currentTime : 0,
      frames: q ? q.totalVideoFrames : 0,
      dropped: q ? q.droppedVideoFrames : 0,
    };
  })`);
}

export function liveHlsInstances(page: Page): Promise<number> {
  return page.evaluate<number>('window.gridVideo?.liveHlsInstances() ?? -1');
}

/** Clicks the middle of a tile (its picture, clear of the overlay buttons): the operator selects it. */
export async function selectTile(page: Page, index: number): Promise<void> {
  await page.locator(`[data-test="video-tile"][data-tile="${index}"]`).click();
}

export interface WallCounts {
  /** Tiles the layout shows. */
  tiles: number;
  /** Of those, tiles with a camera on them. */
  withCamera: number;
  /** hls.js instances alive in the page. */
  players: number;
  /** <video> elements in the document. */
  videos: number;
}

export function wallCounts(page: EvaluatesInPage): Promise<WallCounts> {
  return page.evaluate<WallCounts>(`(() => {
    const tiles = [...document.querySelectorAll('[data-test="video-tile"]')];
    return {
      tiles: tiles.length,
      withCamera: tiles.filter((t) => t.getAttribute('data-camera-id')).length,
      players: window.gridVideo ? window.gridVideo.liveHlsInstances() : -1,
      videos: document.querySelectorAll('video').length,
    };
  })()`);
}

/**
 * Another window of the same desk that records every message posted on the desk bus (what the
 * queue and the map would follow), to check what this window selects.
 */
export async function listenOnDeskBus(page: Page): Promise<{ heard(): Promise<Record<string, unknown>[]>; close(): Promise<void> }> {
  const listener = await page.context().newPage();
  await listener.goto(`${new URL(page.url()).origin}/favicon.svg`);
  // Strings, not functions: these run in the page, and this project's test code has no DOM types.
  await listener.evaluate("window.heard = []; window.deskBus = new BroadcastChannel('grid-desk-bus'); window.deskBus.onmessage = (e) => window.heard.push(e.data.message); true");
  return {
    heard: () => listener.evaluate<Record<string, unknown>[]>('window.heard'),
    close: () => listener.close(),
  };
}
