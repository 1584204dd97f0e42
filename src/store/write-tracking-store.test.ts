import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { planSeed } from '../services/demo/demo-city';
import { SqliteChangeProbe } from './sqlite/sqlite-change-probe';
import { SqliteStore } from './sqlite/sqlite-store';
import { trackWrites } from './write-tracking-store';

describe('trackWrites', () => {
  let dir: string;
  let plain: SqliteStore;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reap-tracked-'));
    plain = new SqliteStore(path.join(dir, 'reap.sqlite'));
  });
  afterEach(async () => {
    await plain.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('bumps the version once a write has settled, and not for reads', async () => {
    const store = trackWrites(plain);
    expect(store.writeVersion).toBe(0);
    await store.putPlan(planSeed());
    expect(store.writeVersion).toBe(1);
    await store.listDepartments();
    await store.getPerson('nobody');
    await store.isEmpty();
    expect(store.writeVersion).toBe(1);
    const write = store.addPartnershipMeeting({
      id: 'm1',
      departmentId: 'DOA',
      heldOn: '2021-01-05',
      partners: 'County OAAA',
      notes: '',
    });
    expect(store.writeVersion).toBe(1);
    await write;
    expect(store.writeVersion).toBe(2);
    expect(await store.listPartnershipMeetings()).toHaveLength(1);
  });

  it('counts a failed write too (it may have written part)', async () => {
    const store = trackWrites(plain);
    await plain.close();
    await expect(store.putPlan(planSeed())).rejects.toThrow();
    expect(store.writeVersion).toBe(1);
  });

  it('keeps the store what it is, and wraps only once', () => {
    const store = trackWrites(plain);
    expect(store.kind).toBe('sqlite');
    expect(store).toBeInstanceOf(SqliteStore);
    expect(trackWrites(store)).toBe(store);
  });

  it('calls a method replaced on the store after wrapping (a spy)', async () => {
    const store = trackWrites(plain);
    await store.listDepartments();
    const spy = jest.spyOn(plain, 'listDepartments').mockRejectedValue(new Error('down'));
    await expect(store.listDepartments()).rejects.toThrow('down');
    spy.mockRestore();
    await expect(store.listDepartments()).resolves.toEqual([]);
  });

  it("does not count the bot's conversation references", async () => {
    const store = trackWrites(plain);
    await store.saveConversation({
      personId: 'p',
      reference: {},
      updatedAt: '2021-01-01T00:00:00Z',
    });
    expect(store.writeVersion).toBe(0);
  });
});

describe('SqliteChangeProbe', () => {
  it("changes when any connection commits, the store's or another process's", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reap-probe-'));
    const file = path.join(dir, 'reap.sqlite');
    const store = new SqliteStore(file);
    const other = new SqliteStore(file);
    const probe = new SqliteChangeProbe(file);
    try {
      const t0 = probe.token();
      expect(probe.token()).toBe(t0);
      await store.putPlan(planSeed());
      const t1 = probe.token();
      expect(t1).not.toBe(t0);
      await other.addPartnershipMeeting({
        id: 'm1',
        departmentId: 'DOA',
        heldOn: '2021-01-05',
        partners: 'p',
        notes: '',
      });
      expect(probe.token()).not.toBe(t1);
    } finally {
      probe.close();
      await other.close();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
