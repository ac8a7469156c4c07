import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, Menu, screen, session, Tray, utilityProcess } from 'electron';
import { startDesk } from './desk';

// With preload.ts, the only file that imports `electron` (the architecture test holds us to it):
// everything else, the wiring included (desk.ts), takes Electron as a parameter.

const here = fileURLToPath(new URL('.', import.meta.url));
// electron-vite sets ELECTRON_RENDERER_URL under `npm run dev` (vite dev server with HMR).
const devServerUrl = process.env['ELECTRON_RENDERER_URL'];
const resources = app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'resources');

startDesk(
  { app, BrowserWindow, screen, ipcMain, session, utilityProcess, Menu, Tray },
  {
    preloadPath: join(here, '../preload/preload.cjs'),
    rendererEntry: devServerUrl
      ? new URL('index.html', devServerUrl.endsWith('/') ? devServerUrl : `${devServerUrl}/`).href
      : pathToFileURL(join(here, '../renderer/index.html')).href,
    ...(devServerUrl ? { devServerOrigin: new URL(devServerUrl).origin } : {}),
    embeddedServicePath: join(here, 'embedded.js'),
    districtDir: join(resources, 'district'),
    trayIconPath: join(resources, 'icons', '32x32.png'),
    fs,
    env: process.env,
    platform: process.platform,
    log: (line) => console.info(line),
  },
)?.catch((error: unknown) => {
  console.error('[desk] failed to start', error);
  app.quit();
});
