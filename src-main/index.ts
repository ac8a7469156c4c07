import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, Menu, protocol, screen, session, Tray, utilityProcess } from 'electron';
import { APP_ENTRY } from './app-scheme';
import { startDesk } from './desk';

// With preload.ts, the only file that imports `electron` (the architecture test holds us to it):
// everything else, the wiring included (desk.ts), takes Electron as a parameter.

const here = fileURLToPath(new URL('.', import.meta.url));
// electron-vite sets ELECTRON_RENDERER_URL under `npm run dev` (vite dev server with HMR).
const devServerUrl = process.env['ELECTRON_RENDERER_URL'];
const resources = app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'resources');

startDesk(
  { app, BrowserWindow, screen, ipcMain, session, protocol, utilityProcess, Menu, Tray },
  {
    preloadPath: join(here, '../preload/preload.cjs'),
    // The built desk is served at app://desk/ (app-scheme.ts), the dev server's pages over http.
    ...(devServerUrl
      ? {
          rendererEntry: new URL('index.html', devServerUrl.endsWith('/') ? devServerUrl : `${devServerUrl}/`).href,
          devServerOrigin: new URL(devServerUrl).origin,
        }
      : {
          rendererEntry: APP_ENTRY,
          // fs reads inside the packaged app.asar too.
          rendererFiles: { dir: join(here, '../renderer'), readFile: (path: string) => fs.readFile(path) },
        }),
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
