/**
 * A person's starred cases (关注), kept on this machine per user: a shared control-room PC
 * changes hands at shift change, and one operator's stars are not the next one's.
 */
export type WatchStorage = Pick<Storage, 'getItem' | 'setItem'>;

export function watchKey(userId: string): string {
  return `queue.watch.${userId}`;
}

export function loadWatchList(storage: WatchStorage | undefined, userId: string): Set<string> {
  try {
    const raw = storage?.getItem(watchKey(userId));
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return new Set(Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    // A damaged entry is not worth a broken queue: start with no stars.
    return new Set();
  }
}

export function saveWatchList(storage: WatchStorage | undefined, userId: string, ids: ReadonlySet<string>): void {
  try {
    storage?.setItem(watchKey(userId), JSON.stringify([...ids]));
  } catch {
    // Storage disabled (kiosk profile): the stars last for this window only.
  }
}

export function toggled(ids: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(ids);
  if (!next.delete(id)) next.add(id);
  return next;
}
