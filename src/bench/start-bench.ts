import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Benchmark, Figure } from './figures';

/** A port nothing listens on now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Resident memory in MB of the process tree under `pid`'s largest member (the server). */
function serverRssMb(pid: number): number {
  const rows = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,rss='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number) as [number, number, number]);
  const tree = new Set([pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [p, parent] of rows) {
      if (tree.has(parent) && !tree.has(p)) {
        tree.add(p);
        grew = true;
      }
    }
  }
  const rss = rows.filter(([p]) => tree.has(p)).map(([, , kb]) => kb);
  return Math.round(Math.max(...rss) / 102.4) / 10;
}

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).status === 200;
  } catch {
    return false;
  }
}

/** Runs `npm start` on an empty data folder and waits for /healthz; the demo city is seeded. */
async function timeStart(root: string, dataDir: string): Promise<{ ms: number; rssMb: number }> {
  const port = await freePort();
  const started = Date.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir },
    stdio: 'ignore',
    detached: true,
  });
  try {
    const deadline = started + 120_000;
    while (!(await healthy(`http://127.0.0.1:${port}/healthz`))) {
      if (Date.now() > deadline) throw new Error('npm start did not answer /healthz in 120 s');
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    const ms = Date.now() - started;
    return { ms, rssMb: serverRssMb(child.pid ?? 0) };
  } finally {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

/** `start.ms` and `start.rss_mb`: `npm start` to /healthz 200 with the demo city. */
export function startBenchmark(root: string): Benchmark {
  return {
    name: 'start',
    async run(): Promise<Figure[]> {
      const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'reap-bench-')), 'data');
      const first = await timeStart(root, dataDir);
      const again = await timeStart(root, dataDir);
      return [
        { name: 'start.ms', value: first.ms, unit: 'ms', target: 'report' },
        { name: 'start.rss_mb', value: first.rssMb, unit: 'MB', target: 'report' },
        { name: 'start.warm_ms', value: again.ms, unit: 'ms', target: 'report' },
      ];
    },
  };
}
