import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Camera } from '../../../src-shared/district/types';
import { cameraPlace } from '../../../src-server/intake/camera-alerts';
import { alarmPending } from '../../../src-shared/domain/emergency-response';
import { DIALECTS } from '../support/case-service';
import { KEYS, startIntakeServer, type IntakeServer } from '../support/intake-server';
import { json, jpegWithGps } from './helpers';

type Created = { ok: true; caseId: string; number: string; stage: string; duplicateOf?: string; replayed?: boolean };
type Refused = { ok: false; code: string };

describe.each(DIALECTS)('camera alerts (%s)', (dialect) => {
  let srv: IntakeServer;
  let cameras: Camera[];
  beforeAll(async () => {
    srv = await startIntakeServer(dialect);
    cameras = srv.parts.district.district.cameras;
  });
  afterAll(async () => srv?.close());

  const alert = (body: unknown, key = KEYS.camera) =>
    fetch(`${srv.url}/api/intake/camera-alerts`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: JSON.stringify(body) });

  it('reports at the camera, as the system, with the snapshot as a cleaned before photo; a resend is the same case', async () => {
    const camera = cameras[0] as Camera;
    const snapshot = (await jpegWithGps(1280, 720)).toString('base64');
    const body = { cameraId: camera.id, kind: 'street-vending', detectedAt: '2026-03-01T10:15:00+08:00', confidence: 0.91, snapshot };
    const response = await alert(body);
    expect(response.status).toBe(201);
    const created = await json<Created>(response);
    const state = await srv.parts.store.loadCase(created.caseId);
    const place = cameraPlace(camera, srv.parts.district);
    expect(state).toMatchObject({ channel: 'camera', categoryCode: 'E0502', place: { gridCode: camera.gridCodes[0] } });
    if ('lon' in place) expect(state?.place).toMatchObject({ lon: camera.lon, lat: camera.lat });
    expect(camera.gridCodes).toContain(state?.place.gridCode);
    // The operator reads when the camera saw it in Beijing time, whatever offset the gateway sent.
    expect(state?.description).toContain('2026-03-01 10:15:00');
    expect(state?.photos).toEqual([{ id: expect.any(String), phase: 'before' }]);
    expect((await srv.parts.store.caseTrail(created.caseId))[0]?.actor).toEqual({ userId: `camera:${camera.id}`, role: 'system' });

    const photo = await fetch(`${srv.url}/api/photos/${state?.photos[0]?.id}?as=dispatcher-1`);
    expect((await sharp(Buffer.from(await photo.arrayBuffer())).metadata()).exif).toBeUndefined();

    // The same detection resent (same instant, other notation): one case.
    const resent = await alert({ ...body, detectedAt: '2026-03-01T02:15:00Z' });
    expect(await json<Created>(resent)).toMatchObject({ caseId: created.caseId, replayed: true });
    expect(await srv.count('photos')).toBe(1);
  });

  it('an urgent detection (a crowd) is an urgent case on the duty desk, its alarm pending', async () => {
    const camera = cameras[5] as Camera;
    const response = await alert({ cameraId: camera.id, kind: 'crowd', detectedAt: '2026-03-01T21:40:00+08:00', confidence: 0.88 });
    expect(response.status).toBe(201);
    const state = await srv.parts.store.loadCase((await json<Created>(response)).caseId);
    expect(state).toMatchObject({ categoryCode: 'E0406', urgency: 'urgent', channel: 'camera' });
    expect(state && alarmPending(state)).toBe(true);
  });

  it('takes the snapshot as a multipart file too, and links a repeat of the same problem', async () => {
    const camera = cameras[5] as Camera;
    const form = new FormData();
    form.append('cameraId', camera.id);
    form.append('kind', 'E0109');
    form.append('detectedAt', '2026-03-01T11:00:00+08:00');
    form.append('snapshot', new Blob([new Uint8Array(await jpegWithGps(640, 480))], { type: 'image/jpeg' }), 'frame.jpg');
    const first = await fetch(`${srv.url}/api/intake/camera-alerts`, { method: 'POST', body: form, headers: { 'x-api-key': KEYS.camera } });
    expect(first.status).toBe(201);
    const created = await json<Created>(first);
    const later = await alert({ cameraId: camera.id, kind: 'overflowing-bin', detectedAt: '2026-03-01T11:05:00+08:00' });
    expect(await json<Created>(later)).toMatchObject({ stage: 'duplicate', duplicateOf: created.caseId });
  });

  it('refuses unknown cameras and kinds, bad keys and broken snapshots, storing nothing', async () => {
    const camera = cameras[9] as Camera;
    const before = { cases: await srv.count('cases'), photos: await srv.count('photos') };
    const good = { cameraId: camera.id, kind: 'laundry', detectedAt: '2026-03-01T12:00:00+08:00' };
    const unknown = await alert({ ...good, cameraId: 'cam-9999' });
    expect(unknown.status).toBe(404);
    expect(await json<Refused>(unknown)).toMatchObject({ code: 'UNKNOWN_CAMERA' });
    expect(await json<Refused>(await alert({ ...good, kind: 'E0401' }))).toMatchObject({ code: 'UNKNOWN_CAMERA_KIND' });
    expect((await alert(good, 'wrong-key')).status).toBe(403);
    const broken = await alert({ ...good, snapshot: Buffer.from('GIF89a not allowed').toString('base64') });
    expect(broken.status).toBe(415);
    expect((await alert({ ...good, detectedAt: 'yesterday' })).status).toBe(400);
    expect(await srv.count('cases')).toBe(before.cases);
    expect(await srv.count('photos')).toBe(before.photos);
  });
});
