import type { ProgressTrend, TrainingTrend } from '../../api/api-types';
import { TIER_NAMES, formatCount, formatPlanDate } from '../../text/plan-text';
import type { CsvTable } from '../CsvExport/csv-table';

/** The series of one training, in tier order. */
export function seriesOf(trend: ProgressTrend, trainingId: string): TrainingTrend[] {
  return trend.series.filter((s) => s.trainingId === trainingId);
}

/**
 * The figures as a table: a row every four weeks (and the last week), a column per tier, so the
 * table stays readable over a two-year plan.
 */
export function trendFigures(series: TrainingTrend[]): CsvTable {
  const weeks = series[0]?.points.map((p) => p.weekStart) ?? [];
  const picked = weeks.filter((_w, i) => i % 4 === 0 || i === weeks.length - 1);
  return {
    header: ['Week of', ...series.map((s) => `${TIER_NAMES[s.tier].full} (% confirmed)`)],
    rows: picked.map((week) => [
      formatPlanDate(week),
      ...series.map((s) => s.points.find((p) => p.weekStart === week)?.percent ?? 0),
    ]),
  };
}

export function trendSummary(title: string, series: TrainingTrend[], today: string): string {
  if (series.length === 0) return `${title} has no waves yet.`;
  const parts = series.map((s) => {
    const last = s.points[s.points.length - 1];
    const state =
      today > s.dueOn ? `was due ${formatPlanDate(s.dueOn)}` : `due ${formatPlanDate(s.dueOn)}`;
    return `${TIER_NAMES[s.tier].full.toLowerCase()} ${last?.percent ?? 0}% (${formatCount(
      last?.completed ?? 0,
    )} of ${formatCount(last?.required ?? 0)}), ${state}`;
  });
  return `${title}, confirmed so far: ${parts.join('; ')}.`;
}
