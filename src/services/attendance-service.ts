import { randomUUID } from 'node:crypto';
import {
  isActive,
  isIsoDate,
  requirementsFor,
  toIsoDate,
  validateCompletionDate,
  ValidationError,
  type Completion,
  type DepartmentMember,
  type IsoDate,
  type Person,
  type Training,
  type Wave,
} from '../domain';
import type { PlanStore } from '../store/plan-store';
import type { Clock } from './clock';
import { readCsvRecords } from './csv-parser';

/** Why one person of an attendance sheet was not recorded. */
export type AttendanceRefusalReason =
  /** No one on the roster has that employee number. */
  | 'unknown-person'
  /** The person is on the roster, in another department than the one recorded for. */
  | 'other-department'
  /** The training is not required of the person (no wave reaches their tier). */
  | 'not-required'
  /** The session was before the person's wave of the training opened. */
  | 'not-before-wave';

export type AttendanceRefusal = {
  /** The employee number as given. */
  employeeNumber: string;
  /** The roster person, when there is one. */
  person?: Person;
  reason: AttendanceRefusalReason;
  /** Fit to show the person who recorded, e.g. `date before their wave opened (May 1, 2021)`. */
  message: string;
  /** The date the person's wave opened, for `not-before-wave`. */
  waveOpensOn?: IsoDate;
};

/** What recording one session's attendance did, person by person. */
export type AttendanceOutcome = {
  training: Training;
  completedOn: IsoDate;
  recorded: Person[];
  alreadyRecorded: Person[];
  refused: AttendanceRefusal[];
};

export type AttendanceInput = {
  /** The verified person recording (a lead, an Ambassador, the officer): `recordedBy`. */
  actor: Person;
  /** When set, only people of this department are recorded; the others are refused. */
  departmentId?: string;
  trainingId: string;
  completedOn: string;
  /** Employee numbers (roster person ids); repeats count once. */
  personIds: string[];
};

/** One bad line of an attendance CSV: `line 7: completed_on: not-in-future: …`. */
export type CsvLineError = { line: number; field: string; rule: string; message: string };

/** What an attendance CSV import did, or why it imported nothing. */
export type ImportReport =
  | {
      ok: true;
      dryRun: boolean;
      /** Data rows read (the header and blank lines not counted). */
      rows: number;
      /** Completions written (with `dryRun`, that would have been written). */
      recorded: number;
      /** Rows for a completion already stored (or repeated in the file with the same date). */
      alreadyRecorded: number;
    }
  | { ok: false; rows: number; errors: CsvLineError[] };

export type ImportOptions = {
  /** Validate and count only; write nothing. */
  dryRun?: boolean;
  /** Called every `PROGRESS_EVERY` rows while validating, and once before writing. */
  onProgress?: (progress: { phase: 'validating' | 'writing'; done: number; total: number }) => void;
};

/** The columns an attendance CSV must have, in any order. */
export const ATTENDANCE_CSV_COLUMNS = ['employee_number', 'training', 'completed_on'] as const;

/** Most people one attendance sheet may name (the largest department has about 2,400). */
export const MAX_ATTENDANCE_PEOPLE = 5_000;

/** How often an import reports progress while validating. */
export const PROGRESS_EVERY = 5_000;

/** Longest employee number read; anything longer is not one. */
const EMPLOYEE_NUMBER_MAX = 100;

/** The roster as a sheet of employee numbers is checked against. */
type Roster = {
  /** By id, and by id in lower case: employee numbers are matched without regard to case. */
  byId: Map<string, Person>;
  leads: Set<string>;
};

/** Where one person of a sheet stands for one training on one date. */
type Verdict =
  | { kind: 'record'; person: Person; wave: Wave }
  | { kind: 'already'; person: Person }
  | ({ kind: 'refused' } & AttendanceRefusal);

const DAY = new Intl.DateTimeFormat('en-US', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
});
const day = (date: IsoDate) => DAY.format(new Date(`${date}T00:00:00Z`));

/**
 * Completions of people who trained in person, recorded by someone else: a lead's attendance card
 * in chat (one session, many people) and an attendance CSV from the city's learning system (many
 * sessions). Both follow the rules of a confirmation in chat: the training must be required of
 * the person, the date real, not in the future and not before the person's wave opened; a
 * completion already stored is left as it is. Each recorded completion names who recorded it, so
 * the store writes its audit entry with it.
 * The caller has authorised the actor (`attendance.record` on the department).
 */
