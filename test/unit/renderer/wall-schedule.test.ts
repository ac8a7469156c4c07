import { describe, expect, it } from 'vitest';
import { cursorAt, dueUpTo, finished, holdAt, pauseClock, progressAt, replayClock, resumeClock, withSpeed } from '../../../src-renderer/features/wall/replay-clock';
import { pin, playlist, showItem, staggered, turnAt, unpin } from '../../../src-renderer/features/wall/rotation';
import { DEFAULT_ROTATE_SECONDS, wallOptionsFrom } from '../../../src-renderer/features/wall/wall-options';

const S = 1_000;
const ITEMS = ['rankings', 'trends', 'channels'];

describe('a panel turns like a playlist and a pin stops it', () => {
  it('shows each item for its period in turn, and starts again after the last', () => {
    const p = playlist(ITEMS, 20 * S, 0);
    expect(turnAt(p, 0)).toMatchObject({ item: 'rankings', remainingMs: 20 * S, progress: 0 });
    expect(turnAt(p, 19_999).item).toBe('rankings');
    expect(turnAt(p, 20 * S).item).toBe('trends');
    expect(turnAt(p, 45 * S)).toMatchObject({ item: 'channels', remainingMs: 15 * S, progress: 0.25 });
    expect(turnAt(p, 60 * S).item).toBe('rankings');
    expect(turnAt(p, 60 * S * 1_000 + 21 * S).item).toBe('trends');
  });

  it('stays on the pinned item however long, and turns again from it when unpinned', () => {
    const pinned = pin(playlist(ITEMS, 20 * S, 0), 25 * S);
    expect(turnAt(pinned, 25 * S).item).toBe('trends');
    expect(turnAt(pinned, 3_600 * S)).toMatchObject({ item: 'trends', remainingMs: Infinity, progress: 0 });
    expect(pin(pinned, 99 * S)).toBe(pinned);
    const again = unpin(pinned, 3_600 * S);
    // The pinned item gets a full turn first, then the next.
    expect(turnAt(again, 3_600 * S + 19 * S).item).toBe('trends');
    expect(turnAt(again, 3_600 * S + 20 * S).item).toBe('channels');
    expect(unpin(again, 0)).toBe(again);
  });

  it('jumps to a chosen item with a full turn, pinned or not', () => {
    const p = showItem(playlist(ITEMS, 20 * S, 0), 2, 5 * S);
    expect(turnAt(p, 24 * S).item).toBe('channels');
    expect(turnAt(p, 25 * S).item).toBe('rankings');
    const pinned = showItem(pin(playlist(ITEMS, 20 * S, 0), 0), 1, 5 * S);
    expect(turnAt(pinned, 500 * S).item).toBe('trends');
    expect(showItem(p, -1, 0).startIndex).toBe(2);
  });

  it('spreads the turns of several panels over the period, so the wall never changes all at once', () => {
    const a = staggered(ITEMS, 20 * S, 0, 0, 2);
    const b = staggered(['0', '1', '2'], 20 * S, 0, 1, 2);
    expect(turnAt(a, 0).index).toBe(0);
    expect(turnAt(b, 0).index).toBe(0);
    expect(turnAt(a, 0).remainingMs).toBe(20 * S);
    expect(turnAt(b, 0).remainingMs).toBe(10 * S);
  });

  it('treats a clock that went back as no time passed, and refuses a playlist it cannot turn', () => {
    const p = playlist(ITEMS, 20 * S, 100 * S);
    expect(turnAt(p, 50 * S)).toMatchObject({ item: 'rankings', remainingMs: 20 * S });
    expect(() => playlist([], 20 * S, 0)).toThrow(RangeError);
    expect(() => playlist(ITEMS, 0, 0)).toThrow(RangeError);
  });

  it('reads its period from the address, within sane bounds', () => {
    expect(wallOptionsFrom({ hash: '#/wall?as=leader-1&rotate=30', search: '' }).rotateSeconds).toBe(30);
    expect(wallOptionsFrom({ hash: '#/wall', search: '?rotate=5' }).rotateSeconds).toBe(5);
    for (const bad of ['1', '9999', 'fast', '']) expect(wallOptionsFrom({ hash: `#/wall?rotate=${bad}`, search: '' }).rotateSeconds).toBe(DEFAULT_ROTATE_SECONDS);
  });
});

