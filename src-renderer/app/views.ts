// The views are shared with the main process (it plans one window per view and display).
export { DEFAULT_VIEW, DESK_VIEWS, isDeskView, type DeskView } from '../../src-shared/views';
