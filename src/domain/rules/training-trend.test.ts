import { MILWAUKEE_2020_2021 as settings } from '../plan/settings';
import { TRAININGS, WAVES } from '../plan/milwaukee-2020-2021';
import type { Completion, Person, Tier } from '../types';
import { trainingProgress } from './training-completion';
import { trainingTrend, trendStart, weekStartOf } from './training-trend';

const person = (id: string, tier: Tier): Person => ({
  id,
  aadObjectId: id,
  displayName: id,
  upn: id,
  departmentId: 'DOA',
  tier,
  jobTitle: 'x',
});
const done = (personId: string, trainingId: string, completedOn: string): Completion => ({
  id: `${personId}-${trainingId}`,
  personId,
  trainingId,
  waveId: `${trainingId}-w1`,
  completedOn,
  recordedAt: `${completedOn}T00:00:00Z`,
  source: 'import',
});

const people = [
  person('s1', 'senior_manager'),
  person('s2', 'senior_manager'),
  person('e1', 'employee'),
  person('e2', 'employee'),
];

describe('weekStartOf and trendStart', () => {
  it('starts weeks on Monday', () => {
    expect(weekStartOf('2020-09-01')).toBe('2020-08-31'); // a Tuesday
    expect(weekStartOf('2020-08-31')).toBe('2020-08-31');
    expect(weekStartOf('2020-09-06')).toBe('2020-08-31'); // a Sunday
  });

  it("starts at the first wave's opening, or the period's start without waves", () => {
    expect(trendStart(WAVES, settings)).toBe('2020-09-01');
    expect(trendStart([], settings)).toBe('2020-01-01');
  });
});

describe('trainingTrend', () => {
  const completions = [
    done('s1', 'anti-racism', '2020-10-05'), // the week of Monday 2020-10-05
    done('s2', 'anti-racism', '2020-10-18'), // a Sunday: the week of 2020-10-12
    done('e1', 'anti-racism', '2021-05-03'),
  ];
  const series = trainingTrend(
    people,
    new Set(),
    TRAININGS,
    WAVES,
    completions,
    '2020-09-01',
    '2020-10-20',
  );

  it('gives one series per training and tier, weekly from the start to this week', () => {
    expect(series.map((s) => `${s.trainingId}/${s.tier}`)).toEqual([
      'racial-equity-101/senior_manager',
      'racial-equity-101/frontline_manager',
      'racial-equity-101/employee',
      'anti-racism/senior_manager',
      'anti-racism/frontline_manager',
      'anti-racism/employee',
      'gare-toolkit/senior_manager',
      'gare-toolkit/frontline_manager',
    ]);
    const points = series.find((s) => s.waveId === 'anti-racism-w1')!.points;
    expect(points.map((p) => p.weekStart)).toEqual([
      '2020-08-31',
      '2020-09-07',
      '2020-09-14',
      '2020-09-21',
      '2020-09-28',
      '2020-10-05',
      '2020-10-12',
      '2020-10-19',
    ]);
  });

  it('counts completions cumulatively, each in the week it is dated', () => {
    const points = series.find((s) => s.waveId === 'anti-racism-w1')!.points;
    expect(points.map((p) => p.completed)).toEqual([0, 0, 0, 0, 0, 1, 2, 2]);
    expect(points.at(-1)).toEqual({
      weekStart: '2020-10-19',
      completed: 2,
      required: 2,
      percent: 100,
    });
    expect(points[5]).toMatchObject({ completed: 1, required: 2, percent: 50 });
  });

  it("ends on the scorecard's figure, a completion dated after today included", () => {
    const employees = series.find((s) => s.waveId === 'anti-racism-w3')!.points.at(-1);
    const scorecard = trainingProgress(
      people,
      new Set(),
      TRAININGS,
      WAVES,
      completions,
      '2020-10-20',
    );
    const row = scorecard.find((r) => r.waveId === 'anti-racism-w3')!;
    expect(employees).toMatchObject({ completed: row.completed, required: row.required });
    expect(employees?.completed).toBe(1);
  });

  it("counts a lead outside the managers in the toolkit training's first wave", () => {
    const lead = trainingTrend(
      [person('e1', 'employee')],
      new Set(['e1']),
      TRAININGS,
      WAVES,
      [done('e1', 'gare-toolkit', '2020-11-10')],
      '2020-11-01',
      '2020-11-20',
    );
    expect(lead.find((s) => s.waveId === 'gare-toolkit-w1')?.points.at(-1)).toMatchObject({
      completed: 1,
      required: 1,
    });
  });

  it('gives a single point when today is before the start', () => {
    const early = trainingTrend(
      people,
      new Set(),
      TRAININGS,
      WAVES,
      [],
      '2020-09-01',
      '2020-06-10',
    );
    expect(early[0]?.points).toEqual([
      { weekStart: '2020-06-08', completed: 0, required: 2, percent: 0 },
    ]);
  });
});
