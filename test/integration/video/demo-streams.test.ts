import { fork } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraListAnswer } from '../../../src-shared/contract/video';
import { startWebDesk, type RunningWebDesk } from '../../../src-server/web-desk';

const FFMPEG = '/usr/bin/ffmpeg';
const AS = { 'x-demo-user': 'dispatcher-1' };

async function get(desk: RunningWebDesk, path: string, headers: Record<string, string> = AS): Promise<Response> {
  return fetch(`${desk.origin}${path}`, { headers });
}

async function startDesk(video: Parameters<typeof startWebDesk>[0]['video']): Promise<RunningWebDesk> {
  return startWebDesk({ host: '127.0.0.1', port: 0, logger: pino({ level: 'silent' }), deadlines: false, ...(video ? { video } : {}) });
}

describe.skipIf(!existsSync(FFMPEG))('demo camera streams (real ffmpeg)', () => {
  let desk: RunningWebDesk;

  beforeAll(async () => {
    desk = await startDesk({ maxEncoders: 2, idleSeconds: 3 });
  });
  afterAll(async () => {
    await desk?.close();
  });

  it('lists every camera with its stream, for a signed-in person only', async () => {
    expect((await get(desk, '/api/cameras', {})).status).toBe(401);
    const list = (await (await get(desk, '/api/cameras')).json()) as CameraListAnswer;
    expect(list.video).toMatchObject({ available: true, source: 'demo', maxStreams: 2 });
    expect(list.cameras.length).toBe(desk.parts.district.district.cameras.length);
    const first = list.cameras[0];
    expect(first).toMatchObject({ id: 'cam-0001', hlsUrl: '/video/cam-0001/index.m3u8', live: true });
    expect(first?.gridCodes.length).toBeGreaterThan(0);
  });

  it('starts an encoder on the first playlist request and serves a live playlist and MPEG-TS segments', async () => {
    const t0 = performance.now();
    const playlist = await get(desk, '/video/cam-0001/index.m3u8');
    const startMs = Math.round(performance.now() - t0);
    console.info(`encoder start → first playlist: ${startMs} ms`);
    expect(playlist.status).toBe(200);
    expect(playlist.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    const text = await playlist.text();
    expect(text).toMatch(/^#EXTM3U/);
    expect(text).toContain('#EXTINF');
    expect(text).not.toContain('#EXT-X-ENDLIST');
    expect(startMs).toBeLessThan(8_000);
    const segment = /^(seg\d+\.ts)$/m.exec(text)?.[1];
    expect(segment).toBeDefined();
    const ts = await get(desk, `/video/cam-0001/${segment}`);
    expect(ts.status).toBe(200);
    expect(ts.headers.get('content-type')).toBe('video/mp2t');
    const bytes = new Uint8Array(await ts.arrayBuffer());
    // MPEG-TS: 188-byte packets, each starting with the sync byte 0x47.
    expect(bytes.length % 188).toBe(0);
    expect(bytes[0]).toBe(0x47);
    expect(bytes[188]).toBe(0x47);
    expect(desk.video.streams?.running()).toEqual(['cam-0001']);
  });

  it('refuses, politely, a stream over the cap and names nothing it does not serve', async () => {
    expect((await get(desk, '/video/cam-0002/index.m3u8')).status).toBe(200);
    const over = await get(desk, '/video/cam-0003/index.m3u8');
    expect(over.status).toBe(503);
    expect(over.headers.get('retry-after')).toBe('5');
    const body = (await over.json()) as { code: string; message: { zh: string; en: string } };
    expect(body.code).toBe('VIDEO_BUSY');
    expect(body.message.en).toContain('At most 2');
    expect((await get(desk, '/video/no-such-camera/index.m3u8')).status).toBe(404);
    expect((await get(desk, '/video/cam-0001/..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
    expect((await get(desk, '/video/cam-0003/index.m3u8', {})).status).toBe(401);
  });

  it('stops an encoder nobody asks for, and starts it again on the next request', async () => {
    const streams = desk.video.streams;
    // Keep cam-0001 asked for; cam-0002 goes idle (idleSeconds: 3).
    const keep = setInterval(() => void get(desk, '/video/cam-0001/index.m3u8'), 1_000);
    try {
      await expect.poll(() => streams?.running(), { timeout: 10_000, interval: 250 }).toEqual(['cam-0001']);
    } finally {
      clearInterval(keep);
    }
    expect((await get(desk, '/video/cam-0002/index.m3u8')).status).toBe(200);
    expect(streams?.running().sort()).toEqual(['cam-0001', 'cam-0002']);
  });

  it('plays a camera reopened while its old encoder is still stopping (the old one does not take the new files)', async () => {
    const streams = desk.video.streams;
    // A tile closed and opened again at once: the idle stop is still running when the request comes.
    const stopping = streams?.stop('cam-0002');
    const again = await get(desk, '/video/cam-0002/index.m3u8');
    await stopping;
    expect(again.status).toBe(200);
    const segment = /^(seg\d+\.ts)$/m.exec(await again.text())?.[1];
    // A second later the new encoder is still writing where the playlist says.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await get(desk, '/video/cam-0002/index.m3u8')).status).toBe(200);
    expect((await get(desk, `/video/cam-0002/${segment}`)).status).toBe(200);
    expect(streams?.running()).toContain('cam-0002');
  });

  it('restarts a crashed encoder on the next playlist request, continuing the media sequence', async () => {
    const before = await (await get(desk, '/video/cam-0002/index.m3u8')).text();
    const pid = desk.video.streams?.pidOf('cam-0002');
    expect(pid).toBeDefined();
    process.kill(pid as number, 'SIGKILL');
    await expect.poll(() => desk.video.streams?.running().includes('cam-0002'), { timeout: 5_000 }).toBe(false);
    const after = await get(desk, '/video/cam-0002/index.m3u8');
    expect(after.status).toBe(200);
    const sequence = (text: string) => Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(text)?.[1]);
    expect(sequence(await after.text())).toBeGreaterThan(sequence(before));
    expect(desk.video.streams?.pidOf('cam-0002')).not.toBe(pid);
  });

  it('stops every encoder and removes its files when the service closes', async () => {
    const other = await startDesk({ maxEncoders: 1 });
    expect((await get(other, '/video/cam-0005/index.m3u8')).status).toBe(200);
    const pid = other.video.streams?.pidOf('cam-0005') as number;
    await other.close();
    expect(() => process.kill(pid, 0)).toThrow();
  });
});

/** 'gone' when the process no longer runs (a zombie nobody reaped counts as gone: it runs nothing). */
function processState(pid: number): 'running' | 'gone' {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z') ? 'gone' : 'running';
  } catch {
    return 'gone';
  }
}

describe.skipIf(!existsSync(FFMPEG))('a service that exits without closing', () => {
  it('takes its ffmpeg encoders with it', async () => {
    const child = fork(fileURLToPath(new URL('fixtures/exit-with-encoder.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const said = await new Promise<{ ok: boolean; pid: number }>((resolve, reject) => {
      child.once('message', (m) => resolve(m as { ok: boolean; pid: number }));
      child.once('exit', (code) => reject(new Error(`exited with ${code} before it said anything`)));
    });
    expect(said.ok).toBe(true);
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
    // Killed with SIGKILL as the service exited: gone at once, not left encoding for nobody.
    await expect.poll(() => processState(said.pid), { timeout: 2_000 }).toBe('gone');
  }, 30_000);
});

describe('without ffmpeg', () => {
  it('lists the cameras and says why there is no video', async () => {
    const desk = await startDesk({ ffmpegPath: '/nonexistent/ffmpeg' });
    try {
      const list = (await (await get(desk, '/api/cameras')).json()) as CameraListAnswer;
      expect(list.video.available).toBe(false);
      expect(list.video.reason?.en).toContain('ffmpeg was not found');
      expect(list.video.reason?.zh).toContain('ffmpeg');
      expect(list.cameras.every((c) => c.hlsUrl === null && !c.live)).toBe(true);
      expect((await get(desk, '/video/cam-0001/index.m3u8')).status).not.toBe(200);
    } finally {
      await desk.close();
    }
  });

  it('plays configured gateway URLs without any encoder', async () => {
    const desk = await startDesk({ ffmpegPath: '/nonexistent/ffmpeg', cameraUrls: { 'cam-0001': 'https://gateway.example/cam-0001/index.m3u8' } });
    try {
      const list = (await (await get(desk, '/api/cameras')).json()) as CameraListAnswer;
      expect(list.video).toMatchObject({ available: true, source: 'gateway' });
      expect(list.cameras.find((c) => c.id === 'cam-0001')).toMatchObject({ hlsUrl: 'https://gateway.example/cam-0001/index.m3u8', live: true });
      expect(list.cameras.find((c) => c.id === 'cam-0002')).toMatchObject({ hlsUrl: null, live: false });
    } finally {
      await desk.close();
    }
  });
});
