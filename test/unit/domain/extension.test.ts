import { describe, expect, it } from 'vitest';
import { beijingCalendar } from '../../../src-shared/calendar';
import {
  decide,
  evolve,
  extendedHandleDeadline,
  extensionAmount,
  extensionMinutes,
  handleClock,
  MAX_EXTENSION_MINUTES,
  type CaseState,
} from '../../../src-shared/domain';
import { bj, show } from '../calendar/helpers';
import { ACTORS, apply, caseAt, commandId, context, GARBAGE, GAS_LEAK } from './fixtures';

const DAY = beijingCalendar.minutesPerDay; // 420 under 09:00–12:00 + 13:30–17:30

/** A case in hand (sanitation has signed) whose handle deadline is the given Beijing time. */
function inHandUntil(local: string, category = GARBAGE): CaseState {
  const s = caseAt('accepted', category);
  return { ...s, deadlines: { ...s.deadlines, handle: bj(local).toISOString() } };
}

/** The deadline a handler's preview shows for "amount unit" on that case. */
function preview(state: CaseState, amount: number, unit: 'workingHours' | 'workingDays', category = GARBAGE): string {
  const minutes = extensionMinutes(amount, unit, handleClock(state, category), DAY);
  if (minutes === null) throw new Error('refused amount');
  return show(extendedHandleDeadline(state, minutes, category, beijingCalendar, bj('2026-01-01 00:00')));
}

/** What the case shows once the dispatcher grants the handler's request, on the real calendar. */
function granted(state: CaseState, minutes: number): string {
  const real = (actor: (typeof ACTORS)[keyof typeof ACTORS]) => ({ ...context(actor), calendar: beijingCalendar });
  let s = state;
  for (const [type, actor, payload] of [
    ['requestExtension', ACTORS.department, { minutes, reason: '需要调配车辆' }],
    ['decideExtension', ACTORS.dispatcher, { granted: true }],
  ] as const) {
    const d = decide(s, { commandId: commandId(), caseId: s.id, type, payload }, real(actor));
    if (!d.ok) throw new Error(d.code);
    s = d.events.reduce<CaseState | null>(evolve, s) as CaseState;
  }
  return show(new Date(s.deadlines.handle ?? ''));
}

describe('an extension asked in working hours or working days', () => {
  it('turns the amount into minutes of the handle clock', () => {
    expect(extensionMinutes(3, 'workingHours', 'working', DAY)).toBe(180);
    expect(extensionMinutes(2, 'workingDays', 'working', DAY)).toBe(2 * DAY);
    expect(extensionMinutes(0.5, 'workingDays', 'working', DAY)).toBe(210);
    expect(extensionMinutes(1.5, 'workingHours', 'working', DAY)).toBe(90);
    // An urgent case runs 24/7: a day there is 24 hours.
    expect(extensionMinutes(1, 'workingDays', 'natural', DAY)).toBe(1440);
  });

  it('refuses nothing, a negative amount, and more than the bound', () => {
    for (const amount of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 0.001]) expect(extensionMinutes(amount, 'workingHours', 'working', DAY)).toBeNull();
    expect(extensionMinutes(MAX_EXTENSION_MINUTES / 60, 'workingHours', 'working', DAY)).toBe(MAX_EXTENSION_MINUTES);
    expect(extensionMinutes(MAX_EXTENSION_MINUTES / 60 + 1, 'workingHours', 'working', DAY)).toBeNull();
  });

  it('words a request back in whole or half days when they divide, else in hours', () => {
    expect(extensionAmount(2 * DAY, 'working', DAY)).toEqual({ amount: 2, unit: 'workingDays' });
    expect(extensionAmount(1.5 * DAY, 'working', DAY)).toEqual({ amount: 1.5, unit: 'workingDays' });
    expect(extensionAmount(DAY / 2, 'working', DAY)).toEqual({ amount: 0.5, unit: 'workingDays' });
    expect(extensionAmount(DAY + 60, 'working', DAY)).toEqual({ amount: 8, unit: 'workingHours' });
    expect(extensionAmount(90, 'working', DAY)).toEqual({ amount: 1.5, unit: 'workingHours' });
    expect(extensionAmount(1440, 'natural', DAY)).toEqual({ amount: 1, unit: 'workingDays' });
  });

  it('runs on the category clock, and 24/7 for an urgent or emergency case', () => {
    expect(handleClock(caseAt('accepted'), GARBAGE)).toBe('working');
    expect(handleClock(caseAt('accepted', GAS_LEAK), GAS_LEAK)).toBe('natural');
    expect(handleClock({ ...caseAt('accepted'), emergency: true }, GARBAGE)).toBe('natural');
  });
});

