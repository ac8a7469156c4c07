import { describe, expect, it } from 'vitest';
import type { CaseState } from '../../../src-shared/domain';
import {
  breakdown,
  bucketFor,
  bucketKey,
  bucketKeys,
  bucketPeriod,
  bucketRange,
  customPeriod,
  fillTrend,
  lateness,
  listCases,
  presetPeriod,
  previousPeriod,
  ranking,
  trend,
} from '../../../src-shared/kpi/board';
import { kpiValue, type KpiGroup, type Period } from '../../../src-shared/kpi/formulas';
import { caseAt } from '../domain/fixtures';

/** A case with the given instants (the fixture's other fields as they are). */
function at(id: string, stage: CaseState['stage'], fields: Partial<CaseState> = {}): CaseState {
  return { ...caseAt(stage), id, ...fields };
}

describe('Beijing-time buckets', () => {
  it('keys an instant by its Beijing hour, day and Monday', () => {
    // 2026-03-08T16:30Z is Monday 00:30 in Beijing (still Sunday in UTC).
    expect(bucketKey('2026-03-08T16:30:00.000Z', 'hour')).toBe('2026-03-09T00');
    expect(bucketKey('2026-03-08T16:30:00.000Z', 'day')).toBe('2026-03-09');
    expect(bucketKey('2026-03-08T16:30:00.000Z', 'week')).toBe('2026-03-09');
    expect(bucketKey('2026-03-08T15:59:59.999Z', 'week')).toBe('2026-03-02');
    expect(bucketKey('2026-03-15T15:00:00.000Z', 'week')).toBe('2026-03-09'); // Sunday 23:00
  });
  it('gives each key its range and lists every bucket of a period', () => {
    expect(bucketRange('2026-03-09T00', 'hour')).toEqual({ from: '2026-03-08T16:00:00.000Z', to: '2026-03-08T17:00:00.000Z' });
    expect(bucketRange('2026-03-09', 'week').to).toBe('2026-03-15T16:00:00.000Z');
    const day: Period = { from: '2026-03-08T16:00:00.000Z', to: '2026-03-09T16:00:00.000Z', asOf: '2026-03-09T02:00:00.000Z' };
    expect(bucketKeys(day, 'hour')).toHaveLength(24);
    expect(bucketKeys(day, 'day')).toEqual(['2026-03-09']);
    expect(bucketPeriod('2026-03-09', 'day', { ...day, from: '2026-03-09T01:00:00.000Z' }).from).toBe('2026-03-09T01:00:00.000Z');
  });
  it('picks a readable bucket for the period length', () => {
    const p = (days: number): Period => ({ from: '2026-03-01T00:00:00Z', to: new Date(Date.parse('2026-03-01T00:00:00Z') + days * 86_400_000).toISOString(), asOf: '2026-03-01T00:00:00Z' });
    expect(bucketFor(p(1))).toBe('hour');
    expect(bucketFor(p(31))).toBe('day');
    expect(bucketFor(p(120))).toBe('week');
  });
});

