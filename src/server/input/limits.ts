import { z } from 'zod';

/** A SharePoint single line of text holds at most 255 characters. */
export const TEXT_MAX = 255;
/** A SharePoint multiple-lines-of-text (note) column holds at most 63,999 characters. */
export const NOTE_MAX = 63_999;

/** One line of text as a SharePoint text column stores it: trimmed, 1–255 characters, no line breaks. */
export const text = () =>
  z
    .string()
    .trim()
    .min(1, { message: 'must not be empty' })
    .max(TEXT_MAX, { message: `must be at most ${TEXT_MAX} characters` })
    .regex(/^[^\r\n]*$/, { message: 'must be one line' });

/** Free text as a note column stores it: at most 63,999 characters. */
export const note = () =>
  z.string().max(NOTE_MAX, { message: `must be at most ${NOTE_MAX} characters` });

/**
 * The id of a plan record (a training, wave, department): letters, digits, `.`, `_` and `-`, as
 * the seed names them; never anything an OData filter or a path could read as syntax.
 */
export const recordId = () =>
  z
    .string()
    .min(1, { message: 'must not be empty' })
    .max(100, { message: 'must be at most 100 characters' })
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
      message: 'must be an id (letters, digits, . _ -)',
    });

/** A calendar date, `YYYY-MM-DD`, that exists. */
export const isoDate = () => z.iso.date({ message: 'must be a date (YYYY-MM-DD)' });
