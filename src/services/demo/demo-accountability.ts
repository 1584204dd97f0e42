import type { Department, FocusGroup, IndicatorPoint, Person, SurveyResult } from '../../domain';
import { surveyResultId } from '../survey/survey-import';
import { random } from './seeded-random';

/** What the demo city holds for the accountability pages: all of it synthetic, and labelled so. */
export type DemoAccountability = {
  indicatorPoints: IndicatorPoint[];
  surveyResults: SurveyResult[];
  focusGroups: FocusGroup[];
};

/** Said on every demo figure: they only look like the Health Department's series. */
export const DEMO_SOURCE = 'reap demo data (synthetic, not real rates)';

/** The demo's two indicator series: a rate per group in its first year and its yearly drift. */
const INDICATORS: ReadonlyArray<{
  name: string;
  groups: Record<string, { start: number; drift: number }>;
  decimals: number;
}> = [
  {
    name: 'Infant deaths per 1,000 live births (demo)',
    groups: {
      Black: { start: 14.2, drift: -0.3 },
      Hispanic: { start: 6.1, drift: -0.1 },
      White: { start: 5.0, drift: -0.1 },
      Asian: { start: 4.6, drift: 0 },
    },
    decimals: 1,
  },
  {
    name: 'Adults without health insurance, % (demo)',
    groups: {
      Black: { start: 16.5, drift: -0.6 },
      Hispanic: { start: 24.0, drift: -0.9 },
      White: { start: 8.2, drift: -0.3 },
      Asian: { start: 10.4, drift: -0.4 },
    },
    decimals: 1,
  },
];
const INDICATOR_YEARS = [2014, 2015, 2016, 2017, 2018, 2019];

/** The Region of Choice survey's demo questions and their citywide share agreeing, %. */
const QUESTIONS: ReadonlyArray<{ question: string; base: number }> = [
  { question: 'I see a path to advance in my department', base: 52 },
  { question: 'My department welcomes people of every background', base: 68 },
];
/** Groups of the survey, their share of the staff and how far their answers sit from the base. */
const GROUPS: ReadonlyArray<{ group: string; share: number; offset: number }> = [
  { group: 'Black', share: 0.34, offset: -12 },
  { group: 'White', share: 0.42, offset: 7 },
  { group: 'Hispanic', share: 0.15, offset: -7 },
  { group: 'Asian, another or two or more', share: 0.09, offset: -4 },
];
const SURVEY_YEAR = 2020;

const round = (value: number, decimals: number) => Number(value.toFixed(decimals));

/**
 * The demo city's indicator series, 2020 survey aggregates per department (small departments
 * have groups under the suppression threshold, as a real city's would) and focus groups. Pure:
 * the same seed gives the same figures.
 */
export function generateDemoAccountability(
  departments: readonly Department[],
  people: readonly Person[],
  seed = 2020,
): DemoAccountability {
  const rnd = random(seed + 9);
  const noise = (spread: number) => (rnd() - 0.5) * 2 * spread;
  const indicatorPoints: IndicatorPoint[] = INDICATORS.flatMap(({ name, groups, decimals }) =>
    Object.entries(groups).flatMap(([group, { start, drift }]) =>
      INDICATOR_YEARS.map((year, i) => ({
        indicator: name,
        group,
        place: 'Milwaukee',
        year,
        value: round(Math.max(0.1, start + drift * i + noise(start * 0.05)), decimals),
        source: DEMO_SOURCE,
      })),
    ),
  );
  const staff = new Map<string, number>();
  for (const p of people) staff.set(p.departmentId, (staff.get(p.departmentId) ?? 0) + 1);
  const surveyResults: SurveyResult[] = [];
  for (const dept of departments) {
    const size = staff.get(dept.id) ?? 0;
    const responseRate = 0.55 + rnd() * 0.3;
    for (const { group, share, offset } of GROUPS) {
      const respondents = Math.round(size * share * responseRate * (0.8 + rnd() * 0.4));
      if (respondents === 0) continue;
      for (const { question, base } of QUESTIONS) {
        const value = Math.min(98, Math.max(2, round(base + offset + noise(6), 1)));
        const result = {
          year: SURVEY_YEAR,
          departmentId: dept.id,
          question,
          group,
          respondents,
          value,
        };
        surveyResults.push({ id: surveyResultId(result), ...result });
      }
    }
  }
  const focusGroups: FocusGroup[] = [
    {
      heldOn: '2020-10-14',
      topic: 'Barriers in hiring panels',
      participants: 12,
      departmentId: 'MPD',
    },
    {
      heldOn: '2020-11-05',
      topic: 'Promotion paths for frontline staff',
      participants: 9,
      departmentId: 'DPW',
    },
    { heldOn: '2020-12-02', topic: 'Recruiting bilingual staff', participants: 14 },
  ].map((g, i) => ({ id: `focus-demo-${i + 1}`, ...g }));
  return { indicatorPoints, surveyResults, focusGroups };
}
