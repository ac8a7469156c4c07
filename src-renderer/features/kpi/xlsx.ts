import type { SheetData } from 'write-excel-file/browser';
import type { Cell, ExportTable } from './csv';

/**
 * Tables as XLSX sheets: the same header and rows as the CSV (csv.ts), numbers kept as numbers
 * and text as text cells (a text cell is never run as a formula, so it needs no quote prefix).
 * Pure (no page): the board hands the sheet to write-excel-file, tests read it back.
 */

/** Characters Excel refuses in a sheet name, and its length limit. */
const SHEET_NAME_FORBIDDEN = /[\\/?*:[\]]+/g;
const SHEET_NAME_MAX = 31;

/** A sheet name Excel accepts, saying what the sheet is (the panel's title). */
export function sheetName(title: string): string {
  const name = title.replace(SHEET_NAME_FORBIDDEN, ' ').replace(/\s+/g, ' ').trim().replace(/^'+|'+$/g, '');
  return (name || 'Sheet1').slice(0, SHEET_NAME_MAX);
}

function xlsxCell(value: Cell): string | number | null {
  if (value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return value;
}

/** The header row, then the rows; an empty or non-finite figure is an empty cell. */
export function toSheet(table: ExportTable): SheetData {
  return [table.columns, ...table.rows.map((row) => row.map(xlsxCell))];
}

/** Column widths from the longest text in each column (a CJK character counts twice). */
export function columnWidths(table: ExportTable): { width: number }[] {
  const width = (v: Cell) => [...String(v ?? '')].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  return table.columns.map((header, i) => ({ width: Math.min(60, Math.max(8, width(header), ...table.rows.map((r) => width(r[i] ?? null))) + 2) }));
}
