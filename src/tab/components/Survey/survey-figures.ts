// The survey page's cells, tables and words, from the server's suppressed figures as they are: a
// figure the server withheld (null) is never written as a number, and nothing is derived here
// from the figures shown. No DOM, so the unit tests run it under Node
// (tests/browser/accountability.test.ts).
import type { SurveyFigure, SurveyQuestionView } from '../../api/api-types';
import type { CsvTable } from '../CsvExport/csv-table';
import { formatCount } from '../../text/plan-text';

/** What a withheld figure says, in every cell and table of the page. */
export const SUPPRESSED = 'suppressed';

const valueFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

/** Why a figure is withheld, once per page: a small group, or a figure that would reveal one. */
export function suppressionNote(threshold: number): string {
  return `A figure reads "${SUPPRESSED}" where its group has fewer than ${threshold} people, and where it could be worked out from the figures shown (from a total, say): no group smaller than ${threshold} can be identified.`;
}

/** A survey figure as a cell: `62.5 (n = 41)`, `n = 41` without a result, or `suppressed`. */
export function surveyCellText(f: SurveyFigure): string {
  if (f.respondents === null) return SUPPRESSED;
  const n = `n = ${formatCount(f.respondents)}`;
  return f.value === null ? n : `${valueFormat.format(f.value)} (${n})`;
}

/** The question's citywide figures by group, then everyone, as the chart's table. */
export function citywideFigures(q: SurveyQuestionView): CsvTable {
  const row = (name: string, f: SurveyFigure) =>
    f.respondents === null ? [name, SUPPRESSED, SUPPRESSED] : [name, f.value ?? '–', f.respondents];
  return {
    header: ['Group', 'Result', 'Respondents'],
    rows: [...q.citywide.groups.map((g) => row(g.group, g)), row('Everyone', q.citywide.total)],
  };
}

/** The groups the chart draws: those with a figure shown; the withheld ones are left out. */
export function citywideBars(q: SurveyQuestionView): Array<{ group: string; value: number }> {
  return q.citywide.groups.flatMap((g) =>
    g.respondents !== null && g.value !== null ? [{ group: g.group, value: g.value }] : [],
  );
}

/** In words: the highest and lowest group shown, and how many are withheld. */
export function citywideSummary(q: SurveyQuestionView): string {
  const bars = citywideBars(q);
  const withheld = q.citywide.groups.length - bars.length;
  const hidden =
    withheld === 0
      ? ''
      : ` ${withheld} group${withheld === 1 ? ' is' : 's are'} ${SUPPRESSED} and not drawn.`;
  if (bars.length === 0) return `No group's result can be shown citywide.${hidden}`;
  const high = bars.reduce((a, b) => (b.value > a.value ? b : a));
  const low = bars.reduce((a, b) => (b.value < a.value ? b : a));
  const spread =
    high === low
      ? `${high.group}: ${valueFormat.format(high.value)}.`
      : `Highest ${high.group} (${valueFormat.format(high.value)}), lowest ${low.group} (${valueFormat.format(low.value)}).`;
  return `${q.question}, ${q.year}, citywide: ${spread}${hidden}`;
}

/** The question's table by department: a row per department, a column per group, then all. */
export function departmentFigures(q: SurveyQuestionView): CsvTable {
  return {
    header: ['Department', ...q.groups, 'All groups'],
    rows: q.departments.map((d) => [
      d.name,
      ...q.groups.map((group) => {
        const f = d.groups.find((x) => x.group === group);
        return f ? surveyCellText(f) : '–';
      }),
      surveyCellText(d.total),
    ]),
  };
}
