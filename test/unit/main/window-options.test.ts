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
  const built = 'app://desk/index.html';
  const dev = 'http://localhost:5173/index.html';

  it('allows the renderer itself, any view', () => {
    expect(isDeskPage('app://desk/index.html#/map', built)).toBe(true);
    expect(isDeskPage('app://desk/index.html?as=dispatcher-01#/queue', built)).toBe(true);
    // A permission check may name only the origin.
    expect(isDeskPage('app://desk', built)).toBe(true);
    expect(isDeskPage('http://localhost:5173/index.html#/kpi', dev)).toBe(true);
  });

  it('refuses other sites, other app:// hosts, file:// and other schemes', () => {
    expect(isDeskPage('https://example.com/', built)).toBe(false);
    expect(isDeskPage('app://evil/index.html', built)).toBe(false);
    expect(isDeskPage('app://desk.evil/index.html', built)).toBe(false);
    expect(isDeskPage('app://desk:8080/index.html', built)).toBe(false);
    expect(isDeskPage('app://someone@desk/index.html', built)).toBe(false);
    expect(isDeskPage('file:///opt/desk/out/renderer/index.html', built)).toBe(false);
    expect(isDeskPage('file:///etc/passwd', built)).toBe(false);
    expect(isDeskPage('http://localhost:5174/', dev)).toBe(false);
    expect(isDeskPage('https://localhost:5173/', dev)).toBe(false);
    expect(isDeskPage('app://desk/index.html', dev)).toBe(false);
    expect(isDeskPage('javascript:alert(1)', dev)).toBe(false);
    expect(isDeskPage('data:text/html,hi', built)).toBe(false);
  });

  it('refuses anything that is not a URL, and an entry of a scheme we do not serve from', () => {
    expect(isDeskPage('not a url', built)).toBe(false);
    expect(isDeskPage('app://desk/index.html', 'not a url')).toBe(false);
    // The desk no longer loads from file://: such an entry admits nothing, not even itself.
    expect(isDeskPage('file:///opt/desk/out/renderer/index.html', 'file:///opt/desk/out/renderer/index.html')).toBe(false);
  });
});
