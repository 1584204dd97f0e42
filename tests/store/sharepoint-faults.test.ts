import { generateDemoCity, planSeed } from '../../src/services/demo/demo-city';
import { startGraphEmulator, type GraphEmulator } from '../emulators/graph';
import { emulatedStore, provisionEmulator } from './sharepoint-emulated';

/**
 * With a fifth of Graph's answers 429 or 503 (inside `$batch` too), and some writes applied but
 * answered 504, every record is stored exactly once and reads back as written.
 */
describe('SharePointStore under Graph faults', () => {
  let emulator: GraphEmulator;
  beforeAll(async () => {
    emulator = await startGraphEmulator({ seed: 7 });
    await provisionEmulator(emulator);
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('stores every record exactly once and reads it back equal', async () => {
    const city = generateDemoCity();
    const people = city.people.filter((p) => p.departmentId === 'MPL' || p.departmentId === 'DCD');
    const staff = new Set(people.map((p) => p.id));
    const completions = city.completions.filter((c) => staff.has(c.personId));
    const [single, ...bulk] = completions;
    emulator.faults.throttleRate = 0.1;
    emulator.faults.unavailableRate = 0.1;
    emulator.faults.batchItemThrottleRate = 0.2;
    emulator.faults.timeoutAfterWriteRate = 0.05;
    emulator.faults.retryAfterSeconds = 0;

    const store = emulatedStore(emulator);
    await store.putPlan(planSeed());
    await store.upsertPeople(people);
    await store.recordCompletions(bulk);
    const first = await store.recordCompletion(single!);
    const again = await store.recordCompletion(single!);
    for (const v of city.visions.slice(0, 5)) await store.addVision(v);
    expect(again.created).toBe(false);
    expect(again.completion).toEqual(first.completion);
    expect(emulator.stats.throttled + emulator.stats.unavailable).toBeGreaterThan(10);
    expect(emulator.stats.timedOutAfterWrite).toBeGreaterThan(0);

    emulator.resetFaults();
    Object.assign(emulator.faults, {
      throttleRate: 0,
      unavailableRate: 0,
      batchItemThrottleRate: 0,
      timeoutAfterWriteRate: 0,
    });
    const fresh = emulatedStore(emulator);
    const byId = <T extends { id: string }>(rows: T[]) =>
      [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(byId(await fresh.listPeople())).toEqual(byId(people));
    expect(byId(await fresh.listCompletions())).toEqual(byId(completions));
    expect(await fresh.listDepartments()).toHaveLength(planSeed().departments.length);
    expect((await fresh.listVisions()).map((v) => v.version)).toEqual([1, 1, 1, 1, 1]);
    const site = emulator.siteId();
    expect(emulator.listItems(site, 'reap People')).toHaveLength(people.length);
    expect(emulator.listItems(site, 'reap Completions')).toHaveLength(completions.length);
  });

  it('repairs an audit entry lost between the completion and its entry when the completion is recorded again', async () => {
    const store = emulatedStore(emulator, { maxRetries: 2 });
    const person = { ...generateDemoCity().people[0]!, id: 'CRASH-1' };
    await store.upsertPeople([person]);
    const completion = {
      id: 'c-crash',
      personId: person.id,
      trainingId: 'racial-equity-101',
      waveId: 'w3',
      completedOn: '2021-03-01',
      recordedAt: '2021-03-01T12:00:00.000Z',
      source: 'bot' as const,
      recordedBy: person.id,
    };
    // The completion's POST goes through; every POST after it (the audit entry) fails.
    let posts = 0;
    emulator.failNext(50, {
      status: 503,
      match: (t) => t.method === 'POST' && t.kind === 'items' && (posts += 1) > 1,
    });
    await expect(store.recordCompletion(completion)).rejects.toThrow();
    emulator.resetFaults();
    expect(await store.listAudit({ recordId: 'c-crash' })).toEqual([]);

    const again = await store.recordCompletion({ ...completion, id: 'c-retry' });
    expect(again.created).toBe(false);
    await store.recordCompletion({ ...completion, id: 'c-third' });
    const entries = await emulatedStore(emulator).listAudit({ recordId: 'c-crash' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorId: person.id, action: 'completion.create' });
  });
});
