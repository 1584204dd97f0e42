import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { AzureConversationStore } from '../../src/campaigns/azure/azure-conversation-store';
import { azureStorage } from '../../src/campaigns/azure/azure-storage';
import {
  PlanStoreConversations,
  withConversations,
  type ConversationStore,
} from '../../src/campaigns/conversation-store';
import type { ConversationRecord } from '../../src/domain';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { startAzurite, type Azurite } from '../emulators/azurite';
import { tempDir } from '../support/temp-dir';

const record = (personId: string, at = '2021-06-01T00:00:00.000Z'): ConversationRecord => ({
  personId,
  reference: { conversation: { id: `a:${personId}` }, user: { id: `29:${personId}` }, at },
  updatedAt: at,
});

/** What the bot and the campaigns rely on, whichever store keeps the references. */
function describeConversationStoreContract(
  name: string,
  open: () => Promise<{ store: ConversationStore; close(): Promise<void> }>,
) {
  describe(`${name}: the conversation store contract`, () => {
    let store: ConversationStore;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ store, close } = await open());
    });
    afterEach(async () => {
      await close();
    });

    it('keeps the latest reference of each person', async () => {
      expect(await store.get('1')).toBeUndefined();
      await store.save(record('1'));
      await store.save(record('1', '2021-06-02T00:00:00.000Z'));
      await store.save(record('MHD/0042 é'));
      expect(await store.get('1')).toEqual(record('1', '2021-06-02T00:00:00.000Z'));
      expect(await store.get('MHD/0042 é')).toEqual(record('MHD/0042 é'));
      expect((await store.list()).map((r) => r.personId).sort()).toEqual(['1', 'MHD/0042 é']);
    });

    it('lists thousands', async () => {
      for (let i = 0; i < 1200; i += 100) {
        await Promise.all(Array.from({ length: 100 }, (_, j) => store.save(record(String(i + j)))));
      }
      expect(await store.list()).toHaveLength(1200);
    });
  });
}

describeConversationStoreContract('the plan store (SQLite)', async () => {
  const plan = new SqliteStore(path.join(tempDir(), 'reap.sqlite'));
  return { store: new PlanStoreConversations(plan), close: () => plan.close() };
});

describe('on Azurite', () => {
  let azurite: Azurite;
  beforeAll(async () => {
    azurite = await startAzurite();
  }, 60_000);
  afterAll(async () => {
    await azurite?.close();
  });
  const table = () => `conv${randomUUID().replace(/-/g, '').slice(0, 12)}`;

  describeConversationStoreContract('Azure Tables', async () => ({
    store: new AzureConversationStore(azureStorage(azurite.connectionString), undefined, table()),
    close: async () => undefined,
  }));

  it('copies the references the plan store had, once, never over a newer one', async () => {
    const name = table();
    const storage = azureStorage(azurite.connectionString);
    const before = [record('1'), record('2'), record('3')];
    const plan = { list: jest.fn(async () => before) };
    // Another instance records a newer reference for person 1 before anyone copied.
    await new AzureConversationStore(storage, undefined, name).save(
      record('1', '2021-07-01T00:00:00.000Z'),
    );
    const store = new AzureConversationStore(storage, plan, name);
    expect(await store.get('2')).toEqual(record('2'));
    expect(await store.get('1')).toEqual(record('1', '2021-07-01T00:00:00.000Z'));
    expect(await store.list()).toHaveLength(3);
    // Another instance starting later copies nothing again.
    const later = { list: jest.fn(async () => [record('4')]) };
    expect(await new AzureConversationStore(storage, later, name).list()).toHaveLength(3);
    expect(later.list).not.toHaveBeenCalled();
    expect(plan.list).toHaveBeenCalledTimes(1);
  });

  it('copies them once even when two instances start at the same moment', async () => {
    const name = table();
    const storage = azureStorage(azurite.connectionString);
    const before = Array.from({ length: 600 }, (_, i) => record(String(i)));
    const plan = { list: async () => before };
    const [a, b] = [
      new AzureConversationStore(storage, plan, name),
      new AzureConversationStore(storage, plan, name),
    ];
    const [fromA, fromB] = await Promise.all([a.list(), b.list()]);
    expect(fromA).toHaveLength(600);
    expect(fromB).toHaveLength(600);
  });

  it('answers the plan store conversation calls of the bot from the shared store', async () => {
    const plan = new SqliteStore(path.join(tempDir(), 'reap.sqlite'));
    const shared = new AzureConversationStore(
      azureStorage(azurite.connectionString),
      new PlanStoreConversations(plan),
      table(),
    );
    const store = withConversations(plan, shared);
    await store.saveConversation(record('7'));
    expect(await shared.get('7')).toEqual(record('7'));
    expect(await plan.getConversation('7')).toBeUndefined();
    expect(await store.getConversation('7')).toEqual(record('7'));
    expect(await store.listConversations()).toEqual([record('7')]);
    expect(store.kind).toBe('sqlite');
    expect(withConversations(plan, new PlanStoreConversations(plan))).toBe(plan);
    await plan.close();
  });
});
