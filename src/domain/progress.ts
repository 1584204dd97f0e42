import { isActive } from './people';
import type { PlanSettings } from './plan/settings';
import { evaluateRelt, isSeniorLeader, type ReltEvaluation } from './rules/relt-composition';
import { partnershipCadence, type CadenceEvaluation } from './rules/partnership-cadence';
import { toolkitCoverage, type ToolkitCoverage } from './rules/toolkit-coverage';
import { percentDown, trainingProgress, type TierProgress } from './rules/training-completion';
import { currentVision } from './rules/vision-adopted';
import {
  emptyStrategyCounts,
  strategyProgress,
  STRATEGY_STANDINGS,
  type StrategyCounts,
  type StrategyProgress,
} from './rules/strategy-status';
import { quarterOf } from './quarters';
import type {
  Completion,
  Department,
  DepartmentMember,
  ImpactStatement,
  IsoDate,
  PartnershipMeeting,
  Person,
  Quarter,
  Strategy,
  StrategyStatus,
  Tier,
  ToolkitAnalysis,
  Training,
  VisionStatement,
  Wave,
} from './types';

/** Everything the progress rules read about one department. */
export type DepartmentFacts = {
  department: Department;
  people: Person[];
  members: DepartmentMember[];
  completions: Completion[];
  visions: VisionStatement[];
  analyses: ToolkitAnalysis[];
  impactStatements: ImpactStatement[];
  meetings: PartnershipMeeting[];
  /** The plan's strategies (all of them; the rule picks the department's). */
  strategies: Strategy[];
  /** The department's status reports, any quarter. */
  strategyStatuses: StrategyStatus[];
};

/** The rules of the plan a scorecard shows, by the key `unmet` names them with. */
export const SCORECARD_RULES = [
  'relt',
  'ambassadors',
  'vision',
  'toolkitTraining',
  'training',
  'toolkit',
  'strategies',
  'partnership',
] as const;
export type ScorecardRule = (typeof SCORECARD_RULES)[number];

/** Completion of the trainings a department's leads must take (the GARE toolkit training). */
export type ToolkitTrainingProgress = {
  /** Leads and managers who must take it. */
  required: number;
  completed: number;
  /** 0–100 rounded down; 100 when nobody must take it. */
  percent: number;
  /** A wave of it is past due with someone missing. */
  behind: boolean;
};

/**
 * One department's scorecard: a field per rule of DESIGN.md's table, each a count, a percentage
 * or a status a table cell or a chart reads as it is.
 */
export type DepartmentProgress = {
  departmentId: string;
  name: string;
  /** People on the roster in the department. */
  headcount: number;
  /** RELT formed: exactly two leads, one a senior leader; `problems` says why not. */
  relt: ReltEvaluation & {
    leads: Array<{ id: string; displayName: string; seniorLeader: boolean }>;
  };
  /** Ambassadors, shown against `headcount`. */
  ambassadors: number;
  /** Ambassadors per 100 staff, one decimal: comparable across departments of any size. */
  ambassadorsPer100: number;
  /** Vision statement adopted, and the version in force. */
  vision: { adopted: boolean; adoptedOn?: IsoDate; version?: number };
  /** The toolkit training: share of RELT and managers trained. */
  toolkitTraining: ToolkitTrainingProgress;
  /** Each training per tier (one row per wave), against the wave's due date. */
  training: TierProgress[];
  /** Toolkit analyses: new and existing accepted, awaiting review, returned, drafts. */
  toolkit: ToolkitCoverage;
  /** Minority Impact Statements the department's team guided (the term is configuration). */
  impactStatements: number;
  /** Strategies on track this quarter, of those the department is responsible for. */
  strategies: StrategyProgress;
  /** Partnership meetings: cadence kept over the period, and whether one is overdue now. */
  partnership: CadenceEvaluation;
  /**
   * The rules the department does not meet today, for filtering "who is behind, on what": RELT
   * not formed, no Ambassador, no vision, a toolkit-training or other training wave past due with
   * someone missing, the toolkit-analysis rule not met, a strategy not reported this quarter or
   * reported behind, the partnership cadence not kept.
   */
  unmet: ScorecardRule[];
};

