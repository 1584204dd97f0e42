import { saveBlob } from '../FileDownload/save-blob';
import { toCsv, type CsvTable } from './csv-table';

/**
 * Hands `table` to the browser as a CSV download named `fileName`. A byte-order mark first, so
 * spreadsheet apps read names with accents as UTF-8.
 */
export function downloadCsv(table: CsvTable, fileName: string): void {
  saveCsv(toCsv(table), fileName);
}

/** Hands CSV text to the browser as a download, with the byte-order mark spreadsheets need. */
export function saveCsv(csv: string, fileName: string): void {
  saveBlob(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }), fileName);
}
