import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapSettingsSchema } from '../../../src-shared/contract/map';
import { DistrictSummarySchema } from '../../../src-shared/district-summary';
import { startWebDesk, type RunningWebDesk } from '../../../src-server/web-desk';

/** A raw GET: unlike fetch(), node:http sends the path as written, "/../" and all. */
function rawGet(origin: string, path: string): Promise<{ status: number; type: string; body: string }> {
  const { hostname, port } = new URL(origin);
  return new Promise((done, fail) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('web desk HTTP: static renderer and district summary', () => {
  let scratch: string;
  let desk: RunningWebDesk;

  beforeAll(async () => {
    // A stand-in renderer build, with a secret next to (not inside) the web root to reach for.
    scratch = await mkdtemp(join(tmpdir(), 'web-desk-'));
    const webRoot = join(scratch, 'renderer');
    await mkdir(join(webRoot, 'assets'), { recursive: true });
    await writeFile(join(webRoot, 'index.html'), '<!doctype html><title>desk</title><div id="desk"></div>');
    await writeFile(join(webRoot, 'assets', 'index-abc.js'), 'console.log("desk")');
    await writeFile(join(webRoot, 'assets', 'index-abc.css'), 'body{}');
    await writeFile(join(scratch, 'secret.txt'), 'SECRET-OUTSIDE-WEB-ROOT');
    // DISTRICT_DIR runs the same checks against another generated district; default resources/district.
    desk = await startWebDesk({
      host: '127.0.0.1',
      port: 0,
      rendererDir: webRoot,
      districtDir: process.env['DISTRICT_DIR'],
      logger: pino({ level: 'silent' }),
      // A deployment's camera gateways and map servers: the page policy must let the pages reach them.
      video: {
        demoStreams: false,
        cameraUrls: { 'cam-a': 'http://10.20.0.5:8888/cam-a/index.m3u8', 'cam-b': 'https://video.example.gov.cn:8443/b.m3u8' },
      },
      map: mapSettingsSchema.parse({
        imagery: { kind: 'xyz', url: 'https://tiles.example.gov.cn/{z}/{x}/{y}.png' },
        buildingsUrl: 'https://tiles3d.example.gov.cn/dongcheng/tileset.json',
      }),
    });
  });

  afterAll(async () => {
    await desk?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('listens on an ephemeral loopback port and names the queue URL', () => {
    expect(desk.port).toBeGreaterThan(0);
    expect(desk.deskUrl).toBe(`http://127.0.0.1:${desk.port}/#/queue`);
  });

  it('answers the district summary of the demo district', async () => {
    const response = await fetch(`${desk.origin}/api/district/summary`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const summary = DistrictSummarySchema.parse(await response.json());
    expect(summary.streets).toBe(17);
    expect(summary.communities).toBe(169);
    expect(summary.grids).toBeGreaterThan(1_500);
    expect(summary.grids).toBeLessThan(1_800);
    expect(summary.gridTypes.A + summary.gridTypes.B + summary.gridTypes.C).toBe(summary.grids);
    expect(summary.byStreet).toHaveLength(17);
    expect(summary.byStreet.reduce((sum, street) => sum + street.communities, 0)).toBe(169);
    expect(summary.byStreet.reduce((sum, street) => sum + street.grids, 0)).toBe(summary.grids);
    for (const street of summary.byStreet) expect(street.communities).toBeGreaterThan(0);
    expect(summary.components).toBeGreaterThan(0);
    expect(summary.componentKinds).toBeGreaterThan(0);
    expect(summary.cameras).toBeGreaterThan(0);
    expect(summary.departments).toBeGreaterThan(0);
    expect(summary.users).toBeGreaterThan(0);
  });

  it('serves the renderer with the right content types', async () => {
    const page = await fetch(`${desk.origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<div id="desk">');

    const script = await fetch(`${desk.origin}/assets/index-abc.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toContain('immutable');
    const style = await fetch(`${desk.origin}/assets/index-abc.css`);
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const head = await fetch(`${desk.origin}/index.html`, { method: 'HEAD' });
    expect(head.status).toBe(200);
  });

  it.each([
    '/../secret.txt',
    '/../package.json',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets/..%5c..%5csecret.txt',
    '/%2e%2e%2f%2e%2e%2fpackage.json',
  ])('refuses the traversal %s', async (path) => {
    const answer = await rawGet(desk.origin, path);
    expect(answer.status).toBe(403);
    expect(answer.body).not.toContain('SECRET');
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, code: 'FORBIDDEN_PATH' });
  });

  it('answers 404 JSON for unknown pages and API paths', async () => {
    for (const path of ['/no-such-page.html', '/api/no-such-thing']) {
      const response = await fetch(`${desk.origin}${path}`);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const body: unknown = await response.json();
      expect(body).toMatchObject({ ok: false, code: 'NOT_FOUND' });
      expect((body as { message: string }).message).toContain(path);
    }
  });

  it('refuses methods a static file does not take', async () => {
    const response = await fetch(`${desk.origin}/index.html`, { method: 'POST', body: 'x' });
    expect(response.status).toBe(405);
    expect(await response.json()).toMatchObject({ ok: false, code: 'METHOD_NOT_ALLOWED' });
  });

  it('sends the Content-Security-Policy with the renderer\'s pages, built from the service config', async () => {
    const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `));
    for (const path of ['/', '/index.html']) {
      const page = await fetch(`${desk.origin}${path}`);
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      const csp = page.headers.get('content-security-policy') ?? '';
      // Our own scripts only; WebAssembly may compile (Cesium), JavaScript eval may not.
      expect(directive(csp, 'script-src')).toBe("script-src 'self' 'wasm-unsafe-eval'");
      expect(csp).not.toContain("'unsafe-eval'");
      expect(directive(csp, 'worker-src')).toBe("worker-src 'self' blob:");
      expect(directive(csp, 'object-src')).toBe("object-src 'none'");
      // The service is the page's own origin ('self' covers its socket); the configured gateways and map servers, nothing else.
      expect(directive(csp, 'connect-src')).toBe(
        "connect-src 'self' http://10.20.0.5:8888 https://video.example.gov.cn:8443 https://tiles.example.gov.cn https://tiles3d.example.gov.cn",
      );
      expect(directive(csp, 'media-src')).toBe("media-src 'self' blob: http://10.20.0.5:8888 https://video.example.gov.cn:8443");
      expect(directive(csp, 'img-src')).toContain('https://tiles.example.gov.cn');
      expect(csp).not.toContain('127.0.0.1');
    }
  });

  it('sends no policy with JSON, scripts or refusals (a policy governs documents), but nosniff everywhere', async () => {
    for (const path of ['/api/district/summary', '/assets/index-abc.js', '/no-such-page.html', '/api/no-such-thing']) {
      const response = await fetch(`${desk.origin}${path}`);
      expect(response.headers.get('content-security-policy')).toBeNull();
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});
