import { describe, expect, it } from 'vitest';
import { beijingDayOf, beijingDayRange, dayBefore, replayableDay, replayPageSchema } from '../../../src-shared/contract/replay';

describe('the briefing replay picks Beijing days', () => {
  it('cuts a day at Beijing midnight, whatever the machine’s zone', () => {
    expect(beijingDayRange('2026-03-10')).toEqual({ from: '2026-03-09T16:00:00.000Z', to: '2026-03-10T16:00:00.000Z' });
    expect(beijingDayOf('2026-03-09T15:59:59.999Z')).toBe('2026-03-09');
    expect(beijingDayOf(new Date('2026-03-09T16:00:00.000Z'))).toBe('2026-03-10');
    expect(dayBefore('2026-03-01')).toBe('2026-02-28');
    expect(dayBefore('2024-03-01')).toBe('2024-02-29');
  });

  it('replays a past day to its end and today up to now', () => {
    const now = new Date('2026-03-11T02:30:00.000Z'); // 10:30 in Beijing on the 11th
    expect(replayableDay('2026-03-10', now)).toEqual({ ok: true, day: '2026-03-10', from: '2026-03-09T16:00:00.000Z', to: '2026-03-10T16:00:00.000Z', until: '2026-03-10T16:00:00.000Z' });
    expect(replayableDay('2026-03-11', now)).toMatchObject({ ok: true, until: now.toISOString() });
  });

  it('refuses a day that has not begun, and says which day it is', () => {
    const answer = replayableDay('2026-03-12', new Date('2026-03-11T15:59:00.000Z'));
    expect(answer).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(!answer.ok && answer.message.en).toContain('2026-03-12 has not begun yet (today is 2026-03-11');
  });

  it('refuses what is not a calendar day', () => {
    const now = new Date('2026-03-11T02:30:00.000Z');
    for (const bad of ['2026-3-10', '2026-02-30', '2026-13-01', '2026-00-10', 'yesterday', 20260310, null]) {
      const answer = replayableDay(bad, now);
      expect(answer.ok, String(bad)).toBe(false);
      expect(!answer.ok && answer.message.zh).toContain('格式不正确');
    }
    expect(replayableDay('2024-02-29', now).ok).toBe(true);
  });

  it('pages from a sequence number with a bounded size', () => {
    expect(replayPageSchema.parse({ after: '120' })).toEqual({ after: 120, limit: 5_000 });
    expect(replayPageSchema.safeParse({ after: '-1' }).success).toBe(false);
    expect(replayPageSchema.safeParse({ after: '5', limit: '50000' }).success).toBe(false);
  });
});
