import { Field, Select, Spinner, tokens } from '@fluentui/react-components';
import { LineChart, VerticalBarChart, type ChartProps } from '@fluentui/react-charts';
import { useState } from 'react';
import type { ApiClient } from '../../api/api-client';
import type { IndicatorImportReport, IndicatorPlaceView } from '../../api/api-types';
import { formatCount } from '../../text/plan-text';
import { ChartFrame } from '../ChartFrame/ChartFrame';
import { CsvImport } from '../CsvImport/CsvImport';
import { LoadProblem } from '../LoadProblem/LoadProblem';
import { usePageLayoutStyles } from '../PageLayout/page-layout.styles';
import { useIndicatorsStyles } from './Indicators.styles';
import {
  formatValue,
  gapFigures,
  gapSummary,
  trendFigures,
  trendSummary,
} from './indicator-figures';
import { useIndicators } from './useIndicators';

export type IndicatorsProps = {
  api: ApiClient;
};

// Groups keep their colour from chart to chart: Fluent theme tokens, never colours of our own.
const GROUP_COLOURS = [
  tokens.colorPaletteBlueBorderActive,
  tokens.colorPaletteDarkOrangeBorderActive,
  tokens.colorPaletteTealBorderActive,
  tokens.colorPaletteBerryBorderActive,
  tokens.colorPaletteMarigoldBorderActive,
  tokens.colorPaletteGreenBorderActive,
  tokens.colorPaletteGrapeBorderActive,
  tokens.colorPaletteRedBorderActive,
];

/** The columns of an indicator series file, as the server reads them. */
const INDICATOR_CSV_COLUMNS = ['indicator', 'group', 'place', 'year', 'value', 'source'] as const;

/** What a good series file imports: `7 points of 9 rows (2 replacing stored ones): …`. */
function describeImport(r: Extract<IndicatorImportReport, { ok: true }>): string {
  const replaced = r.replaced ? ` (${formatCount(r.replaced)} replacing stored ones)` : '';
  return `${formatCount(r.imported)} points of ${formatCount(r.rows)} rows${replaced}: ${r.indicators.join('; ')}`;
}

const yearDate = (year: number) => new Date(Date.UTC(year, 0, 1));

/**
 * The Health Department's indicator series (`GET /api/indicators`): for the chosen indicator, each
 * place's trend per group over the years and the gap between the highest and lowest group, each
 * chart with its figures as a table; and the CSV import for those who may import.
 */
export function Indicators({ api }: IndicatorsProps) {
  const styles = useIndicatorsStyles();
  const layout = usePageLayoutStyles();
  const { state, reload } = useIndicators(api);
  const [chosen, setChosen] = useState<string>();
  // The server says who may import (the officer, the Health Department's leads and Ambassadors).
  const canImport = state.data?.canImport === true;

  const indicators = state.data?.indicators ?? [];
  const indicator = indicators.find((i) => i.indicator === chosen) ?? indicators[0];
  return (
    <div className={layout.root} data-testid="indicators">
      <header className={layout.header}>
        <h1 className={layout.title}>Health indicators</h1>
        <p className={layout.intro}>
          The Health Department tracks demographic and population trends to find health inequities:
          each indicator by group over the years, and the gap between the group with the highest
          value and the group with the lowest, as the server computes them.
        </p>
      </header>

      {canImport && (
        <CsvImport
          api={api}
          path="/api/indicators/import"
          title="Import a series"
          columns={INDICATOR_CSV_COLUMNS}
          hint="A point already stored for the same indicator, group, place and year is replaced."
          describe={describeImport}
          onImported={reload}
          testIdPrefix="indicator"
        />
      )}

      {state.status === 'failed' && (
        <LoadProblem error={state.error} what="indicators" onRetry={reload} />
      )}
      {!state.data ? (
        state.status === 'loading' && (
          <Spinner className={styles.loading} label="Loading the indicators…" />
        )
      ) : indicators.length === 0 ? (
        <p className={layout.intro} data-testid="indicators-empty">
          No indicator series has been imported yet.
        </p>
      ) : (
        <>
          <Field label="Indicator" className={styles.picker}>
            <Select
              value={indicator?.indicator ?? ''}
              onChange={(_e, d) => setChosen(d.value)}
              data-testid="indicator-picker"
            >
              {indicators.map((i) => (
                <option key={i.indicator} value={i.indicator}>
                  {i.indicator}
                </option>
              ))}
            </Select>
          </Field>
          {indicator?.places.map((place, index) => (
            <IndicatorPlace
              key={place.place}
              indicator={indicator.indicator}
              place={place}
              index={index}
            />
          ))}
        </>
      )}
    </div>
  );
}

type IndicatorPlaceProps = { indicator: string; place: IndicatorPlaceView; index: number };

/** One indicator in one place: the trend per group, and the gap between groups per year. */
function IndicatorPlace({ indicator, place, index }: IndicatorPlaceProps) {
  const styles = useIndicatorsStyles();
  const layout = usePageLayoutStyles();
  const headingId = `indicator-place-${index}`;
  const where = place.place || 'Place not given';
  const trend: ChartProps = {
    chartTitle: `${indicator}, ${where}`,
    lineChartData: place.series.map((s, i) => ({
      legend: s.group,
      color: GROUP_COLOURS[i % GROUP_COLOURS.length],
      data: s.points.map((p) => ({
        x: yearDate(p.year),
        y: p.value,
        xAxisCalloutData: String(p.year),
        yAxisCalloutData: `${s.group}: ${formatValue(p.value)}`,
      })),
    })),
  };
  const gaps = place.gaps.map((g) => ({
    x: String(g.year),
    y: g.gap,
    legend: 'Gap between highest and lowest group',
    color: tokens.colorBrandBackground,
    xAxisCalloutData: String(g.year),
    yAxisCalloutData: `${formatValue(g.gap)} (${g.highest.group} ${formatValue(g.highest.value)}, ${g.lowest.group} ${formatValue(g.lowest.value)})`,
  }));
  return (
    <section
      className={layout.section}
      aria-labelledby={headingId}
      data-testid={`indicator-place-${index}`}
    >
      <h2 id={headingId} className={layout.sectionTitle}>
        {where}
      </h2>
      {place.sources.length > 0 && (
        <p className={layout.intro}>Source: {place.sources.join('; ')}.</p>
      )}
      <div className={styles.charts}>
        <ChartFrame
          title={`${indicator}: by group over the years`}
          summary={trendSummary(indicator, place)}
          figures={trendFigures(place)}
          data-testid="chart-indicator-trend"
        >
          <LineChart
            data={trend}
            height={280}
            useUTC
            tickValues={place.years.map(yearDate)}
            customDateTimeFormatter={(d) => String(d.getUTCFullYear())}
          />
        </ChartFrame>
        <ChartFrame
          title={`${indicator}: gap between groups`}
          summary={gapSummary(place)}
          figures={gapFigures(place.gaps)}
          data-testid="chart-indicator-gap"
        >
          {gaps.length > 0 ? (
            <VerticalBarChart data={gaps} height={280} hideLegend yAxisTitle="Gap" />
          ) : null}
        </ChartFrame>
      </div>
    </section>
  );
}
