import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../../src-shared/calendar';
import type { Category } from '../../../src-shared/catalog/category-types';
import {
  DEFAULT_ALARM_THRESHOLDS,
  alarmSchedule,
  assertValidThresholds,
  dueAlarms,
  linkRound,
  nextAlarmAt,
  overtimeMultiple,
  type AlarmInputs,
} from '../../../src-shared/domain/alarms';
import type { CaseState } from '../../../src-shared/domain';
import { ACTORS, GARBAGE, GAS_LEAK, T0, VALID_PAYLOADS, apply, caseAt, context } from './fixtures';

const at = (offsetMinutes: number) => new Date(T0.getTime() + offsetMinutes * 60_000);
const iso = (offsetMinutes: number) => at(offsetMinutes).toISOString();
/** The fixture calendar: a working minute takes two wall minutes, natural minutes are wall minutes. */
const calendar = context(ACTORS.system).calendar;
const garbage: AlarmInputs = { calendar, category: GARBAGE };
const gas: AlarmInputs = { calendar, category: GAS_LEAK };

/** GARBAGE reported at 0, registered at 5, dispatched at 20: 240 working minutes = wall 20 → 500. */
function dispatchedGarbage(): CaseState {
  let s = apply(null, 'report', ACTORS.supervisor, undefined, at(0));
  s = apply(s, 'register', ACTORS.intake, {}, at(5));
  return apply(s, 'dispatch', ACTORS.dispatcher, { leadDepartmentId: 'sanitation' }, at(20));
}

const raised = (s: CaseState, patch: Partial<CaseState>): CaseState => ({ ...s, ...patch });

