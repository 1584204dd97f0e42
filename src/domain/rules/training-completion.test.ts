import { TRAININGS, WAVES } from '../plan/milwaukee-2020-2021';
import { ValidationError } from '../errors';
import type { Completion, Person, Tier } from '../types';
import {
  percentDown,
  requirementsFor,
  trainingProgress,
  validateCompletionDate,
  waveState,
} from './training-completion';

const person = (id: string, tier: Tier): Person => ({
  id,
  aadObjectId: id,
  displayName: id,
  upn: id,
  departmentId: 'DOA',
  tier,
  jobTitle: 'x',
});
const done = (personId: string, trainingId: string): Completion => ({
  id: `${personId}-${trainingId}`,
  personId,
  trainingId,
  waveId: `${trainingId}-w1`,
  completedOn: '2021-01-01',
  recordedAt: '2021-01-01T00:00:00Z',
  source: 'import',
});
const wave = WAVES.find((w) => w.id === 'anti-racism-w3')!;

describe('waves and requirements', () => {
  it('reaches each tier through its own wave, managers first', () => {
    const senior = requirementsFor(person('s', 'senior_manager'), false, TRAININGS, WAVES);
    const staff = requirementsFor(person('e', 'employee'), false, TRAININGS, WAVES);
    expect(senior.map((r) => r.wave.sequence)).toEqual([1, 1, 1]);
    expect(staff.map((r) => r.training.id)).toEqual(['racial-equity-101', 'anti-racism']);
  });

  it('requires nothing of a person who left, lead or not; back on the staff, all again', () => {
    const left: Person = { ...person('s', 'senior_manager'), active: false, leftOn: '2021-03-31' };
    expect(requirementsFor(left, true, TRAININGS, WAVES)).toEqual([]);
    expect(requirementsFor({ ...left, active: true }, true, TRAININGS, WAVES)).toHaveLength(3);
    const rows = trainingProgress([left], new Set(['s']), TRAININGS, WAVES, [], '2021-06-15');
    expect(rows.every((r) => r.required === 0)).toBe(true);
  });

  it('requires the toolkit training of a lead who is not a manager, in its first wave', () => {
    const lead = requirementsFor(person('l', 'employee'), true, TRAININGS, WAVES);
    expect(lead.find((r) => r.training.id === 'gare-toolkit')?.wave.id).toBe('gare-toolkit-w1');
  });

  it('tells a wave not open, open, and overdue apart', () => {
    expect(waveState(wave, '2021-04-30')).toBe('not_open');
    expect(waveState(wave, '2021-05-01')).toBe('open');
    expect(waveState(wave, '2021-12-31')).toBe('open');
    expect(waveState(wave, '2022-01-01')).toBe('overdue');
  });
});

describe('validateCompletionDate', () => {
  const catchIt = (date: string, today: string) => {
    try {
      validateCompletionDate(wave, date, today);
    } catch (e) {
      return e as ValidationError;
    }
    return undefined;
  };

  it('accepts a date between the wave opening and today', () => {
    expect(catchIt('2021-06-01', '2021-07-01')).toBeUndefined();
    expect(catchIt('2021-05-01', '2021-05-01')).toBeUndefined();
  });

  it('refuses a completion before the wave opened', () => {
    const e = catchIt('2021-04-30', '2021-07-01');
    expect(e).toBeInstanceOf(ValidationError);
    expect(e).toMatchObject({ field: 'completedOn', rule: 'not-before-wave' });
  });

  it('refuses a completion in the future', () => {
    expect(catchIt('2021-07-02', '2021-07-01')).toMatchObject({ rule: 'not-in-future' });
  });

  it('refuses what is not a calendar date', () => {
    expect(catchIt('2021-02-30', '2021-07-01')).toMatchObject({ rule: 'date' });
    expect(catchIt('yesterday', '2021-07-01')).toMatchObject({ rule: 'date' });
  });
});

describe('trainingProgress', () => {
  const people = [
    person('s1', 'senior_manager'),
    person('s2', 'senior_manager'),
    person('f1', 'frontline_manager'),
    person('e1', 'employee'),
    person('e2', 'employee'),
    person('e3', 'employee'),
  ];

  it('counts completion per training and tier against the wave due date', () => {
    const rows = trainingProgress(
      people,
      new Set(),
      TRAININGS,
      WAVES,
      [done('s1', 'anti-racism'), done('s2', 'anti-racism'), done('e1', 'anti-racism')],
      '2021-02-01',
    );
    const anti = rows.filter((r) => r.trainingId === 'anti-racism');
    expect(
      anti.map((r) => [r.tier, r.completed, r.required, r.percent, r.state, r.behind]),
    ).toEqual([
      ['senior_manager', 2, 2, 100, 'overdue', false],
      ['frontline_manager', 0, 1, 0, 'open', false],
      ['employee', 1, 3, 33, 'not_open', false],
    ]);
  });

  it('marks a past-due wave with someone missing as behind', () => {
    const rows = trainingProgress(people, new Set(), TRAININGS, WAVES, [], '2022-06-01');
    expect(rows.every((r) => r.behind)).toBe(true);
  });

  it('counts a lead outside the managers in the toolkit training', () => {
    const rows = trainingProgress(
      [person('e1', 'employee')],
      new Set(['e1']),
      TRAININGS,
      WAVES,
      [],
      '2021-01-01',
    );
    expect(
      rows.find((r) => r.trainingId === 'gare-toolkit' && r.tier === 'senior_manager')?.required,
    ).toBe(1);
  });

  it('rounds percentages down so nearly done never shows as done', () => {
    expect(percentDown(999, 1000)).toBe(99);
    expect(percentDown(0, 0)).toBe(100);
  });
});
