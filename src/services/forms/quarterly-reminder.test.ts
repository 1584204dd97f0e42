import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Notice, Notices } from '../../campaigns/notices';
import { MILWAUKEE_2020_2021, type Person, type RecipientStatus } from '../../domain';
import { SqliteStore } from '../../store/sqlite/sqlite-store';
import { planSeed } from '../demo/demo-city';
import {
  QuarterlyReminder,
  reminderKey,
  type QuarterlyReminderContent,
} from './quarterly-reminder';

/** The send queue's contract as far as the reminder uses it: each key queued once. */
class KeptNotices implements Notices {
  readonly sent: Notice[] = [];
  /** People the bot has no chat with (and cannot install itself for). */
  readonly unreachable = new Set<string>();
  async reachable(personId: string): Promise<boolean> {
    return !this.unreachable.has(personId);
  }
  async send(notice: Notice): Promise<boolean> {
    if (this.state(notice.key)) return false;
    this.sent.push(notice);
    return true;
  }
  async officers(): Promise<Person[]> {
    return [];
  }
  state(key: string): RecipientStatus | undefined {
    return this.sent.some((n) => n.key === key) ? 'queued' : undefined;
  }
}

const lead = (id: string, departmentId: string): Person => ({
  id,
  aadObjectId: `00000000-0000-4000-8000-${id.replace(/\D/g, '').padStart(12, '0')}`,
  displayName: `Lead ${id}`,
  upn: `${id}@example.org`,
  departmentId,
  tier: 'senior_manager',
  jobTitle: 'Director',
});

describe('QuarterlyReminder', () => {
  let dir: string;
  let store: SqliteStore;
  let now: Date;
  let notices: KeptNotices;
  let rendered: QuarterlyReminderContent[];
  const reminder = (options?: ConstructorParameters<typeof QuarterlyReminder>[2]) =>
    new QuarterlyReminder(
      { store, notices, clock: { now: () => now }, plan: MILWAUKEE_2020_2021 },
      (content) => {
        rendered.push(content);
        return { type: 'message', text: content.strategies.map((s) => s.id).join(' ') };
      },
      options,
    );

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reap-reminder-'));
    store = new SqliteStore(path.join(dir, 'reap.sqlite'));
    await store.putPlan(planSeed());
    await store.upsertPeople([lead('MHD-1', 'MHD'), lead('DPW-2', 'DPW')]);
    await store.setMembers('MHD', 'lead', ['MHD-1'], '2020-07-01');
    await store.setMembers('DPW', 'lead', ['DPW-2'], '2020-07-01');
    notices = new KeptNotices();
    rendered = [];
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts on the first day of the last month of a quarter by default', async () => {
    const r = reminder();
    expect(r.remindsFrom('2021-Q1')).toBe('2021-03-01');
    expect(r.remindsFrom('2021-Q4')).toBe('2021-12-01');
    now = new Date('2021-02-28T23:59:00Z');
    expect(await r.run()).toBe(0);
    now = new Date('2021-03-01T00:00:00Z');
    expect(await r.run()).toBe(2);
  });

  it('starts on the configured day instead', async () => {
    const r = reminder({ monthOfQuarter: 2, dayOfMonth: 15 });
    expect(r.remindsFrom('2021-Q3')).toBe('2021-08-15');
    now = new Date('2021-08-14T12:00:00Z');
    expect(await r.run()).toBe(0);
    now = new Date('2021-08-15T12:00:00Z');
    expect(await r.run()).toBe(2);
  });

  it('lists what each department has not reported, and keys each lead once per quarter', async () => {
    await store.addStrategyStatus({
      id: 'r1',
      strategyId: 'S1.1',
      departmentId: 'MHD',
      quarter: '2021-Q2',
      status: 'done',
      note: '',
      reportedOn: '2021-05-01',
      reportedBy: 'MHD-1',
    });
    now = new Date('2021-06-02T12:00:00Z');
    expect(await reminder().run()).toBe(2);
    const mhd = rendered.find((c) => c.department.id === 'MHD');
    expect(mhd?.strategies.map((s) => s.id)).not.toContain('S1.1');
    expect(mhd?.strategies.map((s) => s.id)).toContain('S1.9');
    expect(mhd?.dueOn).toBe('2021-06-30');
    expect(rendered.find((c) => c.department.id === 'DPW')?.strategies.map((s) => s.id)).toContain(
      'S1.1',
    );
    expect(notices.sent.map((n) => n.key).sort()).toEqual([
      reminderKey('2021-Q2', 'DPW-2'),
      reminderKey('2021-Q2', 'MHD-1'),
    ]);
    expect(await reminder().run()).toBe(0);
    expect(rendered).toHaveLength(2);
  });

  it('waits for a lead the bot cannot reach yet, and reminds them once they can be reached', async () => {
    now = new Date('2021-06-02T12:00:00.000Z');
    notices.unreachable.add('MHD-1');
    expect(await reminder().run()).toBe(1); // DPW's lead only
    expect(notices.state(reminderKey('2021-Q2', 'MHD-1'))).toBeUndefined();
    notices.unreachable.delete('MHD-1');
    expect(await reminder().run()).toBe(1);
    expect(await reminder().run()).toBe(0);
  });
});
