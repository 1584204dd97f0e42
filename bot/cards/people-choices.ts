import { isActive, type Person } from '../../src/domain';
import type { ChoiceModel } from './attendance-card';

/**
 * Teams refuses a message over about 28 KB. A card with people pickers spends most of it on their
 * choices, so each picker gets a budget of bytes; a list that does not fit gives way to a field of
 * typed employee numbers, as on the attendance card.
 */
export const CARD_BYTES_MAX = 28 * 1024;

/** `Renee Washington · MHD-0001`: a name alone is ambiguous in a department of hundreds. */
export function personLabel(person: Pick<Person, 'displayName' | 'id'>): string {
  return `${person.displayName} · ${person.id}`;
}

/**
 * The choices of a filtered `Input.ChoiceSet` of `people` still on the staff, sorted by name, or
 * `undefined` when there is no one to offer or their choices would take more than `maxBytes` of
 * the message (the card then asks for employee numbers instead).
 * @param title how each person reads in the list (default `personLabel`).
 */
export function peopleChoices(
  people: readonly Person[],
  maxBytes: number,
  title: (person: Person) => string = personLabel,
): ChoiceModel[] | undefined {
  const offered = people.filter(isActive);
  if (offered.length === 0) return undefined;
  const choices = offered
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id))
    .map((p) => ({ id: p.id, title: title(p) }));
  // Measured as the bound card holds them: `{"title":…,"value":…}` each.
  const bytes = Buffer.byteLength(
    JSON.stringify(choices.map((c) => ({ title: c.title, value: c.id }))),
  );
  return bytes <= maxBytes ? choices : undefined;
}

/**
 * Employee numbers from a multi-select picker (its value joins them with commas) and a typed field
 * (separated by commas, semicolons, spaces or new lines), in order, blanks dropped.
 */
export function employeeNumbersIn(...values: ReadonlyArray<string | undefined>): string[] {
  return values
    .flatMap((v) => (v ?? '').split(/[\s,;]+/))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** A text cut to `max` characters at a word where it can be, with `…` when it was cut. */
export function shortened(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
