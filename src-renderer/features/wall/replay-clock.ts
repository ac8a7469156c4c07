/**
 * The briefing replay's clock: replay time runs from the day's start to `until` at `speed` ×
 * real time, can pause and resume, and can be held where the loaded events end while the next
 * page arrives. Pure: real time is passed in.
 */
export interface ReplayClock {
  readonly fromMs: number;
  readonly untilMs: number;
  readonly speed: number;
  /** Replay time at `anchorRealMs`. */
  readonly anchorMs: number;
  readonly anchorRealMs: number;
  readonly running: boolean;
}

export function replayClock(fromMs: number, untilMs: number, speed: number, realNow: number): ReplayClock {
  if (!(untilMs >= fromMs)) throw new RangeError('a replay ends after it starts');
  if (!(speed > 0)) throw new RangeError(`a replay's speed must be positive, not ${speed}`);
  return { fromMs, untilMs, speed, anchorMs: fromMs, anchorRealMs: realNow, running: true };
}

/** Replay time now, never past `until` (nor before the start). */
export function cursorAt(c: ReplayClock, realNow: number): number {
  const moved = c.running ? Math.max(0, realNow - c.anchorRealMs) * c.speed : 0;
  return Math.min(c.untilMs, Math.max(c.fromMs, c.anchorMs + moved));
}

/** 0 at the start of the day, 1 at `until` (a replay of nothing is complete at once). */
export function progressAt(c: ReplayClock, realNow: number): number {
  const span = c.untilMs - c.fromMs;
  return span === 0 ? 1 : (cursorAt(c, realNow) - c.fromMs) / span;
}

export function finished(c: ReplayClock, realNow: number): boolean {
  return cursorAt(c, realNow) >= c.untilMs;
}

export function pauseClock(c: ReplayClock, realNow: number): ReplayClock {
  return c.running ? { ...c, anchorMs: cursorAt(c, realNow), anchorRealMs: realNow, running: false } : c;
}

export function resumeClock(c: ReplayClock, realNow: number): ReplayClock {
  return c.running ? c : { ...c, anchorRealMs: realNow, running: true };
}

/** Another speed from here on, without a jump. */
export function withSpeed(c: ReplayClock, speed: number, realNow: number): ReplayClock {
  if (!(speed > 0)) throw new RangeError(`a replay's speed must be positive, not ${speed}`);
  return { ...c, anchorMs: cursorAt(c, realNow), anchorRealMs: realNow, speed };
}

/**
 * Holds the clock at `limitMs` if it has run past it (the events after it are not loaded yet),
 * so that when they arrive the replay goes on from there instead of jumping ahead.
 */
export function holdAt(c: ReplayClock, limitMs: number, realNow: number): ReplayClock {
  return cursorAt(c, realNow) > limitMs ? { ...c, anchorMs: Math.max(c.fromMs, limitMs), anchorRealMs: realNow } : c;
}

/**
 * The events due by the cursor: from `start`, how far the list can be applied (events sorted by
 * sequence, whose instants rise with it). Returns the index of the first event not yet due.
 */
export function dueUpTo(events: readonly { at: string }[], start: number, cursorMs: number): number {
  let i = start;
  while (i < events.length && Date.parse((events[i] as { at: string }).at) <= cursorMs) i += 1;
  return i;
}