export class AttendanceService {
  constructor(
    private readonly store: PlanStore,
    private readonly clock: Clock,
  ) {}

  /**
   * Records one in-person session: `personIds` completed `trainingId` on `completedOn`. Everyone
   * who can be recorded is, in one store call; the others are listed with the reason.
   * @throws ValidationError (nothing stored) when the training is not one of the plan's, the date
   * is not a date, is in the future or before the training's first wave (or before the wave of
   * every person named), or no one is named.
   */
  async recordAttendance(input: AttendanceInput): Promise<AttendanceOutcome> {
    const today = toIsoDate(this.clock.now());
    const [trainings, waves] = await Promise.all([
      this.store.listTrainings(),
      this.store.listWaves(),
    ]);
    const training = trainings.find((t) => t.id === input.trainingId);
    if (!training) {
      throw new ValidationError(
        'trainingId',
        input.trainingId === '' ? 'required' : 'one-of',
        input.trainingId === ''
          ? 'Pick the training.'
          : `${input.trainingId} is not one of the plan's trainings.`,
      );
    }
    checkSessionDate(training, waves, input.completedOn, today);
    const numbers = distinct(input.personIds.map((id) => id.trim()).filter((id) => id !== ''));
    if (numbers.length === 0) {
      throw new ValidationError(
        'personIds',
        'required',
        'Pick at least one person, or type their employee numbers.',
      );
    }
    if (numbers.length > MAX_ATTENDANCE_PEOPLE) {
      throw new ValidationError(
        'personIds',
        'max',
        `At most ${MAX_ATTENDANCE_PEOPLE.toLocaleString('en-US')} people at once; you named ${numbers.length.toLocaleString('en-US')}.`,
      );
    }

    const filter = input.departmentId ? { departmentId: input.departmentId } : {};
    const [people, members, stored] = await Promise.all([
      this.store.listPeople(filter),
      this.store.listMembers(filter),
      this.store.listCompletions({ ...filter, trainingId: training.id }),
    ]);
    const roster = rosterOf(people, members);
    const done = new Set(stored.map((c) => c.personId));
    const verdicts: Verdict[] = [];
    const named = new Set<string>();
    for (const number of numbers) {
      const person = roster.byId.get(number) ?? roster.byId.get(number.toLowerCase());
      if (!person) {
        verdicts.push(await this.outsider(number, input.departmentId));
        continue;
      }
      // Picked and typed too, or typed in another case: one person, once.
      if (named.has(person.id)) continue;
      named.add(person.id);
      verdicts.push(
        assess(
          person,
          roster.leads.has(person.id),
          training,
          waves,
          input.completedOn,
          today,
          done,
        ),
      );
    }

    // A date before the wave of everyone who could otherwise be recorded is a wrong date, not a
    // list of refusals: say so beside the date and store nothing.
    const eligible = verdicts.filter((v) => v.kind !== 'refused' || v.reason === 'not-before-wave');
    if (eligible.length > 0 && eligible.every((v) => v.kind === 'refused')) {
      const opens = eligible
        .map((v) => (v.kind === 'refused' ? v.waveOpensOn : undefined))
        .filter((d): d is IsoDate => d !== undefined)
        .sort()[0];
      throw new ValidationError(
        'completedOn',
        'not-before-wave',
        `${day(input.completedOn)} is before the wave of ${training.title} opened for ${
          eligible.length === 1 ? 'this person' : 'these people'
        }${opens ? ` (${day(opens)})` : ''}.`,
      );
    }

    const recordedAt = this.clock.now().toISOString();
    const toRecord = verdicts.flatMap((v) =>
      v.kind === 'record'
        ? [
            completionOf(
              v.person,
              v.wave,
              input.completedOn,
              recordedAt,
              'attendance',
              input.actor.id,
            ),
          ]
        : [],
    );
    const created = toRecord.length > 0 ? await this.store.recordCompletions(toRecord) : 0;
    // Someone may have recorded one of them in between (a resent invoke, a second lead): the
    // store kept theirs, so those are "already recorded", found by the completion id.
    let mine = new Set(toRecord.map((c) => c.id));
    if (created < toRecord.length) {
      const now = await this.store.listCompletions({ ...filter, trainingId: training.id });
      const ids = new Set(now.map((c) => c.id));
      mine = new Set(toRecord.filter((c) => ids.has(c.id)).map((c) => c.id));
    }
    const recordedIds = new Set(toRecord.filter((c) => mine.has(c.id)).map((c) => c.personId));

    const outcome: AttendanceOutcome = {
      training,
      completedOn: input.completedOn,
      recorded: [],
      alreadyRecorded: [],
      refused: [],
    };
    for (const v of verdicts) {
      if (v.kind === 'refused') {
        const { kind: _kind, ...refusal } = v;
        outcome.refused.push(refusal);
      } else if (v.kind === 'record' && recordedIds.has(v.person.id)) {
        outcome.recorded.push(v.person);
      } else {
        outcome.alreadyRecorded.push(v.person);
      }
    }
    return outcome;
  }

