import { describe, expect, it } from 'vitest';
import { beijingCalendar as cal, WorkingCalendar } from '../../../src-shared/calendar/working-calendar';
import { WORKING_DAY_MINUTES } from '../../../src-shared/calendar/working-hours';
import { bj, natural, show, working } from './helpers';

// Default hours: 09:00–12:00 and 13:30–17:30 → 180 + 240 = 420 working minutes a day.
const DAY = 420;

/** Deadline as Beijing wall-clock text. */
const due = (from: string, minutes: number): string => show(cal.addLimit(bj(from), working(minutes)));

describe('an ordinary week (2026-03-02 Mon … 03-06 Fri)', () => {
  it('one working day is 420 minutes', () => {
    expect(WORKING_DAY_MINUTES).toBe(DAY);
    expect(cal.minutesPerDay).toBe(DAY);
  });

  it('counts within the morning and stops exactly at the end of an interval', () => {
    expect(due('2026-03-02 10:00', 60)).toBe('2026-03-02 11:00');
    // 10:00 + 120 uses up the morning exactly: due at 12:00, not after lunch.
    expect(due('2026-03-02 10:00', 120)).toBe('2026-03-02 12:00');
    // A full day from the opening bell ends at the closing bell.
    expect(due('2026-03-02 09:00', DAY)).toBe('2026-03-02 17:30');
  });

  it('one working day from mid-morning is the same time next day', () => {
    // Mon 10:00–12:00 (120) + 13:30–17:30 (240) = 360; Tue 09:00 + 60 → 10:00.
    expect(due('2026-03-02 10:00', DAY)).toBe('2026-03-03 10:00');
  });

  it('a full week holds five working days', () => {
    expect(cal.workingMinutesBetween(bj('2026-03-02 00:00'), bj('2026-03-09 00:00'))).toBe(5 * DAY);
  });
});

describe('the lunch break (12:00–13:30) does not count', () => {
  it('a limit running into lunch resumes at 13:30', () => {
    // 11:30–12:00 = 30, then 13:30 + 30 → 14:00.
    expect(due('2026-03-02 11:30', 60)).toBe('2026-03-02 14:00');
    // 10:00 + 3 h: 120 before lunch, 60 after → 14:30.
    expect(due('2026-03-02 10:00', 180)).toBe('2026-03-02 14:30');
  });

  it('a start during lunch counts from 13:30', () => {
    expect(due('2026-03-02 12:15', 30)).toBe('2026-03-02 14:00');
  });

  it('is not working time, and interval ends are exclusive', () => {
    expect(cal.isWorkingTime(bj('2026-03-02 11:59'))).toBe(true);
    expect(cal.isWorkingTime(bj('2026-03-02 12:00'))).toBe(false);
    expect(cal.isWorkingTime(bj('2026-03-02 13:30'))).toBe(true);
    expect(cal.isWorkingTime(bj('2026-03-02 17:30'))).toBe(false);
  });
});

describe('a start outside working hours', () => {
  it('before hours: counting starts at 09:00', () => {
    expect(due('2026-03-02 07:00', 60)).toBe('2026-03-02 10:00');
  });

  it('after hours: counting starts next working morning', () => {
    expect(due('2026-03-02 18:00', 60)).toBe('2026-03-03 10:00');
    expect(due('2026-03-06 20:00', 60)).toBe('2026-03-09 10:00'); // Friday night → Monday
    expect(due('2026-03-07 10:00', 60)).toBe('2026-03-09 10:00'); // Saturday → Monday
  });
});

describe('a Friday afternoon limit rolls over the weekend', () => {
  it('4 working hours from Fri 16:00 end Monday 11:30', () => {
    // Fri 16:00–17:30 = 90; Sat, Sun off; Mon 09:00 + 150 → 11:30.
    expect(due('2026-03-06 16:00', 240)).toBe('2026-03-09 11:30');
  });

  it('the weekend adds no working minutes', () => {
    expect(cal.workingMinutesBetween(bj('2026-03-06 17:30'), bj('2026-03-09 09:00'))).toBe(0);
    expect(cal.isWorkingDay('2026-03-07')).toBe(false);
    expect(cal.dayInfo('2026-03-08').kind).toBe('weekend');
  });
});

describe('multi-day limits', () => {
  it('20 working days across 中秋 and 国庆 2026 with both make-up days', () => {
    // From Mon 09-14 09:00: 14–18 (5), Sun 20 make-up (6), 21–24 (10), 25–27 中秋 off,
    // 28–30 (13), Oct 1–7 国庆 off, Oct 8–9 (15), Sat 10 make-up (16), 12–15 (20) → Thu 10-15 17:30.
    expect(due('2026-09-14 09:00', 20 * DAY)).toBe('2026-10-15 17:30');
  });

  it('20 working days after 春节 2026 include the Saturday make-up day 02-28', () => {
    // From Tue 02-24 09:00: 24–27 (4), Sat 28 (5), Mar 2–6 (10), 9–13 (15), 16–20 (20) → Fri 03-20 17:30.
    expect(due('2026-02-24 09:00', 20 * DAY)).toBe('2026-03-20 17:30');
  });
});

describe('a zero limit', () => {
  it('is due at once, even outside working hours', () => {
    expect(show(cal.addLimit(bj('2026-03-07 03:00'), working(0)))).toBe('2026-03-07 03:00');
    expect(show(cal.addLimit(bj('2026-03-02 10:00'), natural(0)))).toBe('2026-03-02 10:00');
  });
});

