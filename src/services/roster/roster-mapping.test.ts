import fs from 'node:fs';
import path from 'node:path';
import { DEPARTMENTS } from '../../domain';
import { parseRosterMapping, RosterMappingError, type RosterMappingFile } from './roster-mapping';

const departments = DEPARTMENTS.map(({ id, name }) => ({ id, name }));

const file = (over: Partial<RosterMappingFile> = {}): RosterMappingFile => ({
  departments: { 'Health Department': 'MHD', 'Department of Public Works': 'DPW' },
  tiers: {
    byJobTitle: [
      { pattern: '^(Director|Commissioner|Chief)', tier: 'senior_manager' },
      { pattern: 'Manager|Supervisor', tier: 'frontline_manager' },
    ],
    default: 'employee',
  },
  employeeNumber: 'employeeId',
  ...over,
});

describe('parseRosterMapping', () => {
  it('maps directory department names in any case and spacing, and plan ids to themselves', () => {
    const mapping = parseRosterMapping(file(), departments);
    expect(mapping.departmentOf('Health Department')).toBe('MHD');
    expect(mapping.departmentOf('  health   DEPARTMENT ')).toBe('MHD');
    expect(mapping.departmentOf('mpd')).toBe('MPD');
    expect(mapping.departmentOf('County Transit')).toBeUndefined();
    expect(mapping.departmentOf('')).toBeUndefined();
  });

  it('places a title by the first pattern that matches, in any case, else by the default', () => {
    const mapping = parseRosterMapping(file(), departments);
    expect(mapping.tierOf('Director of Operations')).toEqual({
      tier: 'senior_manager',
      by: 'title',
    });
    expect(mapping.tierOf('chief of staff')).toEqual({ tier: 'senior_manager', by: 'title' });
    expect(mapping.tierOf('Division Manager')).toEqual({ tier: 'frontline_manager', by: 'title' });
    expect(mapping.tierOf('Analyst')).toEqual({ tier: 'employee', by: 'default' });
    expect(mapping.usesManagerDepth).toBe(false);
  });

  it('uses the manager depth after the titles, and leaves people unplaced without a default', () => {
    const mapping = parseRosterMapping(
      file({
        tiers: {
          byJobTitle: [{ pattern: '^Commissioner', tier: 'senior_manager' }],
          byManagerDepth: { '1': 'senior_manager', '2': 'frontline_manager' },
        },
      }),
      departments,
    );
    expect(mapping.usesManagerDepth).toBe(true);
    expect(mapping.tierOf('Commissioner', 3)).toEqual({ tier: 'senior_manager', by: 'title' });
    expect(mapping.tierOf('Analyst', 1)).toEqual({ tier: 'senior_manager', by: 'depth' });
    expect(mapping.tierOf('Analyst', 2)).toEqual({ tier: 'frontline_manager', by: 'depth' });
    expect(mapping.tierOf('Analyst', 3)).toBeUndefined();
    expect(mapping.tierOf('Analyst')).toBeUndefined();
  });

  it('names every problem of a file: unknown department ids, bad patterns and tiers', () => {
    const bad = {
      departments: { Health: 'MHD', Transit: 'MCTS' },
      tiers: {
        byJobTitle: [
          { pattern: '(Director', tier: 'senior_manager' },
          { pattern: 'Lead', tier: 'boss' },
        ],
      },
    };
    expect(() => parseRosterMapping(bad, departments)).toThrow(RosterMappingError);
    try {
      parseRosterMapping(bad, departments);
    } catch (error) {
      expect((error as RosterMappingError).problems).toEqual([
        'tiers.byJobTitle.0.pattern: must be a regular expression',
        'tiers.byJobTitle.1.tier: must be one of senior_manager, frontline_manager, employee',
      ]);
    }
    try {
      parseRosterMapping({ departments: { Transit: 'MCTS' }, tiers: {} }, departments);
    } catch (error) {
      expect((error as RosterMappingError).problems).toEqual([
        expect.stringMatching(
          /^departments\.Transit: "MCTS" is not a department of the plan \(DOA, /,
        ),
      ]);
    }
    expect(() => parseRosterMapping({ departments: {}, tiers: {}, extra: 1 }, departments)).toThrow(
      /Unrecognized key/,
    );
  });

  it('reads the employee number from employeeId unless told otherwise, or from nowhere', () => {
    const { employeeNumber: _e, ...rest } = file();
    expect(parseRosterMapping(rest, departments).employeeNumber).toBe('employeeId');
    expect(
      parseRosterMapping(file({ employeeNumber: 'employeeNumber' }), departments).employeeNumber,
    ).toBe('employeeNumber');
    expect(
      parseRosterMapping(file({ employeeNumber: null }), departments).employeeNumber,
    ).toBeUndefined();
  });

  it('has a fingerprint that changes with what the mapping does, not with how it is written', () => {
    const a = parseRosterMapping(file(), departments).fingerprint;
    const reordered = file({
      departments: { 'Department of Public Works': 'DPW', 'health department': 'mhd' },
    });
    expect(parseRosterMapping(reordered, departments).fingerprint).toBe(a);
    const more = file({ departments: { ...file().departments, Library: 'MPL' } });
    expect(parseRosterMapping(more, departments).fingerprint).not.toBe(a);
  });

  it('accepts the example file shipped with reap, which maps every department of the plan', () => {
    const example = JSON.parse(
      fs.readFileSync(path.resolve(__dirname, '../../../roster-mapping.example.json'), 'utf8'),
    ) as unknown;
    const mapping = parseRosterMapping(example, departments);
    for (const d of DEPARTMENTS) expect(mapping.departmentOf(d.name)).toBe(d.id);
    expect(mapping.tierOf('Deputy Director')?.tier).toBe('senior_manager');
    expect(mapping.tierOf('Equity Officer')?.tier).toBe('senior_manager');
    expect(mapping.tierOf('Operations Manager')?.tier).toBe('frontline_manager');
    expect(mapping.tierOf('Police Officer')?.tier).toBe('employee');
  });
});
