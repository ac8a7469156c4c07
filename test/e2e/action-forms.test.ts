import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningWebDesk } from '../../src-server/web-desk';
import { launchChromium } from './support/browser';
import { detail, openCase, openDesk, startLoopDesk, testPhoto, type DeskWindow } from './support/case-loop';
import {
  confirm,
  doneNote,
  field,
  handleDue,
  latestWord,
  openForm,
  panelTime,
  reportInGrid,
  stage,
  trailLine,
  uploadPhoto,
  type ReportedCase,
} from './support/action-forms';
import { chooseOption, setChecked, typeInto } from './support/keyboard';

/** Garbage piled up (生活垃圾堆放): a normal case, led by sanitation, on the working clock. */
const GARBAGE = 'E0101';

/**
 * Every action form a role reaches on a real case, filled in from the keyboard as people do it
 * (typed key by key, selects picked, boxes clicked) and confirmed, each checked by what the
 * person then sees: the stage, the "done" note, the trail line, the reason beside the actions,
 * the new deadline. A form whose field drops typed input (the number field that kept the
 * extension empty) fails here.
 */
describe('the action forms in Chromium, typed by each role', () => {
  let desk: RunningWebDesk;
  let browser: Browser;
  const w: Record<string, DeskWindow> = {};
  let main: ReportedCase;
  let repeat: ReportedCase;
  let urgent: ReportedCase;
  let routed: ReportedCase;

  beforeAll(async () => {
    desk = await startLoopDesk();
    browser = await launchChromium();
    main = await reportInGrid(desk, 10, GARBAGE, '胡同口垃圾堆积，已有异味');
    repeat = await reportInGrid(desk, 40, GARBAGE, '同一处垃圾再次上报');
    urgent = await reportInGrid(desk, 70, GARBAGE, '垃圾堆旁有人焚烧，烟很大');
    routed = await reportInGrid(desk, 100, GARBAGE, '垃圾桶倾倒，占用消防通道');
    const users = ['intake-1', 'dispatcher-1', 'handler-sanitation', main.supervisorId, 'duty-1', 'leader-1'];
    for (const d of await Promise.all(users.map((u) => openDesk(browser, desk, u)))) w[d.user] = d;
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.close();
  });

  const page = (user: string): Page => {
    const d = w[user];
    if (!d) throw new Error(`no window for ${user}`);
    return d.page;
  };
  const intake = () => page('intake-1');
  const dispatcher = () => page('dispatcher-1');
  const handler = () => page('handler-sanitation');

  it('intake: registers with a re-chosen category and a typed note', async () => {
    await openCase(intake(), main.id, 'new');
    const form = await openForm(intake(), 'register');
    await chooseOption(field(form, 'categoryCode'), GARBAGE);
    await typeInto(field(form, 'note'), '已电话核实，情况属实');
    expect(await field(form, 'note').inputValue()).toBe('已电话核实，情况属实');
    await confirm(form);
    await expect.poll(stage(intake())).toBe('registered');
    await expect.poll(doneNote(intake())).toBe('立案已提交');
    await expect.poll(trailLine(intake(), 'registered')).toContain('已电话核实，情况属实');
  });

  it('intake: links a repeat by its typed case number, unlinks it, then rejects it with a typed reason', async () => {
    const p = intake();
    await openCase(p, repeat.id, 'new');
    const link = await openForm(p, 'linkDuplicate');
    await typeInto(field(link, 'primaryCaseId'), main.number);
    await confirm(link);
    await expect.poll(stage(p)).toBe('duplicate');
    expect(await p.locator('[data-test="duplicate-of"]').getAttribute('data-primary-id')).toBe(main.id);
    await confirm(await openForm(p, 'unlinkDuplicate'));
    await expect.poll(stage(p)).toBe('reported');
    const reject = await openForm(p, 'reject');
    await typeInto(field(reject, 'reason'), '经核实为同一问题，已在原案卷处理');
    await confirm(reject);
    await expect.poll(stage(p)).toBe('rejected');
    await expect.poll(trailLine(p, 'rejected')).toContain('经核实为同一问题，已在原案卷处理');
  });

  it('dispatcher: dispatches with typed instructions', async () => {
    const p = dispatcher();
    await openCase(p, main.id, 'toDispatch');
    const form = await openForm(p, 'dispatch');
    await expect.poll(() => field(form, 'leadDepartmentId').inputValue()).toBe('sanitation');
    await typeInto(field(form, 'instructions'), '请于今日下班前清运完毕');
    await confirm(form);
    await expect.poll(stage(p)).toBe('dispatched');
    await expect.poll(trailLine(p, 'dispatched')).toContain('请于今日下班前清运完毕');
  });

  it('department: returns it with a typed reason, which the dispatcher reads beside the actions', async () => {
    await openCase(handler(), main.id, 'toSign');
    const form = await openForm(handler(), 'return');
    await typeInto(field(form, 'reason'), '现场为园林绿地内堆物，应由园林部门处理');
    await confirm(form);
    await expect.poll(stage(dispatcher())).toBe('returned');
    const word = dispatcher().locator('[data-test="latest-word"][data-kind="returned"]');
    await expect.poll(latestWord(dispatcher(), 'returned')).toContain('现场为园林绿地内堆物，应由园林部门处理');
    expect(await word.textContent()).toContain('回退原因');
    // Next to the actions: the dispatcher reads why before dispatching again.
    const bar = await dispatcher().locator('[data-test="action-bar"]').boundingBox();
    const box = await word.boundingBox();
    expect(bar && box && box.y - (bar.y + bar.height)).toBeLessThan(40);
    const again = await openForm(dispatcher(), 'dispatch');
    await typeInto(field(again, 'instructions'), '经核实属环卫职责，请签收处理');
    await confirm(again);
    await expect.poll(stage(handler())).toBe('dispatched');
  });

  it('department: signs, asks for 1.5 working days with the new deadline shown; the dispatcher grants exactly that', async () => {
    const h = handler();
    await openCase(h, main.id, 'toSign');
    await confirm(await openForm(h, 'accept'));
    await expect.poll(stage(h)).toBe('accepted');
    const form = await openForm(h, 'requestExtension');
    const preview = form.locator('[data-test="extension-preview"]');
    await typeInto(field(form, 'amount'), '1.5');
    expect(await field(form, 'amount').inputValue()).toBe('1.5');
    await chooseOption(field(form, 'unit'), 'workingHours');
    await expect.poll(() => preview.textContent()).toContain('延期后处置时限');
    const inHours = await preview.locator('b').textContent();
    await chooseOption(field(form, 'unit'), 'workingDays');
    await expect.poll(() => preview.locator('b').textContent()).not.toBe(inHours);
    const shown = (await preview.locator('b').textContent()) ?? '';
    expect(await preview.textContent()).toContain('按工作日历顺延');
    await typeInto(field(form, 'reason'), '需协调环卫车辆，周末不作业');
    await form.screenshot({ path: '/tmp/forms-extension.png' });
    await confirm(form);
    await expect.poll(doneNote(h)).toBe('申请延期已提交');
    await expect.poll(latestWord(h, 'extension')).toContain('需协调环卫车辆，周末不作业');
    expect(await latestWord(h, 'extension')()).toContain('申请延长 1.5个工作日');

    const d = dispatcher();
    await openCase(d, main.id, 'requests');
    await expect.poll(latestWord(d, 'extension')).toContain('待审批');
    const decide = await openForm(d, 'decideExtension');
    expect(await decide.locator('[data-test="pending-request"]').textContent()).toContain('1.5个工作日');
    await chooseOption(field(decide, 'granted'), 'yes');
    await expect.poll(() => decide.locator('[data-test="extension-preview"] b').textContent()).toBe(shown.replace('延期后', '同意后'));
    await typeInto(field(decide, 'reason'), '同意，请按期完成');
    await d.screenshot({ path: '/tmp/forms-decide.png' });
    await confirm(decide);
    const due = panelTime(shown);
    await expect.poll(handleDue(h)).toBe(due);
    await expect.poll(handleDue(d)).toBe(due);
    await expect.poll(latestWord(h, 'extension')).toContain('已同意');
  });

  it('department: asks to suspend with a typed reason; the dispatcher grants, then resumes with a typed note', async () => {
    const ask = await openForm(handler(), 'requestSuspension');
    await typeInto(field(ask, 'reason'), '需等待产权单位确认');
    await confirm(ask);
    await expect.poll(latestWord(dispatcher(), 'suspension')).toContain('需等待产权单位确认');
    const decide = await openForm(dispatcher(), 'decideSuspension');
    await chooseOption(field(decide, 'granted'), 'yes');
    await confirm(decide);
    await expect.poll(stage(handler())).toBe('suspended');
    const resume = await openForm(dispatcher(), 'resume');
    await typeInto(field(resume, 'note'), '产权单位已确认，恢复办理');
    await confirm(resume);
    await expect.poll(stage(handler())).toBe('accepted');
    await expect.poll(trailLine(dispatcher(), 'resumed')).toContain('产权单位已确认，恢复办理');
  });

  it('dispatcher: flags it for supervision (督办) with a typed reason', async () => {
    const form = await openForm(dispatcher(), 'flagSupervision');
    await typeInto(field(form, 'reason'), '群众多次反映，请加快处理');
    await confirm(form);
    await expect.poll(trailLine(dispatcher(), 'supervisionFlagged')).toContain('群众多次反映，请加快处理');
    await expect.poll(() => handler().locator('[data-test="case-header"]').textContent()).toContain('督办');
  });

  it('a failed check: the supervisor’s typed note is what the department reads beside its actions', async () => {
    const after = await uploadPhoto(desk, 'handler-sanitation', await testPhoto([90, 150, 110]));
    const feedback = await openForm(handler(), 'feedback');
    await typeInto(field(feedback, 'result'), '已清运垃圾两车');
    await typeInto(field(feedback, 'photoIds'), after);
    await confirm(feedback);
    await expect.poll(() => handler().locator('[data-test="photo-thumb"]').count()).toBe(1);
    await openCase(intake(), main.id, 'fedBack');
    const send = await openForm(intake(), 'sendToVerify');
    await typeInto(field(send, 'supervisorId'), main.supervisorId);
    await confirm(send);
    const sup = page(main.supervisorId);
    await openCase(sup, main.id, 'toVerify');
    const check = await openForm(sup, 'verify');
    await chooseOption(field(check, 'passed'), 'no');
    await typeInto(field(check, 'note'), '墙角仍有垃圾残留，需再次清理');
    await confirm(check);
    await expect.poll(stage(handler())).toBe('rework');
    await expect.poll(latestWord(handler(), 'checkFailed')).toContain('墙角仍有垃圾残留，需再次清理');
    expect(await latestWord(handler(), 'checkFailed')()).toContain('核查未通过');
    await detail(handler()).screenshot({ path: '/tmp/forms-latest-word.png' });
  });

  it('department: attaches evidence by typed photo id with a typed note', async () => {
    const photo = await uploadPhoto(desk, 'handler-sanitation', await testPhoto([160, 120, 80]));
    const form = await openForm(handler(), 'attachEvidence');
    await typeInto(field(form, 'photoIds'), photo);
    await typeInto(field(form, 'note'), '清理前现场照片补充');
    await confirm(form);
    await expect.poll(trailLine(handler(), 'evidenceAttached')).toContain('清理前现场照片补充');
    await expect.poll(() => handler().locator('[data-test="photo-thumb"]').count()).toBe(2);
  });

  it('intake orders rework with a typed reason, which the department reads beside its actions', async () => {
    const first = await openForm(handler(), 'feedback');
    await typeInto(field(first, 'result'), '已再次清理');
    await confirm(first);
    await expect.poll(stage(intake())).toBe('handled');
    const rework = await openForm(intake(), 'orderRework');
    await typeInto(field(rework, 'reason'), '反馈照片未显示墙角，请补拍并冲洗');
    await confirm(rework);
    await expect.poll(stage(handler())).toBe('rework');
    await expect.poll(latestWord(handler(), 'reworkOrdered')).toContain('反馈照片未显示墙角，请补拍并冲洗');
  });

  it('a passed check, closing and the call-back, each typed', async () => {
    const feedback = await openForm(handler(), 'feedback');
    await typeInto(field(feedback, 'result'), '已再次清理，墙角冲洗干净');
    await confirm(feedback);
    await expect.poll(stage(intake())).toBe('handled');
    await confirm(await openForm(intake(), 'sendToVerify'));
    const sup = page(main.supervisorId);
    const check = await openForm(sup, 'verify');
    await chooseOption(field(check, 'passed'), 'yes');
    await typeInto(field(check, 'note'), '复核通过');
    await confirm(check);
    await expect.poll(stage(intake())).toBe('verified');
    // The check passed: its failed note and the rework order no longer stand beside the actions.
    await expect.poll(latestWord(intake(), 'reworkOrdered')).toBe('');
    const close = await openForm(intake(), 'close');
    await typeInto(field(close, 'note'), '核查通过，结案');
    await confirm(close);
    await expect.poll(stage(intake())).toBe('closed');
    const callBack = await openForm(intake(), 'evaluate');
    await chooseOption(field(callBack, 'satisfaction'), 'basic');
    await typeInto(field(callBack, 'note'), '市民表示基本满意');
    await confirm(callBack);
    await expect.poll(trailLine(intake(), 'evaluated')).toContain('市民表示基本满意');
    expect(await trailLine(intake(), 'evaluated')()).toContain('基本满意');
  });

  it('intake ticks 紧急 (a click): the duty officer acknowledges and starts the plan, typing both', async () => {
    await openCase(intake(), urgent.id, 'new');
    const register = await openForm(intake(), 'register');
    await setChecked(field(register, 'urgent'), true);
    expect(await field(register, 'urgent').isChecked()).toBe(true);
    await confirm(register);
    const duty = page('duty-1');
    await openCase(duty, urgent.id, 'urgentToDispatch');
    const ack = await openForm(duty, 'acknowledgeAlarm');
    await typeInto(field(ack, 'note'), '已接警，通知环卫与消防');
    await confirm(ack);
    await expect.poll(trailLine(duty, 'alarmAcknowledged')).toContain('已接警，通知环卫与消防');
    const plan = await openForm(duty, 'startEmergencyPlan');
    const planCode = await field(plan, 'planCode').inputValue();
    await chooseOption(field(plan, 'planCode'), planCode);
    await typeInto(field(plan, 'instructions'), '立即到场处置，注意防火');
    await confirm(plan);
    await expect.poll(trailLine(duty, 'emergencyPlanStarted')).toContain('立即到场处置，注意防火');
  });

  it('department (the plan’s lead): acknowledges the linkage and reports arrival, typing both', async () => {
    const h = handler();
    await openCase(h, urgent.id, 'linkage');
    const ack = await openForm(h, 'acknowledgeLinkage');
    await typeInto(field(ack, 'note'), '环卫抢险队已出发');
    await confirm(ack);
    await expect.poll(trailLine(h, 'linkageAcknowledged')).toContain('环卫抢险队已出发');
    const arrival = await openForm(h, 'reportArrival');
    await typeInto(field(arrival, 'note'), '已到场，正在清理');
    await confirm(arrival);
    await expect.poll(trailLine(h, 'arrivalReported')).toContain('已到场，正在清理');
  });

  it('duty: completes a step, links fire, escalates and closes the emergency, each typed', async () => {
    const duty = page('duty-1');
    const step = await openForm(duty, 'completeStep');
    await chooseOption(field(step, 'stepId'), 'confirm');
    await typeInto(field(step, 'note'), '警情已核实');
    await confirm(step);
    await expect.poll(trailLine(duty, 'stepCompleted')).toContain('警情已核实');
    const add = await openForm(duty, 'addLinkedDepartment');
    await chooseOption(field(add, 'departmentId'), 'fire');
    await typeInto(field(add, 'reason'), '现场有明火');
    await confirm(add);
    await expect.poll(trailLine(duty, 'linkedDepartmentAdded')).toContain('现场有明火');
    const escalate = await openForm(duty, 'escalateEmergency');
    await typeInto(field(escalate, 'reason'), '消防未接报，请督办');
    await chooseOption(field(escalate, 'departmentId'), 'fire');
    await confirm(escalate);
    await expect.poll(trailLine(duty, 'emergencyEscalated')).toContain('消防未接报，请督办');
    const close = await openForm(duty, 'closeEmergency');
    await typeInto(field(close, 'summary'), '明火已扑灭，垃圾已清运，无人员伤亡');
    await confirm(close);
    await expect.poll(trailLine(duty, 'emergencyClosed')).toContain('明火已扑灭，垃圾已清运，无人员伤亡');
  });

  it('dispatcher: routes a case to emergency linkage with a typed reason; it lands with the duty officer', async () => {
    await openCase(intake(), routed.id, 'new');
    await confirm(await openForm(intake(), 'register'));
    await openCase(dispatcher(), routed.id, 'toDispatch');
    const form = await openForm(dispatcher(), 'routeToEmergency');
    await typeInto(field(form, 'reason'), '堵塞消防通道，需应急联动');
    await confirm(form);
    await expect.poll(trailLine(dispatcher(), 'routedToEmergency')).toContain('堵塞消防通道，需应急联动');
    await openCase(page('duty-1'), routed.id, 'urgentToDispatch');
  });

  it('a leader gets no form at all', async () => {
    const leader = page('leader-1');
    await openCase(leader, urgent.id, 'open');
    await leader.locator('[data-test="no-actions"]').waitFor();
    expect(await leader.locator('[data-test="action-form"]').count()).toBe(0);
  });

  it('ran without page errors', () => {
    expect(Object.values(w).flatMap((d) => d.problems).join('\n')).toBe('');
  });
});
