import { beforeEach, describe, expect, it } from 'vitest';
import { startDesk, type DeskEnvironment, type RunningDesk } from '../../../src-main/desk';
import { DESK_CHANNELS } from '../../../src-main/desk-channels';
import type { DeskDisplay } from '../../../src-main/displays';
import { fakeElectron, FakeWindow } from './fake-electron';
import { memoryFs } from './memory-fs';

function display(id: number, x: number): DeskDisplay {
  return { id, bounds: { x, y: 0, width: 1920, height: 1080 }, workArea: { x, y: 0, width: 1920, height: 1040 } };
}

const entry = 'app://desk/index.html';

/** The build, as the app:// handler reads it: the renderer, and beside it what no page may read. */
const rendererFiles: Record<string, string> = {
  '/opt/desk/out/main/index.js': 'MAIN-PROCESS-SOURCE',
  '/opt/desk/out/preload/preload.cjs': 'PRELOAD-SOURCE',
  '/opt/desk/out/renderer/index.html': '<!doctype html><title>desk</title><div id="desk"></div>',
  '/opt/desk/out/renderer/assets/index-abc.js': 'console.log("desk")',
  '/opt/desk/out/renderer/cesium/ThirdParty/draco_decoder.wasm': '\0asm',
};
const readRendererFile = async (path: string): Promise<Uint8Array> => {
  const text = rendererFiles[path];
  if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
  return new TextEncoder().encode(text);
};

async function start(displays: DeskDisplay[], files: Record<string, string> = {}, overrides: Partial<DeskEnvironment> = {}) {
  const fake = fakeElectron(displays);
  const fs = memoryFs(files);
  const logs: string[] = [];
  const env: DeskEnvironment = {
    preloadPath: '/opt/desk/out/preload/preload.cjs',
    rendererEntry: entry,
    rendererFiles: { dir: '/opt/desk/out/renderer', readFile: readRendererFile },
    embeddedServicePath: '/opt/desk/out/main/embedded.js',
    districtDir: '/opt/desk/resources/district',
    trayIconPath: '/opt/desk/resources/icons/32x32.png',
    fs,
    env: {},
    platform: 'linux',
    log: (line) => logs.push(line),
    ...overrides,
  };
  const desk = (await startDesk(fake.electron, env)) as RunningDesk;
  return { ...fake, fs, logs, desk };
}

const routes = () => FakeWindow.all.filter((w) => !w.destroyed).map((w) => w.webContents.url.split('#')[1]);

