import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { isActive, type Person } from '../../src/domain';
import { planSeed } from '../../src/services/demo/demo-city';
import { ROSTER_SYNC_SETTING } from '../../src/services/roster';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { startGraphEmulator, type GraphEmulator } from '../emulators/graph';
import { emulatedConfig, emulatedStore, provisionEmulator } from '../store/sharepoint-emulated';
import { tempDir } from '../support/temp-dir';
import { demoDirectory, extraObjectId } from './demo-directory';

// `npm run roster:sync`, the built command line run as a child process: from Entra ID (the Graph
// emulator's 6,500-person directory) into the SharePoint store, and from a roster file into the
// SQLite store `npm start` opens.

const root = path.resolve(__dirname, '..', '..');
const cli = path.join(root, 'dist', 'src', 'cli', 'roster-sync.js');
const exampleMapping = path.join(root, 'roster-mapping.example.json');

type Run = { status: number; stdout: string; stderr: string; ms: number };

/** Runs the command asynchronously: the emulator answers from this process. */
function runCli(env: Record<string, string>, cwd: string, args: string[]): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { env, cwd, encoding: 'utf8', timeout: 180_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({
          status: error ? Number(error.code ?? 1) : 0,
          stdout,
          stderr,
          ms: Date.now() - started,
        }),
    );
  });
}

const lines = (text: string) => text.trim().split('\n');

beforeAll(() => {
  if (!fs.existsSync(cli)) throw new Error('dist is not built: run "npm run build:server"');
});

