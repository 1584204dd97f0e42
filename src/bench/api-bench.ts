import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { repoRoot } from '../config/config';
import { LOCAL_PERSON_HEADER } from '../server/auth/identify-request';
import { DEMO_PERSONAS, generateDemoCity } from '../services/demo/demo-city';
import { startGraphEmulator } from '../../tests/emulators/graph';
import { emulatedConfig, provisionEmulator } from '../../tests/store/sharepoint-emulated';
import type { Benchmark, Figure } from './figures';
import { seedEmulator } from './graph-bench';
import { freePort } from './start-bench';

/** Viewers of the citywide view at once. */
const VIEWERS = 20;
/** Requests each viewer makes, one after the other, once the server is warm. */
const REQUESTS_PER_VIEWER = 50;

/**
 * The citywide view's audience in the demo city: the officer, then leads and Ambassadors, one
 * person per viewer (the rate limit and the identity are per person, as in Teams).
 */
function viewers(): string[] {
  const city = generateDemoCity();
  const team = [...city.members].sort((a, b) =>
    a.role === b.role ? 0 : a.role === 'lead' ? -1 : 1,
  );
  const ids = [DEMO_PERSONAS.officer.id, ...team.map((m) => m.personId)];
  return [...new Set(ids)].slice(0, VIEWERS);
}

/** Starts the built server (`dist/src/server/main.js`, as `npm start` runs it) and waits for /healthz. */
async function startServer(
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [path.join(repoRoot(), 'dist', 'src', 'server', 'main.js')],
    {
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(port),
        // The bench measures the read model, not the per-person rate limit: its viewers ask far
        // more often than a person reloading a tab would.
        API_RATE_LIMIT_PER_MINUTE: '1000000',
        API_RATE_LIMIT_BURST: '100000',
        ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)));
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`reap exited at start: ${stderr}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, child };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`reap did not start in 120 s: ${stderr}`);
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** One request's time to the last byte of the answer, in ms. */
async function timedGet(url: string, personId: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(url, { headers: { [LOCAL_PERSON_HEADER]: personId } });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`GET ${url} as ${personId}: ${res.status}`);
  return performance.now() - started;
}

/** `p` (0–1) of sorted `values`, by the nearest-rank method. */
function percentile(sorted: number[], p: number): number {
  const value = sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? 0;
  return Math.round(value * 10) / 10;
}

/** 20 viewers asking for the citywide view again and again, all at once; each answer timed. */
async function measureCitywide(url: string): Promise<{ p50: number; p95: number }> {
  const people = viewers();
  const endpoint = `${url}/api/progress/citywide`;
  // Warm: the first request computes the read model; every viewer has connected once.
  await timedGet(endpoint, people[0] ?? DEMO_PERSONAS.officer.id);
  await Promise.all(people.map((p) => timedGet(endpoint, p)));
  const times: number[] = [];
  await Promise.all(
    people.map(async (person) => {
      for (let i = 0; i < REQUESTS_PER_VIEWER; i += 1) times.push(await timedGet(endpoint, person));
    }),
  );
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

function figures(prefix: string, r: { p50: number; p95: number }, target95: string): Figure[] {
  return [
    { name: `${prefix}.p50_ms`, value: r.p50, unit: 'ms', target: 'report' },
    { name: `${prefix}.p95_ms`, value: r.p95, unit: 'ms', target: target95 },
  ];
}

/** The citywide view on SQLite: the built server with the demo city in a fresh DATA_DIR. */
async function onSqlite(): Promise<Figure[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reap-api-bench-'));
  const { url, child } = await startServer({ DATA_DIR: dataDir, REAP_SEED: 'demo' });
  try {
    return figures('api.citywide', await measureCitywide(url), '< 100');
  } finally {
    await stopServer(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The same on the SharePoint store, against the Graph emulator holding the demo city. */
async function onGraphEmulator(): Promise<Figure[]> {
  const emulator = await startGraphEmulator();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reap-api-bench-'));
  let child: ChildProcess | undefined;
  try {
    await provisionEmulator(emulator);
    seedEmulator(emulator, generateDemoCity());
    const c = emulatedConfig(emulator);
    const caFile = path.join(dataDir, 'emulator-ca.pem');
    fs.writeFileSync(caFile, emulator.certificate);
    const started = await startServer({
      DATA_DIR: dataDir,
      REAP_SEED: 'none',
      SHAREPOINT_SITE_URL: c.siteUrl,
      GRAPH_TENANT_ID: c.tenantId,
      GRAPH_CLIENT_ID: c.clientId,
      GRAPH_CLIENT_SECRET: c.clientSecret ?? '',
      GRAPH_ENDPOINT: emulator.url,
      GRAPH_AUTHORITY_HOST: emulator.url,
      // The server runs in its own process, which must trust the emulator's certificate.
      NODE_EXTRA_CA_CERTS: caFile,
    });
    child = started.child;
    return figures('api.citywide_graph', await measureCitywide(started.url), 'report');
  } finally {
    if (child) await stopServer(child);
    await emulator.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * `api.citywide.*` and `api.citywide_graph.*`: p50 and p95 of `GET /api/progress/citywide` over
 * HTTP, 20 viewers at once (each a different person, 50 requests each, after a warm-up), against
 * the built server with the demo city on SQLite, then on the Graph emulator.
 */
export function apiBenchmark(): Benchmark {
  return {
    name: 'api',
    async run(): Promise<Figure[]> {
      return [...(await onSqlite()), ...(await onGraphEmulator())];
    },
  };
}
