import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/case-service';
import { gridPoint, startIntakeServer, type IntakeServer } from '../support/intake-server';
import { json, jpegWithGps, photoForm, smallPng } from './helpers';

type Created = { ok: true; caseId: string; number: string; stage: string; duplicateOf?: string; replayed?: boolean };
type Refused = { ok: false; code: string; message: { zh: string; en: string } };

const SUPERVISOR = 'supervisor-110101001001';

describe.each(DIALECTS)('supervisor reports over HTTP (%s)', (dialect) => {
  let srv: IntakeServer;
  let gps: Buffer;

  beforeAll(async () => {
    srv = await startIntakeServer(dialect, { maxPhotoBytes: 2 * 1024 * 1024 });
    gps = await jpegWithGps();
  });
  afterAll(async () => srv?.close());

  const post = (form: FormData, headers: Record<string, string> = { authorization: 'Bearer token-supervisor' }) =>
    fetch(`${srv.url}/api/intake/reports`, { method: 'POST', body: form, headers });

  async function stored() {
    return { cases: await srv.count('cases'), events: await srv.count('case_events'), photos: await srv.count('photos') };
  }

  it('creates the case with the supervisor as actor and stores the photos stripped of metadata', async () => {
    const p = await gridPoint(3);
    expect((await sharp(gps).metadata()).exif).toBeDefined();
    const response = await post(
      photoForm({ categoryCode: 'E0101', description: '胡同口暴露垃圾', lon: p.lon, lat: p.lat, address: '多福巷 12 号' }, [
        { name: 'a.jpg', bytes: gps },
        { name: 'b.png', bytes: await smallPng(), type: 'application/octet-stream' },
      ]),
    );
    expect(response.status).toBe(201);
    const body = await json<Created>(response);
    expect(body).toMatchObject({ ok: true, stage: 'reported' });
    expect(body.number).toMatch(/^DC\d{8}-\d{5}$/);

    const state = await srv.parts.store.loadCase(body.caseId);
    expect(state).toMatchObject({ channel: 'patrol', categoryCode: 'E0101', place: { gridCode: p.gridCode, lon: p.lon, lat: p.lat } });
    const [reported] = await srv.parts.store.caseTrail(body.caseId);
    expect(reported?.actor).toEqual({ userId: SUPERVISOR, role: 'supervisor' });
    expect(state?.photos).toHaveLength(2);

    const [jpegRef, pngRef] = state?.photos ?? [];
    const photo = await fetch(`${srv.url}/api/photos/${jpegRef?.id}`, { headers: { 'x-demo-user': 'dispatcher-1' } });
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    const bytes = Buffer.from(await photo.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.iptc).toBeUndefined();
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBe(2048);
    expect(bytes.includes('ACME-CAM')).toBe(false);
    expect(bytes.includes('Owner Wang')).toBe(false);
    // Declared octet-stream, stored by what it is.
    const png = await fetch(`${srv.url}/api/photos/${pngRef?.id}?as=intake-1`);
    expect(png.headers.get('content-type')).toBe('image/png');

    const rows = await srv.parts.db.all<{ case_id: string | null }>('SELECT case_id FROM photos');
    expect(rows.every((r) => r.case_id === body.caseId)).toBe(true);
  });

  it('serves photos only to signed-in people who may see the case', async () => {
    const [row] = await srv.parts.db.all<{ id: string }>('SELECT id FROM photos');
    expect((await fetch(`${srv.url}/api/photos/${row?.id}`)).status).toBe(401);
    // Exposed garbage is led by sanitation: the roads handler does not see it.
    expect((await fetch(`${srv.url}/api/photos/${row?.id}?as=handler-roads`)).status).toBe(404);
    expect((await fetch(`${srv.url}/api/photos/no-such-photo?as=dispatcher-1`)).status).toBe(404);
  });

  it('refuses an oversized or a fake photo with 413 / 415 and keeps nothing', async () => {
    const p = await gridPoint(5);
    const before = await stored();
    const big = Buffer.concat([gps, Buffer.alloc(2 * 1024 * 1024)]);
    const tooLarge = await post(photoForm({ categoryCode: 'E0101', description: 'x', lon: p.lon, lat: p.lat }, [{ name: 'big.jpg', bytes: big }]));
    expect(tooLarge.status).toBe(413);
    expect(await json<Refused>(tooLarge)).toMatchObject({ ok: false, code: 'PHOTO_TOO_LARGE' });

    const fake = Buffer.from('<html>not a photo</html>');
    const wrongType = await post(photoForm({ categoryCode: 'E0101', description: 'x', lon: p.lon, lat: p.lat }, [{ name: 'x.jpg', bytes: fake }]));
    expect(wrongType.status).toBe(415);
    const refused = await json<Refused>(wrongType);
    expect(refused.code).toBe('PHOTO_TYPE');
    expect(refused.message.zh).toContain('x.jpg');

    const ten = Array.from({ length: 10 }, (_, i) => ({ name: `${i}.png`, bytes: fake }));
    const tooMany = await post(photoForm({ categoryCode: 'E0101', description: 'x', lon: p.lon, lat: p.lat }, ten));
    expect(tooMany.status).toBe(413);
    expect(await json<Refused>(tooMany)).toMatchObject({ code: 'TOO_MANY_PHOTOS' });
    expect(await stored()).toEqual(before);
  });

  it.each([
    ['outside the district', { categoryCode: 'E0101', description: 'x', lon: 116.0, lat: 39.5 }, 422, 'OUTSIDE_DISTRICT'],
    ['an unknown category', { categoryCode: 'E9999', description: 'x', gridCode: 'GRID' }, 422, 'UNKNOWN_CATEGORY'],
    ['an unknown grid', { categoryCode: 'E0101', description: 'x', gridCode: '11010199999999' }, 422, 'UNKNOWN_GRID'],
    ['no description', { categoryCode: 'E0101', gridCode: 'GRID' }, 400, 'VALIDATION_FAILED'],
    ['no location', { categoryCode: 'E0101', description: 'x' }, 400, 'LOCATION_REQUIRED'],
    ['a malformed longitude', { categoryCode: 'E0101', description: 'x', lon: 'east', lat: 39.9 }, 400, 'VALIDATION_FAILED'],
  ])('refuses a report %s and stores nothing, photo included', async (_label, fields, status, code) => {
    const p = await gridPoint(7);
    const withGrid = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v === 'GRID' ? p.gridCode : v]));
    const before = await stored();
    const response = await post(photoForm(withGrid, [{ name: 'a.jpg', bytes: gps }]));
    expect(response.status).toBe(status);
    expect(await json<Refused>(response)).toMatchObject({ ok: false, code });
    expect(await stored()).toEqual(before);
  });

  it('asks who is reporting, and refuses roles that may not report', async () => {
    const p = await gridPoint(9);
    const before = await stored();
    const anonymous = await post(photoForm({ categoryCode: 'E0101', description: 'x', gridCode: p.gridCode }), {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    const badToken = await post(photoForm({ categoryCode: 'E0101', description: 'x', gridCode: p.gridCode }), { authorization: 'Bearer nope' });
    expect(badToken.status).toBe(401);
    const leader = await post(photoForm({ categoryCode: 'E0101', description: 'x', gridCode: p.gridCode }, [{ name: 'a.jpg', bytes: gps }]), { 'x-demo-user': 'leader-1' });
    expect(leader.status).toBe(403);
    expect(await stored()).toEqual(before);
  });

  it('refuses a body that is not multipart with 415', async () => {
    const response = await fetch(`${srv.url}/api/intake/reports`, {
      method: 'POST',
      headers: { authorization: 'Bearer token-supervisor', 'content-type': 'application/json' },
      body: JSON.stringify({ categoryCode: 'E0101' }),
    });
    expect(response.status).toBe(415);
    expect(await json<Refused>(response)).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('makes one case of a terminal resend, and links a second report of the same problem', async () => {
    const p = await gridPoint(11);
    const fields = { categoryCode: 'E0109', description: '垃圾桶满溢', lon: p.lon, lat: p.lat, reportId: 'terminal-42' };
    const first = await json<Created>(await post(photoForm(fields, [{ name: 'a.jpg', bytes: await smallPng() }])));
    const photosAfterFirst = await srv.count('photos');
    const resend = await post(photoForm(fields, [{ name: 'a.jpg', bytes: await smallPng() }]));
    expect(resend.status).toBe(200);
    expect(await json<Created>(resend)).toMatchObject({ caseId: first.caseId, replayed: true });
    expect(await srv.count('photos')).toBe(photosAfterFirst);

    const again = await json<Created>(await post(photoForm({ ...fields, reportId: 'terminal-43', lon: p.lon + 0.0001 })));
    expect(again).toMatchObject({ stage: 'duplicate', duplicateOf: first.caseId });
  });
});
