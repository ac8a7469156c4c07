/**
 * The desk window's security settings and navigation rules, kept free of any `electron` import so
 * that vitest can check them: a regression here would hand Node to a web page.
 */

/** The subset of Electron's `WebPreferences` we set; structurally compatible with it. */
export interface DeskWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  spellcheck: false;
}

export function deskWebPreferences(preloadPath: string): DeskWebPreferences {
  return {
    preload: preloadPath,
    // The page never sees Node or Electron: only what preload.ts passes through contextBridge.
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    // A control room runs offline; the spellchecker would try to download dictionaries.
    spellcheck: false,
  };
}

export interface DeskWindowOptions {
  x?: number;
  y?: number;
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  backgroundColor: string;
  show: boolean;
  title: string;
  autoHideMenuBar: boolean;
  /** Wall windows: full screen, kiosk, no frame (no chrome a passer-by could click). */
  fullscreen?: boolean;
  kiosk?: boolean;
  frame?: boolean;
  webPreferences: DeskWebPreferences;
}

export function deskWindowOptions(preloadPath: string): DeskWindowOptions {
  return {
    width: 1600,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    // Same as the renderer's background, so a window never flashes white on a dark wall.
    backgroundColor: '#0b1220',
    show: false,
    title: '东城区网格化城市管理指挥中心',
    autoHideMenuBar: true,
    webPreferences: deskWebPreferences(preloadPath),
  };
}

/** The window kinds a profile opens: same web preferences, different chrome. */
export const WINDOW_KINDS = ['desk', 'wall'] as const;

/**
 * Options for one planned window at its bounds. `desk` windows are ordinary (the tray can make
 * them full screen); `wall` windows are kiosk windows covering their display. The minimum size
 * never exceeds the planned bounds, or Electron would push a window past a small display's edge.
 */
export function plannedWindowOptions(
  preloadPath: string,
  kind: (typeof WINDOW_KINDS)[number],
  bounds: { x: number; y: number; width: number; height: number },
  title: string,
): DeskWindowOptions {
  const base = deskWindowOptions(preloadPath);
  const sized = {
    ...base,
    ...bounds,
    minWidth: Math.min(base.minWidth, bounds.width),
    minHeight: Math.min(base.minHeight, bounds.height),
    title,
  };
  if (kind === 'desk') return sized;
  return { ...sized, fullscreen: true, kiosk: true, frame: false };
}

/**
 * May a desk window go to `target`? Only to a page of the renderer itself: app://desk in a built
 * desk, the same origin with the dev server. Everything else (links in case text, redirects,
 * file://, other app:// hosts) is refused; a window never turns into a general browser.
 */
export function isDeskPage(target: string, rendererEntry: string): boolean {
  let to: URL;
  let home: URL;
  try {
    to = new URL(target);
    home = new URL(rendererEntry);
  } catch {
    return false;
  }
  if (home.protocol === 'app:') {
    // Node parses app: as a non-special scheme (origin "null"), so compare scheme and host.
    return to.protocol === 'app:' && to.host === home.host && to.username === '' && to.password === '';
  }
  if (home.protocol === 'http:' || home.protocol === 'https:') return to.origin === home.origin;
  return false;
}
