import { describe, expect, it } from 'vitest';
import { departmentRows, overdueStepIds, stepRows, timelineRows } from '../../../src-renderer/features/duty/response-timeline';
import type { CaseState } from '../../../src-shared/domain';
import { ACTORS } from '../domain/fixtures';
import { HANDLER, iso, minutes } from '../domain/emergency-support';
import { gasLeakAt, on } from './support';

/** A gas leak (EP-GAS: lead gas; linked fire, police, the street office) worked for half an hour. */
function worked(): CaseState {
  let s = gasLeakAt('leak', 0);
  s = on(s, 'acknowledgeAlarm', ACTORS.duty, {}, 1);
  s = on(s, 'startEmergencyPlan', ACTORS.duty, {}, 2);
  s = on(s, 'acknowledgeLinkage', HANDLER.fire, {}, 4);
  s = on(s, 'acknowledgeLinkage', HANDLER.gas, {}, 6);
  s = on(s, 'reportArrival', HANDLER.fire, {}, 14);
  s = on(s, 'completeStep', ACTORS.duty, { stepId: 'confirm' }, 5);
  s = on(s, 'markStepOverdue', ACTORS.system, { stepId: 'report-up' }, 17);
  s = on(s, 'addLinkedDepartment', ACTORS.duty, { departmentId: 'roads', reason: '路面需封闭' }, 18);
  s = on(s, 'escalateEmergency', ACTORS.duty, { reason: '燃气公司未到场', departmentId: 'gas' }, 25);
  return s;
}

describe('the coordinated timeline', () => {
  it('lists the alarm, the start, every acknowledgement and arrival with minutes since linking, steps, escalations, in time order', () => {
    const rows = timelineRows(worked().emergencyResponse);
    expect(rows.map((r) => [r.at, r.kind, r.departmentId ?? r.step?.id ?? ''])).toEqual([
      [iso(1), 'alarm', ''],
      [iso(2), 'started', ''],
      [iso(4), 'acknowledged', 'fire'],
      [iso(5), 'stepDone', 'confirm'],
      [iso(6), 'acknowledged', 'gas'],
      [iso(14), 'arrived', 'fire'],
      // The overdue alert is placed at the step's deadline (+15 min from the start).
      [iso(17), 'stepOverdue', 'report-up'],
      [iso(18), 'linked', 'roads'],
      [iso(25), 'escalated', 'gas'],
    ]);
    expect(rows.find((r) => r.kind === 'acknowledged' && r.departmentId === 'gas')).toMatchObject({ afterMinutes: 4, by: 'handler-gas' });
    expect(rows.find((r) => r.kind === 'arrived')).toMatchObject({ afterMinutes: 12, by: 'handler-fire' });
    expect(rows.find((r) => r.kind === 'escalated')?.text).toBe('燃气公司未到场');
    expect(timelineRows(undefined)).toEqual([]);
  });

  it('ends with the close and its summary, a late step marked late', () => {
    let s = on(worked(), 'completeStep', ACTORS.duty, { stepId: 'report-up' }, 26);
    s = on(s, 'closeEmergency', ACTORS.duty, { summary: '气源已切断，险情排除' }, 40);
    const rows = timelineRows(s.emergencyResponse);
    expect(rows.at(-1)).toMatchObject({ kind: 'closed', at: iso(40), text: '气源已切断，险情排除', by: 'duty-1' });
    expect(rows.find((r) => r.kind === 'stepDone' && r.step?.id === 'report-up')).toMatchObject({ late: true });
  });
});

describe('the checklist and the departments at a given instant', () => {
  it('counts down open steps, marks passed deadlines overdue before the watcher does, and stops counting once closed', () => {
    const s = worked();
    const at20 = stepRows(s.emergencyResponse, minutes(20));
    expect(at20.map((r) => [r.id, r.status, r.minutesLeft])).toEqual([
      ['confirm', 'done', undefined],
      ['report-up', 'overdue', -3],
      ['cordon', 'open', 2],
      ['no-ignition', 'open', 2],
      ['cut-supply', 'open', 12],
      ['gas-safe', 'open', 72],
      ['scene-safe', 'open', 102],
    ]);
    // Past 22 min the cordon is overdue too, though no watcher has said so yet.
    expect(overdueStepIds(s.emergencyResponse, minutes(23))).toEqual(['report-up', 'cordon', 'no-ignition']);
    const closed = on(s, 'closeEmergency', ACTORS.duty, { summary: '险情排除' }, 30);
    expect(stepRows(closed.emergencyResponse, minutes(60)).filter((r) => r.status === 'undone').map((r) => r.id)).toEqual([
      'report-up',
      'cordon',
      'no-ignition',
      'cut-supply',
      'gas-safe',
      'scene-safe',
    ]);
    expect(overdueStepIds(closed.emergencyResponse, minutes(60))).toEqual([]);
  });

  it('says per department how long it took to acknowledge and arrive, and how long the silent ones have been waited for', () => {
    const rows = departmentRows(worked().emergencyResponse, minutes(20));
    expect(rows.map((r) => [r.departmentId, r.role, r.toAcknowledge, r.toArrive, r.waiting])).toEqual([
      ['gas', 'lead', 4, undefined, undefined],
      ['fire', 'linked', 2, 12, undefined],
      ['police', 'linked', undefined, undefined, 18],
      ['street:110101001', 'linked', undefined, undefined, 18],
      ['roads', 'linked', undefined, undefined, 2],
    ]);
  });
});
