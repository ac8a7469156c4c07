/**
 * Displays as plain data: the part of Electron's `Display` the desk plans with. Rectangles are in
 * screen coordinates (DIP), as Electron reports them.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DeskDisplay {
  id: number;
  /** The whole display: where a full-screen or kiosk window goes. */
  bounds: Rect;
  /** The display minus task bars and docks: where an ordinary window goes. */
  workArea: Rect;
}

/**
 * A stable name for a set of displays, e.g. "1:1920x1080+2:2560x1440". Ids say which monitor it
 * is, sizes say how it is set up: the same monitors at another resolution are another desk
 * arrangement. Sorted, so the order Electron lists them in does not matter.
 */
export function displaySetKey(displays: readonly DeskDisplay[]): string {
  return [...displays]
    .sort((a, b) => a.id - b.id)
    .map((d) => `${d.id}:${d.bounds.width}x${d.bounds.height}`)
    .join('+');
}

/** The order views fill displays in: the primary first, then left to right, top to bottom. */
export function orderDisplays(displays: readonly DeskDisplay[], primaryId?: number): DeskDisplay[] {
  return [...displays].sort((a, b) => {
    if (a.id === primaryId) return -1;
    if (b.id === primaryId) return 1;
    return a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y || a.id - b.id;
  });
}

/**
 * Puts `rect` inside `area`: shrunk to fit if too large, then shifted in. A window may never end
 * up where nobody can see or reach it.
 */
export function clampInto(rect: Rect, area: Rect): Rect {
  const width = Math.max(1, Math.min(Math.round(rect.width), area.width));
  const height = Math.max(1, Math.min(Math.round(rect.height), area.height));
  const x = Math.min(Math.max(Math.round(rect.x), area.x), area.x + area.width - width);
  const y = Math.min(Math.max(Math.round(rect.y), area.y), area.y + area.height - height);
  return { x, y, width, height };
}

/** Maps `rect` from one area to another, keeping its relative position and size. */
export function mapBetween(rect: Rect, from: Rect, to: Rect): Rect {
  const sx = to.width / Math.max(1, from.width);
  const sy = to.height / Math.max(1, from.height);
  return clampInto(
    {
      x: to.x + (rect.x - from.x) * sx,
      y: to.y + (rect.y - from.y) * sy,
      width: rect.width * sx,
      height: rect.height * sy,
    },
    to,
  );
}

/** The display a window belongs to: the one holding its centre, else the one it overlaps most. */
export function displayOf(rect: Rect, displays: readonly DeskDisplay[]): DeskDisplay | undefined {
  const cx = rect.x + rect.width / 2;
  const cy = rect.y + rect.height / 2;
  const holding = displays.find((d) => contains(d.bounds, cx, cy));
  if (holding) return holding;
  let best: DeskDisplay | undefined;
  let bestArea = 0;
  for (const d of displays) {
    const area = overlap(rect, d.bounds);
    if (area > bestArea) {
      best = d;
      bestArea = area;
    }
  }
  return best;
}

/** Splits an area into `count` equal columns (windows sharing a display sit side by side). */
export function column(area: Rect, index: number, count: number): Rect {
  const width = Math.floor(area.width / count);
  const x = area.x + width * index;
  // The last column takes the rounding remainder, so the columns cover the whole area.
  return { x, y: area.y, width: index === count - 1 ? area.x + area.width - x : width, height: area.height };
}

export function sameRect(a: Rect, b: Rect): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

function contains(r: Rect, x: number, y: number): boolean {
  return x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height;
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}
