import { describe, expect, it } from 'vitest';
import { alarmPending, allowedCommands, linkageTask, replay, type CaseEvent } from '../../../src-shared/domain';
import { ACTORS, T0, VALID_PAYLOADS, apply, caseAt } from './fixtures';
import { HANDLER, gasLeak, gasPlanStarted, iso, minutes, applied, when } from './emergency-support';

describe('the duty officer’s alarm', () => {
  it('rings for an open urgent case until a duty officer acknowledges it, once', () => {
    const reported = gasLeak();
    expect(alarmPending(reported)).toBe(true);
    expect(alarmPending(caseAt('reported'))).toBe(false); // exposed garbage: the dispatcher's, no alarm
    const ack = when(reported, 'acknowledgeAlarm', ACTORS.duty, { note: '已接警' }, minutes(1));
    expect(ack.types).toEqual(['alarmAcknowledged']);
    expect(ack.state).toMatchObject({ stage: 'reported', emergencyResponse: { alarmAcknowledgedAt: iso(1), alarmAcknowledgedBy: 'duty-1', departments: [], steps: [] } });
    expect(alarmPending(ack.state as NonNullable<typeof ack.state>)).toBe(false);
    const again = when(ack.state, 'acknowledgeAlarm', ACTORS.duty, {}, minutes(2));
    expect(again.code).toBe('ALARM_ALREADY_ACKNOWLEDGED');
    expect(again.message?.en).toContain('duty-1');
  });

  it('is the duty officer’s alone, and only for urgent cases', () => {
    expect(when(gasLeak(), 'acknowledgeAlarm', ACTORS.dispatcher).code).toBe('ROLE_NOT_ALLOWED');
    expect(when(caseAt('registered'), 'acknowledgeAlarm', ACTORS.duty).code).toBe('ROLE_NOT_ALLOWED');
    expect(when(caseAt('closed'), 'acknowledgeAlarm', ACTORS.duty).code).toBe('STAGE_NOT_ALLOWED');
  });
});

