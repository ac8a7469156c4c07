import { join } from 'node:path';
import { APP_SCHEME_PRIVILEGES, serveAppScheme } from './app-scheme';
import { buildCsp, cspSourcesFrom, isDocumentResponse, withCspHeader } from './csp';
import { DESK_EVENTS } from './desk-channels';
import { answerIpc, deskIpcTable, type DeskSender } from './desk-ipc';
import { deskMenuTemplate } from './desk-menu';
import { DeskWindows } from './desk-windows';
import type { DeskElectron, PortInvokeEvent, PortMenu, PortTray, PortWebContents } from './electron-port';
import type { StoreFs } from './json-store';
import { layoutStore } from './layout-store';
import { decidePermission } from './permissions';
import { chooseProfile, type ProfileId } from './profiles';
import { ServiceSupervisor, type ServiceProcessHandle } from './service-supervisor';
import { DEFAULT_SETTINGS, settingsStore, type DeskSettings } from './settings';
import { isDeskPage } from './window-options';

/**
 * The desk's wiring: app lifecycle, security (guards, permissions, CSP header), IPC, the case
 * service, windows and the tray. It takes the electron module as a parameter so that a test can
 * hand it fakes; index.ts passes the real one.
 */
export interface DeskEnvironment {
  preloadPath: string;
  /** app://desk/index.html (APP_ENTRY) for the built desk; the dev server's page under `npm run dev`. */
  rendererEntry: string;
  /**
   * The built renderer (out/renderer), served at app://desk/ with the CSP header on its pages.
   * Absent under `npm run dev`, whose pages come over http and get the header from webRequest.
   */
  rendererFiles?: { dir: string; readFile(path: string): Promise<Uint8Array> };
  /** `npm run dev`: the vite dev server's origin (its HMR socket needs the CSP). */
  devServerOrigin?: string;
  /** out/main/embedded.js: the embedded case service. */
  embeddedServicePath: string;
  districtDir: string;
  trayIconPath: string;
  fs: StoreFs;
  env: Record<string, string | undefined>;
  platform: string;
  log(line: string): void;
}

export interface RunningDesk {
  windows: DeskWindows;
  settings: DeskSettings;
  switchProfile(profile: ProfileId): Promise<void>;
}

