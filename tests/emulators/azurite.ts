import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Azurite's well-known development account (public, documented; not a secret). */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** Azurite running on loopback, in a folder of its own. */
export type Azurite = {
  /** `AZURE_STORAGE_CONNECTION_STRING` for reap: the three services on their ports. */
  connectionString: string;
  ports: { blob: number; queue: number; table: number };
  /** Stops Azurite and removes its folder. */
  close(): Promise<void>;
};

const LISTENING =
  /Azurite (Blob|Queue|Table) service is successfully listening at http:\/\/127\.0\.0\.1:(\d+)/;

/**
 * Starts Azurite (the `azurite` dev dependency) as a child process on 127.0.0.1, each service
 * on a free port the OS picks, storing in a fresh temporary folder; telemetry off, API version
 * check skipped (the SDKs may be newer than the emulator), loose mode (headers it does not know
 * are ignored rather than refused).
 */
export async function startAzurite(): Promise<Azurite> {
  const location = fs.mkdtempSync(path.join(os.tmpdir(), 'reap-azurite-'));
  const main = require.resolve('azurite/dist/src/azurite.js');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      main,
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      '0',
      '--queueHost',
      '127.0.0.1',
      '--queuePort',
      '0',
      '--tableHost',
      '127.0.0.1',
      '--tablePort',
      '0',
      '--location',
      location,
      '--silent',
      '--skipApiVersionCheck',
      '--loose',
      '--disableTelemetry',
    ],
    { cwd: location, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '' } },
  );
  const ports: Partial<Record<'blob' | 'queue' | 'table', number>> = {};
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Azurite did not start: ${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
      for (const line of output.split('\n')) {
        const m = LISTENING.exec(line);
        if (m) ports[m[1]!.toLowerCase() as 'blob' | 'queue' | 'table'] = Number(m[2]);
      }
      if (ports.blob && ports.queue && ports.table) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited (${code}) at start: ${output}`));
    });
  });
  try {
    await ready;
  } catch (error) {
    child.kill('SIGKILL');
    fs.rmSync(location, { recursive: true, force: true });
    throw error;
  }
  child.stdout?.removeAllListeners('data');
  child.stdout?.resume();
  child.stderr?.resume();
  const { blob, queue, table } = ports as Required<typeof ports>;
  const base = 'http://127.0.0.1';
  return {
    connectionString: [
      'DefaultEndpointsProtocol=http',
      `AccountName=${AZURITE_ACCOUNT}`,
      `AccountKey=${AZURITE_KEY}`,
      `BlobEndpoint=${base}:${blob}/${AZURITE_ACCOUNT}`,
      `QueueEndpoint=${base}:${queue}/${AZURITE_ACCOUNT}`,
      `TableEndpoint=${base}:${table}/${AZURITE_ACCOUNT}`,
    ].join(';'),
    ports: { blob, queue, table },
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(location, { recursive: true, force: true });
    },
  };
}
