import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ValidationError, type Person, type Tier } from '../../src/domain';
import {
  AttendanceService,
  formatLineError,
  type ImportReport,
} from '../../src/services/attendance-service';
import { planSeed } from '../../src/services/demo/demo-city';
import type { PlanStore } from '../../src/store/plan-store';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { startGraphEmulator, type GraphEmulator } from '../emulators/graph';
import { emulatedStore, provisionEmulator } from '../store/sharepoint-emulated';
import { tempDir } from '../support/temp-dir';

// The attendance CSV import, in the service (a fixed "today") and as the built command line run
// as a child process against the SQLite file `npm start` would open.

const root = path.resolve(__dirname, '..', '..');
const cli = path.join(root, 'dist', 'src', 'cli', 'import-attendance.js');

/** 15 June 2021: every wave of the plan's trainings is open. */
const clock = { now: () => new Date('2021-06-15T15:00:00.000Z') };

function person(id: string, tier: Tier, index: number): Person {
  return {
    id,
    aadObjectId: `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
    displayName: `Person ${id}`,
    upn: `${id.toLowerCase()}@milwaukee.gov`,
    departmentId: id.split('-')[0] ?? 'DOA',
    tier,
    jobTitle: 'Officer',
  };
}

/** A small city: an admin, a police lead, 20 police officers, a public works crew. */
async function openCity(dir: string, crew = 5): Promise<SqliteStore> {
  return seedCity(new SqliteStore(path.join(dir, 'reap.sqlite')), crew);
}

async function seedCity<S extends PlanStore>(store: S, crew = 5): Promise<S> {
  await store.putPlan(planSeed());
  const ids: Array<[string, Tier]> = [
    ['DOA-0001', 'senior_manager'],
    ['MPD-0001', 'senior_manager'],
    ...Array.from({ length: 20 }, (_, i): [string, Tier] => [
      `MPD-${String(i + 2).padStart(4, '0')}`,
      'employee',
    ]),
    ...Array.from({ length: crew }, (_, i): [string, Tier] => [
      `DPW-${String(i + 1).padStart(5, '0')}`,
      'employee',
    ]),
  ];
  await store.upsertPeople(ids.map(([id, tier], i) => person(id, tier, i)));
  await store.setMembers('MPD', 'lead', ['MPD-0001'], '2020-07-01');
  return store;
}

const csv = (...lines: string[]) => lines.join('\r\n') + '\r\n';

const GOOD = csv(
  'employee_number,training,completed_on',
  'MPD-0002,anti-racism,2021-06-01',
  'MPD-0003,"Anti-racism in City government",2021-06-01',
  'mpd-0004,racial-equity-101,2021-05-20',
  'MPD-0001,"Using the GARE Racial Equity Toolkit",2021-01-10',
  'DPW-00001,racial-equity-101,2021-04-02',
);

describe('importAttendanceCsv', () => {
  let dir: string;
  let store: SqliteStore;
  let service: AttendanceService;

  beforeEach(async () => {
    dir = tempDir();
    store = await openCity(dir);
    service = new AttendanceService(store, clock);
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports a good file in one store call, each row audited under the person responsible', async () => {
    const write = jest.spyOn(store, 'recordCompletions');
    const report = await service.importAttendanceCsv(`\uFEFF${GOOD}`, 'DOA-0001');
    expect(report).toEqual({ ok: true, dryRun: false, rows: 5, recorded: 5, alreadyRecorded: 0 });
    expect(write).toHaveBeenCalledTimes(1);
    const completions = await store.listCompletions();
    expect(completions).toHaveLength(5);
    expect(completions.find((c) => c.personId === 'MPD-0004')).toMatchObject({
      trainingId: 'racial-equity-101',
      waveId: 'racial-equity-101-w3',
      completedOn: '2021-05-20',
      source: 'import',
      recordedBy: 'DOA-0001',
    });
    // A lead takes the toolkit training whatever their tier: the lead's wave is its first.
    expect(completions.find((c) => c.personId === 'MPD-0001')?.waveId).toBe('gare-toolkit-w1');
    const audit = await store.listAudit({ recordType: 'completion' });
    expect(audit).toHaveLength(5);
    expect(new Set(audit.map((e) => e.actorId))).toEqual(new Set(['DOA-0001']));
  });

  it('counts rows already stored, or repeated with the same date, as already recorded', async () => {
    await service.importAttendanceCsv(GOOD, 'DOA-0001');
    const again = await service.importAttendanceCsv(
      GOOD + 'MPD-0002,anti-racism,2021-06-01\r\nMPD-0005,anti-racism,2021-06-02\r\n',
      'DOA-0001',
    );
    expect(again).toEqual({ ok: true, dryRun: false, rows: 7, recorded: 1, alreadyRecorded: 6 });
    expect(await store.listCompletions()).toHaveLength(6);
    expect(await store.listAudit({ recordType: 'completion' })).toHaveLength(6);
  });

  it('names every bad row by line, field and rule, and imports nothing', async () => {
    const text = csv(
      'employee_number,training,completed_on', // 1
      'MPD-0002,anti-racism,2021-06-01', // 2: good
      'MPD-9999,anti-racism,2021-06-01', // 3: no such person
      'MPD-0003,first-aid,2021-06-01', // 4: no such training
      '', // 5: blank, skipped
      'MPD-0004,anti-racism,2031-01-01', // 6: future
      'MPD-0005,anti-racism,06/01/2021', // 7: not ISO
      'MPD-0006,anti-racism,2021-04-20', // 8: before the employees' wave (1 May)
      'MPD-0007,gare-toolkit,2021-06-01', // 9: not required of an employee
      'MPD-0008,anti-racism', // 10: a field short
      'MPD-0002,anti-racism,2021-06-02', // 11: line 2 again, another date
      ',,', // 12: all empty
      '"MPD-0009","Racial equity foundations","2021-06-01"', // 13: good, quoted
    );
    const report = await service.importAttendanceCsv(text, 'DOA-0001');
    expect(report.ok).toBe(false);
    const lines = (report as Extract<ImportReport, { ok: false }>).errors.map(formatLineError);
    expect(lines).toEqual([
      'line 3: employee_number: on-roster: "MPD-9999" is not an employee number on the roster',
      'line 4: training: one-of: "first-aid" is not the id or title of a training of the plan',
      'line 6: completed_on: not-in-future: 2031-01-01 is in the future',
      'line 7: completed_on: date: "06/01/2021" is not a date (YYYY-MM-DD)',
      'line 8: completed_on: not-before-wave: 2021-04-20 is before the wave of anti-racism opened for MPD-0006 (2021-05-01)',
      'line 9: training: required-of-person: gare-toolkit is not required of MPD-0007',
      'line 10: row: columns: has 2 fields; expected 3 (employee_number,training,completed_on)',
      'line 11: completed_on: duplicate: MPD-0002 completed anti-racism on 2021-06-01 on line 2; one completion per person and training',
      'line 12: employee_number: required: is empty',
      'line 12: training: required: is empty',
      'line 12: completed_on: date: "" is not a date (YYYY-MM-DD)',
    ]);
    expect(await store.listCompletions()).toEqual([]);
    expect(await store.listAudit()).toEqual([]);
  });

  it('requires the header, and reads its columns in any order', async () => {
    const headless = await service.importAttendanceCsv(
      'MPD-0002,anti-racism,2021-06-01\n',
      'DOA-0001',
    );
    expect(headless).toMatchObject({
      ok: false,
      errors: [{ line: 1, field: 'header', rule: 'columns' }],
    });
    expect(
      (headless as Extract<ImportReport, { ok: false }>).errors.map(formatLineError)[0],
    ).toMatch(
      /^line 1: header: columns: the first line must name the columns employee_number,training,completed_on \(missing employee_number, training, completed_on; unknown "MPD-0002", "anti-racism", "2021-06-01"\)$/,
    );
    const empty = await service.importAttendanceCsv('\r\n', 'DOA-0001');
    expect(empty).toMatchObject({ ok: false, errors: [{ line: 1, field: 'header' }] });
    const reordered = await service.importAttendanceCsv(
      'Completed_On , TRAINING,employee_number\n2021-06-01,anti-racism,MPD-0002\n',
      'DOA-0001',
    );
    expect(reordered).toMatchObject({ ok: true, recorded: 1 });
  });

  it('refuses a row of someone who left, and a session card leaves them out', async () => {
    const gone = await store.getPerson('MPD-0005');
    if (!gone) throw new Error('no MPD-0005');
    await store.upsertPeople([{ ...gone, active: false, leftOn: '2021-05-31' }]);
    const report = await service.importAttendanceCsv(
      csv('employee_number,training,completed_on', 'MPD-0005,anti-racism,2021-06-01'),
      'DOA-0001',
    );
    expect((report as Extract<ImportReport, { ok: false }>).errors.map(formatLineError)).toEqual([
      'line 2: employee_number: active: MPD-0005 no longer on the staff (left May 31, 2021)',
    ]);
    const lead = await store.getPerson('MPD-0001');
    if (!lead) throw new Error('no lead');
    const outcome = await service.recordAttendance({
      actor: lead,
      departmentId: 'MPD',
      trainingId: 'anti-racism',
      completedOn: '2021-06-01',
      personIds: ['MPD-0005', 'MPD-0006'],
    });
    expect(outcome.recorded.map((p) => p.id)).toEqual(['MPD-0006']);
    expect(outcome.refused).toEqual([
      expect.objectContaining({ employeeNumber: 'MPD-0005', reason: 'not-required' }),
    ]);
  });

  it('reports a broken quote by its line', async () => {
    const report = await service.importAttendanceCsv(
      csv('employee_number,training,completed_on', 'MPD-0002,"anti-racism,2021-06-01'),
      'DOA-0001',
    );
    expect(report).toEqual({
      ok: false,
      rows: 0,
      errors: [
        { line: 2, field: 'csv', rule: 'syntax', message: 'a quoted field is never closed' },
      ],
    });
  });

  it('writes nothing in a dry run, and says what it would record', async () => {
    const report = await service.importAttendanceCsv(GOOD, 'DOA-0001', { dryRun: true });
    expect(report).toEqual({ ok: true, dryRun: true, rows: 5, recorded: 5, alreadyRecorded: 0 });
    expect(await store.listCompletions()).toEqual([]);
    expect(await store.listAudit()).toEqual([]);
  });

  it('needs a person on the roster, or the system, to answer for the import', async () => {
    await expect(service.importAttendanceCsv(GOOD, 'NOBODY-1')).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(await store.listCompletions()).toEqual([]);
    await service.importAttendanceCsv(GOOD, 'system');
    const audit = await store.listAudit({ recordType: 'completion' });
    expect(audit.map((e) => e.actorId)).toEqual(Array(5).fill('system'));
  });
});

describe('attendance on the SharePoint store (Graph emulator)', () => {
  let emulator: GraphEmulator;
  let store: PlanStore;

  beforeAll(async () => {
    emulator = await startGraphEmulator();
    await provisionEmulator(emulator);
    store = await seedCity(emulatedStore(emulator));
  });
  afterAll(async () => {
    await store?.close();
    await emulator?.close();
  });

  it('imports a file and records a session, each completion with its audit entry', async () => {
    const service = new AttendanceService(store, clock);
    expect(await service.importAttendanceCsv(GOOD, 'DOA-0001')).toMatchObject({
      ok: true,
      recorded: 5,
    });
    expect(await service.importAttendanceCsv(GOOD, 'DOA-0001')).toMatchObject({
      ok: true,
      recorded: 0,
      alreadyRecorded: 5,
    });
    const lead = await store.getPerson('MPD-0001');
    if (!lead) throw new Error('no lead');
    const outcome = await service.recordAttendance({
      actor: lead,
      departmentId: 'MPD',
      trainingId: 'anti-racism',
      completedOn: '2021-06-01',
      personIds: ['MPD-0002', 'MPD-0010', 'MPD-0011', 'DPW-00001'],
    });
    expect(outcome.recorded.map((p) => p.id)).toEqual(['MPD-0010', 'MPD-0011']);
    expect(outcome.alreadyRecorded.map((p) => p.id)).toEqual(['MPD-0002']);
    expect(outcome.refused).toEqual([
      expect.objectContaining({ employeeNumber: 'DPW-00001', reason: 'other-department' }),
    ]);
    const audit = await store.listAudit({ recordType: 'completion' });
    expect(audit).toHaveLength(7);
    expect(audit.filter((e) => e.actorId === 'MPD-0001')).toHaveLength(2);
  });
});

describe('npm run attendance:import (the built command line)', () => {
  let dir: string;

  beforeAll(() => {
    if (!fs.existsSync(cli)) throw new Error('dist is not built: run "npm run build:server"');
  });
  beforeEach(async () => {
    dir = tempDir();
    const store = await openCity(dir, 6_000);
    await store.close();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const run = (...args: string[]) =>
    spawnSync(process.execPath, [cli, ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: dir },
      encoding: 'utf8',
      timeout: 60_000,
    });
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  };
  const stored = async () => {
    const store = new SqliteStore(path.join(dir, 'reap.sqlite'));
    try {
      return {
        completions: await store.listCompletions(),
        audit: await store.listAudit({ recordType: 'completion', limit: 100_000 }),
      };
    } finally {
      await store.close();
    }
  };

  it('imports a good file into the store npm start opens, and prints a summary', async () => {
    const r = run('--file', file('good.csv', GOOD), '--by', 'doa-0001');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`into SQLite in ${dir}`);
    expect(r.stdout).toContain(
      'attendance: 5 rows: 5 recorded, 0 already recorded (by DOA-0001, Person DOA-0001)',
    );
    const { completions, audit } = await stored();
    expect(completions).toHaveLength(5);
    expect(completions.every((c) => c.source === 'import' && c.recordedBy === 'DOA-0001')).toBe(
      true,
    );
    expect(audit).toHaveLength(5);
  });

  it('exits 1 naming each bad line, and imports nothing', async () => {
    const bad = GOOD + 'MPD-0006,anti-racism,2099-01-01\r\nMPD-0007,,2021-06-01\r\n';
    const r = run('--file', file('bad.csv', bad), '--by', 'DOA-0001');
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^attendance: .*bad\.csv: 2 bad rows of 7; nothing was imported$/),
      'line 7: completed_on: not-in-future: 2099-01-01 is in the future',
      'line 8: training: required: is empty',
    ]);
    expect((await stored()).completions).toEqual([]);
  });

  it('writes nothing in a dry run', async () => {
    const r = run('--file', file('good.csv', GOOD), '--by', 'DOA-0001', '--dry-run');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      'attendance: dry run: 5 rows: 5 would be recorded, 0 already recorded; nothing was written',
    );
    expect(await stored()).toEqual({ completions: [], audit: [] });
  });

  it('prints progress for a large file', async () => {
    const rows = Array.from(
      { length: 6_000 },
      (_, i) => `DPW-${String(i + 1).padStart(5, '0')},racial-equity-101,2021-05-03`,
    );
    const r = run(
      '--file',
      file('large.csv', csv('employee_number,training,completed_on', ...rows)),
      '--by',
      'DOA-0001',
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('attendance: checked 5,000 of 6,000 rows');
    expect(r.stdout).toContain('attendance: writing 6,000 completions');
    expect(r.stdout).toContain('attendance: 6,000 rows: 6,000 recorded, 0 already recorded');
    expect((await stored()).completions).toHaveLength(6_000);
  });

  it('refuses to run without --by, or with someone not on the roster', async () => {
    const good = file('good.csv', GOOD);
    const missing = run('--file', good);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^attendance: --by is required/);
    const unknown = run('--file', good, '--by', 'X-1');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr.trim()).toBe(
      'attendance: --by: X-1 is not an employee number on the roster',
    );
    const unreadable = run('--file', path.join(dir, 'nope.csv'), '--by', 'DOA-0001');
    expect(unreadable.status).toBe(1);
    expect(unreadable.stderr).toMatch(/cannot read .*nope\.csv \(ENOENT\)/);
    expect((await stored()).completions).toEqual([]);
  });
});
