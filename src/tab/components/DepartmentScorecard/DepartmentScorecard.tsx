import type { CitywideProgress, DepartmentProgress } from '../../api/api-types';
import { TIER_NAMES, TIER_ORDER, formatCount, formatPlanDate } from '../../text/plan-text';
import { CompletionBar } from '../CompletionBar/CompletionBar';
import { StatusBadge } from '../StatusBadge/StatusBadge';
import { useDepartmentScorecardStyles } from './DepartmentScorecard.styles';

export type DepartmentScorecardProps = {
  department: DepartmentProgress;
  trainings: CitywideProgress['trainings'];
  terms: CitywideProgress['plan']['terms'];
  today: string;
};

const RELT_LOOK = {
  formed: { status: 'met', text: 'Formed' },
  incomplete: { status: 'attention', text: 'Incomplete' },
  invalid: { status: 'problem', text: 'Invalid' },
} as const;

/**
 * One department against every rule of the plan: its leadership team, vision statement, toolkit
 * analyses, and training completion per tier.
 */
export function DepartmentScorecard({
  department: d,
  trainings,
  terms,
  today,
}: DepartmentScorecardProps) {
  const styles = useDepartmentScorecardStyles();
  const relt = RELT_LOOK[d.relt.status];
  const headingId = `dept-${d.departmentId}-name`;
  return (
    <article
      className={styles.card}
      aria-labelledby={headingId}
      data-testid={`dept-row-${d.departmentId}`}
    >
      <div className={styles.identity}>
        <h3 id={headingId} className={styles.name}>
          {d.name}
        </h3>
        <span className={styles.detail}>{d.departmentId}</span>
        <dl className={styles.counts}>
          <dt className={styles.countLabel}>Staff</dt>
          <dd className={styles.countValue} data-testid="headcount">
            {formatCount(d.headcount)}
          </dd>
          <dt className={styles.countLabel}>{terms.ambassadors}</dt>
          <dd className={styles.countValue} data-testid="ambassadors">
            {formatCount(d.ambassadors)}
          </dd>
          <dt className={styles.countLabel}>
            <abbr title={`${terms.impactStatement}s`}>{terms.impactStatementShort}</abbr>
          </dt>
          <dd className={styles.countValue} data-testid="impact-statements">
            {formatCount(d.impactStatements)}
          </dd>
        </dl>
      </div>

      <dl className={styles.rules}>
        <dt className={styles.ruleName}>
          <abbr title={terms.leadershipTeam}>{terms.leadershipTeamShort}</abbr>
        </dt>
        <dd className={styles.ruleValue} data-testid="relt">
          <StatusBadge status={relt.status}>{relt.text}</StatusBadge>
          {d.relt.problems.length > 0 ? (
            <ul className={styles.problems}>
              {d.relt.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : (
            <span className={styles.detail}>
              {d.relt.leads
                .map((l) => (l.seniorLeader ? `${l.displayName} (senior leader)` : l.displayName))
                .join(', ')}
            </span>
          )}
        </dd>

        <dt className={styles.ruleName}>Vision</dt>
        <dd className={styles.ruleValue} data-testid="vision">
          {d.vision.adopted ? (
            <StatusBadge status="met">Adopted</StatusBadge>
          ) : (
            <StatusBadge status="attention">Not adopted</StatusBadge>
          )}
          {d.vision.adoptedOn && (
            <span className={styles.detail}>
              {formatPlanDate(d.vision.adoptedOn)}
              {d.vision.version !== undefined && d.vision.version > 1
                ? `, version ${d.vision.version}`
                : ''}
            </span>
          )}
        </dd>

        <dt className={styles.ruleName}>Toolkit</dt>
        <dd className={styles.ruleValue} data-testid="toolkit">
          {d.toolkit.meetsRule ? (
            <StatusBadge status="met">Rule met</StatusBadge>
          ) : (
            <StatusBadge status="attention">Rule not met</StatusBadge>
          )}
          <span className={styles.detail}>
            {d.toolkit.newAnalysed} new, {d.toolkit.existingAnalysed} existing accepted
            {d.toolkit.awaitingReview > 0 ? `; ${d.toolkit.awaitingReview} awaiting review` : ''}
            {d.toolkit.returned > 0 ? `; ${d.toolkit.returned} returned` : ''}
            {d.toolkit.drafts > 0 ? `; ${d.toolkit.drafts} in draft` : ''}
          </span>
        </dd>
      </dl>

      <table className={styles.training} aria-label={`Training completion, ${d.name}`}>
        <colgroup>
          <col className={styles.tierColumn} />
          {trainings.map((t) => (
            <col key={t.id} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th className={styles.trainingHead} scope="col">
              Tier
            </th>
            {trainings.map((t) => (
              <th key={t.id} className={styles.trainingHead} scope="col">
                {t.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {TIER_ORDER.map((tier) => (
            <tr key={tier}>
              <th className={styles.tierHead} scope="row" title={TIER_NAMES[tier].full}>
                {TIER_NAMES[tier].short}
              </th>
              {trainings.map((t) => {
                const figure = d.training.find((p) => p.trainingId === t.id && p.tier === tier);
                return (
                  <td key={t.id} className={styles.trainingCell}>
                    {figure ? (
                      <CompletionBar
                        layout="compact"
                        label={`${t.title}, ${TIER_NAMES[tier].full.toLowerCase()}, ${d.name}`}
                        figure={figure}
                        today={today}
                        figureTestId={`training-${d.departmentId}-${t.id}-${tier}`}
                      />
                    ) : (
                      <span className={styles.notRequired}>not required</span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
