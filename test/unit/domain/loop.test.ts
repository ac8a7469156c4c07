import { describe, expect, it } from 'vitest';
import { STAGES, decide, evolve, isOpenStage, replay, type CaseEvent, type CaseState } from '../../../src-shared/domain';
import { decideOnCase } from '../../../src-shared/domain/decide-on-case';
import { ACTORS, GAS_LEAK, GRID_A, T0, VALID_PAYLOADS, apply, caseAt, commandId, context } from './fixtures';

const minutes = (n: number) => n * 60_000;
const at = (offsetMinutes: number) => new Date(T0.getTime() + minutes(offsetMinutes));

function attempt(state: CaseState | null, type: string, role: keyof typeof ACTORS, payload: unknown, now = T0, extra: Record<string, unknown> = {}) {
  return decide(state, { commandId: commandId(), caseId: state?.id ?? 'case-1', type, payload, ...extra }, context(ACTORS[role], now));
}

function codeOf(decision: ReturnType<typeof decide>): string {
  return decision.ok ? 'ok' : decision.code;
}

describe('the whole loop, step by step', () => {
  it('records who did what, when, from which stage to which, and keeps the deadlines', () => {
    const events: CaseEvent[] = [];
    const step = (state: CaseState | null, type: string, role: keyof typeof ACTORS, payload: unknown, now: Date) => {
      const d = attempt(state, type, role, payload, now);
      if (!d.ok) throw new Error(d.code);
      events.push(...d.events);
      return d.events.reduce<CaseState | null>(evolve, state) as CaseState;
    };
    let s = step(null, 'report', 'supervisor', { ...VALID_PAYLOADS.report, photoIds: ['before-1'] }, T0);
    expect(s).toMatchObject({ stage: 'reported', version: 1, number: 'DC20261123-00001', place: { gridCode: GRID_A.gridCode, lon: 116.4, lat: 39.92 } });
    expect(s.deadlines.register).toBe(at(30).toISOString());
    s = step(s, 'register', 'intake', {}, at(10));
    expect(s.deadlines.dispatch).toBe(at(40).toISOString());
    s = step(s, 'dispatch', 'dispatcher', { leadDepartmentId: 'sanitation', assistingDepartmentIds: ['roads', 'roads'], instructions: '尽快清运' }, at(20));
    expect(s).toMatchObject({ stage: 'dispatched', leadDepartmentId: 'sanitation', assistingDepartmentIds: ['roads'], instructions: '尽快清运', handleStartedAt: at(20).toISOString() });
    // 240 working minutes count double in the fixture calendar.
    expect(s.deadlines.handle).toBe(at(20 + 480).toISOString());
    s = step(s, 'accept', 'department', {}, at(30));
    s = step(s, 'feedback', 'department', { result: '已清运完毕', photoIds: ['after-1'] }, at(120));
    expect(s.photos).toEqual([{ id: 'before-1', phase: 'before' }, { id: 'after-1', phase: 'after' }]);
    s = step(s, 'sendToVerify', 'intake', {}, at(125));
    expect(s.deadlines.verify).toBe(at(185).toISOString());
    s = step(s, 'verify', 'supervisor', { passed: true, photoIds: ['check-1'] }, at(150));
    s = step(s, 'close', 'intake', { note: '核查通过' }, at(160));
    s = step(s, 'evaluate', 'intake', { satisfaction: 'basic', note: '回访基本满意' }, at(2000));
    expect(s).toMatchObject({ stage: 'closed', version: 9, late: {}, closedAt: at(160).toISOString(), evaluation: { satisfaction: 'basic', by: 'intake-1' } });
    expect(events.map((e) => [e.type, e.fromStage, e.toStage, e.actor.role, e.version])).toEqual([
      ['reported', null, 'reported', 'supervisor', 1],
      ['registered', 'reported', 'registered', 'intake', 2],
      ['dispatched', 'registered', 'dispatched', 'dispatcher', 3],
      ['accepted', 'dispatched', 'accepted', 'department', 4],
      ['handled', 'accepted', 'handled', 'department', 5],
      ['sentToVerify', 'handled', 'verifying', 'intake', 6],
      ['verificationPassed', 'verifying', 'verified', 'supervisor', 7],
      ['closed', 'verified', 'closed', 'intake', 8],
      ['evaluated', 'closed', 'closed', 'intake', 9],
    ]);
    expect(events[3]?.actor).toEqual({ userId: 'handler-sanitation', role: 'department', departmentId: 'sanitation' });
    expect(replay(events)).toEqual(s);
  });

  it('marks links late when the action comes after the deadline, and keeps that record', () => {
    let s = apply(null, 'report', ACTORS.supervisor);
    s = apply(s, 'register', ACTORS.intake, {}, at(45)); // register limit was 30 min
    expect(s.late).toEqual({ register: true });
    s = apply(s, 'dispatch', ACTORS.dispatcher, VALID_PAYLOADS.dispatch, at(50));
    s = apply(s, 'accept', ACTORS.department, {}, at(60));
    s = apply(s, 'feedback', ACTORS.department, VALID_PAYLOADS.feedback, at(50 + 481));
    expect(s.late).toEqual({ register: true, handle: true });
    s = apply(s, 'sendToVerify', ACTORS.intake, {}, at(600));
    s = apply(s, 'verify', ACTORS.supervisor, { passed: true }, at(700));
    expect(s.late.verify).toBe(true);
  });
});

