import fs from 'node:fs';
import path from 'node:path';
import { DEPARTMENTS, isActive } from '../../src/domain';
import { planSeed } from '../../src/services/demo/demo-city';
import {
  EntraDirectory,
  ROSTER_SYNC_SETTING,
  RosterSync,
  parseRosterMapping,
  type RosterMapping,
} from '../../src/services/roster';
import { createGraphClient } from '../../src/store/sharepoint/graph-client';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { startGraphEmulator, type GraphEmulator } from '../emulators/graph';
import { emulatedConfig } from '../store/sharepoint-emulated';
import { tempDir } from '../support/temp-dir';
import { demoDirectory, extraObjectId } from './demo-directory';

// The roster sync from Entra ID, as a service: the Graph emulator's directory of the demo city
// (6,500 users) read through the app's Graph pipeline into a SQLite store.

const root = path.resolve(__dirname, '..', '..');
const departments = DEPARTMENTS.map(({ id, name }) => ({ id, name }));
const example = JSON.parse(
  fs.readFileSync(path.join(root, 'roster-mapping.example.json'), 'utf8'),
) as Record<string, unknown>;
const exampleMapping = (over: Record<string, unknown> = {}): RosterMapping =>
  parseRosterMapping({ ...example, ...over }, departments);

const clock = { now: () => new Date('2021-06-15T15:00:00.000Z') };

