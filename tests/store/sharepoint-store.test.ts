import { Conflict } from '../../src/domain';
import { generateDemoCity, planSeed } from '../../src/services/demo/demo-city';
import { createGraphClient } from '../../src/store/sharepoint/graph-client';
import { columnDefinition, provision } from '../../src/store/sharepoint/provision';
import { LISTS, listDef, toFields } from '../../src/store/sharepoint/schema';
import { SiteLists } from '../../src/store/sharepoint/site-lists';
import { startGraphEmulator, type GraphEmulator } from '../emulators/graph';
import { describePlanStoreContract } from './plan-store-contract';
import { emulatedConfig, emulatedStore, provisionEmulator } from './sharepoint-emulated';

let emulator: GraphEmulator;
beforeAll(async () => {
  emulator = await startGraphEmulator({ listViewThreshold: 50 });
});
afterAll(async () => {
  await emulator.close();
});

describePlanStoreContract('SharePointStore on the Graph emulator', async () => {
  emulator.reset();
  await provisionEmulator(emulator);
  return emulatedStore(emulator);
});

describe('provisioning', () => {
  beforeEach(() => emulator.reset());

  it('creates every list with its unique Key and indexes, then changes nothing on a second run', async () => {
    const config = emulatedConfig(emulator);
    const site = new SiteLists(
      createGraphClient(config, undefined, { retryDelaySeconds: 0 }),
      config,
    );
    const first = await provision(site);
    expect(first.map((o) => o.action)).toEqual(LISTS.map(() => 'created'));
    const people = emulator.listInfo(emulator.siteId(), 'reap People');
    expect(people?.columns).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Key', indexed: true, enforceUniqueValues: true }),
        expect.objectContaining({ name: 'AadObjectId', indexed: true }),
        expect.objectContaining({ name: 'DepartmentId', indexed: true }),
      ]),
    );
    emulator.resetStats();
    const second = await provision(site);
    expect(second.every((o) => o.action === 'unchanged')).toBe(true);
    expect(emulator.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('adds a missing column and a missing index to an existing list', async () => {
    const config = emulatedConfig(emulator);
    const site = new SiteLists(
      createGraphClient(config, undefined, { retryDelaySeconds: 0 }),
      config,
    );
    emulator.createList(emulator.siteId(), {
      displayName: 'reap Departments',
      columns: [
        { name: 'Key', text: { maxLength: 255 }, indexed: true, enforceUniqueValues: true },
        { name: 'RecordId', text: { maxLength: 255 } },
      ],
    });
    const outcomes = await provision(site);
    expect(outcomes[0]).toEqual({
      displayName: 'reap Departments',
      action: 'updated',
      details: ['indexed RecordId', 'added Name'],
    });
  });

  it('adds the lead forms columns to lists made before them; old items read as SQLite migrates them', async () => {
    const config = emulatedConfig(emulator);
    const site = new SiteLists(
      createGraphClient(config, undefined, { retryDelaySeconds: 0 }),
      config,
    );
    const later = new Set(['Step', 'SubmittedBy', 'ReviewedAt', 'Quarter', 'ReportedAt']);
    for (const id of ['analyses', 'strategyStatuses'] as const) {
      const def = listDef(id);
      emulator.createList(emulator.siteId(), {
        displayName: def.displayName,
        columns: [
          { name: 'Key', text: { maxLength: 255 }, indexed: true, enforceUniqueValues: true },
          ...def.columns.filter((c) => !later.has(c.name)).map(columnDefinition),
        ],
      });
    }
    const old = {
      id: 'a0',
      departmentId: 'DOA',
      title: 'Fees',
      kind: 'new' as const,
      steps: { proposal: 'Fair fees' },
      status: 'draft' as const,
      authorId: '1',
      createdAt: '2021-01-01T00:00:00.000Z',
      updatedAt: '2021-01-01T00:00:00.000Z',
      version: 1,
    };
    const fields = Object.entries(toFields(listDef('analyses'), old)).filter(([, v]) => v !== null);
    emulator.seedItems(emulator.siteId(), 'reap Toolkit Analyses', [Object.fromEntries(fields)]);

    const outcomes = await provision(site);
    const detailsOf = (name: string) => outcomes.find((o) => o.displayName === name)?.details;
    expect(detailsOf('reap Toolkit Analyses')).toEqual([
      'added Step',
      'added SubmittedBy',
      'added ReviewedAt',
    ]);
    expect(detailsOf('reap Strategy Statuses')).toEqual(['added Quarter', 'added ReportedAt']);
    expect(emulator.listInfo(emulator.siteId(), 'reap Strategy Statuses')?.columns).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Quarter', indexed: true })]),
    );
    expect(await emulatedStore(emulator).getAnalysis('a0')).toStrictEqual({
      ...old,
      step: 'proposal',
    });
  });
});

describe('SharePointStore against Graph as it behaves', () => {
  beforeEach(async () => {
    emulator.reset();
    await provisionEmulator(emulator);
  });

  it('turns a change made by someone else in between into a Conflict (412 on If-Match)', async () => {
    const store = emulatedStore(emulator, { maxStalenessMs: 60_000 });
    const a = {
      id: 'a1',
      departmentId: 'DOA',
      title: 'Fees',
      kind: 'new' as const,
      steps: {},
      status: 'draft' as const,
      step: 'proposal' as const,
      authorId: 'x',
      createdAt: '2021-01-01T00:00:00.000Z',
      updatedAt: '2021-01-01T00:00:00.000Z',
      version: 1,
    };
    await store.createAnalysis(a);
    // Another instance saves the item just before this store's PATCH reaches Graph.
    emulator.failNext(1, {
      status: 429,
      retryAfterSeconds: 0,
      match: (target) => {
        if (target.method !== 'PATCH') return false;
        const [item] = emulator.listItems(emulator.siteId(), 'reap Toolkit Analyses');
        emulator.updateItem(emulator.siteId(), 'reap Toolkit Analyses', item!.id, {
          Heading: 'Edited elsewhere',
        });
        return false;
      },
    });
    await expect(store.updateAnalysis({ ...a, title: 'Mine' })).rejects.toBeInstanceOf(Conflict);
    expect((await store.getAnalysis('a1'))?.title).toBe('Edited elsewhere');
  });

  it('sees changes of other instances through delta, and recovers from an expired token (410)', async () => {
    const store = emulatedStore(emulator);
    await store.putPlan(planSeed());
    expect(await store.listDepartments()).toHaveLength(planSeed().departments.length);
    const other = emulatedStore(emulator);
    await other.upsertPeople(generateDemoCity().people.slice(0, 30));
    expect(await store.listPeople()).toHaveLength(30);
    emulator.expireDeltaTokens();
    await other.upsertPeople(generateDemoCity().people.slice(30, 40));
    expect(await store.listPeople()).toHaveLength(40);
  });

  it('serves a steady-state citywide read with one delta request per list', async () => {
    const store = emulatedStore(emulator);
    await store.putPlan(planSeed());
    await store.listDepartments();
    emulator.resetStats();
    await store.listDepartments();
    await store.listDepartments();
    const deltas = emulator.requests.filter((r) => r.kind === 'delta');
    expect(deltas).toHaveLength(2);
  });
});
