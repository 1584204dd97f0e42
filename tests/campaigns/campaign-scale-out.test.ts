import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { CampaignView } from '../../src/campaigns/campaign-service';
import { freePort } from '../../src/bench/start-bench';
import { LOCAL_PERSON_HEADER } from '../../src/server/auth/identify-request';
import { DEMO_PERSONAS } from '../../src/services/demo/demo-city';
import { startAzurite, type Azurite } from '../emulators/azurite';
import { startBotConnectorEmulator, type BotConnectorEmulator } from '../emulators/bot-connector';
import { conversationOf, isReminder, seedCampaignCity, type CampaignCity } from './campaign-city';
import { startServer } from './campaign-run';

// Two app processes (the built server, as `npm start` runs it) share one Azure Storage account
// (Azurite), one Bot Connector emulator and one plan store: a SQLite file both open, linked into
// each instance's own DATA_DIR, so each keeps its own local inbox (`queue.sqlite`) as App Service
// instances would. A campaign started on the instance that does not lead is sent by the one that
// does, each person getting one message; when the leader is killed mid-campaign, the other takes
// its lease over once it lapses (60 s) and finishes: nobody lost, duplicates within the sends
// that were in flight.

const WAVE = 'anti-racism-w2';
const RATE = 50;
const CONCURRENCY = 8;
const LEASE_MS = 60_000;

type Instance = { name: string; url: string; child: ChildProcess; leads: boolean };

type Cluster = {
  city: CampaignCity;
  connector: BotConnectorEmulator;
  instances: Instance[];
  /** The instance that leads now (waits until one does). */
  leader(timeoutMs?: number): Promise<Instance>;
  close(): Promise<void>;
};

const headers = {
  'content-type': 'application/json',
  [LOCAL_PERSON_HEADER]: DEMO_PERSONAS.officer.id,
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startCluster(azurite: Azurite): Promise<Cluster> {
  const connector = await startBotConnectorEmulator({
    limits: { tenantPerSecond: RATE + 5 },
    recordRequests: false,
    latencyMs: () => 20 + Math.random() * 60,
  });
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'reap-scale-out-'));
  const shared = path.join(root, 'shared');
  // Every 3rd person besides leads and Ambassadors: a wave of a few hundred.
  const city = await seedCampaignCity(shared, connector.url, 100, 3);
  const instances: Instance[] = [];
  for (const name of ['reap-a', 'reap-b']) {
    const dataDir = path.join(root, name);
    fs.mkdirSync(dataDir);
    fs.symlinkSync(path.join(shared, 'reap.sqlite'), path.join(dataDir, 'reap.sqlite'));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const instance = { name, url, leads: false } as Instance;
    instance.child = await startServer(
      {
        PORT: String(port),
        DATA_DIR: dataDir,
        REAP_SEED: 'none',
        CAMPAIGN_RATE_PER_SECOND: String(RATE),
        CAMPAIGN_CONCURRENCY: String(CONCURRENCY),
        AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
        INSTANCE_ID: name,
      },
      url,
      (line) => {
        if (line.includes(`instance ${name} `) && line.includes(' leads:')) instance.leads = true;
        if (line.includes(`instance ${name} `) && line.includes('no longer leads')) {
          instance.leads = false;
        }
      },
    );
    instances.push(instance);
  }
  return {
    city,
    connector,
    instances,
    async leader(timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const leading = instances.filter(
          (i) => i.leads && i.child.exitCode === null && i.child.signalCode === null,
        );
        expect(leading.length).toBeLessThanOrEqual(1);
        if (leading[0]) return leading[0];
        if (Date.now() > deadline) throw new Error('no instance leads');
        await sleep(100);
      }
    },
    async close() {
      for (const i of instances) {
        if (i.child.exitCode === null && i.child.signalCode === null) {
          const exited = new Promise((r) => i.child.once('exit', r));
          i.child.kill('SIGTERM');
          await exited;
        }
      }
      await connector.close();
      // The local queues of both instances stayed empty: every message went through Azure.
      for (const i of instances) {
        const db = new Database(path.join(root, i.name, 'queue.sqlite'), { readonly: true });
        const { n } = db.prepare('SELECT COUNT(*) AS n FROM messages').get() as { n: number };
        db.close();
        expect({ instance: i.name, localMessages: n }).toEqual({
          instance: i.name,
          localMessages: 0,
        });
      }
      // Both opened the one plan store (its write-ahead log beside the shared file).
      expect(fs.existsSync(path.join(root, 'reap-a', 'reap.sqlite-wal'))).toBe(false);
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

async function campaigns(instance: Instance): Promise<CampaignView[]> {
  const res = await fetch(`${instance.url}/api/campaigns`, { headers });
  return ((await res.json()) as { campaigns: CampaignView[] }).campaigns;
}

/** Waits until the wave's campaign and the leads' summary after it are done, as `instance` sees them. */
async function waitDone(instance: Instance, timeoutMs: number): Promise<CampaignView[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const all = await campaigns(instance);
    if (all.length === 2 && all.every((c) => c.state === 'done')) return all;
    if (Date.now() > deadline)
      throw new Error(`not done: ${JSON.stringify(all.map((c) => [c.kind, c.state, c.counts]))}`);
    await sleep(500);
  }
}