describe('trend, breakdown and lists', () => {
  const period: Period = { from: '2026-11-23T00:00:00.000Z', to: '2026-11-25T00:00:00.000Z', asOf: '2026-11-24T12:00:00.000Z' };
  const closedOnTime = at('a', 'closed', { reportedAt: '2026-11-23T02:00:00.000Z', closedAt: '2026-11-23T05:00:00.000Z', deadlines: { handle: '2026-11-23T09:00:00.000Z' }, late: {} });
  const closedLate = at('b', 'closed', { reportedAt: '2026-11-23T02:00:00.000Z', closedAt: '2026-11-24T03:00:00.000Z', deadlines: { handle: '2026-11-23T09:00:00.000Z' }, late: { handle: true } });
  const openLate = at('c', 'accepted', { reportedAt: '2026-11-23T03:00:00.000Z', deadlines: { handle: '2026-11-23T09:30:00.000Z' }, late: { handle: true }, supervised: true });
  const suspended = at('d', 'suspended', { reportedAt: '2026-11-23T03:00:00.000Z', deadlines: { handle: '2026-11-23T09:30:00.000Z' } });
  const rejected = at('e', 'rejected', { reportedAt: '2026-11-24T13:00:00.000Z', channel: 'hotline' });
  const supervisedNoDeadline = at('f', 'suspended', { supervised: true, deadlines: {} });
  const cases = [closedOnTime, closedLate, openLate, suspended, rejected, supervisedNoDeadline];

  it('counts per day: a case due in one bucket and closed in another counts in both', () => {
    const points = trend(cases, period, 'day');
    expect(points.map((p) => p.key)).toEqual(['2026-11-23', '2026-11-24']);
    expect(points[0]).toMatchObject({ reported: 5, closed: 1, due: 3, onTime: 1, overdue: 2 });
    // b is due again on the 24th (closed then), late; e is after asOf.
    expect(points[1]).toMatchObject({ reported: 0, closed: 1, due: 1, onTime: 0, overdue: 1 });
    expect(fillTrend(points, period, 'day')).toHaveLength(3);
    expect(fillTrend([], period, 'day')[2]).toEqual({ key: '2026-11-25', reported: 0, closed: 0, due: 0, onTime: 0, overdue: 0 });
  });

  it('breaks reports and closures down by category and channel', () => {
    const rows = breakdown(cases, { ...period, asOf: period.to }, 'channel');
    expect(rows).toEqual([
      { key: 'hotline', reports: 1, valid: 0, closed: 0 },
      { key: 'patrol', reports: 5, valid: 5, closed: 2 },
    ]);
    expect(breakdown(cases, period, 'category')[0]?.reports).toBe(5);
  });

  it('lists overdue cases the latest first, and supervised ones with no deadline last', () => {
    const asOf = '2026-11-23T12:00:00.000Z';
    const late2 = at('g', 'dispatched', { deadlines: { handle: '2026-11-23T08:00:00.000Z' } });
    expect(listCases([...cases, late2], 'overdue', asOf).map((c) => c.id)).toEqual(['g', 'c']);
    expect(listCases([supervisedNoDeadline, openLate, { ...openLate, id: 'c2' }], 'supervised', asOf).map((c) => c.id)).toEqual(['c', 'c2', 'f']);
    expect(listCases([supervisedNoDeadline, { ...supervisedNoDeadline, id: 'f0' }], 'supervised', asOf).map((c) => c.id)).toEqual(['f', 'f0']);
    expect(lateness(openLate, asOf)).toBe(2.5 * 3_600_000);
    expect(lateness(supervisedNoDeadline, asOf)).toBeNull();
  });
});

describe('rankings and periods', () => {
  const group = (key: string | null, num: number, den: number): KpiGroup => ({
    key,
    indicators: [kpiValue('onTimeClosureRate', num, den), kpiValue('reworkRate', num, den)],
    reportsByChannel: { patrol: { reports: 0, valid: 0 }, hotline: { reports: 0, valid: 0 }, app: { reports: 0, valid: 0 }, camera: { reports: 0, valid: 0 } },
  });
  const now = [group('a', 9, 10), group('b', 5, 10), group('c', 0, 0), group('d', 5, 20), group('e', 0, 0)];
  const before = [group('a', 8, 10), group('b', 6, 10)];

  it('ranks best first with the previous value and the change; no data last', () => {
    const rows = ranking(now, before, 'onTimeClosureRate', (g) => g.key ?? '');
    expect(rows.map((r) => r.key)).toEqual(['a', 'b', 'd', 'c', 'e']);
    expect(rows[0]).toMatchObject({ value: 0.9, previous: 0.8, numerator: 9, denominator: 10 });
    expect(rows[0]?.change).toBeCloseTo(0.1);
    expect(rows[2]).toMatchObject({ previous: null, change: null });
    expect(ranking(now, before, 'reworkRate', (g) => g.key ?? '').map((r) => r.key)).toEqual(['d', 'b', 'a', 'c', 'e']);
    expect(ranking([group('x', 1, 2)], [], 'closureRate', () => 'x')[0]).toMatchObject({ value: null, denominator: 0 });
  });

  it('the previous period is as long and measured as far in', () => {
    const today: Period = { from: '2026-03-08T16:00:00.000Z', to: '2026-03-09T16:00:00.000Z', asOf: '2026-03-09T02:00:00.000Z' };
    expect(previousPeriod(today)).toEqual({ from: '2026-03-07T16:00:00.000Z', to: '2026-03-08T16:00:00.000Z', asOf: '2026-03-08T02:00:00.000Z' });
  });

  it('presets start at Beijing midnight, Monday and the first of the month', () => {
    const now = new Date('2026-12-16T18:00:00.000Z'); // Thursday 17 Dec, 02:00 in Beijing
    expect(presetPeriod('today', now)).toEqual({ from: '2026-12-16T16:00:00.000Z', to: '2026-12-17T16:00:00.000Z', asOf: now.toISOString() });
    expect(presetPeriod('week', now).from).toBe('2026-12-13T16:00:00.000Z');
    expect(presetPeriod('month', now)).toMatchObject({ from: '2026-11-30T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z' });
    expect(presetPeriod('month', new Date('2026-03-05T00:00:00Z')).to).toBe('2026-03-31T16:00:00.000Z');
    expect(customPeriod('2026-03-01', '2026-03-02', now)).toMatchObject({ from: '2026-02-28T16:00:00.000Z', to: '2026-03-02T16:00:00.000Z' });
  });
});
