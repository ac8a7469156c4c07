import { describe, expect, it } from 'vitest';
import { decide, evolve, type CaseEvent, type CaseState } from '../../../src-shared/domain';
import { ACTION_FIELDS, CASE_SHORTCUTS, buildPayload, commandForKey, initialValues } from '../../../src-renderer/features/case/action-forms';
import { fieldChoices } from '../../../src-renderer/features/case/emergency-choices';
import { trailWords } from '../../../src-renderer/features/case/trail-words';
import { ACTORS, T0, commandId, context } from '../domain/fixtures';
import { HANDLER, gasPlanStarted, gasLeak } from '../domain/emergency-support';

const streets = new Map([['110101001', '东华门']]);

/** The events a command produces on the fixture case (they must be accepted). */
function eventsOf(state: CaseState, type: string, actor: (typeof ACTORS)['duty'], payload: Record<string, unknown>, now = T0): CaseEvent[] {
  const d = decide(state, { commandId: commandId(), caseId: state.id, type, payload }, context(actor, now));
  if (!d.ok) throw new Error(d.code);
  return d.events;
}

describe('the department desk’s emergency actions', () => {
  it('asks a linked department for a note to acknowledge, and a note and photos to report arrival, each on its own key', () => {
    expect(ACTION_FIELDS.acknowledgeLinkage.map((f) => f.name)).toEqual(['note']);
    expect(ACTION_FIELDS.reportArrival.map((f) => f.name)).toEqual(['note', 'photoIds']);
    expect(buildPayload('acknowledgeLinkage', initialValues('acknowledgeLinkage'))).toEqual({ ok: true, payload: {} });
    expect(buildPayload('reportArrival', { note: ' 已到场 ', photoIds: 'scene-1，scene-2' })).toEqual({ ok: true, payload: { note: '已到场', photoIds: ['scene-1', 'scene-2'] } });
    expect(commandForKey('q', ['acknowledgeLinkage', 'reportArrival'])).toBe('acknowledgeLinkage');
    expect(commandForKey('Y', ['acknowledgeLinkage', 'reportArrival'])).toBe('reportArrival');
    const keys = CASE_SHORTCUTS.filter((s) => !['decideExtension', 'decideSuspension'].includes(s.command)).map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('fills the duty officer’s plain forms from the case: its plan, its open steps, its departments', () => {
    expect(initialValues('startEmergencyPlan', { categoryCode: 'E0401' })).toEqual({ planCode: 'EP-GAS', instructions: '' });
    expect(buildPayload('closeEmergency', { summary: '' })).toEqual({ ok: false, fields: ['summary'] });
    const s = gasPlanStarted();
    const stepField = ACTION_FIELDS.completeStep[0];
    const linkedField = ACTION_FIELDS.escalateEmergency[1];
    if (!stepField || !linkedField) throw new Error('fields missing');
    const steps = fieldChoices(stepField, s, 'zh-CN', streets);
    expect(steps?.[0]).toEqual({ value: 'confirm', label: '核实警情，通知主办和联动单位（时限 11-23 10:05）' });
    expect(steps).toHaveLength(7);
    expect(fieldChoices(linkedField, s, 'en', streets)?.map((c) => c.label)).toEqual([
      '(no particular department)',
      'Gas Group, Dongcheng Branch',
      'Fire and Rescue Detachment',
      'Public Security Sub-bureau',
      '东华门 Street Office',
    ]);
    const add = fieldChoices(ACTION_FIELDS.addLinkedDepartment[0] as NonNullable<(typeof ACTION_FIELDS.addLinkedDepartment)[0]>, s, 'zh-CN', streets)?.map((c) => c.value);
    expect(add).toContain('roads');
    expect(add).not.toContain('gas');
    expect(add).not.toContain('street:110101001');
    expect(fieldChoices(ACTION_FIELDS.reject[0] as NonNullable<(typeof ACTION_FIELDS.reject)[0]>, s, 'zh-CN', streets)).toBeUndefined();
  });
});

describe('the emergency on the case trail', () => {
  it('names the plan, the departments, the steps and the summary', () => {
    const reported = gasLeak();
    const started = eventsOf(reported, 'startEmergencyPlan', ACTORS.duty, {});
    const planEvent = started.find((e) => e.type === 'emergencyPlanStarted') as CaseEvent;
    expect(trailWords(planEvent, { locale: 'zh-CN', streets }).details).toEqual([
      '预案：燃气泄漏应急处置预案',
      '主办部门：燃气集团东城分公司',
      '联动单位：东城消防救援支队、东城公安分局、东华门街道办事处',
      '处置步骤 7 项，最迟 11-23 12:00',
    ]);
    const s = started.reduce<CaseState>((acc, e) => evolve(acc, e), reported);
    const title = (caseId: string, stepId: string) => (caseId === s.id ? s.emergencyResponse?.steps.find((x) => x.id === stepId)?.title : undefined);
    const done = eventsOf(s, 'completeStep', ACTORS.duty, { stepId: 'cut-supply', note: '阀门已关' }, new Date(T0.getTime() + 40 * 60_000))[0] as CaseEvent;
    const en = trailWords(done, { locale: 'en', stepTitle: title });
    expect(en.title).toBe('Plan step done');
    expect(en.details).toEqual(['Step: Close the upstream valve and cut the supply', 'Note: 阀门已关', 'Done after the deadline']);
    const arrival = eventsOf(s, 'reportArrival', HANDLER.fire as never, { photoIds: ['p1'] });
    expect(arrival.map((e) => trailWords(e, { locale: 'zh-CN' }).title)).toEqual(['联动接报确认', '报告到场']);
    expect(trailWords(arrival[1] as CaseEvent, { locale: 'zh-CN' }).details).toEqual(['单位：东城消防救援支队', '照片 1 张']);
    const closed = eventsOf(s, 'closeEmergency', ACTORS.duty, { summary: '险情排除' })[0] as CaseEvent;
    expect(trailWords(closed, { locale: 'zh-CN' }).details).toEqual(['总结：险情排除', '未完成步骤 7 项']);
    const overdue = eventsOf(s, 'markStepOverdue', ACTORS.system, { stepId: 'confirm' }, new Date(T0.getTime() + 6 * 60_000))[0] as CaseEvent;
    expect(trailWords(overdue, { locale: 'zh-CN' }).details).toEqual(['步骤：confirm', '时限：11-23 10:05']);
  });
});
