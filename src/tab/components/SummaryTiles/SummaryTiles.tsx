import { ProgressBar } from '@fluentui/react-components';
import type { CitywideProgress } from '../../api/api-types';
import { formatCount } from '../../text/plan-text';
import { useSummaryTilesStyles } from './SummaryTiles.styles';

export type SummaryTilesProps = {
  plan: CitywideProgress['plan'];
  totals: CitywideProgress['totals'];
};

type Tile = {
  key: string;
  title: string;
  value: number;
  /** The whole the value is a part of; absent for plain counts. */
  of?: number;
  /** What value and whole count. @default 'departments' */
  unit?: string;
  caption: string;
};

/**
 * The citywide totals: departments meeting each rule of the plan, and the city's own counts (people
 * trained in the toolkit, strategies on track, impact statements).
 */
export function SummaryTiles({ plan, totals }: SummaryTilesProps) {
  const styles = useSummaryTilesStyles();
  const { terms } = plan;
  const n = totals.departments;
  const tiles: Tile[] = [
    {
      key: 'relt',
      title: `${terms.leadershipTeamShort} formed`,
      value: totals.reltFormed,
      of: n,
      caption: `departments whose ${terms.leadershipTeam} is designated and valid`,
    },
    {
      key: 'vision',
      title: 'Vision statement adopted',
      value: totals.visionAdopted,
      of: n,
      caption: 'departments with a racial equity vision statement in force',
    },
    {
      key: 'toolkit',
      title: 'Toolkit rule met',
      value: totals.toolkitRuleMet,
      of: n,
      caption: `departments that analysed new and existing policies with the ${terms.toolkit}`,
    },
    {
      key: 'ambassadors',
      title: `Departments with ${terms.ambassadors}`,
      value: totals.departmentsWithAmbassadors,
      of: n,
      caption: `${formatCount(totals.ambassadors)} ${terms.ambassadors} citywide, ${totals.ambassadorsPer100.toLocaleString(undefined, { maximumFractionDigits: 1 })} per 100 staff`,
    },
    {
      key: 'partnership',
      title: 'Partnership cadence kept',
      value: totals.partnershipCadenceKept,
      of: n,
      caption: `departments meeting partners every quarter; ${formatCount(totals.partnershipMeetings)} meetings in all`,
    },
    {
      key: 'all-rules',
      title: 'Every rule met',
      value: totals.allRulesMet,
      of: n,
      caption: 'departments meeting every rule of the plan today',
    },
    {
      key: 'toolkit-training',
      title: 'Toolkit training',
      value: totals.toolkitTraining.completed,
      of: totals.toolkitTraining.required,
      unit: 'people',
      caption: `${totals.toolkitTraining.percent}% of ${terms.leadershipTeamShort} members and managers trained in the toolkit`,
    },
    {
      key: 'strategies',
      title: `Strategies on track, ${totals.strategies.quarter}`,
      value: totals.strategies.onTrack,
      of: totals.strategies.responsible,
      unit: 'strategies',
      caption: `${totals.strategies.percentOnTrack}% of every department's strategies on track or done; ${formatCount(totals.strategies.counts.not_reported)} not reported`,
    },
    {
      key: 'impact-statements',
      title: `${terms.impactStatement}s`,
      value: totals.impactStatements,
      caption: `guided by the ${terms.leadershipTeamShort} and ${terms.ambassadors}, citywide`,
    },
  ];
  return (
    <ul className={styles.list} aria-label="Citywide summary">
      {tiles.map((tile) => (
        <li key={tile.key} className={styles.tile} data-testid={`summary-${tile.key}`}>
          <span className={styles.title}>{tile.title}</span>
          <span>
            <span className={styles.value} data-testid={`summary-${tile.key}-value`}>
              {formatCount(tile.value)}
            </span>
            {tile.of !== undefined && <span className={styles.of}>of {formatCount(tile.of)}</span>}
          </span>
          {tile.of !== undefined && (
            <ProgressBar
              className={styles.bar}
              value={tile.value}
              max={Math.max(tile.of, 1)}
              thickness="large"
              color={tile.value === tile.of ? 'success' : 'brand'}
              aria-label={`${tile.title}: ${formatCount(tile.value)} of ${formatCount(tile.of)} ${tile.unit ?? 'departments'}`}
            />
          )}
          <span className={styles.caption}>{tile.caption}</span>
        </li>
      ))}
    </ul>
  );
}
