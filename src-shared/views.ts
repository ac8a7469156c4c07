/**
 * The six views a desk window can show, one per window (`#/queue` … `#/duty`), in the order of
 * the view tabs. The main process plans windows with them; the renderer routes by them.
 */
export const DESK_VIEWS = ['queue', 'map', 'video', 'kpi', 'wall', 'duty'] as const;

export type DeskView = (typeof DESK_VIEWS)[number];

export const DEFAULT_VIEW: DeskView = 'queue';

export function isDeskView(value: unknown): value is DeskView {
  return typeof value === 'string' && (DESK_VIEWS as readonly string[]).includes(value);
}

/** The demo user each view opens as (`#/queue` as the demo dispatcher); `?as=` picks another. */
export const DEMO_USER_BY_VIEW: Record<DeskView, string> = {
  queue: 'dispatcher-1',
  map: 'dispatcher-1',
  video: 'dispatcher-1',
  kpi: 'leader-1',
  wall: 'leader-1',
  duty: 'duty-1',
};
