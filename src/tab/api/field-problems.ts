import { ApiError } from './api-client';
import type { CsvLineError } from './api-types';

/** Why the server refused a form: messages by the form's field, and what belongs to no field. */
export type FieldProblems = {
  /** The server's message for each field it named, keyed by the form's own field name. */
  byField: ReadonlyMap<string, string>;
  /** The refusal when it names no field of the form (a 403, the server unreachable, …). */
  other?: unknown;
};

export const NO_PROBLEMS: FieldProblems = { byField: new Map() };

/**
 * Sorts a refused request's problems to the fields of the form that sent it. A 400 names one
 * field (`year`, `results.0.respondents`) or, for an entry refused row by row, every bad line;
 * `fieldOf` says which of the form's fields that is, or undefined when the form has none such.
 * Branches on the status and the named field, never on message text.
 */
export function fieldProblems(
  error: unknown,
  fieldOf: (serverField: string, line?: CsvLineError) => string | undefined,
): FieldProblems {
  if (!(error instanceof ApiError) || error.status !== 400)
    return { byField: new Map(), other: error };
  const byField = new Map<string, string>();
  const lines = error.details.lines ?? [];
  for (const line of lines) {
    const field = fieldOf(line.field, line);
    if (field === undefined) return { byField: new Map(), other: error };
    // A field with two problems shows both, in the server's order; the same one (a year wrong
    // on every row) once.
    const said = `${line.field}: ${line.message}`;
    const before = byField.get(field);
    if (before === undefined) byField.set(field, said);
    else if (!before.split('\n').includes(said)) byField.set(field, `${before}\n${said}`);
  }
  if (lines.length > 0) return { byField };
  const field = error.details.field === undefined ? undefined : fieldOf(error.details.field);
  if (field === undefined) return { byField: new Map(), other: error };
  return { byField: new Map([[field, error.message]]) };
}

/**
 * The value to send for a number typed into a text box: the number when it is one, else the text
 * as typed, so the server names the field and the rule it breaks ("must be a whole number").
 */
export function typedNumber(text: string): number | string {
  const trimmed = text.trim();
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : text;
}
