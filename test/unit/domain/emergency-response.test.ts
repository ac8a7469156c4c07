import { describe, expect, it } from 'vitest';
import { nextAlarmAt } from '../../../src-shared/domain/alarms';
import { nextStepDueAt, overdueSteps, responseActive, watchedSteps, type CaseState } from '../../../src-shared/domain';
import { ACTORS, GAS_LEAK, context } from './fixtures';
import { HANDLER, applied, gasPlanStarted, iso, minutes, when } from './emergency-support';

const step = (s: CaseState | null, id: string) => s?.emergencyResponse?.steps.find((x) => x.id === id);

describe('the checklist: steps done on time or late, and the watcher’s overdue alert', () => {
  it('records a step done, on time or late, with its note, once', () => {
    const s = gasPlanStarted();
    const onTime = when(s, 'completeStep', ACTORS.duty, { stepId: 'confirm', note: '已电话核实' }, minutes(4));
    expect(onTime.types).toEqual(['stepCompleted']);
    expect(step(onTime.state, 'confirm')).toMatchObject({ doneAt: iso(4), doneBy: 'duty-1', note: '已电话核实', overdue: false });
    expect(step(onTime.state, 'confirm')?.late).toBeUndefined();
    const late = when(s, 'completeStep', ACTORS.duty, { stepId: 'cut-supply' }, minutes(31));
    expect(late.events[0]?.payload).toEqual({ stepId: 'cut-supply', late: true });
    expect(step(late.state, 'cut-supply')?.late).toBe(true);
    const again = when(onTime.state, 'completeStep', ACTORS.duty, { stepId: 'confirm' }, minutes(5));
    expect(again.code).toBe('STEP_ALREADY_DONE');
    expect(again.message?.zh).toContain('核实警情');
    expect(when(s, 'completeStep', ACTORS.duty, { stepId: 'fly-away' }).code).toBe('UNKNOWN_STEP');
    expect(when(s, 'completeStep', HANDLER.gas, { stepId: 'cut-supply' }).code).toBe('ROLE_NOT_ALLOWED');
  });

  it('lets the watcher mark a step overdue only once its deadline has passed, and only once', () => {
    const s = gasPlanStarted();
    expect(when(s, 'markStepOverdue', ACTORS.system, { stepId: 'confirm' }, minutes(4)).code).toBe('STEP_NOT_YET_DUE');
    const overdue = when(s, 'markStepOverdue', ACTORS.system, { stepId: 'confirm' }, minutes(5));
    expect(overdue.events[0]).toMatchObject({ type: 'stepOverdue', payload: { stepId: 'confirm', dueAt: iso(5) }, actor: { role: 'system' } });
    expect(step(overdue.state, 'confirm')?.overdue).toBe(true);
    expect(when(overdue.state, 'markStepOverdue', ACTORS.system, { stepId: 'confirm' }, minutes(6)).code).toBe('STEP_ALREADY_OVERDUE');
    const done = applied(s, 'completeStep', ACTORS.duty, { stepId: 'confirm' }, minutes(3));
    expect(when(done, 'markStepOverdue', ACTORS.system, { stepId: 'confirm' }, minutes(6)).code).toBe('STEP_ALREADY_DONE');
    expect(when(s, 'markStepOverdue', ACTORS.system, { stepId: 'nope' }, minutes(6)).code).toBe('UNKNOWN_STEP');
    expect(when(s, 'markStepOverdue', ACTORS.duty, { stepId: 'confirm' }, minutes(6)).code).toBe('ROLE_NOT_ALLOWED');
    // A step alerted late can still be done: it stays on record as late.
    const finished = applied(overdue.state as CaseState, 'completeStep', ACTORS.duty, { stepId: 'confirm' }, minutes(7));
    expect(step(finished, 'confirm')).toMatchObject({ overdue: true, late: true, doneAt: iso(7) });
  });

  it('tells the watcher the next step deadline, and which steps are overdue now', () => {
    let s = gasPlanStarted();
    expect(nextStepDueAt(s)).toBe(iso(5));
    s = applied(s, 'completeStep', ACTORS.duty, { stepId: 'confirm' }, minutes(2));
    expect(nextStepDueAt(s)).toBe(iso(15));
    expect(overdueSteps(s, minutes(20)).map((x) => x.id)).toEqual(['report-up', 'cordon', 'no-ignition']);
    s = applied(s, 'markStepOverdue', ACTORS.system, { stepId: 'report-up' }, minutes(20));
    expect(overdueSteps(s, minutes(20)).map((x) => x.id)).toEqual(['cordon', 'no-ignition']);
    // The case's next alarm is the earlier of its link alarms and its next step.
    const inputs = { calendar: context(ACTORS.system).calendar, category: GAS_LEAK };
    expect(nextAlarmAt(s, inputs)?.toISOString()).toBe(iso(20));
    const accepted = applied(applied(s, 'accept', HANDLER.gas, {}, minutes(21)), 'feedback', HANDLER.gas, { result: '阀门已关', photoIds: [] }, minutes(22));
    // Fed back: no link clock runs, the plan's steps still do.
    expect(accepted.stage).toBe('handled');
    expect(nextAlarmAt(accepted, inputs)?.toISOString()).toBe(iso(20));
    const closed = applied(accepted, 'closeEmergency', ACTORS.duty, { summary: '险情排除' }, minutes(23));
    expect(watchedSteps(closed)).toEqual([]);
    expect(nextAlarmAt(closed, inputs)).toBeUndefined();
  });
});

