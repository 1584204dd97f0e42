import type { IndicatorPoint } from '../types';

/** How a group's series moved from its first year to its last. */
export type IndicatorTrend = {
  fromYear: number;
  toYear: number;
  first: number;
  last: number;
  /** `last - first`. */
  change: number;
  /** Change as a percentage of `first`, one decimal; null when `first` is 0. */
  changePercent: number | null;
  direction: 'up' | 'down' | 'flat';
};

/** One group's series in one place, oldest year first. */
export type IndicatorGroupSeries = {
  group: string;
  points: Array<{ year: number; value: number; source: string }>;
  /** Absent for a series of one point. */
  trend?: IndicatorTrend;
};

/** The gap between groups in one year: highest and lowest value, difference and ratio. */
export type IndicatorGap = {
  year: number;
  /** Groups with a value that year. */
  groups: number;
  highest: { group: string; value: number };
  lowest: { group: string; value: number };
  /** `highest - lowest`. */
  gap: number;
  /** `highest / lowest`, two decimals; null when the lowest is 0 or below. */
  ratio: number | null;
};

/** An indicator in one place: each group's series and the gap between groups per year. */
export type IndicatorPlaceView = {
  place: string;
  /** Every source cited by the points, in order of first appearance. */
  sources: string[];
  /** Every year with a point, ascending. */
  years: number[];
  series: IndicatorGroupSeries[];
  /** Years with values for at least two groups, ascending. */
  gaps: IndicatorGap[];
};

/** One indicator (e.g. infant mortality per 1,000 births) in every place it was imported for. */
export type IndicatorView = { indicator: string; places: IndicatorPlaceView[] };

/** Rounds away binary noise (0.1 + 0.2) without changing what a person would read. */
const tidy = (n: number, places = 6) => Math.round(n * 10 ** places) / 10 ** places;

function trendOf(points: IndicatorGroupSeries['points']): IndicatorTrend | undefined {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last || points.length < 2) return undefined;
  const change = tidy(last.value - first.value);
  return {
    fromYear: first.year,
    toYear: last.year,
    first: first.value,
    last: last.value,
    change,
    changePercent: first.value === 0 ? null : tidy((change * 100) / Math.abs(first.value), 1),
    direction: change > 0 ? 'up' : change < 0 ? 'down' : 'flat',
  };
}

/**
 * The imported points as series per indicator, place and group, with each group's trend and the
 * gap between groups per year: what the tab charts and the report summarises.
 */
export function indicatorViews(points: readonly IndicatorPoint[]): IndicatorView[] {
  const byIndicator = new Map<string, Map<string, IndicatorPoint[]>>();
  for (const p of points) {
    const places = byIndicator.get(p.indicator) ?? new Map<string, IndicatorPoint[]>();
    byIndicator.set(p.indicator, places);
    const list = places.get(p.place) ?? [];
    list.push(p);
    places.set(p.place, list);
  }
  const text = (a: string, b: string) => a.localeCompare(b, 'en');
  return [...byIndicator.entries()]
    .sort(([a], [b]) => text(a, b))
    .map(([indicator, places]) => ({
      indicator,
      places: [...places.entries()]
        .sort(([a], [b]) => text(a, b))
        .map(([place, list]) => placeView(place, list)),
    }));
}

function placeView(place: string, list: readonly IndicatorPoint[]): IndicatorPlaceView {
  const byGroup = new Map<string, IndicatorPoint[]>();
  for (const p of list) byGroup.set(p.group, [...(byGroup.get(p.group) ?? []), p]);
  const series = [...byGroup.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'en'))
    .map(([group, own]) => {
      const pts = [...own]
        .sort((a, b) => a.year - b.year)
        .map(({ year, value, source }) => ({ year, value, source }));
      const trend = trendOf(pts);
      return { group, points: pts, ...(trend ? { trend } : {}) };
    });
  const years = [...new Set(list.map((p) => p.year))].sort((a, b) => a - b);
  const gaps: IndicatorGap[] = [];
  for (const year of years) {
    const values = series.flatMap((s) => {
      const point = s.points.find((p) => p.year === year);
      return point ? [{ group: s.group, value: point.value }] : [];
    });
    if (values.length < 2) continue;
    const highest = values.reduce((a, b) => (b.value > a.value ? b : a));
    const lowest = values.reduce((a, b) => (b.value < a.value ? b : a));
    gaps.push({
      year,
      groups: values.length,
      highest,
      lowest,
      gap: tidy(highest.value - lowest.value),
      ratio: lowest.value > 0 ? tidy(highest.value / lowest.value, 2) : null,
    });
  }
  const sources = [...new Set(list.map((p) => p.source).filter((s) => s !== ''))];
  return { place, sources, years, series, gaps };
}
