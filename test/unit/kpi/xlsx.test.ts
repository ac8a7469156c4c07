import readXlsxFile from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import { columnWidths, sheetName, toSheet } from '../../../src-renderer/features/kpi/xlsx';

describe('XLSX export', () => {
  const table = {
    columns: ['名称', '值 (%)', 'numerator'],
    rows: [
      ['东华门街道', 87.5, 7],
      ['=SUM(A1)', null, 0],
      ['x', Number.NaN, Number.POSITIVE_INFINITY],
    ],
  };

  it('keeps the header and rows of the table, numbers as numbers, empty figures empty', () => {
    expect(toSheet(table)).toEqual([
      ['名称', '值 (%)', 'numerator'],
      ['东华门街道', 87.5, 7],
      ['=SUM(A1)', null, 0],
      ['x', null, null],
    ]);
  });

  it('names sheets as Excel allows: no []:*?/\\, at most 31 characters', () => {
    expect(sheetName('街道排名')).toBe('街道排名');
    expect(sheetName('a/b:c*d?e[f]g\\h')).toBe('a b c d e f g h');
    expect(sheetName('x'.repeat(40))).toHaveLength(31);
    expect(sheetName(' / ')).toBe('Sheet1');
  });

  it('widens columns to their text (CJK counts twice)', () => {
    expect(columnWidths(table).map((c) => c.width)).toEqual([12, 10, 11]);
  });

  it('reads back as written, Chinese intact, a formula-looking text as text, under its sheet name', async () => {
    const buffer = await writeXlsxFile(toSheet(table), { sheet: sheetName('街道排名') }).toBuffer();
    const [sheet, ...others] = await readXlsxFile(buffer);
    expect(others).toEqual([]);
    expect(sheet?.sheet).toBe('街道排名');
    expect(sheet?.data).toEqual([
      ['名称', '值 (%)', 'numerator'],
      ['东华门街道', 87.5, 7],
      ['=SUM(A1)', null, 0],
      ['x', null, null],
    ]);
  });
});
