import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { COMPLETE_TRAINING_VERB } from '../../bot/invokes/complete-training';
import {
  isResponsibleFor,
  requirementsFor,
  type StrategyStatus,
  type ToolkitAnalysis,
} from '../../src/domain';
import { startReap, type RunningReap } from '../../src/server/start';
import { DEMO_PERSONAS } from '../../src/services/demo/demo-city';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import type {
  CitywideProgress,
  DepartmentDetail,
  DepartmentsResponse,
  MyPlan,
  ProgressTrend,
  ToolkitAnalysesResponse,
} from '../../src/tab/api/api-types';
import { startBotConnectorEmulator, type BotConnectorEmulator } from '../emulators/bot-connector';
import { executeAction } from '../bot/teams-activities';
import { tempDir } from '../support/temp-dir';

// The progress API over HTTP, on the demo city in SQLite, on a day inside the plan period: every
// figure checked against what the store holds.

const TODAY = '2021-06-15';
const clock = { now: () => new Date(`${TODAY}T15:00:00.000Z`) };
const as = (personId: string) => ({ headers: { 'x-reap-local-person': personId } });

describe('the progress API (local mode, demo city)', () => {
  let reap: RunningReap;
  let connector: BotConnectorEmulator;
  /** MPL's people: a lead, an Ambassador, an employee; and a lead of MHD. */
  let mplLead: string;
  let mplAmbassador: string;
  let mhdLead: string;
  const employee = DEMO_PERSONAS.employee.id; // Jordan Rivera, MPL, two trainings to confirm
  const officer = DEMO_PERSONAS.officer.id;

  beforeAll(async () => {
    connector = await startBotConnectorEmulator();
    reap = await startReap({ PORT: '0', DATA_DIR: tempDir(), REAP_SEED: 'demo' }, clock);
    const members = await reap.store.listMembers();
    const find = (departmentId: string, role: string) =>
      members.find((m) => m.departmentId === departmentId && m.role === role)?.personId ?? '';
    mplLead = find('MPL', 'lead');
    mplAmbassador = find('MPL', 'ambassador');
    mhdLead = find('MHD', 'lead');
  });
  afterAll(async () => {
    await reap?.close();
    await connector?.close();
  });

  async function get<T>(apiPath: string, personId: string): Promise<T> {
    const res = await fetch(`${reap.url}${apiPath}`, as(personId));
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  }
  const citywide = () => get<CitywideProgress>('/api/progress/citywide', officer);
  const department = (id: string, personId: string) =>
    get<DepartmentDetail>(`/api/progress/departments/${id}`, personId);

  /** The people of a department required for each wave and without a completion, by the store. */
  async function unconfirmedInStore(departmentId: string): Promise<Map<string, string[]>> {
    const [people, members, completions, trainings, waves] = await Promise.all([
      reap.store.listPeople({ departmentId }),
      reap.store.listMembers({ departmentId }),
      reap.store.listCompletions({ departmentId }),
      reap.store.listTrainings(),
      reap.store.listWaves(),
    ]);
    const done = new Set(completions.map((c) => `${c.personId}|${c.trainingId}`));
    const leads = new Set(members.filter((m) => m.role === 'lead').map((m) => m.personId));
    const out = new Map<string, string[]>();
    for (const p of people) {
      for (const { training, wave } of requirementsFor(p, leads.has(p.id), trainings, waves)) {
        if (done.has(`${p.id}|${training.id}`)) continue;
        out.set(wave.id, [...(out.get(wave.id) ?? []), p.id]);
      }
    }
    return out;
  }

  it('shows every rule of the plan for each department, with citywide totals from the store', async () => {
    const view = await citywide();
    expect(view.today).toBe(TODAY);
    expect(view.quarter).toBe('2021-Q2');
    const [members, meetings, strategies] = await Promise.all([
      reap.store.listMembers(),
      reap.store.listPartnershipMeetings(),
      reap.store.listStrategies(),
    ]);
    const ambassadors = members.filter((m) => m.role === 'ambassador');
    expect(view.totals.ambassadors).toBe(ambassadors.length);
    expect(view.totals.partnershipMeetings).toBe(
      meetings.filter((m) => m.heldOn >= '2020-01-01' && m.heldOn <= TODAY).length,
    );
    const mpl = view.departments.find((d) => d.departmentId === 'MPL')!;
    expect(mpl.ambassadors).toBe(ambassadors.filter((m) => m.departmentId === 'MPL').length);
    expect(mpl.strategies.responsible).toBe(
      strategies.filter((s) => isResponsibleFor(s, 'MPL')).length,
    );
    // The demo city has reported no strategy yet.
    expect(mpl.strategies.counts.not_reported).toBe(mpl.strategies.responsible);
    expect(view.totals.strategies.responsible).toBe(
      view.departments.reduce((n, d) => n + d.strategies.responsible, 0),
    );
    expect(view.totals.partnershipCadenceKept).toBe(
      view.departments.filter((d) => d.partnership.kept).length,
    );
    for (const d of view.departments) {
      expect(Object.keys(d)).toEqual(
        expect.arrayContaining([
          'relt',
          'ambassadors',
          'ambassadorsPer100',
          'vision',
          'toolkitTraining',
          'training',
          'toolkit',
          'impactStatements',
          'strategies',
          'partnership',
          'unmet',
        ]),
      );
    }
  });

  it("ends each training's weekly trend on the citywide total", async () => {
    const [trend, view] = await Promise.all([
      get<ProgressTrend>('/api/progress/trend', mhdLead),
      citywide(),
    ]);
    expect(trend.from).toBe('2020-09-01');
    expect(trend.series).toHaveLength(view.totals.training.length);
    for (const series of trend.series) {
      const total = view.totals.training.find(
        (t) => t.trainingId === series.trainingId && t.tier === series.tier,
      )!;
      const last = series.points.at(-1)!;
      expect([last.completed, last.required, last.percent]).toEqual([
        total.completed,
        total.required,
        total.percent,
      ]);
      expect(series.points[0]?.weekStart).toBe('2020-08-31');
      expect(last.weekStart).toBe('2021-06-14');
      const completed = series.points.map((p) => p.completed);
      expect(completed).toEqual([...completed].sort((a, b) => a - b));
    }
  });

  it("lists a department's unconfirmed people by name for its lead: exactly those without a completion", async () => {
    const detail = await department('MPL', mplLead);
    const expected = await unconfirmedInStore('MPL');
    expect(detail.people).toBeDefined();
    for (const group of detail.people ?? []) {
      expect(group.people.map((p) => p.employeeNumber).sort()).toEqual(
        (expected.get(group.waveId) ?? []).sort(),
      );
      const wave = detail.waves.find((w) => w.waveId === group.waveId)!;
      expect(wave.notConfirmed).toBe(group.people.length);
      expect(wave.required - wave.completed).toBe(group.people.length);
    }
    // Every wave open on TODAY has its list; none that has not opened.
    expect(detail.people?.map((g) => g.waveId).sort()).toEqual(
      detail.waves
        .filter((w) => w.state !== 'not_open')
        .map((w) => w.waveId)
        .sort(),
    );
    expect(detail.people?.flatMap((g) => g.people).some((p) => p.employeeNumber === employee)).toBe(
      true,
    );
  });

  it("shows names to the officer and the department's Ambassadors, aggregates only to everyone else", async () => {
    const withNames = [officer, mplAmbassador];
    for (const personId of withNames) {
      expect((await department('MPL', personId)).people).toBeDefined();
    }
    const lead = await department('MPL', mplLead);
    for (const personId of [employee, mhdLead]) {
      const detail = await department('MPL', personId);
      expect(detail).not.toHaveProperty('people');
      expect(JSON.stringify(detail)).not.toContain(DEMO_PERSONAS.employee.displayName);
      expect(detail.waves).toEqual(lead.waves);
      expect(detail.department).toEqual(lead.department);
    }
  });

  it('sends the citywide view gzipped to a client that accepts it, as plain JSON otherwise', async () => {
    const raw = (encoding: string) =>
      new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        const req = http.get(
          `${reap.url}/api/progress/citywide`,
          { headers: { ...as(officer).headers, 'accept-encoding': encoding } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
          },
        );
        req.on('error', reject);
      });
    const zipped = await raw('gzip, deflate, br');
    const plain = await raw('identity');
    expect(zipped.headers).toMatchObject({
      'content-encoding': 'gzip',
      'content-type': 'application/json',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(zlib.gunzipSync(zipped.body).toString()).toBe(plain.body.toString());
    expect(zipped.body.length).toBeLessThan(plain.body.length / 4);
    expect((JSON.parse(plain.body.toString()) as CitywideProgress).departments.length).toBe(
      (await reap.store.listDepartments()).length,
    );
  });

  it('answers 404 for a department that does not exist, 400 for a malformed id', async () => {
    const missing = await fetch(`${reap.url}/api/progress/departments/NOPE`, as(officer));
    expect(missing.status).toBe(404);
    const bad = await fetch(`${reap.url}/api/progress/departments/%20x`, as(officer));
    expect(bad.status).toBe(400);
  });

  it('lists every department for the channel tab configuration, to anyone on the roster', async () => {
    const { departments } = await get<DepartmentsResponse>('/api/departments', employee);
    const stored = await reap.store.listDepartments();
    expect(departments).toEqual(stored.map(({ id, name }) => ({ id, name })));
  });

  it("gives a lead their trainings and their department's open items, each with a command", async () => {
    const plan = await get<MyPlan>('/api/my/plan', DEMO_PERSONAS.lead.id);
    expect(plan.person).toMatchObject({ id: DEMO_PERSONAS.lead.id, departmentId: 'MHD' });
    expect(plan.trainings.map((t) => t.trainingId)).toEqual([
      'racial-equity-101',
      'anti-racism',
      'gare-toolkit',
    ]);
    expect(plan.department).toMatchObject({ departmentId: 'MHD', role: 'lead' });
    const items = plan.department?.items ?? [];
    for (const item of items)
      expect(item.command).toMatch(/^(team|vision|toolkit|update|log meeting|attendance)$/);
    const open = (await reap.store.listAnalyses({ departmentId: 'MHD' })).filter(
      (a: ToolkitAnalysis) => a.status === 'draft' || a.status === 'returned',
    );
    expect(
      items
        .filter((i) => i.kind === 'toolkit')
        .map((i) => (i.kind === 'toolkit' ? i.analysisId : ''))
        .sort(),
    ).toEqual(open.map((a) => a.id).sort());
    const strategies = items.find((i) => i.kind === 'strategies');
    const responsible = (await reap.store.listStrategies()).filter((s) =>
      isResponsibleFor(s, 'MHD'),
    );
    expect(strategies).toMatchObject({ command: 'update', count: responsible.length });
  });

  it('gives an employee their trainings and no department items', async () => {
    const plan = await get<MyPlan>('/api/my/plan', employee);
    expect(plan.trainings.filter((t) => !t.completedOn)).toHaveLength(2);
    expect(plan).not.toHaveProperty('department');
  });

  it("shows the officer every department's review queue, a lead only their own department's", async () => {
    const all = await reap.store.listAnalyses();
    const queue = await get<ToolkitAnalysesResponse>(
      '/api/toolkit/analyses?status=submitted',
      officer,
    );
    expect(queue.analyses.map((a) => a.id).sort()).toEqual(
      all
        .filter((a) => a.status === 'submitted')
        .map((a) => a.id)
        .sort(),
    );
    const submittedAt = queue.analyses.map((a) => a.submittedAt ?? '');
    expect(submittedAt).toEqual([...submittedAt].sort());
    const first = queue.analyses[0]!;
    const author = await reap.store.getPerson(first.authorId);
    expect(first.authorName).toBe(author?.displayName);
    expect(first.departmentName).toBe(
      (await reap.store.listDepartments()).find((d) => d.id === first.departmentId)?.name,
    );
    // A lead asking for another department's queue still gets only their own, any status.
    const own = await get<ToolkitAnalysesResponse>('/api/toolkit/analyses', DEMO_PERSONAS.lead.id);
    expect(own.analyses.map((a) => a.id).sort()).toEqual(
      all
        .filter((a) => a.departmentId === 'MHD')
        .map((a) => a.id)
        .sort(),
    );
    const refused = await fetch(`${reap.url}/api/toolkit/analyses`, as(employee));
    expect(refused.status).toBe(403);
    const bad = await fetch(`${reap.url}/api/toolkit/analyses?status=lost`, as(officer));
    expect(bad.status).toBe(400);
    const smuggled = await fetch(`${reap.url}/api/toolkit/analyses?departmentId=MPL`, as(mhdLead));
    expect(smuggled.status).toBe(400);
  });

  describe('the read model', () => {
    const mplAntiRacism = (v: CitywideProgress) =>
      v.departments
        .find((d) => d.departmentId === 'MPL')!
        .training.find((t) => t.trainingId === 'anti-racism' && t.tier === 'employee')!;

    it('moves the figures at once after a completion confirmed through the API', async () => {
      const before = await citywide();
      expect(await citywide()).toEqual(before); // served from memory meanwhile
      const res = await fetch(`${reap.url}/api/my/trainings/anti-racism/complete`, {
        method: 'POST',
        headers: { ...as(employee).headers, 'content-type': 'application/json' },
        body: JSON.stringify({ completedOn: TODAY }),
      });
      expect(res.status).toBe(201);
      const after = await citywide();
      expect(mplAntiRacism(after).completed).toBe(mplAntiRacism(before).completed + 1);
      const detail = await department('MPL', officer);
      const group = detail.people?.find((g) => g.waveId === 'anti-racism-w3');
      expect(group?.people.map((p) => p.employeeNumber)).not.toContain(employee);
      const trend = await get<ProgressTrend>('/api/progress/trend', officer);
      const total = after.totals.training.find(
        (t) => t.trainingId === 'anti-racism' && t.tier === 'employee',
      );
      expect(
        trend.series.find((s) => s.waveId === 'anti-racism-w3')?.points.at(-1)?.completed,
      ).toBe(total?.completed);
    });

    it('moves the figures at once after a completion confirmed in the bot', async () => {
      const before = await citywide();
      const res = await fetch(`${reap.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(
          executeAction({
            serviceUrl: connector.url,
            from: {
              id: '29:jordan',
              name: DEMO_PERSONAS.employee.displayName,
              aadObjectId: (await reap.store.getPerson(employee))?.aadObjectId ?? '',
            },
            verb: COMPLETE_TRAINING_VERB,
            data: { trainingId: 'racial-equity-101' },
          }),
        ),
      });
      expect(res.status).toBe(200);
      const row = (v: CitywideProgress) =>
        v.totals.training.find(
          (t) => t.trainingId === 'racial-equity-101' && t.tier === 'employee',
        )!;
      expect(row(await citywide()).completed).toBe(row(before).completed + 1);
    });

    it("shows another process's write (a CLI import) on the next request", async () => {
      const before = await citywide();
      const other = new SqliteStore(path.join(reap.config.dataDir, 'reap.sqlite'));
      try {
        const status: StrategyStatus = {
          id: 'cli-import-1',
          strategyId: 'S1.1',
          departmentId: 'MPL',
          quarter: '2021-Q2',
          status: 'on_track',
          note: '',
          reportedOn: TODAY,
          reportedBy: mplLead,
        };
        await other.addStrategyStatus(status);
      } finally {
        await other.close();
      }
      const after = await citywide();
      expect(after.totals.strategies.onTrack).toBe(before.totals.strategies.onTrack + 1);
      const mpl = after.departments.find((d) => d.departmentId === 'MPL')!;
      expect(mpl.strategies.strategies.find((s) => s.strategyId === 'S1.1')).toEqual({
        strategyId: 'S1.1',
        status: 'on_track',
        reportedOn: TODAY,
      });
    });
  });
});
