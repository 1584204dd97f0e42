import { parseCommand } from './parse-command';

describe('parseCommand', () => {
  it.each([
    ['my trainings', 'my-trainings'],
    ['  My Trainings! ', 'my-trainings'],
    ['<at>reap</at> my trainings', 'my-trainings'],
    ['trainings', 'my-trainings'],
    ['help', 'help'],
    ['HELP?', 'help'],
    ['', 'help'],
    [undefined, 'help'],
  ])('reads %p as %s', (text, kind) => {
    expect(parseCommand(text).kind).toBe(kind);
  });

  it.each([
    ['attendance', undefined],
    ['Attendance.', undefined],
    ['<at>reap</at> record attendance', undefined],
    ['attendance MPD', 'mpd'],
    ['  ATTENDANCE  dpw! ', 'dpw'],
  ])('reads %p as attendance, for department %p', (text, department) => {
    expect(parseCommand(text)).toEqual(
      department === undefined ? { kind: 'attendance' } : { kind: 'attendance', department },
    );
  });

  it('does not read more than one word after attendance as a department', () => {
    expect(parseCommand('attendance of the police')).toEqual({
      kind: 'unknown',
      text: 'attendance of the police',
    });
  });

  it.each([
    ['forms', {}],
    ['Forms.', {}],
    ['toolkit', { form: 'toolkit' }],
    ['toolkit MHD', { form: 'toolkit', department: 'mhd' }],
    ['team', { form: 'team' }],
    ['RELT dpw', { form: 'team', department: 'dpw' }],
    ['ambassadors', { form: 'ambassadors' }],
    ['vision', { form: 'vision' }],
    ['mis', { form: 'mis' }],
    ['update', { form: 'update' }],
    ['log meeting', { form: 'meeting' }],
    ['<at>reap</at> log meeting MHD', { form: 'meeting', department: 'mhd' }],
    ['log outreach', { form: 'outreach' }],
  ])('reads %p as a form command', (text, expected) => {
    expect(parseCommand(text)).toEqual({ kind: 'form', ...expected });
  });

  it('reads review as the officer review queue, and two words after a form as unknown', () => {
    expect(parseCommand('Review')).toEqual({ kind: 'review' });
    expect(parseCommand('toolkit for the police').kind).toBe('unknown');
  });

  it('keeps the text of anything else, without the mention', () => {
    expect(parseCommand('<at>reap</at> what is this')).toEqual({
      kind: 'unknown',
      text: 'what is this',
    });
  });
});
