import type { Person } from '../../src/domain';
import { employeeNumbersIn, peopleChoices, personLabel, shortened } from './people-choices';

function staff(count: number): Person[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `MHD-${String(i + 1).padStart(4, '0')}`,
    aadObjectId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    displayName: `Person ${String.fromCharCode(90 - (i % 26))} ${i}`,
    upn: `p${i}@milwaukee.gov`,
    departmentId: 'MHD',
    tier: 'employee',
    jobTitle: 'Clerk',
  }));
}

describe('people choices', () => {
  it('offers the people by name when their choices fit the budget', () => {
    const choices = peopleChoices(staff(3), 1024);
    expect(choices?.map((c) => c.title)).toEqual([
      'Person X 2 · MHD-0003',
      'Person Y 1 · MHD-0002',
      'Person Z 0 · MHD-0001',
    ]);
    expect(choices?.[0]?.id).toBe('MHD-0003');
  });

  it('never offers a person who left', () => {
    const [a, b, c] = staff(3) as [Person, Person, Person];
    const choices = peopleChoices([a, { ...b, active: false, leftOn: '2021-03-31' }, c], 1024);
    expect(choices?.map((x) => x.id)).toEqual(['MHD-0003', 'MHD-0001']);
    expect(peopleChoices([{ ...a, active: false }], 1024)).toBeUndefined();
  });

  it('offers no picker when there is no one, or the choices would take more than the budget', () => {
    expect(peopleChoices([], 1024)).toBeUndefined();
    const people = staff(100);
    const bytes = Buffer.byteLength(
      JSON.stringify(people.map((p) => ({ title: personLabel(p), value: p.id }))),
    );
    expect(peopleChoices(people, bytes)).toHaveLength(100);
    expect(peopleChoices(people, bytes - 1)).toBeUndefined();
  });

  it('reads employee numbers from a picker and a typed field, however separated', () => {
    expect(
      employeeNumbersIn('MHD-0001,MHD-0002', ' MHD-0003;MHD-0004\r\nMHD-0005  ,', undefined),
    ).toEqual(['MHD-0001', 'MHD-0002', 'MHD-0003', 'MHD-0004', 'MHD-0005']);
    expect(employeeNumbersIn('', ' \n ')).toEqual([]);
  });

  it('shortens a text at a word, marking the cut', () => {
    expect(shortened('short', 10)).toBe('short');
    expect(shortened('one two three four five', 16)).toBe('one two three…');
    expect(shortened('x'.repeat(20), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
