import writeXlsxFile from 'write-excel-file/browser';
import { toCsv, type ExportTable } from './csv';
import { columnWidths, sheetName, toSheet } from './xlsx';

/** Exports of the board: any table as CSV (see csv.ts) or XLSX (see xlsx.ts), any chart as PNG. */
export { exportName, type Cell, type ExportTable } from './csv';

function save(name: string, href: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
}

export function downloadCsv(name: string, table: ExportTable): void {
  const url = URL.createObjectURL(new Blob([toCsv(table)], { type: 'text/csv;charset=utf-8' }));
  save(name, url);
  // The download has its own copy once started; revoke on the next turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A table as an .xlsx workbook of one sheet named after the panel (`title`). */
export async function downloadXlsx(name: string, title: string, table: ExportTable): Promise<void> {
  const blob = await writeXlsxFile(toSheet(table), { sheet: sheetName(title), columns: columnWidths(table), stickyRowsCount: 1 }).toBlob();
  const url = URL.createObjectURL(blob);
  save(name, url);
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** What a PNG export needs of a chart (an ECharts instance). */
export interface PngChart {
  getDataURL(options: { type: 'png'; pixelRatio: number; backgroundColor: string }): string;
}

/** A chart as the board shows it (dark background kept, twice the pixels for print). */
export function downloadPng(name: string, chart: PngChart): void {
  save(name, chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#101a2e' }));
}