describe('the alarm schedule of the current link', () => {
  it('reminds at 80 % of the handle limit, is overdue at the deadline and due for supervision at 2× — on the link clock', () => {
    const plan = alarmSchedule(dispatchedGarbage(), garbage);
    expect(plan).toMatchObject({ link: 'handle', clock: 'working', allowedMinutes: 240, pausedMinutes: 0 });
    expect(plan?.startedAt).toEqual(at(20));
    expect(plan?.reminderAt).toEqual(at(20 + 192 * 2));
    expect(plan?.overdueAt).toEqual(at(500));
    expect(plan?.supervisionAt).toEqual(at(500 + 240 * 2));
  });

  it('has no supervision for the centres’ own links (register, dispatch, verify)', () => {
    const reported = apply(null, 'report', ACTORS.supervisor, undefined, at(0));
    const plan = alarmSchedule(reported, garbage);
    expect(plan).toMatchObject({ link: 'register', clock: 'natural', allowedMinutes: 30 });
    expect(plan?.reminderAt).toEqual(at(24));
    expect(plan?.supervisionAt).toBeUndefined();
    expect(nextAlarmAt(raised(reported, { overdueAlerted: { register: true } }), garbage)).toBeUndefined();
  });

  it('restarts the dispatch clock when a department returns the case', () => {
    let s = dispatchedGarbage();
    s = apply(s, 'return', ACTORS.department, { reason: '不属于本部门' }, at(100));
    const plan = alarmSchedule(s, garbage);
    expect(plan).toMatchObject({ link: 'dispatch', startedAt: at(100), overdueAt: at(130) });
    expect(plan?.reminderAt).toEqual(at(124));
  });

  it('runs an urgent case on the natural clock', () => {
    let s = apply(null, 'report', ACTORS.supervisor, { ...VALID_PAYLOADS.report, categoryCode: GAS_LEAK.code }, at(0));
    s = apply(s, 'register', ACTORS.intake, {}, at(2));
    s = apply(s, 'dispatch', ACTORS.duty, { leadDepartmentId: 'gas' }, at(5));
    const plan = alarmSchedule(s, gas);
    expect(plan).toMatchObject({ clock: 'natural', allowedMinutes: 120, overdueAt: at(125), supervisionAt: at(245) });
    expect(plan?.reminderAt).toEqual(at(5 + 96));
  });

  it('reads the emergency route’s dispatch deadline on the natural clock', () => {
    const working: Category = { ...GARBAGE, limits: { ...GARBAGE.limits, dispatch: { minutes: 30, clock: 'working' } } };
    let s = apply(null, 'report', ACTORS.supervisor, undefined, at(0));
    s = apply(s, 'register', ACTORS.intake, {}, at(1));
    expect(alarmSchedule(s, { calendar, category: working })?.clock).toBe('working');
    s = apply(s, 'routeToEmergency', ACTORS.intake, { reason: '现场有燃气味' }, at(3));
    expect(alarmSchedule(s, { calendar, category: working })).toMatchObject({ clock: 'natural', startedAt: at(3) });
  });

  it('has nothing to schedule where no link’s clock runs', () => {
    for (const stage of ['handled', 'verified', 'closed', 'suspended', 'rejected'] as const) {
      const s = caseAt(stage);
      expect(alarmSchedule(s, garbage)).toBeUndefined();
      expect(dueAlarms(s, at(100_000), garbage)).toEqual([]);
      expect(nextAlarmAt(s, garbage)).toBeUndefined();
    }
  });

  it('follows configurable thresholds and refuses nonsense ones', () => {
    const plan = alarmSchedule(dispatchedGarbage(), { ...garbage, thresholds: { reminderShare: 0.5, supervisionMultiple: 3 } });
    expect(plan?.reminderAt).toEqual(at(20 + 120 * 2));
    expect(plan?.supervisionAt).toEqual(at(500 + 480 * 2));
    expect(DEFAULT_ALARM_THRESHOLDS).toEqual({ reminderShare: 0.8, supervisionMultiple: 2 });
    expect(() => assertValidThresholds({ reminderShare: 1.2, supervisionMultiple: 2 })).toThrow(RangeError);
    expect(() => assertValidThresholds({ reminderShare: Number.NaN, supervisionMultiple: 2 })).toThrow(RangeError);
    expect(() => assertValidThresholds({ reminderShare: 0.8, supervisionMultiple: 0.5 })).toThrow(RangeError);
    expect(() => assertValidThresholds({ reminderShare: 0.8, supervisionMultiple: Infinity })).toThrow(RangeError);
    expect(() => alarmSchedule(dispatchedGarbage(), { ...garbage, thresholds: { reminderShare: -1, supervisionMultiple: 2 } })).toThrow(RangeError);
  });

  it('counts an extension as allowed time', () => {
    let s = apply(dispatchedGarbage(), 'accept', ACTORS.department, {}, at(30));
    s = apply(s, 'requestExtension', ACTORS.department, { minutes: 60, reason: '需要调配车辆' }, at(40));
    s = apply(s, 'decideExtension', ACTORS.dispatcher, { granted: true }, at(50));
    const plan = alarmSchedule(s, garbage);
    expect(plan).toMatchObject({ allowedMinutes: 300, overdueAt: at(620), startedAt: at(20) });
    expect(plan?.reminderAt).toEqual(at(20 + 240 * 2));
  });

  it('leaves a suspension out of the round: the reminder and supervision move with the deadline', () => {
    let s = apply(dispatchedGarbage(), 'accept', ACTORS.department, {}, at(30));
    s = apply(s, 'requestSuspension', ACTORS.department, { reason: '产权纠纷' }, at(90));
    s = apply(s, 'decideSuspension', ACTORS.dispatcher, { granted: true }, at(100)); // 40 working minutes used, 200 left
    expect(s.handlePauses).toEqual([{ from: iso(100) }]);
    // While suspended the finished-pauses sum is 0 and the multiple stops at the suspension.
    expect(linkRound(s, 'handle', garbage)?.pausedMinutes).toBe(0);
    expect(overtimeMultiple(s, at(5_000), garbage)).toBeCloseTo(40 / 240);
    s = apply(s, 'resume', ACTORS.dispatcher, {}, at(1_000));
    expect(s.handlePauses).toEqual([{ from: iso(100), to: iso(1_000) }]);
    const plan = alarmSchedule(s, garbage);
    expect(plan).toMatchObject({ startedAt: at(20), runningSince: at(1_000), pausedMinutes: 450, allowedMinutes: 240, overdueAt: at(1_400) });
    // 200 left at resume; the reminder is due when 48 are left: 152 working minutes later.
    expect(plan?.reminderAt).toEqual(at(1_000 + 152 * 2));
    expect(plan?.supervisionAt).toEqual(at(1_400 + 240 * 2));
    expect(overtimeMultiple(s, at(1_400), garbage)).toBeCloseTo(1);
  });

  it('reminds at once after a resume that left less than the reminder share', () => {
    let s = apply(dispatchedGarbage(), 'accept', ACTORS.department, {}, at(30));
    s = apply(s, 'requestSuspension', ACTORS.department, { reason: '产权纠纷' }, at(400));
    s = apply(s, 'decideSuspension', ACTORS.dispatcher, { granted: true }, at(480)); // 10 working minutes left
    s = apply(s, 'resume', ACTORS.dispatcher, {}, at(2_000));
    expect(alarmSchedule(s, garbage)?.reminderAt).toEqual(at(2_000));
  });

  it('starts a new round on rework, with the pauses of the old one dropped', () => {
    let s = caseAt('rework');
    expect(s.handlePauses).toEqual([]);
    expect(alarmSchedule(s, garbage)).toMatchObject({ link: 'handle', startedAt: new Date(s.linkStartedAt?.handle ?? '') });
    s = apply(caseAt('handled'), 'orderRework', ACTORS.intake, { reason: '现场仍有残留' }, at(60));
    expect(alarmSchedule(s, garbage)).toMatchObject({ startedAt: at(60), overdueAt: at(540) });
  });

  it('falls back to the step instants for states written before linkStartedAt', () => {
    const { linkStartedAt: _dropped, handlePauses: _none, ...legacy } = dispatchedGarbage();
    expect(alarmSchedule(legacy, garbage)).toMatchObject({ startedAt: at(20), overdueAt: at(500) });
    const { linkStartedAt: _also, ...verifying } = caseAt('verifying');
    expect(alarmSchedule(verifying, garbage)?.startedAt).toEqual(new Date(verifying.sentToVerifyAt ?? ''));
    const { registeredAt: _gone, linkStartedAt: _x, ...noStart } = caseAt('registered');
    expect(alarmSchedule(noStart, garbage)).toBeUndefined();
  });

  it('puts the reminder at the start when the round has no time at all', () => {
    const s = raised(dispatchedGarbage(), { deadlines: { handle: iso(20) } });
    const plan = alarmSchedule(s, garbage);
    expect(plan).toMatchObject({ allowedMinutes: 0, reminderAt: at(20), overdueAt: at(20), supervisionAt: at(20) });
  });
});

