import { describe, expect, it } from 'vitest';
import type { CaseState } from '../../../src-shared/domain';
import {
  balancedIndicators,
  closureRate,
  extensionRate,
  KPI_IDS,
  onTimeClosureRate,
  reportAccuracy,
  reportsByChannel,
  returnRate,
  reworkRate,
  satisfactionRate,
  timelyVerificationRate,
  type Period,
} from '../../../src-shared/kpi/formulas';
import { ACTORS, T0, VALID_PAYLOADS, apply } from '../domain/fixtures';

const m = (n: number) => new Date(T0.getTime() + n * 60_000);
const A = ACTORS;

/** Drives one case through the given steps: [command, minutes after T0, payload?]. */
function story(id: string, steps: [string, number, Record<string, unknown>?][], channel = 'patrol'): CaseState {
  let s: CaseState | null = null;
  for (const [type, minute, payload] of steps) {
    const actor = {
      report: A.supervisor, register: A.intake, reject: A.intake, linkDuplicate: A.intake, dispatch: A.dispatcher,
      accept: A.department, return: A.department, feedback: A.department, sendToVerify: A.intake, verify: A.supervisor,
      close: A.intake, evaluate: A.intake, requestSuspension: A.department, decideSuspension: A.dispatcher,
      requestExtension: A.department, decideExtension: A.dispatcher,
    }[type];
    if (!actor) throw new Error(type);
    const base = type === 'report' ? { ...VALID_PAYLOADS.report, number: id, channel } : (VALID_PAYLOADS as Record<string, Record<string, unknown>>)[type];
    s = apply(s, type as never, actor, { ...base, ...payload }, m(minute), id);
  }
  return s as CaseState;
}

// The fixture calendar doubles working minutes: the handling limit (240 working min) is 480 real minutes.
const closedLoop = (from: number, feedbackAt: number, verifyAt = feedbackAt + 10): [string, number, Record<string, unknown>?][] => [
  ['accept', from + 5], ['feedback', feedbackAt], ['sendToVerify', feedbackAt + 5], ['verify', verifyAt, { passed: true }], ['close', verifyAt + 5],
];

const cases: CaseState[] = [
  // c1: closed on time, citizen satisfied
  story('c1', [['report', 0], ['register', 5], ['dispatch', 10], ...closedLoop(10, 100), ['evaluate', 2000, { satisfaction: 'satisfied' }]]),
  // c2: fed back late (deadline 490), verified late (verify deadline = sent + 60), dissatisfied
  story('c2', [['report', 0], ['register', 5], ['dispatch', 10], ...closedLoop(10, 600, 700), ['evaluate', 2000, { satisfaction: 'dissatisfied' }]]),
  // c3: a hotline case, still in hand past its deadline
  story('c3', [['report', 0], ['register', 5], ['dispatch', 10], ['accept', 20]], 'hotline'),
  // c4: suspended: not counted as due
  story('c4', [['report', 0], ['register', 5], ['dispatch', 10], ['accept', 20], ['requestSuspension', 30], ['decideSuspension', 40, { granted: true }]]),
  // c5: dispatched late in the period: its deadline is after asOf; it got an extension
  story('c5', [['report', 13_000], ['register', 13_005], ['dispatch', 13_010], ['accept', 13_020], ['requestExtension', 13_030, { minutes: 60, reason: '等待配件' }], ['decideExtension', 13_040, { granted: true }]]),
  // c6: returned once, re-dispatched, closed on time, unreachable at call-back
  story('c6', [['report', 0], ['register', 5], ['dispatch', 10], ['return', 20, { reason: '非本部门' }], ['dispatch', 30], ...closedLoop(30, 200), ['evaluate', 2000, { satisfaction: 'unreachable' }]]),
  // c7: rejected; c8: duplicate
  story('c7', [['report', 0], ['reject', 5]]),
  story('c8', [['report', 0], ['linkDuplicate', 5, { primaryCaseId: 'c1' }]]),
  // c9: failed check, reworked on time, closed, basically satisfied
  story('c9', [['report', 0], ['register', 5], ['dispatch', 10], ['accept', 15], ['feedback', 100], ['sendToVerify', 105], ['verify', 120, { passed: false }], ['feedback', 300], ['sendToVerify', 305], ['verify', 320, { passed: true }], ['close', 330], ['evaluate', 2000, { satisfaction: 'basic' }]]),
];