describe('RosterSync from Entra ID (Graph emulator, SQLite store)', () => {
  const city = demoDirectory();
  let emulator: GraphEmulator;
  let directory: EntraDirectory;
  let store: SqliteStore;

  beforeAll(async () => {
    emulator = await startGraphEmulator({ roles: ['Sites.Selected', 'User.Read.All'] });
    directory = new EntraDirectory(
      createGraphClient(emulatedConfig(emulator), undefined, { retryDelaySeconds: 0 }),
      emulator.url,
    );
  });
  afterAll(() => emulator.close());
  beforeEach(async () => {
    emulator.reset();
    emulator.directory.seedUsers(city.users);
    store = new SqliteStore(path.join(tempDir(), 'reap.sqlite'));
    await store.putPlan(planSeed());
  });
  afterEach(() => store.close());

  const sync = (mapping = exampleMapping()) => new RosterSync(store, mapping, clock);

  it('reads the whole directory the first time and plans the demo city, listing what it cannot place', async () => {
    emulator.resetStats();
    const planned = await sync().planFromDirectory(directory);
    expect(planned.fullReadReason).toBe('first');
    expect(planned.read).toMatchObject({ mode: 'full', users: 6_500 });
    // The first round of delta: Graph's pages of 200.
    expect(emulator.stats.requestsByRoute).toEqual({ 'GET users-delta': 33 });
    const { plan } = planned;
    expect(plan.added).toHaveLength(city.people.length);
    expect(new Map(plan.added.map((p) => [p.id, p]))).toEqual(
      new Map(city.people.map((p) => [p.id, p])),
    );
    expect(plan.unmappedDepartments).toEqual([
      { name: 'Milwaukee County Transit System', people: 10 },
      { name: '(no department)', people: 3 },
    ]);
    expect(plan.disabledIgnored).toBe(2);
    expect([plan.changed, plan.left, plan.returned, plan.skipped]).toEqual([[], [], [], []]);
    // Planning writes nothing.
    expect(await store.listPeople()).toEqual([]);
    expect(await store.getSetting(ROSTER_SYNC_SETTING)).toBeUndefined();
  });

  it('applies in batches, then reads only the changes since: a hire, a move, a leaver, a return', async () => {
    const first = await sync().planFromDirectory(directory);
    const progress: number[] = [];
    await sync().apply(first.plan, {
      source: 'entra',
      state: first.state,
      batchSize: 1_000,
      onProgress: (done) => progress.push(done),
    });
    expect(progress).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000, 6485]);
    expect(await store.listPeople()).toHaveLength(6_485);
    const kept = JSON.parse((await store.getSetting(ROSTER_SYNC_SETTING)) ?? '{}') as Record<
      string,
      string
    >;
    expect(kept.deltaLink).toMatch(/\/users\/delta\?\$deltatoken=/);
    expect(await store.listAudit({ recordType: 'roster' })).toEqual([
      expect.objectContaining({
        actorId: 'system',
        action: 'roster.sync',
        recordId: 'entra',
        after: expect.objectContaining({ added: 6_485, changed: 0, left: 0, returned: 0 }),
      }),
    ]);

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
      },
    ]);
    emulator.directory.updateUser(mover.aadObjectId, { department: 'Milwaukee Health Department' });
    emulator.directory.removeUser(leaver.aadObjectId);
    emulator.resetStats();
    const second = await sync().planFromDirectory(directory);
    expect(second.fullReadReason).toBeUndefined();
    expect(second.read).toMatchObject({ mode: 'delta', users: 2, removed: [leaver.aadObjectId] });
    expect(emulator.stats.requestsByRoute).toEqual({ 'GET users-delta': 1 });
    expect(second.plan.added.map((p) => [p.id, p.departmentId, p.tier])).toEqual([
      ['MHD-0281', 'MHD', 'employee'],
    ]);
    expect(second.plan.changed.map((c) => [c.before.id, c.fields, c.after.departmentId])).toEqual([
      ['MPL-0042', ['departmentId'], 'MHD'],
    ]);
    expect(second.plan.left.map((c) => [c.before.id, c.after.leftOn])).toEqual([
      ['MPD-0007', '2021-06-15'],
    ]);
    await sync().apply(second.plan, { source: 'entra', state: second.state });
    expect(await store.getPerson('MPD-0007')).toEqual({
      ...leaver,
      active: false,
      leftOn: '2021-06-15',
    });
    expect((await store.getPerson('MPL-0042'))?.departmentId).toBe('MHD');

    // Applied, the changes are not read again; the leaver restored is active again.
    emulator.directory.restoreUser(leaver.aadObjectId);
    const third = await sync().planFromDirectory(directory);
    expect(third.read).toMatchObject({ mode: 'delta', users: 1, removed: [] });
    expect(third.plan.returned.map((c) => c.after)).toEqual([leaver]);
    await sync().apply(third.plan, { source: 'entra', state: third.state });
    expect(isActive((await store.getPerson('MPD-0007')) ?? { active: false })).toBe(true);
  });

  it('reads a change of someone skipped before whole, and places them once the mapping names the department', async () => {
    const first = await sync().planFromDirectory(directory);
    await sync().apply(first.plan, { source: 'entra', state: first.state });
    emulator.directory.updateUser(extraObjectId(1), { jobTitle: 'Senior Planner' });
    const delta = await sync().planFromDirectory(directory);
    // The change carried only the title; the department came from reading the user whole.
    expect(delta.plan.unmappedDepartments).toEqual([
      { name: 'Milwaukee County Transit System', people: 1 },
    ]);
    expect(delta.read.requests).toBe(2);

    const withTransit = exampleMapping({
      departments: {
        ...(example.departments as Record<string, string>),
        'Milwaukee County Transit System': 'DPW',
      },
    });
    const remapped = await sync(withTransit).planFromDirectory(directory);
    expect(remapped.fullReadReason).toBe('mapping-changed');
    expect(remapped.plan.added.map((p) => p.id).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `MCTS-${i + 1}`).sort(),
    );
    expect(remapped.plan.unchanged).toBe(6_485);
  });

  it('reads the whole directory again when the delta link expired, marking who is gone as left', async () => {
    const first = await sync().planFromDirectory(directory);
    await sync().apply(first.plan, { source: 'entra', state: first.state });
    emulator.directory.expireDeltaTokens();
    const gone = city.people[10];
    if (!gone) throw new Error('demo city changed');
    emulator.directory.removeUser(gone.aadObjectId, { permanently: true });
    const again = await sync().planFromDirectory(directory);
    expect(again.fullReadReason).toBe('delta-expired');
    expect(again.read.mode).toBe('full');
    expect(again.plan.left.map((c) => c.before.id)).toEqual([gone.id]);
    expect(again.plan.unchanged).toBe(6_484);
  });

  it('never follows a stored delta link to another host: it reads the whole directory instead', async () => {
    const first = await sync().planFromDirectory(directory);
    await sync().apply(first.plan, { source: 'entra', state: first.state });
    const link = first.state.deltaLink ?? '';
    await store.putSetting(
      ROSTER_SYNC_SETTING,
      JSON.stringify({
        ...first.state,
        deltaLink: link.replace(/\/\/[^/]+/, '//attacker.example'),
      }),
    );
    emulator.resetStats();
    const again = await sync().planFromDirectory(directory);
    expect(again.fullReadReason).toBe('delta-expired');
    expect(again.plan.unchanged).toBe(6_485);
  });

  it('places tiers by manager depth from the whole directory with managers, every time', async () => {
    const mapping = exampleMapping({
      tiers: {
        byManagerDepth: { '0': 'senior_manager', '1': 'senior_manager', '2': 'frontline_manager' },
        default: 'employee',
      },
    });
    emulator.resetStats();
    const planned = await sync(mapping).planFromDirectory(directory);
    expect(planned.fullReadReason).toBe('manager-depth');
    expect(emulator.stats.requestsByRoute).toEqual({ 'GET users': 7 });
    expect(planned.state.deltaLink).toBeUndefined();
    const tierOf = new Map(planned.plan.added.map((p) => [p.id, p.tier]));
    // The mayor's office head is the top; each department's head reports to them.
    expect(tierOf.get('MAYR-0001')).toBe('senior_manager');
    expect(tierOf.get('MHD-0001')).toBe('senior_manager');
    expect(tierOf.get('MHD-0002')).toBe('frontline_manager');
    expect(tierOf.get('MAYR-0002')).toBe('senior_manager');
  });

  it('derives ids from object ids when the mapping names no employee number property', async () => {
    const planned = await sync(exampleMapping({ employeeNumber: null })).planFromDirectory(
      directory,
    );
    const renee = planned.plan.added.find((p) => p.displayName === 'Renee Washington');
    expect(renee?.id).toMatch(/^ENTRA-[0-9A-F]{8}$/);
    expect(new Set(planned.plan.added.map((p) => p.id)).size).toBe(city.people.length);
  });
});