describe('which alarms are due', () => {
  it('walks reminder → overdue → supervision, each once, by the case’s flags', () => {
    const s = dispatchedGarbage();
    expect(dueAlarms(s, at(403), garbage)).toEqual([]);
    expect(dueAlarms(s, at(404), garbage)).toEqual([{ kind: 'reminder', link: 'handle', deadline: iso(500), startedAt: iso(20), dueAt: at(404) }]);
    const reminded = raised(s, { reminded: { handle: true } });
    expect(dueAlarms(reminded, at(499), garbage)).toEqual([]);
    expect(dueAlarms(reminded, at(500), garbage).map((a) => a.kind)).toEqual(['overdue']);
    const overdue = raised(reminded, { overdueAlerted: { handle: true } });
    expect(dueAlarms(overdue, at(979), garbage)).toEqual([]);
    expect(dueAlarms(overdue, at(980), garbage)).toEqual([{ kind: 'supervision', link: 'handle', deadline: iso(500), startedAt: iso(20), dueAt: at(980) }]);
    expect(dueAlarms(raised(overdue, { supervised: true }), at(99_999), garbage)).toEqual([]);
  });

  it('drops a reminder the deadline overtook, and gives overdue and supervision together after a long outage', () => {
    const s = dispatchedGarbage();
    expect(dueAlarms(s, at(600), garbage).map((a) => a.kind)).toEqual(['overdue']);
    expect(dueAlarms(s, at(5_000), garbage).map((a) => a.kind)).toEqual(['overdue', 'supervision']);
  });

  it('gives no reminder once the overdue alert is out, even if the reminder never was', () => {
    const s = raised(dispatchedGarbage(), { overdueAlerted: { handle: true } });
    expect(dueAlarms(s, at(700), garbage)).toEqual([]);
  });
});

