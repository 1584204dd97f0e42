import {
  cardActions,
  cardProblems,
  cardText,
  unboundExpressions,
} from '../../tests/bot/validate-card';
import { expandCard } from './render-card';
import { welcomeCardModel, welcomeTemplate } from './welcome-card';

describe('welcome card', () => {
  it('greets the person by name and says what the bot does', () => {
    const { card, warnings } = expandCard(
      welcomeTemplate,
      welcomeCardModel('Jordan Rivera', 'http://127.0.0.1:3978/'),
    );
    expect(warnings).toEqual([]);
    expect(unboundExpressions(card)).toEqual([]);
    expect(cardProblems(card)).toEqual([]);
    expect(cardText(card)).toContain('Hi Jordan Rivera,');
    expect(cardText(card)).toContain('my trainings');
    expect(cardActions(card).map((a) => a.type)).toEqual(['Action.Submit', 'Action.OpenUrl']);
  });
});
