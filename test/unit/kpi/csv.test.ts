import { describe, expect, it } from 'vitest';
import { exportName, parseCsv, toCsv } from '../../../src-renderer/features/kpi/csv';

describe('CSV export', () => {
  it('starts with a BOM, quotes what needs it and reads back', () => {
    const text = toCsv({ columns: ['名称', '值'], rows: [['东华门街道', 0.5], ['a,"b"\nc', null], ['=SUM(A1)', -3], ['x', Number.NaN]] });
    expect(text.startsWith('\uFEFF名称,值\r\n')).toBe(true);
    expect(parseCsv(text)).toEqual([
      ['名称', '值'],
      ['东华门街道', '0.5'],
      ['a,"b"\nc', ''],
      ["'=SUM(A1)", '-3'],
      ['x', ''],
    ]);
    expect(parseCsv('a,b')).toEqual([['a', 'b']]);
  });
  it('names files without path characters', () => {
    expect(exportName('街道 排名/本周', { from: '2026-03-09T16:00:00.000Z' }, 'csv')).toBe('街道_排名_本周-2026-03-09.csv');
  });
});
