import { cardProblems, unboundExpressions } from '../../tests/bot/validate-card';
import { noticeTemplate } from './notice-card';
import { expandCard } from './render-card';

describe('notice card', () => {
  it('binds a heading and a sentence', () => {
    const { card, warnings } = expandCard(noticeTemplate, { title: 'T', text: 'Some text.' });
    expect(warnings).toEqual([]);
    expect(unboundExpressions(card)).toEqual([]);
    expect(cardProblems(card)).toEqual([]);
  });
});
