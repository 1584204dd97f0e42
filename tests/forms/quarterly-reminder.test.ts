import fs from 'node:fs';
import { OPEN_FORM_VERB } from '../../bot/forms/form-dispatch';
import { quarterlyReminderFor } from '../../bot/forms/strategy-status-form';
import type { Person, StrategyStatus } from '../../src/domain';
import type { ReapServer } from '../../src/server/app';
import { startReap, type RunningReap } from '../../src/server/start';
import { DEMO_PERSONAS } from '../../src/services/demo/demo-city';
import { reminderKey } from '../../src/services/forms/quarterly-reminder';
import { strategiesOf } from '../../src/services/forms/strategy-status-service';
import { startBotConnectorEmulator, type BotConnectorEmulator } from '../emulators/bot-connector';
import { tempDir } from '../support/temp-dir';
import { executeAction, message } from '../bot/teams-activities';
import { cardActions, cardProblems, cardText, unboundExpressions } from '../bot/validate-card';
import { botHarness, teamsUserOf as asUser, type Card } from '../bot/bot-harness';

// The quarterly reminder of strategy status reports, run with a fixed clock against the real
// server (its durable send queue and the Bot Framework adapter), the demo city in a real SQLite
// file, only the Bot Connector emulated.

let now = new Date('2021-05-31T12:00:00.000Z');
const clock = { now: () => now };

