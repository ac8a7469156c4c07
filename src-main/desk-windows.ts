import { viewUrl, type DeskView } from './desk-views';
import { column, displaySetKey, sameRect, type DeskDisplay, type Rect } from './displays';
import type { DeskElectron, PortWebContents, PortWindow } from './electron-port';
import { followDisplays, homeAt, type TrackedWindow, type WindowHome } from './hot-plug';
import type { LayoutStore } from './layout-store';
import { planWindows, type ProfileId, type WindowPlan } from './profiles';
import { VIEW_LABELS } from './desk-menu';
import { plannedWindowOptions } from './window-options';

/**
 * The desk's windows: opens the plan of a profile, one window per view, remembers where the user
 * puts them (per profile and display set), and follows display hot-plug. Electron comes in
 * through the port; the decisions are the pure planWindows / followDisplays.
 */
interface DeskWindow extends TrackedWindow {
  win: PortWindow;
  /** Bounds we set ourselves: their 'moved'/'resized' echo is not a user's choice. */
  expected: Rect;
}

export interface WindowManagerOptions {
  electron: Pick<DeskElectron, 'BrowserWindow' | 'screen'>;
  preloadPath: string;
  rendererEntry: string;
  layout: LayoutStore;
  /** Called for every window we open, before it loads: install the guards. */
  guard(contents: PortWebContents): void;
  onChange(): void;
  log(line: string): void;
}

export class DeskWindows {
  private readonly windows = new Map<number, DeskWindow>();
  private profile: ProfileId = 'single';

  constructor(private readonly options: WindowManagerOptions) {}

  get currentProfile(): ProfileId {
    return this.profile;
  }

  list(): readonly DeskWindow[] {
    return [...this.windows.values()];
  }

  byContents(contentsId: number): DeskWindow | undefined {
    return this.list().find((w) => w.win.webContents.id === contentsId);
  }

  displays(): DeskDisplay[] {
    return this.options.electron.screen.getAllDisplays();
  }

  /** Opens the profile's windows (closing the previous profile's after the new ones exist). */
  open(profile: ProfileId): void {
    const previous = this.list();
    this.profile = profile;
    const displays = this.displays();
    const plans = planWindows(profile, displays, {
      primaryId: this.options.electron.screen.getPrimaryDisplay().id,
      arrangement: this.options.layout.get(profile, displaySetKey(displays)),
    });
    for (const old of previous) {
      this.windows.delete(old.id);
      if (!old.win.isDestroyed()) old.win.close();
    }
    for (const plan of plans) this.openWindow(plan, displays);
    this.options.onChange();
  }

  /** Focuses the window showing `view`, or opens one on the least busy display. */
  showView(view: DeskView, nearWindowId?: number): void {
    const existing = this.list().find((w) => w.view === view);
    if (existing) {
      if (existing.win.isMinimized()) existing.win.restore();
      existing.win.focus();
      return;
    }
    const displays = this.displays();
    const near = nearWindowId === undefined ? undefined : this.windows.get(nearWindowId);
    const load = (d: DeskDisplay): number => this.list().filter((w) => w.home.displayId === d.id).length;
    const display =
      displays.find((d) => d.id === near?.home.displayId && load(d) === 0) ??
      [...displays].sort((a, b) => load(a) - load(b))[0];
    if (!display) return;
    this.openWindow({ view, kind: 'desk', displayId: display.id, bounds: column(display.workArea, 0, 1) }, displays);
    void this.remember();
    this.options.onChange();
  }

  moveWindow(windowId: number, displayId: number): void {
    const w = this.windows.get(windowId);
    const displays = this.displays();
    const display = displays.find((d) => d.id === displayId);
    if (!w || !display) return;
    w.home = { displayId, area: display.workArea, bounds: w.kind === 'wall' ? display.bounds : display.workArea };
    this.followDisplays();
    void this.remember();
  }

