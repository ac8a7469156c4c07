import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebDesk, type RunningWebDesk } from '../../../src-server/web-desk';

/** The Electron desk's pages (app://desk) call the service across origins, with headers that need a preflight. */
describe('web desk HTTP: cross-origin calls from the Electron desk', () => {
  let desk: RunningWebDesk;

  beforeAll(async () => {
    desk = await startWebDesk({ host: '127.0.0.1', port: 0, districtDir: process.env['DISTRICT_DIR'], logger: pino({ level: 'silent' }), deadlines: false });
  });

  afterAll(async () => {
    await desk?.close();
  });

  it('answers the preflight of app://desk with the methods and headers the desk sends', async () => {
    const response = await fetch(`${desk.origin}/api/cases/snapshot`, {
      method: 'OPTIONS',
      headers: { origin: 'app://desk', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization, x-demo-user' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('app://desk');
    expect(response.headers.get('access-control-allow-headers')).toContain('x-demo-user');
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
  });

  it('lets app://desk read an answer, signed in with its header', async () => {
    const response = await fetch(`${desk.origin}/api/cameras`, { headers: { origin: 'app://desk', 'x-demo-user': 'dispatcher-1' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('app://desk');
    expect(((await response.json()) as { ok: boolean }).ok).toBe(true);
  });

  it('gives any other origin nothing to read, and refuses its preflight', async () => {
    const read = await fetch(`${desk.origin}/api/cameras`, { headers: { origin: 'https://evil.example', 'x-demo-user': 'dispatcher-1' } });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${desk.origin}/api/photos`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(403);
    expect(((await preflight.json()) as { code: string }).code).toBe('ORIGIN_NOT_ALLOWED');
  });
});