describe('the quarterly reminder of strategy status (demo city)', () => {
  let reap: RunningReap;
  let connector: BotConnectorEmulator;
  let dataDir: string;
  /** Leads of the Health Department (MHD), of Administration (DOA) and of Public Works (DPW). */
  let mhdLeads: Person[];
  let doaLeads: Person[];
  let dpwLeads: Person[];
  /** Every lead of every department, for the count of reminders. */

  const { post } = botHarness({ reap: () => reap, connector: () => connector });
  const conversationOf = (p: Person) => `a:personal-${p.aadObjectId}`;
  const leadsOf = async (departmentId: string): Promise<Person[]> => {
    const members = await reap.store.listMembers({ departmentId });
    const people = await Promise.all(
      members.filter((m) => m.role === 'lead').map((m) => reap.store.getPerson(m.personId)),
    );
    return people.filter((p): p is Person => p !== undefined);
  };
  const reminder = () =>
    quarterlyReminderFor({
      store: reap.store,
      clock,
      plan: reap.config.plan,
      notices: (reap.server as ReapServer).campaigns.notices,
    });
  /** A report of `strategyIds` for the department and quarter, as the form would store it. */
  const report = async (departmentId: string, quarter: string, strategyIds: string[]) => {
    const statuses: StrategyStatus[] = strategyIds.map((strategyId) => ({
      id: `test-${departmentId}-${quarter}-${strategyId}`,
      strategyId,
      departmentId,
      quarter,
      status: 'on_track',
      note: '',
      reportedOn: '2021-05-02',
      reportedBy: 'system',
    }));
    await reap.store.addStrategyStatuses(statuses);
  };
  /** The reminder cards delivered into a person's chat, waiting up to `ms` for `count`. */
  const remindersTo = async (p: Person, count: number, ms = 5000): Promise<Card[]> => {
    const deadline = Date.now() + ms;
    const cards = () =>
      connector
        .deliveries(conversationOf(p))
        .map((d) => (d.activity.attachments as Array<{ content: Card }> | undefined)?.[0]?.content)
        .filter((c): c is Card => c !== undefined && cardText(c).includes('Strategy status due'));
    while (cards().length < count && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    return cards();
  };

  beforeAll(async () => {
    connector = await startBotConnectorEmulator();
    dataDir = tempDir();
    reap = await startReap({ PORT: '0', DATA_DIR: dataDir, REAP_SEED: 'demo' }, clock);
    mhdLeads = await leadsOf('MHD');
    doaLeads = await leadsOf('DOA');
    dpwLeads = await leadsOf('DPW');
    expect(mhdLeads.map((p) => p.id)).toContain(DEMO_PERSONAS.lead.id);
    expect(doaLeads.length).toBeGreaterThan(0);
    // Conversation references exist only for people who wrote to the bot.
    for (const lead of [...mhdLeads, ...doaLeads]) {
      const res = await post(
        message({ serviceUrl: connector.url, from: asUser(lead), text: 'hi' }),
      );
      expect(res.status).toBe(200);
    }
    // Q2: MHD reported all but two strategies; DOA reported every one.
    const strategies = await reap.store.listStrategies();
    await report(
      'MHD',
      '2021-Q2',
      strategiesOf(strategies, 'MHD')
        .map((s) => s.id)
        .filter((id) => id !== 'S1.6' && id !== 'S3.2'),
    );
    await report(
      'DOA',
      '2021-Q2',
      strategiesOf(strategies, 'DOA').map((s) => s.id),
    );
    // A report of last quarter does not count for this one.
    await report('DPW', '2021-Q1', ['S1.1']);
  });
  afterAll(async () => {
    await reap?.close();
    await connector?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends nothing before the first day of the last month of the quarter', async () => {
    connector.reset();
    now = new Date('2021-05-31T23:00:00.000Z');
    expect(await reminder().run()).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(connector.deliveries()).toEqual([]);
  });

  it('reaches each lead once and lists only what is due', async () => {
    connector.reset();
    now = new Date('2021-06-01T13:00:00.000Z');
    const notices = (reap.server as ReapServer).campaigns.notices;
    // Every lead with something due whom the bot can reach: MHD's (DOA reported everything, and
    // DPW's leads have never opened the bot, so they wait).
    const queued = await reminder().run();
    expect(queued).toBe(mhdLeads.length);
    for (const lead of dpwLeads)
      expect(notices.state(reminderKey('2021-Q2', lead.id))).toBe(undefined);

    for (const lead of mhdLeads) {
      const [card, ...more] = await remindersTo(lead, 1);
      expect(more).toEqual([]);
      expect(card).toBeDefined();
      const found = card as Card;
      expect(cardProblems(found)).toEqual([]);
      expect(unboundExpressions(found)).toEqual([]);
      const text = cardText(found);
      expect(text).toContain('Strategy status due for 2021 Q2');
      expect(text).toContain(
        `${lead.displayName.split(' ')[0]}, Milwaukee Health Department has not reported the 2021 Q2 status of these 2 strategies yet. The quarter ends on Jun 30, 2021`,
      );
      expect(text).toContain('**S1.6**');
      expect(text).toContain('**S3.2**');
      expect(text.match(/\*\*S\d\.\d+\*\*/g)).toEqual(['**S1.6**', '**S3.2**']);
      expect(cardActions(found)[0]).toMatchObject({
        type: 'Action.Execute',
        verb: OPEN_FORM_VERB,
        data: { form: 'update', departmentId: 'MHD' },
        fallback: {
          type: 'Action.Submit',
          data: { verb: OPEN_FORM_VERB, form: 'update', departmentId: 'MHD' },
        },
      });
      expect(notices.state(reminderKey('2021-Q2', lead.id))).toBe('sent');
    }
    // Leads with nothing due get nothing, and no key is spent on them.
    for (const lead of doaLeads) {
      expect(await remindersTo(lead, 1, 300)).toEqual([]);
      expect(notices.state(reminderKey('2021-Q2', lead.id))).toBeUndefined();
    }
  });

  it('sends nothing more on later runs, from this or another instance of the reminder', async () => {
    now = new Date('2021-06-20T13:00:00.000Z');
    expect(await reminder().run()).toBe(0);
    expect(await reminder().run()).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    for (const lead of mhdLeads) expect(await remindersTo(lead, 2, 300)).toHaveLength(1);
  });

  it("opens the lead's strategy status form from the card's button", async () => {
    const renee = mhdLeads.find((p) => p.id === DEMO_PERSONAS.lead.id) as Person;
    const [card] = await remindersTo(renee, 1);
    const button = cardActions(card)[0];
    const res = await post(
      executeAction({
        serviceUrl: connector.url,
        from: asUser(renee),
        verb: String(button?.verb),
        data: button?.data as Record<string, unknown>,
      }),
    );
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { value: Card };
    expect(cardText(answer.value)).toContain('Strategy status · 2021 Q2');
    expect(cardText(answer.value)).toContain('Milwaukee Health Department · 8 of 10 strategies');
  });

  it('reminds a lead who opens the bot later, on the next run', async () => {
    const dpwLead = dpwLeads[0] as Person;
    const res = await post(
      message({ serviceUrl: connector.url, from: asUser(dpwLead), text: 'hi' }),
    );
    expect(res.status).toBe(200);
    expect(await reminder().run()).toBe(1);
    expect(cardText((await remindersTo(dpwLead, 1))[0] as Card)).toContain('Strategy status due');
  });

  it('reminds again in the next quarter, of everything not reported for it', async () => {
    now = new Date('2021-09-01T13:00:00.000Z');
    expect(await reminder().run()).toBe(mhdLeads.length + doaLeads.length + 1);
    const doaLead = doaLeads[0] as Person;
    const [card] = await remindersTo(doaLead, 1);
    const count = strategiesOf(await reap.store.listStrategies(), 'DOA').length;
    expect(cardText(card)).toContain(
      `Department of Administration has not reported the 2021 Q3 status of these ${count} strategies yet`,
    );
  });

  it('sends nothing after the plan period has ended', async () => {
    now = new Date('2022-03-15T13:00:00.000Z');
    expect(await reminder().run()).toBe(0);
  });
});
