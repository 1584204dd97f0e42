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
import type { CsvLineError } from '../../api/api-types';
import { problemText } from '../LoadProblem/problem-text';
import { usePageLayoutStyles } from '../PageLayout/page-layout.styles';
import { useCsvImportStyles } from './CsvImport.styles';

/** What an import route answers when the file is good (stored, or with `dryRun` only checked). */
export type CsvImportDone = { ok: true; dryRun: boolean };

/** An import route's answer: the report, or (in a 2xx, rarely) the bad lines. */
type CsvImportAnswer<R extends CsvImportDone> =
  R | { ok: false; rows: number; errors: CsvLineError[] };

export type CsvImportProps<R extends CsvImportDone> = {
  api: ApiClient;
  /** The import route, which takes `{ csv, dryRun }`: `/api/indicators/import`, `/api/survey/import`. */
  path: string;
  /** The box's heading: "Import a series". */
  title: string;
  /** The columns the file's first line names, in the order a template would give them. */
  columns: readonly string[];
  /** What the route does with a row it already holds, and anything else to know: one or two sentences. */
  hint: string;
  /** What a good file imports (or would), after "It would import": "7 points of 9 rows: …". */
  describe: (report: R) => string;
  /** Called after rows were stored, so the page reads them again. */
  onImported: () => void;
  /** Starts every test id of the box: `indicator` gives `indicator-file`, `indicator-check`, … */
  testIdPrefix: string;
};

type ImportState<R extends CsvImportDone> =
  | { status: 'idle' }
  | { status: 'sending'; dryRun: boolean }
  | { status: 'done'; report: R }
  | { status: 'refused'; message: string; lines: CsvLineError[] }
  | { status: 'failed'; error: unknown };

/**
 * Imports a CSV file through an import route: check it first (a dry run) or import it. A file with
 * any bad row imports nothing, and every bad row is listed by its line, column and problem.
 */
export function CsvImport<R extends CsvImportDone>({
  api,
  path,
  title,
  columns,
  hint,
  describe,
  onImported,
  testIdPrefix: id,
}: CsvImportProps<R>) {
  const styles = useCsvImportStyles();
  const layout = usePageLayoutStyles();
  const headingId = useId();
  const [file, setFile] = useState<File>();
  const [state, setState] = useState<ImportState<R>>({ status: 'idle' });
  const sending = state.status === 'sending';

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setState({ status: 'sending', dryRun });
    try {
      const csv = await file.text();
      const report = await api.post<CsvImportAnswer<R>>(path, { csv, dryRun });
      if (!report.ok) {
        setState({ status: 'refused', message: 'Nothing was imported.', lines: report.errors });
        return;
      }
      setState({ status: 'done', report: report as R });
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
    <section className={layout.panel} aria-labelledby={headingId} data-testid={`${id}-import`}>
      <h2 id={headingId} className={layout.sectionTitle}>
        {title}
      </h2>
      <p className={layout.intro}>
        A CSV file whose first line names the columns{' '}
        <code className={styles.code}>{columns.join(',')}</code>, one figure a line. {hint} A file
        with any bad row imports nothing; each bad row is listed below by its line.
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
              data-testid={`${id}-file`}
            />
          )}
        </Field>
        <Button
          icon={<CheckmarkCircle16Regular />}
          disabled={!file || sending}
          onClick={() => void send(true)}
          data-testid={`${id}-check`}
        >
          Check the file
        </Button>
        <Button
          appearance="primary"
          icon={sending ? <Spinner size="extra-tiny" /> : <ArrowUpload16Regular />}
          disabled={!file || sending}
          onClick={() => void send(false)}
          data-testid={`${id}-import-button`}
        >
          Import
        </Button>
      </div>
      <ImportOutcome state={state} describe={describe} testIdPrefix={id} />
    </section>
  );
}

type ImportOutcomeProps<R extends CsvImportDone> = {
  state: ImportState<R>;
  describe: (report: R) => string;
  testIdPrefix: string;
};

function ImportOutcome<R extends CsvImportDone>({
  state,
  describe,
  testIdPrefix: id,
}: ImportOutcomeProps<R>) {
  const styles = useCsvImportStyles();
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
      const what = describe(state.report);
      return (
        <MessageBar
          intent="success"
          layout="multiline"
          role="status"
          data-testid={`${id}-import-done`}
        >
          <MessageBarBody>
            <MessageBarTitle>
              {state.report.dryRun ? 'The file is good' : 'Imported'}
            </MessageBarTitle>
            {state.report.dryRun
              ? `It would import ${what}. Nothing was stored yet: press Import.`
              : `${what[0]?.toUpperCase() ?? ''}${what.slice(1)}.`}
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
          data-testid={`${id}-import-refused`}
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
                  <TableRow key={i} data-testid={`${id}-import-line`}>
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
          data-testid={`${id}-import-problem`}
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