/** One department's scorecard against every rule of the plan. */
export function departmentProgress(
  facts: DepartmentFacts,
  trainings: Training[],
  waves: Wave[],
  settings: PlanSettings,
  today: IsoDate,
): DepartmentProgress {
  const { department, people, members } = facts;
  const byId = new Map(people.map((p) => [p.id, p]));
  const leadIds = members.filter((m) => m.role === 'lead').map((m) => m.personId);
  const leads = leadIds.map((id) => byId.get(id)).filter((p): p is Person => p !== undefined);
  const vision = currentVision(facts.visions, today);
  const training = trainingProgress(
    people,
    new Set(leadIds),
    trainings,
    waves,
    facts.completions,
    today,
  );
  const forLeads = new Set(trainings.filter((t) => t.requiredForLeads).map((t) => t.id));
  const toolkitRows = training.filter((t) => forLeads.has(t.trainingId));
  const toolkitRequired = toolkitRows.reduce((n, t) => n + t.required, 0);
  const toolkitCompleted = toolkitRows.reduce((n, t) => n + t.completed, 0);
  const ambassadors = members.filter((m) => m.role === 'ambassador').length;
  const staff = people.filter(isActive).length;
  const relt = evaluateRelt(department.id, leads, settings);
  const toolkit = toolkitCoverage(facts.analyses, settings);
  const strategies = strategyProgress(
    department.id,
    facts.strategies,
    facts.strategyStatuses,
    quarterOf(today),
  );
  const partnership = partnershipCadence(facts.meetings, settings, today);
  const toolkitTraining: ToolkitTrainingProgress = {
    required: toolkitRequired,
    completed: toolkitCompleted,
    percent: percentDown(toolkitCompleted, toolkitRequired),
    behind: toolkitRows.some((t) => t.behind),
  };
  const unmet: ScorecardRule[] = [];
  if (relt.status !== 'formed') unmet.push('relt');
  if (ambassadors === 0) unmet.push('ambassadors');
  if (!vision) unmet.push('vision');
  if (toolkitTraining.behind) unmet.push('toolkitTraining');
  if (training.some((t) => t.behind && !forLeads.has(t.trainingId))) unmet.push('training');
  if (!toolkit.meetsRule) unmet.push('toolkit');
  if (strategies.notReported > 0 || strategies.counts.behind > 0) unmet.push('strategies');
  if (!partnership.kept) unmet.push('partnership');
  return {
    departmentId: department.id,
    name: department.name,
    // People who left are kept with their history; the department's size is its staff now.
    headcount: staff,
    relt: {
      ...relt,
      leads: leads.map((p) => ({
        id: p.id,
        displayName: p.displayName,
        seniorLeader: isSeniorLeader(p),
      })),
    },
    ambassadors,
    ambassadorsPer100: staff === 0 ? 0 : Math.round((ambassadors * 1000) / staff) / 10,
    vision: vision
      ? { adopted: true, adoptedOn: vision.adoptedOn, version: vision.version }
      : { adopted: false },
    toolkitTraining,
    training,
    toolkit,
    impactStatements: facts.impactStatements.length,
    strategies,
    partnership,
    unmet,
  };
}

export type TrainingTotal = {
  trainingId: string;
  tier: Tier;
  dueOn: IsoDate;
  required: number;
  completed: number;
  percent: number;
};

