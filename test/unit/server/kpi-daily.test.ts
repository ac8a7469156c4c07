import { describe, expect, it } from 'vitest';
import { dailyMarks, dailyRollupFits, dailySplit, dailyTables, DailyTally, type KpiFacts } from '../../../src-server/store/kpi-daily';

/** Beijing wall-clock text to the canonical UTC instant the store keeps. */
const bj = (text: string) => new Date(`${text}+08:00`).toISOString();

describe('how a period splits between the daily rollup and the cases', () => {
  it('a month as of its 22nd afternoon: the rollup takes the 1st to the 21st, the cases asOf\'s day', () => {
    const split = dailySplit({ from: bj('2026-11-01T00:00:00'), to: bj('2026-12-01T00:00:00'), asOf: bj('2026-11-22T17:00:00') });
    expect(split).toMatchObject({ fromDay: '2026-11-01', toDay: '2026-11-22', asOfDay: '2026-11-22', from: bj('2026-11-01T00:00:00'), to: bj('2026-11-22T00:00:00') });
    expect(split?.exactDays.map((d) => d.day)).toEqual(['2026-11-22']);
    expect(split?.exactDays[0]).toMatchObject({ from: bj('2026-11-22T00:00:00'), to: bj('2026-11-23T00:00:00') });
  });

  it('a period cut mid-day: its partial first and last days are exact, whole days between go to the rollup', () => {
    const split = dailySplit({ from: bj('2026-03-09T09:30:00'), to: bj('2026-03-12T08:00:00'), asOf: bj('2026-03-20T10:00:00') });
    expect(split).toMatchObject({ fromDay: '2026-03-10', toDay: '2026-03-12' });
    expect(split?.exactDays.map((d) => d.day)).toEqual(['2026-03-09', '2026-03-12', '2026-03-20']);
  });

  it('today alone, a period before asOf\'s day with no whole day, or asOf before the period: all from the cases', () => {
    expect(dailySplit({ from: bj('2026-11-22T00:00:00'), to: bj('2026-11-23T00:00:00'), asOf: bj('2026-11-22T17:00:00') })).toBeUndefined();
    expect(dailySplit({ from: bj('2026-11-20T06:00:00'), to: bj('2026-11-21T06:00:00'), asOf: bj('2026-11-22T17:00:00') })).toBeUndefined();
    expect(dailySplit({ from: bj('2026-11-01T00:00:00'), to: bj('2026-12-01T00:00:00'), asOf: bj('2026-10-30T12:00:00') })).toBeUndefined();
  });

  it('fits a leader or a department over the district, a street or a community, not a grid or a supervisor\'s grids', () => {
    expect(dailyRollupFits({ kind: 'all' }, undefined)).toBe(true);
    expect(dailyRollupFits({ kind: 'department', departmentId: 'dept:cg' }, { streetCode: '110101001' }, 'channel')).toBe(true);
    expect(dailyRollupFits({ kind: 'all' }, { streetCode: '110101001' }, 'community')).toBe(true);
    expect(dailyRollupFits({ kind: 'all' }, { communityCode: '110101001001' })).toBe(true);
    expect(dailyRollupFits({ kind: 'all' }, { communityCode: '110101001001' }, 'grid')).toBe(false);
    expect(dailyRollupFits({ kind: 'all' }, { gridCode: '11010100100101' })).toBe(false);
    expect(dailyRollupFits({ kind: 'grids', gridCodes: ['11010100100101'] }, undefined)).toBe(false);
    // Communities read the community tables; the district and a street the street ones (a quarter of the rows).
    expect(dailyTables({ streetCode: '110101001' }, 'community').daily).toBe('kpi_community_daily');
    expect(dailyTables({ communityCode: '110101001001' }).due).toBe('kpi_community_due_daily');
    expect(dailyTables({ streetCode: '110101001' }, 'department')).toEqual({ daily: 'kpi_daily', due: 'kpi_due_daily' });
  });
});

