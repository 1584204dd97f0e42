import { createHash } from 'node:crypto';
import type { SurveyResult } from '../../domain';
import {
  decimalNumber,
  numberProblem,
  readCsvTable,
  shown,
  wholeNumber,
  type CsvLineError,
} from '../indicators/csv-table';

/** The columns of a survey CSV, in any order: one row per year, department, question and group. */
export const SURVEY_CSV_COLUMNS = [
  'year',
  'department',
  'question',
  'group',
  'respondents',
  'value',
] as const;

/** What the `department` column may say for a result of the whole city (no department). */
export const CITYWIDE_WORDS = ['', 'citywide', 'all', 'city'] as const;

export const SURVEY_TEXT_MAX = { question: 255, group: 60 } as const;
/** Oldest survey year accepted. */
export const SURVEY_FIRST_YEAR = 2000;
/** Most rows one file may hold (20 departments × 40 questions × 10 groups is 8,000). */
export const MAX_SURVEY_ROWS = 20_000;
/** Largest group reap accepts: more than a large state's workforce is a typing error. */
export const MAX_RESPONDENTS = 1_000_000;

/** One aggregate as given (a CSV row, or one group of an entry), before it is checked. */
export type SurveyRowInput = {
  /** The CSV line, or the position of the group in an entry (1-based). */
  line: number;
  year: string;
  department: string;
  question: string;
  group: string;
  respondents: string;
  value: string;
};

/**
 * A stable id per year, department, question and group, so importing a corrected file replaces
 * the figures instead of adding to them. Short and safe for SharePoint's key column.
 */
export function surveyResultId(
  r: Pick<SurveyResult, 'year' | 'departmentId' | 'question' | 'group'>,
): string {
  const hash = createHash('sha256')
    .update(`${r.year}\u0000${r.departmentId ?? ''}\u0000${r.question}\u0000${r.group}`)
    .digest('hex')
    .slice(0, 20);
  return `survey-${r.year}-${r.departmentId ?? 'city'}-${hash}`;
}

const sliceKey = (r: Pick<SurveyResult, 'year' | 'question'>) => `${r.year}\u0000${r.question}`;

/**
 * Checks survey aggregates row by row: year a whole number from 2000 to this year, department one
 * of the plan's (or citywide), question and group present and within SharePoint's lengths,
 * respondents a whole number, value a plain number, one row per year, department, question and
 * group. Refuses, as a whole, what looks like individual answers rather than aggregates (every
 * group a single respondent), and a question reported both by department and citywide only.
 * @param stored results already kept, for the last check.
 */
