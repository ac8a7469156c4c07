import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { DESK_CHANNELS } from './desk-channels';
import { deskWindowOptions, isDeskPage } from './window-options';

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
    // TODO(case-service issue): start the embedded case service here (src-server, in a
    // utilityProcess on loopback, data in app.getPath('userData')) and hand its URL to the
    // renderer. Until then the Electron desk shows the shell without district data; the web
    // desk (`npm run serve`) is where the service runs today.
    deskWindow = openDeskWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) deskWindow = openDeskWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
