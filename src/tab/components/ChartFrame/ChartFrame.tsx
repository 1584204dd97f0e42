import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { ChevronDown16Regular, ChevronRight16Regular, Table16Regular } from '@fluentui/react-icons';
import { useId, useState, type ReactNode } from 'react';
import type { CsvTable } from '../CsvExport/csv-table';
import { useChartFrameStyles } from './ChartFrame.styles';

export type ChartFrameProps = {
  /** The chart's title, a heading. */
  title: string;
  /** The chart's message in one or two sentences: what a sighted reader takes from it. */
  summary: string;
  /** The figures drawn, as a table anyone can open instead of reading the picture. */
  figures: CsvTable;
  /** The chart itself. */
  children: ReactNode;
  'data-testid'?: string;
};

/**
 * A chart with its text alternatives (WCAG 1.1.1): a title, a summary that says what the chart
 * shows, and a button that opens the same figures as a table.
 */
export function ChartFrame({
  title,
  summary,
  figures,
  children,
  'data-testid': testId,
}: ChartFrameProps) {
  const styles = useChartFrameStyles();
  const titleId = useId();
  const summaryId = useId();
  const tableId = useId();
  const [open, setOpen] = useState(false);
  return (
    <figure
      className={styles.root}
      aria-labelledby={titleId}
      aria-describedby={summaryId}
      data-testid={testId}
    >
      <h3 id={titleId} className={styles.title}>
        {title}
      </h3>
      <div className={styles.chart}>{children}</div>
      <figcaption id={summaryId} className={styles.caption} data-testid="chart-summary">
        {summary}
      </figcaption>
      <Button
        className={styles.toggle}
        appearance="subtle"
        size="small"
        icon={open ? <ChevronDown16Regular /> : <ChevronRight16Regular />}
        aria-expanded={open}
        aria-controls={tableId}
        onClick={() => setOpen((o) => !o)}
        data-testid="chart-table-toggle"
      >
        <Table16Regular aria-hidden /> {open ? 'Hide the figures' : 'Show the figures as a table'}
      </Button>
      <div id={tableId} hidden={!open}>
        {open && (
          <Table size="extra-small" className={styles.table} aria-label={`${title}: figures`}>
            <TableHeader>
              <TableRow>
                {figures.header.map((h) => (
                  <TableHeaderCell key={h} scope="col">
                    {h}
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {figures.rows.map((row, r) => (
                <TableRow key={r}>
                  {row.map((cell, c) =>
                    c === 0 ? (
                      <th key={c} scope="row" className={styles.rowHead}>
                        {cell}
                      </th>
                    ) : (
                      <TableCell key={c} className={styles.number}>
                        {typeof cell === 'number' ? cell.toLocaleString() : cell}
                      </TableCell>
                    ),
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </div>
    </figure>
  );
}
