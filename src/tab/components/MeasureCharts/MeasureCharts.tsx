import { tokens } from '@fluentui/react-components';
import { DonutChart, HorizontalBarChart, type ChartProps } from '@fluentui/react-charts';
import type { CitywideProgress } from '../../api/api-types';
import { TIER_NAMES, formatCount, formatPlanDate } from '../../text/plan-text';
import { ChartFrame } from '../ChartFrame/ChartFrame';
import { useMeasureChartsStyles } from './MeasureCharts.styles';
import {
  rulesMet,
  rulesMetFigures,
  rulesMetSummary,
  sliceFigures,
  sliceSummary,
  strategySlices,
  toolkitSlices,
  trainingBars,
  trainingFigures,
  trainingSummary,
  type TierBar,
} from './measure-figures';

export type MeasureChartsProps = {
  data: CitywideProgress;
};

// The charts fill with Fluent's theme tokens (CSS variables), so the light, dark and high-contrast
// themes colour them; never colours of our own.
const TOOLKIT_COLOURS = [
  tokens.colorPaletteGreenBorderActive,
  tokens.colorPaletteTealBorderActive,
  tokens.colorPaletteBlueBorderActive,
  tokens.colorPaletteMarigoldBorderActive,
  tokens.colorNeutralStroke1,
];
/** Strategies, best first: done, on track, not started, at risk, behind, not reported. */
const STRATEGY_COLOURS = [
  tokens.colorPaletteGreenBorderActive,
  tokens.colorPaletteTealBorderActive,
  tokens.colorPaletteBlueBorderActive,
  tokens.colorPaletteMarigoldBorderActive,
  tokens.colorPaletteRedBorderActive,
  tokens.colorNeutralStroke1,
];

/** A tier's bar: green once everyone confirmed, red past its due date, brand while open. */
function tierColour(b: TierBar): string {
  if (b.completed >= b.required) return tokens.colorPaletteGreenBorderActive;
  return b.pastDue ? tokens.colorPaletteRedBorderActive : tokens.colorBrandBackground;
}

/**
 * A chart per measure of the plan, citywide: departments meeting each rule, each training's tiers
 * against their due dates, toolkit analyses by where they stand, strategies this quarter. Loaded
 * apart from the first view (the chart library is large).
 */
export function MeasureCharts({ data }: MeasureChartsProps) {
  const styles = useMeasureChartsStyles();
  const rules = rulesMet(data);
  const rulesData: ChartProps[] = rules.map((r) => ({
    chartTitle: r.rule,
    chartData: [
      {
        legend: 'Departments meeting it',
        horizontalBarChartdata: { x: r.met, total: r.of },
        color: tokens.colorBrandBackground,
        // The chart would make an empty bar a focus stop of no width: a focus nobody sees.
        placeHolder: r.met === 0,
        xAxisCalloutData: r.rule,
        yAxisCalloutData: `${r.met} of ${r.of}`,
      },
    ],
  }));
  const toolkit = toolkitSlices(data);
  const strategies = strategySlices(data);
  const donut = (title: string, slices: typeof toolkit, colours: string[]): ChartProps => ({
    chartTitle: title,
    chartData: slices.map((s, i) => ({
      legend: s.label,
      data: s.value,
      color: colours[i % colours.length],
    })),
  });
  return (
    <div className={styles.grid}>
      <ChartFrame
        title="Departments meeting each rule"
        summary={rulesMetSummary(rules)}
        figures={rulesMetFigures(rules)}
        data-testid="chart-rules"
      >
        <HorizontalBarChart data={rulesData} chartDataMode="fraction" />
      </ChartFrame>

      {data.trainings.map((training) => {
        const bars = trainingBars(data, training.id);
        if (bars.length === 0) return null;
        const tiers: ChartProps[] = bars.map((b) => ({
          chartTitle: `${TIER_NAMES[b.tier].full} · ${
            b.completed >= b.required ? 'complete' : b.pastDue ? 'past due' : 'due'
          } ${formatPlanDate(b.dueOn)}`,
          chartData: [
            {
              legend: 'Confirmed',
              horizontalBarChartdata: { x: b.completed, total: b.required },
              color: tierColour(b),
              xAxisCalloutData: TIER_NAMES[b.tier].full,
              yAxisCalloutData: `${b.percent}% (${formatCount(b.completed)} of ${formatCount(b.required)})`,
            },
          ],
        }));
        return (
          <ChartFrame
            key={training.id}
            title={`${training.title}: confirmed by tier`}
            summary={trainingSummary(training.title, bars)}
            figures={trainingFigures(bars)}
            data-testid={`chart-training-${training.id}`}
          >
            <HorizontalBarChart data={tiers} chartDataMode="fraction" />
          </ChartFrame>
        );
      })}

      <ChartFrame
        title="Toolkit analyses, citywide"
        summary={sliceSummary('toolkit analyses in the plan period', toolkit)}
        figures={sliceFigures('Where they stand', toolkit)}
        data-testid="chart-toolkit"
      >
        <DonutChart
          data={donut('Toolkit analyses', toolkit, TOOLKIT_COLOURS)}
          innerRadius={48}
          height={220}
          valueInsideDonut={toolkit.reduce((n, s) => n + s.value, 0)}
        />
      </ChartFrame>

      <ChartFrame
        title={`Strategies, ${data.quarter}`}
        summary={sliceSummary(`strategies departments answer for in ${data.quarter}`, strategies)}
        figures={sliceFigures('Standing', strategies)}
        data-testid="chart-strategies"
      >
        <DonutChart
          data={donut('Strategies', strategies, STRATEGY_COLOURS)}
          innerRadius={48}
          height={220}
          valueInsideDonut={`${data.totals.strategies.percentOnTrack}%`}
        />
      </ChartFrame>
    </div>
  );
}