describe('startDesk (the Electron wiring, with a fake electron module)', () => {
  beforeEach(() => {
    FakeWindow.all = [];
  });

  it('opens one window per display with its route and secure options (dispatcher desk on three displays)', async () => {
    const { logs } = await start([display(1, 0), display(2, 1920), display(3, 3840)]);
    expect(routes()).toEqual(['/queue', '/map', '/video']);
    expect(FakeWindow.all.map((w) => w.bounds.x)).toEqual([0, 1920, 3840]);
    for (const w of FakeWindow.all) {
      expect(w.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
      expect(w.options.webPreferences.preload).toBe('/opt/desk/out/preload/preload.cjs');
    }
    expect(logs.filter((l) => l.includes('settings ignored'))).toEqual([]);
  });

  it('the wall profile from the settings file: kiosk, full screen, frameless', async () => {
    await start([display(1, 0)], { '/userData/desk-settings.json': JSON.stringify({ profile: 'wall' }) });
    expect(routes()).toEqual(['/wall']);
    expect(FakeWindow.all[0]?.options).toMatchObject({ kiosk: true, fullscreen: true, frame: false });
  });

  it('installs the guards: no navigation away, no popups, no webview', async () => {
    await start([display(1, 0)]);
    const contents = FakeWindow.all[0]!.webContents;
    expect(contents.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.navigate('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(contents.navigate('will-navigate', 'app://elsewhere/index.html')).toBe(true);
    expect(contents.navigate('will-navigate', `${entry}#/map`)).toBe(false);
    expect(contents.navigate('will-attach-webview')).toBe(true);
    expect(contents.openHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });

  it('guards web contents it did not create too', async () => {
    const { app } = await start([display(1, 0)]);
    const { FakeWebContents } = await import('./fake-electron');
    const stray = new FakeWebContents();
    app.emit('web-contents-created', {}, stray);
    expect(stray.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(stray.openHandler?.({ url: 'https://x' })).toEqual({ action: 'deny' });
  });

  it('the permission handler denies camera and geolocation, allows full screen to desk pages only', async () => {
    const { session } = await start([display(1, 0)]);
    const contents = FakeWindow.all[0]!.webContents;
    const ask = (permission: string, requestingUrl: string) =>
      new Promise<boolean>((resolve) => session.permissionRequest?.(contents, permission, resolve, { requestingUrl }));
    await expect(ask('media', `${entry}#/video`)).resolves.toBe(false);
    await expect(ask('geolocation', `${entry}#/map`)).resolves.toBe(false);
    await expect(ask('notifications', `${entry}#/queue`)).resolves.toBe(false);
    await expect(ask('fullscreen', `${entry}#/wall`)).resolves.toBe(true);
    await expect(ask('fullscreen', 'https://evil.example/')).resolves.toBe(false);
    expect(session.permissionCheck?.(contents, 'media', 'app://desk', { requestingUrl: `${entry}#/video` })).toBe(false);
    expect(session.permissionCheck?.(contents, 'fullscreen', 'app://desk', { requestingUrl: `${entry}#/wall` })).toBe(true);
  });

  it('serves the built renderer at app://desk: a privileged scheme registered before ready, files of out/renderer only', async () => {
    const { protocol, lifecycle, fetchScheme } = await start([display(1, 0)]);
    expect(lifecycle.indexOf('registerSchemesAsPrivileged')).toBeLessThan(lifecycle.indexOf('whenReady'));
    expect(protocol.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
    // The windows load the renderer through the scheme.
    expect(FakeWindow.all[0]?.webContents.url).toBe(`${entry}#/queue`);

    const page = await fetchScheme(entry);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<div id="desk">');
    const wasm = await fetchScheme('app://desk/cesium/ThirdParty/draco_decoder.wasm');
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    expect(wasm.headers.get('content-security-policy')).toBeNull();
    for (const outside of ['app://desk/../main/index.js', 'app://desk/..%2fmain/index.js', 'app://desk/%2e%2e%2fpreload%2fpreload.cjs', 'app://desk/no-such.js', 'app://other/index.html']) {
      const answer = await fetchScheme(outside);
      expect(answer.status).toBe(404);
      expect(await answer.text()).not.toMatch(/MAIN-PROCESS|PRELOAD/);
    }
  });

  it("the app:// page's CSP comes from the settings and follows the embedded service once it is up", async () => {
    const { fetchScheme, forked } = await start([display(1, 0)], {
      '/userData/desk-settings.json': JSON.stringify({ cameraOrigins: ['http://10.20.0.5:8888'], imageryOrigins: ['https://tiles.example.gov.cn'] }),
    });
    const connectSrc = async () => (await fetchScheme(entry)).headers.get('content-security-policy')?.split('; ').find((d) => d.startsWith('connect-src'));
    expect(await connectSrc()).toBe("connect-src 'self' http://127.0.0.1:* ws://127.0.0.1:* http://10.20.0.5:8888 https://tiles.example.gov.cn");
    forked[0]?.process.emit('message', { type: 'ready', origin: 'http://127.0.0.1:41234' });
    expect(await connectSrc()).toBe("connect-src 'self' http://127.0.0.1:41234 ws://127.0.0.1:41234 http://10.20.0.5:8888 https://tiles.example.gov.cn");
  });

  it('under `npm run dev` the pages come from the dev server: no app:// scheme, the header from webRequest names its socket', async () => {
    const devEntry = 'http://localhost:5173/index.html';
    const { protocol, session } = await start([display(1, 0)], {}, { rendererEntry: devEntry, devServerOrigin: 'http://localhost:5173', rendererFiles: undefined });
    expect(protocol.privileged).toEqual([]);
    expect(protocol.handlers.size).toBe(0);
    expect(FakeWindow.all[0]?.webContents.url).toBe(`${devEntry}#/queue`);
    expect(FakeWindow.all[0]?.webContents.navigate('will-navigate', `${devEntry}#/map`)).toBe(false);
    const doc = await new Promise<{ responseHeaders?: Record<string, string[]> }>((resolve) => session.headers?.({ url: devEntry, resourceType: 'mainFrame' }, resolve));
    expect(doc.responseHeaders?.['Content-Security-Policy']?.[0]).toContain('ws://localhost:5173');
  });

  it('sets the CSP header on documents only', async () => {
    const { session } = await start([display(1, 0)]);
    const reply = (resourceType: string) =>
      new Promise<{ responseHeaders?: Record<string, string[]> }>((resolve) =>
        session.headers?.({ url: `${entry}`, resourceType, responseHeaders: { 'content-security-policy': ['default-src *'] } }, resolve),
      );
    const doc = await reply('mainFrame');
    expect(doc.responseHeaders?.['Content-Security-Policy']?.[0]).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(doc.responseHeaders?.['content-security-policy']).toBeUndefined();
    await expect(reply('xhr')).resolves.toEqual({});
  });

  it('IPC: answers a desk window, refuses a foreign sender and a bad payload', async () => {
    const { invoke, forked } = await start([display(1, 0)]);
    const win = FakeWindow.all[0]!;
    await expect(invoke(DESK_CHANNELS.version, undefined, { url: `${entry}#/queue`, window: win })).resolves.toEqual({ ok: true, value: '0.1.0' });
    await expect(invoke(DESK_CHANNELS.version, undefined, { url: 'https://evil.example/', window: win })).resolves.toMatchObject({ ok: false, code: 'foreign-sender' });
    await expect(invoke(DESK_CHANNELS.version, undefined, { url: `${entry}#/queue`, window: win, parent: {} })).resolves.toMatchObject({ ok: false, code: 'foreign-sender' });
    await expect(invoke(DESK_CHANNELS.signIn, { token: 42 }, { url: `${entry}#/queue`, window: win })).resolves.toMatchObject({ ok: false, code: 'invalid-payload' });
    // The embedded service was forked; its origin reaches the page once it is ready.
    const origin = invoke(DESK_CHANNELS.serviceOrigin, undefined, { url: `${entry}#/queue`, window: win });
    forked[0]?.process.emit('message', { type: 'ready', origin: 'http://127.0.0.1:41234' });
    await expect(origin).resolves.toEqual({ ok: true, value: 'http://127.0.0.1:41234' });
    expect(forked[0]?.env).toMatchObject({ GRID_DATA_DIR: '/userData/data', GRID_DISTRICT_DIR: '/opt/desk/resources/district' });
  });

  it('one sign-in per desk: every window hears about it; a shared service comes from the settings with its token', async () => {
    const settings = { service: { kind: 'shared', url: 'https://grid.example.gov.cn', token: 'desk-token-0123456789' } };
    const { invoke, forked } = await start([display(1, 0), display(2, 1920)], { '/userData/desk-settings.json': JSON.stringify(settings) });
    const [queue, map] = FakeWindow.all;
    expect(forked).toEqual([]);
    await expect(invoke(DESK_CHANNELS.serviceOrigin, undefined, { url: `${entry}#/map`, window: map })).resolves.toEqual({ ok: true, value: 'https://grid.example.gov.cn' });
    await expect(invoke(DESK_CHANNELS.signInToken, undefined, { url: `${entry}#/map`, window: map })).resolves.toEqual({ ok: true, value: 'desk-token-0123456789' });
    await invoke(DESK_CHANNELS.signIn, { token: 'another-token-0123456789' }, { url: `${entry}#/queue`, window: queue });
    expect(map?.webContents.sent).toEqual(['desk:sign-in-changed']);
    await expect(invoke(DESK_CHANNELS.signInToken, undefined, { url: `${entry}#/map`, window: map })).resolves.toEqual({ ok: true, value: 'another-token-0123456789' });
  });

  it('a removed display moves its windows to the remaining one; a returning display gets them back', async () => {
    const { screen } = await start([display(1, 0), display(2, 1920), display(3, 3840)]);
    const video = FakeWindow.all[2]!;
    screen.displays = [display(1, 0), display(2, 1920)];
    screen.emit('display-removed');
    expect(video.bounds.x).toBeLessThan(3840);
    expect(video.bounds.x + video.bounds.width).toBeLessThanOrEqual(3840);
    screen.displays = [display(1, 0), display(2, 1920), display(3, 3840)];
    screen.emit('display-added');
    expect(video.bounds).toEqual({ x: 3840, y: 0, width: 1920, height: 1040 });
  });

  it('remembers where the user moved a view, per profile and display set', async () => {
    const first = await start([display(1, 0), display(2, 1920)]);
    const [queue] = FakeWindow.all;
    queue!.dragTo({ x: 2000, y: 50, width: 1000, height: 800 });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const saved = JSON.parse(first.fs.files['/userData/desk-layout.json'] ?? '{}') as { arrangements: Record<string, unknown[]> };
    expect(Object.keys(saved.arrangements)).toEqual(['dispatcher@1:1920x1080+2:1920x1080']);
    // Next start on the same displays: the queue opens where the user left it.
    FakeWindow.all = [];
    await start([display(1, 0), display(2, 1920)], first.fs.files);
    expect(FakeWindow.all.find((w) => w.webContents.url.endsWith('#/queue'))?.bounds).toEqual({ x: 2000, y: 50, width: 1000, height: 800 });
  });

  it('the tray switches profile and reloads a window; broken settings fall back with a log line', async () => {
    const { menus, desk, logs } = await start([display(1, 0), display(2, 1920)], { '/userData/desk-settings.json': '{"service":{"kind":"shared","url":"ftp://x"}}' });
    expect(logs.some((l) => l.startsWith('[desk] settings ignored'))).toBe(true);
    // The tray's menu is the last one built with the items at the top level (the app menu nests them).
    const trayMenu = () => menus.filter((m) => m.some((item) => item.label === 'Profile')).at(-1);
    const profileMenu = trayMenu()?.find((item) => item.label === 'Profile');
    profileMenu?.submenu?.find((item) => item.label?.includes('Duty'))?.click?.();
    expect(desk.windows.currentProfile).toBe('duty');
    expect(routes()).toEqual(['/duty', '/map', '/video']);
    const reload = trayMenu()?.find((item) => item.label === 'Reload window');
    reload?.submenu?.[0]?.click?.();
    expect(FakeWindow.all.filter((w) => !w.destroyed)[0]?.webContents.reloads).toBe(1);
  });

  it('a second instance quits at once and opens nothing', async () => {
    const fake = fakeElectron([display(1, 0)]);
    fake.app.locked = false;
    expect(startDesk(fake.electron, { rendererEntry: entry } as DeskEnvironment)).toBeUndefined();
    expect(fake.app.quitCalls).toBe(1);
    expect(FakeWindow.all).toEqual([]);
  });
});