describe('the next alarm instant', () => {
  it('is the earliest alarm not yet raised', () => {
    const s = dispatchedGarbage();
    expect(nextAlarmAt(s, garbage)).toEqual(at(404));
    expect(nextAlarmAt(raised(s, { reminded: { handle: true } }), garbage)).toEqual(at(500));
    expect(nextAlarmAt(raised(s, { reminded: { handle: true }, overdueAlerted: { handle: true } }), garbage)).toEqual(at(980));
    expect(nextAlarmAt(raised(s, { overdueAlerted: { handle: true }, supervised: true }), garbage)).toBeUndefined();
    // Flagged by hand before the deadline: reminder and overdue still come.
    expect(nextAlarmAt(raised(s, { supervised: true }), garbage)).toEqual(at(404));
  });
});

describe('the overtime multiple (处置超时倍数)', () => {
  it('is time taken ÷ time allowed while the department holds the case', () => {
    const s = dispatchedGarbage();
    expect(overtimeMultiple(s, at(260), garbage)).toBeCloseTo(0.5);
    expect(overtimeMultiple(s, at(500), garbage)).toBeCloseTo(1);
    expect(overtimeMultiple(s, at(980), garbage)).toBeCloseTo(2);
  });

  it('stops at the feedback, and is undefined before dispatch or for a returned case', () => {
    let s = apply(dispatchedGarbage(), 'accept', ACTORS.department, {}, at(30));
    s = apply(s, 'feedback', ACTORS.department, { result: '已清运', photoIds: [] }, at(740));
    expect(overtimeMultiple(s, at(9_999), garbage)).toBeCloseTo(1.5);
    expect(overtimeMultiple(caseAt('registered'), at(10), garbage)).toBeUndefined();
    expect(overtimeMultiple(caseAt('returned'), at(10), garbage)).toBeUndefined();
  });

  it('ignores an old feedback during a rework round', () => {
    const s = caseAt('rework'); // every fixture step at T0: the rework round starts at T0, the feedback is T0 too
    const started = s.linkStartedAt?.handle ?? '';
    const stale = raised(s, { stage: 'verifying', handledAt: new Date(Date.parse(started) - 60_000).toISOString() });
    expect(overtimeMultiple(stale, at(10), garbage)).toBeUndefined();
  });

  it('is Infinity for a zero allowance once time is taken, 0 before', () => {
    const s = raised(dispatchedGarbage(), { deadlines: { handle: iso(20) } });
    expect(overtimeMultiple(s, at(20), garbage)).toBe(0);
    expect(overtimeMultiple(s, at(30), garbage)).toBe(Infinity);
  });
});

describe('on the Beijing working calendar', () => {
  const beijing = new WorkingCalendar();
  const friday17 = new Date('2026-11-27T09:00:00.000Z'); // Friday 17:00 in Beijing
  const handle = { minutes: 240, clock: 'working' } as const;
  const s: CaseState = raised(dispatchedGarbage(), {
    linkStartedAt: { handle: friday17.toISOString() },
    deadlines: { handle: beijing.addLimit(friday17, handle).toISOString() },
  });
  const inputs: AlarmInputs = { calendar: beijing, category: GARBAGE };

  it('does not remind over the weekend: no working time passes', () => {
    // 30 min on Friday, 162 more on Monday: 09:00–12:00 is 180, so the reminder is Monday 11:42.
    expect(alarmSchedule(s, inputs)?.reminderAt.toISOString()).toBe('2026-11-30T03:42:00.000Z');
    expect(dueAlarms(s, new Date('2026-11-29T15:59:00.000Z'), inputs)).toEqual([]); // Sunday 23:59
    expect(dueAlarms(s, new Date('2026-11-30T03:42:00.000Z'), inputs).map((a) => a.kind)).toEqual(['reminder']);
    expect(overtimeMultiple(s, new Date('2026-11-29T12:00:00.000Z'), inputs)).toBeCloseTo(30 / 240);
  });
});
