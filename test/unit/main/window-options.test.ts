import { describe, expect, it } from 'vitest';
import { deskWebPreferences, deskWindowOptions, isDeskPage } from '../../../src-main/window-options';

describe('desk window security settings', () => {
  const options = deskWindowOptions('/app/out/preload/preload.cjs');

  it('isolates the page from Node and Electron', () => {
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('loads the given preload and nothing else of Node', () => {
    expect(deskWebPreferences('/x/preload.cjs').preload).toBe('/x/preload.cjs');
    expect(options.webPreferences.preload).toBe('/app/out/preload/preload.cjs');
  });

  it('opens hidden on the dark background, so a wall never flashes white', () => {
    expect(options.show).toBe(false);
    expect(options.backgroundColor).toBe('#0b1220');
  });
});

describe('isDeskPage (navigation guard)', () => {
  const packaged = 'file:///opt/desk/out/renderer/index.html';
  const dev = 'http://localhost:5173/index.html';

  it('allows the renderer itself, any view', () => {
    expect(isDeskPage('file:///opt/desk/out/renderer/index.html#/map', packaged)).toBe(true);
    expect(isDeskPage('http://localhost:5173/index.html#/kpi', dev)).toBe(true);
  });

  it('refuses other sites, other folders and other schemes', () => {
    expect(isDeskPage('https://example.com/', packaged)).toBe(false);
    expect(isDeskPage('file:///etc/passwd', packaged)).toBe(false);
    expect(isDeskPage('file:///opt/desk/out/renderer/../main/index.js', packaged)).toBe(false);
    expect(isDeskPage('http://localhost:5174/', dev)).toBe(false);
    expect(isDeskPage('https://localhost:5173/', dev)).toBe(false);
    expect(isDeskPage('javascript:alert(1)', dev)).toBe(false);
    expect(isDeskPage('data:text/html,hi', packaged)).toBe(false);
  });

  it('refuses anything that is not a URL, and an entry of an unknown scheme', () => {
    expect(isDeskPage('not a url', packaged)).toBe(false);
    expect(isDeskPage('file:///opt/desk/out/renderer/index.html', 'not a url')).toBe(false);
    expect(isDeskPage('app://desk/index.html', 'app://desk/index.html')).toBe(false);
  });
});
