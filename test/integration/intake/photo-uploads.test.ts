import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/case-service';
import { gridPoint, startIntakeServer, type IntakeServer } from '../support/intake-server';
import { json, jpegWithGps, photoForm } from './helpers';

describe.each(DIALECTS)('after-photos and check photos (%s)', (dialect) => {
  let server: IntakeServer;
  beforeAll(async () => {
    server = await startIntakeServer(dialect);
  });
  afterAll(async () => server.close());

  const upload = async (as: string) =>
    json<{ ok: boolean; photoIds: string[] }>(
      await fetch(`${server.url}/api/photos`, { method: 'POST', headers: { 'x-demo-user': as }, body: photoForm({}, [{ name: 'after.jpg', bytes: await jpegWithGps(800, 600) }]) }),
    );

  it('a department uploads its after-photo (cleaned), names it in its feedback, and the case keeps it', async () => {
    const { service } = server.parts;
    const at = await gridPoint(300);
    const report = await service.report({ categoryCode: 'E0101', channel: 'hotline', description: '小区门口暴露垃圾', lon: at.lon, lat: at.lat }, { userId: 'intake-1', role: 'intake' });
    if (!report.ok) throw new Error(report.code);
    const id = report.state.id;
    const cmd = (type: string, payload: Record<string, unknown>, actor: { userId: string; role: 'intake' | 'dispatcher' | 'department'; departmentId?: string }) =>
      service.execute({ commandId: `photo-test-${type}-${id}`, caseId: id, type, payload }, actor);
    const handler = { userId: 'handler-sanitation', role: 'department' as const, departmentId: 'sanitation' };
    await cmd('register', {}, { userId: 'intake-1', role: 'intake' });
    await cmd('dispatch', { leadDepartmentId: 'sanitation' }, { userId: 'dispatcher-1', role: 'dispatcher' });
    await cmd('accept', {}, handler);

    const uploaded = await upload('handler-sanitation');
    expect(uploaded).toMatchObject({ ok: true, photoIds: [expect.any(String)] });
    const photoId = uploaded.photoIds[0] as string;
    // Pending: nobody can fetch it until a command names it.
    expect((await fetch(`${server.url}/api/photos/${photoId}?as=handler-sanitation`)).status).toBe(404);
    // Someone else's pending photo cannot be claimed by naming it.
    const stranger = await upload('handler-roads');
    const fed = await cmd('feedback', { result: '已清运完毕', photoIds: [photoId, stranger.photoIds[0]] }, handler);
    expect(fed.ok).toBe(true);

    const seen = await fetch(`${server.url}/api/photos/${photoId}?as=dispatcher-1`);
    expect(seen.status).toBe(200);
    expect((await sharp(Buffer.from(await seen.arrayBuffer())).metadata()).exif).toBeUndefined();
    expect((await fetch(`${server.url}/api/photos/${photoId}?as=handler-sanitation`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/photos/${stranger.photoIds[0]}?as=handler-roads`)).status).toBe(404);
  });

  it('refuses an upload from someone it cannot identify, and a file that is no image', async () => {
    const anonymous = await fetch(`${server.url}/api/photos`, { method: 'POST', body: photoForm({}, [{ name: 'a.jpg', bytes: await jpegWithGps(100, 100) }]) });
    expect(anonymous.status).toBe(401);
    const text = await fetch(`${server.url}/api/photos`, { method: 'POST', headers: { 'x-demo-user': 'supervisor-110101001001' }, body: photoForm({}, [{ name: 'notes.jpg', bytes: new TextEncoder().encode('not an image') }]) });
    expect(text.status).toBe(415);
  });
});