const period: Period = { from: m(-60).toISOString(), to: m(14_400).toISOString(), asOf: m(13_100).toISOString() };

describe('KPI formulas against hand-computed cases', () => {
  it('on-time closure and closure: due c1 c2 c3 c6 c9 (c4 suspended, c5 not yet due)', () => {
    expect(onTimeClosureRate(cases, period)).toMatchObject({ numerator: 3, denominator: 5, value: 0.6 });
    expect(closureRate(cases, period)).toMatchObject({ numerator: 4, denominator: 5, value: 0.8 });
  });
  it('rework: 1 of the 4 cases fed back (c9)', () => {
    expect(reworkRate(cases, period)).toMatchObject({ numerator: 1, denominator: 4, value: 0.25 });
  });
  it('timely verification: c2 was checked late', () => {
    expect(timelyVerificationRate(cases, period)).toMatchObject({ numerator: 3, denominator: 4 });
  });
  it('return and extension rates over the 7 cases dispatched', () => {
    expect(returnRate(cases, period)).toMatchObject({ numerator: 1, denominator: 7 });
    expect(extensionRate(cases, period)).toMatchObject({ numerator: 1, denominator: 7 });
  });
  it('supervisor accuracy: 6 of 8 decided patrol reports were registered', () => {
    expect(reportAccuracy(cases, period)).toMatchObject({ numerator: 6, denominator: 8, value: 0.75 });
  });
  it('satisfaction counts only call-backs that reached the citizen, and shows a low figure as it is', () => {
    const s = satisfactionRate(cases, period);
    expect(s).toMatchObject({ numerator: 2, denominator: 3 });
    expect(s.value).toBeCloseTo(2 / 3, 10);
  });
  it('counts reports and valid reports by channel, every channel present', () => {
    expect(reportsByChannel(cases, period)).toEqual({
      patrol: { reports: 8, valid: 6 },
      hotline: { reports: 1, valid: 1 },
      app: { reports: 0, valid: 0 },
      camera: { reports: 0, valid: 0 },
    });
  });
  it('a period before anything happened gives "no data", not 0 % or 100 %', () => {
    const empty: Period = { from: m(-600).toISOString(), to: m(-300).toISOString(), asOf: m(-300).toISOString() };
    const all = balancedIndicators(cases, empty);
    expect(all.map((k) => k.id)).toEqual([...KPI_IDS]);
    expect(all.every((k) => k.value === null && k.denominator === 0)).toBe(true);
  });
  it('every indicator carries its definition in both languages', () => {
    for (const k of balancedIndicators(cases, period)) {
      expect(k.definition.zh.length).toBeGreaterThan(10);
      expect(k.definition.en.length).toBeGreaterThan(10);
      expect(k.name.zh).not.toBe(k.name.en);
    }
  });
  it('a check not yet back and not yet due is not counted against the supervisor', () => {
    const waiting = story('w1', [['report', 0], ['register', 5], ['dispatch', 10], ['accept', 15], ['feedback', 100], ['sendToVerify', 13_090]]);
    expect(timelyVerificationRate([waiting], period).denominator).toBe(0);
    const lapsed = story('w2', [['report', 0], ['register', 5], ['dispatch', 10], ['accept', 15], ['feedback', 100], ['sendToVerify', 200]]);
    expect(timelyVerificationRate([lapsed], period)).toMatchObject({ numerator: 0, denominator: 1 });
  });
});
