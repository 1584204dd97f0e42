import type { PlanSettings } from './plan/settings';
import { evaluateRelt, isSeniorLeader, type ReltEvaluation } from './rules/relt-composition';
import { partnershipCadence, type CadenceEvaluation } from './rules/partnership-cadence';
import { toolkitCoverage, type ToolkitCoverage } from './rules/toolkit-coverage';
import { percentDown, trainingProgress, type TierProgress } from './rules/training-completion';
import { currentVision } from './rules/vision-adopted';
import type {
  Completion,
  Department,
  DepartmentMember,
  ImpactStatement,
  IsoDate,
  PartnershipMeeting,
  Person,
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
};

export type DepartmentProgress = {
  departmentId: string;
  name: string;
  headcount: number;
  relt: ReltEvaluation & {
    leads: Array<{ id: string; displayName: string; seniorLeader: boolean }>;
  };
  ambassadors: number;
  vision: { adopted: boolean; adoptedOn?: IsoDate; version?: number };
  training: TierProgress[];
  toolkit: ToolkitCoverage;
  impactStatements: number;
  partnership: CadenceEvaluation;
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
  return {
    departmentId: department.id,
    name: department.name,
    headcount: people.length,
    relt: {
      ...evaluateRelt(department.id, leads, settings),
      leads: leads.map((p) => ({
        id: p.id,
        displayName: p.displayName,
        seniorLeader: isSeniorLeader(p),
      })),
    },
    ambassadors: members.filter((m) => m.role === 'ambassador').length,
    vision: vision
      ? { adopted: true, adoptedOn: vision.adoptedOn, version: vision.version }
      : { adopted: false },
    training: trainingProgress(
      people,
      new Set(leadIds),
      trainings,
      waves,
      facts.completions,
      today,
    ),
    toolkit: toolkitCoverage(facts.analyses, settings),
    impactStatements: facts.impactStatements.length,
    partnership: partnershipCadence(facts.meetings, settings, today),
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

export type CitywideTotals = {
  departments: number;
  employees: number;
  reltFormed: number;
  visionAdopted: number;
  toolkitRuleMet: number;
  impactStatements: number;
  training: TrainingTotal[];
};

/** Citywide sums of the department scorecards. */
export function citywideTotals(departments: DepartmentProgress[]): CitywideTotals {
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
  return {
    departments: departments.length,
    employees: departments.reduce((n, d) => n + d.headcount, 0),
    reltFormed: departments.filter((d) => d.relt.status === 'formed').length,
    visionAdopted: departments.filter((d) => d.vision.adopted).length,
    toolkitRuleMet: departments.filter((d) => d.toolkit.meetsRule).length,
    impactStatements: departments.reduce((n, d) => n + d.impactStatements, 0),
    training: [...training.values()],
  };
}