/** Citywide sums of the scorecards; "departments" counts are departments meeting the rule. */
export type CitywideTotals = {
  departments: number;
  employees: number;
  reltFormed: number;
  /** Ambassadors citywide, and per 100 staff. */
  ambassadors: number;
  ambassadorsPer100: number;
  /** Departments with at least one Ambassador. */
  departmentsWithAmbassadors: number;
  visionAdopted: number;
  /** RELT and managers trained in the toolkit, citywide. */
  toolkitTraining: { required: number; completed: number; percent: number };
  /** Toolkit analyses citywide, by where they stand (accepted ones by kind). */
  toolkit: Omit<ToolkitCoverage, 'meetsRule'>;
  /** Departments meeting the toolkit-analysis rule. */
  toolkitRuleMet: number;
  impactStatements: number;
  /** Every department's responsible strategies this quarter, summed. */
  strategies: {
    quarter: Quarter;
    responsible: number;
    counts: StrategyCounts;
    onTrack: number;
    percentOnTrack: number;
  };
  /** Departments keeping the partnership cadence, and those with a meeting overdue now. */
  partnershipCadenceKept: number;
  partnershipOverdue: number;
  partnershipMeetings: number;
  /** Departments meeting every rule (`unmet` empty). */
  allRulesMet: number;
  training: TrainingTotal[];
};

/**
 * Citywide sums of the department scorecards.
 * @param quarter the quarter the strategies are counted for (each scorecard's own, normally).
 */
export function citywideTotals(
  departments: DepartmentProgress[],
  quarter?: Quarter,
): CitywideTotals {
  const training = new Map<string, TrainingTotal>();
  for (const d of departments) {
    for (const t of d.training) {
      const key = `${t.trainingId}|${t.tier}`;
      const total = training.get(key) ?? {
        trainingId: t.trainingId,
        tier: t.tier,
        dueOn: t.dueOn,
        required: 0,
        completed: 0,
        percent: 0,
      };
      total.required += t.required;
      total.completed += t.completed;
      training.set(key, total);
    }
  }
  for (const t of training.values()) t.percent = percentDown(t.completed, t.required);
  const sum = (f: (d: DepartmentProgress) => number) => departments.reduce((n, d) => n + f(d), 0);
  const count = (f: (d: DepartmentProgress) => boolean) => departments.filter(f).length;
  const employees = sum((d) => d.headcount);
  const ambassadors = sum((d) => d.ambassadors);
  const toolkitRequired = sum((d) => d.toolkitTraining.required);
  const toolkitCompleted = sum((d) => d.toolkitTraining.completed);
  const counts = emptyStrategyCounts();
  for (const d of departments) {
    for (const s of STRATEGY_STANDINGS) counts[s] += d.strategies.counts[s];
  }
  const responsible = sum((d) => d.strategies.responsible);
  const onTrack = counts.on_track + counts.done;
  return {
    departments: departments.length,
    employees,
    reltFormed: count((d) => d.relt.status === 'formed'),
    ambassadors,
    ambassadorsPer100: employees === 0 ? 0 : Math.round((ambassadors * 1000) / employees) / 10,
    departmentsWithAmbassadors: count((d) => d.ambassadors > 0),
    visionAdopted: count((d) => d.vision.adopted),
    toolkitTraining: {
      required: toolkitRequired,
      completed: toolkitCompleted,
      percent: percentDown(toolkitCompleted, toolkitRequired),
    },
    toolkit: {
      newAnalysed: sum((d) => d.toolkit.newAnalysed),
      existingAnalysed: sum((d) => d.toolkit.existingAnalysed),
      awaitingReview: sum((d) => d.toolkit.awaitingReview),
      returned: sum((d) => d.toolkit.returned),
      drafts: sum((d) => d.toolkit.drafts),
    },
    toolkitRuleMet: count((d) => d.toolkit.meetsRule),
    impactStatements: sum((d) => d.impactStatements),
    strategies: {
      quarter: quarter ?? departments[0]?.strategies.quarter ?? '',
      responsible,
      counts,
      onTrack,
      percentOnTrack: percentDown(onTrack, responsible),
    },
    partnershipCadenceKept: count((d) => d.partnership.kept),
    partnershipOverdue: count((d) => d.partnership.overdue),
    partnershipMeetings: sum((d) => d.partnership.meetings),
    allRulesMet: count((d) => d.unmet.length === 0),
    training: [...training.values()],
  };
}
