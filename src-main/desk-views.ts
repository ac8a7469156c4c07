/**
 * The six views a desk window can show (`#/queue` … `#/duty`). The renderer owns its own copy
 * (src-renderer/app/views.ts) because the rooms may not import each other; a unit test keeps the
 * two lists equal. Move both to src-shared when either changes.
 */
export const DESK_VIEWS = ['queue', 'map', 'video', 'kpi', 'wall', 'duty'] as const;

export type DeskView = (typeof DESK_VIEWS)[number];

export function isDeskView(value: unknown): value is DeskView {
  return typeof value === 'string' && (DESK_VIEWS as readonly string[]).includes(value);
}

/** The page a window loads for a view: the renderer entry with the view's hash route. */
export function viewUrl(rendererEntry: string, view: DeskView): string {
  return `${rendererEntry.split('#')[0]}#/${view}`;
}
