import { cardProblems, cardText, unboundExpressions } from '../../tests/bot/validate-card';
import { helpCardModel, helpTemplate } from './help-card';
import { expandCard } from './render-card';

describe('help card', () => {
  it('lists the commands, and My plan for an employee', () => {
    const { card, warnings } = expandCard(helpTemplate, helpCardModel('http://127.0.0.1:3978/'));
    expect(warnings).toEqual([]);
    expect(unboundExpressions(card)).toEqual([]);
    expect(cardProblems(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toContain('my trainings: ');
    expect(text).toContain('help: ');
    expect(text).toContain('**My plan** tab');
    expect(text).not.toContain("didn't understand");
  });

  it('lists attendance only for those who may record it', () => {
    const lead = expandCard(
      helpTemplate,
      helpCardModel('http://127.0.0.1:3978/', undefined, { canRecordAttendance: true }),
    );
    expect(lead.warnings).toEqual([]);
    expect(cardProblems(lead.card)).toEqual([]);
    expect(cardText(lead.card)).toContain('attendance: Record who attended an in-person');
    const employee = expandCard(helpTemplate, helpCardModel('http://127.0.0.1:3978/'));
    expect(cardText(employee.card)).not.toContain('attendance');
  });

  it('lists the forms for leads and review for the officer only', () => {
    const officer = expandCard(
      helpTemplate,
      helpCardModel('http://127.0.0.1:3978/', undefined, { canUseForms: true, canReview: true }),
    );
    expect(cardProblems(officer.card)).toEqual([]);
    expect(cardText(officer.card)).toContain('forms: The racial equity forms');
    expect(cardText(officer.card)).toContain('review: Toolkit analyses waiting');
    const lead = expandCard(
      helpTemplate,
      helpCardModel('http://127.0.0.1:3978/', undefined, { canUseForms: true }),
    );
    expect(cardText(lead.card)).toContain('forms: ');
    expect(cardText(lead.card)).not.toContain('review: ');
    const employee = expandCard(helpTemplate, helpCardModel('http://127.0.0.1:3978/'));
    expect(cardText(employee.card)).not.toContain('forms: ');
  });

  it('echoes text it did not understand, shortened', () => {
    const long = 'x'.repeat(200);
    const { card } = expandCard(helpTemplate, helpCardModel('http://127.0.0.1:3978/', long));
    const text = cardText(card);
    expect(text).toContain(`I didn't understand "${'x'.repeat(59)}…".`);
    expect(cardProblems(card)).toEqual([]);
  });
});
