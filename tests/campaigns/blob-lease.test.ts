import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { azureStorage } from '../../src/campaigns/azure/azure-storage';
import { BlobLeaseLeadership, leaseIdOf } from '../../src/campaigns/azure/blob-lease';
import { startAzurite, type Azurite } from '../emulators/azurite';

// Leases of 15 s (Azure's shortest), renewed every 5 s, tried for every 300 ms.
const LEASE = { durationSeconds: 15, renewEveryMs: 5000, retryEveryMs: 300 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A TCP relay to Azurite's blob port that can be cut, as a network fault would. */
async function relay(port: number) {
  const sockets = new Set<net.Socket>();
  let cut = false;
  const server = net.createServer((client) => {
    if (cut) return client.destroy();
    const upstream = net.connect(port, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    cut() {
      cut = true;
      for (const s of sockets) s.destroy();
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

describe('the lease that makes one instance the sender', () => {
  let azurite: Azurite;
  const started: BlobLeaseLeadership[] = [];
  beforeAll(async () => {
    azurite = await startAzurite();
  }, 60_000);
  afterEach(async () => {
    await Promise.all(started.splice(0).map((l) => l.stop()));
  });
  afterAll(async () => {
    await azurite?.close();
  });

  let blobName = 0;
  const contender = (
    instanceId: string,
    blob: string,
    connectionString = azurite.connectionString,
  ) => {
    const events: Array<{ what: 'lead' | 'follow'; at: number }> = [];
    const lease = new BlobLeaseLeadership({
      storage: azureStorage(connectionString),
      instanceId,
      blob,
      ...LEASE,
      onError: () => undefined,
    });
    lease.start({
      lead: async () => {
        events.push({ what: 'lead', at: Date.now() });
      },
      follow: async () => {
        events.push({ what: 'follow', at: Date.now() });
      },
    });
    started.push(lease);
    return { lease, events };
  };

  /** Samples every 25 ms that at most one leads. @returns when `until` held. */
  async function watch(leases: BlobLeaseLeadership[], until: () => boolean, ms: number) {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      expect(leases.filter((l) => l.leading).length).toBeLessThanOrEqual(1);
      if (until()) return Date.now();
      await sleep(25);
    }
    throw new Error('timed out');
  }

  it('makes exactly one of two contenders the leader', async () => {
    const blob = `jobs-${(blobName += 1)}`;
    const a = contender('app-a', blob);
    const b = contender('app-b', blob);
    await watch([a.lease, b.lease], () => a.lease.leading || b.lease.leading, 10_000);
    const leader = a.lease.leading ? a : b;
    // It renews: still the one leader after the first renewals.
    await watch([a.lease, b.lease], () => false, 7000).catch(() => undefined);
    expect(leader.lease.leading).toBe(true);
    expect(a.events.length + b.events.length).toBe(1);
  }, 30_000);

  it('hands over at once when the leader stops cleanly', async () => {
    const blob = `jobs-${(blobName += 1)}`;
    const a = contender('app-a', blob);
    await watch([a.lease], () => a.lease.leading, 10_000);
    const b = contender('app-b', blob);
    await sleep(1000);
    expect(b.lease.leading).toBe(false);
    const stopped = Date.now();
    await a.lease.stop();
    const took = await watch([a.lease, b.lease], () => b.lease.leading, 5000);
    expect(took - stopped).toBeLessThan(2000);
    expect(a.events.map((e) => e.what)).toEqual(['lead', 'follow']);
  }, 30_000);

  it('lets another take over within the lease time when the leader can no longer renew, never two at once', async () => {
    const blob = `jobs-${(blobName += 1)}`;
    const cuttable = await relay(azurite.ports.blob);
    const viaRelay = azurite.connectionString.replace(
      `127.0.0.1:${azurite.ports.blob}/`,
      `127.0.0.1:${cuttable.port}/`,
    );
    try {
      const a = contender('app-a', blob, viaRelay);
      await watch([a.lease], () => a.lease.leading, 10_000);
      const b = contender('app-b', blob);
      await sleep(500);
      // The leader's network to storage goes: it cannot renew.
      cuttable.cut();
      const cutAt = Date.now();
      const took = await watch([a.lease, b.lease], () => b.lease.leading, 25_000);
      // A stepped down on its own before its lease could lapse; B waited for the lapse.
      const stepped = a.events.find((e) => e.what === 'follow')!.at;
      expect(stepped).toBeLessThan(took);
      expect(took - cutAt).toBeLessThanOrEqual(LEASE.durationSeconds * 1000 + 2000);
    } finally {
      await cuttable.close();
    }
  }, 40_000);

  it('waits out a dead leader, and a restarted instance of the same name takes its lease back at once', async () => {
    const blob = `jobs-${(blobName += 1)}`;
    const container = azureStorage(azurite.connectionString).blobs.getContainerClient(
      'reap-leases',
    );
    await container.createIfNotExists();
    const client = container.getBlockBlobClient(blob);
    await client.upload('', 0);
    // A process named app-a took the lease and was killed: nobody renews it.
    await client.getBlobLeaseClient(leaseIdOf('app-a')).acquireLease(15);
    const b = contender('app-b', blob);
    await sleep(2000);
    expect(b.lease.leading).toBe(false);
    await b.lease.stop();
    const again = contender('app-a', blob);
    const at = Date.now();
    await watch([again.lease], () => again.lease.leading, 5000);
    expect(Date.now() - at).toBeLessThan(2000);
  }, 30_000);
});