describe('reporting: where and what', () => {
  const report = (payload: Record<string, unknown>) => codeOf(attempt(null, 'report', 'supervisor', { ...VALID_PAYLOADS.report, gridCode: undefined, ...payload }));
  it('locates by coordinates, by grid code, or both when they agree', () => {
    const byPoint = apply(null, 'report', ACTORS.supervisor, { ...VALID_PAYLOADS.report, gridCode: undefined, lon: 116.401, lat: 39.921, address: '王府井大街1号' });
    expect(byPoint.place).toEqual({ lon: 116.401, lat: 39.921, gridCode: GRID_A.gridCode, communityCode: GRID_A.communityCode, streetCode: GRID_A.streetCode, address: '王府井大街1号' });
    expect(report({ lon: 116.401, lat: 39.921, gridCode: GRID_A.gridCode })).toBe('ok');
  });
  it('refuses a report it cannot place, with the reason', () => {
    expect(report({})).toBe('LOCATION_REQUIRED');
    expect(report({ lon: 117.5, lat: 40.5 })).toBe('OUTSIDE_DISTRICT');
    expect(report({ gridCode: '11010100100199' })).toBe('UNKNOWN_GRID');
    expect(report({ lon: 116.401, lat: 39.921, gridCode: '11010100100102' })).toBe('LOCATION_MISMATCH');
    expect(report({ gridCode: GRID_A.gridCode, categoryCode: 'E9999' })).toBe('UNKNOWN_CATEGORY');
    expect(report({ gridCode: GRID_A.gridCode, description: '' })).toBe('VALIDATION_FAILED');
  });
  it('keeps the component a report is about, and refuses a second report under the same id', () => {
    const s = apply(null, 'report', ACTORS.supervisor, { ...VALID_PAYLOADS.report, componentCode: '1101010112000123' });
    expect(s.componentCode).toBe('1101010112000123');
    expect(codeOf(attempt(s, 'report', 'supervisor', VALID_PAYLOADS.report))).toBe('CASE_EXISTS');
  });
  it('refuses commands on a case that does not exist', () => {
    expect(codeOf(attempt(null, 'register', 'intake', {}))).toBe('CASE_NOT_FOUND');
  });
});

