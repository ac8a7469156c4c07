/**
 * The six views a desk window can show, one per window (`#/queue` … `#/duty`). The order is the
 * order of the view tabs. `issueKey` names the issue that delivers the real view; its text lives in
 * the i18n messages under `issues.<issueKey>`.
 */
export const DESK_VIEWS = ['queue', 'map', 'video', 'kpi', 'wall', 'duty'] as const;

export type DeskView = (typeof DESK_VIEWS)[number];

export const DEFAULT_VIEW: DeskView = 'queue';

export function isDeskView(value: string): value is DeskView {
  return (DESK_VIEWS as readonly string[]).includes(value);
}
