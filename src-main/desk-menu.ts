import { DESK_VIEWS, type DeskView } from './desk-views';
import { PROFILE_IDS, PROFILES, type ProfileId } from './profiles';

/**
 * The tray and application menu as data (Electron's MenuItemConstructorOptions subset), built
 * from the desk's state and its actions: switch profile, open a view, move a window to a display,
 * full screen, reload, quit.
 */
export interface MenuItemTemplate {
  label?: string;
  type?: 'normal' | 'separator' | 'submenu' | 'radio' | 'checkbox';
  checked?: boolean;
  enabled?: boolean;
  accelerator?: string;
  click?: () => void;
  submenu?: MenuItemTemplate[];
}

export interface MenuState {
  profile: ProfileId;
  windows: readonly { id: number; view: DeskView; displayId: number; fullScreen: boolean }[];
  displays: readonly { id: number; label: string }[];
  serviceLabel: string;
}

export interface MenuActions {
  switchProfile(profile: ProfileId): void;
  openView(view: DeskView): void;
  moveWindow(windowId: number, displayId: number): void;
  toggleFullScreen(windowId: number): void;
  reload(windowId: number): void;
  quit(): void;
}

export const VIEW_LABELS: Record<DeskView, string> = {
  queue: '案件队列 Queue',
  map: '地图 Map',
  video: '视频 Video',
  kpi: '考评 KPI',
  wall: '大屏 Wall',
  duty: '值班 Duty',
};

export function deskMenuTemplate(state: MenuState, actions: MenuActions): MenuItemTemplate[] {
  const windowLabel = (w: MenuState['windows'][number]): string => {
    const display = state.displays.findIndex((d) => d.id === w.displayId);
    return `${VIEW_LABELS[w.view]} (${display >= 0 ? `display ${display + 1}` : 'display ?'})`;
  };
  return [
    { label: state.serviceLabel, enabled: false },
    { type: 'separator' },
    {
      label: 'Profile',
      submenu: PROFILE_IDS.map((id) => ({
        label: PROFILES[id].label,
        type: 'radio' as const,
        checked: id === state.profile,
        click: () => actions.switchProfile(id),
      })),
    },
    { label: 'Open view', submenu: DESK_VIEWS.map((view) => ({ label: VIEW_LABELS[view], click: () => actions.openView(view) })) },
    {
      label: 'Move to display',
      enabled: state.displays.length > 1 && state.windows.length > 0,
      submenu: state.windows.map((w) => ({
        label: windowLabel(w),
        submenu: state.displays.map((d, i) => ({
          label: `${i + 1}: ${d.label}`,
          type: 'radio' as const,
          checked: d.id === w.displayId,
          click: () => actions.moveWindow(w.id, d.id),
        })),
      })),
    },
    {
      label: 'Full screen',
      submenu: state.windows.map((w) => ({
        label: windowLabel(w),
        type: 'checkbox' as const,
        checked: w.fullScreen,
        click: () => actions.toggleFullScreen(w.id),
      })),
    },
    { label: 'Reload window', submenu: state.windows.map((w) => ({ label: windowLabel(w), click: () => actions.reload(w.id) })) },
    { type: 'separator' },
    { label: 'Quit', accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() },
  ];
}
