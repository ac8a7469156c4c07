import { describe, expect, it } from 'vitest';
import { beijingCalendar as cal } from '../../../src-shared/calendar/working-calendar';
import { bj, natural, working } from './helpers';

describe('remainingShare: how much of the limit is left', () => {
  // Mon 2026-03-02 10:00 + 4 working hours: 10:00–12:00 (120), 13:30 + 120 → 15:30.
  const start = bj('2026-03-02 10:00');
  const deadline = cal.addLimit(start, working(240));
  const share = (now: string): number => cal.remainingShare(bj(now), start, deadline, 'working');

  it('runs from 1 at the start to 0 at the deadline', () => {
    expect(deadline).toEqual(bj('2026-03-02 15:30'));
    expect(share('2026-03-02 10:00')).toBe(1);
    expect(share('2026-03-02 11:00')).toBe(0.75); // 180 of 240 left
    expect(share('2026-03-02 15:30')).toBe(0);
  });

  it('stands still over lunch', () => {
    expect(share('2026-03-02 12:00')).toBe(0.5);
    expect(share('2026-03-02 13:15')).toBe(0.5);
  });

  it('goes negative when overdue (−0.25 = a quarter of the limit over)', () => {
    expect(share('2026-03-02 16:30')).toBe(-0.25);
  });

  it('is capped at 1 before the start', () => {
    expect(share('2026-03-02 09:00')).toBe(1);
  });

  it('does not move over a weekend on the working clock', () => {
    // Fri 03-06 16:00 + 240 → Mon 11:30; on Saturday 150 of 240 are left, and still on Sunday night.
    const fri = bj('2026-03-06 16:00');
    const mon = cal.addLimit(fri, working(240));
    expect(cal.remainingShare(bj('2026-03-07 12:00'), fri, mon, 'working')).toBe(150 / 240);
    expect(cal.remainingShare(bj('2026-03-08 20:00'), fri, mon, 'working')).toBe(150 / 240);
  });

  it('runs 24/7 on the natural clock', () => {
    // A barbecue reported Sat 20:00 with 2 natural hours: due 22:00.
    const from = bj('2026-03-07 20:00');
    const until = cal.addLimit(from, natural(120));
    expect(cal.remainingShare(bj('2026-03-07 21:30'), from, until, 'natural')).toBe(0.25);
    expect(cal.remainingShare(bj('2026-03-07 23:00'), from, until, 'natural')).toBe(-0.5);
  });

  it('a zero limit is exactly due (0) until its deadline and −1 after it', () => {
    const at = bj('2026-03-02 10:00');
    expect(cal.remainingShare(at, at, at, 'natural')).toBe(0);
    expect(cal.remainingShare(bj('2026-03-02 10:01'), at, at, 'working')).toBe(-1);
  });

  it('never shows −0', () => {
    expect(Object.is(share('2026-03-02 15:30'), 0)).toBe(true);
    // Overdue outside working time: nothing counted yet, so 0 (test `now > deadline` for overdue).
    const evening = cal.remainingShare(bj('2026-03-02 18:00'), start, bj('2026-03-02 17:30'), 'working');
    expect(Object.is(evening, 0)).toBe(true);
  });
});
