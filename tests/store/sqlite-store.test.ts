import path from 'node:path';
import Database from 'better-sqlite3';
import { planSeed } from '../../src/services/demo/demo-city';
import { MIGRATIONS, migrate } from '../../src/store/sqlite/migrations';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { tempDir } from '../support/temp-dir';
import { describePlanStoreContract } from './plan-store-contract';

describePlanStoreContract(
  'SqliteStore',
  async () => new SqliteStore(path.join(tempDir(), 'reap.sqlite')),
);

describe('SqliteStore file', () => {
  it('keeps data across reopening the same file', async () => {
    const file = path.join(tempDir(), 'nested', 'reap.sqlite');
    const first = new SqliteStore(file);
    expect(await first.isEmpty()).toBe(true);
    await first.putPlan(planSeed());
    await first.close();
    const second = new SqliteStore(file);
    expect(await second.isEmpty()).toBe(false);
    expect(await second.listTrainings()).toHaveLength(3);
    await second.close();
  });

  it('applies each migration once, in its own transaction', () => {
    const db = new Database(path.join(tempDir(), 'm.sqlite'));
    expect(migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(migrate(db)).toEqual([]);
    const broken = [
      ...MIGRATIONS,
      { version: 99, name: 'broken', sql: 'CREATE TABLE x (a); SELECT nonsense FROM nowhere;' },
    ];
    expect(() => migrate(db, broken)).toThrow();
    // The failed migration left neither its table nor its version behind.
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'x'").get()).toBeUndefined();
    expect(db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({
      v: MIGRATIONS.length,
    });
    db.close();
  });

  it('refuses to edit or delete an audit entry, even through SQL', async () => {
    const file = path.join(tempDir(), 'a.sqlite');
    const store = new SqliteStore(file);
    await store.appendAudit({
      id: 'e1',
      at: '2021-01-01T00:00:00.000Z',
      actorId: '1',
      action: 'x',
      recordType: 'y',
      recordId: 'z',
    });
    await store.close();
    const db = new Database(file);
    expect(() => db.prepare("UPDATE audit_log SET actor_id = 'me'").run()).toThrow(
      /cannot be edited/,
    );
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/cannot be edited/);
    db.close();
  });

  it('stores a completion and its audit entry together or not at all', async () => {
    const file = path.join(tempDir(), 'atomic.sqlite');
    const store = new SqliteStore(file);
    await store.putPlan(planSeed());
    const person = {
      id: 'P1',
      aadObjectId: '00000000-0000-0000-0000-0000000000a1',
      displayName: 'Ada Lovelace',
      upn: 'ada@example.org',
      departmentId: 'DOA',
      tier: 'employee' as const,
      jobTitle: 'Analyst',
    };
    await store.upsertPeople([person]);
    // Make the audit insert fail, as a full disk or a crash at that moment would.
    const inner = store as unknown as { insertAudit(entry: unknown): void };
    const insertAudit = inner.insertAudit;
    inner.insertAudit = () => {
      throw new Error('disk full');
    };
    const failing = store;
    const completion = {
      id: 'c1',
      personId: 'P1',
      trainingId: 'racial-equity-101',
      waveId: 'w3',
      completedOn: '2021-03-01',
      recordedAt: '2021-03-01T12:00:00.000Z',
      source: 'bot' as const,
      recordedBy: 'P1',
    };
    await expect(failing.recordCompletion(completion)).rejects.toThrow(/disk full/);
    await expect(failing.recordCompletions([completion])).rejects.toThrow(/disk full/);
    expect(await failing.listCompletions()).toEqual([]);
    inner.insertAudit = insertAudit;
    await store.recordCompletion(completion);
    expect(await store.listCompletions()).toHaveLength(1);
    expect(await store.listAudit()).toHaveLength(1);
    await store.close();
  });

  it('stores a lead form record and its audit entry together or not at all', async () => {
    const store = new SqliteStore(path.join(tempDir(), 'atomic-forms.sqlite'));
    await store.putPlan(planSeed());
    const inner = store as unknown as { insertAudit(entry: unknown): void };
    const insertAudit = inner.insertAudit;
    inner.insertAudit = () => {
      throw new Error('disk full');
    };
    const meeting = {
      id: 'p1',
      departmentId: 'DOA',
      heldOn: '2021-01-01',
      partners: 'County OAAA',
      notes: '',
    };
    const status = {
      id: 's1',
      strategyId: 'S1.1',
      departmentId: 'DOA',
      quarter: '2021-Q1',
      status: 'on_track' as const,
      note: '',
      reportedOn: '2021-03-30',
      reportedBy: 'P1',
    };
    const audit = {
      id: 'meeting.create:p1',
      at: '2021-01-01T18:00:00.000Z',
      actorId: 'P1',
      action: 'meeting.create',
      recordType: 'meeting',
      recordId: 'p1',
      after: meeting,
    };
    await expect(store.addPartnershipMeeting(meeting, audit)).rejects.toThrow(/disk full/);
    await expect(
      store.addStrategyStatuses([status, { ...status, id: 's2' }], { ...audit, id: 'report' }),
    ).rejects.toThrow(/disk full/);
    expect(await store.listPartnershipMeetings()).toEqual([]);
    expect(await store.listStrategyStatuses()).toEqual([]);
    inner.insertAudit = insertAudit;
    expect(await store.addPartnershipMeeting(meeting, audit)).toBe(true);
    expect(await store.listPartnershipMeetings()).toHaveLength(1);
    expect(await store.listAudit()).toEqual([audit]);
    await store.close();
  });

  it('migrates a version 4 file: analyses resume at the first step, statuses have no quarter', async () => {
    const file = path.join(tempDir(), 'v4.sqlite');
    const db = new Database(file);
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 4),
    );
    db.prepare(
      "INSERT INTO toolkit_analyses (id, department_id, title, kind, steps, status, author_id, created_at, updated_at, version) VALUES ('a1', 'DOA', 't', 'new', '{}', 'draft', '1', '2021-01-01', '2021-01-01', 1)",
    ).run();
    db.prepare(
      "INSERT INTO strategy_statuses (id, strategy_id, department_id, status, note, reported_on, reported_by) VALUES ('s1', 'S1.1', 'DOA', 'on_track', '', '2021-01-01', '1')",
    ).run();
    db.close();
    const store = new SqliteStore(file);
    expect((await store.getAnalysis('a1'))?.step).toBe('proposal');
    expect(await store.listStrategyStatuses()).toEqual([
      expect.objectContaining({ id: 's1', quarter: '' }),
    ]);
    expect(Object.keys((await store.listStrategyStatuses())[0]!)).not.toContain('reportedAt');
    await store.close();
  });
});
