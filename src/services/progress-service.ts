import {
  citywideTotals,
  departmentProgress,
  quarterOf,
  requirementsFor,
  toIsoDate,
  trainingTrend,
  trendStart,
  waveState,
  type CitywideTotals,
  type Completion,
  type Department,
  type DepartmentProgress,
  type IsoDate,
  type IsoInstant,
  type Person,
  type PlanSettings,
  type Quarter,
  type Strategy,
  type StrategyLine,
  type Tier,
  type TrainingTrend,
  type Training,
  type Wave,
  type WaveState,
} from '../domain';
import type { PlanStore } from '../store/plan-store';
import type { Clock } from './clock';

/** What the citywide view shows; also the JSON of `GET /api/progress/citywide`. */
export type CitywideProgress = {
  plan: Pick<PlanSettings, 'cityName' | 'planTitle' | 'period' | 'terms'>;
  today: IsoDate;
  /** The quarter strategies are counted for, `YYYY-Qn`. */
  quarter: Quarter;
  /** When the figures were read from the store (the read model serves them until data changes). */
  computedAt: IsoInstant;
  trainings: Array<{ id: string; title: string }>;
  departments: DepartmentProgress[];
  totals: CitywideTotals;
};

/** One training's trend per tier; the JSON of `GET /api/progress/trend`. */
export type ProgressTrend = {
  today: IsoDate;
  computedAt: IsoInstant;
  /** The first point's week starts on the Monday on or before this day (the first wave's opening). */
  from: IsoDate;
  trainings: Array<{ id: string; title: string }>;
  /** One series per training and tier (wave), in plan order; points weekly, oldest first. */
  series: TrainingTrend[];
};

/** One wave as a department's detail shows it: its dates and the department's counts. */
export type DepartmentWave = {
  waveId: string;
  trainingId: string;
  trainingTitle: string;
  sequence: number;
  tier: Tier;
  opensOn: IsoDate;
  dueOn: IsoDate;
  state: WaveState;
  /** The department's people this wave reaches, those who confirmed, those who have not. */
  required: number;
  completed: number;
  notConfirmed: number;
  /** 0–100 rounded down. */
  percent: number;
  /** Past due with someone missing. */
  behind: boolean;
};

/** A person who has not confirmed a training yet (names: officer, leads and Ambassadors only). */
export type UnconfirmedPerson = {
  /** The roster's employee number (the person's id in reap, e.g. `MPL-0120`). */
  employeeNumber: string;
  displayName: string;
  tier: Tier;
  jobTitle: string;
};

/** The people of one wave who have not confirmed, by name. */
export type UnconfirmedGroup = {
  waveId: string;
  trainingId: string;
  tier: Tier;
  people: UnconfirmedPerson[];
};

/** A strategy the department answers for, with its text and its status this quarter. */
export type DepartmentStrategy = StrategyLine & Pick<Strategy, 'goalId' | 'area' | 'text'>;

/** `GET /api/progress/departments/:departmentId`: one department's scorecard and its waves. */
export type DepartmentDetail = {
  plan: CitywideProgress['plan'];
  today: IsoDate;
  quarter: Quarter;
  computedAt: IsoInstant;
  department: DepartmentProgress;
  /** Every wave, in plan order, with the department's counts. */
  waves: DepartmentWave[];
  /** The strategies the department answers for, in plan order. */
  strategies: DepartmentStrategy[];
  /**
   * Who has not confirmed, per wave that has opened (before a wave opens nobody can confirm, so
   * it lists nobody). Present only for the Equity Officer and the department's leads and
   * Ambassadors; everyone else gets the counts alone.
   */
  people?: UnconfirmedGroup[];
};

/** The department's rows the detail needs beyond its scorecard. */
type DepartmentRoster = { people: Person[]; leadIds: ReadonlySet<string> };

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

/**
 * Everything the progress views show, computed by the domain rules from one read of each list:
 * the citywide scorecards, the trend, and what a department's detail needs. Immutable once built,
 * so the read model can hand the same one to every request until the data changes.
 */
export class ProgressSnapshot {
  readonly citywide: CitywideProgress;
  readonly trend: ProgressTrend;
  /** Each department's detail without and with names, built on its first request. */
  private readonly details = new Map<
    string,
    { detail: DepartmentDetail; withPeople: DepartmentDetail }
  >();

  constructor(
    citywide: CitywideProgress,
    trend: ProgressTrend,
    private readonly source: {
      departments: Department[];
      rosters: Map<string, DepartmentRoster>;
      done: ReadonlySet<string>;
      trainings: Training[];
      waves: Wave[];
      strategies: Strategy[];
    },
  ) {
    this.citywide = citywide;
    this.trend = trend;
  }

  /** The departments, in the store's order. */
  get departments(): Department[] {
    return this.source.departments;
  }

  /**
   * One department's detail; `withPeople` adds who has not confirmed, by name. Undefined for an
   * unknown department. Built once per snapshot and department.
   */
  department(departmentId: string, withPeople: boolean): DepartmentDetail | undefined {
    let built = this.details.get(departmentId);
    if (!built) {
      const made = this.buildDepartment(departmentId);
      if (!made) return undefined;
      built = made;
      this.details.set(departmentId, built);
    }
    // The same objects every time, so the server serialises each once per snapshot.
    return withPeople ? built.withPeople : built.detail;
  }

