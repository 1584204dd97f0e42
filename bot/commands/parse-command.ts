import type { FormName } from '../forms/form-kit';

/** What a person's message asks for. */
export type Command =
  | { kind: 'help' }
  | { kind: 'my-trainings' }
  /** `attendance`, or `attendance MPD`: `department` is the id typed, in lower case. */
  | { kind: 'attendance'; department?: string }
  /**
   * `forms` (the menu, no `form`) or a form's word (`toolkit`, `log meeting`, …), with a
   * department id for the officer (`toolkit MHD`), in lower case.
   */
  | { kind: 'form'; form?: FormName; department?: string }
  /** `review`: the Equity Officer's toolkit analyses waiting for review. */
  | { kind: 'review' }
  | { kind: 'unknown'; text: string };

const MY_TRAININGS = new Set(['my trainings', 'my training', 'trainings', 'training']);
const HELP = new Set(['help', '?', 'hi', 'hello', 'start']);

/** The words that open each form; `forms` opens the menu. */
const FORM_WORDS: Array<[RegExp, FormName | undefined]> = [
  [/^(?:forms?|menu)$/, undefined],
  [/^(?:toolkit|gare|analysis|toolkit analysis)$/, 'toolkit'],
  [/^(?:team|relt|leadership team)$/, 'team'],
  [/^(?:ambassadors?)$/, 'ambassadors'],
  [/^(?:vision|vision statement)$/, 'vision'],
  [/^(?:mis|impact statement|minority impact statement)$/, 'mis'],
  [/^(?:update|status|strategy status|strategies)$/, 'update'],
  [/^(?:log meeting|meeting|log a meeting|partnership meeting)$/, 'meeting'],
  [/^(?:log outreach|outreach|log an outreach event|outreach event)$/, 'outreach'],
];

/** A form's words, optionally followed by a department id (`toolkit mhd`). */
function formCommand(words: string): Command | undefined {
  for (const [pattern, form] of FORM_WORDS) {
    for (const candidate of [words, words.replace(/ \S+$/, '')]) {
      if (!pattern.test(candidate)) continue;
      const department = candidate === words ? undefined : words.slice(candidate.length + 1);
      return {
        kind: 'form',
        ...(form ? { form } : {}),
        ...(department ? { department } : {}),
      };
    }
  }
  return undefined;
}

/**
 * Reads a command from message text: case and punctuation do not matter, and the bot's own
 * @mention (which Teams puts in the text of channel and group-chat messages) is ignored.
 */
export function parseCommand(text: string | undefined): Command {
  const raw = (text ?? '').replace(/<at>[^<]*<\/at>/gi, ' ').trim();
  const words = raw
    .toLowerCase()
    .replace(/[.!?,;:]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (words === '' || HELP.has(words)) return { kind: 'help' };
  if (MY_TRAININGS.has(words) || words === 'show my trainings') return { kind: 'my-trainings' };
  const attendance = /^(?:record )?attendance(?: (\S+))?$/.exec(words);
  if (attendance) {
    return attendance[1]
      ? { kind: 'attendance', department: attendance[1] }
      : { kind: 'attendance' };
  }
  if (words === 'review' || words === 'reviews') return { kind: 'review' };
  return formCommand(words) ?? { kind: 'unknown', text: raw };
}