const closedLate: KpiFacts = {
  stage: 'closed',
  channel: 'patrol',
  street_code: '110101001',
  community_code: '110101001003',
  lead_department_id: 'dept:cg',
  category_code: '0101',
  reported_at: bj('2026-03-09T23:30:00'),
  dispatched_at: bj('2026-03-10T00:10:00'),
  handled_at: bj('2026-03-11T09:00:00'),
  sent_to_verify_at: bj('2026-03-11T09:05:00'),
  closed_at: bj('2026-03-11T10:00:00'),
  evaluated_at: bj('2026-03-12T15:00:00'),
  evaluation_satisfaction: 'basic',
  handle_deadline: bj('2026-03-10T18:00:00'),
  late_handle: 1,
  late_verify: 0,
  rework_count: 1,
  return_count: 0,
  extension_count: 0,
};

describe("a case's marks in the daily rollup", () => {
  it('each instant on its Beijing day, with the flags its indicator counts', () => {
    const marks = dailyMarks(closedLate);
    const daily = marks.filter((m) => m.table === 'kpi_daily').map((m) => [m.key[0], m.counts.join('')]);
    // reported, decided, valid | dispatched, returned, extended | handled, reworked | checked, on time | closed | reached, satisfied
    expect(daily).toEqual([
      ['2026-03-09', '1110000000000'],
      ['2026-03-10', '0001000000000'],
      ['2026-03-11', '0000001100000'],
      ['2026-03-11', '0000000011000'],
      ['2026-03-11', '0000000000100'],
      ['2026-03-12', '0000000000011'],
    ]);
    // Due by the pair of days (deadline the 10th, closure the 11th), late.
    expect(marks.filter((m) => m.table === 'kpi_due_daily').map((m) => [...m.key, ...m.counts])).toEqual([['2026-03-10', '2026-03-11', '110101001', 'dept:cg', 'patrol', 1, 0]]);
    expect(marks.filter((m) => m.table === 'kpi_category_daily').map((m) => [m.key[0], m.key[3], ...m.counts])).toEqual([
      ['2026-03-09', '0101', 1, 1, 0],
      ['2026-03-11', '0101', 0, 0, 1],
    ]);
  });

  it('a suspended case is not due, a check still waiting is not counted, a report not yet decided is not valid', () => {
    expect(dailyMarks({ ...closedLate, stage: 'suspended', closed_at: null }).some((m) => m.table === 'kpi_due_daily')).toBe(false);
    const verifying = dailyMarks({ ...closedLate, stage: 'verifying', closed_at: null, evaluated_at: null, evaluation_satisfaction: null });
    expect(verifying.filter((m) => m.table === 'kpi_daily' && m.counts[8] === 1)).toEqual([]);
    const waiting = dailyMarks({ ...closedLate, stage: 'reported', lead_department_id: null, dispatched_at: null, handled_at: null, sent_to_verify_at: null, closed_at: null, evaluated_at: null, evaluation_satisfaction: null, handle_deadline: null });
    expect(waiting.map((m) => [m.table, ...m.key, m.counts.join('')])).toEqual([
      ['kpi_daily', '2026-03-09', '110101001', '', 'patrol', '1000000000000'],
      ['kpi_community_daily', '2026-03-09', '110101001', '110101001003', '', 'patrol', '1000000000000'],
      ['kpi_category_daily', '2026-03-09', '110101001', '', '0101', '100'],
    ]);
  });

  it('a tally takes back what a case was and adds what it is: only the difference is written', () => {
    const before = { ...closedLate, stage: 'verifying', closed_at: null, evaluated_at: null, evaluation_satisfaction: null };
    const tally = new DailyTally().add(dailyMarks(closedLate)).add(dailyMarks(before), -1);
    const changed = (['kpi_daily', 'kpi_due_daily', 'kpi_category_daily'] as const).flatMap((t) => tally.changes(t).map((m) => [t, m.key[0], m.key[1], m.counts.join(',')]));
    expect(changed).toEqual([
      // Checked on time and closed on the same day: one row of the rollup.
      ['kpi_daily', '2026-03-11', '110101001', '0,0,0,0,0,0,0,0,1,1,1,0,0'],
      ['kpi_daily', '2026-03-12', '110101001', '0,0,0,0,0,0,0,0,0,0,0,1,1'],
      ['kpi_due_daily', '2026-03-10', '2026-03-11', '1,0'],
      ['kpi_due_daily', '2026-03-10', '', '-1,0'],
      ['kpi_category_daily', '2026-03-11', '110101001', '0,0,1'],
    ]);
    expect(new DailyTally().add(dailyMarks(closedLate)).add(dailyMarks(closedLate), -1).changes('kpi_daily')).toEqual([]);
  });
});
