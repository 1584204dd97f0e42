import type { CitywideProgress, DepartmentProgress, Tier } from '../../api/api-types';
import { TIER_NAMES, TIER_ORDER } from '../../text/plan-text';
import { RELT_TEXT, RULE_ORDER, ruleName, type PlanTerms } from '../../text/progress-text';
import type { CsvCell, CsvTable } from '../CsvExport/csv-table';

/** The scorecard's columns; a tier column is `tier:<trainingId>:<tier>`. */
export type ColumnKey =
  | 'department'
  | 'rulesMet'
  | 'staff'
  | 'relt'
  | 'vision'
  | 'ambassadors'
  | 'toolkitTraining'
  | `tier:${string}:${Tier}`
  | 'toolkit'
  | 'impactStatements'
  | 'strategies'
  | 'partnership';

export type SortDirection = 'ascending' | 'descending';
export type ScorecardSort = { column: ColumnKey; direction: SortDirection };

/** Which departments the table shows: all, those meeting every rule, those missing any or one. */
export type RuleFilter = 'all' | 'allMet' | 'anyUnmet' | `unmet:${(typeof RULE_ORDER)[number]}`;

export type ScorecardFilter = { rule: RuleFilter; text: string };

const RELT_RANK = { invalid: 0, incomplete: 1, formed: 2 } as const;

/** The tier column key of a training's tier. */
export function tierColumn(trainingId: string, tier: Tier): ColumnKey {
  return `tier:${trainingId}:${tier}`;
}

function tierOf(d: DepartmentProgress, column: string) {
  const [, trainingId, tier] = column.split(':');
  return d.training.find((t) => t.trainingId === trainingId && t.tier === tier);
}

/** The value a column sorts on: a number, or the name. */
export function sortValue(d: DepartmentProgress, column: ColumnKey): number | string {
  switch (column) {
    case 'department':
      return d.name;
    case 'rulesMet':
      return RULE_ORDER.length - d.unmet.length;
    case 'staff':
      return d.headcount;
    case 'relt':
      return RELT_RANK[d.relt.status];
    case 'vision':
      return d.vision.adopted ? 1 : 0;
    case 'ambassadors':
      return d.ambassadorsPer100;
    case 'toolkitTraining':
      return d.toolkitTraining.percent;
    case 'toolkit':
      // Meeting the rule first, then by analyses accepted.
      return (d.toolkit.meetsRule ? 1000 : 0) + d.toolkit.newAnalysed + d.toolkit.existingAnalysed;
    case 'impactStatements':
      return d.impactStatements;
    case 'strategies':
      return d.strategies.percentOnTrack;
    case 'partnership':
      return (d.partnership.kept ? 1000 : 0) + d.partnership.meetings;
    default: {
      // A department nobody in the tier must take counts as -1, so it sorts apart from 0 %.
      const figure = tierOf(d, column);
      return figure && figure.required > 0 ? figure.percent : -1;
    }
  }
}

/** The departments the filter keeps, in the sort's order (ties by name). */
export function visibleDepartments(
  departments: readonly DepartmentProgress[],
  filter: ScorecardFilter,
  sort: ScorecardSort,
): DepartmentProgress[] {
  const text = filter.text.trim().toLocaleLowerCase();
  const kept = departments.filter((d) => {
    if (text && !`${d.name} ${d.departmentId}`.toLocaleLowerCase().includes(text)) return false;
    if (filter.rule === 'all') return true;
    if (filter.rule === 'allMet') return d.unmet.length === 0;
    if (filter.rule === 'anyUnmet') return d.unmet.length > 0;
    return d.unmet.includes(filter.rule.slice('unmet:'.length) as (typeof RULE_ORDER)[number]);
  });
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return kept.sort((a, b) => {
    const x = sortValue(a, sort.column);
    const y = sortValue(b, sort.column);
    const order =
      typeof x === 'string' || typeof y === 'string' ? String(x).localeCompare(String(y)) : x - y;
    return order !== 0 ? sign * order : a.name.localeCompare(b.name);
  });
}

