import type { Strategy, StrategyStatus, StrategyStatusValue } from '../types';
import { isResponsibleFor, strategyProgress } from './strategy-status';

const strategy = (id: string, responsibleDepartmentIds: string[]): Strategy => ({
  id,
  goalId: 'G1',
  area: 'a',
  text: `strategy ${id}`,
  responsibleDepartmentIds,
});

const STRATEGIES = [
  strategy('S1.10', ['*']),
  strategy('S1.2', ['MPL']),
  strategy('S1.3', ['DOA']),
  strategy('S2.1', ['DOA', '*']),
];

let n = 0;
const report = (
  strategyId: string,
  status: StrategyStatusValue,
  o: Partial<StrategyStatus> = {},
): StrategyStatus => ({
  id: `r${(n += 1)}`,
  strategyId,
  departmentId: 'MPL',
  quarter: '2021-Q2',
  status,
  note: '',
  reportedOn: '2021-05-01',
  reportedBy: 'MPL-0001',
  ...o,
});

describe('strategyProgress', () => {
  it("counts only the strategies the department answers for, its own and every department's", () => {
    const p = strategyProgress('MPL', STRATEGIES, [], '2021-Q2');
    expect(p.strategies.map((s) => s.strategyId)).toEqual(['S1.2', 'S1.10', 'S2.1']);
    expect(p.responsible).toBe(3);
    expect(p.counts).toEqual({
      not_reported: 3,
      behind: 0,
      at_risk: 0,
      not_started: 0,
      on_track: 0,
      done: 0,
    });
    expect(isResponsibleFor(STRATEGIES[2]!, 'MPL')).toBe(false);
  });

  it('measures strategies on track as on track plus done, of those responsible', () => {
    const p = strategyProgress(
      'MPL',
      STRATEGIES,
      [report('S1.2', 'on_track'), report('S1.10', 'done'), report('S2.1', 'at_risk')],
      '2021-Q2',
    );
    expect(p).toMatchObject({ onTrack: 2, percentOnTrack: 66, notReported: 0 });
    expect(p.counts).toMatchObject({ on_track: 1, done: 1, at_risk: 1, not_reported: 0 });
  });

  it("takes each strategy's latest report of the quarter", () => {
    const p = strategyProgress(
      'MPL',
      STRATEGIES,
      [
        report('S1.2', 'at_risk', { reportedAt: '2021-05-02T10:00:00Z' }),
        report('S1.2', 'on_track', {
          reportedAt: '2021-06-02T10:00:00Z',
          reportedOn: '2021-06-02',
        }),
        report('S1.2', 'behind', { reportedAt: '2021-04-02T10:00:00Z' }),
      ],
      '2021-Q2',
    );
    expect(p.strategies.find((s) => s.strategyId === 'S1.2')).toEqual({
      strategyId: 'S1.2',
      status: 'on_track',
      reportedOn: '2021-06-02',
    });
  });

  it('does not count reports of another quarter or another department', () => {
    const p = strategyProgress(
      'MPL',
      STRATEGIES,
      [
        report('S1.2', 'done', { quarter: '2021-Q1' }),
        report('S1.10', 'done', { departmentId: 'DOA' }),
      ],
      '2021-Q2',
    );
    expect(p.notReported).toBe(3);
    expect(p.onTrack).toBe(0);
  });

  it('counts a department responsible for nothing as fully on track', () => {
    const p = strategyProgress('MPL', [strategy('S9', ['DOA'])], [], '2021-Q2');
    expect(p).toMatchObject({ responsible: 0, onTrack: 0, percentOnTrack: 100 });
  });
});