describe('refusals a person can read', () => {
  it('explains malformed input field by field, in both languages', () => {
    const d = attempt(caseAt('registered'), 'dispatch', 'dispatcher', { leadDepartmentId: '' });
    expect(d.ok).toBe(false);
    if (d.ok) return;
    expect(d.code).toBe('VALIDATION_FAILED');
    expect(d.message.en).toContain('payload.leadDepartmentId');
    expect(d.message.zh).toContain('格式不正确');
    expect(codeOf(decide(null, 'not a command', context(ACTORS.intake)))).toBe('VALIDATION_FAILED');
    expect(codeOf(decide(null, { type: 'explode', caseId: 'c', commandId: 'cmd-12345678', payload: {} }, context(ACTORS.intake)))).toBe('VALIDATION_FAILED');
  });
  it('names the stage and the action when the stage is wrong', () => {
    const d = attempt(caseAt('dispatched'), 'close', 'intake', {});
    expect(d).toMatchObject({ ok: false, code: 'STAGE_NOT_ALLOWED', message: { zh: '案卷处于“待签收”环节，不能执行“结案”', en: 'The case is dispatched: it cannot close now' } });
  });
  it('names the role when the role is wrong, and leaders only read', () => {
    expect(attempt(caseAt('reported'), 'register', 'dispatcher', {})).toMatchObject({ code: 'ROLE_NOT_ALLOWED', message: { zh: '“派遣员”无权执行“立案”', en: 'A dispatcher may not register' } });
    expect(attempt(caseAt('reported'), 'register', 'leader', {})).toMatchObject({ code: 'READ_ONLY_ROLE' });
    expect(codeOf(attempt(null, 'report', 'leader', VALID_PAYLOADS.report))).toBe('READ_ONLY_ROLE');
  });
  it('answers a stale version with VERSION_CONFLICT and the current state', () => {
    const s = caseAt('registered');
    const d = attempt(s, 'dispatch', 'dispatcher', VALID_PAYLOADS.dispatch, T0, { expectedVersion: 1 });
    expect(d).toMatchObject({ ok: false, code: 'VERSION_CONFLICT', details: { currentVersion: 2, state: s } });
    if (!d.ok) expect(d.message.en).toBe('Someone else updated this case (now version 2, you saw 1); check the new state and try again');
    expect(codeOf(attempt(s, 'dispatch', 'dispatcher', VALID_PAYLOADS.dispatch, T0, { expectedVersion: 2 }))).toBe('ok');
  });
  it('keeps other departments out of a case', () => {
    const other = { ...context(ACTORS.department), actor: { userId: 'handler-roads', role: 'department' as const, departmentId: 'roads' } };
    const d = decide(caseAt('dispatched'), { commandId: commandId(), caseId: 'case-1', type: 'accept', payload: {} }, other);
    expect(codeOf(d)).toBe('NOT_YOUR_DEPARTMENT');
  });
});

describe('duplicates', () => {
  it('a report found to repeat an open case is linked in the same decision', () => {
    const d = attempt(null, 'report', 'system', { ...VALID_PAYLOADS.report, duplicateOf: 'case-0' });
    expect(d.ok && d.events.map((e) => [e.type, e.fromStage, e.toStage, e.version])).toEqual([
      ['reported', null, 'reported', 1],
      ['linkedAsDuplicate', 'reported', 'duplicate', 2],
    ]);
  });
  it('links, refuses self-links, and unlinks back to the intake queue', () => {
    const s = caseAt('reported');
    expect(codeOf(attempt(s, 'linkDuplicate', 'intake', { primaryCaseId: s.id }))).toBe('DUPLICATE_OF_SELF');
    const dup = apply(s, 'linkDuplicate', ACTORS.intake, { primaryCaseId: 'case-0' });
    expect(dup).toMatchObject({ stage: 'duplicate', duplicateOf: 'case-0' });
    const back = apply(dup, 'unlinkDuplicate', ACTORS.intake, {});
    expect(back.stage).toBe('reported');
    expect(back.duplicateOf).toBeUndefined();
    // The first case keeps the list of reports that repeat it.
    const primary = apply(apply(caseAt('dispatched'), 'recordDuplicate', ACTORS.system, { duplicateCaseId: 'case-2', linked: true }), 'recordDuplicate', ACTORS.system, { duplicateCaseId: 'case-3', linked: true });
    expect(primary.duplicates).toEqual(['case-2', 'case-3']);
    expect(apply(primary, 'recordDuplicate', ACTORS.system, { duplicateCaseId: 'case-2', linked: false }).duplicates).toEqual(['case-3']);
    // A duplicate is never dispatched.
    expect(codeOf(attempt(dup, 'dispatch', 'dispatcher', VALID_PAYLOADS.dispatch))).toBe('STAGE_NOT_ALLOWED');
  });
});