/** The tiers a training has waves for, in the plan's order. */
export function trainingTiers(
  departments: readonly DepartmentProgress[],
  trainingId: string,
): Tier[] {
  return TIER_ORDER.filter((tier) =>
    departments.some((d) => d.training.some((t) => t.trainingId === trainingId && t.tier === tier)),
  );
}

/** A wave's due date citywide (the first department's figure carries it). */
export function tierDueOn(
  departments: readonly DepartmentProgress[],
  trainingId: string,
  tier: Tier,
): string | undefined {
  for (const d of departments) {
    const t = d.training.find((x) => x.trainingId === trainingId && x.tier === tier);
    if (t) return t.dueOn;
  }
  return undefined;
}

/**
 * The scorecard as CSV, the rows filtered and sorted as shown: every rule, and every training's
 * every tier (the page shows one training at a time; the file has them all).
 */
export function scorecardCsv(
  rows: readonly DepartmentProgress[],
  data: Pick<CitywideProgress, 'trainings' | 'departments'>,
  terms: PlanTerms,
): CsvTable {
  const tiers = data.trainings.flatMap((t) =>
    trainingTiers(data.departments, t.id).map((tier) => ({ training: t, tier })),
  );
  const header = [
    'Department',
    'Department ID',
    'Rules met',
    'Rules not met',
    'Staff',
    `${terms.leadershipTeamShort}`,
    `${terms.leadershipTeamShort} leads`,
    'Vision adopted on',
    terms.ambassadors,
    `${terms.ambassadors} per 100 staff`,
    'Toolkit training completed',
    'Toolkit training required',
    'Toolkit training %',
    ...tiers.flatMap(({ training, tier }) => {
      const name = `${training.title}, ${TIER_NAMES[tier].full.toLowerCase()}`;
      return [`${name}: completed`, `${name}: required`, `${name}: %`, `${name}: due on`];
    }),
    'Toolkit analyses, new accepted',
    'Toolkit analyses, existing accepted',
    'Toolkit analyses, awaiting review',
    'Toolkit analyses, returned',
    'Toolkit analyses, drafts',
    'Toolkit rule met',
    `${terms.impactStatement}s`,
    'Strategies responsible',
    'Strategies on track',
    'Strategies not reported',
    'Partnership meetings',
    'Partnership last met on',
    'Partnership cadence kept',
  ];
  const yesNo = (b: boolean) => (b ? 'Yes' : 'No');
  return {
    header,
    rows: rows.map((d): CsvCell[] => [
      d.name,
      d.departmentId,
      RULE_ORDER.length - d.unmet.length,
      d.unmet.map((r) => ruleName(r, terms).short).join('; '),
      d.headcount,
      RELT_TEXT[d.relt.status],
      d.relt.leads.map((l) => l.displayName).join('; '),
      d.vision.adoptedOn ?? '',
      d.ambassadors,
      d.ambassadorsPer100,
      d.toolkitTraining.completed,
      d.toolkitTraining.required,
      d.toolkitTraining.percent,
      ...tiers.flatMap(({ training, tier }) => {
        const t = d.training.find((x) => x.trainingId === training.id && x.tier === tier);
        return t ? [t.completed, t.required, t.percent, t.dueOn] : ['', '', '', ''];
      }),
      d.toolkit.newAnalysed,
      d.toolkit.existingAnalysed,
      d.toolkit.awaitingReview,
      d.toolkit.returned,
      d.toolkit.drafts,
      yesNo(d.toolkit.meetsRule),
      d.impactStatements,
      d.strategies.responsible,
      d.strategies.onTrack,
      d.strategies.notReported,
      d.partnership.meetings,
      d.partnership.lastHeldOn ?? '',
      yesNo(d.partnership.kept),
    ]),
  };
}
