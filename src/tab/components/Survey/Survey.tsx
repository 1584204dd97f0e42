import {
  Spinner,
  mergeClasses,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { VerticalBarChart } from '@fluentui/react-charts';
import type { ApiClient } from '../../api/api-client';
import type { SurveyQuestionView, SurveyResponse } from '../../api/api-types';
import { formatCount, formatPlanDate } from '../../text/plan-text';
import { ChartFrame } from '../ChartFrame/ChartFrame';
import { LoadProblem } from '../LoadProblem/LoadProblem';
import { useDepartmentNames } from '../NotReachedList/useDepartmentNames';
import { usePageLayoutStyles } from '../PageLayout/page-layout.styles';
import { SurveyRecording } from '../SurveyRecording/SurveyRecording';
import { useMe } from '../Workspace/useMe';
import { useSurveyStyles } from './Survey.styles';
import {
  SUPPRESSED,
  citywideBars,
  citywideFigures,
  citywideSummary,
  departmentFigures,
  suppressionNote,
} from './survey-figures';
import { useSurvey } from './useSurvey';

export type SurveyProps = {
  api: ApiClient;
};

/**
 * The Region of Choice survey (`GET /api/survey`): each question's results citywide and by
 * department and group, and the focus groups, every figure as the server suppressed it: a group
 * smaller than the threshold, or a figure that would reveal one, is shown as "suppressed". The
 * Equity Officer also imports or enters results and logs focus groups here.
 */
export function Survey({ api }: SurveyProps) {
  const styles = useSurveyStyles();
  const layout = usePageLayoutStyles();
  const me = useMe(api);
  const { state, reload } = useSurvey(api);
  const data = state.status === 'loaded' ? state.data : undefined;
  const names = useDepartmentNames(
    api,
    Boolean(data?.focusGroups.list.some((g) => g.departmentId)),
  );
  return (
    <div className={layout.root} data-testid="survey">
      <header className={layout.header}>
        <h1 className={layout.title}>Diversity survey and focus groups</h1>
        <p className={layout.intro}>
          The Region of Choice survey on barriers to a diverse workforce: only aggregates reach
          reap, never anyone&rsquo;s answers.
          {data && ` ${suppressionNote(data.threshold)}`}
        </p>
      </header>
      {me?.role === 'officer' && (
        <SurveyRecording api={api} defaultYear={data?.questions[0]?.year} onRecorded={reload} />
      )}
      {state.status === 'loading' && (
        <Spinner className={styles.loading} label="Loading the survey results…" />
      )}
      {state.status === 'failed' && (
        <LoadProblem error={state.error} what="survey results" onRetry={reload} />
      )}
      {data && (
        <>
          {data.questions.length === 0 && (
            <p className={layout.intro} data-testid="survey-empty">
              No survey results have been recorded yet.
            </p>
          )}
          {data.questions.map((q, index) => (
            <SurveyQuestion key={`${q.year}-${q.question}`} question={q} index={index} />
          ))}
          <FocusGroups focusGroups={data.focusGroups} names={names} />
        </>
      )}
    </div>
  );
}

type SurveyQuestionProps = { question: SurveyQuestionView; index: number };

function SurveyQuestion({ question: q, index }: SurveyQuestionProps) {
  const styles = useSurveyStyles();
  const layout = usePageLayoutStyles();
  const headingId = `survey-question-${index}`;
  const bars = citywideBars(q).map((b) => ({
    x: b.group,
    y: b.value,
    legend: b.group,
    color: tokens.colorBrandBackground,
    xAxisCalloutData: b.group,
    yAxisCalloutData: String(b.value),
  }));
  const byDepartment = departmentFigures(q);
  return (
    <section
      className={layout.section}
      aria-labelledby={headingId}
      data-testid={`survey-question-${index}`}
    >
      <h2 id={headingId} className={layout.sectionTitle}>
        {q.question} ({q.year})
      </h2>
      <div className={styles.grid}>
        <ChartFrame
          title="Citywide, by group"
          summary={citywideSummary(q)}
          figures={citywideFigures(q)}
          data-testid="chart-survey-citywide"
        >
          {bars.length > 0 ? (
            <VerticalBarChart data={bars} height={260} hideLegend yAxisTitle="Result" />
          ) : null}
        </ChartFrame>
        {q.departments.length > 0 && (
          <div className={mergeClasses(layout.panel, styles.panel)}>
            <h3 className={styles.subTitle}>By department and group</h3>
            <Table
              size="extra-small"
              aria-label={`${q.question}, ${q.year}: by department and group`}
              data-testid="survey-departments"
            >
              <TableHeader>
                <TableRow>
                  {byDepartment.header.map((h) => (
                    <TableHeaderCell key={h} scope="col">
                      {h}
                    </TableHeaderCell>
                  ))}
                </TableRow>
              </TableHeader>
              <TableBody>
                {byDepartment.rows.map((row, r) => (
                  <TableRow key={r} data-testid={`survey-row-${q.departments[r]?.departmentId}`}>
                    {row.map((cell, c) =>
                      c === 0 ? (
                        <th key={c} scope="row" className={styles.rowHead}>
                          {cell}
                        </th>
                      ) : (
                        <TableCell
                          key={c}
                          className={cell === SUPPRESSED ? styles.suppressed : styles.number}
                          data-testid={`survey-cell-${byDepartment.header[c]}`}
                        >
                          {cell}
                        </TableCell>
                      ),
                    )}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </div>
    </section>
  );
}

type FocusGroupsProps = {
  focusGroups: SurveyResponse['focusGroups'];
  names: ReadonlyMap<string, string>;
};

function FocusGroups({ focusGroups, names }: FocusGroupsProps) {
  const styles = useSurveyStyles();
  const layout = usePageLayoutStyles();
  const { held, participants, list } = focusGroups;
  return (
    <section
      className={layout.section}
      aria-labelledby="focus-groups-heading"
      data-testid="focus-groups"
    >
      <h2 id="focus-groups-heading" className={layout.sectionTitle}>
        Focus groups
      </h2>
      <p className={layout.intro} data-testid="focus-groups-count">
        {held === 0
          ? 'No focus group has been logged yet.'
          : `${formatCount(held)} held; ${
              participants === null
                ? `the number of people who took part is ${SUPPRESSED}`
                : `${formatCount(participants)} people took part`
            }.`}
      </p>
      {list.length > 0 && (
        <div className={mergeClasses(layout.panel, styles.panel)}>
          <Table size="extra-small" aria-label="Focus groups held">
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Held on</TableHeaderCell>
                <TableHeaderCell scope="col">Topic</TableHeaderCell>
                <TableHeaderCell scope="col">Department</TableHeaderCell>
                <TableHeaderCell scope="col">People</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.map((g) => (
                <TableRow key={g.id} data-testid={`focus-group-${g.id}`}>
                  <th scope="row" className={styles.rowHead}>
                    {formatPlanDate(g.heldOn)}
                  </th>
                  <TableCell>{g.topic}</TableCell>
                  <TableCell>
                    {g.departmentId ? (names.get(g.departmentId) ?? g.departmentId) : 'Citywide'}
                  </TableCell>
                  <TableCell
                    className={g.participants === null ? styles.suppressed : styles.number}
                  >
                    {g.participants === null ? SUPPRESSED : formatCount(g.participants)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}