describe('dispatch and the emergency route', () => {
  it('refuses unknown departments and a lead that also assists', () => {
    const s = caseAt('registered');
    expect(codeOf(attempt(s, 'dispatch', 'dispatcher', { leadDepartmentId: 'nasa' }))).toBe('UNKNOWN_DEPARTMENT');
    expect(codeOf(attempt(s, 'dispatch', 'dispatcher', { leadDepartmentId: 'sanitation', assistingDepartmentIds: ['nasa'] }))).toBe('UNKNOWN_DEPARTMENT');
    expect(codeOf(attempt(s, 'dispatch', 'dispatcher', { leadDepartmentId: 'sanitation', assistingDepartmentIds: ['sanitation'] }))).toBe('LEAD_ALSO_ASSISTING');
  });
  it('sends urgent cases to the duty officer on the 24/7 clock', () => {
    const s = caseAt('registered', GAS_LEAK);
    expect(s).toMatchObject({ urgency: 'urgent', emergency: true });
    expect(codeOf(attempt(s, 'dispatch', 'dispatcher', { leadDepartmentId: 'gas' }))).toBe('EMERGENCY_ROUTE');
    const d = apply(s, 'dispatch', ACTORS.duty, { leadDepartmentId: 'gas', assistingDepartmentIds: ['fire'] }, at(5));
    expect(d.deadlines.handle).toBe(at(125).toISOString()); // 120 natural minutes, not doubled
    expect(codeOf(attempt(s, 'routeToEmergency', 'dispatcher', { reason: 'x' }))).toBe('ALREADY_EMERGENCY');
  });
  it('registering a normal category as urgent switches it to the 24/7 clock', () => {
    const s = apply(caseAt('reported'), 'register', ACTORS.intake, { urgent: true, note: '堵塞消防通道' });
    expect(s).toMatchObject({ urgency: 'urgent', emergency: true });
    expect(s.deadlines.dispatch).toBe(at(30).toISOString());
  });
  it('a report flagged urgent at intake runs on the 24/7 clock from the start and stays urgent at registration', () => {
    const flagged = apply(null, 'report', ACTORS.intake, { ...VALID_PAYLOADS.report, channel: 'hotline', urgent: true });
    expect(flagged.urgency).toBe('urgent');
    const registered = apply(flagged, 'register', ACTORS.intake, {});
    expect(registered).toMatchObject({ urgency: 'urgent', emergency: true });
    // 240 working minutes would count double in the fixture calendar; urgent ones are natural minutes.
    expect(apply(registered, 'dispatch', ACTORS.duty, VALID_PAYLOADS.dispatch, at(5)).deadlines.handle).toBe(at(245).toISOString());
    // The operator may still decide at registration that it is not urgent after all.
    expect(apply(flagged, 'register', ACTORS.intake, { urgent: false }).urgency).toBe('normal');
    expect(apply(null, 'report', ACTORS.intake, { ...VALID_PAYLOADS.report, channel: 'hotline' }).urgency).toBe('normal');
  });
  it('re-categorises at registration, refusing unknown categories', () => {
    expect(apply(caseAt('reported'), 'register', ACTORS.intake, { categoryCode: 'E0401' })).toMatchObject({ categoryCode: 'E0401', urgency: 'urgent' });
    expect(codeOf(attempt(caseAt('reported'), 'register', 'intake', { categoryCode: 'E0999' }))).toBe('UNKNOWN_CATEGORY');
  });
  it('a dispatcher can route a normal case to the emergency desk', () => {
    const s = apply(caseAt('registered'), 'routeToEmergency', ACTORS.dispatcher, { reason: '现场有燃气味' }, at(3));
    expect(s).toMatchObject({ stage: 'registered', emergency: true, deadlines: { dispatch: at(33).toISOString() } });
    expect(codeOf(attempt(s, 'dispatch', 'dispatcher', VALID_PAYLOADS.dispatch))).toBe('EMERGENCY_ROUTE');
    const dispatched = apply(s, 'dispatch', ACTORS.duty, VALID_PAYLOADS.dispatch, at(5));
    // On the emergency route the 240-minute limit runs 24/7 (the fixture doubles working minutes).
    expect(dispatched).toMatchObject({ emergency: true, deadlines: { handle: at(245).toISOString() } });
  });
  it('a returned case goes back to the dispatcher without its department', () => {
    const s = apply(caseAt('accepted'), 'return', ACTORS.department, { reason: '属于园林部门' }, at(40));
    expect(s).toMatchObject({ stage: 'returned', returnCount: 1, assistingDepartmentIds: [] });
    expect(s.leadDepartmentId).toBeUndefined();
    expect(apply(s, 'dispatch', ACTORS.dispatcher, { leadDepartmentId: 'roads' }).leadDepartmentId).toBe('roads');
  });
});

