import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MILWAUKEE_2020_2021, type Person } from '../domain';
import { SqliteStore } from '../store/sqlite/sqlite-store';
import { trackWrites } from '../store/write-tracking-store';
import { planSeed } from './demo/demo-city';
import { ProgressReadModel } from './progress-read-model';
import { ProgressService } from './progress-service';

const clock = { now: () => new Date('2021-06-15T12:00:00Z') };
const person = (id: string): Person => ({
  id,
  aadObjectId: `aad-${id}`,
  displayName: `Person ${id}`,
  upn: `${id}@example.gov`,
  departmentId: 'MPL',
  tier: 'employee',
  jobTitle: 'x',
});

describe('ProgressReadModel', () => {
  let dir: string;
  let plain: SqliteStore;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reap-read-model-'));
    plain = new SqliteStore(path.join(dir, 'reap.sqlite'));
    await plain.putPlan(planSeed());
    await plain.upsertPeople([person('MPL-1'), person('MPL-2')]);
  });
  afterEach(async () => {
    await plain.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A read model without a change probe, so only this process's writes invalidate it early. */
  function model() {
    const store = trackWrites(plain);
    const progress = new ProgressService(store, MILWAUKEE_2020_2021, clock);
    return {
      store,
      model: new ProgressReadModel(progress, store, { freshMs: 60_000, maxStaleMs: 60_000 }),
    };
  }

  const employees = (v: Awaited<ReturnType<ProgressReadModel['citywide']>>) =>
    v.totals.training.find((t) => t.trainingId === 'anti-racism' && t.tier === 'employee')!;

  it('computes one snapshot for many viewers at once, and serves every view from it', async () => {
    const { model: m } = model();
    const views = await Promise.all([
      ...Array.from({ length: 20 }, () => m.citywide()),
      m.trend(),
      m.department('MPL', true),
    ]);
    expect(m.computations).toBe(1);
    expect(new Set(views.slice(0, 20)).size).toBe(1);
    await m.citywide();
    expect(m.computations).toBe(1);
  });

  it('recomputes at once after a write through the tracked store, even without a probe', async () => {
    const { store, model: m } = model();
    expect(employees(await m.citywide()).completed).toBe(0);
    await store.recordCompletion({
      id: 'c1',
      personId: 'MPL-1',
      trainingId: 'anti-racism',
      waveId: 'anti-racism-w3',
      completedOn: '2021-06-01',
      recordedAt: '2021-06-01T00:00:00Z',
      source: 'tab',
    });
    expect(employees(await m.citywide()).completed).toBe(1);
    expect(m.computations).toBe(2);
    const detail = await m.department('MPL', true);
    const group = detail?.people?.find((g) => g.waveId === 'anti-racism-w3');
    expect(group?.people.map((p) => p.employeeNumber)).toEqual(['MPL-2']);
  });

  it('leaves a write that bypassed the tracked store to the staleness bound', async () => {
    const { model: m } = model();
    await m.citywide();
    await plain.recordCompletion({
      id: 'c2',
      personId: 'MPL-2',
      trainingId: 'anti-racism',
      waveId: 'anti-racism-w3',
      completedOn: '2021-06-01',
      recordedAt: '2021-06-01T00:00:00Z',
      source: 'import',
    });
    expect(employees(await m.citywide()).completed).toBe(0);
    expect(m.computations).toBe(1);
  });

  it('answers undefined for a department it does not know', async () => {
    const { model: m } = model();
    expect(await m.department('NOPE', true)).toBeUndefined();
  });
});
