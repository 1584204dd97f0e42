import {
  citywideTotals,
  departmentProgress,
  toIsoDate,
  type CitywideTotals,
  type DepartmentProgress,
  type IsoDate,
  type PlanSettings,
} from '../domain';
import type { PlanStore } from '../store/plan-store';
import type { Clock } from './clock';

/** What the citywide view shows; also the JSON of `GET /api/progress/citywide`. */
export type CitywideProgress = {
  plan: Pick<PlanSettings, 'cityName' | 'planTitle' | 'period' | 'terms'>;
  today: IsoDate;
  trainings: Array<{ id: string; title: string }>;
  departments: DepartmentProgress[];
  totals: CitywideTotals;
};

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

/** Scorecards of every department, computed by the domain rules from one read of each list. */
export class ProgressService {
  constructor(
    private readonly store: PlanStore,
    private readonly settings: PlanSettings,
    private readonly clock: Clock,
  ) {}

  async citywide(): Promise<CitywideProgress> {
    const [
      departments,
      people,
      members,
      completions,
      visions,
      analyses,
      statements,
      meetings,
      trainings,
      waves,
    ] = await Promise.all([
      this.store.listDepartments(),
      this.store.listPeople(),
      this.store.listMembers(),
      this.store.listCompletions(),
      this.store.listVisions(),
      this.store.listAnalyses(),
      this.store.listImpactStatements(),
      this.store.listPartnershipMeetings(),
      this.store.listTrainings(),
      this.store.listWaves(),
    ]);
    const today = toIsoDate(this.clock.now());
    const personDept = new Map(people.map((p) => [p.id, p.departmentId]));
    const peopleBy = groupBy(people, (p) => p.departmentId);
    const membersBy = groupBy(members, (m) => m.departmentId);
    const completionsBy = groupBy(completions, (c) => personDept.get(c.personId) ?? '');
    const visionsBy = groupBy(visions, (v) => v.departmentId);
    const analysesBy = groupBy(analyses, (a) => a.departmentId);
    const statementsBy = groupBy(statements, (s) => s.departmentId);
    const meetingsBy = groupBy(meetings, (m) => m.departmentId);
    const scorecards = departments.map((department) =>
      departmentProgress(
        {
          department,
          people: peopleBy.get(department.id) ?? [],
          members: membersBy.get(department.id) ?? [],
          completions: completionsBy.get(department.id) ?? [],
          visions: visionsBy.get(department.id) ?? [],
          analyses: analysesBy.get(department.id) ?? [],
          impactStatements: statementsBy.get(department.id) ?? [],
          meetings: meetingsBy.get(department.id) ?? [],
        },
        trainings,
        waves,
        this.settings,
        today,
      ),
    );
    const { cityName, planTitle, period, terms } = this.settings;
    return {
      plan: { cityName, planTitle, period, terms },
      today,
      trainings: trainings.map((t) => ({ id: t.id, title: t.title })),
      departments: scorecards,
      totals: citywideTotals(scorecards),
    };
  }
}
