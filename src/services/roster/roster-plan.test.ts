import { DEPARTMENTS, unlinkedObjectId, type Person } from '../../domain';
import { parseRosterMapping } from './roster-mapping';
import {
  derivedPersonId,
  isEmptyPlan,
  peopleToWrite,
  planRoster,
  type PlanInput,
  type RosterEntry,
} from './roster-plan';

const departments = DEPARTMENTS.map(({ id, name }) => ({ id, name }));
const mapping = parseRosterMapping(
  {
    departments: { 'Health Department': 'MHD', 'Public Works': 'DPW', Library: 'MPL' },
    tiers: {
      byJobTitle: [
        { pattern: '^(Director|Commissioner)', tier: 'senior_manager' },
        { pattern: 'Supervisor', tier: 'frontline_manager' },
      ],
      default: 'employee',
    },
  },
  departments,
);
const TODAY = '2021-06-15';

const oid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const person = (id: string, n: number, over: Partial<Person> = {}): Person => ({
  id,
  aadObjectId: oid(n),
  displayName: `Person ${id}`,
  upn: `${id.toLowerCase()}@milwaukee.gov`,
  departmentId: id.split('-')[0] ?? 'MHD',
  tier: 'employee',
  jobTitle: 'Analyst',
  ...over,
});

/** A whole directory user, as a full read gives it. */
const user = (id: string, n: number, over: Partial<RosterEntry> = {}): RosterEntry => ({
  source: oid(n),
  objectId: oid(n),
  employeeNumber: id,
  displayName: `Person ${id}`,
  upn: `${id.toLowerCase()}@milwaukee.gov`,
  department: { MHD: 'Health Department', DPW: 'Public Works', MPL: 'Library' }[
    id.split('-')[0] ?? ''
  ],
  jobTitle: 'Analyst',
  enabled: true,
  ...over,
});

const plan = (input: Partial<PlanInput> & Pick<PlanInput, 'people' | 'entries'>) =>
  planRoster({ mapping, today: TODAY, ...input });

