import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jsonStore } from '../../../src-main/json-store';
import { layoutStore } from '../../../src-main/layout-store';
import { checkSettings, DEFAULT_SETTINGS, settingsStore } from '../../../src-main/settings';
import { memoryFs } from './memory-fs';

describe('jsonStore', () => {
  const schema = z.object({ n: z.number() });

  it('reads the fallback when the file does not exist, without a problem', async () => {
    const store = jsonStore({ path: '/u/x.json', schema, fallback: () => ({ n: 0 }), fs: memoryFs() });
    await expect(store.read()).resolves.toEqual({ value: { n: 0 } });
  });

  it('reads the fallback with the reason for broken JSON or a wrong shape', async () => {
    const fs = memoryFs({ '/u/a.json': '{', '/u/b.json': '{"n":"x"}' });
    const a = await jsonStore({ path: '/u/a.json', schema, fallback: () => ({ n: 0 }), fs }).read();
    const b = await jsonStore({ path: '/u/b.json', schema, fallback: () => ({ n: 0 }), fs }).read();
    expect(a).toEqual({ value: { n: 0 }, problem: '/u/a.json: not valid JSON' });
    expect(b.problem).toMatch(/^\/u\/b\.json: n: /);
  });

  it('writes through a temporary file and reads back what it wrote', async () => {
    const fs = memoryFs();
    const store = jsonStore({ path: '/u/x.json', schema, fallback: () => ({ n: 0 }), fs });
    await Promise.all([store.write({ n: 1 }), store.write({ n: 2 })]);
    expect(Object.keys(fs.files)).toEqual(['/u/x.json']);
    await expect(store.read()).resolves.toEqual({ value: { n: 2 } });
  });
});

describe('layoutStore (arrangement per profile and display set)', () => {
  const arrangement = [{ view: 'map' as const, displayId: 2, bounds: { x: 0, y: 0, width: 800, height: 600 } }];

  it('remembers an arrangement per profile and display set, across restarts', async () => {
    const fs = memoryFs();
    const first = layoutStore('/u/desk-layout.json', fs);
    await first.load();
    await first.set('dispatcher', '1:1920x1080+2:2560x1440', arrangement);
    const second = layoutStore('/u/desk-layout.json', fs);
    expect(await second.load()).toBeUndefined();
    expect(second.get('dispatcher', '1:1920x1080+2:2560x1440')).toEqual(arrangement);
    expect(second.get('duty', '1:1920x1080+2:2560x1440')).toBeUndefined();
    expect(second.get('dispatcher', '1:1920x1080')).toBeUndefined();
  });

  it('starts empty on a broken file and says why', async () => {
    const store = layoutStore('/u/desk-layout.json', memoryFs({ '/u/desk-layout.json': '{"version":2}' }));
    expect(await store.load()).toContain('desk-layout.json');
    expect(store.get('dispatcher', 'x')).toBeUndefined();
  });
});

describe('settings', () => {
  it('defaults to the embedded service, no profile, no camera or imagery origins', () => {
    expect(DEFAULT_SETTINGS).toEqual({ version: 1, service: { kind: 'embedded' }, cameraOrigins: [], imageryOrigins: [] });
  });

  it('accepts a shared service with an http(s) origin and a token, normalising the origin', () => {
    const check = checkSettings({
      profile: 'wall',
      service: { kind: 'shared', url: 'HTTPS://Grid.Example.gov.cn/', token: 'a-token-of-sixteen+' },
      cameraOrigins: ['http://10.1.2.3:8888'],
    });
    expect(check).toEqual({
      ok: true,
      settings: {
        version: 1,
        profile: 'wall',
        service: { kind: 'shared', url: 'https://grid.example.gov.cn', token: 'a-token-of-sixteen+' },
        cameraOrigins: ['http://10.1.2.3:8888'],
        imageryOrigins: [],
      },
    });
  });

  it.each([
    ['a non-http scheme', { service: { kind: 'shared', url: 'file:///etc' } }],
    ['javascript:', { service: { kind: 'shared', url: 'javascript:alert(1)' } }],
    ['credentials in the URL', { service: { kind: 'shared', url: 'https://u:p@grid.example' } }],
    ['a path', { service: { kind: 'shared', url: 'https://grid.example/api' } }],
    ['a short token', { service: { kind: 'shared', url: 'https://grid.example', token: 'short' } }],
    ['an unknown profile', { profile: 'boss' }],
    ['a camera origin with a query', { cameraOrigins: ['https://cam.example/?x=1'] }],
  ])('refuses %s', (_label, data) => {
    expect(checkSettings(data).ok).toBe(false);
  });

  it('is stored under userData as JSON and read back validated', async () => {
    const fs = memoryFs();
    const store = settingsStore('/u/desk-settings.json', fs);
    await store.write({ ...DEFAULT_SETTINGS, profile: 'duty' });
    await expect(store.read()).resolves.toEqual({ value: { ...DEFAULT_SETTINGS, profile: 'duty' } });
  });
});