  toggleFullScreen(windowId: number): void {
    const w = this.windows.get(windowId);
    if (w) w.win.setFullScreen(!w.win.isFullScreen());
    this.options.onChange();
  }

  reload(windowId: number): void {
    this.windows.get(windowId)?.win.webContents.reload();
  }

  focusFirst(): void {
    const first = this.list()[0];
    if (!first) return;
    if (first.win.isMinimized()) first.win.restore();
    first.win.focus();
  }

  /** Display added, removed or changed: windows go home, or to a remaining display. */
  followDisplays(): void {
    const displays = this.displays();
    const arrangement = this.options.layout.get(this.profile, displaySetKey(displays)) ?? [];
    // A remembered arrangement for the new display set wins over the homes.
    for (const w of this.list()) {
      const arranged = arrangement.find((a) => a.view === w.view);
      const display = arranged && displays.find((d) => d.id === arranged.displayId);
      if (arranged && display) w.home = { displayId: display.id, area: display.workArea, bounds: arranged.bounds };
    }
    for (const w of this.list()) w.bounds = w.win.getBounds();
    const moves = followDisplays(this.list(), displays, this.options.electron.screen.getPrimaryDisplay().id);
    for (const move of moves) {
      const w = this.windows.get(move.id);
      if (!w) continue;
      w.expected = move.bounds;
      w.bounds = move.bounds;
      w.win.setBounds(move.bounds);
      if (w.kind === 'wall') w.win.setFullScreen(true);
      this.options.log(`[desk] ${w.view} window → display ${move.displayId} ${JSON.stringify(move.bounds)}`);
    }
    this.options.onChange();
  }

  private openWindow(plan: WindowPlan, displays: readonly DeskDisplay[]): DeskWindow {
    const options = plannedWindowOptions(this.options.preloadPath, plan.kind, plan.bounds, `${VIEW_LABELS[plan.view]} · 东城区网格化城市管理指挥中心`);
    const win = new this.options.electron.BrowserWindow(options);
    const display = displays.find((d) => d.id === plan.displayId);
    const home: WindowHome = { displayId: plan.displayId, area: display?.workArea ?? plan.bounds, bounds: plan.bounds };
    const tracked: DeskWindow = { id: win.id, view: plan.view, kind: plan.kind, bounds: plan.bounds, home, win, expected: plan.bounds };
    this.windows.set(win.id, tracked);
    this.options.guard(win.webContents);
    win.once('ready-to-show', () => win.show());
    const userMoved = (): void => this.userMoved(tracked);
    win.on('moved', userMoved);
    win.on('resized', userMoved);
    win.on('closed', () => {
      if (this.windows.get(win.id) !== tracked) return;
      this.windows.delete(win.id);
      this.options.onChange();
    });
    win.loadURL(viewUrl(this.options.rendererEntry, plan.view)).catch((error: unknown) => {
      this.options.log(`[desk] ${plan.view} window failed to load: ${String(error)}`);
    });
    return tracked;
  }

  private userMoved(w: DeskWindow): void {
    if (w.win.isDestroyed() || w.win.isFullScreen() || w.kind === 'wall') return;
    const bounds = w.win.getBounds();
    w.bounds = bounds;
    if (sameRect(bounds, w.expected)) return;
    const home = homeAt(bounds, this.displays());
    if (!home) return;
    w.home = home;
    w.expected = bounds;
    void this.remember();
    this.options.onChange();
  }

  /** Saves where every window lives, under the current profile and display set. */
  remember(): Promise<void> {
    const displays = this.displays();
    const present = new Set(displays.map((d) => d.id));
    const arrangement = this.list()
      .filter((w) => present.has(w.home.displayId))
      .map((w) => ({ view: w.view, displayId: w.home.displayId, bounds: w.home.bounds }));
    return this.options.layout.set(this.profile, displaySetKey(displays), arrangement).catch((error: unknown) => {
      this.options.log(`[desk] could not save the window arrangement: ${String(error)}`);
    });
  }
}
