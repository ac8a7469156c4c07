import type { BrowserContext, Locator } from 'playwright-core';

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

type DateSegment = 'year' | 'month' | 'day';
type DateParts = Record<DateSegment, string>;

/** The orders a date field may show its segments in (ISO / East Asia, the US, most of Europe). */
const SEGMENT_ORDERS: readonly (readonly DateSegment[])[] = [
  ['year', 'month', 'day'],
  ['month', 'day', 'year'],
  ['day', 'month', 'year'],
];
const segmentOrders = new WeakMap<BrowserContext, readonly DateSegment[]>();

/** Keys a date in as a person does: click the field, arrow to its first segment, type each part. */
async function keyInDate(field: Locator, order: readonly DateSegment[], parts: DateParts): Promise<void> {
  await field.click();
  for (let i = 0; i < 3; i++) await field.press('ArrowLeft');
  for (const segment of order) await field.pressSequentially(parts[segment]);
}

/**
 * The order the browser shows a date field's segments in. Chromium lays the field out in its own
 * UI language, not the page's (a zh-CN page in an English browser shows month/day/year), and no
 * script can read the field's layout: so it is learnt once per browser context on a blank page of
 * its own, by keying a date in each order until the field holds it. The page under test never sees a wrong date.
 */
async function segmentOrder(field: Locator): Promise<readonly DateSegment[]> {
  const context = field.page().context();
  const known = segmentOrders.get(context);
  if (known) return known;
  const probe = await context.newPage();
  try {
    await probe.setContent('<input type="date">');
    const input = probe.locator('input');
    for (const order of SEGMENT_ORDERS) {
      await keyInDate(input, order, { year: '2003', month: '01', day: '02' });
      if ((await input.inputValue()) === '2003-01-02') {
        segmentOrders.set(context, order);
        return order;
      }
    }
  } finally {
    await probe.close();
  }
  throw new Error('this browser\'s date field takes no known segment order');
}

/**
 * Types a date ('YYYY-MM-DD') into an <input type="date">, segment by segment in the order the
 * field shows them (Chromium moves on to the next segment once a part is complete).
 */
export async function typeDate(field: Locator, isoDay: string): Promise<void> {
  const [year, month, day] = isoDay.split('-');
  if (!year || !month || !day) throw new Error(`not a YYYY-MM-DD day: ${isoDay}`);
  await keyInDate(field, await segmentOrder(field), { year, month, day });
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
