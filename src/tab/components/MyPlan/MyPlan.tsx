import { Button, Spinner, mergeClasses } from '@fluentui/react-components';
import { ArrowClockwise16Regular } from '@fluentui/react-icons';
import type { ApiClient } from '../../api/api-client';
import type { MyPlan as Plan } from '../../api/api-types';
import { TIER_NAMES, formatPlanDate } from '../../text/plan-text';
import { LoadProblem } from '../LoadProblem/LoadProblem';
import { MyTrainings } from '../MyTrainings/MyTrainings';
import { OpenItems } from '../OpenItems/OpenItems';
import { usePageLayoutStyles } from '../PageLayout/page-layout.styles';
import { useMyPlanStyles } from './MyPlan.styles';
import { useMyPlan } from './useMyPlan';

export type MyPlanProps = {
  api: ApiClient;
  /** The reap bot's app id, for the link to the chat with it (leads' and Ambassadors' items). */
  botId?: string;
  /** Opens a Teams deep link inside Teams; absent outside Teams. */
  openLink?: (url: string) => Promise<void>;
};

const ROLE_WORDS: Record<NonNullable<Plan['department']>['role'], string> = {
  lead: 'a lead',
  ambassador: 'an Ambassador',
};

/**
 * The "My plan" personal tab, for everyone: my required trainings with their waves and due dates,
 * confirmed here; and for a department's leads and Ambassadors, what the department has left to
 * do, with the bot command that does it.
 */
export function MyPlan({ api, botId, openLink }: MyPlanProps) {
  const styles = useMyPlanStyles();
  const layout = usePageLayoutStyles();
  const { state, reload } = useMyPlan(api);
  if (!state.data) {
    return state.status === 'failed' ? (
      <LoadProblem error={state.error} what="plan" onRetry={reload} />
    ) : (
      <Spinner className={styles.loading} label="Loading your plan…" />
    );
  }
  const plan = state.data;
  const refreshing = state.status === 'loading';
  return (
    <div className={mergeClasses(layout.root, layout.roomy, styles.root)} data-testid="my-plan">
      {state.status === 'failed' && (
        <LoadProblem error={state.error} what="latest figures" onRetry={reload} />
      )}
      <header className={layout.headerBar}>
        <div>
          <h1 className={layout.title}>My plan</h1>
          <p className={layout.meta} data-testid="my-plan-person">
            {plan.person.displayName} · {plan.person.departmentName} ·{' '}
            {TIER_NAMES[plan.person.tier].full} · as of {formatPlanDate(plan.today)}
          </p>
        </div>
        <Button
          icon={refreshing ? <Spinner size="extra-tiny" /> : <ArrowClockwise16Regular />}
          disabledFocusable={refreshing}
          onClick={reload}
        >
          {refreshing ? 'Refreshing…' : 'Refresh'}
        </Button>
      </header>

      <section className={layout.section} aria-labelledby="my-trainings-heading">
        <h2 id="my-trainings-heading" className={layout.sectionTitle}>
          My trainings
        </h2>
        <p className={layout.intro}>
          The trainings the plan asks of you, each in the wave for your role and with its due date.
          Once you have taken one, confirm it here with the day you completed it.
        </p>
        <MyTrainings api={api} trainings={plan.trainings} today={plan.today} onConfirmed={reload} />
      </section>

      {plan.department && (
        <section className={layout.section} aria-labelledby="open-items-heading">
          <h2 id="open-items-heading" className={layout.sectionTitle}>
            Open items for {plan.department.name}
          </h2>
          <p className={layout.intro}>
            As {ROLE_WORDS[plan.department.role]} of {plan.department.name}, you and its other leads
            and Ambassadors keep its records in your chat with the reap bot: type the word shown to
            open the form.
          </p>
          <OpenItems items={plan.department.items} botId={botId} openLink={openLink} />
        </section>
      )}
    </div>
  );
}