  /** A sheet's employee number that is not in the department: someone else's, or no one's. */
  private async outsider(number: string, departmentId: string | undefined): Promise<Verdict> {
    const person =
      departmentId && number.length <= EMPLOYEE_NUMBER_MAX
        ? ((await this.store.getPerson(number)) ??
          (await this.store.getPerson(number.toUpperCase())))
        : undefined;
    if (person) {
      return {
        kind: 'refused',
        employeeNumber: number,
        person,
        reason: 'other-department',
        message: `not in ${departmentId}`,
      };
    }
    return {
      kind: 'refused',
      employeeNumber: number,
      reason: 'unknown-person',
      message: 'unknown employee number',
    };
  }

  /**
   * Imports an attendance CSV from the learning system: columns `employee_number`, `training` (id
   * or exact title) and `completed_on` (`YYYY-MM-DD`), a header row first. The whole file is
   * checked before anything is written, and a file with any bad row imports nothing; each bad row
   * is reported by its line, field and rule. Rows for a completion already stored are counted, not
   * refused. Everything else is written in one store call, with source `import`.
   * @param recordedBy the roster person responsible for the import (named in every audit entry),
   * or `system`.
   */
  async importAttendanceCsv(
    csvText: string,
    recordedBy: string,
    options: ImportOptions = {},
  ): Promise<ImportReport> {
    if (recordedBy !== 'system' && !(await this.store.getPerson(recordedBy))) {
      throw new ValidationError(
        'recordedBy',
        'on-roster',
        `${recordedBy} is not on the roster; name the person responsible for the import.`,
      );
    }
    const file = readCsvRecords(csvText, ATTENDANCE_CSV_COLUMNS);
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

    const today = toIsoDate(this.clock.now());
    const [trainings, waves, people, members] = await Promise.all([
      this.store.listTrainings(),
      this.store.listWaves(),
      this.store.listPeople(),
      this.store.listMembers(),
    ]);
    const roster = rosterOf(people, members);
    const trainingOf = (value: string) =>
      trainings.find((t) => t.id === value) ?? trainings.find((t) => t.title === value);
    const named = new Set(
      rows
        .map((r) => trainingOf((r.fields[columns.training] ?? '').trim())?.id)
        .filter((id): id is string => id !== undefined),
    );
    const done = new Map<string, Set<string>>();
    for (const trainingId of named) {
      const stored = await this.store.listCompletions({ trainingId });
      done.set(trainingId, new Set(stored.map((c) => c.personId)));
    }

    const errors: CsvLineError[] = [];
    const bad = (line: number, field: string, rule: string, message: string) =>
      errors.push({ line, field, rule, message });
    /** The first row of the file for each person and training: its line and date. */
    const seen = new Map<string, { line: number; completedOn: string }>();
    const recordedAt = this.clock.now().toISOString();
    const toRecord: Completion[] = [];
    let alreadyRecorded = 0;
    rows.forEach((row, index) => {
      if ((index + 1) % PROGRESS_EVERY === 0) {
        options.onProgress?.({ phase: 'validating', done: index + 1, total: rows.length });
      }
      const { line, fields } = row;
      if (fields.length !== ATTENDANCE_CSV_COLUMNS.length) {
        bad(
          line,
          'row',
          'columns',
          `has ${fields.length} field${fields.length === 1 ? '' : 's'}; expected ${ATTENDANCE_CSV_COLUMNS.length} (${ATTENDANCE_CSV_COLUMNS.join(',')})`,
        );
        return;
      }
      const number = (fields[columns.employee_number] ?? '').trim();
      const trainingValue = (fields[columns.training] ?? '').trim();
      const completedOn = (fields[columns.completed_on] ?? '').trim();
      const before = errors.length;
      const person =
        number.length <= EMPLOYEE_NUMBER_MAX
          ? (roster.byId.get(number) ?? roster.byId.get(number.toLowerCase()))
          : undefined;
      if (number === '') bad(line, 'employee_number', 'required', 'is empty');
      else if (!person) {
        bad(
          line,
          'employee_number',
          'on-roster',
          `${shown(number)} is not an employee number on the roster`,
        );
      }
      const training = trainingOf(trainingValue);
      if (trainingValue === '') bad(line, 'training', 'required', 'is empty');
      else if (!training) {
        bad(
          line,
          'training',
          'one-of',
          `${shown(trainingValue)} is not the id or title of a training of the plan`,
        );
      }
      if (!isIsoDate(completedOn)) {
        bad(line, 'completed_on', 'date', `${shown(completedOn)} is not a date (YYYY-MM-DD)`);
      } else if (completedOn > today) {
        bad(line, 'completed_on', 'not-in-future', `${completedOn} is in the future`);
      }
      if (errors.length > before || !person || !training) return;

      const key = `${person.id}|${training.id}`;
      const first = seen.get(key);
      if (first) {
        if (first.completedOn === completedOn) alreadyRecorded += 1;
        else {
          bad(
            line,
            'completed_on',
            'duplicate',
            `${person.id} completed ${training.id} on ${first.completedOn} on line ${first.line}; one completion per person and training`,
          );
        }
        return;
      }
      seen.set(key, { line, completedOn });
      const verdict = assess(
        person,
        roster.leads.has(person.id),
        training,
        waves,
        completedOn,
        today,
        done.get(training.id) ?? new Set(),
      );
      if (verdict.kind === 'already') alreadyRecorded += 1;
      else if (verdict.kind === 'record') {
        toRecord.push(
          completionOf(person, verdict.wave, completedOn, recordedAt, 'import', recordedBy),
        );
      } else if (verdict.reason === 'not-required' && !isActive(person)) {
        bad(line, 'employee_number', 'active', `${person.id} ${verdict.message}`);
      } else if (verdict.reason === 'not-required') {
        bad(
          line,
          'training',
          'required-of-person',
          `${training.id} is not required of ${person.id}`,
        );
      } else {
        bad(
          line,
          'completed_on',
          verdict.reason,
          `${completedOn} is before the wave of ${training.id} opened for ${person.id} (${verdict.waveOpensOn ?? '?'})`,
        );
      }
    });

    if (errors.length > 0) return { ok: false, rows: rows.length, errors };
    const dryRun = options.dryRun ?? false;
    let recorded = toRecord.length;
    if (!dryRun && toRecord.length > 0) {
      options.onProgress?.({ phase: 'writing', done: 0, total: toRecord.length });
      recorded = await this.store.recordCompletions(toRecord);
      // Rows someone recorded meanwhile were kept as they were.
      alreadyRecorded += toRecord.length - recorded;
    }
    return { ok: true, dryRun, rows: rows.length, recorded, alreadyRecorded };
  }
}

