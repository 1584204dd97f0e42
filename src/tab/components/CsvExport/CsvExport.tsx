import { Button } from '@fluentui/react-components';
import { ArrowDownload16Regular } from '@fluentui/react-icons';
import type { CsvTable } from './csv-table';
import { downloadCsv } from './download-csv';

export type CsvExportProps = {
  /** Builds the table when pressed, from what the view shows now (filtered and sorted). */
  table: () => CsvTable;
  /** The download's file name, ending `.csv` (see `csvFileName`). */
  fileName: string;
  /** What is downloaded, for the button's accessible name: "the scorecard". */
  what: string;
  /** @default false */
  disabled?: boolean;
  'data-testid'?: string;
};

/** "Download CSV" for one view: the same rows the view shows, in its order, with a header row. */
export function CsvExport({
  table,
  fileName,
  what,
  disabled,
  'data-testid': testId,
}: CsvExportProps) {
  return (
    <Button
      icon={<ArrowDownload16Regular />}
      disabled={disabled}
      aria-label={`Download CSV of ${what}`}
      onClick={() => downloadCsv(table(), fileName)}
      data-testid={testId}
    >
      Download CSV
    </Button>
  );
}
