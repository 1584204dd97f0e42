import { z } from 'zod';
import { ValidationError } from '../../domain';
import { TEXT_MAX as SHAREPOINT_TEXT_MAX } from '../../store/sharepoint/schema';
import { isoDate, note, NOTE_MAX, recordId, text, TEXT_MAX } from './limits';
import { parseInput } from './parse-input';

const body = z.strictObject({ title: text(), notes: note().optional(), on: isoDate().optional() });

function refusal(value: unknown): Pick<ValidationError, 'field' | 'rule' | 'message'> {
  try {
    parseInput(body, value, 'body');
  } catch (error) {
    if (error instanceof ValidationError) {
      return { field: error.field, rule: error.rule, message: error.message };
    }
    throw error;
  }
  throw new Error('accepted');
}

describe('parseInput', () => {
  it('returns the typed value', () => {
    expect(parseInput(body, { title: ' Vision ' }, 'body')).toEqual({ title: 'Vision' });
  });

  it('names the field and the rule', () => {
    expect(refusal({ title: 'x'.repeat(256) })).toMatchObject({ field: 'title', rule: 'max' });
    expect(refusal({ title: '' })).toMatchObject({ field: 'title', rule: 'min' });
    expect(refusal({ title: 'a\nb' })).toMatchObject({ field: 'title', rule: 'format' });
    expect(refusal({ title: 'x', on: '2021-02-30' })).toMatchObject({
      field: 'on',
      rule: 'format',
    });
    expect(refusal({ title: 3 })).toMatchObject({ field: 'title', rule: 'type' });
    expect(refusal({ title: 'x', notes: 'n'.repeat(NOTE_MAX + 1) })).toMatchObject({
      field: 'notes',
      rule: 'max',
    });
  });

  it('refuses a field it does not know, naming it', () => {
    expect(refusal({ title: 'x', personId: 'MPL-0001' })).toEqual({
      field: 'personId',
      rule: 'unknown-field',
      message: 'personId: is not a field reap accepts here',
    });
  });

  it('names the input as a whole when it is not an object', () => {
    expect(refusal('a string')).toMatchObject({ field: 'body', rule: 'type' });
    expect(refusal(null)).toMatchObject({ field: 'body', rule: 'type' });
  });

  it('names a hostile field only in part, in printable characters', () => {
    const { field } = refusal({ title: 'x', ['\u0000\n'.repeat(100)]: 1 });
    expect(field.length).toBeLessThanOrEqual(80);
    expect(field).toMatch(/^[\x20-\x7e]+$/);
  });

  it('holds ids to characters an OData filter or a path cannot read as syntax', () => {
    for (const bad of ["a' or 1 eq 1", '../x', 'a/b', '', '-x', 'x'.repeat(101)]) {
      expect(recordId().safeParse(bad).success).toBe(false);
    }
    expect(recordId().safeParse('racial-equity-101').success).toBe(true);
  });

  it('uses the limits of the SharePoint columns', () => {
    expect(TEXT_MAX).toBe(SHAREPOINT_TEXT_MAX);
    expect(NOTE_MAX).toBe(63_999);
  });
});
