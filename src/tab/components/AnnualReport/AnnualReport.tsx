import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
} from '@fluentui/react-components';
import { DocumentBulletList16Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { ApiError, type ApiClient } from '../../api/api-client';
import type { AnnualReportContent, CompileReportResponse } from '../../api/api-types';
import { formatPlanDate } from '../../text/plan-text';
import { FileDownload } from '../FileDownload/FileDownload';
import { LoadProblem } from '../LoadProblem/LoadProblem';
import { problemText } from '../LoadProblem/problem-text';
import { ReportFrame } from '../ReportFrame/ReportFrame';
import { usePageLayoutStyles } from '../PageLayout/page-layout.styles';
import { useAnnualReportStyles } from './AnnualReport.styles';
import { defaultYear, reportStanding, yearFigures, yearLabel } from './report-figures';
import { useCompiledReport, useReportList } from './useAnnualReport';

export type AnnualReportProps = {
  api: ApiClient;
};

type CompileState =
  | { status: 'idle' }
  | { status: 'compiling'; year: number }
  | { status: 'compiled'; year: number; response: CompileReportResponse }
  | { status: 'failed'; year: number; error: unknown };

/**
 * The Equity Officer's annual report: pick a year, compile it from the records, read it here as
 * the server renders it, download it as Word; and the public summary for the city's website.
 */
export function AnnualReport({ api }: AnnualReportProps) {
  const styles = useAnnualReportStyles();
  const layout = usePageLayoutStyles();
  const list = useReportList(api);
  const [picked, setPicked] = useState<number>();
  const [compile, setCompile] = useState<CompileState>({ status: 'idle' });
  const years = list.state.status === 'loaded' ? list.state.data : undefined;
  const year = picked ?? (years ? defaultYear(years) : undefined);
  const entry = years?.reports.find((r) => r.year === year);
  const report = useCompiledReport(api, year, entry?.compiledAt);
  const compiling = compile.status === 'compiling';

  const compileYear = async (target: number) => {
    setCompile({ status: 'compiling', year: target });
    try {
      const response = await api.post<CompileReportResponse>(`/api/reports/${target}`, {});
      setCompile({ status: 'compiled', year: target, response });
      list.reload();
    } catch (error) {
      setCompile({ status: 'failed', year: target, error });
    }
  };

  return (
    <div className={layout.root} data-testid="annual-report">
      <header className={layout.header}>
        <h1 id="annual-report-heading" className={layout.title}>
          Annual report
        </h1>
        <p className={layout.intro}>
          The plan&rsquo;s yearly report on the use of the toolkit and of impact statements by each
          department, the policy and resource changes that resulted, training, partnerships and
          outreach, compiled from the records. Every figure is the server&rsquo;s, computed by the
          same code as the Progress page; the Word file has the same content.
        </p>
      </header>

      {list.state.status === 'failed' ? (
        <LoadProblem error={list.state.error} what="annual report" onRetry={list.reload} />
      ) : !years ? (
        <Spinner className={styles.loading} label="Loading the report years…" />
      ) : (
        <>
          <div className={styles.controls}>
            <Field label="Year" className={styles.year}>
              <Select
                value={year === undefined ? '' : String(year)}
                disabled={compiling}
                onChange={(_e, d) => {
                  setPicked(Number(d.value));
                  setCompile({ status: 'idle' });
                }}
                data-testid="report-year"
              >
                {years.reports.map((r) => (
                  <option key={r.year} value={r.year}>
                    {yearLabel(r)}
                  </option>
                ))}
              </Select>
            </Field>
            {year !== undefined && (
              <Button
                appearance="primary"
                icon={compiling ? <Spinner size="extra-tiny" /> : <DocumentBulletList16Regular />}
                disabled={compiling}
                onClick={() => void compileYear(year)}
                data-testid="report-compile"
              >
                {compiling
                  ? `Compiling ${year}…`
                  : entry?.compiledAt
                    ? `Compile ${year} again`
                    : `Compile ${year}`}
              </Button>
            )}
            {year !== undefined && (
              <FileDownload
                api={api}
                path={`/api/reports/${year}.docx`}
                fileName={`reap-annual-report-${year}.docx`}
                what="Word report"
                disabled={!entry?.compiledAt || compiling}
                data-testid="report-docx"
              >
                Download Word (.docx)
              </FileDownload>
            )}
          </div>
          <CompileOutcome state={compile} />
          {year !== undefined && !entry?.compiledAt && compile.status !== 'compiling' && (
            <p className={layout.intro} data-testid="report-not-compiled">
              The {year} report has not been compiled yet. Compile it to read it here and download
              it; compile it again later to bring in what has been recorded since.
            </p>
          )}
          {report.state?.status === 'loading' && (
            <Spinner className={styles.loading} label={`Loading the ${year} report…`} />
          )}
          {report.state?.status === 'failed' && (
            <LoadProblem
              error={report.state.error}
              what={`${year} report`}
              onRetry={report.reload}
            />
          )}
          {report.state?.status === 'loaded' && (
            <CompiledReportView content={report.state.data.content} html={report.state.data.html} />
          )}
          <section className={layout.section} aria-labelledby="public-summary-heading">
            <h2 id="public-summary-heading" className={layout.sectionTitle}>
              Public summary
            </h2>
            <p className={layout.intro}>
              Citywide and department progress as of today, for the city&rsquo;s website: no person
              is named, and the survey is shown only with small groups suppressed.
            </p>
            <div className={styles.downloads}>
              <FileDownload
                api={api}
                path="/api/public-summary.html"
                fileName="reap-public-summary.html"
                what="public summary"
                data-testid="public-summary-html"
              >
                Download public summary (HTML)
              </FileDownload>
              <FileDownload
                api={api}
                path="/api/public-summary.csv"
                fileName="reap-public-summary.csv"
                what="public summary"
                data-testid="public-summary-csv"
              >
                Download public summary (CSV)
              </FileDownload>
            </div>
          </section>
        </>
      )}
    </div>
  );
}

/** What the last compile did: compiling, compiled (and where the file went), or why not. */
function CompileOutcome({ state }: { state: CompileState }) {
  if (state.status === 'compiling') {
    return (
      <div role="status">
        <Spinner
          size="small"
          labelPosition="after"
          label={`Compiling the ${state.year} report from the records…`}
        />
      </div>
    );
  }
  if (state.status === 'compiled') {
    const { report, library } = state.response;
    return (
      <MessageBar intent="success" layout="multiline" role="status" data-testid="report-compiled">
        <MessageBarBody>
          <MessageBarTitle>The {report.year} report is compiled</MessageBarTitle>
          Figures as of {formatPlanDate(report.asOf)}.
          {library?.saved === true && ` Saved to the site's documents as ${library.fileName}.`}
          {library?.saved === false && ` ${library.message}`}
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (state.status === 'failed') {
    const { title, message, nextStep } = problemText(state.error, `${state.year} report`);
    const field =
      state.error instanceof ApiError && state.error.details.field
        ? `${state.error.details.field}${state.error.details.rule ? ` (${state.error.details.rule})` : ''}`
        : undefined;
    return (
      <MessageBar
        intent="error"
        layout="multiline"
        role="alert"
        data-testid="report-compile-problem"
      >
        <MessageBarBody>
          <MessageBarTitle>
            {state.error instanceof ApiError && state.error.status === 400
              ? `The ${state.year} report was not compiled`
              : title}
          </MessageBarTitle>
          {message}
          {field && ` Field: ${field}.`} {nextStep}
        </MessageBarBody>
      </MessageBar>
    );
  }
  return null;
}

type CompiledReportViewProps = { content: AnnualReportContent; html: string };

/** The compiled report: the year at a glance, then the whole document as the server renders it. */
function CompiledReportView({ content, html }: CompiledReportViewProps) {
  const styles = useAnnualReportStyles();
  const layout = usePageLayoutStyles();
  return (
    <>
      <section
        className={layout.section}
        aria-labelledby="report-glance-heading"
        data-testid="report-glance"
      >
        <h2 id="report-glance-heading" className={layout.sectionTitle}>
          {content.year} at a glance
        </h2>
        <p className={layout.intro} data-testid="report-standing">
          {reportStanding(content)}
        </p>
        <ul className={styles.tiles}>
          {yearFigures(content).map((f) => (
            <li key={f.key} className={styles.tile} data-testid={`report-figure-${f.key}`}>
              <span className={styles.tileTitle}>{f.title}</span>
              <span className={styles.tileValue} data-testid={`report-figure-${f.key}-value`}>
                {f.value}
              </span>
              <span className={styles.tileCaption}>{f.caption}</span>
            </li>
          ))}
        </ul>
      </section>
      <section className={layout.section} aria-labelledby="report-document-heading">
        <h2 id="report-document-heading" className={layout.sectionTitle}>
          The report
        </h2>
        <ReportFrame
          html={html}
          title={`${content.plan.cityName}: annual report ${content.year}`}
          data-testid="report-frame"
        />
      </section>
    </>
  );
}
