import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startReap } from '../../src/server/start';
import { startGraphEmulator, type GraphEmulator } from '../emulators/graph';
import { tempDir } from '../support/temp-dir';
import { emulatedConfig } from './sharepoint-emulated';

const root = path.resolve(__dirname, '..', '..');

describe('reap on SharePoint (Graph emulator)', () => {
  let emulator: GraphEmulator;
  let env: Record<string, string>;
  beforeAll(async () => {
    emulator = await startGraphEmulator();
    const c = emulatedConfig(emulator);
    const caFile = path.join(tempDir(), 'emulator-ca.pem');
    fs.writeFileSync(caFile, emulator.certificate);
    env = {
      PATH: process.env.PATH ?? '',
      DATA_DIR: tempDir(),
      SHAREPOINT_SITE_URL: c.siteUrl,
      GRAPH_TENANT_ID: c.tenantId,
      GRAPH_CLIENT_ID: c.clientId,
      GRAPH_CLIENT_SECRET: c.clientSecret ?? '',
      GRAPH_ENDPOINT: emulator.url,
      GRAPH_AUTHORITY_HOST: emulator.url,
      // The provisioning CLI runs in its own process, which must trust the emulator's certificate.
      NODE_EXTRA_CA_CERTS: caFile,
    };
  });
  afterAll(async () => {
    await emulator.close();
  });

  // Asynchronous: the emulator answers from this process, so it must not be blocked.
  const provisionCli = () =>
    new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [path.join(root, 'dist', 'src', 'cli', 'provision.js')],
        { env, encoding: 'utf8', timeout: 60_000 },
        (error, stdout, stderr) =>
          resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });

  it('npm run provision creates the lists with a line per list, and a second run changes nothing', async () => {
    const first = await provisionCli();
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/\[ 1\/24\] reap Departments\s+created/);
    expect(first.stdout).toMatch(/24 of 24 lists created or changed/);
    const second = await provisionCli();
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/all 24 lists were already in place, nothing changed/);
  });

  it('starts on the SharePoint store when a site is configured, seeding the plan only', async () => {
    const reap = await startReap({ ...env, PORT: '0', NODE_EXTRA_CA_CERTS: '' });
    try {
      expect(reap.store.kind).toBe('sharepoint');
      expect(reap.seeded).toBe('plan');
      const ready = await fetch(`${reap.url}/readyz`);
      expect(await ready.json()).toMatchObject({
        status: 'ready',
        store: 'sharepoint',
        checks: { store: { status: 'ok' }, graph: { status: 'ok' } },
      });
      expect(emulator.listItems(emulator.siteId(), 'reap Departments').length).toBeGreaterThan(19);
      expect(emulator.listItems(emulator.siteId(), 'reap People')).toHaveLength(0);
    } finally {
      await reap.close();
    }
  });

  it('says what to do when the site is not configured', () => {
    const r = spawnSync(process.execPath, [path.join(root, 'dist', 'src', 'cli', 'provision.js')], {
      env: { PATH: env.PATH, DATA_DIR: tempDir() },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/SHAREPOINT_SITE_URL is not set/);
  });
});