describe('asking for time', () => {
  it('an extension moves the handling deadline on from the old one', () => {
    let s = apply(caseAt('accepted'), 'requestExtension', ACTORS.department, { minutes: 60, reason: '等待配件' });
    expect(s.pendingRequest).toMatchObject({ type: 'extension', minutes: 60, requestedBy: 'handler-sanitation' });
    expect(codeOf(attempt(s, 'requestSuspension', 'department', VALID_PAYLOADS.requestSuspension))).toBe('REQUEST_PENDING');
    expect(codeOf(attempt(s, 'decideSuspension', 'dispatcher', { granted: true }))).toBe('NO_PENDING_REQUEST');
    const before = Date.parse(s.deadlines.handle as string);
    s = apply(s, 'decideExtension', ACTORS.dispatcher, { granted: true });
    expect(Date.parse(s.deadlines.handle as string) - before).toBe(minutes(120)); // 60 working minutes
    expect(s).toMatchObject({ extensionCount: 1 });
    expect(s.pendingRequest).toBeUndefined();
  });
  it('a refused request leaves the deadline alone', () => {
    const s0 = apply(caseAt('accepted'), 'requestExtension', ACTORS.department, { minutes: 60, reason: '等待配件' });
    const s = apply(s0, 'decideExtension', ACTORS.dispatcher, { granted: false, reason: '时限充足' });
    expect(s.deadlines.handle).toBe(s0.deadlines.handle);
    expect(s.pendingRequest).toBeUndefined();
    const t = apply(apply(caseAt('accepted'), 'requestSuspension', ACTORS.department), 'decideSuspension', ACTORS.dispatcher, { granted: false });
    expect(t.stage).toBe('accepted');
  });
  it('a suspension stops the clock and resuming gives back the time that was left', () => {
    const s0 = caseAt('accepted'); // dispatched at T0, handle deadline T0 + 480
    let s = apply(s0, 'requestSuspension', ACTORS.department, VALID_PAYLOADS.requestSuspension, at(80));
    s = apply(s, 'decideSuspension', ACTORS.dispatcher, { granted: true }, at(80));
    expect(s).toMatchObject({ stage: 'suspended', suspendedFrom: { stage: 'accepted', remainingMinutes: 200 }, suspensionCount: 1 });
    s = apply(s, 'resume', ACTORS.dispatcher, { note: '产权已明确' }, at(10_000));
    expect(s).toMatchObject({ stage: 'accepted', deadlines: { handle: at(10_400).toISOString() }, handleStartedAt: at(10_000).toISOString() });
    expect(s.suspendedFrom).toBeUndefined();
  });
  it('feedback supersedes a pending request', () => {
    const s = apply(apply(caseAt('accepted'), 'requestExtension', ACTORS.department, { minutes: 30, reason: 'x' }), 'feedback', ACTORS.department);
    expect(s.pendingRequest).toBeUndefined();
  });
});

describe('verification and rework', () => {
  it('a failed check sends the case back to the department with a fresh deadline', () => {
    const s = apply(caseAt('verifying'), 'verify', ACTORS.supervisor, { passed: false, note: '仍有垃圾', photoIds: ['check-1'] }, at(100));
    expect(s).toMatchObject({ stage: 'rework', reworkCount: 1, handleStartedAt: at(100).toISOString(), deadlines: { handle: at(580).toISOString() } });
    expect(s.photos.at(-1)).toEqual({ id: 'check-1', phase: 'check' });
    const again = apply(s, 'feedback', ACTORS.department, VALID_PAYLOADS.feedback, at(200));
    expect(again.stage).toBe('handled');
  });
  it('the supervision centre can order rework from the photos or after the check', () => {
    expect(apply(caseAt('handled'), 'orderRework', ACTORS.intake)).toMatchObject({ stage: 'rework', reworkCount: 1 });
    expect(apply(caseAt('verified'), 'orderRework', ACTORS.intake)).toMatchObject({ stage: 'rework', reworkCount: 1 });
  });
  it('a case is evaluated once', () => {
    const s = apply(caseAt('closed'), 'evaluate', ACTORS.intake, { satisfaction: 'dissatisfied' });
    expect(codeOf(attempt(s, 'evaluate', 'intake', { satisfaction: 'satisfied' }))).toBe('ALREADY_EVALUATED');
  });
});

