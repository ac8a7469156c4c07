/**
 * A panel's playlist, as Grafana's playlists turn dashboards: the panel shows its items in turn,
 * each for `periodMs`; pinned, it stays on one item until unpinned. Pure values in, values out,
 * with the time passed in, so the schedule is tested without waiting.
 */
export interface Playlist {
  readonly items: readonly string[];
  readonly periodMs: number;
  /** The item shown at `since`, and when that turn began. */
  readonly startIndex: number;
  readonly since: number;
  readonly pinned: boolean;
}

export interface PlaylistTurn {
  index: number;
  item: string;
  /** Time left on this item; Infinity while pinned. */
  remainingMs: number;
  /** How far through its turn the item is, 0…1 (0 while pinned). */
  progress: number;
}

export function playlist(items: readonly string[], periodMs: number, now: number, startIndex = 0): Playlist {
  if (items.length === 0) throw new RangeError('a playlist needs at least one item');
  if (!(periodMs > 0)) throw new RangeError(`a playlist's period must be positive, not ${periodMs}`);
  return { items, periodMs, startIndex: mod(startIndex, items.length), since: now, pinned: false };
}

function mod(n: number, m: number): number {
  return ((n % m) + m) % m;
}

/** What the panel shows at `now`. A clock that went back (a changed system time) counts as no time passed. */
export function turnAt(p: Playlist, now: number): PlaylistTurn {
  if (p.pinned) return { index: p.startIndex, item: p.items[p.startIndex] as string, remainingMs: Number.POSITIVE_INFINITY, progress: 0 };
  const elapsed = Math.max(0, now - p.since);
  const turns = Math.floor(elapsed / p.periodMs);
  const index = mod(p.startIndex + turns, p.items.length);
  const into = elapsed - turns * p.periodMs;
  return { index, item: p.items[index] as string, remainingMs: p.periodMs - into, progress: into / p.periodMs };
}

/** Stops on what is shown now. */
export function pin(p: Playlist, now: number): Playlist {
  if (p.pinned) return p;
  return { ...p, startIndex: turnAt(p, now).index, since: now, pinned: true };
}

/** Turns again from the pinned item, which gets a full turn first. */
export function unpin(p: Playlist, now: number): Playlist {
  if (!p.pinned) return p;
  return { ...p, since: now, pinned: false };
}

/** Shows an item now (a person chose it): it gets a full turn, or stays if the panel is pinned. */
export function showItem(p: Playlist, index: number, now: number): Playlist {
  return { ...p, startIndex: mod(index, p.items.length), since: now };
}

/**
 * When several panels turn with the same period, their turns are spread over it (panel k of n
 * turns k/n of a period early the first time), so the wall never changes everywhere at once.
 */
export function staggered(items: readonly string[], periodMs: number, now: number, panel: number, panels: number): Playlist {
  const count = Math.max(1, panels);
  const offset = (periodMs * mod(panel, count)) / count;
  return { ...playlist(items, periodMs, now), since: now - offset };
}