/** Reminders per reachable person of the wave. */
function reminderCounts(cluster: Cluster, recipients: Set<string>) {
  const counts = new Map<string, number>();
  for (const d of cluster.connector.deliveries().filter((x) => isReminder(x.activity))) {
    counts.set(d.conversationId, (counts.get(d.conversationId) ?? 0) + 1);
  }
  const per = cluster.city.reachable
    .filter((p) => recipients.has(p.id))
    .map((p) => counts.get(conversationOf(p)) ?? 0);
  return {
    reachable: per.length,
    once: per.filter((n) => n === 1).length,
    duplicates: per.filter((n) => n > 1).length,
    lost: per.filter((n) => n === 0).length,
  };
}

describe('two instances sharing one campaign through Azure Storage', () => {
  let azurite: Azurite;
  let cluster: Cluster | undefined;
  beforeEach(async () => {
    azurite = await startAzurite();
  }, 60_000);
  afterEach(async () => {
    await cluster?.close();
    cluster = undefined;
    await azurite?.close();
  });

  async function startOnFollower(c: Cluster) {
    const leader = await c.leader();
    const follower = c.instances.find((i) => i !== leader)!;
    const res = await fetch(`${follower.url}/api/campaigns`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ waveId: WAVE }),
    });
    expect(res.status).toBe(201);
    const { campaign } = (await res.json()) as { campaign: CampaignView };
    const recipients = new Set(
      (
        (await (
          await fetch(`${follower.url}/api/campaigns/${campaign.id}/recipients`, { headers })
        ).json()) as { recipients: Array<{ personId: string }> }
      ).recipients.map((r) => r.personId),
    );
    return { leader, follower, campaign, recipients };
  }

  it('sends a campaign started on the instance that does not lead to everyone, once', async () => {
    cluster = await startCluster(azurite);
    const { leader, follower, recipients } = await startOnFollower(cluster);
    expect(recipients.size).toBeGreaterThan(200);
    const [fromFollower, fromLeader] = [await waitDone(follower, 120_000), await campaigns(leader)];
    expect(fromLeader.map((c) => [c.id, c.state])).toEqual(
      fromFollower.map((c) => [c.id, c.state]),
    );
    const wave = fromFollower.find((c) => c.kind === 'wave')!;
    const result = reminderCounts(cluster, recipients);
    expect(result).toEqual({
      reachable: result.reachable,
      once: result.reachable,
      duplicates: 0,
      lost: 0,
    });
    expect(wave.counts.sent).toBe(result.reachable);
    expect(wave.counts.not_installed).toBe(recipients.size - result.reachable);
    expect(cluster.connector.limitViolations()).toBe(0);
    // Still one leader, the same one: the follower never sent.
    expect((await cluster.leader()).name).toBe(leader.name);
  }, 240_000);

  it('finishes on the other instance when the leader is killed mid-campaign: nobody lost, duplicates within the sends in flight', async () => {
    cluster = await startCluster(azurite);
    const { leader, follower, recipients } = await startOnFollower(cluster);
    const reachable = cluster.city.reachable.filter((p) => recipients.has(p.id)).length;
    // Somewhere in the middle of the sending.
    const deadline = Date.now() + 60_000;
    while (cluster.connector.deliveries().length < reachable * 0.3 && Date.now() < deadline) {
      await sleep(50);
    }
    const delivered = cluster.connector.deliveries().length;
    expect(delivered).toBeLessThan(reachable);
    const killedAt = Date.now();
    leader.child.kill('SIGKILL');
    await new Promise((r) => leader.child.once('exit', r));
    const next = await cluster.leader(LEASE_MS + 20_000);
    expect(next.name).toBe(follower.name);
    expect(Date.now() - killedAt).toBeLessThanOrEqual(LEASE_MS + 10_000);
    await waitDone(follower, 120_000);
    const result = reminderCounts(cluster, recipients);
    expect(result.lost).toBe(0);
    expect(result.duplicates).toBeLessThanOrEqual(CONCURRENCY);
    expect(result.once + result.duplicates).toBe(result.reachable);
    expect(cluster.connector.limitViolations()).toBe(0);
  }, 300_000);
});
