import { randomUUID } from 'node:crypto';
import { AzureSendQueue } from '../../src/campaigns/azure/azure-send-queue';
import { azureStorage } from '../../src/campaigns/azure/azure-storage';
import { openLocalDb } from '../../src/campaigns/local-db';
import { emptyCounts } from '../../src/campaigns/send-queue';
import { SqliteSendQueue } from '../../src/campaigns/sqlite-send-queue';
import { startAzurite, type Azurite } from '../emulators/azurite';
import { tempDir } from '../support/temp-dir';
import { describeSendQueueContract } from './send-queue-contract';

describeSendQueueContract('SqliteSendQueue', async () => {
  const dir = tempDir();
  const opened: SqliteSendQueue[] = [];
  const open = () => {
    const queue = new SqliteSendQueue(openLocalDb(dir));
    opened.push(queue);
    return queue;
  };
  return {
    queue: open(),
    another: open,
    close: async () => {
      for (const q of opened) await q.close();
    },
  };
});

describe('on Azurite', () => {
  let azurite: Azurite;
  beforeAll(async () => {
    azurite = await startAzurite();
  }, 60_000);
  afterAll(async () => {
    await azurite?.close();
  });

  describeSendQueueContract('AzureSendQueue', async () => {
    // Tables of their own for each test: one test's messages are never another's to claim.
    const suffix = randomUUID().replace(/-/g, '').slice(0, 12);
    const tables = { campaigns: `c${suffix}`, messages: `m${suffix}` };
    const storage = azureStorage(azurite.connectionString);
    const opened: AzureSendQueue[] = [];
    const open = () => {
      const queue = new AzureSendQueue(storage, tables);
      opened.push(queue);
      return queue;
    };
    return {
      queue: open(),
      another: open,
      close: async () => {
        for (const q of opened) await q.close();
      },
    };
  });

  it('shows every instance the live counts the sender keeps, without reading every message', async () => {
    const suffix = randomUUID().replace(/-/g, '').slice(0, 12);
    const tables = { campaigns: `c${suffix}`, messages: `m${suffix}` };
    const storage = azureStorage(azurite.connectionString);
    const sender = new AzureSendQueue(storage, tables);
    const tab = new AzureSendQueue(storage, tables);
    const id = randomUUID();
    const now = new Date('2021-06-15T15:00:00.000Z');
    await sender.addCampaign(
      {
        id,
        waveId: 'w',
        trainingId: 't',
        kind: 'wave',
        startedBy: 'officer',
        startedAt: now.toISOString(),
        recipients: 40,
        counts: emptyCounts(),
      },
      Array.from({ length: 40 }, (_, i) => ({
        personId: `p${i}`,
        conversationId: `a:${i}`,
        reference: { conversation: { id: `a:${i}` } },
      })),
      now,
    );
    const claimed = await sender.claim(10, Date.now());
    for (const m of claimed.slice(0, 6)) await sender.markSent(m, 'x', now);
    await sender.settle(claimed[6]!, 'gone', 'gone', now);
    const expected = await sender.counts(id);
    // Claimed ahead of sending counts as sending.
    expect(expected).toMatchObject({ sent: 6, gone: 1 });
    expect(expected.queued + expected.sending).toBe(33);
    // Written to the campaign's row within a second or so.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await tab.counts(id)).toEqual(expected);
    expect((await tab.campaigns())[0]?.summary.id).toBe(id);
    await sender.close();
  });
});
