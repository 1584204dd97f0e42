import {
  Button,
  Link,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  mergeClasses,
} from '@fluentui/react-components';
import { ArrowClockwise16Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { ApiClient } from '../../api/api-client';
import type { DepartmentDetail as Detail, DepartmentWave } from '../../api/api-types';
import { waveName } from '../../text/campaign-text';
import { TIER_NAMES, formatCount, formatPlanDate } from '../../text/plan-text';
import {
  RULE_ORDER,
  STANDING_TEXT,
  ruleName,
  ruleStanding,
  rulesMetText,
} from '../../text/progress-text';
import { CompletionBar } from '../CompletionBar/CompletionBar';
import { CsvExport } from '../CsvExport/CsvExport';
import { csvFileName } from '../CsvExport/csv-table';
import { LoadProblem } from '../LoadProblem/LoadProblem';
import { StatusBadge, type StatusKind } from '../StatusBadge/StatusBadge';
import { UnconfirmedList } from '../UnconfirmedList/UnconfirmedList';
import { usePageLayoutStyles } from '../PageLayout/page-layout.styles';
import { useDepartmentDetailStyles } from './DepartmentDetail.styles';
import { departmentCsv, waveStandingText } from './department-csv';
import { useDepartmentDetail } from './useDepartmentDetail';

export type DepartmentDetailProps = {
  /** The signed-in person's API client. */
  api: ApiClient;
  /** The department shown, e.g. `MHD`. */
  departmentId: string;
  /**
   * Whether to list, by name, who has not confirmed each wave. The server sends names only to the
   * Equity Officer and the department's own leads and Ambassadors; `show` lists them when sent,
   * `hide` never does (e.g. on a screen shared with staff).
   * @default 'show'
   */
  names?: 'show' | 'hide';
  /**
   * The level of the department's name heading: 1 when the detail is the page (a channel tab),
   * 2 under a page's own heading.
   * @default 2
   */
  headingLevel?: 1 | 2;
};

const STANDING_LOOK: Record<Detail['strategies'][number]['status'], StatusKind> = {
  not_reported: 'attention',
  behind: 'problem',
  at_risk: 'attention',
  not_started: 'neutral',
  on_track: 'met',
  done: 'met',
};

function waveLook(w: DepartmentWave): StatusKind {
  if (w.behind) return 'problem';
  if (w.state === 'not_open') return 'neutral';
  return w.completed >= w.required ? 'met' : 'neutral';
}

/**
 * One department's progress: how it stands on every rule of the plan, its training waves with
 * counts, its strategies this quarter and, for those allowed, who has not confirmed each wave;
 * each part downloadable as CSV. Loads `GET /api/progress/departments/:departmentId` itself.
 */
export function DepartmentDetail({
  api,
  departmentId,
  names = 'show',
  headingLevel = 2,
}: DepartmentDetailProps) {
  const styles = useDepartmentDetailStyles();
  const layout = usePageLayoutStyles();
  const { state, reload } = useDepartmentDetail(api, departmentId);
  if (!state.data) {
    return state.status === 'failed' ? (
      <LoadProblem error={state.error} what="department's progress" onRetry={reload} />
    ) : (
      <Spinner className={styles.loading} label="Loading the department's progress…" />
    );
  }
  return (
    <div
      className={mergeClasses(layout.root, layout.roomy)}
      data-testid={`department-detail-${departmentId}`}
    >
      {state.status === 'failed' && (
        <LoadProblem error={state.error} what="latest figures" onRetry={reload} />
      )}
      <DetailContent
        // A new department starts with its own choices (wave shown, focus).
        key={state.data.department.departmentId}
        detail={state.data}
        names={names}
        headingLevel={headingLevel}
        refreshing={state.status === 'loading'}
        onRefresh={reload}
      />
    </div>
  );
}

type DetailContentProps = {
  detail: Detail;
  names: 'show' | 'hide';
  headingLevel: 1 | 2;
  refreshing: boolean;
  onRefresh: () => void;
};

function DetailContent({ detail, names, headingLevel, refreshing, onRefresh }: DetailContentProps) {
  const styles = useDepartmentDetailStyles();
  const layout = usePageLayoutStyles();
  const { department: d, plan, today } = detail;
  const [waveId, setWaveId] = useState('all');
  const [focusRequest, setFocusRequest] = useState(0);
  const people = names === 'show' ? detail.people : undefined;
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  const Sub = headingLevel === 1 ? 'h2' : 'h3';
  const trainings = [...new Map(detail.waves.map((w) => [w.trainingId, w.trainingTitle]))].map(
    ([id, title]) => ({ id, title }),
  );
  const showPeople = (wave: DepartmentWave) => {
    setWaveId(wave.waveId);
    setFocusRequest((n) => n + 1);
  };
  const idPrefix = `detail-${d.departmentId}`;
  return (
    <>
      <header className={layout.headerBar}>
        <div>
          <Heading className={layout.title} data-testid="department-name">
            {d.name}
          </Heading>
          <p className={layout.meta}>
            {d.departmentId} · {formatCount(d.headcount)} staff · {rulesMetText(d)} rules met ·
            figures as of {formatPlanDate(today)}
          </p>
        </div>
        <div className={styles.actions}>
          <CsvExport
            what={`${d.name}'s progress`}
            fileName={csvFileName('progress', d.departmentId, today)}
            table={() => departmentCsv(detail)}
            data-testid="department-csv"
          />
          <Button
            icon={refreshing ? <Spinner size="extra-tiny" /> : <ArrowClockwise16Regular />}
            disabled={refreshing}
            onClick={onRefresh}
          >
            {refreshing ? 'Refreshing…' : 'Refresh'}
          </Button>
        </div>
      </header>

      <section className={layout.section} aria-labelledby={`${idPrefix}-rules`}>
        <Sub id={`${idPrefix}-rules`} className={layout.sectionTitle}>
          The plan's rules
        </Sub>
        <ul className={styles.rules} data-testid="department-rules">
          {RULE_ORDER.map((rule) => {
            const s = ruleStanding(d, rule, plan.terms, trainings);
            const name = ruleName(rule, plan.terms);
            return (
              <li key={rule} className={styles.rule} data-testid={`rule-${rule}`}>
                <div className={styles.ruleHead}>
                  <span className={styles.ruleName}>{name.short}</span>
                  <StatusBadge status={s.met ? 'met' : 'attention'} size="small">
                    {s.met ? 'Met' : 'Not met'}
                  </StatusBadge>
                </div>
                <span className={styles.ruleValue} data-testid={`rule-${rule}-value`}>
                  {s.value}
                </span>
                {s.detail && <span className={styles.ruleDetail}>{s.detail}</span>}
              </li>
            );
          })}
          <li className={styles.rule} data-testid="rule-impactStatements">
            <div className={styles.ruleHead}>
              <span className={styles.ruleName}>{plan.terms.impactStatement}s</span>
            </div>
            <span className={styles.ruleValue} data-testid="rule-impactStatements-value">
              {formatCount(d.impactStatements)}
            </span>
            <span className={styles.ruleDetail}>
              guided by the {plan.terms.leadershipTeamShort} and {plan.terms.ambassadors}
            </span>
          </li>
        </ul>
      </section>

      <section className={layout.section} aria-labelledby={`${idPrefix}-waves`}>
        <Sub id={`${idPrefix}-waves`} className={layout.sectionTitle}>
          Training waves
        </Sub>
        <p className={layout.intro}>
          Each wave reaches one tier by its due date. Counts are of this department's people.
        </p>
        <div className={styles.scroll}>
          <Table
            className={styles.table}
            size="small"
            aria-labelledby={`${idPrefix}-waves`}
            data-testid="department-waves"
          >
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Training</TableHeaderCell>
                <TableHeaderCell scope="col">Wave</TableHeaderCell>
                <TableHeaderCell scope="col">Opens</TableHeaderCell>
                <TableHeaderCell scope="col">Due</TableHeaderCell>
                <TableHeaderCell scope="col">Standing</TableHeaderCell>
                <TableHeaderCell scope="col">Confirmed</TableHeaderCell>
                <TableHeaderCell scope="col">Not confirmed</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {detail.waves.map((w) => (
                <TableRow key={w.waveId} data-testid={`wave-${w.waveId}`}>
                  <TableCell>{w.trainingTitle}</TableCell>
                  <TableCell>{waveName(w)}</TableCell>
                  <TableCell className={styles.nowrap}>{formatPlanDate(w.opensOn)}</TableCell>
                  <TableCell className={styles.nowrap}>{formatPlanDate(w.dueOn)}</TableCell>
                  <TableCell>
                    <StatusBadge status={waveLook(w)} size="small">
                      {waveStandingText(w)}
                    </StatusBadge>
                  </TableCell>
                  <TableCell className={styles.barCell}>
                    <CompletionBar
                      layout="compact"
                      label={`${w.trainingTitle}, ${TIER_NAMES[w.tier].full.toLowerCase()}`}
                      figure={w}
                      today={today}
                      figureTestId={`wave-${w.waveId}-figure`}
                    />
                  </TableCell>
                  <TableCell className={styles.number}>
                    {people && w.notConfirmed > 0 && w.state !== 'not_open' ? (
                      <Link
                        as="button"
                        onClick={() => showPeople(w)}
                        aria-label={`${formatCount(w.notConfirmed)} not confirmed: list them, ${w.trainingTitle}, ${waveName(w).toLowerCase()}`}
                        data-testid={`wave-${w.waveId}-people`}
                      >
                        {formatCount(w.notConfirmed)}
                      </Link>
                    ) : (
                      formatCount(w.notConfirmed)
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      </section>

      {people && (
        <UnconfirmedList
          departmentId={d.departmentId}
          departmentName={d.name}
          groups={people}
          waves={detail.waves}
          waveId={waveId}
          onWaveChange={setWaveId}
          focusRequest={focusRequest}
        />
      )}

      <section className={layout.section} aria-labelledby={`${idPrefix}-strategies`}>
        <Sub id={`${idPrefix}-strategies`} className={layout.sectionTitle}>
          Strategies, {detail.quarter}
        </Sub>
        <p className={layout.intro}>
          The plan's strategies this department answers for, as its leads reported them this
          quarter.
        </p>
        <div className={styles.scroll}>
          <Table
            className={styles.table}
            size="small"
            aria-labelledby={`${idPrefix}-strategies`}
            data-testid="department-strategies"
          >
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Strategy</TableHeaderCell>
                <TableHeaderCell scope="col">Area and text</TableHeaderCell>
                <TableHeaderCell scope="col">This quarter</TableHeaderCell>
                <TableHeaderCell scope="col">Reported</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {detail.strategies.map((s) => (
                <TableRow key={s.strategyId} data-testid={`strategy-${s.strategyId}`}>
                  <TableCell className={styles.nowrap}>{s.strategyId}</TableCell>
                  <TableCell>
                    <div>{s.area}</div>
                    <div className={styles.strategyText}>{s.text}</div>
                  </TableCell>
                  <TableCell>
                    <StatusBadge status={STANDING_LOOK[s.status]} size="small">
                      {STANDING_TEXT[s.status]}
                    </StatusBadge>
                  </TableCell>
                  <TableCell className={styles.nowrap}>
                    {s.reportedOn ? formatPlanDate(s.reportedOn) : '—'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      </section>
    </>
  );
}
