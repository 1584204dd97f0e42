import type { CsvLineError } from '../attendance-service';
import { readCsvRecords } from '../csv-parser';
import { shown } from '../indicators/csv-table';
import type { RosterMapping } from './roster-mapping';
import type { RosterEntry } from './roster-plan';

/** The columns a roster file must have, in any order. */
export const ROSTER_CSV_COLUMNS = [
  'employee_number',
  'display_name',
  'upn',
  'department',
  'job_title',
] as const;
/** Columns a roster file may add. */
export const ROSTER_CSV_OPTIONAL_COLUMNS = ['entra_object_id', 'manager_employee_number'] as const;

type Column = (typeof ROSTER_CSV_COLUMNS)[number] | (typeof ROSTER_CSV_OPTIONAL_COLUMNS)[number];

/** SharePoint's text columns hold 255 characters. */
const TEXT_MAX = 255;
/** Employee numbers become person ids: list keys, card values, audit records. */
const EMPLOYEE_NUMBER = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UPN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A roster file read: the entries, or every bad line. */
export type RosterFile =
  | { ok: true; rows: number; entries: RosterEntry[] }
  | { ok: false; rows: number; errors: CsvLineError[] };

/**
 * Reads a roster file (CSV with a header: `employee_number, display_name, upn, department,
 * job_title`, and optionally `entra_object_id`, `manager_employee_number`) for a city whose
 * directory lacks departments. The whole file is checked before anything is planned; each bad
 * row is named by line, field and rule. Departments are mapped (by name, or a plan department
 * id) and tiers placed here, so a file that would leave anyone out is refused.
 */
