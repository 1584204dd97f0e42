import { Field, Select, Spinner, tokens } from '@fluentui/react-components';
import { LineChart, type ChartProps } from '@fluentui/react-charts';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../../api/api-client';
import type { ProgressTrend } from '../../api/api-types';
import { TIER_NAMES } from '../../text/plan-text';
import { ChartFrame } from '../ChartFrame/ChartFrame';
import { LoadProblem } from '../LoadProblem/LoadProblem';
import { useTrendChartStyles } from './TrendChart.styles';
import { seriesOf, trendFigures, trendSummary } from './trend-figures';

export type TrendChartProps = {
  api: ApiClient;
  /** The training shown first (the person can choose another). */
  trainingId?: string;
};

type TrendState =
  | { status: 'loading' }
  | { status: 'loaded'; trend: ProgressTrend }
  | { status: 'failed'; error: unknown };

// Tiers keep their colour from chart to chart: Fluent theme tokens, never colours of our own.
const TIER_COLOURS = {
  senior_manager: tokens.colorPaletteBlueBorderActive,
  frontline_manager: tokens.colorPaletteTealBorderActive,
  employee: tokens.colorPaletteDarkOrangeBorderActive,
} as const;

/**
 * Training completion over time (`GET /api/progress/trend`): one line per tier of the chosen
 * training, week by week, cumulative. Loaded apart from the first view.
 */
export function TrendChart({ api, trainingId }: TrendChartProps) {
  const styles = useTrendChartStyles();
  const [state, setState] = useState<TrendState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const [chosen, setChosen] = useState(trainingId);
  useEffect(() => {
    const abort = new AbortController();
    setState({ status: 'loading' });
    api
      .progressTrend({ signal: abort.signal })
      .then((trend) => setState({ status: 'loaded', trend }))
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setState({ status: 'failed', error });
      });
    return () => abort.abort();
  }, [api, generation]);

  if (state.status === 'loading') {
    return <Spinner className={styles.loading} size="small" label="Loading the trend…" />;
  }
  if (state.status === 'failed') {
    return (
      <LoadProblem
        error={state.error}
        what="training trend"
        onRetry={() => setGeneration((g) => g + 1)}
      />
    );
  }
  const { trend } = state;
  const training = trend.trainings.find((t) => t.id === chosen) ?? trend.trainings[0];
  const series = training ? seriesOf(trend, training.id) : [];
  const data: ChartProps = {
    chartTitle: training?.title,
    lineChartData: series.map((s) => ({
      legend: TIER_NAMES[s.tier].full,
      color: TIER_COLOURS[s.tier],
      data: s.points.map((p) => ({
        x: new Date(`${p.weekStart}T00:00:00Z`),
        y: p.percent,
        yAxisCalloutData: `${p.percent}% (${p.completed} of ${p.required})`,
      })),
    })),
  };
  return (
    <div className={styles.root}>
      <Field label="Training" className={styles.select}>
        <Select
          value={training?.id ?? ''}
          onChange={(_e, d) => setChosen(d.value)}
          data-testid="trend-training"
        >
          {trend.trainings.map((t) => (
            <option key={t.id} value={t.id}>
              {t.title}
            </option>
          ))}
        </Select>
      </Field>
      <ChartFrame
        title={`${training?.title ?? 'Training'}: confirmed over time`}
        summary={trendSummary(training?.title ?? 'The training', series, trend.today)}
        figures={trendFigures(series)}
        data-testid="chart-trend"
      >
        <LineChart
          data={data}
          height={280}
          yMaxValue={100}
          yMinValue={0}
          yAxisTitle="% confirmed"
          useUTC
        />
      </ChartFrame>
    </div>
  );
}
