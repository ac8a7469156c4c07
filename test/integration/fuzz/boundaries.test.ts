import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningWebDesk } from '../../../src-server/web-desk';
import { startFuzzDesk } from '../../support/fuzz-desk';
import { fuzzHttp, fuzzRawFrames, fuzzSocket, fuzzSockets, storedState } from '../../support/fuzz';
import { DIALECTS, freshStorage } from '../support/case-service';

/**
 * Every socket event and HTTP route of the service, fed malformed payloads (a short run; the long
 * one is `npm run bench -- fuzz`): no crash, every refusal a code and a message, no request left
 * unanswered, and nothing stored changes. FUZZ_SEED replays a run.
 */
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261206);
const SOCKET_PAYLOADS = 1_500;
const HTTP_REQUESTS = 700;

describe.each(DIALECTS)('boundaries under malformed input (%s)', (dialect) => {
  let desk: RunningWebDesk;
  let drop: () => Promise<void>;
  let supervisorId: string;

  beforeAll(async () => {
    const storage = await freshStorage(dialect);
    drop = storage.drop;
    ({ desk, supervisorId } = await startFuzzDesk(storage.storage));
  });

  afterAll(async () => {
    await desk?.close();
    await drop?.();
  });

  it('walks every API route the service serves', () => {
    // The fuzzer reads the routes from the running server, so a new route is fuzzed too.
    expect(desk.routes.length).toBeGreaterThan(20);
    expect(desk.routes.map((r) => r.path)).toEqual(expect.arrayContaining(['/api/photos', '/api/intake/hotline', '/api/replay/:day']));
  });

  it('refuses text no database can keep (NUL, a lone surrogate) with its field, where PostgreSQL used to fail', async () => {
    const before = await storedState(desk);
    const grid = desk.parts.district.district.grids[0]!;
    const socket = await fuzzSocket(desk.origin, supervisorId);
    try {
      const report = (description: string) =>
        socket.timeout(5_000).emitWithAck('case:report', { commandId: `nul-${description.length}`, payload: { categoryCode: 'C0101', channel: 'patrol', description, lon: grid.centroid[0], lat: grid.centroid[1] } }) as Promise<{ ok: boolean; code?: string; message?: { en: string } }>;
      for (const bad of ['井盖\u0000缺失', '井盖\ud800缺失']) {
        const answer = await report(bad);
        expect(answer.code).toBe('VALIDATION_FAILED');
        expect(answer.message?.en).toContain('case:report.0.payload.description holds a NUL character or broken Unicode');
      }
    } finally {
      socket.disconnect();
    }
    const byNumber = await fetch(`${desk.origin}/open311/v2/requests/%00.json`);
    expect(byNumber.status).toBe(400);
    expect(((await byNumber.json()) as { code: string }).code).toBe('VALIDATION_FAILED');
    const hotline = await fetch(`${desk.origin}/api/intake/hotline`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'fuzz-hotline-key' },
      body: JSON.stringify({ ticketId: 'T\u0000', description: '井盖' }),
    });
    expect(hotline.status).toBe(400);
    expect(await storedState(desk)).toEqual(before);
  });

  it('refuses an upload cut off inside a photo, and keeps serving (it used to crash the service)', async () => {
    const before = await storedState(desk);
    const body = '--cut\r\nContent-Disposition: form-data; name="photo"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff\xe0 and then nothing';
    const answer = await fetch(`${desk.origin}/api/photos?as=${supervisorId}`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=cut' },
      body,
    });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { code: string }).code).toBe('VALIDATION_FAILED');
    expect((await fetch(`${desk.origin}/api/district/summary`)).status).toBe(200);
    expect(await storedState(desk)).toEqual(before);
  });

  it('answers bytes that are not HTTP with a code, and a sign-out whose stray body follows it with its own answer', async () => {
    const raw = (bytes: string) =>
      new Promise<string>((resolve, reject) => {
        const url = new URL(desk.origin);
        const socket = connect(Number(url.port), url.hostname, () => socket.end(bytes));
        const chunks: Buffer[] = [];
        socket.on('data', (c: Buffer) => chunks.push(c));
        socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
        socket.on('error', reject);
      });
    const garbage = await raw('HELLO \u0001 there\r\n\r\n');
    expect(garbage).toMatch(/^HTTP\/1\.1 400/);
    expect(garbage).toContain('"code":"MALFORMED_HTTP"');
    // A DELETE with a body and no length: the body is read as a broken next request. The
    // sign-out still gets its own refusal (not Node's bare 400 written over it), and only that.
    const signOut = await raw('DELETE /api/session HTTP/1.1\r\nhost: x\r\nauthorization: Bearer nope\r\n\r\n{"junk": true}\r\n\r\n');
    expect(signOut).toMatch(/^HTTP\/1\.1 401/);
    expect(signOut).toContain('"code":"SESSION_EXPIRED"');
    expect(signOut.match(/HTTP\/1\.1/g)).toHaveLength(1);
  });

  it('refuses every malformed socket payload in words, answers each one, and changes nothing', async () => {
    const before = await storedState(desk);
    const heapBefore = process.memoryUsage().heapUsed;
    const figures = await fuzzSockets(desk, { seed: SEED, payloads: SOCKET_PAYLOADS, as: 'dispatcher-1' });
    await fuzzSockets(desk, { seed: SEED + 1, payloads: SOCKET_PAYLOADS / 3, as: 'handler-sanitation' }, figures);
    // A grid supervisor may report: malformed reports get past the role check, deep into the write path.
    await fuzzSockets(desk, { seed: SEED + 2, payloads: SOCKET_PAYLOADS / 3, as: supervisorId }, figures);
    expect(figures.socketPayloads).toBe(SOCKET_PAYLOADS + (2 * SOCKET_PAYLOADS) / 3);
    expect(figures.accepted).toEqual([]);
    expect(figures.unclear).toEqual([]);
    expect(figures.unanswered).toEqual([]);
    expect([...figures.refusals.keys()]).toEqual(expect.arrayContaining(['VALIDATION_FAILED']));
    expect(await storedState(desk)).toEqual(before);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(300e6);
  });

  it('survives raw frames no client library would send, and still serves a proper client', async () => {
    const before = await storedState(desk);
    const figures = await fuzzRawFrames(desk, { seed: SEED, frames: 400, as: 'dispatcher-1' });
    expect(figures.socketPayloads).toBe(400);
    expect(await storedState(desk)).toEqual(before);
    const socket = await fuzzSocket(desk.origin, 'dispatcher-1');
    try {
      const answer = (await socket.timeout(5_000).emitWithAck('people:directory', {})) as { ok: boolean };
      expect(answer.ok).toBe(true);
    } finally {
      socket.disconnect();
    }
  });

  it('answers every hostile HTTP request with a refusal in words, never a 5xx, and changes nothing', async () => {
    const before = await storedState(desk);
    const figures = await fuzzHttp(desk, { seed: SEED, requests: HTTP_REQUESTS });
    expect(figures.httpRequests).toBe(HTTP_REQUESTS);
    expect(figures.serverErrors).toEqual([]);
    expect(figures.unclear).toEqual([]);
    expect(figures.unanswered).toEqual([]);
    expect(await storedState(desk)).toEqual(before);
    // Still serving: the service survived it all.
    const summary = await fetch(`${desk.origin}/api/district/summary`);
    expect(summary.status).toBe(200);
  });
});
