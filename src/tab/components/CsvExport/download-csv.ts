import { toCsv, type CsvTable } from './csv-table';

/**
 * Hands `table` to the browser as a CSV download named `fileName`. A byte-order mark first, so
 * spreadsheet apps read names with accents as UTF-8.
 */
export function downloadCsv(table: CsvTable, fileName: string): void {
  const blob = new Blob(['\uFEFF', toCsv(table)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the data by the next task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
