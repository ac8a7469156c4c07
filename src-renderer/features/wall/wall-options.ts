/**
 * The wall's settings from its address, so a control room bookmarks its own wall:
 * `#/wall?rotate=30` turns the panels every 30 s (default 20, between 3 and 600).
 */
export interface WallOptions {
  rotateSeconds: number;
}

export const DEFAULT_ROTATE_SECONDS = 20;

export function wallOptionsFrom(location: Pick<Location, 'hash' | 'search'>): WallOptions {
  const hashQuery = location.hash.includes('?') ? location.hash.slice(location.hash.indexOf('?') + 1) : '';
  const read = (name: string) => new URLSearchParams(hashQuery).get(name) ?? new URLSearchParams(location.search).get(name);
  const rotate = Number(read('rotate'));
  return { rotateSeconds: Number.isFinite(rotate) && rotate >= 3 && rotate <= 600 ? rotate : DEFAULT_ROTATE_SECONDS };
}
