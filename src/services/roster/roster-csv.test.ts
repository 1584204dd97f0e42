import { DEPARTMENTS } from '../../domain';
import { formatLineError } from '../attendance-service';
import { readRosterCsv, type RosterFile } from './roster-csv';
import { parseRosterMapping } from './roster-mapping';

const departments = DEPARTMENTS.map(({ id, name }) => ({ id, name }));
const byDepth = parseRosterMapping(
  {
    departments: { 'Public Works': 'DPW' },
    tiers: { byManagerDepth: { '0': 'senior_manager', '1': 'frontline_manager' } },
  },
  departments,
);

const HEADER = 'employee_number,display_name,upn,department,job_title,manager_employee_number';
const csv = (...lines: string[]) => [HEADER, ...lines].join('\n');
const errors = (file: RosterFile) => (file.ok ? [] : file.errors.map(formatLineError));

describe('readRosterCsv', () => {
  it('reads rows into entries, with each one’s depth under the top of the manager chain', () => {
    const file = readRosterCsv(
      csv(
        'DPW-1,Ada Director,ada@milwaukee.gov,Public Works,Commissioner,',
        'DPW-2,Bo Boss,bo@milwaukee.gov,DPW,Crew Chief,DPW-1',
        'DPW-3,Cy Crew,cy@milwaukee.gov,public works,Laborer,dpw-2',
      ),
      parseRosterMapping(
        {
          departments: { 'Public Works': 'DPW' },
          tiers: {
            byManagerDepth: { '0': 'senior_manager', '1': 'frontline_manager' },
            default: 'employee',
          },
        },
        departments,
      ),
    );
    expect(file).toEqual({
      ok: true,
      rows: 3,
      entries: [
        expect.objectContaining({ source: 'line 2', employeeNumber: 'DPW-1', managerDepth: 0 }),
        expect.objectContaining({ source: 'line 3', department: 'DPW', managerDepth: 1 }),
        expect.objectContaining({ source: 'line 4', jobTitle: 'Laborer', managerDepth: 2 }),
      ],
    });
    expect(file.ok && file.entries[0]).not.toHaveProperty('objectId');
  });

  it('names a manager missing from the file, a loop, and a tier no rule gives', () => {
    const file = readRosterCsv(
      csv(
        'DPW-1,Ada,ada@milwaukee.gov,Public Works,Commissioner,DPW-9',
        'DPW-2,Bo,bo@milwaukee.gov,Public Works,Chief,DPW-3',
        'DPW-3,Cy,cy@milwaukee.gov,Public Works,Chief,DPW-2',
        'DPW-4,Di,di@milwaukee.gov,Public Works,Laborer,DPW-5',
        'DPW-5,Ed,ed@milwaukee.gov,Public Works,Foreman,DPW-6',
        'DPW-6,Fay,fay@milwaukee.gov,Public Works,Commissioner,',
      ),
      byDepth,
    );
    expect(errors(file)).toEqual([
      'line 2: manager_employee_number: in-file: DPW-9 is not an employee number of this file',
      'line 3: manager_employee_number: loop: the managers above DPW-2 go round in a loop',
      'line 4: manager_employee_number: loop: the managers above DPW-3 go round in a loop',
      // Two managers above, and the mapping has no rule for depth 2 nor a default.
      'line 5: job_title: tier: no tier rule of the mapping places "Laborer" (and it has no default tier)',
    ]);
  });

  it('requires the columns it needs in the header, in any order and case', () => {
    expect(errors(readRosterCsv('employee_number,name\nX,Y\n', byDepth))).toEqual([
      'line 1: header: columns: the first line must name the columns employee_number,display_name,upn,department,job_title (and may add entra_object_id, manager_employee_number) (missing display_name, upn, department, job_title; unknown "name")',
    ]);
    const reordered = readRosterCsv(
      'UPN,Department,Job_Title,Display_Name,Employee_Number\nada@milwaukee.gov,DPW,Commissioner,Ada,DPW-1\n',
      byDepth,
    );
    expect(reordered).toMatchObject({
      ok: true,
      entries: [{ employeeNumber: 'DPW-1', upn: 'ada@milwaukee.gov' }],
    });
    expect(errors(readRosterCsv('', byDepth))[0]).toMatch(
      /^line 1: header: columns: the file is empty/,
    );
    expect(errors(readRosterCsv(csv('"DPW-1,Ada'), byDepth))).toEqual([
      'line 2: csv: syntax: a quoted field is never closed',
    ]);
  });
});
