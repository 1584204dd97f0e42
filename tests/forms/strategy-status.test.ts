import fs from 'node:fs';
import { REPORT_STRATEGY_STATUS_VERB } from '../../bot/forms/strategy-status-form';
import type { StrategyStatus } from '../../src/domain';
import { startReap, type RunningReap } from '../../src/server/start';
import { DEMO_PERSONAS } from '../../src/services/demo/demo-city';
import { strategiesOf } from '../../src/services/forms/strategy-status-service';
import { startBotConnectorEmulator, type BotConnectorEmulator } from '../emulators/bot-connector';
import { tempDir } from '../support/temp-dir';
import type { TeamsUser } from '../bot/teams-activities';
import { cardActions, cardText } from '../bot/validate-card';
import { botHarness, CARD_BYTES_MAX, type Card } from '../bot/bot-harness';

// The strategy status form (`update`) over HTTP, as Teams drives it: the real bot adapter and
// server, the demo city in a real SQLite file, only the Bot Connector emulated.

const TODAY = new Date('2021-06-15T15:00:00.000Z');
let now = TODAY;
const clock = { now: () => now };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

type Element = Record<string, unknown>;

describe('the strategy status form (demo city)', () => {
  let reap: RunningReap;
  let connector: BotConnectorEmulator;
  let dataDir: string;
  let renee: TeamsUser; // lead of the Health Department (MHD)
  let dpwLead: TeamsUser;
  let officer: TeamsUser;
  /** The strategies MHD is responsible for, in plan order. */
  let mhdStrategies: string[];

  const bot = botHarness({
    reap: () => reap,
    connector: () => connector,
    cardBytesMax: CARD_BYTES_MAX,
  });
  const { asUser, checked, say } = bot;

  beforeAll(async () => {
    connector = await startBotConnectorEmulator();
    dataDir = tempDir();
    reap = await startReap({ PORT: '0', DATA_DIR: dataDir, REAP_SEED: 'demo' }, clock);
    renee = await asUser(DEMO_PERSONAS.lead.id);
    officer = await asUser(DEMO_PERSONAS.officer.id);
    const dpw = (await reap.store.listMembers({ departmentId: 'DPW' })).find(
      (m) => m.role === 'lead',
    );
    if (!dpw) throw new Error('demo city has no lead in DPW');
    dpwLead = await asUser(dpw.personId);
    mhdStrategies = strategiesOf(await reap.store.listStrategies(), 'MHD').map((s) => s.id);
  });
  afterAll(async () => {
    await reap?.close();
    await connector?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    now = TODAY;
    connector.reset();
  });

  const press = async (from: TeamsUser, data: Record<string, unknown>): Promise<Card> =>
    checked((await bot.invoke(from, REPORT_STRATEGY_STATUS_VERB, data)).value);
  /** The list of elements holding the element with `id`, and its index there. */
  const locate = (card: Card, id: string): { list: Element[]; at: number } | undefined => {
    const walk = (value: unknown): { list: Element[]; at: number } | undefined => {
      if (Array.isArray(value)) {
        const at = value.findIndex((e: Element) => e?.id === id);
        if (at >= 0) return { list: value as Element[], at };
        for (const v of value) {
          const found = walk(v);
          if (found) return found;
        }
      } else if (value && typeof value === 'object') {
        for (const v of Object.values(value)) {
          const found = walk(v);
          if (found) return found;
        }
      }
      return undefined;
    };
    return walk(card.body);
  };
  const input = (card: Card, id: string) => {
    const found = locate(card, id);
    return found?.list[found.at];
  };
  const inputIds = (card: Card) => {
    const ids: string[] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        const e = value as Element;
        if (typeof e.type === 'string' && e.type.startsWith('Input.')) ids.push(String(e.id));
        Object.values(e).forEach(walk);
      }
    };
    walk(card.body);
    return ids;
  };
  /** The message shown right under an input. */
  const messageUnder = (card: Card, id: string) => {
    const found = locate(card, id);
    const next = found?.list[found.at + 1];
    return next?.type === 'TextBlock' && next.color === 'attention' ? String(next.text) : undefined;
  };
  const sendData = (card: Card) =>
    cardActions(card).find((a) => a.type === 'Action.Execute')?.data as {
      departmentId: string;
      quarter: string;
      reportId: string;
    };
  const reports = () => reap.store.listStrategyStatuses();
  const auditCount = async () => (await reap.store.listAudit({ limit: 100_000 })).length;
  const storesNothing = async (act: () => Promise<void>) => {
    const before = (await reports()).length;
    const audit = await auditCount();
    await act();
    expect((await reports()).length).toBe(before);
    expect(await auditCount()).toBe(audit);
  };

  it("lists the department's strategies by plan area, each with the four statuses and a note", async () => {
    const card = await say(renee, 'update');
    const text = cardText(card);
    expect(text).toContain('Strategy status · 2021 Q2');
    expect(text).toContain(
      `Milwaukee Health Department · 0 of ${mhdStrategies.length} strategies reported for 2021 Q2.`,
    );
    expect(mhdStrategies).toContain('S1.9'); // the Health Department's own
    expect(mhdStrategies).not.toContain('S1.4'); // DOA's alone
    expect(inputIds(card)).toEqual(mhdStrategies.flatMap((id) => [`status-${id}`, `note-${id}`]));
    for (const area of ['Racial Equity Leadership Team', 'Racial Equity Training']) {
      expect(text).toContain(area);
    }
    const status = input(card, 'status-S1.6');
    expect(status).toMatchObject({ type: 'Input.ChoiceSet', value: '' });
    expect((status?.choices as Array<{ value: string }>).map((c) => c.value)).toEqual([
      'not_started',
      'on_track',
      'at_risk',
      'done',
    ]);
    expect(input(card, 'note-S1.6')).toMatchObject({ type: 'Input.Text', maxLength: 300 });
    expect(cardActions(card)[0]).toMatchObject({
      type: 'Action.Execute',
      verb: REPORT_STRATEGY_STATUS_VERB,
      data: { departmentId: 'MHD', quarter: '2021-Q2' },
      fallback: { type: 'Action.Submit', data: { verb: REPORT_STRATEGY_STATUS_VERB } },
    });
    expect(sendData(card).reportId).toMatch(UUID);
  });

  it('stores one report per strategy given a status, with who reported it and when', async () => {
    const form = await say(renee, 'update');
    const { reportId } = sendData(form);
    const auditBefore = await auditCount();
    const card = await press(renee, {
      ...sendData(form),
      'status-S1.1': 'done',
      'note-S1.1': 'Both leads designated.',
      'status-S1.6': 'at_risk',
      'note-S1.6': 'Two files waiting on data.',
      'status-S1.9': 'on_track',
      'note-S1.9': '',
      'status-S2.1': '',
      'note-S2.1': '',
    });
    expect(cardText(card)).toContain('Saved the 2021 Q2 status of 3 strategies.');
    expect(cardText(card)).toContain('3 of');
    expect(input(card, 'status-S1.6')?.value).toBe('at_risk');
    expect(input(card, 'note-S1.6')?.value).toBe('Two files waiting on data.');
    expect(cardText(card)).toContain('2021 Q2: At risk, reported Jun 15, 2021.');
    expect(sendData(card).reportId).not.toBe(reportId);

    const mine = (await reports()).filter((r) => r.id.startsWith(reportId));
    expect(mine.map((r) => r.id).sort()).toEqual(
      [`${reportId}-S1.1`, `${reportId}-S1.6`, `${reportId}-S1.9`].sort(),
    );
    expect(mine.find((r) => r.strategyId === 'S1.6')).toEqual({
      id: `${reportId}-S1.6`,
      strategyId: 'S1.6',
      departmentId: 'MHD',
      quarter: '2021-Q2',
      status: 'at_risk',
      note: 'Two files waiting on data.',
      reportedOn: '2021-06-15',
      reportedBy: DEMO_PERSONAS.lead.id,
      reportedAt: TODAY.toISOString(),
    });
    const audit = await reap.store.listAudit({ recordId: reportId });
    expect(audit).toEqual([
      expect.objectContaining({
        id: `strategy-status.report:${reportId}`,
        actorId: DEMO_PERSONAS.lead.id,
        action: 'strategy-status.report',
        recordType: 'strategy-status',
      }),
    ]);
    expect(audit[0]?.after).toHaveLength(3);
    expect(await auditCount()).toBe(auditBefore + 1);
  });

  it('stores nothing new when the same press arrives twice (Teams retrying)', async () => {
    const form = await say(renee, 'update');
    const data = { ...sendData(form), 'status-S1.2': 'on_track', 'note-S1.2': 'Recruiting.' };
    await press(renee, data);
    await storesNothing(async () => {
      const again = await press(renee, data);
      expect(cardText(again)).toContain('This report was saved already; nothing new was stored.');
    });
  });

  it('appends a changed status as the latest, and leaves an unchanged one alone', async () => {
    const form = await say(renee, 'update');
    expect(input(form, 'status-S1.1')?.value).toBe('done');
    const before = (await reports()).length;
    const card = await press(renee, {
      ...sendData(form),
      'status-S1.1': 'done',
      'note-S1.1': 'Both leads designated.',
      'status-S1.6': 'on_track',
      'note-S1.6': 'Data arrived.',
    });
    expect(cardText(card)).toContain(
      'Saved the 2021 Q2 status of 1 strategy. 1 strategy unchanged.',
    );
    expect((await reports()).length).toBe(before + 1);
    const s16 = (await reports()).filter(
      (r) => r.strategyId === 'S1.6' && r.departmentId === 'MHD',
    );
    expect(s16.map((r) => r.status)).toEqual(['at_risk', 'on_track']);
    expect(input(card, 'status-S1.6')?.value).toBe('on_track');
    const audit = await reap.store.listAudit({ recordId: sendData(form).reportId });
    expect(audit[0]?.before).toEqual([expect.objectContaining({ status: 'at_risk' })]);
  });

  it("prefills a strategy not reported this quarter with last quarter's report", async () => {
    const q1: StrategyStatus = {
      id: 'test-q1-S2.2',
      strategyId: 'S2.2',
      departmentId: 'MHD',
      quarter: '2021-Q1',
      status: 'behind',
      note: 'Waiting for DER templates.',
      reportedOn: '2021-03-20',
      reportedBy: DEMO_PERSONAS.lead.id,
    };
    await reap.store.addStrategyStatus(q1);
    await reap.store.addStrategyStatus({
      ...q1,
      id: 'test-q1-S3.2',
      strategyId: 'S3.2',
      status: 'on_track',
      note: 'Two events planned.',
    });
    const card = await say(renee, 'update');
    expect(input(card, 'status-S3.2')?.value).toBe('on_track');
    expect(input(card, 'note-S3.2')?.value).toBe('Two events planned.');
    expect(cardText(card)).toContain('Not reported for 2021 Q2 yet; last quarter: On track.');
    // `behind` is not offered any more: the note is kept, the status is left to pick.
    expect(input(card, 'status-S2.2')?.value).toBe('');
    expect(input(card, 'note-S2.2')?.value).toBe('Waiting for DER templates.');
    expect(cardText(card)).toContain('last quarter: Behind.');
  });

  it('refuses each wrong field beside its strategy, keeping what was entered and storing nothing', async () => {
    const form = await say(renee, 'update');
    const cases: Array<[Record<string, string>, string, string]> = [
      [
        { 'status-S1.7': 'on_track', 'note-S1.7': 'x'.repeat(301) },
        'note-S1.7',
        'Shorten the note to 300 characters or fewer (it has 301).',
      ],
      [
        { 'status-S1.7': 'behind', 'note-S1.7': '' },
        'status-S1.7',
        'Pick one of the statuses: not started, on track, at risk or done.',
      ],
      [
        { 'status-S1.7': '', 'note-S1.7': 'A note without a status' },
        'status-S1.7',
        'Pick a status for this strategy, or clear its note.',
      ],
    ];
    for (const [rows, field, text] of cases) {
      await storesNothing(async () => {
        const card = await press(renee, { ...sendData(form), 'status-S1.5': 'done', ...rows });
        expect([field, messageUnder(card, field)]).toEqual([field, text]);
        expect(cardText(card)).toContain('Nothing was saved: correct the strategy marked below.');
        expect(input(card, 'status-S1.5')?.value).toBe('done');
        expect(input(card, 'note-S1.7')?.value).toBe(rows['note-S1.7']);
        expect(sendData(card).reportId).toBe(sendData(form).reportId);
      });
    }
  });

  it('asks for at least one status, and refuses a strategy the department is not responsible for', async () => {
    const form = await say(renee, 'update');
    await storesNothing(async () => {
      const none = await press(renee, { ...sendData(form), 'status-S1.7': '' });
      expect(cardText(none)).toContain(
        'Pick a status for at least one strategy, then send the report. Nothing was saved.',
      );
    });
    await storesNothing(async () => {
      const doa = await press(renee, { ...sendData(form), 'status-S1.4': 'done' });
      expect(cardText(doa)).toContain('S1.4 is not a strategy your department is responsible for.');
    });
    await storesNothing(async () => {
      const odd = await press(renee, { ...sendData(form), reportedBy: DEMO_PERSONAS.officer.id });
      expect(cardText(odd)).toContain('reportedBy: is not a field reap accepts here');
    });
  });

  it('refuses a lead of DPW reporting for the Health Department, and stores nothing', async () => {
    const form = await say(renee, 'update');
    await storesNothing(async () => {
      const card = await press(dpwLead, { ...sendData(form), 'status-S1.7': 'done' });
      expect(cardText(card)).toContain('Not allowed');
      expect(cardText(card)).toContain('You can do this only for your own department.');
    });
  });

  it('accepts a card of last quarter in the first days of a new one, and refuses it later', async () => {
    now = new Date('2021-03-31T20:00:00.000Z');
    const march = await say(renee, 'update');
    expect(sendData(march).quarter).toBe('2021-Q1');
    now = new Date('2021-04-05T15:00:00.000Z');
    const late = await press(renee, { ...sendData(march), 'status-S1.3': 'on_track' });
    expect(cardText(late)).toContain('Saved the 2021 Q1 status of 1 strategy.');
    expect(
      (await reports()).find((r) => r.id === `${sendData(march).reportId}-S1.3`),
    ).toMatchObject({ quarter: '2021-Q1', reportedOn: '2021-04-05' });

    now = TODAY;
    await storesNothing(async () => {
      const old = await press(renee, {
        ...sendData(march),
        reportId: 'test-old-card',
        'status-S1.3': 'done',
      });
      expect(cardText(old)).toContain(
        'This card was for 2021 Q1, which is closed, so nothing was saved. The card now shows 2021 Q2',
      );
      expect(sendData(old).quarter).toBe('2021-Q2');
      expect(input(old, 'status-S1.3')?.value).toBe('done');
    });
  });

  it('updates the card in place from the Action.Submit fallback', async () => {
    const form = await say(renee, 'update');
    connector.reset();
    const card = await bot.submit(
      renee,
      { verb: REPORT_STRATEGY_STATUS_VERB, ...sendData(form), 'status-S1.7': 'not_started' },
      'update-card-1',
    );
    expect(cardText(card)).toContain('Saved the 2021 Q2 status of 1 strategy.');
    expect((await reports()).some((r) => r.id === `${sendData(form).reportId}-S1.7`)).toBe(true);
  });

  it('keeps the largest card (DOA, every note at its longest) under the Teams size limit', async () => {
    const doa = strategiesOf(await reap.store.listStrategies(), 'DOA');
    expect(doa.length).toBeGreaterThanOrEqual(14);
    const form = await say(officer, 'update doa');
    const rows = Object.fromEntries(
      doa.flatMap((s) => [
        [`status-${s.id}`, 'at_risk'],
        // Two bytes a character: a script of three still fits Teams' 28 KB, if not this test's 26.
        [`note-${s.id}`, `${s.id} `.padEnd(300, 'é')],
      ]),
    );
    const card = await press(officer, { ...sendData(form), ...rows });
    expect(cardText(card)).toContain(`Saved the 2021 Q2 status of ${doa.length} strategies.`);
    connector.reset();
    const reopened = await say(officer, 'update doa');
    expect(input(reopened, `note-${doa[0]?.id}`)?.value).toHaveLength(300);
  });
});