describe('starting the plan: one coordinated timeline', () => {
  it('acknowledges, registers, starts EP-GAS with step deadlines from now, and dispatches to every department at once', () => {
    const reported = when(null, 'report', ACTORS.supervisor, { ...VALID_PAYLOADS.report, categoryCode: 'E0401' });
    const started = when(reported.state, 'startEmergencyPlan', ACTORS.duty, { instructions: '立即关阀，疏散群众' }, minutes(3));
    expect(started.events.map((e: CaseEvent) => [e.type, e.fromStage, e.toStage, e.version])).toEqual([
      ['alarmAcknowledged', 'reported', 'reported', 2],
      ['registered', 'reported', 'registered', 3],
      ['emergencyPlanStarted', 'registered', 'registered', 4],
      ['dispatched', 'registered', 'dispatched', 5],
    ]);
    const s = started.state;
    expect(s).toMatchObject({
      stage: 'dispatched',
      emergency: true,
      leadDepartmentId: 'gas',
      assistingDepartmentIds: ['fire', 'police', 'street:110101001'],
      instructions: '立即关阀，疏散群众',
      registeredAt: iso(3),
      dispatchedAt: iso(3),
      deadlines: { handle: iso(3 + 120) },
      late: {},
    });
    const r = s?.emergencyResponse;
    expect(r).toMatchObject({ planCode: 'EP-GAS', startedAt: iso(3), startedBy: 'duty-1', alarmAcknowledgedAt: iso(3), escalations: [] });
    expect(r?.departments).toEqual([
      { departmentId: 'gas', role: 'lead', linkedAt: iso(3) },
      { departmentId: 'fire', role: 'linked', linkedAt: iso(3) },
      { departmentId: 'police', role: 'linked', linkedAt: iso(3) },
      { departmentId: 'street:110101001', role: 'linked', linkedAt: iso(3) },
    ]);
    expect(r?.steps.map((step) => [step.id, step.by, step.dueAt, step.overdue])).toEqual([
      ['confirm', 'duty', iso(8), false],
      ['report-up', 'duty', iso(18), false],
      ['cordon', 'linked', iso(23), false],
      ['no-ignition', 'linked', iso(23), false],
      ['cut-supply', 'lead', iso(33), false],
      ['gas-safe', 'lead', iso(93), false],
      ['scene-safe', 'lead', iso(123), false],
    ]);
    expect(r?.steps[4]?.title.zh).toBe('关闭上游阀门，切断气源');
    // The trail and the projection cannot disagree: replaying the events gives the same state.
    expect(replay([...reported.events, ...started.events])).toEqual(s);
  });

  it('does not acknowledge or register twice when that was already done', () => {
    let s = applied(gasLeak(), 'acknowledgeAlarm', ACTORS.duty);
    s = applied(s, 'register', ACTORS.intake);
    const started = when(s, 'startEmergencyPlan', ACTORS.duty, {});
    expect(started.types).toEqual(['emergencyPlanStarted', 'dispatched']);
    expect(started.state?.emergencyResponse?.alarmAcknowledgedBy).toBe('duty-1');
  });

  it('runs the generic plan for a case routed to emergency, led by the category’s own department', () => {
    let s = caseAt('registered'); // exposed garbage
    s = applied(s, 'routeToEmergency', ACTORS.dispatcher, { reason: '垃圾堆起火冒烟' });
    expect(alarmPending(s)).toBe(true);
    const started = when(s, 'startEmergencyPlan', ACTORS.duty, {});
    expect(started.state).toMatchObject({ leadDepartmentId: 'sanitation', assistingDepartmentIds: ['street:110101001', 'police'], emergencyResponse: { planCode: 'EP-GENERIC' } });
  });

  it('takes another plan when the officer names one, and refuses what it cannot start', () => {
    expect(when(gasLeak(), 'startEmergencyPlan', ACTORS.duty, { planCode: 'EP-FIRE-HAZARD' }).code).toBe('UNKNOWN_DEPARTMENT'); // power is not in this district fixture
    expect(when(gasLeak(), 'startEmergencyPlan', ACTORS.duty, { planCode: 'EP-NOPE' }).code).toBe('UNKNOWN_PLAN');
    expect(when(gasLeak(), 'startEmergencyPlan', ACTORS.duty, { planCode: 'not a code' }).code).toBe('VALIDATION_FAILED');
    expect(when(gasLeak(), 'startEmergencyPlan', ACTORS.dispatcher, {}).code).toBe('ROLE_NOT_ALLOWED');
    expect(when(caseAt('registered'), 'startEmergencyPlan', ACTORS.duty, {}).code).toBe('ROLE_NOT_ALLOWED'); // not urgent
    expect(when(gasPlanStarted(), 'startEmergencyPlan', ACTORS.duty, {}).code).toBe('STAGE_NOT_ALLOWED');
  });

  it('starts a plan once: after the response closed and the case came back, it is refused', () => {
    let s = applied(gasPlanStarted(), 'closeEmergency', ACTORS.duty, { summary: '误报：下水道异味' }, minutes(20));
    s = applied(s, 'return', HANDLER.gas, { reason: '非燃气泄漏，系下水道异味' }, minutes(25));
    const again = when(s, 'startEmergencyPlan', ACTORS.duty, {}, minutes(26));
    expect(again.code).toBe('EMERGENCY_ALREADY_STARTED');
    expect(again.message?.zh).toContain('EP-GAS');
    // The duty officer dispatches it the ordinary way instead.
    expect(when(s, 'dispatch', ACTORS.duty, { leadDepartmentId: 'street:110101001' }, minutes(26)).code).toBe('ok');
  });
});