describe('npm run roster:sync from Entra ID (Graph emulator, SharePoint store)', () => {
  const city = demoDirectory();
  let emulator: GraphEmulator;
  let env: Record<string, string>;
  let cwd: string;
  const run = (...args: string[]) => runCli(env, cwd, ['--mapping', exampleMapping, ...args]);
  const people = async (): Promise<Person[]> => {
    const store = emulatedStore(emulator);
    try {
      return await store.listPeople();
    } finally {
      await store.close();
    }
  };
  const writes = () =>
    emulator.requests.filter((r) => r.method !== 'GET' && r.kind !== 'token' && !r.batched);

  beforeAll(async () => {
    emulator = await startGraphEmulator({ roles: ['Sites.Selected', 'User.Read.All'] });
    await provisionEmulator(emulator);
    const store = emulatedStore(emulator);
    await store.putPlan(planSeed());
    await store.close();
    emulator.directory.seedUsers(city.users);
    cwd = tempDir();
    const c = emulatedConfig(emulator);
    const caFile = path.join(cwd, 'emulator-ca.pem');
    fs.writeFileSync(caFile, emulator.certificate);
    env = {
      PATH: process.env.PATH ?? '',
      DATA_DIR: cwd,
      SHAREPOINT_SITE_URL: c.siteUrl,
      GRAPH_TENANT_ID: c.tenantId,
      GRAPH_CLIENT_ID: c.clientId,
      GRAPH_CLIENT_SECRET: c.clientSecret ?? '',
      GRAPH_ENDPOINT: emulator.url,
      GRAPH_AUTHORITY_HOST: emulator.url,
      NODE_EXTRA_CA_CERTS: caFile,
    };
  });
  afterAll(async () => {
    await emulator?.close();
  });

  // The tests below run in order: each starts from the roster the one before left.

  it('--dry-run prints the planned changes for the 6,500-person directory and changes nothing', async () => {
    emulator.resetStats();
    const r = await run('--dry-run');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = lines(r.stdout);
    expect(out[0]).toBe(
      `roster: Entra ID (tenant ${emulator.tenantId}) into SharePoint lists on https://contoso.sharepoint.com/sites/reap (dry run); mapping ${exampleMapping}`,
    );
    expect(out).toEqual(
      expect.arrayContaining([
        'roster: read 6,500 users in 33 requests (the whole directory: the first sync)',
        'roster: 6,485 new, 0 changed, 0 left (to mark inactive), 0 returned, 0 unchanged',
        'roster: new (the first 10):',
        expect.stringMatching(
          /^roster: {3}DOA-0001 Avery Coleman \(DOA, senior_manager, "Equity Officer"\)$/,
        ),
        expect.stringMatching(
          /^roster: departments the mapping does not name; their people are left out/,
        ),
        'roster:   "Milwaukee County Transit System": 10',
        'roster:   (no department): 3',
        expect.stringMatching(/^roster: job titles no pattern matched, given the default tier/),
        'roster: 2 disabled accounts not on the roster ignored',
        expect.stringMatching(
          /^roster: dry run \([\d.]+ s\): nothing was changed; run again with --apply to apply it$/,
        ),
      ]),
    );
    expect(writes()).toEqual([]);
    expect(emulator.listItems(emulator.siteId(), 'reap People')).toEqual([]);
    expect(emulator.listItems(emulator.siteId(), 'reap Settings')).toEqual([]);
  });

  it('--apply applies them in batches with a progress line on stderr, and keeps the delta link', async () => {
    const r = await run('--apply');
    expect(r.status).toBe(0);
    const progress = lines(r.stderr);
    expect(progress.length).toBeLessThanOrEqual(11);
    for (const line of progress) {
      expect(line).toMatch(/^roster: written [\d,]+ of 6,485 people \(\d+%\)$/);
    }
    expect(progress.at(-1)).toBe('roster: written 6,485 of 6,485 people (100%)');
    expect(r.stdout).toMatch(
      /roster: applied: 6,485 new, 0 changed, 0 marked as left, 0 returned \(6,485 people written in [\d.]+ s\)/,
    );
    const stored = await people();
    expect(new Map(stored.map((p) => [p.id, p]))).toEqual(
      new Map(city.people.map((p) => [p.id, p])),
    );
    const store = emulatedStore(emulator);
    try {
      const state = JSON.parse((await store.getSetting(ROSTER_SYNC_SETTING)) ?? '{}') as {
        deltaLink?: string;
      };
      expect(state.deltaLink).toContain('/users/delta?$deltatoken=');
      expect(await store.listAudit({ recordType: 'roster' })).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('a second run reads only the changes since: a new hire, a department move, a leaver', async () => {
    const mover = city.people.find((p) => p.id === 'MPL-0042');
    const leaver = city.people.find((p) => p.id === 'MPD-0007');
    if (!mover || !leaver) throw new Error('demo city changed');
    emulator.directory.seedUsers([
      {
        id: extraObjectId(100),
        displayName: 'Nadia Haddad',
        userPrincipalName: 'nadia.haddad@milwaukee.gov',
        department: 'Milwaukee Health Department',
        jobTitle: 'Epidemiologist',
        employeeId: 'MHD-0281',
        accountEnabled: true,
      },
    ]);
    emulator.directory.updateUser(mover.aadObjectId, { department: 'Health Department' });
    emulator.directory.removeUser(leaver.aadObjectId);

    const dry = await run();
    expect(dry.status).toBe(0);
    expect(lines(dry.stdout)).toEqual(
      expect.arrayContaining([
        'roster: read 3 changes since the last sync in 1 request (delta)',
        'roster: 1 new, 1 changed, 1 left (to mark inactive), 0 returned, 0 unchanged',
        'roster: changed fields: department 1',
        'roster: new:',
        'roster:   MHD-0281 Nadia Haddad (MHD, employee, "Epidemiologist")',
        'roster: changed:',
        `roster:   MPL-0042 ${mover.displayName}: department MPL → MHD`,
        'roster: left:',
        `roster:   MPD-0007 ${leaver.displayName} (MPD)`,
      ]),
    );
    expect((await people()).find((p) => p.id === 'MHD-0281')).toBeUndefined();

    const applied = await run('--apply');
    expect(applied.status).toBe(0);
    expect(applied.stdout).toMatch(/applied: 1 new, 1 changed, 1 marked as left, 0 returned/);
    const after = new Map((await people()).map((p) => [p.id, p]));
    expect(after.size).toBe(6_486);
    expect(after.get('MHD-0281')).toMatchObject({ departmentId: 'MHD', tier: 'employee' });
    expect(after.get('MPL-0042')).toEqual({ ...mover, departmentId: 'MHD' });
    expect(after.get('MPD-0007')).toEqual({
      ...leaver,
      active: false,
      leftOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });

    // Back from the deleted items: active again, history kept under the same id.
    emulator.directory.restoreUser(leaver.aadObjectId);
    const back = await run('--apply');
    expect(back.stdout).toMatch(
      /roster: 0 new, 0 changed, 0 left \(to mark inactive\), 1 returned/,
    );
    expect((await people()).find((p) => p.id === 'MPD-0007')).toEqual(leaver);
    const quiet = await run();
    expect(quiet.stdout).toContain(
      'roster: read 0 changes since the last sync in 1 request (delta)',
    );
  });

  it('names the Graph permission the app lacks, and writes nothing', async () => {
    const bare = await startGraphEmulator({ roles: ['Sites.Selected'] });
    try {
      await provisionEmulator(bare);
      const store = emulatedStore(bare);
      await store.putPlan(planSeed());
      await store.close();
      const caFile = path.join(cwd, 'bare-ca.pem');
      fs.writeFileSync(caFile, bare.certificate);
      const r = await runCli(
        {
          ...env,
          GRAPH_ENDPOINT: bare.url,
          GRAPH_AUTHORITY_HOST: bare.url,
          NODE_EXTRA_CA_CERTS: caFile,
        },
        cwd,
        ['--mapping', exampleMapping, '--apply'],
      );
      expect(r.status).toBe(1);
      expect(lines(r.stderr)).toEqual([
        expect.stringMatching(
          /^roster: failed: reading the directory changes: Graph answered 403 Authorization_RequestDenied/,
        ),
        'roster: the app registration needs the Microsoft Graph application permission User.Read.All, with admin consent (README, "Roster")',
      ]);
      expect(bare.listItems(bare.siteId(), 'reap People')).toEqual([]);
    } finally {
      await bare.close();
    }
  });
});

describe('npm run roster:sync --csv (a roster file into the SQLite store)', () => {
  let dir: string;
  const env = () => ({ PATH: process.env.PATH ?? '', DATA_DIR: dir });
  const run = (...args: string[]) => runCli(env(), dir, ['--mapping', exampleMapping, ...args]);
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  };
  const oid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const officer = (n: number): Person => ({
    id: `MPD-${String(n).padStart(4, '0')}`,
    aadObjectId: oid(n),
    displayName: `Officer ${n}`,
    upn: `officer${n}@milwaukee.gov`,
    departmentId: 'MPD',
    tier: n === 1 ? 'senior_manager' : 'employee',
    jobTitle: n === 1 ? 'Chief of Police' : 'Police Officer',
  });
  const row = (p: Person, over: Partial<Record<string, string>> = {}) =>
    [
      over.employee_number ?? p.id,
      over.display_name ?? p.displayName,
      over.upn ?? p.upn,
      over.department ?? 'Police Department',
      over.job_title ?? p.jobTitle,
      over.entra_object_id ?? p.aadObjectId,
    ].join(',');
  const HEADER = 'employee_number,display_name,upn,department,job_title,entra_object_id';
  const staff = Array.from({ length: 30 }, (_, i) => officer(i + 1));
  const stored = async () => {
    const store = new SqliteStore(path.join(dir, 'reap.sqlite'));
    try {
      return {
        people: await store.listPeople(),
        audit: await store.listAudit({ recordType: 'roster' }),
      };
    } finally {
      await store.close();
    }
  };

  beforeEach(async () => {
    dir = tempDir();
    const store = new SqliteStore(path.join(dir, 'reap.sqlite'));
    await store.putPlan(planSeed());
    await store.upsertPeople(staff);
    await store.close();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses a file with bad rows, naming each by line, and applies nothing', async () => {
    const bad = file(
      'bad.csv',
      [
        HEADER,
        ...staff.slice(0, 5).map((p) => row(p)),
        row(officer(31), { department: 'County Sheriff' }), // line 7
        row(officer(32), { upn: 'officer 32' }), // line 8
        row(officer(33), { employee_number: 'MPD-0002' }), // line 9: number of line 3
        row(officer(34), { entra_object_id: 'not-a-guid' }), // line 10
        'MPD-0035,"Officer, 35"', // line 11
      ].join('\r\n'),
    );
    const r = await run('--csv', bad, '--apply');
    expect(r.status).toBe(1);
    expect(lines(r.stderr)).toEqual([
      `roster: ${bad}: 5 bad rows of 10; nothing was applied`,
      'line 7: department: mapped: "County Sheriff" is neither a department of the plan nor named in the mapping\'s departments',
      'line 8: upn: format: "officer 32" is not a user principal name (name@domain)',
      'line 9: employee_number: duplicate: MPD-0002 is on line 3 too',
      'line 10: entra_object_id: format: "not-a-guid" is not an object id (a GUID)',
      'line 11: row: columns: has 2 fields; expected 6 like the header',
    ]);
    expect(await stored()).toEqual({ people: staff, audit: [] });
  });

  it('plans a good file as a dry run, then applies it: new crew without accounts, a change', async () => {
    const crew = (n: number) =>
      `DPW-${n},Crew Member ${n},crew${n}@milwaukee.gov,Public Works,Sanitation Worker,`;
    const good = file(
      'good.csv',
      [
        HEADER,
        ...staff.map((p) =>
          p.id === 'MPD-0030' ? row(p, { job_title: 'Police Sergeant' }) : row(p),
        ),
        crew(101),
        crew(102),
      ].join('\n'),
    );
    const dry = await run('--csv', good);
    expect(dry.stderr).toBe('');
    expect(dry.status).toBe(0);
    expect(lines(dry.stdout)).toEqual(
      expect.arrayContaining([
        `roster: the roster file ${good} into SQLite in ${dir} (dry run); mapping ${exampleMapping}`,
        'roster: read 32 rows',
        'roster: 2 new, 1 changed, 0 left (to mark inactive), 0 returned, 29 unchanged',
        'roster: changed fields: job title 1, tier 1',
        'roster:   MPD-0030 Officer 30: job title Police Officer → Police Sergeant, tier employee → frontline_manager',
      ]),
    );
    expect((await stored()).people).toEqual(staff);

    const applied = await run('--csv', good, '--apply');
    expect(applied.status).toBe(0);
    const { people, audit } = await stored();
    expect(people).toHaveLength(32);
    expect(people.find((p) => p.id === 'DPW-101')).toEqual({
      id: 'DPW-101',
      aadObjectId: 'unlinked:dpw-101',
      displayName: 'Crew Member 101',
      upn: 'crew101@milwaukee.gov',
      departmentId: 'DPW',
      tier: 'employee',
      jobTitle: 'Sanitation Worker',
    });
    expect(audit).toEqual([
      expect.objectContaining({ action: 'roster.sync', recordId: 'csv:good.csv' }),
    ]);
  });

  it('asks before marking many people as left, and keeps them with their history', async () => {
    const few = file('few.csv', [HEADER, ...staff.slice(0, 10).map((p) => row(p))].join('\n'));
    const refused = await run('--csv', few, '--apply');
    expect(refused.status).toBe(1);
    expect(refused.stderr.trim()).toBe(
      'roster: not applied: 20 of 30 active people would be marked as left; check the mapping and the file, and pass --allow-many-leavers if that is right',
    );
    expect((await stored()).people).toEqual(staff);
    const applied = await run('--csv', few, '--apply', '--allow-many-leavers');
    expect(applied.status).toBe(0);
    const { people } = await stored();
    expect(people).toHaveLength(30);
    expect(people.filter(isActive)).toHaveLength(10);
    expect(people.find((p) => p.id === 'MPD-0030')).toMatchObject({ active: false });
  });

  it('explains what reading Entra ID needs, and refuses contradictory options', async () => {
    const entra = await run();
    expect(entra.status).toBe(1);
    expect(entra.stderr).toMatch(
      /^roster: reading Entra ID needs the app's Graph identity: set SHAREPOINT_SITE_URL/,
    );
    const both = await run('--apply', '--dry-run');
    expect(both.status).toBe(2);
    const mapping = await runCli(env(), dir, ['--csv', 'x.csv']);
    expect(mapping.status).toBe(1);
    expect(mapping.stderr).toMatch(
      /no mapping file roster-mapping\.json: copy roster-mapping\.example\.json/,
    );
  });
});
