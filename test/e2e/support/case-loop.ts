import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import sharp from 'sharp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startWebDesk, type RunningWebDesk } from '../../../src-server/web-desk';
import { projectRoot } from '../../../src-server/renderer-build';
import { testRenderer } from './test-renderer';

/**
 * Helpers for the case-loop e2e: a web desk with HTTP intake enabled (the hotline's key), the
 * outside world's reports (a 12345 ticket with a caller, a supervisor's photo report), and desk
 * windows signed in as demo users, one browser context each.
 */
export const HOTLINE_KEY = 'e2e-hotline-key';

export async function startLoopDesk(): Promise<RunningWebDesk> {
  const { rendererDir } = await testRenderer();
  return startWebDesk({
    host: '127.0.0.1',
    port: 0,
    rendererDir,
    districtDir: process.env['DISTRICT_DIR'],
    logger: pino({ level: 'silent' }),
    intake: { hotlineApiKeys: [HOTLINE_KEY] },
  });
}

export interface GridFixture {
  code: string;
  lon: number;
  lat: number;
  supervisorId: string;
}

/** A unit grid of the loaded district (its centroid lies in it) and its supervisor. */
export function gridFixture(index = 0): GridFixture {
  const dir = process.env['DISTRICT_DIR'] ?? join(projectRoot(), 'resources', 'district');
  const district = JSON.parse(readFileSync(join(dir, 'district.json'), 'utf8')) as {
    grids: { code: string; centroid: [number, number]; supervisorId: string }[];
  };
  const g = district.grids[index];
  if (!g) throw new Error(`no grid ${index}`);
  return { code: g.code, lon: g.centroid[0], lat: g.centroid[1], supervisorId: g.supervisorId };
}

type IntakeAnswer = { ok: true; caseId: string; number: string; stage: string; duplicateOf?: string } | { ok: false; code: string };

/** A 12345 ticket handed over by the hotline system, with the caller's name and phone. */
export async function hotlineTicket(
  desk: RunningWebDesk,
  ticket: { ticketId: string; categoryCode: string; description: string; lon: number; lat: number; address?: string; phone?: string },
): Promise<IntakeAnswer> {
  const response = await fetch(`${desk.origin}/api/intake/hotline`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': HOTLINE_KEY },
    body: JSON.stringify({
      ticketId: ticket.ticketId,
      categoryCode: ticket.categoryCode,
      description: ticket.description,
      location: { lon: ticket.lon, lat: ticket.lat, ...(ticket.address ? { address: ticket.address } : {}) },
      caller: { name: '王建国', phone: ticket.phone ?? '13812345678' },
    }),
  });
  return (await response.json()) as IntakeAnswer;
}

/** A plain test photo: a coloured card with a darker block, so thumbnails differ visibly. */
export async function testPhoto(rgb: [number, number, number]): Promise<Buffer> {
  const [r, g, b] = rgb;
  const block = await sharp({ create: { width: 260, height: 160, channels: 3, background: { r: r / 3, g: g / 3, b: b / 3 } } }).png().toBuffer();
  return sharp({ create: { width: 640, height: 480, channels: 3, background: { r, g, b } } })
    .composite([{ input: block, left: 190, top: 200 }])
    .jpeg({ quality: 80 })
    .toBuffer();
}

/** A grid supervisor's report from the mobile terminal (multipart with photos). */
export async function supervisorReport(
  desk: RunningWebDesk,
  as: string,
  report: { categoryCode: string; description: string; lon: number; lat: number; photos: Buffer[] },
): Promise<IntakeAnswer> {
  const form = new FormData();
  form.set('categoryCode', report.categoryCode);
  form.set('description', report.description);
  form.set('lon', String(report.lon));
  form.set('lat', String(report.lat));
  report.photos.forEach((bytes, i) => form.append('photo', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), `p${i}.jpg`));
  const response = await fetch(`${desk.origin}/api/intake/reports`, { method: 'POST', headers: { 'x-demo-user': as }, body: form });
  return (await response.json()) as IntakeAnswer;
}

export interface DeskWindow {
  user: string;
  context: BrowserContext;
  page: Page;
  problems: string[];
}

/** A desk window signed in as a demo user, live on the case service. */
export async function openDesk(browser: Browser, desk: RunningWebDesk, user: string, size = { width: 1600, height: 1000 }): Promise<DeskWindow> {
  const context = await browser.newContext({ viewport: size, locale: 'zh-CN' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${user} console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${user} page: ${e.message}`));
  await page.goto(`${desk.origin}/#/queue?as=${encodeURIComponent(user)}`);
  await page.locator('[data-test="connection"][data-state="live"]').waitFor({ timeout: 30_000 });
  return { user, context, page, problems };
}

/**
 * Opens a case in the window's detail the way an operator does: its queue's tab, then its row
 * (`[data-test="case-row"][data-case-id]`, the queue's contract with the detail).
 */
export async function openCase(page: Page, caseId: string, queue?: string): Promise<void> {
  if (queue) await page.locator(`[data-test="queue-tab"][data-queue="${queue}"]`).click();
  await page.locator(`[data-test="case-row"][data-case-id="${caseId}"]`).click({ timeout: 15_000 });
  await page.locator(`[data-test="case-detail"][data-case-id="${caseId}"]`).waitFor();
}

export function detail(page: Page) {
  return page.locator('[data-test="case-detail"]');
}

/** Opens an action's form, fills it and confirms. */
export async function act(page: Page, type: string, fill: (form: ReturnType<Page['locator']>) => Promise<unknown> = async () => {}): Promise<void> {
  await page.locator(`[data-test="action-${type}"]`).click();
  const form = page.locator(`[data-test="action-form"][data-type="${type}"]`);
  await form.waitFor();
  await fill(form);
  await form.locator('[data-test="confirm-action"]').click();
}