describe('adding departments and escalating', () => {
  it('links another department, which then sees the case and acknowledges it', () => {
    const s = gasPlanStarted();
    const added = when(s, 'addLinkedDepartment', ACTORS.duty, { departmentId: 'roads', reason: '需开挖路面' }, minutes(10));
    expect(added.types).toEqual(['linkedDepartmentAdded']);
    const next = added.state as CaseState;
    expect(next.assistingDepartmentIds).toEqual(['fire', 'police', 'street:110101001', 'roads']);
    expect(next.emergencyResponse?.departments.at(-1)).toEqual({ departmentId: 'roads', role: 'linked', linkedAt: iso(10) });
    expect(when(next, 'acknowledgeLinkage', HANDLER.roads, {}, minutes(12)).code).toBe('ok');
    expect(when(next, 'addLinkedDepartment', ACTORS.duty, { departmentId: 'roads' }).code).toBe('ALREADY_LINKED');
    expect(when(next, 'addLinkedDepartment', ACTORS.duty, { departmentId: 'gas' }).code).toBe('ALREADY_LINKED');
    expect(when(next, 'addLinkedDepartment', ACTORS.duty, { departmentId: 'nasa' }).code).toBe('UNKNOWN_DEPARTMENT');
  });

  it('escalates as often as needed, urging a linked department by name, without the one-time 督办 flag', () => {
    let s = gasPlanStarted();
    s = applied(s, 'escalateEmergency', ACTORS.duty, { reason: '燃气公司超时未到场', departmentId: 'gas' }, minutes(31));
    s = applied(s, 'escalateEmergency', ACTORS.duty, { reason: '险情扩大，报请区应急局' }, minutes(40));
    expect(s.emergencyResponse?.escalations).toEqual([
      { at: iso(31), by: 'duty-1', reason: '燃气公司超时未到场', departmentId: 'gas' },
      { at: iso(40), by: 'duty-1', reason: '险情扩大，报请区应急局' },
    ]);
    expect(s.supervised).toBe(false);
    expect(when(s, 'escalateEmergency', ACTORS.duty, { reason: '催办', departmentId: 'roads' }).code).toBe('NOT_LINKED_DEPARTMENT');
    expect(when(s, 'escalateEmergency', ACTORS.duty, { reason: '' }).code).toBe('VALIDATION_FAILED');
    expect(when(s, 'escalateEmergency', ACTORS.dispatcher, { reason: '催办' }).code).toBe('ROLE_NOT_ALLOWED');
  });
});

describe('closing the emergency, and the loop it belongs to', () => {
  it('ends the response with a summary and the steps left open; nothing more happens to the response', () => {
    let s = gasPlanStarted();
    s = applied(s, 'completeStep', ACTORS.duty, { stepId: 'confirm' }, minutes(2));
    const closed = when(s, 'closeEmergency', ACTORS.duty, { summary: '气源已切断，浓度正常，警戒解除' }, minutes(60));
    expect(closed.events[0]?.payload).toEqual({
      summary: '气源已切断，浓度正常，警戒解除',
      openStepIds: ['report-up', 'cordon', 'no-ignition', 'cut-supply', 'gas-safe', 'scene-safe'],
    });
    const after = closed.state as CaseState;
    expect(after.emergencyResponse).toMatchObject({ closedAt: iso(60), closedBy: 'duty-1', summary: '气源已切断，浓度正常，警戒解除' });
    expect(responseActive(after)).toBe(false);
    expect(after.stage).toBe('dispatched'); // the case goes on
    for (const [type, actor, payload] of [
      ['acknowledgeLinkage', HANDLER.fire, {}],
      ['completeStep', ACTORS.duty, { stepId: 'gas-safe' }],
      ['markStepOverdue', ACTORS.system, { stepId: 'gas-safe' }],
      ['escalateEmergency', ACTORS.duty, { reason: '再次督办' }],
      ['closeEmergency', ACTORS.duty, { summary: '再次结束' }],
    ] as const) {
      expect(when(after, type, actor, payload, minutes(61)).code, type).toBe('EMERGENCY_CLOSED');
    }
    expect(when(s, 'closeEmergency', ACTORS.duty, { summary: ' ' }).code).toBe('VALIDATION_FAILED');
  });

  it('keeps the case open until the response is closed, then closes it through the normal loop', () => {
    let s = gasPlanStarted();
    expect(when(s, 'return', HANDLER.gas, { reason: '不归我们' }).code).toBe('EMERGENCY_NO_RETURN');
    s = applied(s, 'accept', HANDLER.gas, {}, minutes(5));
    s = applied(s, 'feedback', HANDLER.gas, { result: '已更换破损管段', photoIds: ['after-1'] }, minutes(100));
    s = applied(s, 'sendToVerify', ACTORS.intake, {}, minutes(101));
    s = applied(s, 'verify', ACTORS.supervisor, { passed: true }, minutes(110));
    const early = when(s, 'close', ACTORS.intake, {}, minutes(111));
    expect(early.code).toBe('EMERGENCY_STILL_OPEN');
    expect(early.message?.en).toContain('close it with a summary');
    s = applied(s, 'closeEmergency', ACTORS.duty, { summary: '险情排除，管线修复' }, minutes(112));
    expect(applied(s, 'close', ACTORS.intake, {}, minutes(113)).stage).toBe('closed');
  });
});