export function checkSurveyRows(
  rows: readonly SurveyRowInput[],
  options: {
    thisYear: number;
    departmentIds: ReadonlySet<string>;
    stored: readonly SurveyResult[];
    /** Lines refused before (a CSV row with the wrong number of fields), reported with the rest. */
    refused?: readonly CsvLineError[];
  },
): { ok: true; results: SurveyResult[] } | { ok: false; rows: number; errors: CsvLineError[] } {
  const errors: CsvLineError[] = [...(options.refused ?? [])];
  const total = rows.length + (options.refused?.length ?? 0);
  const bad = (line: number, field: string, rule: string, message: string) =>
    errors.push({ line, field, rule, message });
  const departments = new Map([...options.departmentIds].map((id) => [id.toLowerCase(), id]));
  const results: Array<SurveyResult & { line: number }> = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const { line } = row;
    const before = errors.length;
    const year = wholeNumber(row.year);
    if (row.year === '') bad(line, 'year', 'required', 'is empty');
    else if (year === undefined) {
      bad(line, 'year', 'whole-number', `${shown(row.year)} is not a whole number`);
    } else if (year < SURVEY_FIRST_YEAR || year > options.thisYear) {
      bad(
        line,
        'year',
        'range',
        `${year} is not between ${SURVEY_FIRST_YEAR} and ${options.thisYear}`,
      );
    }
    const citywide = (CITYWIDE_WORDS as readonly string[]).includes(row.department.toLowerCase());
    const departmentId = citywide ? undefined : departments.get(row.department.toLowerCase());
    if (!citywide && !departmentId) {
      bad(
        line,
        'department',
        'one-of',
        `${shown(row.department)} is not a department id of the plan (leave it empty, or write citywide, for the whole city)`,
      );
    }
    for (const column of ['question', 'group'] as const) {
      const value = row[column];
      const max = SURVEY_TEXT_MAX[column];
      if (value === '') bad(line, column, 'required', 'is empty');
      else if (/[\r\n]/.test(value)) bad(line, column, 'one-line', 'must be one line');
      else if (value.length > max)
        bad(line, column, 'max', `is ${value.length} characters; at most ${max}`);
    }
    const respondents = wholeNumber(row.respondents);
    if (row.respondents === '') bad(line, 'respondents', 'required', 'is empty');
    else if (respondents === undefined || respondents < 0) {
      bad(
        line,
        'respondents',
        'whole-number',
        `${shown(row.respondents)} is not a whole number of people`,
      );
    } else if (respondents > MAX_RESPONDENTS) {
      bad(line, 'respondents', 'max', `${respondents} is more people than any city employs`);
    }
    const value = decimalNumber(row.value);
    if (value === undefined) bad(line, 'value', 'number', numberProblem(row.value));
    if (
      errors.length > before ||
      year === undefined ||
      respondents === undefined ||
      value === undefined
    ) {
      continue;
    }
    const result: SurveyResult = {
      id: '',
      year,
      ...(departmentId ? { departmentId } : {}),
      question: row.question,
      group: row.group,
      respondents,
      value,
    };
    result.id = surveyResultId(result);
    const first = seen.get(result.id);
    if (first !== undefined) {
      // Individual answers repeat their group: aggregates never do.
      bad(
        line,
        'row',
        'unique',
        `repeats line ${first} (the same year, department, question and group): give one aggregate per group; individual answers are never imported`,
      );
      continue;
    }
    seen.set(result.id, line);
    results.push({ ...result, line });
  }
  if (results.length >= 5 && results.every((r) => r.respondents <= 1)) {
    return {
      ok: false,
      rows: total,
      errors: [
        {
          line: results[0]?.line ?? 1,
          field: 'respondents',
          rule: 'aggregates-only',
          message:
            'every row has one respondent or none: this looks like individual answers. reap keeps only aggregates (respondents and result per group); aggregate the answers first',
        },
      ],
    };
  }
  // A question is reported by department or for the city as a whole, never both: the citywide
  // figures are the departments' sums, and a second set would undo the suppression.
  const shape = new Map<string, { department: boolean; citywide: boolean }>();
  for (const r of [...options.stored, ...results]) {
    const s = shape.get(sliceKey(r)) ?? { department: false, citywide: false };
    if (r.departmentId) s.department = true;
    else s.citywide = true;
    shape.set(sliceKey(r), s);
  }
  for (const r of results) {
    const s = shape.get(sliceKey(r));
    if (s?.department && s.citywide && !r.departmentId) {
      bad(
        r.line,
        'department',
        'one-shape',
        `the ${r.year} question ${shown(r.question)} is reported by department too; give its figures by department only (the citywide ones are their sums)`,
      );
    }
  }
  if (errors.length)
    return { ok: false, rows: total, errors: errors.sort((a, b) => a.line - b.line) };
  return { ok: true, results: results.map(({ line: _line, ...r }) => r) };
}

/** Reads a survey CSV into rows for `checkSurveyRows`, or names why it cannot. */
export function readSurveyCsv(
  text: string,
):
  | { ok: true; rows: SurveyRowInput[]; errors: CsvLineError[] }
  | { ok: false; rows: number; errors: CsvLineError[] } {
  const table = readCsvTable(text, SURVEY_CSV_COLUMNS, MAX_SURVEY_ROWS);
  if (!table.ok) return table;
  return {
    ok: true,
    rows: table.rows.map(({ line, values }) => ({ line, ...values })),
    errors: table.errors,
  };
}
