import type {
  ImpactStatementStatus,
  IsoDate,
  ScorecardRule,
  Tier,
  ToolkitKind,
  ToolkitStatus,
} from '../../domain';
import type { ReltStatus } from '../../domain/rules/relt-composition';
import type { StrategyStanding } from '../../domain/rules/strategy-status';

/** The words of the report's documents (US English, as the city writes). */
export const REPORT_LANG = 'en-US';

const NUMBER = new Intl.NumberFormat(REPORT_LANG);
const DAY = new Intl.DateTimeFormat(REPORT_LANG, {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
});

export const n = (value: number): string => NUMBER.format(value);
export const day = (date: IsoDate): string => DAY.format(new Date(`${date}T00:00:00Z`));
export const percent = (value: number): string => `${value}%`;
export const plural = (count: number, one: string, many = `${one}s`) =>
  `${n(count)} ${count === 1 ? one : many}`;

export const TIER_LABEL: Record<Tier, string> = {
  senior_manager: 'Senior managers',
  frontline_manager: 'Frontline managers and supervisors',
  employee: 'All employees',
};

/** The tiers in a chart's bar labels, where space is short. */
export const TIER_SHORT: Record<Tier, string> = {
  senior_manager: 'senior managers',
  frontline_manager: 'frontline managers',
  employee: 'all employees',
};

export const STANDING_LABEL: Record<StrategyStanding, string> = {
  not_reported: 'Not reported',
  behind: 'Behind',
  at_risk: 'At risk',
  not_started: 'Not started',
  on_track: 'On track',
  done: 'Done',
};

export const ANALYSIS_STATUS_LABEL: Record<ToolkitStatus, string> = {
  draft: 'Draft',
  submitted: 'Awaiting review',
  returned: 'Returned for changes',
  accepted: 'Accepted',
};

export const KIND_LABEL: Record<ToolkitKind, string> = {
  new: 'New policy or program',
  existing: 'Existing policy or program',
};

export const STATEMENT_STATUS_LABEL: Record<ImpactStatementStatus, string> = {
  in_progress: 'In progress',
  filed: 'Filed',
  adopted: 'Adopted',
};

export const RELT_LABEL: Record<ReltStatus, string> = {
  formed: 'Formed',
  incomplete: 'Not yet complete',
  invalid: 'Not formed as the plan asks',
};

/** What each of the plan's rules means, as a line of a table. */
export function ruleLabel(
  rule: ScorecardRule,
  terms: { leadershipTeamShort: string; ambassadors: string },
): string {
  const labels: Record<ScorecardRule, string> = {
    relt: `${terms.leadershipTeamShort} formed`,
    ambassadors: `At least one of the ${terms.ambassadors}`,
    vision: 'Vision statement adopted',
    toolkitTraining: 'Toolkit training on schedule',
    training: 'Required trainings on schedule',
    toolkit: 'Toolkit analyses (new and existing)',
    strategies: 'Strategies reported and not behind',
    partnership: 'Partnership meetings every quarter',
  };
  return labels[rule];
}
