import { Button, Spinner } from '@fluentui/react-components';
import { ArrowClockwise16Regular } from '@fluentui/react-icons';
import type { ApiClient } from '../../api/api-client';
import type { CitywideProgress } from '../../api/api-types';
import { formatCount, formatPlanDate } from '../../text/plan-text';
import { DepartmentList } from '../DepartmentList/DepartmentList';
import { LoadProblem } from '../LoadProblem/LoadProblem';
import { SummaryTiles } from '../SummaryTiles/SummaryTiles';
import { TrainingOverview } from '../TrainingOverview/TrainingOverview';
import { useCitywideViewStyles } from './CitywideView.styles';
import { useCitywideProgress } from './useCitywideProgress';

export type CitywideViewProps = {
  api: ApiClient;
};

/** The Equity Officer's page: every department's progress against the plan, citywide. */
export function CitywideView({ api }: CitywideViewProps) {
  const styles = useCitywideViewStyles();
  const { state, reload } = useCitywideProgress(api);
  if (!state.data) {
    return state.status === 'failed' ? (
      <LoadProblem error={state.error} what="citywide progress" onRetry={reload} />
    ) : (
      <Spinner className={styles.loading} label="Loading citywide progress…" />
    );
  }
  return (
    <div className={styles.root}>
      {state.status === 'failed' && (
        <LoadProblem error={state.error} what="latest figures" onRetry={reload} />
      )}
      <CitywideContent
        data={state.data}
        refreshing={state.status === 'loading'}
        onRefresh={reload}
      />
    </div>
  );
}

type CitywideContentProps = {
  data: CitywideProgress;
  refreshing: boolean;
  onRefresh: () => void;
};

function CitywideContent({ data, refreshing, onRefresh }: CitywideContentProps) {
  const styles = useCitywideViewStyles();
  const { plan, totals, today } = data;
  return (
    <>
      <header className={styles.header}>
        <div>
          <div className={styles.city} data-testid="city-name">
            {plan.cityName}
          </div>
          <h1 className={styles.title} data-testid="plan-title">
            {plan.planTitle}
          </h1>
          <p className={styles.meta}>
            Plan period {formatPlanDate(plan.period.start)} – {formatPlanDate(plan.period.end)}
            {' · '}
            {formatCount(totals.employees)} employees in {formatCount(totals.departments)}{' '}
            departments{' · '}figures as of {formatPlanDate(today)}
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

      <section className={styles.section} aria-labelledby="summary-heading">
        <h2 id="summary-heading" className={styles.sectionTitle}>
          Departments meeting the plan
        </h2>
        <SummaryTiles plan={plan} totals={totals} />
      </section>

      <section className={styles.section} aria-labelledby="training-heading">
        <h2 id="training-heading" className={styles.sectionTitle}>
          Training completion, citywide
        </h2>
        <p className={styles.sectionIntro}>
          Each training reaches senior managers first, then frontline managers and supervisors, then
          all employees; each wave has its own due date.
        </p>
        <TrainingOverview trainings={data.trainings} totals={totals.training} today={today} />
      </section>

      <section className={styles.section} aria-labelledby="departments-heading">
        <h2 id="departments-heading" className={styles.sectionTitle}>
          Departments
        </h2>
        <p className={styles.sectionIntro}>
          Each department's {plan.terms.leadershipTeam} ({plan.terms.leadershipTeamShort}), vision
          statement, {plan.terms.ambassadors}, {plan.terms.toolkit} analyses,{' '}
          {plan.terms.impactStatement}s ({plan.terms.impactStatementShort}) and training completion
          by tier.
        </p>
        <DepartmentList
          departments={data.departments}
          trainings={data.trainings}
          terms={plan.terms}
          today={today}
        />
      </section>
    </>
  );
}
