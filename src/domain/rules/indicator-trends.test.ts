import { indicatorViews } from './indicator-trends';
import type { IndicatorPoint } from '../types';

const point = (
  group: string,
  year: number,
  value: number,
  place = 'Milwaukee',
): IndicatorPoint => ({
  indicator: 'Infant mortality per 1,000 births',
  group,
  place,
  year,
  value,
  source: 'Wisconsin DHS',
});

describe('indicatorViews', () => {
  it('groups points by indicator, place and group, with each trend and the gap between groups per year', () => {
    const [view] = indicatorViews([
      point('White', 2019, 4.3),
      point('Black', 2018, 15.1),
      point('Black', 2019, 14.2),
      point('White', 2018, 4.9),
      point('Hispanic', 2019, 6),
      point('Black', 2019, 9.9, 'Wisconsin'),
    ]);
    expect(view?.indicator).toBe('Infant mortality per 1,000 births');
    expect(view?.places.map((p) => p.place)).toEqual(['Milwaukee', 'Wisconsin']);
    const milwaukee = view!.places[0]!;
    expect(milwaukee.years).toEqual([2018, 2019]);
    expect(milwaukee.sources).toEqual(['Wisconsin DHS']);
    expect(milwaukee.series.map((s) => s.group)).toEqual(['Black', 'Hispanic', 'White']);
    expect(milwaukee.series[0]?.trend).toEqual({
      fromYear: 2018,
      toYear: 2019,
      first: 15.1,
      last: 14.2,
      change: -0.9,
      changePercent: -6,
      direction: 'down',
    });
    expect(milwaukee.series[1]?.trend).toBeUndefined(); // one point: no trend
    expect(milwaukee.gaps).toEqual([
      {
        year: 2018,
        groups: 2,
        highest: { group: 'Black', value: 15.1 },
        lowest: { group: 'White', value: 4.9 },
        gap: 10.2,
        ratio: 3.08,
      },
      {
        year: 2019,
        groups: 3,
        highest: { group: 'Black', value: 14.2 },
        lowest: { group: 'White', value: 4.3 },
        gap: 9.9,
        ratio: 3.3,
      },
    ]);
    expect(view!.places[1]!.gaps).toEqual([]); // one group: no gap
  });
});
