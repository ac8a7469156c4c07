import { describe, expect, it } from 'vitest';
import { boardOrder, defaultSelection, dutyBoard, dutyGroupOf, nextOpenStepDue } from '../../../src-renderer/features/duty/duty-board';
import { ACTORS } from '../domain/fixtures';
import { HANDLER, iso, minutes } from '../domain/emergency-support';
import { garbageAt, gasLeakAt, on } from './support';

const ids = (cases: { id: string }[]) => cases.map((c) => c.id);

describe('the duty officer’s board', () => {
  it('rings for every open urgent case nobody acknowledged, the longest-ringing first, and never for a normal case', () => {
    const board = dutyBoard([gasLeakAt('late', 9), garbageAt('normal', 1), gasLeakAt('early', 2), gasLeakAt('middle', 5)], minutes(10));
    expect(ids(board.alarm)).toEqual(['early', 'middle', 'late']);
    expect(boardOrder(board).map((c) => c.id)).not.toContain('normal');
    expect(dutyGroupOf(garbageAt('normal', 1), minutes(10))).toBeUndefined();
  });

  it('stops ringing once acknowledged: the case waits for its plan, then runs, then follows up', () => {
    const leak = gasLeakAt('leak', 0);
    const acknowledged = on(leak, 'acknowledgeAlarm', ACTORS.duty, {}, 1);
    expect(dutyGroupOf(acknowledged, minutes(2))).toBe('awaitingPlan');
    const started = on(acknowledged, 'startEmergencyPlan', ACTORS.duty, {}, 2);
    expect(dutyGroupOf(started, minutes(3))).toBe('active');
    const closed = on(started, 'closeEmergency', ACTORS.duty, { summary: '险情排除' }, 30);
    // The response is over; the loop (feedback, verification) goes on: follow-up.
    expect(dutyGroupOf(closed, minutes(31))).toBe('followUp');
  });

  it('puts the running response whose next step falls due first on top, an overdue one before all', () => {
    const a = on(gasLeakAt('a', 0), 'startEmergencyPlan', ACTORS.duty, {}, 0);
    let b = on(gasLeakAt('b', 1), 'startEmergencyPlan', ACTORS.duty, {}, 1);
    // b's first two steps done: its next deadline (cordon, +20 min) is later than a's first (+5).
    b = on(b, 'completeStep', ACTORS.duty, { stepId: 'confirm' }, 2);
    b = on(b, 'completeStep', ACTORS.duty, { stepId: 'report-up' }, 3);
    expect(nextOpenStepDue(a)).toBe(iso(5));
    expect(nextOpenStepDue(b)).toBe(iso(21));
    expect(ids(dutyBoard([b, a], minutes(4)).active)).toEqual(['a', 'b']);
    // Even once a's first step is overdue (watcher alerted), it stays first: it needs the officer most.
    const overdue = on(a, 'markStepOverdue', ACTORS.system, { stepId: 'confirm' }, 6);
    expect(ids(dutyBoard([b, overdue], minutes(6)).active)).toEqual(['a', 'b']);
  });

  it('keeps a closed case whose response closed within a day (for its report), newest first, then lets it go', () => {
    const close = (id: string, at: number) => {
      let s = on(gasLeakAt(id, 0), 'startEmergencyPlan', ACTORS.duty, {}, 0);
      s = on(s, 'closeEmergency', ACTORS.duty, { summary: '险情排除' }, at);
      s = on(s, 'accept', HANDLER.gas, {}, at);
      s = on(s, 'feedback', HANDLER.gas, { result: '已处置', photoIds: [] }, at + 1);
      s = on(s, 'sendToVerify', ACTORS.intake, {}, at + 2);
      s = on(s, 'verify', ACTORS.supervisor, { passed: true }, at + 3);
      return on(s, 'close', ACTORS.intake, {}, at + 4);
    };
    const first = close('first', 10);
    const second = close('second', 20);
    expect(first.stage).toBe('closed');
    expect(ids(dutyBoard([first, second], minutes(30)).closed)).toEqual(['second', 'first']);
    const dayLater = new Date(minutes(20).getTime() + 24 * 3600_000 + 60_000);
    expect(ids(dutyBoard([first, second], dayLater).closed)).toEqual([]);
  });

  it('shows the picked case while it is on the board, else the first alarm', () => {
    const board = dutyBoard([gasLeakAt('x', 3), on(gasLeakAt('y', 1), 'acknowledgeAlarm', ACTORS.duty, {}, 2)], minutes(4));
    expect(defaultSelection(board, 'y')).toBe('y');
    expect(defaultSelection(board, null)).toBe('x');
    expect(defaultSelection(board, 'gone')).toBe('x');
    expect(defaultSelection(dutyBoard([], minutes(4)), 'gone')).toBeNull();
  });
});
