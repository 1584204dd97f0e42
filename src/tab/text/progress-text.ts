import type {
  CitywideProgress,
  DepartmentProgress,
  ReltStatus,
  ScorecardRule,
  StrategyStanding,
  TierProgress,
} from '../api/api-types';
import { TIER_NAMES, completionText, formatCount, formatPlanDate } from './plan-text';

// How the progress views name the plan's rules and write a department's standing on each, so the
// scorecard table, the department's detail, the charts' text alternatives and the CSV say the same.

/** The plan's terms (configuration), as every progress view reads them. */
export type PlanTerms = CitywideProgress['plan']['terms'];

/** The rules in the scorecard's order (the domain's `SCORECARD_RULES`; the tab imports types only). */
export const RULE_ORDER = [
  'relt',
  'ambassadors',
  'vision',
  'toolkitTraining',
  'training',
  'toolkit',
  'strategies',
  'partnership',
] as const satisfies readonly ScorecardRule[];

/** A rule's short name (a column head, a chart's bar) and what meeting it means. */
export function ruleName(rule: ScorecardRule, terms: PlanTerms): { short: string; met: string } {
  switch (rule) {
    case 'relt':
      return {
        short: `${terms.leadershipTeamShort} formed`,
        met: `${terms.leadershipTeam} of two designated, one a senior leader`,
      };
    case 'ambassadors':
      return {
        short: terms.ambassadors,
        met: `at least one of the department's ${terms.ambassadors}`,
      };
    case 'vision':
      return { short: 'Vision adopted', met: 'a racial equity vision statement in force' };
    case 'toolkitTraining':
      return {
        short: 'Toolkit training',
        met: `${terms.leadershipTeamShort} and managers trained in the toolkit by each wave's due date`,
      };
    case 'training':
      return {
        short: 'Training on time',
        met: 'no training wave past its due date with someone not confirmed',
      };
    case 'toolkit':
      return {
        short: 'Toolkit analyses',
        met: `new and existing policies analysed with the ${terms.toolkit}, accepted`,
      };
    case 'strategies':
      return {
        short: 'Strategies reported',
        met: 'every strategy reported this quarter, none behind',
      };
    case 'partnership':
      return { short: 'Partnership cadence', met: 'a partnership meeting at least every quarter' };
  }
}

/** The RELT's status in words. */
export const RELT_TEXT: Record<ReltStatus, string> = {
  formed: 'Formed',
  incomplete: 'Incomplete',
  invalid: 'Invalid',
};

/** A strategy's standing this quarter, in words. */
export const STANDING_TEXT: Record<StrategyStanding, string> = {
  not_reported: 'Not reported',
  behind: 'Behind',
  at_risk: 'At risk',
  not_started: 'Not started',
  on_track: 'On track',
  done: 'Done',
};

/** The standings in the order a chart stacks them, best last (the domain's `STRATEGY_STANDINGS`). */
export const STANDING_ORDER = [
  'not_reported',
  'behind',
  'at_risk',
  'not_started',
  'on_track',
  'done',
] as const satisfies readonly StrategyStanding[];

/** `1 department` or `21 departments`. */
export function departmentsText(n: number): string {
  return `${formatCount(n)} ${n === 1 ? 'department' : 'departments'}`;
}

/** The toolkit analyses of a department (or the city) in one phrase. */
export function toolkitText(
  t: DepartmentProgress['toolkit'] | CitywideProgress['totals']['toolkit'],
): {
  accepted: string;
  pending: string;
} {
  const pending = [
    t.awaitingReview > 0 ? `${formatCount(t.awaitingReview)} awaiting review` : '',
    t.returned > 0 ? `${formatCount(t.returned)} returned` : '',
    t.drafts > 0 ? `${formatCount(t.drafts)} in draft` : '',
  ].filter(Boolean);
  return {
    accepted: `${formatCount(t.newAnalysed)} new, ${formatCount(t.existingAnalysed)} existing accepted`,
    pending: pending.join(', '),
  };
}

/** Ambassadors against the department's size: `12 (1.8 per 100 staff)`. */
export function ambassadorsText(
  d: Pick<DepartmentProgress, 'ambassadors' | 'ambassadorsPer100'>,
): string {
  return `${formatCount(d.ambassadors)} (${d.ambassadorsPer100.toLocaleString(undefined, {
    maximumFractionDigits: 1,
  })} per 100 staff)`;
}

/** Strategies on track this quarter: `3 of 9 on track (33%)`, and how many are not reported. */
export function strategiesText(s: DepartmentProgress['strategies']): string {
  const base = `${formatCount(s.onTrack)} of ${formatCount(s.responsible)} on track (${s.percentOnTrack}%)`;
  return s.notReported > 0 ? `${base}, ${formatCount(s.notReported)} not reported` : base;
}

