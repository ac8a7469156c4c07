import type { Locator, Page } from 'playwright-core';
import type { RunningWebDesk } from '../../../src-server/web-desk';
import { detail } from './case-loop';

/**
 * Helpers for the action-forms e2e: a case reported in a chosen grid (so the test knows its
 * supervisor), an action form opened from its button, and what the detail then shows a person:
 * the "done" note, the stage, trail lines, the latest word beside the actions, the deadlines.
 */
export interface ReportedCase {
  id: string;
  number: string;
  supervisorId: string;
}

/** A grid supervisor's patrol report in the grid at `gridIndex` of the loaded district. */
export async function reportInGrid(desk: RunningWebDesk, gridIndex: number, categoryCode: string, description: string): Promise<ReportedCase> {
  const grid = desk.parts.district.district.grids[gridIndex];
  if (!grid) throw new Error(`no grid ${gridIndex}`);
  const answer = await desk.parts.service.report(
    { categoryCode, channel: 'patrol', description, lon: grid.centroid[0], lat: grid.centroid[1], address: `${description}·测试地址` },
    { userId: grid.supervisorId, role: 'supervisor' },
  );
  if (!answer.ok) throw new Error(`report refused: ${answer.code}`);
  return { id: answer.state.id, number: answer.state.number, supervisorId: grid.supervisorId };
}

/** Clicks an action's button and waits for its form. */
export async function openForm(page: Page, type: string): Promise<Locator> {
  await page.locator(`[data-test="action-${type}"]`).click();
  const form = page.locator(`[data-test="action-form"][data-type="${type}"]`);
  await form.waitFor();
  return form;
}

/** Confirms an open form with its button and waits until it has gone (the service said yes). */
export async function confirm(form: Locator): Promise<void> {
  await form.locator('[data-test="confirm-action"]').click();
  await form.waitFor({ state: 'detached' });
}

export function field(form: Locator, name: string): Locator {
  return form.locator(`[data-test="field-${name}"]`);
}

export const stage = (page: Page) => (): Promise<string | null> => detail(page).getAttribute('data-stage');

/** The note the action bar shows once the service accepted ("立案已提交"). */
export const doneNote = (page: Page) => (): Promise<string | null> => page.locator('[data-test="action-done"]').textContent();

/** The newest trail line of an event type, as text (empty while there is none). */
export function trailLine(page: Page, type: string) {
  return async (): Promise<string> => {
    const entries = page.locator(`[data-test="trail-entry"][data-type="${type}"]`);
    return (await entries.count()) ? ((await entries.first().textContent()) ?? '') : '';
  };
}

/** The latest word of a kind beside the actions (回退原因, 延期理由, 核查未通过…), as text. */
export function latestWord(page: Page, kind: string) {
  return async (): Promise<string> => {
    const word = page.locator(`[data-test="latest-word"][data-kind="${kind}"]`);
    return (await word.count()) ? ((await word.textContent()) ?? '') : '';
  };
}

/** The handle link's deadline as the deadline panel shows it ("12-08 11:00"). */
export function handleDue(page: Page) {
  return () => page.locator('[data-test="deadline-row"][data-link="handle"] .due').textContent();
}

/** "12月8日 11:00" (the form's preview) as the deadline panel words it: "12-08 11:00". */
export function panelTime(dayAndTime: string): string {
  const m = /(\d{1,2})月(\d{1,2})日 (\d{2}:\d{2})/.exec(dayAndTime);
  if (!m) throw new Error(`no day and time in "${dayAndTime}"`);
  return `${m[1]?.padStart(2, '0')}-${m[2]?.padStart(2, '0')} ${m[3]}`;
}

/** A photo uploaded ahead of the command that names it (POST /api/photos), as `as`: its id. */
export async function uploadPhoto(desk: RunningWebDesk, as: string, bytes: Buffer): Promise<string> {
  const form = new FormData();
  form.append('photo', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'after.jpg');
  const response = await fetch(`${desk.origin}/api/photos`, { method: 'POST', headers: { 'x-demo-user': as }, body: form });
  const answer = (await response.json()) as { ok: boolean; photoIds?: string[] };
  const id = answer.photoIds?.[0];
  if (!answer.ok || !id) throw new Error(`photo upload refused: ${JSON.stringify(answer)}`);
  return id;
}
