import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { ArrowUpload16Regular, CheckmarkCircle16Regular } from '@fluentui/react-icons';
import { useId, useState } from 'react';
import { ApiError, type ApiClient } from '../../api/api-client';
import type { CsvLineError, IndicatorImportReport } from '../../api/api-types';
import { formatCount } from '../../text/plan-text';
import { problemText } from '../LoadProblem/problem-text';
import { useIndicatorImportStyles } from './IndicatorImport.styles';

export type IndicatorImportProps = {
  api: ApiClient;
  /** Called after points were stored, so the charts read them again. */
  onImported: () => void;
};

type ImportState =
  | { status: 'idle' }
  | { status: 'sending'; dryRun: boolean }
  | { status: 'done'; report: Extract<IndicatorImportReport, { ok: true }> }
  | { status: 'refused'; message: string; lines: CsvLineError[] }
  | { status: 'failed'; error: unknown };

/**
 * Imports an indicator series CSV (`POST /api/indicators/import`): check it first or import it;
 * a file with any bad row imports nothing, and every bad row is listed by its line.
 */
export function IndicatorImport({ api, onImported }: IndicatorImportProps) {
  const styles = useIndicatorImportStyles();
  const headingId = useId();
  const [file, setFile] = useState<File>();
  const [state, setState] = useState<ImportState>({ status: 'idle' });
  const sending = state.status === 'sending';

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setState({ status: 'sending', dryRun });
    try {
      const csv = await file.text();
      const report = await api.post<IndicatorImportReport>('/api/indicators/import', {
        csv,
        dryRun,
      });
      if (!report.ok) {
        setState({ status: 'refused', message: 'Nothing was imported.', lines: report.errors });
        return;
      }
      setState({ status: 'done', report });
      if (!report.dryRun) onImported();
    } catch (error) {
      if (error instanceof ApiError && error.details.lines?.length) {
        setState({ status: 'refused', message: error.message, lines: error.details.lines });
      } else {
        setState({ status: 'failed', error });
      }
    }
  };

  return (
    <section className={styles.root} aria-labelledby={headingId} data-testid="indicator-import">
      <h2 id={headingId} className={styles.title}>
        Import a series
      </h2>
      <p className={styles.hint}>
        A CSV file whose first line names the columns{' '}
        <code className={styles.code}>indicator,group,place,year,value,source</code>, one figure a
        line. A point already stored for the same indicator, group, place and year is replaced. A
        file with any bad row imports nothing; each bad row is listed below by its line.
      </p>
      <div className={styles.row}>
        <Field label="CSV file">
          {(control) => (
            <input
              {...control}
              className={styles.file}
              type="file"
              accept=".csv,text/csv"
              disabled={sending}
              onChange={(e) => {
                setFile(e.target.files?.[0]);
                setState({ status: 'idle' });
              }}
              data-testid="indicator-file"
            />
          )}
        </Field>
        <Button
          icon={<CheckmarkCircle16Regular />}
          disabled={!file || sending}
          onClick={() => void send(true)}
          data-testid="indicator-check"
        >
          Check the file
        </Button>
        <Button
          appearance="primary"
          icon={sending ? <Spinner size="extra-tiny" /> : <ArrowUpload16Regular />}
          disabled={!file || sending}
          onClick={() => void send(false)}
          data-testid="indicator-import-button"
        >
          Import
        </Button>
      </div>
      <ImportOutcome state={state} />
    </section>
  );
}

function ImportOutcome({ state }: { state: ImportState }) {
  const styles = useIndicatorImportStyles();
  switch (state.status) {
    case 'idle':
      return null;
    case 'sending':
      return (
        <div role="status">
          <Spinner
            size="small"
            labelPosition="after"
            label={state.dryRun ? 'Checking the file…' : 'Importing…'}
          />
        </div>
      );
    case 'done': {
      const r = state.report;
      const what = `${formatCount(r.imported)} points of ${formatCount(r.rows)} rows${
        r.replaced ? ` (${formatCount(r.replaced)} replacing stored ones)` : ''
      }`;
      return (
        <MessageBar
          intent="success"
          layout="multiline"
          role="status"
          data-testid="indicator-import-done"
        >
          <MessageBarBody>
            <MessageBarTitle>{r.dryRun ? 'The file is good' : 'Imported'}</MessageBarTitle>
            {r.dryRun
              ? `It would import ${what}`
              : `${what[0]?.toUpperCase()}${what.slice(1)}`}: {r.indicators.join('; ')}.
            {r.dryRun && ' Nothing was stored yet: press Import.'}
          </MessageBarBody>
        </MessageBar>
      );
    }
    case 'refused':
      return (
        <MessageBar
          intent="error"
          layout="multiline"
          role="alert"
          data-testid="indicator-import-refused"
        >
          <MessageBarBody>
            <MessageBarTitle>The file was refused</MessageBarTitle>
            {state.message} Correct the rows below and choose the file again.
            <Table size="extra-small" className={styles.lines} aria-label="Bad rows of the file">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">Line</TableHeaderCell>
                  <TableHeaderCell scope="col">Column</TableHeaderCell>
                  <TableHeaderCell scope="col">Problem</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {state.lines.map((l, i) => (
                  <TableRow key={i} data-testid="indicator-import-line">
                    <TableCell className={styles.number}>{l.line}</TableCell>
                    <TableCell>{l.field}</TableCell>
                    <TableCell>{l.message}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </MessageBarBody>
        </MessageBar>
      );
    case 'failed': {
      const { title, message, nextStep } = problemText(state.error, 'import');
      const field =
        state.error instanceof ApiError && state.error.details.field
          ? ` Field: ${state.error.details.field}${state.error.details.rule ? ` (${state.error.details.rule})` : ''}.`
          : '';
      return (
        <MessageBar
          intent="error"
          layout="multiline"
          role="alert"
          data-testid="indicator-import-problem"
        >
          <MessageBarBody>
            <MessageBarTitle>{title}</MessageBarTitle>
            {message}
            {field} {nextStep}
          </MessageBarBody>
        </MessageBar>
      );
    }
  }
}
