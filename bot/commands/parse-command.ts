/** What a person's message asks for. */
export type Command =
  | { kind: 'help' }
  | { kind: 'my-trainings' }
  /** `attendance`, or `attendance MPD`: `department` is the id typed, in lower case. */
  | { kind: 'attendance'; department?: string }
  | { kind: 'unknown'; text: string };

const MY_TRAININGS = new Set(['my trainings', 'my training', 'trainings', 'training']);
const HELP = new Set(['help', '?', 'hi', 'hello', 'start']);

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
  return { kind: 'unknown', text: raw };
}
