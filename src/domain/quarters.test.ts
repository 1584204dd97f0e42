import { isQuarter, previousQuarter, quarterBounds, quarterOf } from './quarters';

describe('quarters', () => {
  it.each([
    ['2021-01-01', '2021-Q1'],
    ['2021-03-31', '2021-Q1'],
    ['2021-04-01', '2021-Q2'],
    ['2021-12-31', '2021-Q4'],
  ])('puts %s in %s', (date, quarter) => {
    expect(quarterOf(date)).toBe(quarter);
  });

  it('bounds a quarter by its first and last day, leap years included', () => {
    expect(quarterBounds('2020-Q1')).toEqual({ start: '2020-01-01', end: '2020-03-31' });
    expect(quarterBounds('2021-Q2')).toEqual({ start: '2021-04-01', end: '2021-06-30' });
    expect(quarterBounds('2021-Q4')).toEqual({ start: '2021-10-01', end: '2021-12-31' });
  });

  it('reads only YYYY-Qn, and steps back across a year', () => {
    expect(isQuarter('2021-Q3')).toBe(true);
    expect(isQuarter('2021-Q5')).toBe(false);
    expect(isQuarter('2021-q3')).toBe(false);
    expect(previousQuarter('2021-Q1')).toBe('2020-Q4');
    expect(previousQuarter('2021-Q3')).toBe('2021-Q2');
  });
});
