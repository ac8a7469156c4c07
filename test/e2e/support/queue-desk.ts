import { pino } from 'pino';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CATEGORIES } from '../../../src-shared/catalog/categories';
import type { CaseState, Channel } from '../../../src-shared/domain/case';
import type { Actor } from '../../../src-shared/domain/roles';
import { startWebDesk, type RunningWebDesk, type WebDeskOptions } from '../../../src-server/web-desk';
import { testRenderer } from './test-renderer';

/**
 * The queue's e2e and bench helpers: the built web desk with extra options (intake keys, the
 * simulator), windows signed in as a demo user, and cases driven through the service itself.
 */
export async function startQueueDesk(options: Partial<WebDeskOptions> = {}): Promise<{ desk: RunningWebDesk; buildMs: number | null }> {
  const { rendererDir, buildMs } = await testRenderer();
  const desk = await startWebDesk({
    host: '127.0.0.1',
    port: 0,
    rendererDir,
    districtDir: process.env['DISTRICT_DIR'],
    logger: pino({ level: 'silent' }),
    intake: { hotlineApiKeys: ['test-key-1234'] },
    ...options,
  });
  return { desk, buildMs };
}

export interface QueueWindow {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

/** A browser context (its own localStorage) signed in as `as`, on the queue view, live. */
export async function openQueue(browser: Browser, desk: RunningWebDesk, as: string, viewport = { width: 1600, height: 900 }): Promise<QueueWindow> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
  await page.goto(`${desk.origin}/#/queue?as=${as}`);
  await page.locator('[data-test="connection"][data-state="live"]').waitFor({ timeout: 30_000 });
  await page.locator('[data-test="queue-tab"]').first().waitFor();
  return { context, page, problems };
}

export const INTAKE: Actor = { userId: 'intake-1', role: 'intake' };
export const DISPATCHER: Actor = { userId: 'dispatcher-1', role: 'dispatcher' };

/** Normal (non-urgent) categories led by a district department, for predictable routing. */
export const NORMAL_CATEGORIES = CATEGORIES.filter((c) => c.urgency === 'normal' && c.leadDepartment !== 'street');

let nextGrid = 0;
/**
 * A new report from the grid's supervisor. Each report goes to another grid, so the service's
 * duplicate detection (same category within 50 m) never links two test reports.
 */
export async function report(desk: RunningWebDesk, description: string, categoryCode = NORMAL_CATEGORIES[0]!.code, channel: Channel = 'patrol'): Promise<CaseState> {
  const grids = desk.parts.district.district.grids;
  const grid = grids[(nextGrid++ * 211) % grids.length]!;
  // Hotline, app and camera reports are taken in by the intake desk; patrol reports come from the grid's supervisor.
  const actor: Actor = channel === 'patrol' ? { userId: grid.supervisorId, role: 'supervisor' } : INTAKE;
  const answer = await desk.parts.service.report(
    { categoryCode, channel, description, lon: grid.centroid[0], lat: grid.centroid[1], address: `${description}·测试地址` },
    actor,
  );
  if (!answer.ok) throw new Error(`report refused: ${answer.code}`);
  return answer.state;
}

let commands = 0;
export async function run(desk: RunningWebDesk, caseId: string, type: string, actor: Actor, payload: Record<string, unknown> = {}): Promise<CaseState> {
  commands += 1;
  const answer = await desk.parts.service.execute({ commandId: `e2e-queue-${process.pid}-${commands}`, caseId, type, payload }, actor);
  if (!answer.ok) throw new Error(`${type} refused: ${answer.code}`);
  return answer.state;
}

export function handlerOf(departmentId: string): Actor {
  return { userId: `handler-${departmentId}`, role: 'department', departmentId };
}

/** The ids of the rows on screen, top to bottom. */
export async function rowIds(page: Page): Promise<string[]> {
  return page.$$eval('[data-test="case-row"]', (rows) =>
    rows
      .map((r) => ({ id: r.getAttribute('data-case-id') ?? '', y: r.getBoundingClientRect().top }))
      .sort((a, b) => a.y - b.y)
      .map((r) => r.id),
  );
}

export async function count(page: Page, queue: string): Promise<number> {
  const text = await page.locator(`[data-test="queue-tab"][data-queue="${queue}"] [data-test="queue-count"]`).textContent();
  return Number(text);
}

const STREETS_AND_SPOTS = ['东四十条路口', '王府井大街北口', '南锣鼓巷中段', '交道口南大街', '雍和宫大街', '崇文门外大街', '天坛东门', '永定门外大街', '朝阳门北小街', '和平里中街'];
const CHANNELS: Channel[] = ['patrol', 'hotline', 'patrol', 'app', 'camera', 'patrol'];

/**
 * A backlog a simulated centre has not reached yet (it answers with realistic delays): reports
 * of varied categories and channels, some registered, so every desk's queue has work on screen.
 */
export async function seedBacklog(desk: RunningWebDesk, reports: number, registered: number): Promise<CaseState[]> {
  const out: CaseState[] = [];
  for (let i = 0; i < reports; i++) {
    const category = NORMAL_CATEGORIES[(i * 11) % NORMAL_CATEGORIES.length]!;
    const spot = STREETS_AND_SPOTS[i % STREETS_AND_SPOTS.length]!;
    const c = await report(desk, `${spot}${category.name.zh}，现场需处置`, category.code, CHANNELS[i % CHANNELS.length]!);
    // A report the service linked to a simulated case (same problem nearby) stays a duplicate.
    out.push(i < registered && c.stage === 'reported' ? await run(desk, c.id, 'register', INTAKE) : c);
  }
  return out;
}
