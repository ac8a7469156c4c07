import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src-server/renderer-build';
import type { RunningWebDesk } from '../../src-server/web-desk';
import { launchChromium } from './support/browser';
import { act, detail, gridFixture, hotlineTicket, openCase, openDesk, startLoopDesk, supervisorReport, testPhoto, type DeskWindow, type GridFixture } from './support/case-loop';
import { typeInto } from './support/keyboard';

const screenshots = join(projectRoot(), 'test-results', 'screenshots');
const stageOf = (page: Page) => () => detail(page).getAttribute('data-stage');

/**
 * The whole loop through the desk, as the people of the centres do it, each in their own
 * window at once: a 12345 ticket arrives → the operator registers → the dispatcher dispatches
 * (routing pre-filled) → sanitation signs and feeds back → the operator sends it to verify →
 * the grid's supervisor verifies → the operator closes. Every step shows live in the others.
 */
describe('the case loop in Chromium, several people at once', () => {
  let desk: RunningWebDesk;
  let browser: Browser;
  let grid: GridFixture;
  const w: Record<string, DeskWindow> = {};
  let caseId = '';
  let duplicateId = '';
  let photoIds: string[] = [];

  beforeAll(async () => {
    desk = await startLoopDesk();
    browser = await launchChromium();
    grid = gridFixture(0);
    await mkdir(screenshots, { recursive: true });
    const users = ['intake-1', 'dispatcher-1', 'dispatcher-2', 'handler-sanitation', 'handler-roads', grid.supervisorId, 'leader-1'];
    const opened = await Promise.all(users.map((u) => openDesk(browser, desk, u)));
    for (const d of opened) w[d.user] = d;
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.close();
  });

  const page = (user: string): Page => {
    const d = w[user];
    if (!d) throw new Error(`no window for ${user}`);
    return d.page;
  };

  it('a hotline ticket with a caller arrives over HTTP and shows up live', async () => {
    const answer = await hotlineTicket(desk, {
      ticketId: 'T-20261123-0001',
      categoryCode: 'E0101',
      description: '胡同口堆放大量生活垃圾，已有异味',
      lon: grid.lon,
      lat: grid.lat,
      address: '多福巷12号门口',
      phone: '138 1234 5678',
    });
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    caseId = answer.caseId;
    await openCase(page('intake-1'), caseId, 'new');
    expect(await detail(page('intake-1')).getAttribute('data-stage')).toBe('reported');
    expect(await page('intake-1').locator('[data-test="trail-entry"][data-type="reported"]').count()).toBe(1);
  });

  it('masks the reporter phone, and reveals it with a logged reason for the intake operator', async () => {
    const p = page('intake-1');
    await expect.poll(() => p.locator('[data-test="reporter-phone"]').textContent()).toBe('138****5678');
    await p.locator('[data-test="reveal-reporter"]').click();
    await expect.poll(() => p.locator('[data-test="reveal-form"]').textContent()).toContain('审计日志');
    await typeInto(p.locator('[data-test="reveal-reason"]'), '回访核实具体位置');
    await p.locator('[data-test="confirm-reveal"]').click();
    await expect.poll(() => p.locator('[data-test="reporter-phone"]').textContent()).toBe('138 1234 5678');
    const log = await desk.parts.db.all<{ user_id: string; action: string; detail: string }>('SELECT user_id, action, detail FROM access_log WHERE case_id = ?', [caseId]);
    expect(log).toEqual([{ user_id: 'intake-1', action: 'reveal-reporter', detail: '回访核实具体位置' }]);
  });

  it('links a repeat report of the same problem automatically, and never offers its dispatch', async () => {
    const photos = [await testPhoto([120, 110, 90]), await testPhoto([70, 140, 90])];
    const answer = await supervisorReport(desk, grid.supervisorId, {
      categoryCode: 'E0101',
      description: '巷口垃圾堆积（监督员巡查）',
      lon: grid.lon + 0.0001,
      lat: grid.lat,
      photos,
    });
    expect(answer.ok && answer.duplicateOf).toBe(caseId);
    if (!answer.ok) return;
    duplicateId = answer.caseId;
    photoIds = ((await desk.parts.service.store.loadCase(duplicateId))?.photos ?? []).map((p) => p.id);
    expect(photoIds).toHaveLength(2);
    const p = page('intake-1');
    // The primary lists its repeat live.
    await p.locator(`[data-test="duplicate-repeat"][data-case-id="${duplicateId}"]`).waitFor();
    await openCase(p, duplicateId, 'duplicates');
    expect(await detail(p).getAttribute('data-stage')).toBe('duplicate');
    expect(await p.locator('[data-test="duplicate-of"]').getAttribute('data-primary-id')).toBe(caseId);
    expect(await p.locator('button[data-test^="action-"]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-test')))).toEqual(['action-unlinkDuplicate']);
    expect(await p.locator('[data-test="photo-thumb"]').count()).toBe(2);
  });

  it('the operator registers it from the keyboard; the dispatchers see it arrive', async () => {
    const p = page('intake-1');
    await openCase(p, caseId, 'new');
    await p.locator('[data-test="action-register"] kbd').filter({ hasText: 'R' }).waitFor();
    await p.locator('body').click({ position: { x: 5, y: 5 } });
    await p.keyboard.press('r');
    await p.locator('[data-test="action-form"][data-type="register"]').waitFor();
    await p.keyboard.press('Enter');
    await expect.poll(stageOf(p)).toBe('registered');
    for (const d of ['dispatcher-1', 'dispatcher-2']) await openCase(page(d), caseId, 'toDispatch');
    // The duplicate is not in the dispatchers' work: it is never dispatched.
    expect(await page('dispatcher-1').locator(`[data-test="case-row"][data-case-id="${duplicateId}"]`).count()).toBe(0);
  });

  it('two dispatchers race on it: one wins, the other sees the conflict and the fresh state', async () => {
    const d1 = page('dispatcher-1');
    const d2 = page('dispatcher-2');
    for (const p of [d1, d2]) {
      await p.locator('[data-test="action-dispatch"]').click();
      await expect.poll(() => p.locator('[data-test="routing"]').getAttribute('data-lead')).toBe('sanitation');
    }
    expect(await d1.locator('[data-test="field-leadDepartmentId"]').inputValue()).toBe('sanitation');
    expect(await d1.locator('[data-test="routing-lead"]').textContent()).toBe('区环境卫生服务中心');
    await d1.locator('[data-test="field-assistingDepartmentIds"]').selectOption(['urban-law']);
    await typeInto(d1.locator('[data-test="field-instructions"]'), '请于今日下班前清运完毕');
    await d1.screenshot({ path: join(screenshots, 'case-detail-dispatch.png') });
    await d1.locator('[data-test="confirm-action"]').click();
    await expect.poll(stageOf(d1)).toBe('dispatched');
    // The loser's form stays on what it saw; the case moved under it.
    await d2.locator('[data-test="form-stale"]').waitFor();
    await d2.locator('[data-test="confirm-action"]').click();
    const refusal = d2.locator('[data-test="action-refusal"]');
    await expect.poll(() => refusal.textContent()).toContain('案卷已被他人更新');
    expect(await refusal.getAttribute('data-code')).toBe('VERSION_CONFLICT');
    expect(await detail(d2).getAttribute('data-stage')).toBe('dispatched');
    expect(await d2.locator('[data-test="action-dispatch"]').count()).toBe(0);
    await d2.screenshot({ path: join(screenshots, 'case-detail-conflict.png') });
    await expect.poll(stageOf(page('intake-1'))).toBe('dispatched');
  });

  it('offers nothing to a leader, and nothing to a department the case is not for', async () => {
    const leader = page('leader-1');
    await openCase(leader, caseId, 'open');
    await leader.locator('[data-test="no-actions"]').waitFor();
    expect(await leader.locator('button[data-test^="action-"]').count()).toBe(0);
    expect(await leader.locator('[data-test="reveal-reporter"]').count()).toBe(0);
    // Roads never sees sanitation's case to sign.
    const roads = page('handler-roads');
    await roads.locator('[data-test="queue-tab"][data-queue="toSign"]').click();
    expect(await roads.locator(`[data-test="case-row"][data-case-id="${caseId}"]`).count()).toBe(0);
  });

  it('sanitation signs for it and feeds back; the centres see it live', async () => {
    const h = page('handler-sanitation');
    await openCase(h, caseId, 'toSign');
    expect(await h.locator('button[data-test^="action-"]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-test')))).toEqual(['action-accept', 'action-return', 'action-attachEvidence']);
    await act(h, 'accept');
    await expect.poll(stageOf(h)).toBe('accepted');
    await expect.poll(stageOf(page('dispatcher-2'))).toBe('accepted');
    await act(h, 'feedback', async (form) => {
      await typeInto(form.locator('[data-test="field-result"]'), '已组织清运，垃圾全部清理，现场已冲洗');
    });
    await expect.poll(stageOf(h)).toBe('handled');
    await expect.poll(stageOf(page('intake-1'))).toBe('handled');
    await expect.poll(stageOf(page('dispatcher-2'))).toBe('handled');
    // Sanitation's part is done; its window closes (it may not see the supervisor's photo, which
    // belongs to the repeat report: see the check photo below).
    await w['handler-sanitation']?.context.close();
  });

  it('the operator sends it to verify, the grid supervisor verifies on site, the operator closes', async () => {
    const op = page('intake-1');
    await act(op, 'sendToVerify');
    await expect.poll(stageOf(op)).toBe('verifying');
    const sup = page(grid.supervisorId);
    await openCase(sup, caseId, 'toVerify');
    expect(await sup.locator('[data-test="reveal-reporter"]').count()).toBe(0);
    await act(sup, 'verify', async (form) => {
      await form.locator('[data-test="field-passed"]').selectOption('yes');
      await typeInto(form.locator('[data-test="field-note"]'), '现场复核，已清理干净');
      // The desk has no photo upload yet: the check photo is one the supervisor's terminal stored
      // with the repeat report (any stored photo id works the same way).
      await typeInto(form.locator('[data-test="field-photoIds"]'), photoIds[1] ?? '');
    });
    await expect.poll(stageOf(op)).toBe('verified');
    await act(op, 'close', async (form) => typeInto(form.locator('[data-test="field-note"]'), '核查通过，结案'));
    await expect.poll(stageOf(op)).toBe('closed');
    await expect.poll(stageOf(page('dispatcher-2'))).toBe('closed');
    await act(op, 'evaluate', async (form) => form.locator('[data-test="field-satisfaction"]').selectOption('satisfied'));
    await op.locator('[data-test="trail-entry"][data-type="evaluated"]').waitFor();
  });

  it('shows the closed case with its full trail, departments and photos', async () => {
    const op = page('intake-1');
    const types = await op.locator('[data-test="trail-entry"]').evaluateAll((es) => es.map((e) => e.getAttribute('data-type')));
    expect([...types].reverse()).toEqual(['reported', 'duplicateRecorded', 'registered', 'dispatched', 'accepted', 'handled', 'sentToVerify', 'verificationPassed', 'closed', 'evaluated']);
    const dispatched = await op.locator('[data-test="trail-entry"][data-type="dispatched"]').textContent();
    // The trail names people from the district's staff directory, not by their user ids.
    const dispatcherName = desk.parts.people.user('dispatcher-1')?.name ?? 'dispatcher-1';
    expect(dispatched).toContain(`${dispatcherName}（派遣员）`);
    expect(dispatched).toContain('区环境卫生服务中心');
    expect(dispatched).toContain('请于今日下班前清运完毕');
    expect(await op.locator('[data-test="department-row"]').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-department-id')))).toEqual(['sanitation', 'urban-law']);
    expect(await op.locator('[data-test="photo-thumb"]').count()).toBe(1);
    await expect.poll(() => op.locator('[data-test="photo-thumb"] img').evaluate((img) => { const i = img as unknown as { complete: boolean; naturalWidth: number }; return i.complete && i.naturalWidth > 0; })).toBe(true);
    await op.locator('[data-test="deadline-row"][data-link="handle"]').waitFor();
    expect(await op.locator('button[data-test^="action-"]').count()).toBe(0);
    // Tall enough for the whole detail of a closed case: header, deadlines, photos, the full trail.
    await op.setViewportSize({ width: 1600, height: 2150 });
    await op.screenshot({ path: join(screenshots, 'case-detail-trail.png') });
    await op.locator('[data-test="photo-thumb"]').click();
    await op.locator('[data-test="photo-large"]').waitFor();
  });

  it('ran without page errors', () => {
    const problems = Object.values(w).flatMap((d) => d.problems);
    expect(problems.join('\n')).toBe('');
  });
});
