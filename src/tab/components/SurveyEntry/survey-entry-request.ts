// The hand-entry form of the survey as the request the server takes (`POST /api/survey/results`),
// and the server's answer mapped back to the form's fields. No DOM, so it runs under Node.
import type { CsvLineError, SurveyEntryRequest } from '../../api/api-types';
import { typedNumber } from '../../api/field-problems';

/** One group's row of the form, as typed. `key` stays with the row when others are removed. */
export type EntryRow = { key: number; group: string; respondents: string; value: string };

/** The form as typed: `departmentId` empty for a result of the whole city. */
export type SurveyEntryForm = {
  year: string;
  departmentId: string;
  question: string;
  rows: EntryRow[];
};

/** A column of a group's row. */
export type EntryColumn = 'group' | 'respondents' | 'value';

/**
 * The request body: numbers typed as text that is no number go as typed (the server then names
 * the field and rule), and a row left wholly empty is not sent.
 */
export type SurveyEntryDraft = Omit<SurveyEntryRequest, 'year' | 'results'> & {
  year: number | string;
  results: Array<{ group: string; respondents: number | string; value: number | string }>;
};

const blank = (r: EntryRow) => !r.group.trim() && !r.respondents.trim() && !r.value.trim();

/** The body to send, and the key of the form row each of its `results` came from. */
export function surveyEntryRequest(form: SurveyEntryForm): {
  body: SurveyEntryDraft;
  rowKeys: number[];
} {
  const sent = form.rows.filter((r) => !blank(r));
  return {
    body: {
      year: typedNumber(form.year),
      ...(form.departmentId ? { departmentId: form.departmentId } : {}),
      question: form.question,
      results: sent.map((r) => ({
        group: r.group,
        respondents: typedNumber(r.respondents),
        value: typedNumber(r.value),
      })),
    },
    rowKeys: sent.map((r) => r.key),
  };
}

/** The form's name for a cell of a group's row: `row-3-respondents`. */
export const rowField = (key: number, column: EntryColumn) => `row-${key}-${column}`;

const COLUMNS: readonly string[] = ['group', 'respondents', 'value'] satisfies EntryColumn[];

/**
 * The form field a server's problem belongs to: `year`, `departmentId`, `question`, `results`
 * (the groups as a whole) or a row's cell. A refused entry names its rows as lines (the first
 * group sent is line 1) and the department as `department`; a problem of a whole row (a group
 * given twice) is shown beside its group.
 */
export function entryFieldOf(
  serverField: string,
  rowKeys: readonly number[],
  line?: CsvLineError,
): string | undefined {
  if (line) {
    if (serverField === 'year' || serverField === 'question') return serverField;
    if (serverField === 'department') return 'departmentId';
    const key = rowKeys[line.line - 1];
    if (key === undefined) return undefined;
    if (serverField === 'row') return rowField(key, 'group');
    return COLUMNS.includes(serverField) ? rowField(key, serverField as EntryColumn) : undefined;
  }
  if (['year', 'departmentId', 'question', 'results'].includes(serverField)) return serverField;
  const cell = /^results\.(\d+)\.(\w+)$/.exec(serverField);
  const key = cell ? rowKeys[Number(cell[1])] : undefined;
  if (!cell || key === undefined || !COLUMNS.includes(cell[2]!)) return undefined;
  return rowField(key, cell[2] as EntryColumn);
}
