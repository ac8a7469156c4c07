/**
 * Tables as CSV, UTF-8 with a byte-order mark: Excel opens BOM-less UTF-8 as the local code
 * page and garbles Chinese. Pure (no page), so tests read back what the board wrote.
 */

export type Cell = string | number | null;
export interface ExportTable {
  columns: string[];
  rows: Cell[][];
}

/**
 * A text cell Excel would run as a formula (=, +, -, @ at the start) is prefixed with a quote:
 * a case description typed by a citizen must not become a formula on a leader's machine.
 */
function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(table: ExportTable): string {
  const lines = [table.columns, ...table.rows].map((row) => row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Reads back what `toCsv` wrote (for tests and for checking a download). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) rows.push([...row, cell]);
  return rows;
}

/** A file name safe on every desktop: the board's words, the period, no path characters. */
export function exportName(title: string, period: { from: string }, extension: string): string {
  return `${title}-${period.from.slice(0, 10)}.${extension}`.replace(/[\\/:*?"<>|\s]+/g, '_');
}