describe('natural (24/7) limits', () => {
  it('ignore holidays, nights and weekends', () => {
    // 国庆 Oct 1 is a holiday: a 24-hour limit from 09-30 22:00 still ends 10-01 22:00.
    expect(show(cal.addLimit(bj('2026-09-30 22:00'), natural(24 * 60)))).toBe('2026-10-01 22:00');
    expect(show(cal.addLimit(bj('2026-10-01 03:00'), natural(10)))).toBe('2026-10-01 03:10');
  });

  it('minutesBetween on the natural clock is wall-clock time', () => {
    expect(cal.minutesBetween(bj('2026-10-01 03:00'), bj('2026-10-02 03:30'), 'natural')).toBe(24 * 60 + 30);
    expect(cal.minutesBetween(bj('2026-10-01 03:00'), bj('2026-10-02 03:30'), 'working')).toBe(0);
  });
});

describe('workingMinutesBetween', () => {
  it('counts only working time, and is negative when reversed', () => {
    // Golden week: Sep 30 (420) and Oct 8 (420) are the only working days in [09-30, 10-09).
    expect(cal.workingMinutesBetween(bj('2026-09-30 00:00'), bj('2026-10-09 00:00'))).toBe(2 * DAY);
    expect(cal.workingMinutesBetween(bj('2026-03-02 11:00'), bj('2026-03-02 14:00'))).toBe(60 + 30);
    expect(cal.workingMinutesBetween(bj('2026-03-02 14:00'), bj('2026-03-02 11:00'))).toBe(-90);
    expect(Object.is(cal.workingMinutesBetween(bj('2026-03-02 14:00'), bj('2026-03-02 14:00')), 0)).toBe(true);
  });

  it('is the inverse of addLimit, and addLimit gives the earliest such instant', () => {
    // Every 37 minutes from 2026-09-10 to 2026-10-20 (holidays, make-up days, nights, lunches),
    // with limits from one minute to a working week.
    const limits = [1, 59, 180, 240, 419, DAY, DAY + 1, 5 * DAY];
    const first = bj('2026-09-10 00:00').getTime();
    const last = bj('2026-10-20 00:00').getTime();
    let checked = 0;
    for (let t = first; t < last; t += 37 * 60_000) {
      const from = new Date(t);
      for (const minutes of limits) {
        const deadline = cal.addLimit(from, working(minutes));
        expect(cal.workingMinutesBetween(from, deadline)).toBe(minutes);
        expect(cal.isWorkingTime(new Date(deadline.getTime() - 1))).toBe(true);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  }, 30_000); // thousands of round trips: generous on a loaded 2-core machine
});

describe('days are Beijing days, not UTC days', () => {
  it('an instant is read in Asia/Shanghai', () => {
    // 2026-09-30T16:30Z is 10-01 00:30 in Beijing: the National Day holiday.
    expect(cal.dayInfo(new Date('2026-09-30T16:30:00Z')).kind).toBe('holiday');
    // 2026-10-08T23:30+08:00 is still Thursday 10-08 in Beijing, a working day.
    expect(cal.isWorkingDay(bj('2026-10-08 23:30'))).toBe(true);
  });
});

describe('configurable working hours', () => {
  it('uses the configured intervals', () => {
    const early = new WorkingCalendar({
      hours: { intervals: [{ start: 8 * 60 + 30, end: 12 * 60 }, { start: 13 * 60, end: 17 * 60 }] },
    });
    expect(early.minutesPerDay).toBe(210 + 240);
    expect(show(early.addLimit(bj('2026-03-02 08:30'), working(450)))).toBe('2026-03-02 17:00');
    expect(early.isWorkingTime(bj('2026-03-02 12:30'))).toBe(false);
    expect(early.isWorkingTime(bj('2026-03-02 13:00'))).toBe(true);
  });

  it('rejects intervals that are empty, overlapping, out of order or not whole minutes', () => {
    const bad = [
      [],
      [{ start: 600, end: 600 }],
      [{ start: 540, end: 720 }, { start: 700, end: 800 }],
      [{ start: 800, end: 900 }, { start: 540, end: 600 }],
      [{ start: 540, end: 1441 }],
      [{ start: 540.5, end: 600 }],
    ];
    for (const intervals of bad) expect(() => new WorkingCalendar({ hours: { intervals } })).toThrow(RangeError);
  });
});

describe('bad input fails loudly', () => {
  it('rejects negative or non-finite limits and invalid dates', () => {
    expect(() => cal.addLimit(bj('2026-03-02 10:00'), working(-1))).toThrow(RangeError);
    expect(() => cal.addLimit(bj('2026-03-02 10:00'), natural(Number.NaN))).toThrow(RangeError);
    expect(() => cal.addLimit(new Date('nonsense'), working(10))).toThrow(/invalid Date/);
    expect(() => cal.workingMinutesBetween(bj('2026-03-02 10:00'), new Date(Number.NaN))).toThrow(/to is an invalid Date/);
  });

  it('rejects malformed or impossible calendar days', () => {
    expect(() => cal.isWorkingDay('2026-02-30')).toThrow(/Not a calendar day/);
    expect(() => cal.isWorkingDay('2026/03/02')).toThrow(RangeError);
  });
});
