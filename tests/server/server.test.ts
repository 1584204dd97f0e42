import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_PERSONAS } from '../../src/services/demo/demo-city';
import type { CitywideProgress } from '../../src/services/progress-service';
import { startReap, type RunningReap } from '../../src/server/start';
import { tempDir } from '../support/temp-dir';

const root = path.resolve(__dirname, '..', '..');
const as = (personId: string) => ({ headers: { 'x-reap-local-person': personId } });

describe('the reap server over HTTP (local mode, demo city)', () => {
  let reap: RunningReap;
  beforeAll(async () => {
    reap = await startReap({ PORT: '0', DATA_DIR: tempDir(), REAP_SEED: 'demo' });
  });
  afterAll(async () => {
    await reap.close();
  });

  it('seeds the demo city into an empty store and listens on 127.0.0.1', async () => {
    expect(reap.seeded).toBe('demo');
    expect(reap.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await reap.store.listPeople()).length).toBeGreaterThan(6000);
  });

  it('answers the health and readiness probes', async () => {
    expect((await fetch(`${reap.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${reap.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      store: 'sqlite',
      checks: { store: { status: 'ok' }, graph: { status: 'not used' } },
    });
  });

  it('asks for an identity before showing progress', async () => {
    const res = await fetch(`${reap.url}/api/progress/citywide`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { message: string }).message).toMatch(/identity picker/);
  });

  it('offers the demo personas to the local identity picker with their roles', async () => {
    const { identities } = (await (await fetch(`${reap.url}/api/local/identities`)).json()) as {
      identities: Array<{ personId: string; role: string }>;
    };
    expect(identities).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ personId: DEMO_PERSONAS.officer.id, role: 'officer' }),
        expect.objectContaining({ personId: DEMO_PERSONAS.lead.id, role: 'lead' }),
        expect.objectContaining({ personId: DEMO_PERSONAS.employee.id, role: 'employee' }),
      ]),
    );
    const me = await (await fetch(`${reap.url}/api/me`, as(DEMO_PERSONAS.officer.id))).json();
    expect(me).toMatchObject({ mode: 'local', role: 'officer', person: { departmentId: 'DOA' } });
  });

  it('shows every department with figures from the store, and a new completion moves them', async () => {
    const get = async () =>
      (await (
        await fetch(`${reap.url}/api/progress/citywide`, as(DEMO_PERSONAS.officer.id))
      ).json()) as CitywideProgress;
    const before = await get();
    expect(before.departments).toHaveLength((await reap.store.listDepartments()).length);
    expect(before.plan.terms.impactStatement).toBe('Minority Impact Statement');
    const mpl = (p: CitywideProgress) =>
      p.departments
        .find((d) => d.departmentId === 'MPL')!
        .training.find((t) => t.trainingId === 'anti-racism' && t.tier === 'employee')!;
    const storeCount = (
      await reap.store.listCompletions({ departmentId: 'MPL', trainingId: 'anti-racism' })
    ).length;
    expect(storeCount).toBeGreaterThan(0);
    await reap.store.recordCompletion({
      id: 'server-test',
      personId: DEMO_PERSONAS.employee.id,
      trainingId: 'anti-racism',
      waveId: 'anti-racism-w3',
      completedOn: '2021-06-01',
      recordedAt: new Date().toISOString(),
      source: 'tab',
    });
    expect(mpl(await get()).completed).toBe(mpl(before).completed + 1);
  });

  it("lists a person's own trainings", async () => {
    const res = await fetch(`${reap.url}/api/my/trainings`, as(DEMO_PERSONAS.lead.id));
    const { trainings } = (await res.json()) as { trainings: Array<{ trainingId: string }> };
    expect(trainings.map((t) => t.trainingId)).toEqual([
      'racial-equity-101',
      'anti-racism',
      'gare-toolkit',
    ]);
  });

  it('refuses an identity header for someone not on the roster', async () => {
    expect((await fetch(`${reap.url}/api/my/trainings`, as('NOBODY'))).status).toBe(401);
  });
});

describe('the reap server outside local mode', () => {
  it('refuses the identity picker once a tab sign-in is configured', async () => {
    const reap = await startReap({
      PORT: '0',
      DATA_DIR: tempDir(),
      REAP_SEED: 'plan',
      AAD_APP_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
      AAD_APP_TENANT_ID: '99999999-2222-4333-8444-555555555555',
    });
    try {
      expect((await fetch(`${reap.url}/api/local/identities`)).status).toBe(403);
      const res = await fetch(`${reap.url}/api/me`, as(DEMO_PERSONAS.officer.id));
      expect(await res.json()).toMatchObject({ mode: 'teams', person: null });
    } finally {
      await reap.close();
    }
  });
});

describe('npm start with bad configuration', () => {
  const main = path.join(root, 'dist', 'src', 'server', 'main.js');
  const start = (env: Record<string, string>) =>
    spawnSync(process.execPath, [main], {
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
      timeout: 30_000,
    });

  it('stops with one line naming PORT when the port is wrong', () => {
    const r = start({ PORT: 'abc', DATA_DIR: tempDir() });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(
      'reap: cannot start: PORT: must be a whole number from 0 to 65535 (got "abc")',
    );
  });

  it('stops with one line naming DATA_DIR when the data path is unusable', () => {
    const file = path.join(tempDir(), 'not-a-folder');
    fs.writeFileSync(file, '');
    const r = start({ DATA_DIR: path.join(file, 'data') });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^reap: cannot start: DATA_DIR: /);
  });
});

describe('npm start shutdown', () => {
  it('closes the server and the store on SIGTERM and exits 0', async () => {
    const child = spawn(process.execPath, [path.join(root, 'dist', 'src', 'server', 'main.js')], {
      env: { PATH: process.env.PATH ?? '', PORT: '0', DATA_DIR: tempDir(), REAP_SEED: 'plan' },
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start line: ${out}`)), 30_000);
      child.stdout.on('data', () => {
        if (out.includes('ready in')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    expect(out).toMatch(/reap: bot endpoint http:\/\/127\.0\.0\.1:\d+\/api\/messages/);
    expect(out).toMatch(/LOCAL MODE/);
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    expect(out).toMatch(/SIGTERM received, shutting down/);
  });
});
