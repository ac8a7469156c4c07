import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Camera } from '../../../src-shared/district/types';
import { metresBetween } from '../../../src-shared/geo/view-wedge';
import { DEMO_INTAKE_KEY } from '../../../src-server/config';
import { cameraPlace } from '../../../src-server/intake/camera-alerts';
import type { RunningWebDesk } from '../../../src-server/web-desk';

/**
 * Helpers for the duty screen's e2e: the camera gateway's alert (with the demo key, as
 * `npm run serve` accepts it), a camera whose scene holds a few others, and desk windows that
 * record their problems and every request they make (nothing may leave loopback).
 */
export { DEMO_INTAKE_KEY };

/** Loopback, or data/blob URLs the page makes itself: anything else would leave the machine. */
export const LOCAL = /^(?:(?:https?|wss?):\/\/(?:127\.0\.0\.1|localhost)(?::\d+)?\/|data:|blob:)/;

export async function cameraAlert(desk: RunningWebDesk, alert: { cameraId: string; kind: string; detectedAt: string; confidence?: number; snapshot?: string }): Promise<{ ok: true; caseId: string; number: string; stage: string } | { ok: false; code: string }> {
  const response = await fetch(`${desk.origin}/api/intake/camera-alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': DEMO_INTAKE_KEY },
    body: JSON.stringify(alert),
  });
  return (await response.json()) as { ok: true; caseId: string; number: string; stage: string } | { ok: false; code: string };
}

/**
 * A camera whose alert lands on the camera itself and whose scene (radius) holds `min`–`max`
 * cameras, itself included: enough to see several open on the wall, few enough for one 2×2 page.
 */
export function sceneCamera(desk: RunningWebDesk, radiusMetres: number, min = 2, max = 3): { camera: Camera; scene: string[] } {
  const cameras = desk.parts.district.district.cameras;
  for (const camera of cameras) {
    const place = cameraPlace(camera, desk.parts.district);
    if (!('lon' in place)) continue;
    const scene = cameras
      .map((c) => ({ id: c.id, d: metresBetween([place.lon, place.lat], [c.lon, c.lat]) }))
      .filter((c) => c.d <= radiusMetres)
      .sort((a, b) => a.d - b.d)
      .map((c) => c.id);
    if (scene.length >= min && scene.length <= max) return { camera, scene };
  }
  throw new Error(`no camera with ${min}–${max} cameras within ${radiusMetres} m`);
}

export interface DeskPage {
  page: Page;
  problems: string[];
}

/** A page of a desk context, logging its errors; the context's requests go into `requests`. */
export async function openDeskPage(context: BrowserContext, url: string, label: string): Promise<DeskPage> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${label} console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${label} page: ${e.message}`));
  await page.goto(url);
  await page.locator('[data-test="connection"][data-state="live"]').waitFor({ timeout: 60_000 });
  return { page, problems };
}

/** A browser context (a desk of its own: storage, desk bus) whose every request is recorded. */
export async function deskContext(browser: Browser, requests: string[], viewport = { width: 1500, height: 940 }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  context.on('request', (r) => requests.push(r.url()));
  return context;
}
