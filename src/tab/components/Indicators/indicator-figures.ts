// The indicators page's tables and words, from the series and gaps the server computed (no
// figure is computed again here). No DOM, so the unit tests run it under Node
// (tests/browser/accountability.test.ts).
import type { IndicatorGap, IndicatorPlaceView } from '../../api/api-types';
import type { CsvTable } from '../CsvExport/csv-table';

const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

/** An indicator value as the reader writes numbers: `15.1`, `1,204`. */
export function formatValue(value: number): string {
  return numberFormat.format(value);
}

/** Each group's value per year, a row per year, a column per group; `–` where a group has none. */
export function trendFigures(place: IndicatorPlaceView): CsvTable {
  return {
    header: ['Year', ...place.series.map((s) => s.group)],
    rows: place.years.map((year) => [
      String(year),
      ...place.series.map((s) => s.points.find((p) => p.year === year)?.value ?? '–'),
    ]),
  };
}

/** In words, how each group's series moved, as the server's trend says. */
export function trendSummary(indicator: string, place: IndicatorPlaceView): string {
  const parts = place.series.map((s) => {
    const t = s.trend;
    if (!t) {
      const only = s.points[0];
      return only ? `${s.group} ${formatValue(only.value)} in ${only.year}` : s.group;
    }
    const change =
      t.direction === 'flat'
        ? 'no change'
        : `${t.direction} ${formatValue(Math.abs(t.change))}${t.changePercent === null ? '' : ` (${formatValue(Math.abs(t.changePercent))}%)`}`;
    return `${s.group} from ${formatValue(t.first)} in ${t.fromYear} to ${formatValue(t.last)} in ${t.toYear}, ${change}`;
  });
  return `${indicator}, ${place.place}: ${parts.join('; ')}.`;
}

/** The gap between the highest and lowest group, a row per year with two groups or more. */
export function gapFigures(gaps: readonly IndicatorGap[]): CsvTable {
  return {
    header: ['Year', 'Highest group', 'Highest', 'Lowest group', 'Lowest', 'Gap', 'Ratio'],
    rows: gaps.map((g) => [
      String(g.year),
      g.highest.group,
      g.highest.value,
      g.lowest.group,
      g.lowest.value,
      g.gap,
      g.ratio === null ? '–' : `${formatValue(g.ratio)}×`,
    ]),
  };
}

/** In words, the latest gap between groups. */
export function gapSummary(place: IndicatorPlaceView): string {
  const latest = place.gaps[place.gaps.length - 1];
  if (!latest) return 'No year has values for two groups or more, so there is no gap to show.';
  const ratio = latest.ratio === null ? '' : `, ${formatValue(latest.ratio)} times the lowest`;
  return `In ${latest.year}, ${latest.highest.group} had the highest value (${formatValue(latest.highest.value)}) and ${latest.lowest.group} the lowest (${formatValue(latest.lowest.value)}): a gap of ${formatValue(latest.gap)}${ratio}.`;
}
