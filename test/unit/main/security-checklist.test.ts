import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { mapSettingsSchema } from '../../../src-shared/contract/map';
import { buildCsp, cspSourcesFrom, withCspHeader } from '../../../src-main/csp';
import { webDeskCsp } from '../../../src-server/http/page-policy';
import { DESK_API_METHODS } from '../../../src-main/desk-api';
import { DESK_CHANNELS } from '../../../src-main/desk-channels';
import { ALLOWED_PERMISSIONS, decidePermission } from '../../../src-main/permissions';
import { DEFAULT_SETTINGS, checkSettings } from '../../../src-main/settings';
import { plannedWindowOptions, WINDOW_KINDS } from '../../../src-main/window-options';

/**
 * Electron's security checklist as a test: what CI holds every release to.
 * https://www.electronjs.org/docs/latest/tutorial/security
 */
const exposed: Record<string, unknown> = {};
const invoked: unknown[][] = [];
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void (exposed[key] = api) },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => {
      invoked.push(args);
      return { ok: true, value: null };
    },
    on: () => undefined,
    removeListener: () => undefined,
  },
}));

describe('every window kind', () => {
  it.each(WINDOW_KINDS)('%s: isolated, sandboxed, no Node, web security on, no webview', (kind) => {
    const options = plannedWindowOptions('/p.cjs', kind, { x: 0, y: 0, width: 1920, height: 1080 }, 't');
    expect(options.webPreferences).toEqual({
      preload: '/p.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
    // No experimental features, no `enableRemoteModule`, no blink features switched on.
    expect(Object.keys(options.webPreferences).some((k) => /remote|experimental|blink/i.test(k))).toBe(false);
  });

  it('the wall is a frameless kiosk covering its display; a desk window fits small displays', () => {
    expect(plannedWindowOptions('/p', 'wall', { x: 0, y: 0, width: 1920, height: 1080 }, 't')).toMatchObject({ kiosk: true, fullscreen: true, frame: false });
    expect(plannedWindowOptions('/p', 'desk', { x: 0, y: 0, width: 800, height: 600 }, 't')).toMatchObject({ minWidth: 800, minHeight: 600 });
  });
});

describe('Content-Security-Policy', () => {
  const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `));

  it('allows no remote code, no eval, no plugins, no frames', () => {
    const csp = buildCsp(cspSourcesFrom(DEFAULT_SETTINGS, 'http://127.0.0.1:41234'));
    // WebAssembly compilation (Cesium's decoders) is allowed, JavaScript eval is not.
    expect(directive(csp, 'script-src')).toBe("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toMatch(/'unsafe-eval'|script-src[^;]*(http|\*)/);
    expect(directive(csp, 'object-src')).toBe("object-src 'none'");
    expect(directive(csp, 'frame-src')).toBe("frame-src 'none'");
    expect(directive(csp, 'default-src')).toBe("default-src 'self'");
    expect(directive(csp, 'connect-src')).toBe("connect-src 'self' http://127.0.0.1:41234 ws://127.0.0.1:41234");
  });

  it('before the embedded service is up, loopback only', () => {
    expect(directive(buildCsp(cspSourcesFrom(DEFAULT_SETTINGS, undefined)), 'connect-src')).toBe("connect-src 'self' http://127.0.0.1:* ws://127.0.0.1:*");
  });

  it('a shared service, cameras and imagery from the settings, nothing else', () => {
    const check = checkSettings({
      service: { kind: 'shared', url: 'https://grid.example.gov.cn' },
      cameraOrigins: ['http://10.0.0.5:8888'],
      imageryOrigins: ['https://tiles.example.gov.cn'],
    });
    if (!check.ok) throw new Error(check.problems.join());
    const csp = buildCsp(cspSourcesFrom(check.settings, 'http://127.0.0.1:1'));
    expect(directive(csp, 'connect-src')).toBe(
      "connect-src 'self' https://grid.example.gov.cn wss://grid.example.gov.cn http://10.0.0.5:8888 https://tiles.example.gov.cn",
    );
    expect(directive(csp, 'media-src')).toBe("media-src 'self' blob: http://10.0.0.5:8888");
    expect(directive(csp, 'img-src')).toBe("img-src 'self' data: blob: https://grid.example.gov.cn http://10.0.0.5:8888 https://tiles.example.gov.cn");
    expect(csp).not.toContain('127.0.0.1');
  });

  it('replaces any CSP a response carried, keeps the other headers', () => {
    expect(withCspHeader({ 'Content-Security-Policy': ['default-src *'], 'X-A': 'b' }, "default-src 'self'")).toEqual({
      'X-A': ['b'],
      'Content-Security-Policy': ["default-src 'self'"],
    });
  });

  it('the renderer page carries no <meta> policy: a page must pass every policy, and one without the configured origins would block them', () => {
    // Where the policy comes from instead: the app:// handler (desk-wiring.test.ts) and the web
    // desk's HTTP header (test/integration/http/static-and-summary.test.ts).
    const html = readFileSync(fileURLToPath(new URL('../../../src-renderer/index.html', import.meta.url)), 'utf8');
    expect(html).not.toMatch(/<meta[^>]*http-equiv\s*=\s*["']?content-security-policy/i);
  });

  it('the web desk: the same directives, the service is the page\'s own origin, remote hosts from the service config', () => {
    const map = mapSettingsSchema.parse({
      imagery: { kind: 'wmts', url: 'https://gis.example.gov.cn/wmts', layer: 'img', tileMatrixSetID: 'c' },
      buildingsUrl: 'https://tiles3d.example.gov.cn/dongcheng/tileset.json',
    });
    // rtsp:// is never fetched by a page; a host with ";" would end the directive early: both left out.
    const cameraUrls = { 'cam-1': 'http://10.20.0.5:8888/cam-1/index.m3u8', 'cam-2': 'rtsp://10.20.0.6/live', 'cam-3': 'http://x;script-src.example/a.m3u8' };
    const csp = webDeskCsp({ cameraUrls, map });
    expect(directive(csp, 'script-src')).toBe("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toMatch(/'unsafe-eval'|127\.0\.0\.1|\*/);
    expect(directive(csp, 'connect-src')).toBe("connect-src 'self' http://10.20.0.5:8888 https://gis.example.gov.cn https://tiles3d.example.gov.cn");
    expect(directive(csp, 'media-src')).toBe("media-src 'self' blob: http://10.20.0.5:8888");
    // Everything but the service and the remote origins is the Electron desk's policy word for word.
    const electron = buildCsp(cspSourcesFrom({ ...DEFAULT_SETTINGS, cameraOrigins: ['http://10.20.0.5:8888'] }, undefined));
    const others = (p: string) => p.split('; ').filter((d) => !/^(connect|img|media)-src /.test(d));
    expect(others(csp)).toEqual(others(electron));
  });
});

describe('permission handler', () => {
  const page = 'app://desk/index.html';

  it('allows nothing but full screen, and that only to desk pages', () => {
    expect(ALLOWED_PERMISSIONS).toEqual(['fullscreen']);
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'midi', 'display-capture', 'openExternal', 'unknown']) {
      expect(decidePermission(p, `${page}#/video`, page)).toBe(false);
    }
    expect(decidePermission('fullscreen', `${page}#/wall`, page)).toBe(true);
    expect(decidePermission('fullscreen', 'https://evil.example/', page)).toBe(false);
    expect(decidePermission('fullscreen', 'app://other/index.html', page)).toBe(false);
    expect(decidePermission('fullscreen', undefined, page)).toBe(false);
  });
});

describe('preload surface', () => {
  it('exposes exactly `deskApi` with the declared methods, all functions, through our channels only', async () => {
    await import('../../../src-main/preload');
    expect(Object.keys(exposed)).toEqual(['deskApi']);
    const api = exposed['deskApi'] as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...DESK_API_METHODS].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    const call = api as unknown as { version(): Promise<unknown>; openView(v: string): Promise<unknown> };
    await call.version();
    await call.openView('map');
    expect(invoked).toEqual([[DESK_CHANNELS.version], [DESK_CHANNELS.openView, { view: 'map' }]]);
  });

  it('the preload source hands the page no ipcRenderer, no require, no process', () => {
    const source = readFileSync(fileURLToPath(new URL('../../../src-main/preload.ts', import.meta.url)), 'utf8');
    expect(source.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(source).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer|\brequire\(|process\./);
  });
});
