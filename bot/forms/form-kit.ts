import type { Attachment, TurnContext } from 'botbuilder';
import { z } from 'zod';
import { ValidationError, type Department, type Person } from '../../src/domain';
import type { Action, PersonActor } from '../../src/domain/authorization';
import { NOTE_MAX } from '../../src/server/input/limits';
import type { BotDeps } from '../bot-deps';

/**
 * The lead forms, by the word that opens them in chat (`toolkit`, `team`, …). `forms` alone opens
 * the menu of all of them.
 */
export const FORM_NAMES = [
  'toolkit',
  'team',
  'ambassadors',
  'vision',
  'mis',
  'update',
  'meeting',
  'outreach',
] as const;
export type FormName = (typeof FORM_NAMES)[number];

/**
 * Where a form's handler runs: the verified person asking (never from card data), the department
 * the authorisation module allowed them to act for, and the bot's dependencies.
 */
export type FormScope = {
  context: TurnContext;
  actor: PersonActor;
  person: Person;
  department: Department;
  deps: BotDeps;
};

/**
 * One button of a form (`Action.Execute` verb, with an `Action.Submit` fallback carrying the same
 * data plus `verb`). `data` parses the button's data merged with the card's inputs, strictly
 * (unknown fields refused); it must name the department (`departmentId`), which is authorised for
 * `action` before `answer` runs. It checks the shape only (text capped at `NOTE_MAX`): the rules
 * of each field (a column's length, a date's range) belong to the service, whose `ValidationError`
 * the card shows beside the field (`messagesFor`). `answer` returns the card shown in place of the one pressed: the
 * form again with messages beside the wrong fields (nothing stored), or the saved record.
 */
export type FormVerb<
  S extends z.ZodType<{ departmentId: string }> = z.ZodType<{ departmentId: string }>,
> = {
  verb: string;
  data: S;
  action: Action;
  answer(scope: FormScope, input: z.output<S>): Promise<Attachment>;
};

/** Declares a verb with its input typed from its schema. */
export function formVerb<S extends z.ZodType<{ departmentId: string }>>(
  verb: FormVerb<S>,
): FormVerb {
  return verb as unknown as FormVerb;
}

/** A lead form: how it opens from chat or the menu, and the buttons its cards carry. */
export type FormDefinition = {
  name: FormName;
  /** What to type in chat, e.g. `log meeting`. */
  command: string;
  /** The menu's button title, e.g. `Log a partnership meeting`. */
  title: string;
  /** One line under the title in the menu. */
  description: string;
  /** Who may open it for a department (the record is the department). */
  action: Action;
  /** The form of `scope.department`, prefilled with what is stored. */
  open(scope: FormScope): Promise<Attachment>;
  verbs: FormVerb[];
};

/** Messages beside fields, and one above the form for what no field stands for. */
export type FormMessages<F extends string> = {
  errors?: Partial<Record<F, string>>;
  notice?: string;
};

/**
 * What a form's text input accepts: only a length cap, as its rules are the service's, so that a
 * message can stand beside the field.
 */
export const typed = () => z.string().max(NOTE_MAX).optional();

/** The sentence a refused save's messages end with. */
export const NOTHING_WAS_SAVED = 'Nothing was saved.';

/**
 * The notice above a form whose save was refused: the refusal's own notice, saying nothing was
 * saved, or, when every message stands beside its input, a pointer to the input marked.
 * @param marked what the form calls an input, e.g. `answer` or `strategy`.
 */
export function nothingSavedNotice(notice?: string, marked = 'field'): string {
  return notice
    ? `${notice} ${NOTHING_WAS_SAVED}`
    : `Nothing was saved: correct the ${marked} marked below.`;
}

/**
 * Where a service's refusal goes on the card: beside its field when the card has that input,
 * else above the form. Anything but a `ValidationError` is rethrown (to `onTurnError`).
 * @param fieldOf maps a service field name to the card's input id when they differ.
 * @param options.suffix a sentence added to the message, wherever it stands (e.g.
 * `NOTHING_WAS_SAVED`).
 */
export function messagesFor<F extends string>(
  error: unknown,
  fields: readonly F[],
  fieldOf: Partial<Record<string, F>> = {},
  options: { suffix?: string } = {},
): FormMessages<F> {
  if (!(error instanceof ValidationError)) throw error;
  const field =
    fieldOf[error.field] ?? (fields as readonly string[]).find((f) => f === error.field);
  // parseInput's messages read `title: must …`; beside the field, the field's name is redundant.
  const text = error.message.startsWith(`${error.field}: `)
    ? error.message.slice(error.field.length + 2)
    : error.message;
  const sentence = `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;
  const message = options.suffix ? `${sentence} ${options.suffix}` : sentence;
  return field
    ? { errors: { [field]: message } as Partial<Record<F, string>> }
    : { notice: message };
}