/** The partnership cadence in one phrase. */
export function partnershipText(p: DepartmentProgress['partnership']): string {
  const meetings = `${formatCount(p.meetings)} ${p.meetings === 1 ? 'meeting' : 'meetings'}`;
  const last = p.lastHeldOn ? `, last ${formatPlanDate(p.lastHeldOn)}` : '';
  const next = p.overdue
    ? `; one was due by ${formatPlanDate(p.dueBy)}`
    : `; next due by ${formatPlanDate(p.dueBy)}`;
  return `${meetings}${last}${next}`;
}

/** One tier's figure of a training with its wave's standing: `Senior managers: 50% (1 of 2), past due`. */
export function tierFigureText(t: TierProgress): string {
  const standing =
    t.state === 'not_open'
      ? 'not open yet'
      : t.behind
        ? `past due ${formatPlanDate(t.dueOn)}`
        : t.completed >= t.required
          ? 'complete'
          : `due ${formatPlanDate(t.dueOn)}`;
  return `${TIER_NAMES[t.tier].full}: ${completionText(t)}, ${standing}`;
}

/** Completion of a training over every tier of a department (the figure a column sorts on). */
export function trainingOverall(
  d: DepartmentProgress,
  trainingId: string,
): { completed: number; required: number; percent: number } {
  const rows = d.training.filter((t) => t.trainingId === trainingId);
  const required = rows.reduce((n, t) => n + t.required, 0);
  const completed = rows.reduce((n, t) => n + t.completed, 0);
  return {
    completed,
    required,
    percent: required === 0 ? 100 : Math.floor((completed * 100) / required),
  };
}

/** Rules met of all: `6 of 8`. */
export function rulesMetText(d: DepartmentProgress): string {
  return `${RULE_ORDER.length - d.unmet.length} of ${RULE_ORDER.length}`;
}

/** A department's standing on one rule: met or not (the server's `unmet`), a value and a detail. */
export type RuleStanding = { rule: ScorecardRule; met: boolean; value: string; detail: string };

/**
 * How a department stands on `rule`, in words: e.g. RELT `Formed` with its two leads, Ambassadors
 * `12 (1.8 per 100 staff)` of its headcount.
 * @param trainings the plan's trainings, to name a wave past due.
 */
export function ruleStanding(
  d: DepartmentProgress,
  rule: ScorecardRule,
  terms: PlanTerms,
  trainings: CitywideProgress['trainings'],
): RuleStanding {
  const met = !d.unmet.includes(rule);
  const title = (id: string) => trainings.find((t) => t.id === id)?.title ?? id;
  switch (rule) {
    case 'relt':
      return {
        rule,
        met,
        value: RELT_TEXT[d.relt.status],
        detail:
          d.relt.problems.length > 0
            ? d.relt.problems.join(' ')
            : d.relt.leads
                .map((l) => (l.seniorLeader ? `${l.displayName} (senior leader)` : l.displayName))
                .join(', '),
      };
    case 'ambassadors':
      return {
        rule,
        met,
        value: ambassadorsText(d),
        detail: `of ${formatCount(d.headcount)} staff`,
      };
    case 'vision':
      return {
        rule,
        met,
        value: d.vision.adopted ? 'Adopted' : 'Not adopted',
        detail: d.vision.adoptedOn
          ? `${formatPlanDate(d.vision.adoptedOn)}${
              d.vision.version !== undefined && d.vision.version > 1
                ? `, version ${d.vision.version}`
                : ''
            }`
          : '',
      };
    case 'toolkitTraining':
      return {
        rule,
        met,
        value: completionText(d.toolkitTraining),
        detail: `of ${terms.leadershipTeamShort} and managers${
          d.toolkitTraining.behind ? '; a wave is past due' : ''
        }`,
      };
    case 'training': {
      // Every wave past due with someone missing (the toolkit training's too, which its own rule
      // counts: the API does not say which training is the leads').
      const late = d.training.filter((t) => t.behind);
      return {
        rule,
        met,
        value: met ? 'On time' : 'Past due',
        detail:
          late.length === 0
            ? 'no wave past its due date with someone missing'
            : `past due: ${late
                .map((t) => `${title(t.trainingId)}, ${TIER_NAMES[t.tier].full.toLowerCase()}`)
                .join('; ')}`,
      };
    }
    case 'toolkit': {
      const t = toolkitText(d.toolkit);
      return { rule, met, value: t.accepted, detail: t.pending };
    }
    case 'strategies':
      return {
        rule,
        met,
        value: `${formatCount(d.strategies.onTrack)} of ${formatCount(d.strategies.responsible)} on track`,
        detail:
          d.strategies.notReported > 0
            ? `${formatCount(d.strategies.notReported)} not reported for ${d.strategies.quarter}`
            : `all reported for ${d.strategies.quarter}`,
      };
    case 'partnership':
      return {
        rule,
        met,
        value: d.partnership.kept ? 'Kept' : 'Not kept',
        detail: partnershipText(d.partnership),
      };
  }
}
