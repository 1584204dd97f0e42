import { Button, Spinner, mergeClasses } from '@fluentui/react-components';
import { ArrowClockwise16Regular, ArrowLeft16Regular } from '@fluentui/react-icons';
import { Suspense, lazy, useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../../api/api-client';
import type { CitywideProgress } from '../../api/api-types';
import { formatCount, formatPlanDate } from '../../text/plan-text';
import { CampaignStatus } from '../CampaignStatus/CampaignStatus';
import { DepartmentDetail } from '../DepartmentDetail/DepartmentDetail';
import { LoadProblem } from '../LoadProblem/LoadProblem';
import { ScorecardTable } from '../ScorecardTable/ScorecardTable';
import type { ScorecardFilter, ScorecardSort } from '../ScorecardTable/scorecard-columns';
import { SummaryTiles } from '../SummaryTiles/SummaryTiles';
import { TrainingOverview } from '../TrainingOverview/TrainingOverview';
import { usePageLayoutStyles } from '../PageLayout/page-layout.styles';
import { useCitywideViewStyles } from './CitywideView.styles';
import { useCitywideProgress } from './useCitywideProgress';

// The charts bring the chart library (d3 and more): loaded after the scorecard has painted.
const MeasureCharts = lazy(() =>
  import('../MeasureCharts/MeasureCharts').then((m) => ({ default: m.MeasureCharts })),
);
const TrendChart = lazy(() =>
  import('../TrendChart/TrendChart').then((m) => ({ default: m.TrendChart })),
);

export type CitywideViewProps = {
  api: ApiClient;
  /**
   * Opens the Training waves page. Given for the Equity Officer only: the latest campaign's state
   * is then shown, with the way there.
   */
  onOpenWaves?: () => void;
  /** Changes when figures changed elsewhere (a review): the view reads them again. */
  refreshToken?: number;
};

/** A department named in the address (`?departmentId=MHD`) opens at once: deep links from cards. */
function departmentInAddress(): string | undefined {
  const query = new URLSearchParams(window.location.search);
  const view = query.get('view');
  if (view !== null && view !== 'citywide') return undefined;
  return query.get('departmentId') ?? undefined;
}

/**
 * The Equity Officer's "Progress": every department against every rule of the plan, citywide
 * totals and a chart per measure, the training trend; a department opens in place, down to the
 * people who have not confirmed.
 */
export function CitywideView({ api, onOpenWaves, refreshToken }: CitywideViewProps) {
  const styles = useCitywideViewStyles();
  const layout = usePageLayoutStyles();
  const { state, reload } = useCitywideProgress(api);
  const [departmentId, setDepartmentId] = useState(departmentInAddress);
  const [sort, setSort] = useState<ScorecardSort>({ column: 'department', direction: 'ascending' });
  const [filter, setFilter] = useState<ScorecardFilter>({ rule: 'all', text: '' });
  const [trainingId, setTrainingId] = useState('anti-racism');
  const back = useRef<HTMLButtonElement>(null);
  /** The department whose detail was last closed: its name takes the focus back. */
  const returnTo = useRef<string>(undefined);

  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    reload();
  }, [refreshToken, reload]);

  useEffect(() => {
    if (departmentId) {
      back.current?.focus();
      return;
    }
    const id = returnTo.current;
    if (!id) return;
    returnTo.current = undefined;
    document.querySelector<HTMLElement>(`[data-department-id="${CSS.escape(id)}"]`)?.focus();
  }, [departmentId, state.data]);

  if (departmentId) {
    return (
      <div className={mergeClasses(layout.root, layout.roomy)}>
        <div>
          <Button
            ref={back}
            appearance="subtle"
            icon={<ArrowLeft16Regular />}
            onClick={() => {
              returnTo.current = departmentId;
              setDepartmentId(undefined);
              // The figures may have moved while the department was open.
              reload();
            }}
            data-testid="back-to-citywide"
          >
            All departments
          </Button>
        </div>
        <DepartmentDetail api={api} departmentId={departmentId} names="show" headingLevel={1} />
      </div>
    );
  }

  if (!state.data) {
    return state.status === 'failed' ? (
      <LoadProblem error={state.error} what="citywide progress" onRetry={reload} />
    ) : (
      <Spinner className={styles.loading} label="Loading citywide progress…" />
    );
  }
  const data = state.data;
  return (
    <div className={mergeClasses(layout.root, layout.roomy)} data-testid="citywide-view">
      {state.status === 'failed' && (
        <LoadProblem error={state.error} what="latest figures" onRetry={reload} />
      )}
      <CitywideHeader data={data} refreshing={state.status === 'loading'} onRefresh={reload} />
      {onOpenWaves && <CampaignStatus api={api} onOpenWaves={onOpenWaves} />}

      <section className={layout.section} aria-labelledby="summary-heading">
        <h2 id="summary-heading" className={layout.sectionTitle}>
          Citywide totals
        </h2>
        <SummaryTiles plan={data.plan} totals={data.totals} />
      </section>

      <section className={layout.section} aria-labelledby="departments-heading">
        <h2 id="departments-heading" className={layout.sectionTitle}>
          Departments
        </h2>
        <p className={layout.intro}>
          Each department against every rule of the plan. Sort by any column; choose the rule not
          met to see who is behind on it; open a department for its waves, its strategies and who
          has not confirmed.
        </p>
        <ScorecardTable
          data={data}
          sort={sort}
          onSortChange={setSort}
          filter={filter}
          onFilterChange={setFilter}
          trainingId={trainingId}
          onTrainingChange={setTrainingId}
          onOpenDepartment={setDepartmentId}
        />
      </section>

      <section className={layout.section} aria-labelledby="measures-heading">
        <h2 id="measures-heading" className={layout.sectionTitle}>
          Each measure, citywide
        </h2>
        <Suspense fallback={<Spinner size="small" label="Drawing the charts…" />}>
          <MeasureCharts data={data} />
        </Suspense>
      </section>

      <section className={layout.section} aria-labelledby="training-heading">
        <h2 id="training-heading" className={layout.sectionTitle}>
          Training completion, citywide
        </h2>
        <p className={layout.intro}>
          Each training reaches senior managers first, then frontline managers and supervisors, then
          all employees; each wave has its own due date.
        </p>
        <TrainingOverview
          trainings={data.trainings}
          totals={data.totals.training}
          today={data.today}
        />
        <Suspense fallback={<Spinner size="small" label="Drawing the trend…" />}>
          <TrendChart api={api} trainingId={trainingId} />
        </Suspense>
      </section>
    </div>
  );
}

type CitywideHeaderProps = {
  data: CitywideProgress;
  refreshing: boolean;
  onRefresh: () => void;
};

function CitywideHeader({ data, refreshing, onRefresh }: CitywideHeaderProps) {
  const styles = useCitywideViewStyles();
  const layout = usePageLayoutStyles();
  const { plan, totals, today } = data;
  return (
    <header className={layout.headerBar}>
      <div>
        <div className={styles.city} data-testid="city-name">
          {plan.cityName}
        </div>
        <h1 className={layout.title} data-testid="plan-title">
          {plan.planTitle}
        </h1>
        <p className={layout.meta}>
          Plan period {formatPlanDate(plan.period.start)} – {formatPlanDate(plan.period.end)}
          {' · '}
          {formatCount(totals.employees)} employees in {formatCount(totals.departments)} departments
          {' · '}figures as of {formatPlanDate(today)}
        </p>
      </div>
      <Button
        icon={refreshing ? <Spinner size="extra-tiny" /> : <ArrowClockwise16Regular />}
        disabled={refreshing}
        onClick={onRefresh}
      >
        {refreshing ? 'Refreshing…' : 'Refresh'}
      </Button>
    </header>
  );
}