describe('planRoster', () => {
  it('adds directory users under their employee numbers, in mapped departments and tiers', () => {
    const p = plan({
      people: [],
      entries: [
        user('MHD-0001', 1, { jobTitle: 'Director of Health' }),
        user('DPW-0002', 2, { jobTitle: 'Crew Supervisor', department: ' public   works' }),
        user('MPL-0003', 3),
      ],
      complete: 'linked',
    });
    expect(p.added).toEqual([
      person('MHD-0001', 1, { tier: 'senior_manager', jobTitle: 'Director of Health' }),
      person('DPW-0002', 2, { tier: 'frontline_manager', jobTitle: 'Crew Supervisor' }),
      person('MPL-0003', 3),
    ]);
    expect(p.defaultedTitles).toEqual([{ name: 'Analyst', people: 1 }]);
    expect([p.changed, p.left, p.returned, p.skipped]).toEqual([[], [], [], []]);
  });

  it('keeps a person matched by object id under their id, and lists the fields that changed', () => {
    const stored = person('MHD-0001', 1);
    const p = plan({
      people: [stored],
      entries: [
        user('12345', 1, {
          department: 'Library',
          jobTitle: 'Library Supervisor',
          displayName: 'Person MHD-0001',
          upn: 'mhd-0001@milwaukee.gov',
        }),
      ],
      complete: 'linked',
    });
    expect(p.added).toEqual([]);
    expect(p.changed).toEqual([
      {
        before: stored,
        after: {
          ...stored,
          departmentId: 'MPL',
          jobTitle: 'Library Supervisor',
          tier: 'frontline_manager',
        },
        fields: ['departmentId', 'jobTitle', 'tier'],
      },
    ]);
  });

  it('counts people whose directory entry matches the roster as unchanged', () => {
    const p = plan({
      people: [person('MHD-0001', 1), person('DPW-0002', 2)],
      entries: [user('MHD-0001', 1), user('DPW-0002', 2)],
      complete: 'linked',
    });
    expect(p.unchanged).toBe(2);
    expect(isEmptyPlan(p)).toBe(true);
  });

  it('marks people missing from a whole directory as left today, keeping everything else', () => {
    const gone = person('DPW-0002', 2);
    const crew = { ...person('DPW-0003', 3), aadObjectId: unlinkedObjectId('DPW-0003') };
    const p = plan({
      people: [person('MHD-0001', 1), gone, crew],
      entries: [user('MHD-0001', 1)],
      complete: 'linked',
    });
    // Someone imported from a roster file without an account is not the directory's to remove.
    expect(p.left).toEqual([
      { before: gone, after: { ...gone, active: false, leftOn: TODAY }, fields: [] },
    ]);
    const all = plan({ people: [gone, crew], entries: [], complete: 'all' });
    expect(all.left.map((c) => c.before.id)).toEqual(['DPW-0002', 'DPW-0003']);
  });

  it('marks leavers from a delta: deleted users and disabled accounts; others are untouched', () => {
    const p = plan({
      people: [person('MHD-0001', 1), person('DPW-0002', 2), person('MPL-0003', 3)],
      entries: [{ source: oid(2), objectId: oid(2), enabled: false }],
      removed: [oid(1).toUpperCase()],
    });
    expect(p.left.map((c) => [c.before.id, c.after.active, c.after.leftOn])).toEqual([
      ['DPW-0002', false, TODAY],
      ['MHD-0001', false, TODAY],
    ]);
    expect(p.unchanged).toBe(0);
    expect(p.added).toEqual([]);
  });

  it('applies a delta change that carries only the department over what the roster has', () => {
    const stored = person('MPL-0003', 3, {
      jobTitle: 'Branch Supervisor',
      tier: 'frontline_manager',
    });
    const p = plan({
      people: [stored],
      entries: [{ source: oid(3), objectId: oid(3), department: 'Health Department' }],
    });
    expect(p.changed).toEqual([
      { before: stored, after: { ...stored, departmentId: 'MHD' }, fields: ['departmentId'] },
    ]);
  });

  it('makes a person who returns active again, also with a new account and the same number', () => {
    const left = person('MHD-0001', 1, { active: false, leftOn: '2021-01-31' });
    const rehired = person('DPW-0002', 2, { active: false, leftOn: '2020-12-31' });
    const p = plan({
      people: [left, rehired],
      entries: [user('MHD-0001', 1), user('DPW-0002', 9, { jobTitle: 'Crew Supervisor' })],
      complete: 'linked',
    });
    expect(p.returned).toEqual([
      { before: left, after: person('MHD-0001', 1), fields: [] },
      {
        before: rehired,
        after: person('DPW-0002', 9, { jobTitle: 'Crew Supervisor', tier: 'frontline_manager' }),
        fields: ['jobTitle', 'tier', 'aadObjectId'],
      },
    ]);
    expect(p.returned.every((c) => !('active' in c.after) && !('leftOn' in c.after))).toBe(true);
    expect(p.left).toEqual([]);
  });

  it('links a person imported without an account by employee number', () => {
    const crew = { ...person('DPW-0002', 2), aadObjectId: unlinkedObjectId('DPW-0002') };
    const p = plan({
      people: [crew],
      entries: [user('dpw-0002', 2, { displayName: 'Person DPW-0002' })],
      complete: 'linked',
    });
    expect(p.changed).toEqual([
      { before: crew, after: person('DPW-0002', 2), fields: ['aadObjectId'] },
    ]);
  });

  it('leaves out a user whose employee number is an active person with another account', () => {
    const p = plan({
      people: [person('MHD-0001', 1)],
      entries: [user('MHD-0001', 1), user('MHD-0001', 7, { displayName: 'Someone Else' })],
      complete: 'linked',
    });
    expect(p.added).toEqual([]);
    expect(p.skipped).toEqual([
      {
        source: oid(7),
        reason: 'employee number MHD-0001 is MHD-0001 (Person MHD-0001), who has another account',
      },
    ]);
  });

  it('lists unmapped departments; new people there are left out, people on the roster kept', () => {
    const stored = person('MHD-0001', 1);
    const p = plan({
      people: [stored],
      entries: [
        user('MHD-0001', 1, { department: 'County Transit' }),
        user('MCT-0002', 2, { department: 'County Transit' }),
        user('X-3', 3, { department: '' }),
      ],
      complete: 'linked',
    });
    expect(p.unmappedDepartments).toEqual([
      { name: 'County Transit', people: 2 },
      { name: '(no department)', people: 1 },
    ]);
    expect(p.added).toEqual([]);
    expect(p.left).toEqual([]);
    expect(p.skipped).toEqual([
      {
        source: oid(1),
        reason:
          'MHD-0001 (Person MHD-0001) is now in "County Transit", which the mapping does not name; left as they are',
      },
    ]);
  });

  it('lists titles no rule places when the mapping has no default, leaving their people out', () => {
    const strict = parseRosterMapping(
      {
        departments: { Library: 'MPL' },
        tiers: { byJobTitle: [{ pattern: 'Librarian', tier: 'employee' }] },
      },
      departments,
    );
    const p = planRoster({
      people: [],
      entries: [
        user('MPL-1', 1, { jobTitle: 'Librarian' }),
        user('MPL-2', 2, { jobTitle: 'Page' }),
        user('MPL-3', 3, { jobTitle: '' }),
      ],
      mapping: strict,
      today: TODAY,
    });
    expect(p.added.map((a) => a.id)).toEqual(['MPL-1']);
    expect(p.unmappedTitles).toEqual([
      { name: '(no job title)', people: 1 },
      { name: 'Page', people: 1 },
    ]);
  });

  it('gives a user without an employee number an id from the object id, unique in the roster', () => {
    const p = plan({
      people: [person('ENTRA-00000005', 99)],
      entries: [user('', 5, { department: 'Library' }), user('', 6, { department: 'Library' })],
      complete: 'linked',
    });
    expect(p.added.map((a) => a.id)).toEqual([
      'ENTRA-00000000000040008000000000000005',
      'ENTRA-00000006',
    ]);
    expect(derivedPersonId('1F0E9D8C-7B6A-4594-8372-61504F3E2D1C', () => false)).toBe(
      'ENTRA-4F3E2D1C',
    );
  });

  it('ignores disabled accounts of people not on the roster, and names one person once', () => {
    const p = plan({
      people: [person('MHD-0001', 1)],
      entries: [user('MPL-0005', 5, { enabled: false }), user('MHD-0001', 1), user('MHD-0001', 1)],
    });
    expect(p.disabledIgnored).toBe(1);
    expect(p.unchanged).toBe(1);
    expect(p.skipped).toEqual([
      { source: oid(1), reason: 'MHD-0001 (Person MHD-0001) is named by another entry already' },
    ]);
  });

  it('writes new, changed, returned and departed people, and nobody is deleted', () => {
    const p = plan({
      people: [
        person('MHD-0001', 1),
        person('DPW-0002', 2),
        person('MPL-0003', 3, { active: false, leftOn: '2021-01-01' }),
      ],
      entries: [
        user('MHD-0001', 1, { jobTitle: 'Director' }),
        user('MPL-0003', 3),
        user('MPL-0004', 4),
      ],
      complete: 'linked',
    });
    expect(peopleToWrite(p).map((w) => [w.id, w.active ?? true])).toEqual([
      ['MPL-0004', true],
      ['MHD-0001', true],
      ['MPL-0003', true],
      ['DPW-0002', false],
    ]);
  });
});
