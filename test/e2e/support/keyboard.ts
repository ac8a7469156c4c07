import type { Locator } from 'playwright-core';

/**
 * Typing as a person does: click into the field, select what is there and delete it, then type
 * key by key. Never `locator.fill()` or a value set by script: a form that only works when its
 * value is injected (a number input whose v-model drops typed digits) must fail here.
 */
export async function typeInto(field: Locator, text: string): Promise<void> {
  await field.click();
  await field.press('ControlOrMeta+a');
  await field.press('Backspace');
  if (text) await field.pressSequentially(text);
}

/** Empties a field the way a person does (click, select all, delete). */
export async function clearField(field: Locator): Promise<void> {
  await typeInto(field, '');
}

/**
 * Types a date ('YYYY-MM-DD') into an <input type="date">, segment by segment in the order the
 * page's locale shows them (year/month/day for zh-CN, month/day/year for en-US), as a person
 * keys it: click the field, go to its first segment with the arrow keys, type each part (Chromium
 * moves on to the next segment once a part is complete).
 */
export async function typeDate(field: Locator, isoDay: string): Promise<void> {
  const [year, month, day] = isoDay.split('-');
  if (!year || !month || !day) throw new Error(`not a YYYY-MM-DD day: ${isoDay}`);
  const order = await field.evaluate(() =>
    new Intl.DateTimeFormat(undefined, { year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(new Date(2026, 10, 23))
      .map((p) => p.type)
      .filter((t) => t === 'year' || t === 'month' || t === 'day'),
  );
  const parts: Record<string, string> = { year, month, day };
  await field.click();
  for (let i = 0; i < 3; i++) await field.press('ArrowLeft');
  for (const segment of order) await field.pressSequentially(parts[segment] ?? '');
}

/**
 * Chooses an option of a native <select> (several for a multiple select) the way a user's pick
 * arrives: Playwright's selectOption on the real element, which fires input and change.
 */
export async function chooseOption(select: Locator, value: string | readonly string[]): Promise<void> {
  await select.selectOption(typeof value === 'string' ? value : [...value]);
}

/** Ticks or unticks a checkbox with a click, only if it must change. */
export async function setChecked(box: Locator, checked: boolean): Promise<void> {
  if ((await box.isChecked()) !== checked) await box.click();
}
