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

  it('keeps the text of anything else, without the mention', () => {
    expect(parseCommand('<at>reap</at> what is this')).toEqual({
      kind: 'unknown',
      text: 'what is this',
    });
  });
});
