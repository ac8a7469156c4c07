import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../../src-shared/catalog/categories';
import { DIALECTS, newCommandId } from '../support/case-service';
import { gridPoint, KEYS, startIntakeServer, type IntakeServer } from '../support/intake-server';

/**
 * Drives the endpoints the way an unmodified GeoReport v2 client does: `.json` URLs, a
 * form-encoded POST carrying api_key, plain JSON GETs, and errors as `[{ code, description }]`.
 */

type Service = { service_code: string; service_name: string; description: string; metadata: boolean; type: string; keywords: string; group: string };
type Request = Record<string, unknown> & { service_request_id: string; status: string; status_notes: string | null };
type Open311Error = { code: number; description: string }[];

const REQUEST_FIELDS = [
  'service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice',
  'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url',
];

describe.each(DIALECTS)('Open311 GeoReport v2 (%s)', (dialect) => {
  let srv: IntakeServer;
  let base: string;
  beforeAll(async () => {
    srv = await startIntakeServer(dialect);
    base = `${srv.url}/open311/v2`;
  });
  afterAll(async () => srv?.close());

  const get = async <T>(path: string): Promise<{ status: number; body: T; type: string | null }> => {
    const response = await fetch(`${base}${path}`);
    return { status: response.status, body: (await response.json()) as T, type: response.headers.get('content-type') };
  };
  const postForm = async <T>(fields: Record<string, string>) => {
    const response = await fetch(`${base}/requests.json`, { method: 'POST', body: new URLSearchParams(fields) });
    return { status: response.status, body: (await response.json()) as T };
  };
  async function place(index: number) {
    const p = await gridPoint(index);
    return { lat: String(p.lat), long: String(p.lon) };
  }

  it('lists the catalog as services, in Chinese or English', async () => {
    const zh = await get<Service[]>('/services.json');
    expect(zh.status).toBe(200);
    expect(zh.type).toMatch(/^application\/json/);
    expect(zh.body).toHaveLength(CATEGORIES.length);
    expect(zh.body.find((s) => s.service_code === 'E0101')).toEqual({
      service_code: 'E0101', service_name: '暴露垃圾', description: '派遣后 4 工作小时 内处置', metadata: false, type: 'realtime', keywords: '暴露垃圾,事件', group: '市容环境',
    });
    const en = await get<Service[]>('/services.json?locale=en');
    expect(en.body.find((s) => s.service_code === 'E0101')).toMatchObject({ service_name: 'Exposed garbage', group: 'City appearance and environment', description: 'Handled within 4 working hours once dispatched' });
    expect((await get('/services/E0101.json')).body).toEqual({ service_code: 'E0101', attributes: [] });
    const missing = await get<Open311Error>('/services/X9999.json');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual([{ code: 404, description: expect.stringContaining('SERVICE_NOT_FOUND') }]);
  });

  it('takes a form-encoded request with api_key, keeps the contact apart, and answers per spec', async () => {
    const posted = await postForm<{ service_request_id: string; service_notice: string; account_id: null }[]>({
      api_key: KEYS.open311, jurisdiction_id: 'dongcheng', service_code: 'E0102', ...(await place(40)), address_string: '北新桥三条 5 号',
      description: '路边堆了一堆建筑垃圾', first_name: '娜娜', last_name: '欧阳', phone: '13900001111', email: 'oy@example.com',
      media_url: 'http://example.com/x.jpg', 'attribute[WHISPER]': 'ignored',
    });
    expect(posted.status).toBe(200);
    expect(posted.body).toEqual([{ service_request_id: expect.stringMatching(/^DC\d{8}-\d{5}$/), service_notice: '派遣后 4 个工作日 内处置', account_id: null }]);
    const id = posted.body[0]?.service_request_id as string;

    const one = await get<Request[]>(`/requests/${id}.json`);
    expect(one.status).toBe(200);
    const [request] = one.body;
    expect(Object.keys(request ?? {}).sort()).toEqual([...REQUEST_FIELDS].sort());
    expect(request).toMatchObject({ service_request_id: id, status: 'open', status_notes: '待立案', service_code: 'E0102', address: '北新桥三条 5 号', media_url: null, expected_datetime: null });
    expect(request?.agency_responsible).toContain('监督中心');
    const caseId = (await srv.parts.db.get<{ id: string }>('SELECT id FROM cases WHERE number = ?', [id]))?.id ?? '';
    const state = await srv.parts.store.loadCase(caseId);
    expect(state).toMatchObject({ channel: 'app', hasReporterContact: true });
    expect(JSON.stringify(state)).not.toContain('13900001111');
    expect(await srv.parts.db.get('SELECT name, phone, email, source FROM reporter_contacts WHERE case_id = ?', [state?.id ?? ''])).toEqual({
      name: '娜娜 欧阳', phone: '13900001111', email: 'oy@example.com', source: 'open311',
    });
  });

  it('refuses in the Open311 error format and stores nothing', async () => {
    const before = await srv.count('cases');
    const good = { api_key: KEYS.open311, service_code: 'E0101', description: 'x', ...(await place(42)) };
    const noKey = await postForm<Open311Error>({ ...good, api_key: '' });
    expect(noKey).toEqual({ status: 403, body: [{ code: 403, description: expect.stringContaining('API_KEY_INVALID') }] });
    expect((await postForm<Open311Error>({ ...good, api_key: 'stolen' })).status).toBe(403);
    const outside = await postForm<Open311Error>({ ...good, lat: '39.5', long: '116.0' });
    expect(outside.status).toBe(400);
    expect(outside.body[0]?.description).toContain('OUTSIDE_DISTRICT');
    expect((await postForm<Open311Error>({ ...good, service_code: 'E9999' })).body[0]?.description).toContain('UNKNOWN_CATEGORY');
    const addressOnly = await postForm<Open311Error>({ api_key: KEYS.open311, service_code: 'E0101', address_string: '东四' });
    expect(addressOnly.body[0]).toMatchObject({ code: 400, description: expect.stringContaining('LOCATION_REQUIRED') });
    expect((await postForm<Open311Error>({ ...good, lat: 'north' })).status).toBe(400);
    expect((await get<Open311Error>('/requests/DC19990101-00001.json')).status).toBe(404);
    expect((await get<Open311Error>('/requests.json?status=pending')).status).toBe(400);
    expect(await srv.count('cases')).toBe(before);
  });

  it('maps stages to open / closed, with notes on rejections and merges, and filters lists', async () => {
    const intake = { userId: 'intake-1', role: 'intake' as const };
    const report = async (grid: number, code = 'E0101', extra: Record<string, string> = {}) =>
      (await postForm<{ service_request_id: string }[]>({ api_key: KEYS.open311, service_code: code, description: '问题', ...(await place(grid)), ...extra })).body[0]
        ?.service_request_id as string;
    const caseIdOf = async (number: string) => (await srv.parts.db.get<{ id: string }>('SELECT id FROM cases WHERE number = ?', [number]))?.id as string;

    const rejected = await report(50);
    await srv.parts.service.execute({ commandId: newCommandId(), caseId: await caseIdOf(rejected), type: 'reject', payload: { reason: '属物业管理范围' } }, intake);
    const primary = await report(52);
    const repeat = await report(52);
    const dispatched = await report(54, 'E0301');
    const dispatchedId = await caseIdOf(dispatched);
    await srv.parts.service.execute({ commandId: newCommandId(), caseId: dispatchedId, type: 'register', payload: {} }, intake);
    await srv.parts.service.execute(
      { commandId: newCommandId(), caseId: dispatchedId, type: 'dispatch', payload: { leadDepartmentId: 'urban-law', assistingDepartmentIds: [] } },
      { userId: 'dispatcher-1', role: 'dispatcher' },
    );

    const list = await get<Request[]>(`/requests.json?service_request_id=${[rejected, repeat, dispatched, primary].join(',')}`);
    const byId = new Map(list.body.map((r) => [r.service_request_id, r]));
    const intakeName = srv.parts.people.user('intake-1')?.name as string;
    expect(byId.get(rejected)).toMatchObject({ status: 'closed', status_notes: `不予立案（${intakeName}，受理员）：属物业管理范围` });
    expect(byId.get(repeat)).toMatchObject({ status: 'closed', status_notes: `已合并至诉求 ${primary}` });
    expect(byId.get(primary)).toMatchObject({ status: 'open' });
    const state = await srv.parts.store.loadCase(dispatchedId);
    expect(byId.get(dispatched)).toMatchObject({ status: 'open', agency_responsible: '区城市管理综合执法局', expected_datetime: state?.deadlines.handle });
    expect(Date.parse(String(byId.get(dispatched)?.updated_datetime))).toBeGreaterThanOrEqual(Date.parse(String(byId.get(dispatched)?.requested_datetime)));
    const en = await get<Request[]>(`/requests/${repeat}.json?locale=en`);
    expect(en.body[0]?.status_notes).toBe(`Merged into request ${primary}`);

    const closed = await get<Request[]>('/requests.json?status=closed');
    expect(closed.body.map((r) => r.service_request_id).sort()).toEqual([rejected, repeat].sort());
    const construction = await get<Request[]>('/requests.json?service_code=E0301');
    expect(construction.body.map((r) => r.service_request_id)).toEqual([dispatched]);
    const future = await get<Request[]>('/requests.json?start_date=2099-01-01T00:00:00Z&end_date=2099-02-01T00:00:00Z');
    expect(future.body).toEqual([]);
  });
});
