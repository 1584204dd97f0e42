import type { Department, FocusGroup, IsoDate, SurveyResult } from '../../domain';
import type { CsvLineError } from '../indicators/indicator-types';
import {
  suppressLinkedTables,
  suppressTable,
  type CountTable,
  type SuppressionPattern,
} from '../../domain/rules/small-cell-suppression';

/** A survey figure as shown: null where it is suppressed (a small group, or its complement). */
export type SurveyFigure = { respondents: number | null; value: number | null };
export type SurveyGroupFigure = SurveyFigure & { group: string };

/** One department's results for one question: each group it reported, and its total. */
export type SurveyDepartmentRow = {
  departmentId: string;
  name: string;
  groups: SurveyGroupFigure[];
  /** All its respondents; the value is the groups' mean weighted by respondents. */
  total: SurveyFigure;
};

/** One question of one year, suppressed. */
export type SurveyQuestionView = {
  year: number;
  question: string;
  /** Every group reported for the question, in order. */
  groups: string[];
  /** By department (empty when the question was reported for the city as a whole only). */
  departments: SurveyDepartmentRow[];
  /** Each group citywide (the departments' sums) and everyone. */
  citywide: { groups: SurveyGroupFigure[]; total: SurveyFigure };
};

/** A focus group as shown: the number of participants suppressed like a survey figure. */
export type FocusGroupView = {
  id: string;
  heldOn: IsoDate;
  topic: string;
  departmentId?: string;
  participants: number | null;
};

/** `GET /api/survey`: every survey result and focus group, suppressed. */
export type SurveyResponse = {
  /** No figure is shown for fewer people than this (plan settings `thresholds.suppressionMin`). */
  threshold: number;
  /** Newest year first, then by question. */
  questions: SurveyQuestionView[];
  focusGroups: {
    held: number;
    /** Everyone who took part, when that is no small figure. */
    participants: number | null;
    list: FocusGroupView[];
  };
};

/** What storing survey aggregates did, or why nothing was stored. */
export type SurveyImportReport =
  | {
      ok: true;
      dryRun: boolean;
      /** Aggregates written (with `dryRun`, that would be written): new and replaced. */
      stored: number;
      replaced: number;
      years: number[];
    }
  | { ok: false; rows: number; errors: CsvLineError[] };

/** A mean weighted by respondents, two decimals; null without respondents. */
function weightedMean(parts: ReadonlyArray<{ respondents: number; value: number }>): number | null {
  const n = parts.reduce((s, p) => s + p.respondents, 0);
  if (n === 0) return null;
  return Math.round((parts.reduce((s, p) => s + p.respondents * p.value, 0) / n) * 100) / 100;
}

const figure = (hidden: boolean, respondents: number, value: number | null): SurveyFigure =>
  hidden ? { respondents: null, value: null } : { respondents, value };

/** The rows of one (year, question): departments in store order ('' for a citywide-only row). */
type Slice = { year: number; question: string; results: SurveyResult[] };

function tableOf(slice: Slice, departmentOrder: readonly string[]): CountTable {
  const rows = [...new Set(slice.results.map((r) => r.departmentId ?? ''))].sort(
    (a, b) => departmentOrder.indexOf(a) - departmentOrder.indexOf(b) || a.localeCompare(b),
  );
  const columns = [...new Set(slice.results.map((r) => r.group))];
  const counts = rows.map((row) =>
    columns.map(
      (group) =>
        slice.results.find((r) => (r.departmentId ?? '') === row && r.group === group)?.respondents,
    ),
  );
  return { rows, columns, counts };
}

function questionView(
  slice: Slice,
  table: CountTable,
  p: SuppressionPattern,
  names: ReadonlyMap<string, string>,
): SurveyQuestionView {
  const cell = (row: string, group: string) =>
    slice.results.find((r) => (r.departmentId ?? '') === row && r.group === group);
  const departments: SurveyDepartmentRow[] = table.rows.flatMap((row, r) => {
    if (row === '') return [];
    const own = slice.results.filter((x) => x.departmentId === row);
    return [
      {
        departmentId: row,
        name: names.get(row) ?? row,
        groups: table.columns.flatMap((group, c) => {
          const found = cell(row, group);
          return found
            ? [{ group, ...figure(p.cells[r]![c]!, found.respondents, found.value) }]
            : [];
        }),
        total: figure(
          p.rowTotals[r]!,
          own.reduce((s, x) => s + x.respondents, 0),
          weightedMean(own),
        ),
      },
    ];
  });
  return {
    year: slice.year,
    question: slice.question,
    groups: [...table.columns],
    departments,
    citywide: {
      groups: table.columns.map((group, c) => {
        const own = slice.results.filter((x) => x.group === group);
        return {
          group,
          ...figure(
            p.columnTotals[c]!,
            own.reduce((s, x) => s + x.respondents, 0),
            weightedMean(own),
          ),
        };
      }),
      total: figure(
        p.grandTotal,
        slice.results.reduce((s, x) => s + x.respondents, 0),
        weightedMean(slice.results),
      ),
    },
  };
}

/**
 * Survey results and focus groups as they may be shown: every question's figures by department,
 * group and citywide, with small-cell suppression across groups, departments and totals, and
 * across the questions of a year (answered by the same people). Raw answers never reach reap;
 * this is the only form in which the aggregates leave it.
 * @param year only that year's results and focus groups.
 */
export function suppressedSurvey(
  results: readonly SurveyResult[],
  focusGroups: readonly FocusGroup[],
  departments: readonly Department[],
  threshold: number,
  year?: number,
): SurveyResponse {
  const names = new Map(departments.map((d) => [d.id, d.name]));
  const order = ['', ...departments.map((d) => d.id)];
  const slices = new Map<string, Slice>();
  for (const r of results) {
    if (year !== undefined && r.year !== year) continue;
    const key = `${r.year}\u0000${r.question}`;
    const slice = slices.get(key) ?? { year: r.year, question: r.question, results: [] };
    slice.results.push(r);
    slices.set(key, slice);
  }
  const questions: SurveyQuestionView[] = [];
  const years = [...new Set([...slices.values()].map((s) => s.year))].sort((a, b) => b - a);
  for (const y of years) {
    const own = [...slices.values()]
      .filter((s) => s.year === y)
      .sort((a, b) => a.question.localeCompare(b.question, 'en'));
    const tables = own.map((s) => tableOf(s, order));
    const patterns = suppressLinkedTables(tables, threshold);
    own.forEach((s, i) => questions.push(questionView(s, tables[i]!, patterns[i]!, names)));
  }

  const held = focusGroups.filter((g) => year === undefined || g.heldOn.startsWith(`${year}-`));
  const table: CountTable = {
    rows: ['focus groups'],
    columns: held.map((g) => g.id),
    counts: [held.map((g) => g.participants)],
  };
  const p = suppressTable(table, threshold);
  return {
    threshold,
    questions,
    focusGroups: {
      held: held.length,
      participants:
        held.length === 0
          ? 0
          : p.grandTotal || p.rowTotals[0]
            ? null
            : held.reduce((s, g) => s + g.participants, 0),
      list: held.map((g, c) => ({
        id: g.id,
        heldOn: g.heldOn,
        topic: g.topic,
        ...(g.departmentId ? { departmentId: g.departmentId } : {}),
        participants: p.cells[0]![c] ? null : g.participants,
      })),
    },
  };
}
