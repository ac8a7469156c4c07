import type { DeskView } from './desk-views';
import { displayOf, mapBetween, orderDisplays, sameRect, type DeskDisplay, type Rect } from './displays';
import type { WindowKind } from './profiles';

/**
 * Display hot-plug as a pure function. Every window keeps a *home*: the display, work area and
 * bounds the plan or the user gave it. When displays change:
 *   - a window whose home display is present goes (back) home, scaled if the display's work area
 *     changed (resolution, task bar), so a returning display gets its windows back;
 *   - a window whose home display is gone moves to a remaining display — the least loaded, the
 *     primary first on a tie — keeping its relative place; its home is kept for the return;
 *   - wall (kiosk) windows always fill their display.
 * Every target is clamped into a work area: nothing ends up off-screen.
 */
export interface WindowHome {
  displayId: number;
  /** The home display's work area when the home was set: lets bounds follow a resized display. */
  area: Rect;
  bounds: Rect;
}

export interface TrackedWindow {
  id: number;
  view: DeskView;
  kind: WindowKind;
  bounds: Rect;
  home: WindowHome;
}

export interface WindowMove {
  id: number;
  displayId: number;
  bounds: Rect;
}

export function followDisplays(windows: readonly TrackedWindow[], displays: readonly DeskDisplay[], primaryId?: number): WindowMove[] {
  const ordered = orderDisplays(displays, primaryId);
  if (ordered.length === 0) return [];
  const load = new Map<number, number>(ordered.map((d) => [d.id, 0]));
  const targets = new Map<number, WindowMove>();
  const orphans: TrackedWindow[] = [];

  for (const win of windows) {
    const home = ordered.find((d) => d.id === win.home.displayId);
    if (!home) {
      orphans.push(win);
      continue;
    }
    load.set(home.id, (load.get(home.id) ?? 0) + 1);
    targets.set(win.id, { id: win.id, displayId: home.id, bounds: placeOn(win, home) });
  }
  for (const win of orphans) {
    let target = ordered[0] as DeskDisplay;
    for (const d of ordered) if ((load.get(d.id) ?? 0) < (load.get(target.id) ?? 0)) target = d;
    load.set(target.id, (load.get(target.id) ?? 0) + 1);
    targets.set(win.id, { id: win.id, displayId: target.id, bounds: placeOn(win, target) });
  }
  return windows.flatMap((win) => {
    const move = targets.get(win.id);
    return move && !sameRect(move.bounds, win.bounds) ? [move] : [];
  });
}

function placeOn(win: TrackedWindow, display: DeskDisplay): Rect {
  if (win.kind === 'wall') return display.bounds;
  return mapBetween(win.home.bounds, win.home.area, display.workArea);
}

/** The home a window gets where it stands now (after the user moved or resized it). */
export function homeAt(bounds: Rect, displays: readonly DeskDisplay[]): WindowHome | undefined {
  const display = displayOf(bounds, displays);
  return display ? { displayId: display.id, area: display.workArea, bounds } : undefined;
}
