import type { CitywideProgress } from '../../api/api-types';
import { TIER_NAMES } from '../../text/plan-text';
import { CompletionBar } from '../CompletionBar/CompletionBar';
import { useTrainingOverviewStyles } from './TrainingOverview.styles';

export type TrainingOverviewProps = {
  trainings: CitywideProgress['trainings'];
  totals: CitywideProgress['totals']['training'];
  today: string;
};

/** Citywide completion of each required training, one bar per tier against its wave's due date. */
export function TrainingOverview({ trainings, totals, today }: TrainingOverviewProps) {
  const styles = useTrainingOverviewStyles();
  return (
    <div className={styles.grid}>
      {trainings.map((training) => {
        const tiers = totals.filter((t) => t.trainingId === training.id);
        if (tiers.length === 0) return null;
        const headingId = `training-${training.id}-heading`;
        return (
          <section
            key={training.id}
            className={styles.card}
            aria-labelledby={headingId}
            data-testid={`citywide-training-${training.id}`}
          >
            <h3 id={headingId} className={styles.title}>
              {training.title}
            </h3>
            {tiers.map((t) => (
              <CompletionBar
                key={t.tier}
                label={TIER_NAMES[t.tier].full}
                accessibleName={`${training.title}, ${TIER_NAMES[t.tier].full.toLowerCase()}`}
                figure={t}
                today={today}
                figureTestId={`citywide-${t.trainingId}-${t.tier}`}
              />
            ))}
          </section>
        );
      })}
    </div>
  );
}