describe('the new handle deadline, the same in the preview and once granted', () => {
  it('skips the weekend (Fri 2026-12-04 16:00)', () => {
    const s = inHandUntil('2026-12-04 16:00');
    expect(preview(s, 1, 'workingDays')).toBe('2026-12-07 16:00');
    // Fri 16:00–17:30 is 90 minutes, the other 90 on Monday morning.
    expect(preview(s, 3, 'workingHours')).toBe('2026-12-07 10:30');
    expect(granted(s, DAY)).toBe('2026-12-07 16:00');
    expect(granted(s, 180)).toBe('2026-12-07 10:30');
  });

  it('gives 1.5 working days as 90 minutes on Friday, all Monday and two hours on Tuesday', () => {
    const s = inHandUntil('2026-12-04 16:00');
    expect(preview(s, 1.5, 'workingDays')).toBe('2026-12-08 11:00');
    expect(granted(s, extensionMinutes(1.5, 'workingDays', 'working', DAY) ?? 0)).toBe('2026-12-08 11:00');
  });

  it('skips the National Day holiday and counts its make-up Saturday (Wed 2026-09-30 17:30)', () => {
    const s = inHandUntil('2026-09-30 17:30');
    expect(preview(s, 1, 'workingDays')).toBe('2026-10-08 17:30');
    expect(preview(s, 2, 'workingDays')).toBe('2026-10-09 17:30');
    // Saturday 10-10 is a make-up working day (调休).
    expect(preview(s, 3, 'workingDays')).toBe('2026-10-10 17:30');
    expect(granted(s, 3 * DAY)).toBe('2026-10-10 17:30');
  });

  it('works the make-up Saturday before the Spring Festival, then waits out the holiday', () => {
    const s = inHandUntil('2026-02-13 17:30');
    expect(preview(s, 1, 'workingDays')).toBe('2026-02-14 17:30');
    expect(preview(s, 2, 'workingDays')).toBe('2026-02-24 17:30');
    expect(granted(s, 2 * DAY)).toBe('2026-02-24 17:30');
  });

  it('gives an urgent case whole days of 24 hours, holiday or not', () => {
    const s = inHandUntil('2026-09-30 17:30', GAS_LEAK);
    expect(preview(s, 1, 'workingDays', GAS_LEAK)).toBe('2026-10-01 17:30');
    expect(preview(s, 2, 'workingHours', GAS_LEAK)).toBe('2026-09-30 19:30');
  });

  it('counts from now when the case has no handle deadline', () => {
    const s = caseAt('accepted');
    const { handle: _, ...rest } = s.deadlines;
    const now = bj('2026-12-04 16:00');
    expect(show(extendedHandleDeadline({ ...s, deadlines: rest }, 60, GARBAGE, beijingCalendar, now))).toBe('2026-12-04 17:00');
  });

  it('is still what the fixtures loop grants (the fixtures calendar doubles working minutes)', () => {
    const s = apply(apply(caseAt('accepted'), 'requestExtension', ACTORS.department, { minutes: 60, reason: '等待配件' }), 'decideExtension', ACTORS.dispatcher, { granted: true });
    expect(s.deadlines.handle).toBe(extendedHandleDeadline(caseAt('accepted'), 60, GARBAGE, context(ACTORS.dispatcher).calendar, new Date()).toISOString());
  });
});