describe('time: reminders, overdue alerts, supervision', () => {
  it('reminds once per deadline and alerts only when it has passed', () => {
    const s0 = caseAt('accepted');
    const reminded = apply(s0, 'raiseReminder', ACTORS.system, { link: 'handle' }, at(400));
    expect(reminded.reminded.handle).toBe(true);
    expect(codeOf(attempt(reminded, 'raiseReminder', 'system', { link: 'handle' }))).toBe('ALREADY_REMINDED');
    expect(codeOf(attempt(s0, 'raiseReminder', 'system', { link: 'verify' }))).toBe('NO_DEADLINE');
    expect(codeOf(attempt(s0, 'markOverdue', 'system', { link: 'handle' }, at(479)))).toBe('NOT_YET_DUE');
    const overdue = apply(reminded, 'markOverdue', ACTORS.system, { link: 'handle' }, at(480));
    expect(overdue).toMatchObject({ late: { handle: true }, overdueAlerted: { handle: true } });
    expect(codeOf(attempt(overdue, 'markOverdue', 'system', { link: 'handle' }, at(481)))).toBe('ALREADY_OVERDUE');
    expect(codeOf(attempt(overdue, 'raiseReminder', 'system', { link: 'handle' }, at(481)))).toBe('ALREADY_OVERDUE');
    // An extension gives a new deadline: a new reminder and alert may follow, the lateness stays on record.
    let extended = apply(overdue, 'requestExtension', ACTORS.department, { minutes: 60, reason: '等待配件' }, at(482));
    extended = apply(extended, 'decideExtension', ACTORS.dispatcher, { granted: true }, at(483));
    expect(extended).toMatchObject({ late: { handle: true }, overdueAlerted: { handle: false }, reminded: { handle: false } });
  });
  it('flags formal supervision (督办) once', () => {
    const s = apply(caseAt('accepted'), 'flagSupervision', ACTORS.system, { reason: '超期两倍' });
    expect(s.supervised).toBe(true);
    expect(codeOf(attempt(s, 'flagSupervision', 'dispatcher', { reason: 'again' }))).toBe('ALREADY_SUPERVISED');
  });
});

describe('evidence and the fold', () => {
  it('attaches camera frames to an open case', () => {
    const s = apply(caseAt('dispatched'), 'attachEvidence', ACTORS.dispatcher, { photoIds: ['frame-1', 'frame-2'], note: '视频截图' });
    expect(s.photos.filter((p) => p.phase === 'evidence').map((p) => p.id)).toEqual(['frame-1', 'frame-2']);
    expect(s.stage).toBe('dispatched');
  });
  it('refuses to fold an event into a case that was never reported', () => {
    const [first] = (attempt(caseAt('reported'), 'register', 'intake', {}) as { events: CaseEvent[] }).events;
    expect(() => evolve(null, first as CaseEvent)).toThrow(/before it was reported/);
    expect(replay([])).toBeNull();
  });
  it('the case-level handler never creates a case', () => {
    const s = caseAt('reported');
    const r = decideOnCase(s, { commandId: commandId(), caseId: s.id, type: 'report', payload: VALID_PAYLOADS.report as never }, context(ACTORS.supervisor));
    expect(r).toMatchObject({ ok: false, code: 'CASE_EXISTS' });
  });
});

describe('stages', () => {
  it('open stages are the ones a case can still move from', () => {
    expect(STAGES.filter(isOpenStage)).toEqual(STAGES.filter((s) => !['rejected', 'duplicate', 'closed'].includes(s)));
  });
});
