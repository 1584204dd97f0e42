import {
  NotFound,
  openItems,
  type DepartmentRoleKind,
  type IsoDate,
  type OpenItem,
  type PlanSettings,
  type Tier,
  type WaveState,
} from '../domain';
import type { PlanStore } from '../store/plan-store';
import type { ProgressReadModel } from './progress-read-model';

/**
 * One training of a person, as `TrainingService.myTrainings` answers (restated here because that
 * module runs on Node and the tab imports these types; the compiler checks the two agree where
 * this service is built).
 */
export type MyTrainingView = {
  trainingId: string;
  title: string;
  courseUrl: string;
  waveId: string;
  sequence: number;
  tier: Tier;
  opensOn: IsoDate;
  dueOn: IsoDate;
  state: WaveState;
  completedOn?: IsoDate;
};

/** `GET /api/my/plan`: what is asked of the signed-in person. */
export type MyPlan = {
  today: IsoDate;
  person: {
    id: string;
    displayName: string;
    departmentId: string;
    departmentName: string;
    tier: Tier;
  };
  /** Every training required of the person, with its wave, due date and completion. */
  trainings: MyTrainingView[];
  /**
   * For a lead or Ambassador: their department's open items, each with the bot command that acts
   * on it. Absent for everyone else.
   */
  department?: {
    departmentId: string;
    name: string;
    role: DepartmentRoleKind;
    items: OpenItem[];
  };
};

/** A person's own plan: their trainings and, for a lead or Ambassador, the department's open items. */
export class MyPlanService {
  constructor(
    private readonly store: PlanStore,
    private readonly readModel: ProgressReadModel,
    private readonly trainings: { myTrainings(personId: string): Promise<MyTrainingView[]> },
    private readonly settings: PlanSettings,
  ) {}

  /** @throws NotFound when `personId` is not on the roster. */
  async plan(personId: string): Promise<MyPlan> {
    const person = await this.store.getPerson(personId);
    if (!person) throw new NotFound('person', personId);
    const [trainings, members, snapshot] = await Promise.all([
      this.trainings.myTrainings(personId),
      this.store.listMembers({ departmentId: person.departmentId }),
      this.readModel.snapshot(),
    ]);
    const roles = members.filter((m) => m.personId === personId).map((m) => m.role);
    const role = roles.includes('lead')
      ? 'lead'
      : roles.includes('ambassador')
        ? 'ambassador'
        : undefined;
    const detail = snapshot.department(person.departmentId, false);
    const plan: MyPlan = {
      today: snapshot.citywide.today,
      person: {
        id: person.id,
        displayName: person.displayName,
        departmentId: person.departmentId,
        departmentName: detail?.department.name ?? person.departmentId,
        tier: person.tier,
      },
      trainings,
    };
    if (!role || !detail) return plan;
    const analyses = await this.store.listAnalyses({ departmentId: person.departmentId });
    return {
      ...plan,
      department: {
        departmentId: person.departmentId,
        name: detail.department.name,
        role,
        items: openItems({
          progress: detail.department,
          analyses,
          strategies: detail.strategies.map((s) => ({
            id: s.strategyId,
            area: s.area,
            text: s.text,
          })),
          trainings: snapshot.citywide.trainings,
          settings: this.settings,
        }),
      },
    };
  }
}
