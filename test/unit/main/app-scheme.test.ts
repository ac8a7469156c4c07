import { describe, expect, it } from 'vitest';
import { answerAppRequest, APP_ENTRY, appFileOf, type AppSchemeDeps } from '../../../src-main/app-scheme';

const dir = '/opt/desk/out/renderer';

function deps(files: Record<string, string | Error>, policy = "default-src 'self'"): AppSchemeDeps & { logs: string[]; policies: number } {
  const logs: string[] = [];
  const result = {
    logs,
    policies: 0,
    rendererDir: dir,
    readFile: async (path: string) => {
      const file = files[path];
      if (file instanceof Error) throw file;
      if (file === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return new TextEncoder().encode(file);
    },
    csp: () => {
      result.policies += 1;
      return policy;
    },
    log: (line: string) => void logs.push(line),
  };
  return result;
}

describe('app:// URLs → files of out/renderer', () => {
  it('maps the entry and the build\'s relative assets into the folder', () => {
    expect(APP_ENTRY).toBe('app://desk/index.html');
    expect(appFileOf(dir, 'app://desk/')).toEqual({ kind: 'file', filePath: `${dir}/index.html` });
    expect(appFileOf(dir, `${APP_ENTRY}?as=dispatcher-01#/map`)).toEqual({ kind: 'file', filePath: `${dir}/index.html` });
    expect(appFileOf(dir, 'app://desk/cesium/Workers/createVerticesFromHeightmap.js')).toEqual({
      kind: 'file',
      filePath: `${dir}/cesium/Workers/createVerticesFromHeightmap.js`,
    });
    expect(appFileOf(dir, 'app://desk/assets/%E5%9C%B0%E5%9B%BE.png')).toEqual({ kind: 'file', filePath: `${dir}/assets/地图.png` });
  });

  it.each([
    'app://desk/..%2f..%2fmain/index.js',
    'app://desk/assets/..%5c..%5cpreload.cjs',
    'app://desk/%00index.html',
    'app://desk/%E0%A4%A',
    'app://other/index.html',
    'app://user@desk/index.html',
    'file:///opt/desk/out/renderer/index.html',
    'not a url',
  ])('names no file for %s', (url) => {
    expect(appFileOf(dir, url).kind).toBe('not-found');
  });

  it('a plain "../" never leaves the folder: the URL is normalised before we see it', () => {
    const target = appFileOf(dir, 'app://desk/../../etc/passwd');
    expect(target).toEqual({ kind: 'file', filePath: `${dir}/etc/passwd` });
  });
});

describe('answers of the app:// handler', () => {
  const files = {
    [`${dir}/index.html`]: '<!doctype html><div id="desk"></div>',
    [`${dir}/assets/index-abc.js`]: 'export {}',
    [`${dir}/cesium/ThirdParty/draco_decoder.wasm`]: '\0asm',
    [`${dir}/cesium/Workers/transferTypedArrayTest.js`]: 'self.onmessage = () => {}',
  };

  it('HTML pages carry the policy, built at each load; scripts, workers and wasm carry their type and nosniff, no policy', async () => {
    const d = deps(files, "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'");
    const page = await answerAppRequest({ url: APP_ENTRY, method: 'GET' }, d);
    expect(page).toMatchObject({ status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'" } });
    await answerAppRequest({ url: 'app://desk/index.html#/wall', method: 'GET' }, d);
    expect(d.policies).toBe(2);
    for (const [url, type] of [
      ['app://desk/assets/index-abc.js', 'text/javascript; charset=utf-8'],
      ['app://desk/cesium/Workers/transferTypedArrayTest.js', 'text/javascript; charset=utf-8'],
      ['app://desk/cesium/ThirdParty/draco_decoder.wasm', 'application/wasm'],
    ] as const) {
      const answer = await answerAppRequest({ url, method: 'GET' }, d);
      expect(answer.headers).toEqual({ 'Content-Type': type, 'X-Content-Type-Options': 'nosniff' });
    }
    expect(d.policies).toBe(2);
  });

  it('HEAD has the headers and no body; other methods are refused', async () => {
    const d = deps(files);
    const head = await answerAppRequest({ url: APP_ENTRY, method: 'HEAD' }, d);
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
    const post = await answerAppRequest({ url: APP_ENTRY, method: 'POST' }, d);
    expect(post.status).toBe(405);
    expect(JSON.parse(String(post.body))).toMatchObject({ ok: false, code: 'METHOD_NOT_ALLOWED' });
  });

  it('a missing file or folder is a quiet 404; a refused path and an unreadable file are logged', async () => {
    const d = deps({ ...files, [`${dir}/assets/locked.js`]: Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }) });
    for (const url of ['app://desk/no-such-view.html', 'app://desk/assets']) {
      const answer = await answerAppRequest({ url, method: 'GET' }, d);
      expect(answer.status).toBe(404);
      expect(JSON.parse(String(answer.body))).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    }
    expect(d.logs).toEqual([]);
    expect((await answerAppRequest({ url: 'app://desk/assets/locked.js', method: 'GET' }, d)).status).toBe(404);
    expect((await answerAppRequest({ url: 'app://desk/..%2fmain/index.js', method: 'GET' }, d)).status).toBe(404);
    expect(d.logs).toEqual([expect.stringContaining('EACCES'), expect.stringContaining('refused: path climbs out of the web root')]);
  });
});
