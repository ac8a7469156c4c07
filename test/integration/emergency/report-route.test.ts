import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseState } from '../../../src-shared/domain';
import type { EmergencyPlanPreviewAnswer, EmergencyPlansAnswer } from '../../../src-shared/emergency/http-contract';
import { emergencyReportPath } from '../../../src-shared/emergency/http-contract';
import { startWebDesk, type RunningWebDesk } from '../../../src-server/web-desk';
import { jpegWithGps, photoForm } from '../intake/helpers';
import { DIALECTS, freshStorage } from '../support/case-service';
import { DUTY, gasLeak, handler, run } from './support';

/** Beijing wall time → instant. */
const bj = (local: string) => new Date(`${local}+08:00`);

/**
 * The duty screen's HTTP routes on the real web desk: the plans, a plan's preview for a case,
 * and the after-action report — its content, its escaping, and who may read it.
 */
describe.each(DIALECTS)('emergency routes (%s)', (dialect) => {
  let desk: RunningWebDesk;
  let drop: () => Promise<void>;
  let now = bj('2026-11-23T22:00:00');
  let reported: CaseState;
  let handled: CaseState;

  beforeAll(async () => {
    const fresh = await freshStorage(dialect);
    drop = fresh.drop;
    desk = await startWebDesk({ host: '127.0.0.1', port: 0, logger: pino({ level: 'silent' }), deadlines: false, storage: fresh.storage, clock: () => now });
    const service = desk.parts.service;
    reported = await gasLeak(service, 80, '小区门口闻到燃气味 <script>alert("x")</script> & 有人头晕');
    handled = await gasLeak(service, 81, '燃气表井漏气');
    const id = handled.id;
    now = bj('2026-11-23T22:02:00');
    await run(service, 'acknowledgeAlarm', id, DUTY);
    now = bj('2026-11-23T22:03:00');
    await run(service, 'startEmergencyPlan', id, DUTY, { instructions: '关阀、警戒' });
    now = bj('2026-11-23T22:06:00');
    await run(service, 'acknowledgeLinkage', id, handler('fire'));
    await run(service, 'completeStep', id, DUTY, { stepId: 'confirm', note: '电话核实' });
    const upload = await fetch(`${desk.origin}/api/photos`, { method: 'POST', headers: { 'x-demo-user': 'handler-fire' }, body: photoForm({}, [{ name: 'scene.jpg', bytes: await jpegWithGps(320, 240) }]) });
    const photoIds = ((await upload.json()) as { photoIds: string[] }).photoIds;
    now = bj('2026-11-23T22:17:00');
    await run(service, 'reportArrival', id, handler('fire'), { note: '消防到场监护', photoIds });
    now = bj('2026-11-23T22:21:00');
    await run(service, 'reportArrival', id, handler('gas'));
    now = bj('2026-11-23T22:40:00');
    await run(service, 'completeStep', id, DUTY, { stepId: 'cut-supply' }); // due 22:33: late
    await run(service, 'escalateEmergency', id, DUTY, { reason: '公安未到场', departmentId: 'police' });
    now = bj('2026-11-23T23:50:00');
    handled = await run(service, 'closeEmergency', id, DUTY, { summary: '气源已切断，浓度正常，警戒解除。' });
  });
  afterAll(async () => {
    await desk.close();
    await drop();
  });

  const get = (path: string, as?: string) => fetch(`${desk.origin}${path}`, { headers: as ? { 'x-demo-user': as } : {} });

  it('lists the plans, and previews what starting one on a case would do', async () => {
    const plans = (await (await get('/api/emergency/plans', 'duty-1')).json()) as EmergencyPlansAnswer;
    expect(plans.plans.map((p) => p.code)).toContain('EP-GAS');
    expect((await get('/api/emergency/plans')).status).toBe(401);
    const preview = (await (await get(`/api/cases/${reported.id}/emergency-plan`, 'duty-1')).json()) as EmergencyPlanPreviewAnswer;
    const street = `street:${reported.place.streetCode}`;
    expect(preview.preview).toMatchObject({ plan: { code: 'EP-GAS' }, leadDepartmentId: 'gas', linkedDepartmentIds: ['fire', 'police', street] });
    expect(preview.preview.steps[0]?.dueAt).toBe(new Date(now.getTime() + 5 * 60_000).toISOString());
    expect(preview.departmentNames['gas']).toEqual({ zh: '燃气集团东城分公司', en: 'Gas Group, Dongcheng Branch' });
    expect(preview.departmentNames[street]?.zh).toMatch(/街道/);
    const other = (await (await get(`/api/cases/${reported.id}/emergency-plan?planCode=EP-CROWD`, 'duty-1')).json()) as EmergencyPlanPreviewAnswer;
    expect(other.preview.leadDepartmentId).toBe('police');
    expect((await get(`/api/cases/${reported.id}/emergency-plan?planCode=EP-NOPE`, 'duty-1')).status).toBe(422);
    expect((await get(`/api/cases/${reported.id}/emergency-plan?planCode=<b>`, 'duty-1')).status).toBe(400);
  });

  it('produces the after-action report: timeline, departments with their times, steps on time or late, photos, summary', async () => {
    const response = await get(emergencyReportPath(handled.id), 'duty-1');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain(`应急处置报告 · ${handled.number}`);
    expect(html).toContain('燃气泄漏应急处置预案 (EP-GAS)');
    const street = desk.parts.district.district.streets.find((x) => x.code === handled.place.streetCode);
    expect(html).toContain(`<dd>${street?.name} · `);
    // The timeline, in order.
    const order = ['上报', '确认警情', '立案', '启动应急预案', '派遣', '联动接报确认', '完成预案步骤', '报告到场', '应急升级督办', '结束应急响应'].map((w) => html.indexOf(`<td>${w}</td>`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // Departments: fire acknowledged 3 min and arrived 14 min after the plan started; gas arrived at 18 min; police never.
    expect(html).toContain('<td>东城消防救援支队</td><td>联动</td><td>2026-11-23 22:03</td><td>2026-11-23 22:06 · ');
    expect(html).toMatch(/<td>东城消防救援支队<\/td>.*<td>3 分钟<\/td>.*<td>14 分钟<\/td>/);
    expect(html).toMatch(/<td>燃气集团东城分公司<\/td><td>主办<\/td>.*<td>18 分钟<\/td>/);
    expect(html).toMatch(/<td>东城公安分局<\/td><td>联动<\/td><td>2026-11-23 22:03<\/td><td>未报告<\/td><td><\/td><td>未报告<\/td>/);
    // Steps: one on time, one late, those past their deadline overdue, the last left undone when the response closed.
    expect(html).toMatch(/<tr class="onTime"><td>核实警情，通知主办和联动单位<\/td>.*<td>按时完成<\/td><td>电话核实<\/td>/);
    expect(html).toMatch(/<tr class="late"><td>关闭上游阀门，切断气源<\/td>.*<td>超时完成<\/td>/);
    expect(html).toMatch(/<tr class="overdue"><td>检测燃气浓度降至安全范围<\/td>.*<td>已超时未完成<\/td>/);
    expect(html).toMatch(/<tr class="notDone"><td>险情排除，解除警戒<\/td>.*<td>未完成（响应已结束）<\/td>/);
    expect(html).toContain('<td>公安未到场</td><td>东城公安分局</td>');
    expect(html).toContain('气源已切断，浓度正常，警戒解除。');
    expect(html).toContain('报警后 3 分钟'); // the plan started 3 minutes after the report
    // The photo from the scene, by the existing photo route, which the caller may open.
    const src = /<img src="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(src).toMatch(/^\/api\/photos\/[^?]+\?as=duty-1$/);
    const photo = await fetch(`${desk.origin}${src.replace(/&amp;/g, '&')}`);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    const en = await (await get(emergencyReportPath(handled.id, 'en'), 'duty-1')).text();
    expect(en).toContain('Emergency after-action report');
    expect(en).toContain('<td>Fire and Rescue Detachment</td><td>linked</td>');
  });

  it('escapes every text, and shows the report only to those who may see the case', async () => {
    const service = desk.parts.service;
    await run(service, 'startEmergencyPlan', reported.id, DUTY);
    const html = await (await get(emergencyReportPath(reported.id), 'leader-1')).text();
    expect(html).toContain('小区门口闻到燃气味 &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 有人头晕');
    expect(html).not.toContain('<script>');
    expect(html).toContain('应急响应进行中');
    expect((await get(emergencyReportPath(reported.id), 'handler-fire')).status).toBe(200); // a linked department
    const stranger = await get(emergencyReportPath(reported.id), 'handler-roads');
    expect(stranger.status).toBe(404);
    expect(await stranger.json()).toMatchObject({ ok: false, code: 'CASE_NOT_FOUND' });
    expect((await get(emergencyReportPath(reported.id))).status).toBe(401);
    const plain = await gasLeak(service, 82, '未启动预案的案卷');
    const none = await get(emergencyReportPath(plain.id), 'duty-1');
    expect(none.status).toBe(422);
    expect(await none.json()).toMatchObject({ ok: false, code: 'NO_EMERGENCY_RESPONSE' });
  });
});
