import { openItems } from './open-items';
import { STRATEGIES, TRAININGS, WAVES } from './plan/milwaukee-2020-2021';
import { MILWAUKEE_2020_2021 as settings } from './plan/settings';
import { departmentProgress } from './progress';
import type { Person, StrategyStatus, ToolkitAnalysis, Tier } from './types';

const person = (id: string, tier: Tier): Person => ({
  id,
  aadObjectId: id,
  displayName: `Person ${id}`,
  upn: id,
  departmentId: 'MPL',
  tier,
  jobTitle: 'x',
});
const analysis = (
  id: string,
  status: ToolkitAnalysis['status'],
  o: Partial<ToolkitAnalysis> = {},
) =>
  ({
    id,
    departmentId: 'MPL',
    title: `Analysis ${id}`,
    kind: 'new',
    steps: {},
    status,
    step: 'engagement',
    authorId: 's1',
    createdAt: '2021-03-01T00:00:00Z',
    updatedAt: '2021-03-01T00:00:00Z',
    version: 1,
    ...o,
  }) satisfies ToolkitAnalysis;

const people = [person('s1', 'senior_manager'), person('e1', 'employee')];

function items(
  today: string,
  o: { statuses?: StrategyStatus[]; analyses?: ToolkitAnalysis[] } = {},
) {
  const progress = departmentProgress(
    {
      department: { id: 'MPL', name: 'Milwaukee Public Library' },
      people,
      members: [{ departmentId: 'MPL', personId: 's1', role: 'lead', since: '2020-07-01' }],
      completions: [],
      visions: [],
      analyses: o.analyses ?? [],
      impactStatements: [],
      meetings: [],
      strategies: STRATEGIES,
      strategyStatuses: o.statuses ?? [],
    },
    TRAININGS,
    WAVES,
    settings,
    today,
  );
  return openItems({
    progress,
    analyses: o.analyses ?? [],
    strategies: STRATEGIES,
    trainings: TRAININGS,
    settings,
  });
}

describe('openItems', () => {
  it('lists what is open, each with the command that acts on it', () => {
    const list = items('2021-06-10', {
      analyses: [
        analysis('a1', 'draft'),
        analysis('a2', 'returned', {
          reviewComment: 'Add the data step.',
          updatedAt: '2021-04-01T00:00:00Z',
        }),
        analysis('a3', 'submitted'),
      ],
    });
    expect(list.map((i) => [i.kind, i.command])).toEqual([
      ['relt', 'team'],
      ['vision', 'vision'],
      ['toolkit', 'toolkit'],
      ['toolkit', 'toolkit'],
      ['strategies', 'update'],
      ['partnership', 'log meeting'],
      ['training', 'attendance'],
      ['training', 'attendance'],
      ['training', 'attendance'],
    ]);
    expect(list[0]?.text).toBe('The RELT is not formed: 1 of 2 RELT members designated.');
    expect(list[2]).toMatchObject({
      analysisId: 'a2',
      status: 'returned',
      reviewComment: 'Add the data step.',
      text: '"Analysis a2" was returned by the Equity Officer: Add the data step.',
    });
    expect(list[3]).toMatchObject({ analysisId: 'a1', status: 'draft', step: 'engagement' });
    expect(list[3]?.text).toBe('"Analysis a1" is a draft, saved at step 3 of 6.');
  });

  it('names the strategies not reported this quarter', () => {
    const responsible = STRATEGIES.filter((s) => s.responsibleDepartmentIds.includes('*'));
    const reported = responsible.slice(1).map((s): StrategyStatus => ({
      id: s.id,
      strategyId: s.id,
      departmentId: 'MPL',
      quarter: '2021-Q2',
      status: 'on_track',
      note: '',
      reportedOn: '2021-04-10',
      reportedBy: 's1',
    }));
    const item = items('2021-06-10', { statuses: reported }).find((i) => i.kind === 'strategies');
    expect(item).toMatchObject({
      count: 1,
      quarter: '2021-Q2',
      strategies: [{ id: responsible[0]?.id }],
      text: '1 strategy not reported for 2021-Q2.',
    });
  });

  it('lists training waves past due with how many have not confirmed', () => {
    const training = items('2021-06-10').filter((i) => i.kind === 'training');
    expect(training[0]).toMatchObject({
      waveId: 'racial-equity-101-w1',
      required: 1,
      completed: 0,
      notConfirmed: 1,
      text: 'Racial equity foundations, senior managers: 1 of 1 not confirmed; it was due 2020-11-30.',
    });
  });
});