/** `line 7: completed_on: not-in-future: 2031-01-01 is in the future`. */
export function formatLineError(e: CsvLineError): string {
  return `line ${e.line}: ${e.field}: ${e.rule}: ${e.message}`;
}

/**
 * The training's first wave bounds the session date for everyone: the date must be a real date,
 * not in the future, and not before that wave opened.
 * @throws ValidationError naming `completedOn` and the rule broken.
 */
function checkSessionDate(training: Training, waves: Wave[], completedOn: string, today: IsoDate) {
  if (completedOn === '') {
    throw new ValidationError('completedOn', 'required', 'Pick the date of the session.');
  }
  const first = waves
    .filter((w) => w.trainingId === training.id)
    .sort((a, b) => (a.opensOn < b.opensOn ? -1 : 1))[0];
  if (!first) {
    throw new ValidationError(
      'trainingId',
      'has-wave',
      `${training.title} has no wave yet, so no one can have completed it.`,
    );
  }
  try {
    validateCompletionDate(first, completedOn, today);
  } catch (error) {
    if (error instanceof ValidationError && error.rule === 'not-before-wave') {
      throw new ValidationError(
        'completedOn',
        error.rule,
        `${day(completedOn)} is before ${training.title} opened for anyone (${day(first.opensOn)}).`,
      );
    }
    if (error instanceof ValidationError && error.rule === 'not-in-future') {
      throw new ValidationError(
        'completedOn',
        error.rule,
        `${day(completedOn)} is in the future; pick today (${day(today)}) or earlier.`,
      );
    }
    throw error;
  }
}

