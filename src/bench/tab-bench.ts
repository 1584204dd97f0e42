import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Benchmark, Figure } from './figures';
import { freePort } from './start-bench';
import { launchChromium } from './headless-chromium';

/** Page loads measured for the first paint, after one that warms the server; the median counts. */
const RUNS = 5;
/** A day inside the demo city's plan, so the view shows waves past due and open. */
const DEMO_DAY = '2021-06-15';

/**
 * The JavaScript `index.html` makes the browser load before anything else runs: its module
 * scripts and the chunks it preloads. Chunks the tab imports later (the pages, the charts) are
 * not in it.
 */
export function initialScripts(indexHtml: string): string[] {
  const found = new Set<string>();
  for (const tag of indexHtml.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
    if (tag.startsWith('<script') && attr('type') === 'module' && attr('src')) {
      found.add(attr('src')!);
    }
    if (tag.startsWith('<link') && attr('rel') === 'modulepreload' && attr('href')) {
      found.add(attr('href')!);
    }
  }
  return [...found];
}

/** Gzipped size of the tab's initial JavaScript (zlib's default level, as a server sends it). */
function initialJsGzipKb(tabDir: string): number {
  const html = fs.readFileSync(path.join(tabDir, 'index.html'), 'utf8');
  const scripts = initialScripts(html);
  if (scripts.length === 0) throw new Error(`${tabDir}/index.html loads no module script`);
  let bytes = 0;
  for (const src of scripts) {
    const file = path.join(tabDir, src.replace(/^\//, ''));
    bytes += zlib.gzipSync(fs.readFileSync(file)).length;
  }
  return Math.round((bytes / 1024) * 10) / 10;
}

/** Starts the built server with the demo city on a day inside its plan; waits for /healthz. */
async function startServer(
  root: string,
): Promise<{ url: string; child: ChildProcess; dataDir: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reap-tab-bench-'));
  const child = spawn(process.execPath, [path.join(root, 'dist', 'src', 'server', 'main.js')], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      DATA_DIR: dataDir,
      REAP_SEED: 'demo',
      REAP_TODAY: DEMO_DAY,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)));
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`reap exited at start: ${stderr}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, child, dataDir };
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

// Runs in the page before its own scripts (an init script, so the tab's CSP does not apply):
// notes the time, from navigation start, of the first frame painted with a scorecard row in it.
const WATCH_SCORECARD = `
window.__reapScorecardPainted = new Promise((resolve) => {
  const seen = () => document.querySelector('[data-testid="department-list"] tbody tr');
  const observer = new MutationObserver(() => {
    if (!seen()) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
  });
  observer.observe(document, { childList: true, subtree: true });
});`;

/**
 * Milliseconds from navigation to the first paint of the citywide scorecard, each load in a fresh
 * browser context (empty cache), as the demo city's Equity Officer in local mode.
 */
async function firstPaintMs(url: string): Promise<number[]> {
  const browser = await launchChromium();
  try {
    const times: number[] = [];
    for (let run = 0; run <= RUNS; run += 1) {
      const context = await browser.newContext({
        viewport: { width: 1440, height: 1000 },
        locale: 'en-US',
      });
      const page = await context.newPage();
      await page.addInitScript(WATCH_SCORECARD);
      await page.goto(`${url}/?theme=light`);
      const painted = (await page.evaluate('window.__reapScorecardPainted')) as number;
      await context.close();
      // The first load warms the server's read model; it is not counted.
      if (run > 0) times.push(painted);
    }
    return times;
  } finally {
    await browser.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * `tab`: the tab's initial JavaScript, gzipped (what `dist/tab/index.html` loads before any lazy
 * chunk), and the first paint of the citywide scorecard in headless Chromium against the real
 * server with the demo city (median of several cold loads).
 */
export function tabBenchmark(root: string): Benchmark {
  return {
    name: 'tab',
    async run(): Promise<Figure[]> {
      const tabDir = path.join(root, 'dist', 'tab');
      const jsKb = initialJsGzipKb(tabDir);
      const { url, child, dataDir } = await startServer(root);
      let times: number[];
      try {
        times = await firstPaintMs(url);
      } finally {
        await stopServer(child);
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
      console.error(`bench: tab first paints (ms): ${times.map((t) => Math.round(t)).join(', ')}`);
      return [
        { name: 'tab.initial_js_gz_kb', value: jsKb, unit: 'KB', target: '< 250' },
        {
          name: 'tab.first_paint_ms',
          value: Math.round(median(times)),
          unit: 'ms',
          target: 'report',
        },
      ];
    },
  };
}
