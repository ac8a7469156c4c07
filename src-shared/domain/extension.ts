import type { Category, TimeLimit } from '../catalog/category-types';
import type { CaseState } from './case';
import { effectiveLimit, type DecideContext } from './context';

/**
 * An extension (延期) as people ask for it — so many working hours or working days — and the
 * handle deadline it gives. The command carries minutes of the handle link's clock; the form
 * turns the person's amount into those minutes here, and both the form's preview and
 * decideExtension move the deadline with `extendedHandleDeadline`, so what a handler is shown
 * before confirming is what the case gets when the extension is granted.
 */

export const EXTENSION_UNITS = ['workingHours', 'workingDays'] as const;
export type ExtensionUnit = (typeof EXTENSION_UNITS)[number];

/** The most a single request may ask for: 30 days of minutes (the schema's bound). */
export const MAX_EXTENSION_MINUTES = 60 * 24 * 30;

type HandlePace = Pick<CaseState, 'urgency' | 'emergency'>;

/** The clock the case's handling runs on: an urgent or emergency case counts 24/7, others the category's clock. */
export function handleClock(state: HandlePace, category: Category): TimeLimit['clock'] {
  return effectiveLimit(category.limits.handle, state.emergency ? 'urgent' : state.urgency).clock;
}

/**
 * Minutes in one unit. On the working clock a working day is one day of office hours
 * (420 minutes for 09:00–12:00 + 13:30–17:30), so one working day from 17:30 ends at the next
 * working day's 17:30; on the 24/7 clock of an urgent case a day is 24 hours.
 */
export function unitMinutes(unit: ExtensionUnit, clock: TimeLimit['clock'], minutesPerWorkingDay: number): number {
  if (unit === 'workingHours') return 60;
  return clock === 'working' ? minutesPerWorkingDay : 24 * 60;
}

/**
 * The minutes an amount asks for (whole minutes; halves of a day or an hour are fine), or null
 * when the amount is not a positive number or the request would exceed the bound.
 */
export function extensionMinutes(amount: number, unit: ExtensionUnit, clock: TimeLimit['clock'], minutesPerWorkingDay: number): number | null {
  if (!Number.isFinite(amount) || amount <= 0) return null;
  const minutes = Math.round(amount * unitMinutes(unit, clock, minutesPerWorkingDay));
  return minutes >= 1 && minutes <= MAX_EXTENSION_MINUTES ? minutes : null;
}

/**
 * A request's minutes back in the unit people read: days when they come to whole or half days
 * (1.5 working days is 630 minutes, said as "1.5个工作日", not "10.5个工作小时"), else hours.
 */
export function extensionAmount(minutes: number, clock: TimeLimit['clock'], minutesPerWorkingDay: number): { amount: number; unit: ExtensionUnit } {
  const day = unitMinutes('workingDays', clock, minutesPerWorkingDay);
  if (minutes > 0 && (2 * minutes) % day === 0) return { amount: minutes / day, unit: 'workingDays' };
  return { amount: Math.round((minutes / 60) * 100) / 100, unit: 'workingHours' };
}

/**
 * The handle deadline once `minutes` more are granted: counted on from the current deadline
 * (an overdue case does not get the time it already lost back), or from `now` if the case has none.
 */
export function extendedHandleDeadline(
  state: HandlePace & Pick<CaseState, 'deadlines'>,
  minutes: number,
  category: Category,
  calendar: DecideContext['calendar'],
  now: Date,
): Date {
  const limit = effectiveLimit({ minutes, clock: category.limits.handle.clock }, state.emergency ? 'urgent' : state.urgency);
  const from = state.deadlines.handle ? new Date(state.deadlines.handle) : now;
  return calendar.addLimit(from, limit);
}