export function readRosterCsv(text: string, mapping: RosterMapping): RosterFile {
  const file = readCsvRecords(text, ROSTER_CSV_COLUMNS);
  if (!file.ok) return file;
  const { header, rows } = file;
  const columns = columnsOf(header.fields);
  if (typeof columns === 'string') {
    return {
      ok: false,
      rows: rows.length,
      errors: [{ line: header.line, field: 'header', rule: 'columns', message: columns }],
    };
  }
  const width = header.fields.length;
  const errors: CsvLineError[] = [];
  const bad = (line: number, field: string, rule: string, message: string) =>
    errors.push({ line, field, rule, message });
  const lineOfNumber = new Map<string, number>();
  const lineOfObjectId = new Map<string, number>();
  const lineOfUpn = new Map<string, number>();
  type Row = { line: number; entry: RosterEntry; number: string; manager: string; title: string };
  const good: Row[] = [];

  for (const { line, fields } of rows) {
    if (fields.length !== width) {
      bad(
        line,
        'row',
        'columns',
        `has ${fields.length} field${fields.length === 1 ? '' : 's'}; expected ${width} like the header`,
      );
      continue;
    }
    const value = (c: Column) => {
      const at = columns[c];
      return at === undefined ? '' : (fields[at] ?? '').trim();
    };
    const before = errors.length;
    const number = value('employee_number');
    if (number === '') bad(line, 'employee_number', 'required', 'is empty');
    else if (!EMPLOYEE_NUMBER.test(number)) {
      bad(
        line,
        'employee_number',
        'format',
        `${shown(number)} is not an employee number (letters, digits, . _ -; at most 64)`,
      );
    } else {
      const first = lineOfNumber.get(number.toLowerCase());
      if (first !== undefined) {
        bad(line, 'employee_number', 'duplicate', `${number} is on line ${first} too`);
      } else lineOfNumber.set(number.toLowerCase(), line);
    }
    const name = value('display_name');
    if (name === '') bad(line, 'display_name', 'required', 'is empty');
    else if (name.length > TEXT_MAX) bad(line, 'display_name', 'max', `is longer than ${TEXT_MAX}`);
    const upn = value('upn');
    if (!UPN.test(upn) || upn.length > TEXT_MAX) {
      bad(line, 'upn', 'format', `${shown(upn)} is not a user principal name (name@domain)`);
    } else {
      const first = lineOfUpn.get(upn.toLowerCase());
      if (first !== undefined) bad(line, 'upn', 'duplicate', `${upn} is on line ${first} too`);
      else lineOfUpn.set(upn.toLowerCase(), line);
    }
    const department = value('department');
    if (department === '') bad(line, 'department', 'required', 'is empty');
    else if (!mapping.departmentOf(department)) {
      bad(
        line,
        'department',
        'mapped',
        `${shown(department)} is neither a department of the plan nor named in the mapping's departments`,
      );
    }
    const title = value('job_title');
    if (title.length > TEXT_MAX) bad(line, 'job_title', 'max', `is longer than ${TEXT_MAX}`);
    const objectId = value('entra_object_id');
    if (objectId !== '') {
      if (!GUID.test(objectId)) {
        bad(line, 'entra_object_id', 'format', `${shown(objectId)} is not an object id (a GUID)`);
      } else {
        const first = lineOfObjectId.get(objectId.toLowerCase());
        if (first !== undefined) {
          bad(line, 'entra_object_id', 'duplicate', `${objectId} is on line ${first} too`);
        } else lineOfObjectId.set(objectId.toLowerCase(), line);
      }
    }
    if (errors.length > before) continue;
    good.push({
      line,
      number,
      manager: value('manager_employee_number'),
      title,
      entry: {
        source: `line ${line}`,
        employeeNumber: number,
        displayName: name,
        upn,
        department,
        jobTitle: title,
        ...(objectId ? { objectId: objectId.toLowerCase() } : {}),
      },
    });
  }

  // Tiers, once every row is known: a rule may need the manager chain within the file.
  const managerOf = new Map(good.map((r) => [r.number.toLowerCase(), r.manager.toLowerCase()]));
  for (const row of good) {
    let depth: number | undefined;
    if (mapping.usesManagerDepth) {
      depth = 0;
      const chain = new Set([row.number.toLowerCase()]);
      let up = managerOf.get(row.number.toLowerCase()) ?? '';
      while (up !== '') {
        if (!managerOf.has(up) && !lineOfNumber.has(up)) {
          bad(
            row.line,
            'manager_employee_number',
            'in-file',
            `${up.toUpperCase()} is not an employee number of this file`,
          );
          break;
        }
        if (chain.has(up)) {
          bad(
            row.line,
            'manager_employee_number',
            'loop',
            `the managers above ${row.number} go round in a loop`,
          );
          break;
        }
        chain.add(up);
        depth += 1;
        up = managerOf.get(up) ?? '';
      }
    }
    const placed = mapping.tierOf(row.title, depth);
    if (!placed) {
      bad(
        row.line,
        'job_title',
        'tier',
        `no tier rule of the mapping places ${shown(row.title)} (and it has no default tier)`,
      );
    }
    if (depth !== undefined) row.entry.managerDepth = depth;
  }
  errors.sort((a, b) => a.line - b.line);
  if (errors.length > 0) return { ok: false, rows: rows.length, errors };
  return { ok: true, rows: rows.length, entries: good.map((r) => r.entry) };
}

/** Which field of a row holds each column, or what is wrong with the header. */
function columnsOf(header: string[]): Partial<Record<Column, number>> | string {
  const names = header.map((h) => h.trim().toLowerCase());
  const allowed: readonly string[] = [...ROSTER_CSV_COLUMNS, ...ROSTER_CSV_OPTIONAL_COLUMNS];
  const unknown = header.filter((_, i) => !allowed.includes(names[i] ?? '')).map((h) => h.trim());
  const missing = ROSTER_CSV_COLUMNS.filter((c) => !names.includes(c));
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (unknown.length || missing.length || repeated.length) {
    const problems = [
      ...(missing.length ? [`missing ${missing.join(', ')}`] : []),
      ...(unknown.length ? [`unknown ${unknown.map(shown).join(', ')}`] : []),
      ...(repeated.length ? [`repeated ${repeated.join(', ')}`] : []),
    ];
    return `the first line must name the columns ${ROSTER_CSV_COLUMNS.join(',')} (and may add ${ROSTER_CSV_OPTIONAL_COLUMNS.join(', ')}) (${problems.join('; ')})`;
  }
  const out: Partial<Record<Column, number>> = {};
  for (const c of allowed as Column[]) {
    const at = names.indexOf(c);
    if (at >= 0) out[c] = at;
  }
  return out;
}
