import type { DeskView } from '../src-shared/views';

export { DESK_VIEWS, isDeskView, type DeskView } from '../src-shared/views';

/** The page a window loads for a view: the renderer entry with the view's hash route. */
export function viewUrl(rendererEntry: string, view: DeskView): string {
  return `${rendererEntry.split('#')[0]}#/${view}`;
}
