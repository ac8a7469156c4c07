import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, utilityProcess, type IpcMainInvokeEvent } from 'electron';
import { DESK_CHANNELS } from './desk-channels';
import { deskWindowOptions, isDeskPage } from './window-options';
import { ServiceSupervisor, type ServiceProcessHandle } from './service-supervisor';

// With preload.ts, the only file that imports `electron` (the architecture test holds us to it):
// everything decidable without Electron lives in plain modules that vitest can load.

const here = fileURLToPath(new URL('.', import.meta.url));
const preloadPath = join(here, '../preload/preload.cjs');
// electron-vite sets ELECTRON_RENDERER_URL under `npm run dev` (vite dev server with HMR).
const devServerUrl = process.env['ELECTRON_RENDERER_URL'];
const rendererEntry = devServerUrl
  ? new URL('index.html', devServerUrl.endsWith('/') ? devServerUrl : `${devServerUrl}/`).href
  : pathToFileURL(join(here, '../renderer/index.html')).href;

let deskWindow: BrowserWindow | null = null;

/**
 * The embedded case service (src-server/embedded.ts, built to out/main/embedded.js) in its own
 * utility process on loopback, data in the user-data folder; restarted with back-off if it dies.
 */
function spawnEmbeddedService(): ServiceProcessHandle {
  const districtDir = app.isPackaged ? join(process.resourcesPath, 'district') : join(app.getAppPath(), 'resources', 'district');
  const child = utilityProcess.fork(join(here, 'embedded.js'), [], {
    serviceName: 'Grid case service',
    stdio: 'inherit',
    env: { ...process.env, GRID_DATA_DIR: join(app.getPath('userData'), 'data'), GRID_DISTRICT_DIR: districtDir },
  });
  return {
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', listener),
    kill: () => void child.kill(),
  };
}

const caseService = new ServiceSupervisor({
  spawn: spawnEmbeddedService,
  onState: (state) => console.info(`[desk] case service: ${JSON.stringify(state)}`),
});

function openDeskWindow(): BrowserWindow {
  const win = new BrowserWindow(deskWindowOptions(preloadPath));
  win.once('ready-to-show', () => win.show());

  // Guards: a desk window shows our renderer and nothing else.
  win.webContents.on('will-navigate', (event, url) => {
    if (!isDeskPage(url, rendererEntry)) event.preventDefault();
  });
  win.webContents.on('will-redirect', (event, url) => {
    if (!isDeskPage(url, rendererEntry)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());

  void win.loadURL(`${rendererEntry}#/queue`);
  win.on('closed', () => {
    deskWindow = null;
  });
  return win;
}

/** Answers only our own pages: an iframe or a page that slipped past the guards gets nothing. */
function fromDeskPage(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url;
  return url !== undefined && isDeskPage(url, rendererEntry);
}

function registerDeskApi(): void {
  ipcMain.handle(DESK_CHANNELS.version, (event) => {
    if (!fromDeskPage(event)) throw new Error('desk:version refused: not a desk page');
    return app.getVersion();
  });
  ipcMain.handle(DESK_CHANNELS.serviceOrigin, (event) => {
    if (!fromDeskPage(event)) throw new Error('desk:service-origin refused: not a desk page');
    return caseService.start();
  });
}

// One desk per workstation: a second launch focuses the running one instead of opening a
// second set of windows (and, later, a second embedded service on the same data folder).
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!deskWindow) return;
    if (deskWindow.isMinimized()) deskWindow.restore();
    deskWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    // Belt and braces for any web contents we did not create ourselves.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  void app.whenReady().then(() => {
    registerDeskApi();
    void caseService.start();
    // The renderer asks for the service's origin through the preload (deskApi.serviceOrigin);
    // the views that use it arrive with the dispatcher-desk issue.
    deskWindow = openDeskWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) deskWindow = openDeskWindow();
    });
  });

  app.on('before-quit', () => caseService.stop());

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