describe('linked departments acknowledge and arrive', () => {
  it('records each department’s acknowledgement and arrival, once each', () => {
    let s = gasPlanStarted();
    const ack = when(s, 'acknowledgeLinkage', HANDLER.fire, { note: '中队出动' }, minutes(2));
    expect(ack.types).toEqual(['linkageAcknowledged']);
    expect(ack.events[0]?.payload).toEqual({ departmentId: 'fire', note: '中队出动' });
    s = ack.state as NonNullable<typeof ack.state>;
    expect(s.emergencyResponse?.departments.find((d) => d.departmentId === 'fire')).toMatchObject({ acknowledgedAt: iso(2), acknowledgedBy: 'handler-fire' });
    expect(when(s, 'acknowledgeLinkage', HANDLER.fire, {}, minutes(3)).code).toBe('LINKAGE_ALREADY_ACKNOWLEDGED');
    const arrival = when(s, 'reportArrival', HANDLER.fire, { note: '已到场', photoIds: ['scene-1'] }, minutes(12));
    expect(arrival.types).toEqual(['arrivalReported']);
    s = arrival.state as NonNullable<typeof arrival.state>;
    expect(s.emergencyResponse?.departments.find((d) => d.departmentId === 'fire')?.arrivedAt).toBe(iso(12));
    expect(s.photos).toContainEqual({ id: 'scene-1', phase: 'evidence' });
    expect(when(s, 'reportArrival', HANDLER.fire, {}, minutes(13)).code).toBe('ALREADY_ARRIVED');
  });

  it('tells each department desk what it still owes the response', () => {
    let s = gasPlanStarted();
    expect(linkageTask(s, 'fire')).toBe('acknowledge');
    expect(linkageTask(s, 'roads')).toBeUndefined();
    expect(linkageTask(s, undefined)).toBeUndefined();
    s = applied(s, 'acknowledgeLinkage', HANDLER.fire);
    expect(linkageTask(s, 'fire')).toBe('arrive');
    s = applied(s, 'reportArrival', HANDLER.fire);
    expect(linkageTask(s, 'fire')).toBeUndefined();
    expect(linkageTask(s, 'police')).toBe('acknowledge');
    s = applied(s, 'closeEmergency', ACTORS.duty, { summary: '险情排除' });
    expect(linkageTask(s, 'police')).toBeUndefined();
    expect(linkageTask(caseAt('dispatched'), 'sanitation')).toBeUndefined();
  });

  it('takes an arrival without a prior acknowledgement as both', () => {
    const arrival = when(gasPlanStarted(), 'reportArrival', HANDLER.police, {}, minutes(9));
    expect(arrival.types).toEqual(['linkageAcknowledged', 'arrivalReported']);
    expect(arrival.state?.emergencyResponse?.departments.find((d) => d.departmentId === 'police')).toMatchObject({ acknowledgedAt: iso(9), arrivedAt: iso(9) });
  });

  it('refuses departments that are not linked, and cases with no plan', () => {
    const s = gasPlanStarted();
    const roads = when(s, 'acknowledgeLinkage', HANDLER.roads);
    expect(roads.code).toBe('NOT_LINKED_DEPARTMENT');
    expect(roads.message).toEqual({ zh: '部门 roads 不是本次应急联动的单位', en: 'Department roads is not linked to this emergency' });
    expect(when(s, 'reportArrival', ACTORS.department).code).toBe('NOT_LINKED_DEPARTMENT');
    expect(when(s, 'acknowledgeLinkage', ACTORS.duty).code).toBe('ROLE_NOT_ALLOWED');
    expect(when(caseAt('dispatched'), 'acknowledgeLinkage', ACTORS.department).code).toBe('NO_EMERGENCY_RESPONSE');
  });

  it('leaves signing for and feeding back to the lead: the screens offer each department its own part', () => {
    const s = gasPlanStarted();
    expect(when(s, 'accept', HANDLER.fire).code).toBe('NOT_YOUR_DEPARTMENT');
    expect(allowedCommands(s, HANDLER.fire)).toEqual(['acknowledgeLinkage', 'reportArrival']);
    // The lead may not return it while the response runs (先处置后定责): no 'return' on offer.
    expect(allowedCommands(s, HANDLER.gas)).toEqual(['accept', 'attachEvidence', 'acknowledgeLinkage', 'reportArrival']);
    expect(allowedCommands(s, HANDLER.roads)).toEqual([]);
    expect(allowedCommands(s, ACTORS.duty)).toEqual(
      expect.arrayContaining(['completeStep', 'addLinkedDepartment', 'escalateEmergency', 'closeEmergency', 'flagSupervision', 'attachEvidence']),
    );
    expect(allowedCommands(s, ACTORS.duty)).not.toContain('acknowledgeAlarm');
    expect(when(s, 'accept', HANDLER.gas, {}, T0).code).toBe('ok');
    expect(apply(s, 'accept', HANDLER.gas).stage).toBe('accepted');
  });
});
