import { describe, expect, it } from 'vitest';
import type { CaseState } from '../../../src-shared/domain/case';
import { colourOfClass, countsFor, gridCounts, HEAT_COLOURS, heatBreaks, heatClass, heatLegend } from '../../../src-renderer/features/map/heat';

const NOW = Date.parse('2026-11-23T10:00:00+08:00');

function kase(id: string, gridCode: string, stage: CaseState['stage'], reportedAt = '2026-11-23T08:00:00+08:00'): CaseState {
  return { id, stage, reportedAt, place: { gridCode } } as unknown as CaseState;
}

const overdueIds = new Set(['c3']);
const inputs = { now: NOW, isOverdue: (c: CaseState) => overdueIds.has(c.id) };

describe('heat mode: grids by a count of their cases', () => {
  const cases = [
    kase('c1', 'g1', 'dispatched'),
    kase('c2', 'g1', 'accepted'),
    kase('c3', 'g2', 'accepted'),
    kase('c4', 'g2', 'closed'),
    kase('c5', 'g3', 'reported', '2026-11-21T08:00:00+08:00'),
  ];

  it('counts open cases per grid, leaving closed ones out', () => {
    expect(Object.fromEntries(gridCounts(cases, 'open', inputs))).toEqual({ g1: 2, g2: 1, g3: 1 });
  });

  it('counts only overdue open cases for the overdue measure', () => {
    expect(Object.fromEntries(gridCounts(cases, 'overdue', inputs))).toEqual({ g2: 1 });
    // A closed case is never overdue, even if its last deadline passed.
    expect(countsFor('overdue', kase('c3', 'g2', 'closed'), inputs)).toBe(false);
  });

  it('counts reports of the last 24 hours, whatever their stage', () => {
    expect(Object.fromEntries(gridCounts(cases, 'reportedToday', inputs))).toEqual({ g1: 2, g2: 2 });
    // A report stamped in the future (a skewed clock) is not "today".
    expect(countsFor('reportedToday', kase('x', 'g', 'reported', '2026-11-23T11:00:00+08:00'), inputs)).toBe(false);
  });

  it('shows nothing when heat is off', () => {
    expect(gridCounts(cases, 'none', inputs).size).toBe(0);
  });

  it('keeps 1 as its own class and splits the rest up to the maximum', () => {
    expect(heatBreaks(new Map())).toEqual([]);
    expect(heatBreaks(new Map([['a', 1]]))).toEqual([1]);
    expect(heatBreaks(new Map([['a', 12]]))).toEqual([1, 4, 7, 10, 12]);
    // A small maximum gives fewer classes, never two classes with the same bound.
    expect(heatBreaks(new Map([['a', 3]]))).toEqual([1, 2, 3]);
  });

  it('puts a count in its class and labels the legend with the ranges', () => {
    const breaks = [1, 4, 7, 10, 12];
    expect([0, 1, 2, 4, 5, 12, 99].map((n) => heatClass(n, breaks))).toEqual([0, 1, 2, 2, 3, 5, 5]);
    expect(heatLegend(breaks).map((r) => r.label)).toEqual(['1', '2–4', '5–7', '8–10', '11–12']);
  });

  it('spreads the classes in use over the whole ramp, cool to hot', () => {
    expect(colourOfClass(1, 5)).toBe(HEAT_COLOURS[0]);
    expect(colourOfClass(5, 5)).toBe(HEAT_COLOURS[4]);
    expect([colourOfClass(1, 2), colourOfClass(2, 2)]).toEqual([HEAT_COLOURS[0], HEAT_COLOURS[4]]);
    expect(colourOfClass(0, 5)).toBe('transparent');
  });
});