/** Returns undefined when another desk already runs on this machine (it gets focused instead). */
export function startDesk(electron: DeskElectron, env: DeskEnvironment): Promise<RunningDesk> | undefined {
  const { app, session, ipcMain, screen } = electron;
  // One desk per workstation: a second launch focuses the running one instead of opening a
  // second set of windows and a second embedded service on the same data folder.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return undefined;
  }
  // Electron accepts scheme privileges only before the app is ready (app-scheme.ts says why app:// has them).
  if (env.rendererFiles) electron.protocol.registerSchemesAsPrivileged(APP_SCHEME_PRIVILEGES);

  const guarded = new WeakSet<PortWebContents>();
  /** A desk window shows our renderer and nothing else: no navigation away, no popups, no webview. */
  const guard = (contents: PortWebContents): void => {
    if (guarded.has(contents)) return;
    guarded.add(contents);
    const stayHome = (event: { preventDefault(): void }, url: string): void => {
      if (isDeskPage(url, env.rendererEntry)) return;
      event.preventDefault();
      env.log(`[desk] navigation to ${url} refused`);
    };
    contents.on('will-navigate', stayHome);
    contents.on('will-redirect', stayHome);
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  };
  // Belt and braces: web contents we did not create ourselves get the same guards.
  app.on('web-contents-created', (_event, contents) => guard(contents));

  let supervisor: ServiceSupervisor | undefined;
  let tray: PortTray | undefined;
  app.on('before-quit', () => {
    supervisor?.stop();
    tray?.destroy();
  });

  const ready = app.whenReady().then(async () => {
    const userData = app.getPath('userData');
    const settingsFile = settingsStore(join(userData, 'desk-settings.json'), env.fs);
    const read = await settingsFile.read();
    // Broken settings are reported and the desk starts on the defaults (embedded service): a
    // control room with a wrong file still gets a working desk, and the log says why.
    if (read.problem) env.log(`[desk] settings ignored: ${read.problem}`);
    const settings: DeskSettings = read.problem ? structuredClone(DEFAULT_SETTINGS) : read.value;
    const layout = layoutStore(join(userData, 'desk-layout.json'), env.fs);
    const layoutProblem = await layout.load();
    if (layoutProblem) env.log(`[desk] window arrangement reset: ${layoutProblem}`);

    // The case service: the configured shared one, or the embedded one in its own process.
    let runningOrigin: string | undefined;
    const service = settings.service;
    const serviceOrigin: () => Promise<string> =
      service.kind === 'shared' ? () => Promise.resolve(service.url) : () => (supervisor as ServiceSupervisor).start();
    if (service.kind === 'embedded') {
      supervisor = new ServiceSupervisor({
        spawn: () => spawnEmbedded(electron, env, userData),
        onState: (state) => {
          env.log(`[desk] case service: ${JSON.stringify(state)}`);
          runningOrigin = state.kind === 'running' ? state.origin : runningOrigin;
          refreshMenu();
        },
      });
      void supervisor.start();
    }

    // Security: permissions, the CSP header, IPC.
    const permissionUrl = (contents: PortWebContents | null, details: { requestingUrl?: string }): string | undefined =>
      details.requestingUrl ?? contents?.getURL();
    session.defaultSession.setPermissionRequestHandler((contents, permission, callback, details) => {
      const granted = decidePermission(permission, permissionUrl(contents, details), env.rendererEntry);
      if (!granted) env.log(`[desk] permission ${permission} denied`);
      callback(granted);
    });
    session.defaultSession.setPermissionCheckHandler((contents, permission, _origin, details) =>
      decidePermission(permission, permissionUrl(contents, details), env.rendererEntry),
    );
    // One policy, from the settings, whichever way a page arrives: the app:// handler sets it on
    // the built desk's pages, webRequest on the dev server's (and replaces it with the same string
    // should it see an app:// page too).
    const currentCsp = (): string => buildCsp(cspSourcesFrom(settings, runningOrigin, env.devServerOrigin));
    const files = env.rendererFiles;
    if (files) serveAppScheme(electron.protocol, { rendererDir: files.dir, readFile: (path) => files.readFile(path), csp: currentCsp, log: env.log });
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      if (!isDocumentResponse(details.resourceType)) return callback({});
      callback({ responseHeaders: withCspHeader(details.responseHeaders, currentCsp()) });
    });

    let token: string | null = service.kind === 'shared' ? (service.token ?? null) : null;
    const table = deskIpcTable({
      version: () => app.getVersion(),
      serviceOrigin,
      token: () => token,
      setToken: (next) => {
        token = next;
        for (const w of windows.list()) w.win.webContents.send(DESK_EVENTS.signInChanged);
      },
      openView: (view, fromWindowId) => windows.showView(view, fromWindowId),
    });
    const senderOf = (event: PortInvokeEvent): DeskSender => ({
      url: event.senderFrame?.url,
      topFrame: event.senderFrame !== null && event.senderFrame.parent === null,
      windowId: windows.byContents(event.sender.id)?.id,
    });
    const context = { isDeskSender: (s: DeskSender) => s.url !== undefined && isDeskPage(s.url, env.rendererEntry), log: env.log };
    for (const channel of Object.keys(table)) {
      ipcMain.handle(channel, (event, payload) => answerIpc(table, channel, senderOf(event), payload, context));
    }

    const windows = new DeskWindows({
      electron,
      preloadPath: env.preloadPath,
      rendererEntry: env.rendererEntry,
      layout,
      guard,
      onChange: () => refreshMenu(),
      log: env.log,
    });

    const switchProfile = async (profile: ProfileId): Promise<void> => {
      settings.profile = profile;
      windows.open(profile);
      await settingsFile.write(settings).catch((error: unknown) => env.log(`[desk] could not save settings: ${String(error)}`));
    };

    tray = new electron.Tray(env.trayIconPath);
    tray.setToolTip('东城区网格化城市管理指挥中心');
    function refreshMenu(): void {
      if (!tray) return;
      const displays = windows.displays();
      const template = deskMenuTemplate(
        {
          profile: windows.currentProfile,
          windows: windows.list().map((w) => ({ id: w.id, view: w.view, displayId: w.home.displayId, fullScreen: w.win.isFullScreen() })),
          displays: displays.map((d) => ({ id: d.id, label: `${d.bounds.width}×${d.bounds.height}` })),
          serviceLabel: service.kind === 'shared' ? `Service: ${service.url}` : `Service: embedded ${runningOrigin ?? '(starting)'}`,
        },
        {
          switchProfile: (p) => void switchProfile(p),
          openView: (view) => windows.showView(view),
          moveWindow: (id, displayId) => windows.moveWindow(id, displayId),
          toggleFullScreen: (id) => windows.toggleFullScreen(id),
          reload: (id) => windows.reload(id),
          quit: () => app.quit(),
        },
      );
      const menu: PortMenu = electron.Menu.buildFromTemplate(template);
      tray.setContextMenu(menu);
      electron.Menu.setApplicationMenu(electron.Menu.buildFromTemplate([{ label: 'Desk', submenu: template }]));
    }

    windows.open(chooseProfile(settings.profile, screen.getAllDisplays().length));
    for (const event of ['display-added', 'display-removed', 'display-metrics-changed'] as const) {
      screen.on(event, () => windows.followDisplays());
    }
    app.on('second-instance', () => windows.focusFirst());
    app.on('activate', () => {
      if (windows.list().length === 0) windows.open(windows.currentProfile);
    });
    app.on('window-all-closed', () => {
      if (env.platform !== 'darwin') app.quit();
    });
    return { windows, settings, switchProfile };
  });
  return ready;
}

/**
 * The embedded case service (src-server/embedded.ts, built to out/main/embedded.js) in its own
 * utility process on loopback, data in the user-data folder; restarted with back-off if it dies.
 */
function spawnEmbedded(electron: DeskElectron, env: DeskEnvironment, userData: string): ServiceProcessHandle {
  const child = electron.utilityProcess.fork(env.embeddedServicePath, [], {
    serviceName: 'Grid case service',
    stdio: 'inherit',
    env: { ...env.env, GRID_DATA_DIR: join(userData, 'data'), GRID_DISTRICT_DIR: env.districtDir },
  });
  return {
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', listener),
    kill: () => void child.kill(),
  };
}
