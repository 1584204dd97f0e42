import { STRATEGIES, TRAININGS, WAVES } from './plan/milwaukee-2020-2021';
import { MILWAUKEE_2020_2021 as settings } from './plan/settings';
import { citywideTotals, departmentProgress, type DepartmentFacts } from './progress';
import type { Completion, DepartmentMember, Person, StrategyStatus, Tier } from './types';

const person = (id: string, tier: Tier, departmentId = 'MPL'): Person => ({
  id,
  aadObjectId: id,
  displayName: `Person ${id}`,
  upn: id,
  departmentId,
  tier,
  jobTitle: 'x',
});
const member = (personId: string, role: 'lead' | 'ambassador'): DepartmentMember => ({
  departmentId: 'MPL',
  personId,
  role,
  since: '2020-07-01',
});
const done = (personId: string, trainingId: string): Completion => ({
  id: `${personId}-${trainingId}`,
  personId,
  trainingId,
  waveId: `${trainingId}-w1`,
  completedOn: '2020-12-01',
  recordedAt: '2020-12-01T00:00:00Z',
  source: 'import',
});

const people = [
  person('s1', 'senior_manager'),
  person('f1', 'frontline_manager'),
  person('e1', 'employee'),
  person('e2', 'employee'),
];

function facts(o: Partial<DepartmentFacts> = {}): DepartmentFacts {
  return {
    department: { id: 'MPL', name: 'Milwaukee Public Library' },
    people,
    members: [member('s1', 'lead'), member('e1', 'lead'), member('e2', 'ambassador')],
    completions: [],
    visions: [],
    analyses: [],
    impactStatements: [],
    meetings: [],
    strategies: STRATEGIES,
    strategyStatuses: [],
    ...o,
  };
}

describe('departmentProgress', () => {
  it('measures the toolkit training over the leads and managers who must take it', () => {
    const p = departmentProgress(
      facts({ completions: [done('s1', 'gare-toolkit'), done('e1', 'gare-toolkit')] }),
      TRAININGS,
      WAVES,
      settings,
      '2021-01-10',
    );
    // s1 and f1 by tier, e1 as a lead: three people, two trained.
    expect(p.toolkitTraining).toEqual({ required: 3, completed: 2, percent: 66, behind: false });
  });

  it('shows Ambassadors against the department size', () => {
    const p = departmentProgress(facts(), TRAININGS, WAVES, settings, '2021-01-10');
    expect(p).toMatchObject({ headcount: 4, ambassadors: 1, ambassadorsPer100: 25 });
  });

  it('counts only people still on the staff in the department size and training', () => {
    const base = facts();
    const left = base.people.map((p) =>
      p.id === 'e1' ? { ...p, active: false, leftOn: '2021-01-05' } : p,
    );
    const p = departmentProgress(
      { ...base, people: left },
      TRAININGS,
      WAVES,
      settings,
      '2021-01-10',
    );
    expect(p).toMatchObject({ headcount: 3, ambassadorsPer100: 33.3 });
    const before = departmentProgress(base, TRAININGS, WAVES, settings, '2021-01-10');
    const required = (d: typeof p) => d.training.reduce((n, t) => n + t.required, 0);
    expect(required(p)).toBeLessThan(required(before));
  });

  it("counts this quarter's strategy reports of the strategies it answers for", () => {
    const status = (strategyId: string, s: StrategyStatus['status']): StrategyStatus => ({
      id: `${strategyId}-${s}`,
      strategyId,
      departmentId: 'MPL',
      quarter: '2021-Q1',
      status: s,
      note: '',
      reportedOn: '2021-01-05',
      reportedBy: 's1',
    });
    const p = departmentProgress(
      facts({ strategyStatuses: [status('S1.1', 'on_track'), status('S1.2', 'done')] }),
      TRAININGS,
      WAVES,
      settings,
      '2021-01-10',
    );
    expect(p.strategies.quarter).toBe('2021-Q1');
    expect(p.strategies.onTrack).toBe(2);
    expect(p.strategies.notReported).toBe(p.strategies.responsible - 2);
  });

  it('names the rules a department does not meet', () => {
    const p = departmentProgress(facts(), TRAININGS, WAVES, settings, '2021-06-10');
    // RELT: two leads, one a senior leader: formed. One Ambassador. Nothing else done.
    expect(p.unmet).toEqual([
      'vision',
      'toolkitTraining',
      'training',
      'toolkit',
      'strategies',
      'partnership',
    ]);
    const alone = departmentProgress(
      facts({ members: [member('e1', 'lead')] }),
      TRAININGS,
      WAVES,
      settings,
      '2021-06-10',
    );
    expect(alone.unmet.slice(0, 2)).toEqual(['relt', 'ambassadors']);
  });
});

describe('citywideTotals', () => {
  it('sums Ambassadors, partnership cadence, strategies and toolkit training over departments', () => {
    const a = departmentProgress(facts(), TRAININGS, WAVES, settings, '2021-01-10');
    const b = departmentProgress(
      facts({
        department: { id: 'DOA', name: 'Administration' },
        people: [person('d1', 'senior_manager', 'DOA')],
        members: [],
        meetings: [
          { id: 'm', departmentId: 'DOA', heldOn: '2020-12-01', partners: 'p', notes: '' },
        ],
      }),
      TRAININGS,
      WAVES,
      settings,
      '2021-01-10',
    );
    const t = citywideTotals([a, b], '2021-Q1');
    expect(t).toMatchObject({
      departments: 2,
      employees: 5,
      ambassadors: 1,
      ambassadorsPer100: 20,
      departmentsWithAmbassadors: 1,
      partnershipMeetings: 1,
      toolkitTraining: { required: 4, completed: 0, percent: 0 },
    });
    expect(t.strategies.responsible).toBe(a.strategies.responsible + b.strategies.responsible);
    expect(t.strategies.counts.not_reported).toBe(t.strategies.responsible);
    expect(t.partnershipCadenceKept).toBe([a, b].filter((d) => d.partnership.kept).length);
  });
});