describe('the replay clock runs a past day at a chosen speed', () => {
  const FROM = Date.parse('2026-03-09T16:00:00.000Z');
  const UNTIL = FROM + 86_400_000;

  it('moves speed × real time, reports progress, and stops at the end', () => {
    const c = replayClock(FROM, UNTIL, 3600, 0);
    expect(cursorAt(c, 0)).toBe(FROM);
    expect(cursorAt(c, 6 * S)).toBe(FROM + 6 * 3_600_000);
    expect(progressAt(c, 6 * S)).toBeCloseTo(0.25);
    expect(finished(c, 23 * S)).toBe(false);
    expect(cursorAt(c, 30 * S)).toBe(UNTIL);
    expect(progressAt(c, 30 * S)).toBe(1);
    expect(finished(c, 24 * S)).toBe(true);
    expect(cursorAt(c, -5 * S)).toBe(FROM);
  });

  it('pauses where it is and resumes from there', () => {
    const c = pauseClock(replayClock(FROM, UNTIL, 60, 0), 60 * S);
    expect(cursorAt(c, 600 * S)).toBe(FROM + 3_600_000);
    expect(pauseClock(c, 900 * S)).toBe(c);
    const r = resumeClock(c, 600 * S);
    expect(cursorAt(r, 660 * S)).toBe(FROM + 2 * 3_600_000);
    expect(resumeClock(r, 0)).toBe(r);
  });

  it('changes speed without a jump', () => {
    const c = withSpeed(replayClock(FROM, UNTIL, 60, 0), 3600, 60 * S);
    expect(cursorAt(c, 60 * S)).toBe(FROM + 3_600_000);
    expect(cursorAt(c, 61 * S)).toBe(FROM + 2 * 3_600_000);
    expect(() => withSpeed(c, 0, 0)).toThrow(RangeError);
  });

  it('holds where the loaded events end, and goes on from there when more arrive', () => {
    const limit = FROM + 2 * 3_600_000;
    const held = holdAt(replayClock(FROM, UNTIL, 3600, 0), limit, 5 * S);
    expect(cursorAt(held, 5 * S)).toBe(limit);
    // Not before the limit: nothing to hold.
    const early = replayClock(FROM, UNTIL, 3600, 0);
    expect(holdAt(early, limit, 1 * S)).toBe(early);
    // The page came 3 s later: the replay resumes from the limit, not 3 h further.
    expect(cursorAt(held, 6 * S)).toBe(limit + 3_600_000);
  });

  it('finds the events due by the cursor', () => {
    const at = (h: number) => ({ at: new Date(FROM + h * 3_600_000).toISOString() });
    const events = [at(1), at(2), at(2), at(5)];
    expect(dueUpTo(events, 0, FROM)).toBe(0);
    expect(dueUpTo(events, 0, FROM + 2 * 3_600_000)).toBe(3);
    expect(dueUpTo(events, 3, FROM + 4 * 3_600_000)).toBe(3);
    expect(dueUpTo(events, 1, UNTIL)).toBe(4);
  });

  it('is complete at once when there is nothing to replay, and refuses nonsense', () => {
    expect(progressAt(replayClock(FROM, FROM, 60, 0), 0)).toBe(1);
    expect(() => replayClock(UNTIL, FROM, 60, 0)).toThrow(RangeError);
    expect(() => replayClock(FROM, UNTIL, -1, 0)).toThrow(RangeError);
  });
});
