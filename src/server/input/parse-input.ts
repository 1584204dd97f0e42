import type { z } from 'zod';
import { ValidationError } from '../../domain';

/** Where an input came from, named in the error's `field` when the whole input is wrong. */
export type InputPart = 'body' | 'query' | 'params' | 'data';

const RULES: Record<string, string> = {
  invalid_type: 'type',
  too_big: 'max',
  too_small: 'min',
  invalid_format: 'format',
  invalid_value: 'one-of',
  unrecognized_keys: 'unknown-field',
  invalid_union: 'type',
  not_multiple_of: 'step',
  custom: 'rule',
};

/**
 * Parses an input with its schema into a typed value.
 * @throws ValidationError naming the first wrong field (`completedOn`, or the part, `body`, when
 * the input as a whole is wrong) and the rule it broke (`unknown-field`, `max`, `format`, …).
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  part: InputPart,
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (!issue) throw new ValidationError(part, 'invalid', `${part}: is not valid`);
  const unknown = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const path = [...issue.path.map(String), ...(unknown === undefined ? [] : [unknown])];
  // A hostile field name is named back only in part, and only in printable ASCII.
  const field =
    path.length > 0
      ? path
          .join('.')
          .replace(/[^\x20-\x7e]/g, '?')
          .slice(0, 80)
      : part;
  const rule = RULES[issue.code] ?? issue.code;
  const message =
    issue.code === 'unrecognized_keys'
      ? `${field}: is not a field reap accepts here`
      : `${field}: ${issue.message}`;
  throw new ValidationError(field, rule, message);
}