  private buildDepartment(
    departmentId: string,
  ): { detail: DepartmentDetail; withPeople: DepartmentDetail } | undefined {
    const progress = this.citywide.departments.find((d) => d.departmentId === departmentId);
    if (!progress) return undefined;
    const { trainings, waves, done, strategies } = this.source;
    const { today } = this.citywide;
    const roster = this.source.rosters.get(departmentId) ?? { people: [], leadIds: new Set() };
    const titles = new Map(trainings.map((t) => [t.id, t.title]));
    const byWave = new Map(waves.map((w) => [w.id, w]));
    const missing = new Map<string, UnconfirmedPerson[]>();
    for (const person of roster.people) {
      for (const { training, wave } of requirementsFor(
        person,
        roster.leadIds.has(person.id),
        trainings,
        waves,
      )) {
        if (done.has(`${person.id}|${training.id}`)) continue;
        const list = missing.get(wave.id) ?? [];
        list.push({
          employeeNumber: person.id,
          displayName: person.displayName,
          tier: person.tier,
          jobTitle: person.jobTitle,
        });
        missing.set(wave.id, list);
      }
    }
    const departmentWaves: DepartmentWave[] = [];
    const people: UnconfirmedGroup[] = [];
    for (const row of progress.training) {
      const wave = byWave.get(row.waveId);
      if (!wave) continue;
      departmentWaves.push({
        waveId: wave.id,
        trainingId: row.trainingId,
        trainingTitle: titles.get(row.trainingId) ?? row.trainingId,
        sequence: wave.sequence,
        tier: row.tier,
        opensOn: wave.opensOn,
        dueOn: wave.dueOn,
        state: row.state,
        required: row.required,
        completed: row.completed,
        notConfirmed: row.required - row.completed,
        percent: row.percent,
        behind: row.behind,
      });
      if (waveState(wave, today) === 'not_open') continue;
      const list = (missing.get(wave.id) ?? []).sort((a, b) =>
        a.displayName.localeCompare(b.displayName, 'en'),
      );
      people.push({ waveId: wave.id, trainingId: row.trainingId, tier: row.tier, people: list });
    }
    const texts = new Map(strategies.map((s) => [s.id, s]));
    const { plan, quarter, computedAt } = this.citywide;
    const detail: DepartmentDetail = {
      plan,
      today,
      quarter,
      computedAt,
      department: progress,
      waves: departmentWaves,
      strategies: progress.strategies.strategies.map((line) => {
        const s = texts.get(line.strategyId);
        return { ...line, goalId: s?.goalId ?? '', area: s?.area ?? '', text: s?.text ?? '' };
      }),
    };
    return { detail, withPeople: { ...detail, people } };
  }
}

/** Scorecards of every department, computed by the domain rules from one read of each list. */
export class ProgressService {
  constructor(
    private readonly store: PlanStore,
    private readonly settings: PlanSettings,
    private readonly clock: Clock,
  ) {}

  /** Today, as the rules see it. */
  today(): IsoDate {
    return toIsoDate(this.clock.now());
  }

  /** Computes every progress view afresh from the store. */
  async snapshot(): Promise<ProgressSnapshot> {
    const computedAt = this.clock.now().toISOString();
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
      strategies,
      statuses,
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
      this.store.listStrategies(),
      this.store.listStrategyStatuses(),
    ]);
    const today = toIsoDate(new Date(computedAt));
    const personDept = new Map(people.map((p) => [p.id, p.departmentId]));
    const peopleBy = groupBy(people, (p) => p.departmentId);
    const membersBy = groupBy(members, (m) => m.departmentId);
    const completionsBy = groupBy(completions, (c) => personDept.get(c.personId) ?? '');
    const visionsBy = groupBy(visions, (v) => v.departmentId);
    const analysesBy = groupBy(analyses, (a) => a.departmentId);
    const statementsBy = groupBy(statements, (s) => s.departmentId);
    const meetingsBy = groupBy(meetings, (m) => m.departmentId);
    const statusesBy = groupBy(statuses, (s) => s.departmentId);
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
          strategies,
          strategyStatuses: statusesBy.get(department.id) ?? [],
        },
        trainings,
        waves,
        this.settings,
        today,
      ),
    );
    // A lead counts as one only in their own department, as each scorecard counts them.
    const rosters = new Map<string, DepartmentRoster>();
    const allLeads = new Set<string>();
    for (const department of departments) {
      const own = peopleBy.get(department.id) ?? [];
      const leadIds = new Set(
        (membersBy.get(department.id) ?? [])
          .filter((m) => m.role === 'lead' && personDept.get(m.personId) === department.id)
          .map((m) => m.personId),
      );
      for (const id of leadIds) allLeads.add(id);
      rosters.set(department.id, { people: own, leadIds });
    }
    const known = new Set(departments.map((d) => d.id));
    const quarter = quarterOf(today);
    const { cityName, planTitle, period, terms } = this.settings;
    const trainingList = trainings.map((t) => ({ id: t.id, title: t.title }));
    const from = trendStart(waves, this.settings);
    return new ProgressSnapshot(
      {
        plan: { cityName, planTitle, period, terms },
        today,
        quarter,
        computedAt,
        trainings: trainingList,
        departments: scorecards,
        totals: citywideTotals(scorecards, quarter),
      },
      {
        today,
        computedAt,
        from,
        trainings: trainingList,
        // The people the scorecards count: those of a known department.
        series: trainingTrend(
          people.filter((p) => known.has(p.departmentId)),
          allLeads,
          trainings,
          waves,
          completions,
          from,
          today,
        ),
      },
      {
        departments,
        rosters,
        done: new Set(completions.map((c: Completion) => `${c.personId}|${c.trainingId}`)),
        trainings,
        waves,
        strategies,
      },
    );
  }

  /** The citywide view, computed afresh (the API serves it from the read model instead). */
  async citywide(): Promise<CitywideProgress> {
    return (await this.snapshot()).citywide;
  }
}
