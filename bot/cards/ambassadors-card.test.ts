import { MILWAUKEE_2020_2021, type Department, type Person } from '../../src/domain';
import type { AmbassadorsRoster } from '../../src/services/forms/ambassadors-service';
import { cardProblems, unboundExpressions } from '../../tests/bot/validate-card';
import { ambassadorsCardModel, ambassadorsTemplate, AMBASSADORS_LISTED } from './ambassadors-card';
import { expandCard } from './render-card';

/** Teams refuses a bot message larger than about 28 KB. */
const TEAMS_MESSAGE_BYTES = 28 * 1024;

const department: Department = { id: 'MPD', name: 'Milwaukee Police Department' };

function staff(count: number): Person[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `MPD-${String(i + 1).padStart(5, '0')}`,
    aadObjectId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    displayName: `Alexandria Montgomery-Washington ${i}`,
    upn: `p${i}@milwaukee.gov`,
    departmentId: 'MPD',
    tier: 'employee',
    jobTitle: 'Officer',
  }));
}

function roster(people: number, ambassadors: number): AmbassadorsRoster {
  const all = staff(people);
  return {
    people: all,
    ambassadors: all
      .slice(0, ambassadors)
      .map((person) => ({ personId: person.id, person, since: '2021-01-04' })),
  };
}

describe('the Ambassadors card', () => {
  it('asks for typed numbers to remove when the Ambassadors are too many to pick from', () => {
    const model = ambassadorsCardModel({
      department,
      roster: roster(3_000, 150),
      plan: MILWAUKEE_2020_2021,
    });
    expect(model.hasRemovePicker).toBe(false);
    expect(model.removeTyped).toBe(true);
    expect(model.hasAddPicker).toBe(false);
    expect(model.list.split('\r')).toHaveLength(AMBASSADORS_LISTED + 1);
    expect(model.list).toMatch(/- and 110 more$/);
    expect(model.count).toBe('150 Ambassadors of 3,000 people (5.0%)');

    const { card, warnings } = expandCard(ambassadorsTemplate, model);
    expect(warnings).toEqual([]);
    expect(cardProblems(card)).toEqual([]);
    expect(unboundExpressions(card)).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(TEAMS_MESSAGE_BYTES);
    const ids = (card.body as Array<{ id?: string }>).map((e) => e.id).filter(Boolean);
    expect(ids).toEqual(['removeNumbers', 'addNumbers']);
  });

  it('offers both pickers, within the message limit, where everyone fits', () => {
    const model = ambassadorsCardModel({
      department,
      roster: roster(200, 30),
      plan: MILWAUKEE_2020_2021,
    });
    expect(model.removeChoices).toHaveLength(30);
    expect(model.addChoices).toHaveLength(170);
    const { card } = expandCard(ambassadorsTemplate, model);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(TEAMS_MESSAGE_BYTES);
  });

  it('says there is no one yet', () => {
    const model = ambassadorsCardModel({
      department,
      roster: roster(10, 0),
      plan: MILWAUKEE_2020_2021,
    });
    expect(model.list).toBe('No one yet.');
    expect(model.hasRemovePicker || model.removeTyped).toBe(false);
  });
});
