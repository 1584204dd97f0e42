import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CampaignView } from '../../src/campaigns/campaign-service';
import { freePort } from '../../src/bench/start-bench';
import { repoRoot } from '../../src/config/config';
import { LOCAL_PERSON_HEADER } from '../../src/server/auth/identify-request';
import { DEMO_PERSONAS } from '../../src/services/demo/demo-city';
import { startAzurite, type Azurite } from '../emulators/azurite';
import { startBotConnectorEmulator } from '../emulators/bot-connector';
import { seededRandom } from '../emulators/graph/faults';
import { conversationOf, isReminder, seedCampaignCity } from './campaign-city';

export type CampaignRunOptions = {
  /** CAMPAIGN_RATE_PER_SECOND of the server. */
  rate: number;
  /** CAMPAIGN_CONCURRENCY of the server. */
  concurrency: number;
  /** The emulator's tenant limit (Teams: 50). */
  tenantLimit: number;
  /** How many times the server is killed (SIGKILL) mid-campaign and started again. */
  kills: number;
  /** Seeds the kill moments, so a run can be replayed. */
  seed: number;
  /** The emulator's answer time, ms (Teams: about 100–300). */
  latencyMs?: (random: () => number) => number;
  /** Progress lines (bench). */
  log?: (line: string) => void;
  /**
   * The queue in Azure Storage (Azurite, started for the run) rather than the local one; the
   * server keeps one INSTANCE_ID across restarts, so a restarted server takes its lease back.
   */
  azure?: boolean;
  /** A smaller city: every `sampleEvery`th person besides leads and Ambassadors (default all). */
  sampleEvery?: number;
};

export type CampaignRunResult = {
  /** People with a conversation, who should each get the reminder once. */
  reachable: number;
  delivered: number;
  /** People who got it more than once. */
  duplicates: number;
  /** Reachable people who got nothing. */
  lost: number;
  /** Accepted sends that broke a Teams limit. */
  limitViolations: number;
  /** Answered 429. */
  throttled: number;
  /** Sends per second from the first delivery to the last. */
  sendsPerSecond: number;
  /** The server's process ids, one per start: kills + 1 of them. */
  starts: number;
};

/**
 * Starts `dist/src/server/main.js` and resolves once it answers /healthz.
 * @param onLine each line the server prints to stdout.
 */
export async function startServer(
  env: Record<string, string>,
  url: string,
  onLine?: (line: string) => void,
): Promise<ChildProcess> {
  const main = path.join(repoRoot(), 'dist', 'src', 'server', 'main.js');
  const child = spawn(process.execPath, [main], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', onLine ? 'pipe' : 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)));
  let pending = '';
  child.stdout?.on('data', (b: Buffer) => {
    const lines = (pending + b.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) onLine?.(line);
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`reap exited at start: ${stderr}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`reap did not start: ${stderr}`);
}

/**
 * A whole training's reminder (the three anti-racism waves: all 6,485 people of the demo city,
 * every 100th without a conversation) sent by the built server as `npm start` runs it, into the
 * Bot Connector emulator; the server is killed with SIGKILL at seeded random moments and started
 * again on the same DATA_DIR, until every campaign is done.
 */
export async function runCampaign(o: CampaignRunOptions): Promise<CampaignRunResult> {
  const random = seededRandom(o.seed);
  const connector = await startBotConnectorEmulator({
    limits: { tenantPerSecond: o.tenantLimit },
    recordRequests: false,
    ...(o.latencyMs ? { latencyMs: () => o.latencyMs!(random) } : {}),
  });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reap-campaign-'));
  let child: ChildProcess | undefined;
  let azurite: Azurite | undefined;
  try {
    const city = await seedCampaignCity(dataDir, connector.url, 100, o.sampleEvery ?? 1);
    if (o.azure) azurite = await startAzurite();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = {
      PORT: String(port),
      DATA_DIR: dataDir,
      REAP_SEED: 'none',
      CAMPAIGN_RATE_PER_SECOND: String(o.rate),
      CAMPAIGN_CONCURRENCY: String(o.concurrency),
      ...(azurite
        ? { AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, INSTANCE_ID: 'reap-1' }
        : {}),
    };
    const headers = {
      'content-type': 'application/json',
      [LOCAL_PERSON_HEADER]: DEMO_PERSONAS.officer.id,
    };
    child = await startServer(env, url);
    let starts = 1;
    for (const waveId of ['anti-racism-w1', 'anti-racism-w2', 'anti-racism-w3']) {
      const res = await fetch(`${url}/api/campaigns`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ waveId }),
      });
      if (res.status !== 201)
        throw new Error(`campaign ${waveId}: ${res.status} ${await res.text()}`);
    }
    o.log?.(
      `queued ${city.people.length} reminders${azurite ? ' in Azure Storage (Azurite)' : ''}; sending at ${o.rate}/s`,
    );
    const expectedMs = (city.reachable.length / o.rate) * 1000;
    for (let k = 0; k < o.kills; k += 1) {
      // Somewhere in the middle of what is left to send.
      await new Promise((r) =>
        setTimeout(r, ((0.1 + 0.5 * random()) * expectedMs) / (o.kills + 1)),
      );
      const delivered = connector.deliveries().length;
      child.kill('SIGKILL');
      await new Promise((r) => child!.once('exit', r));
      o.log?.(`killed the server (SIGKILL) after ${delivered} deliveries; starting it again`);
      child = await startServer(env, url);
      starts += 1;
    }
    const deadline = Date.now() + expectedMs * 3 + 60_000;
    for (;;) {
      const res = await fetch(`${url}/api/campaigns`, { headers });
      const { campaigns } = (await res.json()) as { campaigns: CampaignView[] };
      // The three waves, then the leads' summaries that follow each.
      const running = campaigns.filter((c) => c.state === 'running');
      if (campaigns.length === 6 && running.length === 0) break;
      if (Date.now() > deadline) throw new Error('the campaigns did not finish in time');
      o.log?.(`${connector.deliveries().length} of ${city.reachable.length} delivered`);
      await new Promise((r) => setTimeout(r, 2000));
    }
    const reminders = connector.deliveries().filter((d) => isReminder(d.activity));
    const counts = new Map<string, number>();
    for (const d of reminders) {
      counts.set(d.conversationId, (counts.get(d.conversationId) ?? 0) + 1);
    }
    const per = city.reachable.map((p) => counts.get(conversationOf(p)) ?? 0);
    const times = reminders.map((d) => d.at);
    const span = (Math.max(...times) - Math.min(...times)) / 1000;
    return {
      reachable: city.reachable.length,
      delivered: per.filter((n) => n > 0).length,
      duplicates: per.filter((n) => n > 1).length,
      lost: per.filter((n) => n === 0).length,
      limitViolations: connector.limitViolations(),
      throttled: connector.stats.throttled,
      sendsPerSecond: span > 0 ? (times.length - 1) / span : 0,
      starts,
    };
  } finally {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child!.once('exit', r));
    }
    await connector.close();
    await azurite?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