/** Where `person` stands for `training` on `completedOn`, by the rules of a confirmation. */
function assess(
  person: Person,
  isLead: boolean,
  training: Training,
  waves: Wave[],
  completedOn: IsoDate,
  today: IsoDate,
  done: ReadonlySet<string>,
): Verdict {
  const requirement = requirementsFor(person, isLead, [training], waves)[0];
  const refused = (reason: AttendanceRefusalReason, message: string, waveOpensOn?: IsoDate) =>
    ({
      kind: 'refused',
      employeeNumber: person.id,
      person,
      reason,
      message,
      ...(waveOpensOn ? { waveOpensOn } : {}),
    }) as const;
  if (!isActive(person)) {
    return refused(
      'not-required',
      `no longer on the staff${person.leftOn ? ` (left ${day(person.leftOn)})` : ''}`,
    );
  }
  if (!requirement) return refused('not-required', 'training not required of them');
  if (done.has(person.id)) return { kind: 'already', person };
  try {
    validateCompletionDate(requirement.wave, completedOn, today);
  } catch (error) {
    if (!(error instanceof ValidationError) || error.rule !== 'not-before-wave') throw error;
    const opens = requirement.wave.opensOn;
    return refused('not-before-wave', `date before their wave opened (${day(opens)})`, opens);
  }
  return { kind: 'record', person, wave: requirement.wave };
}

function completionOf(
  person: Person,
  wave: Wave,
  completedOn: IsoDate,
  recordedAt: string,
  source: 'attendance' | 'import',
  recordedBy: string,
): Completion {
  return {
    id: randomUUID(),
    personId: person.id,
    trainingId: wave.trainingId,
    waveId: wave.id,
    completedOn,
    recordedAt,
    source,
    recordedBy,
  };
}

function rosterOf(people: Person[], members: DepartmentMember[]): Roster {
  const byId = new Map<string, Person>();
  for (const p of people) byId.set(p.id.toLowerCase(), p);
  // Exact ids last, so they win over another id that differs only in case.
  for (const p of people) byId.set(p.id, p);
  const leads = new Set(members.filter((m) => m.role === 'lead').map((m) => m.personId));
  return { byId, leads };
}

/** Which field of a row holds each column, or what is wrong with the header. */
function columnsOf(
  header: string[],
): Record<(typeof ATTENDANCE_CSV_COLUMNS)[number], number> | string {
  const names = header.map((h) => h.trim().toLowerCase());
  const unknown = header
    .filter((_, i) => !(ATTENDANCE_CSV_COLUMNS as readonly string[]).includes(names[i] ?? ''))
    .map((h) => h.trim());
  const missing = ATTENDANCE_CSV_COLUMNS.filter((c) => !names.includes(c));
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (unknown.length || missing.length || repeated.length) {
    const problems = [
      ...(missing.length ? [`missing ${missing.join(', ')}`] : []),
      ...(unknown.length ? [`unknown ${unknown.map(shown).join(', ')}`] : []),
      ...(repeated.length ? [`repeated ${repeated.join(', ')}`] : []),
    ];
    return `the first line must name the columns ${ATTENDANCE_CSV_COLUMNS.join(',')} (${problems.join('; ')})`;
  }
  return {
    employee_number: names.indexOf('employee_number'),
    training: names.indexOf('training'),
    completed_on: names.indexOf('completed_on'),
  };
}

/** A value from the file as an error names it: quoted, shortened, printable. */
function shown(value: string): string {
  const printable = value.replace(/[^\x20-\x7e]/g, '?');
  return `"${printable.length > 40 ? `${printable.slice(0, 39)}…` : printable}"`;
}

function distinct(values: string[]): string[] {
  return [...new Set(values)];
}
