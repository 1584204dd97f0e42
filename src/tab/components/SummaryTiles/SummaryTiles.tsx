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
  caption: string;
};

/** The citywide headline figures, each a count of departments meeting one rule of the plan. */
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
              aria-label={`${tile.title}: ${tile.value} of ${tile.of} departments`}
            />
          )}
          <span className={styles.caption}>{tile.caption}</span>
        </li>
      ))}
    </ul>
  );
}
