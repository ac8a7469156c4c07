/**
 * A tile's health, from what the player observed: the words an operator reads at a glance.
 * playing: the picture moves; buffering: it paused briefly (a segment is late); stalled: it has
 * not moved for a while but the stream answers; offline: the stream is refused or unreachable.
 */
export type TileHealth = 'idle' | 'starting' | 'playing' | 'buffering' | 'stalled' | 'offline';

export interface PlaybackObservation {
  /** Has the picture ever moved since this player was created? */
  everPlayed: boolean;
  /** Since the picture last moved (or the player was created, if it never did). */
  msSinceProgress: number;
  /** Fatal errors in a row, without progress in between. */
  failures: number;
  /** The last failure was the stream itself answering "no" or not at all (playlist load). */
  streamUnreachable: boolean;
}

export const BUFFERING_AFTER_MS = 1_500;
export const STALLED_AFTER_MS = 4_000;
/** Fatal failures in a row after which the player is re-created from scratch. */
export const RECREATE_AFTER_FAILURES = 3;

export function healthOf(o: PlaybackObservation): TileHealth {
  if (o.streamUnreachable && o.msSinceProgress >= BUFFERING_AFTER_MS) return 'offline';
  if (o.failures >= RECREATE_AFTER_FAILURES) return 'offline';
  if (!o.everPlayed) return o.msSinceProgress >= STALLED_AFTER_MS * 3 ? 'stalled' : 'starting';
  if (o.msSinceProgress < BUFFERING_AFTER_MS) return 'playing';
  return o.msSinceProgress < STALLED_AFTER_MS ? 'buffering' : 'stalled';
}

/** Back-off before the next recovery attempt: 1 s, 2 s, 4 s … at most 15 s. */
export function retryDelayMs(attempt: number): number {
  return Math.min(15_000, 1_000 * 2 ** Math.max(0, attempt - 1));
}
