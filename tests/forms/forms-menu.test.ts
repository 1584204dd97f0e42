import fs from 'node:fs';
import { OPEN_FORM_VERB } from '../../bot/forms/form-dispatch';
import { FORMS } from '../../bot/forms/form-registry';
import type { ReapServer } from '../../src/server/app';
import { startReap, type RunningReap } from '../../src/server/start';
import { DEMO_PERSONAS } from '../../src/services/demo/demo-city';
import { startBotConnectorEmulator, type BotConnectorEmulator } from '../emulators/bot-connector';
import { tempDir } from '../support/temp-dir';
import { submitAction, type TeamsUser } from '../bot/teams-activities';
import { cardActions, cardText } from '../bot/validate-card';
import { botHarness, type Card } from '../bot/bot-harness';

// The `forms` menu and the dispatch every lead form goes through, over HTTP as Teams drives it:
// the real server and bot adapter, the demo city in a real SQLite file, the Bot Connector emulated.

const TODAY = new Date('2021-06-15T15:00:00.000Z');
const clock = { now: () => TODAY };

describe('the forms menu and its dispatch (demo city)', () => {
  let reap: RunningReap;
  let connector: BotConnectorEmulator;
  let dataDir: string;
  let lead: TeamsUser; // lead of the Health Department (MHD)
  let officer: TeamsUser;
  let employee: TeamsUser;

  const bot = botHarness({ reap: () => reap, connector: () => connector });
  const { asUser, post, checked } = bot;

  beforeAll(async () => {
    connector = await startBotConnectorEmulator();
    dataDir = tempDir();
    reap = await startReap({ PORT: '0', DATA_DIR: dataDir, REAP_SEED: 'demo' }, clock);
    lead = await asUser(DEMO_PERSONAS.lead.id);
    officer = await asUser(DEMO_PERSONAS.officer.id);
    employee = await asUser(DEMO_PERSONAS.employee.id);
  });
  afterAll(async () => {
    await reap?.close();
    await connector?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(() => connector.reset());

  /** What the bot sent in answer to a message, the emulator reset after. */
  const say = async (
    from: TeamsUser,
    text: string,
    conversationType?: 'personal' | 'groupChat',
  ) => {
    const sent = await bot.send(from, text, conversationType);
    connector.reset();
    return sent;
  };
  const onlyCard = (activities: Array<Record<string, unknown>>): Card => {
    expect(activities).toHaveLength(1);
    return checked((activities[0]?.attachments as Array<{ content: unknown }>)[0]?.content);
  };
  const press = async (from: TeamsUser, verb: string, data: Record<string, unknown>) =>
    checked((await bot.invoke(from, verb, data)).value);

  it("shows a lead every form, each button naming the lead's own department", async () => {
    const card = onlyCard(await say(lead, 'forms'));
    const text = cardText(card);
    for (const form of FORMS) expect(text).toContain(form.title);
    expect(text).toContain('Milwaukee Health Department');
    const opens = cardActions(card).filter((a) => a.verb === OPEN_FORM_VERB);
    expect(opens.map((a) => (a.data as { form: string }).form)).toEqual(FORMS.map((f) => f.name));
    expect(opens.every((a) => (a.data as { departmentId: string }).departmentId === 'MHD')).toBe(
      true,
    );
    expect(JSON.stringify(card)).not.toContain('"Input.ChoiceSet"');
  });

  it('asks the officer for the department, then opens the form for the one picked', async () => {
    const card = onlyCard(await say(officer, 'forms'));
    const choice = JSON.stringify(card);
    expect(choice).toContain('"id":"departmentId"');
    expect(choice).toContain('Department of Public Works (DPW)');
    const menu = await press(officer, OPEN_FORM_VERB, { form: 'vision', departmentId: '' });
    expect(cardText(menu)).toContain('Pick the department first.');
    const opened = await press(officer, OPEN_FORM_VERB, { form: 'vision', departmentId: 'DPW' });
    expect(cardText(opened)).not.toContain('Pick the department');
    expect(cardText(opened)).toContain('Vision');
  });

  it('opens a form typed with a department for the officer, and says which does not exist', async () => {
    expect(cardText(onlyCard(await say(officer, 'vision mhd')))).toContain('Vision');
    const [reply] = await say(officer, 'vision xyz');
    expect(String(reply?.text)).toContain('There is no department xyz');
  });

  it('refuses an employee, and a lead opening another department', async () => {
    const [reply] = await say(employee, 'forms');
    expect(String(reply?.text)).toContain("Only a department's leads and Ambassadors");
    const other = await press(lead, OPEN_FORM_VERB, { form: 'vision', departmentId: 'DPW' });
    expect(cardText(other)).toContain('Not allowed');
    expect(cardText(other)).toContain('only for your own department');
    expect(cardText(onlyCard(await say(lead, 'vision dpw')))).toContain(
      'only for your own department',
    );
  });

  it('opens forms only in the 1:1 chat', async () => {
    const [reply] = await say(lead, 'forms', 'groupChat');
    expect(String(reply?.text)).toContain('1:1 chat');
  });

  it('answers a card it cannot read, or an Action.Submit of the menu, without storing anything', async () => {
    const odd = await press(lead, OPEN_FORM_VERB, { form: 'payroll', departmentId: 'MHD' });
    expect(cardText(odd)).toContain('does not accept');
    const res = await post(
      submitAction({
        serviceUrl: connector.url,
        from: lead,
        data: { verb: OPEN_FORM_VERB, form: 'vision', departmentId: 'MHD' },
      }),
    );
    expect(res.status).toBe(200);
    expect(cardText(onlyCard(connector.activities()))).toContain('Vision');
  });

  it('sends a notice once per key, through the send queue', async () => {
    const notices = (reap.server as ReapServer).campaigns.notices;
    await say(lead, 'help'); // the bot keeps the lead's conversation reference
    connector.reset();
    const activity = { type: 'message', text: 'Your analysis was accepted.' };
    const person = DEMO_PERSONAS.lead.id;
    expect(await notices.send({ key: 'test:1', personId: person, activity })).toBe(true);
    expect(await notices.send({ key: 'test:1', personId: person, activity })).toBe(false);
    const deadline = Date.now() + 10_000;
    while (notices.state('test:1') !== 'sent' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(notices.state('test:1')).toBe('sent');
    const texts = connector.activities().map((a) => a.text);
    expect(texts).toEqual(['Your analysis was accepted.']);
    // Someone who never opened the bot (and no way to install it) is marked, not retried.
    const talked = new Set((await reap.store.listConversations()).map((c) => c.personId));
    const silent = (await reap.store.listPeople({ departmentId: 'MPL' })).find(
      (p) => !talked.has(p.id),
    );
    expect(await notices.send({ key: 'test:2', personId: silent?.id ?? '', activity })).toBe(true);
    expect(notices.state('test:2')).toBe('not_installed');
    expect((await notices.officers()).map((p) => p.id)).toEqual([DEMO_PERSONAS.officer.id]);
  });
});
