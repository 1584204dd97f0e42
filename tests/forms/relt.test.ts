import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { DESIGNATE_RELT_VERB } from '../../bot/forms/relt-form';
import type { Person } from '../../src/domain';
import { startReap, type RunningReap } from '../../src/server/start';
import { DEMO_PERSONAS } from '../../src/services/demo/demo-city';
import { startBotConnectorEmulator, type BotConnectorEmulator } from '../emulators/bot-connector';
import { tempDir } from '../support/temp-dir';
import { message, type TeamsUser } from '../bot/teams-activities';
import { cardActions, cardText } from '../bot/validate-card';
import { botHarness, CARD_BYTES_MAX, input, messageUnder, type Card } from '../bot/bot-harness';

// The Racial Equity Leadership Team form over HTTP, as Teams drives it: the real bot adapter and
// server, the demo city in a real SQLite file, only the Bot Connector emulated.

const TODAY = new Date('2021-06-15T15:00:00.000Z');
const clock = { now: () => TODAY };

describe('the Racial Equity Leadership Team form (demo city)', () => {
  let reap: RunningReap;
  let connector: BotConnectorEmulator;
  let dataDir: string;
  let renee: TeamsUser; // lead of the Health Department (MHD), a senior leader
  let dpwLead: TeamsUser; // lead of Public Works
  let officer: TeamsUser;
  let mhd: Person[];
  let seniors: Person[];
  /** Frontline managers and employees of MHD: not senior leaders. */
  let others: Person[];

  const bot = botHarness({
    reap: () => reap,
    connector: () => connector,
    cardBytesMax: CARD_BYTES_MAX,
  });
  const { asUser, post, say } = bot;
  const leadsOf = async (departmentId: string) =>
    (await reap.store.listMembers({ departmentId }))
      .filter((m) => m.role === 'lead')
      .map((m) => m.personId)
      .sort();

  beforeAll(async () => {
    connector = await startBotConnectorEmulator();
    dataDir = tempDir();
    reap = await startReap({ PORT: '0', DATA_DIR: dataDir, REAP_SEED: 'demo' }, clock);
    renee = await asUser(DEMO_PERSONAS.lead.id);
    officer = await asUser(DEMO_PERSONAS.officer.id);
    const [dpw] = await leadsOf('DPW');
    if (!dpw) throw new Error('demo city has no lead in DPW');
    dpwLead = await asUser(dpw);
    mhd = await reap.store.listPeople({ departmentId: 'MHD' });
    seniors = mhd.filter((p) => p.tier === 'senior_manager');
    others = mhd.filter((p) => p.tier !== 'senior_manager');
  });
  afterAll(async () => {
    await reap?.close();
    await connector?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(() => connector.reset());

  /**
   * Presses the card's button: an `adaptiveCard/action` invoke, answered with the new card. A
   * press of a card of its own unless `data` names the card's `changeId`.
   */
  const press = (from: TeamsUser, pressed: Record<string, unknown>): Promise<Card> =>
    bot.press(from, DESIGNATE_RELT_VERB, { changeId: randomUUID(), ...pressed });
  const team = (first: string, second: string, departmentId = 'MHD') => ({
    departmentId,
    firstMember: first,
    secondMember: second,
  });
  const auditCount = async () => (await reap.store.listAudit({ limit: 100_000 })).length;
  /** Runs `act` and expects it to have changed neither the leads nor the audit log. */
  const storesNothing = async (act: () => Promise<void>, departmentId = 'MHD') => {
    const leads = await leadsOf(departmentId);
    const audit = await auditCount();
    await act();
    expect(await leadsOf(departmentId)).toEqual(leads);
    expect(await auditCount()).toBe(audit);
  };

  it('shows the team with job titles and who is a senior leader, the pickers prefilled with it', async () => {
    const [senior, manager] = await leadsOf('MHD');
    const card = await say(renee, 'team');
    const text = cardText(card);
    expect(text).toContain('Racial Equity Leadership Team');
    expect(text).toContain('Milwaukee Health Department · 280 people');
    const lead = mhd.find((p) => p.id === manager);
    expect(text).toContain(`**Renee Washington** · ${DEMO_PERSONAS.lead.id}`);
    expect(text).toMatch(/ · senior leader · since Jul 1, 2020/);
    expect(text).toContain(`${lead?.jobTitle} · not a senior leader · since Jul 1, 2020`);
    expect(text).toContain('Formed, as the plan asks.');
    const first = input(card, 'firstMember');
    expect(first).toMatchObject({ type: 'Input.ChoiceSet', style: 'filtered', value: senior });
    expect((first?.choices as Array<{ value: string }>).map((c) => c.value).sort()).toEqual(
      seniors.map((p) => p.id).sort(),
    );
    const second = input(card, 'secondMember');
    expect(second).toMatchObject({ type: 'Input.ChoiceSet', value: manager });
    expect(second?.choices as unknown[]).toHaveLength(280);
    expect(cardActions(card)[0]).toMatchObject({
      type: 'Action.Execute',
      verb: DESIGNATE_RELT_VERB,
      data: { departmentId: 'MHD' },
    });
    expect(cardActions(card)[1]).toMatchObject({
      type: 'Action.Submit',
      data: { verb: DESIGNATE_RELT_VERB, departmentId: 'MHD' },
    });
  });

  it("keeps every department's card within Teams' message limit, typing numbers where a list would not fit", async () => {
    for (const department of await reap.store.listDepartments()) {
      connector.reset();
      const card = await say(officer, `team ${department.id}`);
      const people = await reap.store.listPeople({ departmentId: department.id });
      const picker = input(card, 'secondMember');
      expect(picker === undefined).toBe(people.length > 300);
      expect(input(card, 'secondMemberNumber') === undefined).toBe(people.length <= 300);
    }
  });

  it('shows what the plan still asks of a team without a senior leader, or without anyone', async () => {
    const card = await say(dpwLead, 'team');
    const [a, b] = await Promise.all(
      (await leadsOf('DPW')).map(async (id) => reap.store.getPerson(id)),
    );
    expect(cardText(card)).toMatch(
      /Not formed yet: At least 1 of the RELT must be a senior leader; none of .+ and .+ is\./,
    );
    // The first picker offers senior leaders only, so it starts empty; the other lead stays.
    expect(input(card, 'firstMember')?.value).toBe('');
    expect([a?.id, b?.id]).toContain(input(card, 'secondMemberNumber')?.value);

    connector.reset();
    const empty = await say(officer, 'team TRES');
    expect(cardText(empty)).toContain(
      'No one is designated yet: the plan asks for 2 members, at least one a senior leader.',
    );
    expect(input(empty, 'firstMember')?.value).toBe('');
    expect(input(empty, 'secondMember')?.value).toBe('');
  });

  it('refuses a RELT with no senior leader, naming the two, and stores nothing', async () => {
    const [a, b] = others;
    if (!a || !b) throw new Error('MHD has too few people');
    await storesNothing(async () => {
      const card = await press(renee, team(a.id, b.id));
      expect(messageUnder(card, 'firstMember')).toBe(
        `Neither ${a.displayName} (${a.id}, ${a.jobTitle}) nor ${b.displayName} (${b.id}, ${b.jobTitle}) is a senior leader, and the plan asks for at least one on the RELT. Pick a senior leader as the first member. Nothing was saved.`,
      );
      // What was entered stays on the card.
      expect(input(card, 'firstMember')?.value).toBe(a.id);
      expect(input(card, 'secondMember')?.value).toBe(b.id);
    });
  });

  it('refuses the same person twice, beside the second member', async () => {
    await storesNothing(async () => {
      const card = await press(renee, team(DEMO_PERSONAS.lead.id, DEMO_PERSONAS.lead.id));
      expect(messageUnder(card, 'secondMember')).toBe(
        'Renee Washington (MHD-0001) is already the first member; pick someone else as the second. Nothing was saved.',
      );
    });
  });

  it('refuses someone of another department, naming them and their department', async () => {
    const police = (await reap.store.listPeople({ departmentId: 'MPD' }))[0];
    if (!police) throw new Error('no one in MPD');
    await storesNothing(async () => {
      const card = await press(renee, team(DEMO_PERSONAS.lead.id, police.id));
      expect(messageUnder(card, 'secondMember')).toBe(
        `${police.displayName} (${police.id}) works in Milwaukee Police Department, not Milwaukee Health Department; the team is two members of the department's own staff. Nothing was saved.`,
      );
    });
  });

  it('refuses a missing member, an unknown or overlong number, and more than one person in a field', async () => {
    await storesNothing(async () => {
      const missing = await press(renee, team('', DEMO_PERSONAS.lead.id));
      expect(messageUnder(missing, 'firstMember')).toBe(
        'Pick the first member (a senior leader), or type their employee number. Nothing was saved.',
      );
      const none = await press(renee, { departmentId: 'MHD', firstMember: DEMO_PERSONAS.lead.id });
      expect(messageUnder(none, 'secondMember')).toMatch(/^Pick the second member/);
      const unknown = await press(renee, team(DEMO_PERSONAS.lead.id, 'MHD-9999'));
      expect(messageUnder(unknown, 'secondMember')).toBe(
        '"MHD-9999" is not an employee number on the roster; check it and try again. Nothing was saved.',
      );
      const long = await press(renee, team(DEMO_PERSONAS.lead.id, 'X'.repeat(300)));
      expect(messageUnder(long, 'secondMember')).toMatch(
        /^"X{39}…" is not an employee number on the roster/,
      );
      const three = await press(renee, team(DEMO_PERSONAS.lead.id, 'MHD-0002, MHD-0003'));
      expect(messageUnder(three, 'secondMember')).toBe(
        'The RELT has exactly 2 members: name one person in each field. Nothing was saved.',
      );
    });
  });

  it('refuses card data it does not know, storing nothing', async () => {
    await storesNothing(async () => {
      const card = await press(renee, {
        ...team(DEMO_PERSONAS.lead.id, 'MHD-0002'),
        actorId: DEMO_PERSONAS.officer.id,
      });
      expect(cardText(card)).toContain('actorId: is not a field reap accepts');
    });
  });

  it('refuses a lead of DPW designating the Health Department team, storing nothing', async () => {
    const [senior] = seniors;
    const [other] = others;
    await storesNothing(async () => {
      const card = await press(dpwLead, team(senior?.id ?? '', other?.id ?? ''));
      expect(cardText(card)).toContain('Not allowed');
      expect(cardText(card)).toContain('You can do this only for your own department.');
    });
    connector.reset();
    const res = await post(message({ serviceUrl: connector.url, from: dpwLead, text: 'team MHD' }));
    expect(res.status).toBe(200);
    expect(cardText(connector.activities()[0]?.attachments)).toContain(
      'You can do this only for your own department.',
    );
  });

  it('designates a new team: the two leads and one audit entry with the team before and after', async () => {
    const before = await leadsOf('MHD');
    const newcomer = others.find((p) => !before.includes(p.id));
    if (!newcomer) throw new Error('no one to designate');
    const audit = await auditCount();
    const changeId = randomUUID();
    const write = jest.spyOn(reap.store, 'setMembers');
    let card: Card;
    try {
      card = await press(renee, { ...team(DEMO_PERSONAS.lead.id, newcomer.id), changeId });
      expect(write).toHaveBeenCalledTimes(1);
    } finally {
      write.mockRestore();
    }
    const text = cardText(card);
    expect(text).toContain('RELT designated');
    expect(text).toContain(
      `Renee Washington and ${newcomer.displayName} are now the Racial Equity Leadership Team of Milwaukee Health Department, as recorded by Renee Washington.`,
    );
    expect(text).toContain(`${newcomer.jobTitle} · not a senior leader · since Jun 15, 2021`);
    expect(text).toMatch(/senior leader · since Jul 1, 2020/);
    expect(text).toMatch(/^Before: Renee Washington \(MHD-0001\) and .+\.$/m);
    expect(cardActions(card)[0]).toMatchObject({
      verb: 'openForm',
      data: { form: 'team', departmentId: 'MHD' },
    });

    const members = (await reap.store.listMembers({ departmentId: 'MHD' })).filter(
      (m) => m.role === 'lead',
    );
    expect(members.map((m) => [m.personId, m.since]).sort()).toEqual(
      [
        [DEMO_PERSONAS.lead.id, '2020-07-01'],
        [newcomer.id, '2021-06-15'],
      ].sort(),
    );
    expect(await auditCount()).toBe(audit + 1);
    const [entry] = await reap.store.listAudit({ recordType: 'relt', recordId: 'MHD' });
    const leadNames = (ids: string[]) =>
      ids.map((id) => ({ id, name: mhd.find((p) => p.id === id)?.displayName }));
    expect(entry).toEqual({
      id: `relt.designate:MHD:${changeId}:${before.join('+')}>${[DEMO_PERSONAS.lead.id, newcomer.id].sort().join('+')}`,
      at: TODAY.toISOString(),
      actorId: DEMO_PERSONAS.lead.id,
      action: 'relt.designate',
      recordType: 'relt',
      recordId: 'MHD',
      before: expect.arrayContaining(leadNames(before)),
      after: leadNames([DEMO_PERSONAS.lead.id, newcomer.id]),
    });
  });

  it('stores one team when Teams sends the same press twice: the second says it is already the team', async () => {
    const leads = await leadsOf('MHD');
    const newcomer = others.find((p) => !leads.includes(p.id));
    if (!newcomer) throw new Error('no one to designate');
    const audit = await auditCount();
    const write = jest.spyOn(reap.store, 'setMembers');
    try {
      const pressed = { ...team(DEMO_PERSONAS.lead.id, newcomer.id), changeId: randomUUID() };
      const press1 = await press(renee, pressed);
      expect(cardText(press1)).toContain('RELT designated');
      const press2 = await press(renee, pressed);
      expect(cardText(press2)).toContain('Already the RELT');
      expect(cardText(press2)).toContain(
        `Renee Washington and ${newcomer.displayName} are the Racial Equity Leadership Team of Milwaukee Health Department already, so nothing was changed.`,
      );
      // Typed in another case, it is still the same team.
      await storesNothing(async () => {
        const press3 = await press(renee, team(newcomer.id.toLowerCase(), DEMO_PERSONAS.lead.id));
        expect(cardText(press3)).toContain('Already the RELT');
      });
      expect(write).toHaveBeenCalledTimes(1);
    } finally {
      write.mockRestore();
    }
    expect(await leadsOf('MHD')).toEqual([DEMO_PERSONAS.lead.id, newcomer.id].sort());
    expect(await auditCount()).toBe(audit + 1);
  });

  it('designates from the Action.Submit fallback, updating the card in place', async () => {
    const [, senior] = seniors;
    if (!senior) throw new Error('MHD has one senior leader');
    const card = await bot.submit(
      renee,
      {
        verb: DESIGNATE_RELT_VERB,
        changeId: randomUUID(),
        ...team(DEMO_PERSONAS.lead.id, senior.id),
      },
      'relt-card-1',
    );
    expect(cardText(card)).toContain('RELT designated');
    expect(await leadsOf('MHD')).toEqual([DEMO_PERSONAS.lead.id, senior.id].sort());
  });

  it('asks for employee numbers in a department too large to list, and the officer designates by number', async () => {
    const card = await say(officer, 'team MPD');
    expect(cardText(card)).toContain('Milwaukee Police Department · 2,400 people');
    expect(input(card, 'firstMember')).toMatchObject({ type: 'Input.ChoiceSet' });
    expect(input(card, 'secondMember')).toBeUndefined();
    expect(input(card, 'secondMemberNumber')).toMatchObject({ type: 'Input.Text' });

    const police = await reap.store.listPeople({ departmentId: 'MPD' });
    const chief = police.find((p) => p.tier === 'senior_manager');
    const officerOfPolice = police.find((p) => p.tier === 'employee');
    if (!chief || !officerOfPolice) throw new Error('MPD lacks the people this needs');
    const refused = await press(officer, {
      departmentId: 'MPD',
      firstMember: chief.id,
      secondMemberNumber: 'MHD-0001',
    });
    expect(messageUnder(refused, 'secondMemberNumber')).toMatch(
      /^Renee Washington \(MHD-0001\) works in Milwaukee Health Department, not Milwaukee Police Department/,
    );
    expect(input(refused, 'secondMemberNumber')?.value).toBe('MHD-0001');

    const saved = await press(officer, {
      departmentId: 'MPD',
      firstMember: chief.id,
      secondMemberNumber: ` ${officerOfPolice.id.toLowerCase()} `,
    });
    expect(cardText(saved)).toContain('RELT designated');
    expect(cardText(saved)).toContain('as recorded by Avery Coleman');
    expect(await leadsOf('MPD')).toEqual([chief.id, officerOfPolice.id].sort());
  });

  it('lets a lead replace themselves, after which they are no longer a lead', async () => {
    const [, second, third] = seniors;
    if (!second || !third) throw new Error('MHD has too few senior leaders');
    const card = await press(renee, team(second.id, third.id));
    expect(cardText(card)).toContain('RELT designated');
    expect(await leadsOf('MHD')).toEqual([second.id, third.id].sort());
    const again = await press(renee, team(DEMO_PERSONAS.lead.id, second.id));
    expect(cardText(again)).toContain('Not allowed');
    expect(await leadsOf('MHD')).toEqual([second.id, third.id].sort());
  });

  it('keeps an audit entry for each change, even back to an earlier team the same day', async () => {
    const current = await leadsOf('MHD');
    const [a, b] = current;
    const other = seniors.find((p) => !current.includes(p.id));
    if (!a || !b || !other) throw new Error('MHD has too few senior leaders');
    const audit = await auditCount();
    expect(cardText(await press(officer, team(a, other.id)))).toContain('RELT designated');
    expect(cardText(await press(officer, team(a, b)))).toContain('RELT designated');
    expect(await leadsOf('MHD')).toEqual(current);
    expect(await auditCount()).toBe(audit + 2);
  });
});
