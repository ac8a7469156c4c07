import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseState } from '../../src-shared/domain/case';
import { runAdmin } from '../../src-server/accounts/admin';
import { projectRoot } from '../../src-server/renderer-build';
import { startWebDesk, type RunningWebDesk } from '../../src-server/web-desk';
import { launchChromium } from './support/browser';
import { testRenderer } from './support/test-renderer';

const screenshots = join(projectRoot(), 'test-results', 'screenshots');
const PASSWORD = '胡同口的老槐树2026';

/**
 * A centre outside demo mode: its administrator created an account with `npm run admin`; the
 * person opens the desk in Chromium, types a username and password, presses Enter and sees their
 * queue. Typing only, as a person does.
 */
describe('signing in with a password in Chromium (demo off)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'grid-sign-in-'));
  let desk: RunningWebDesk;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let reported: CaseState;
  const problems: string[] = [];

  beforeAll(async () => {
    const { rendererDir, buildMs } = await testRenderer();
    if (buildMs !== null) console.info(`renderer built in ${buildMs} ms`);
    // The CLI's own functions, on the data folder the service then opens.
    const out: string[] = [];
    const code = await runAdmin(
      ['create-user', '--username', 'chen.intake', '--name', '陈受理', '--role', 'intake', '--password-stdin', '--data', dataDir],
      { out: (t) => out.push(t), err: (t) => out.push(t), readPassword: async () => PASSWORD },
      {},
    );
    if (code !== 0) throw new Error(out.join(''));
    desk = await startWebDesk({
      host: '127.0.0.1',
      port: 0,
      rendererDir,
      logger: pino({ level: 'silent' }),
      storage: { kind: 'sqlite', file: join(dataDir, 'cases.db') },
      demo: false,
      deadlines: false,
    });
    const grid = desk.parts.district.district.grids[7];
    if (!grid) throw new Error('no grid');
    const answer = await desk.parts.service.report(
      { categoryCode: 'E0101', channel: 'hotline', description: '东四十条胡同口垃圾堆放', lon: grid.centroid[0], lat: grid.centroid[1] },
      { userId: 'intake-1', role: 'intake' },
    );
    if (!answer.ok) throw new Error(answer.code);
    reported = answer.state;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    page = await context.newPage();
    page.on('pageerror', (e) => problems.push(e.message));
    await mkdir(screenshots, { recursive: true });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await desk?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const error = () => page.locator('[data-test="sign-in-error"]');

  it('shows the sign-in page, not the queue, and says so when a demo user is asked for', async () => {
    await page.goto(`${desk.origin}/#/queue?as=dispatcher-1`);
    await page.locator('[data-test="sign-in"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-test="case-row"]').count()).toBe(0);
    expect(await error().getAttribute('data-code')).toBe('DEMO_SIGN_IN_OFF');
    expect(await error().textContent()).toBe('演示登录（?as=）仅在演示模式下可用，请用账号密码登录');
    await page.goto(`${desk.origin}/#/queue`);
    await page.reload();
    await page.locator('[data-test="sign-in"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-test="sign-in"] h2').textContent()).toBe('登录');
    expect(await error().count()).toBe(0);
    expect(await page.locator('[data-test="connection"]').getAttribute('data-state')).toBe('signedOut');
    await page.screenshot({ path: join(screenshots, 'sign-in-empty.png') });
  });

  it('a wrong password shows the one message for a wrong username or password, under the form', async () => {
    // The username field has the focus when the page opens.
    await page.keyboard.type('chen.intake');
    await page.keyboard.press('Tab');
    await page.keyboard.type('not my password');
    await page.keyboard.press('Enter');
    await error().waitFor();
    expect(await error().textContent()).toBe('用户名或密码不正确');
    expect(await error().getAttribute('data-code')).toBe('SIGN_IN_FAILED');
    await page.screenshot({ path: join(screenshots, 'sign-in-error.png') });
  });

  it('the right password, typed and Enter, opens the queue with the person named in the top bar', async () => {
    // The password field was emptied after the refusal; the username stayed.
    await page.locator('[data-test="sign-in-password"]').click();
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.locator('[data-test="connection"][data-state="live"]').waitFor({ timeout: 30_000 });
    await page.locator(`[data-test="case-row"][data-case-id="${reported.id}"]`).waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-test="signed-in-as"]').textContent()).toBe('当前用户：陈受理');
    expect(await page.locator('[data-test="sign-in"]').count()).toBe(0);
    await page.screenshot({ path: join(screenshots, 'sign-in-queue.png') });
  });

  it('signing out returns to the sign-in page and ends the session at the service', async () => {
    await page.locator('[data-test="sign-out"]').click();
    await page.locator('[data-test="sign-in"]').waitFor();
    await expect.poll(async () => Number((await desk.parts.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM sessions WHERE revoked_at IS NULL'))?.n)).toBe(0);
    const log = await desk.parts.accounts.readAudit({});
    expect(log.ok && log.entries.map((e) => e.action)).toEqual(['account-created', 'sign-in-failed', 'sign-in', 'sign-out']);
  });

  it('a window whose account is disabled goes back to the sign-in page at once, saying why (in English too)', async () => {
    await page.locator('[data-test="sign-in-username"]').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('chen.intake');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.locator('[data-test="connection"][data-state="live"]').waitFor({ timeout: 30_000 });
    expect((await desk.parts.accounts.setEnabled('chen.intake', false, { actorId: 'admin', origin: 'test' })).ok).toBe(true);
    await error().waitFor({ timeout: 5_000 });
    expect(await error().getAttribute('data-code')).toBe('ACCOUNT_DISABLED');
    expect(await error().textContent()).toBe('该账号已停用，请联系系统管理员');
    await page.getByRole('button', { name: 'EN' }).click();
    expect(await error().textContent()).toBe('This account is disabled; ask the administrator');
    expect(await page.locator('[data-test="sign-in"] h2').textContent()).toBe('Sign in');
    await page.screenshot({ path: join(screenshots, 'sign-in-disabled-en.png') });
    expect(problems).toEqual([]);
  });
});
