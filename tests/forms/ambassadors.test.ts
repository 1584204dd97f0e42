import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { MANAGE_AMBASSADORS_VERB } from '../../bot/forms/ambassadors-form';
import type { Person } from '../../src/domain';
import { startReap, type RunningReap } from '../../src/server/start';
import { DEMO_PERSONAS } from '../../src/services/demo/demo-city';
import { startBotConnectorEmulator, type BotConnectorEmulator } from '../emulators/bot-connector';
import { tempDir } from '../support/temp-dir';
import type { TeamsUser } from '../bot/teams-activities';
import { cardActions, cardText } from '../bot/validate-card';
import { botHarness, CARD_BYTES_MAX, input, messageUnder, type Card } from '../bot/bot-harness';

// The Ambassadors form over HTTP, as Teams drives it: the real bot adapter and server, the demo
// city in a real SQLite file, only the Bot Connector emulated.

const TODAY = new Date('2021-06-15T15:00:00.000Z');
const clock = { now: () => TODAY };

describe('the Ambassadors form (demo city)', () => {
  let reap: RunningReap;
  let connector: BotConnectorEmulator;
  let dataDir: string;
  let renee: TeamsUser; // lead of the Health Department (MHD)
  let dpwLead: TeamsUser; // lead of Public Works
  let officer: TeamsUser;
  let mhd: Person[];

  const bot = botHarness({
    reap: () => reap,
    connector: () => connector,
    cardBytesMax: CARD_BYTES_MAX,
  });
  const { asUser, say } = bot;
  const membersOf = async (departmentId: string, role: 'lead' | 'ambassador') =>
    (await reap.store.listMembers({ departmentId }))
      .filter((m) => m.role === role)
      .map((m) => m.personId)
      .sort();
  const ambassadorsOf = (departmentId: string) => membersOf(departmentId, 'ambassador');
  /** People of MHD who are neither leads nor Ambassadors, in roster order. */
  const outsiders = async (): Promise<Person[]> => {
    const members = new Set(
      (await reap.store.listMembers({ departmentId: 'MHD' })).map((m) => m.personId),
    );
    return mhd.filter((p) => !members.has(p.id));
  };

  beforeAll(async () => {
    connector = await startBotConnectorEmulator();
    dataDir = tempDir();
    reap = await startReap({ PORT: '0', DATA_DIR: dataDir, REAP_SEED: 'demo' }, clock);
    renee = await asUser(DEMO_PERSONAS.lead.id);
    officer = await asUser(DEMO_PERSONAS.officer.id);
    const [dpw] = await membersOf('DPW', 'lead');
    if (!dpw) throw new Error('demo city has no lead in DPW');
    dpwLead = await asUser(dpw);
    mhd = await reap.store.listPeople({ departmentId: 'MHD' });
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
    bot.press(from, MANAGE_AMBASSADORS_VERB, { changeId: randomUUID(), ...pressed });
  const auditCount = async () => (await reap.store.listAudit({ limit: 100_000 })).length;
  /** Runs `act` and expects it to have changed neither the Ambassadors nor the audit log. */
  const storesNothing = async (act: () => Promise<void>, departmentId = 'MHD') => {
    const ambassadors = await ambassadorsOf(departmentId);
    const audit = await auditCount();
    await act();
    expect(await ambassadorsOf(departmentId)).toEqual(ambassadors);
    expect(await auditCount()).toBe(audit);
  };
  const label = (p: Person) => `${p.displayName} · ${p.id}`;

  it('lists the Ambassadors against the department size, with pickers to remove and to add', async () => {
    const ambassadors = await ambassadorsOf('MHD');
    expect(ambassadors).toHaveLength(4);
    const card = await say(renee, 'ambassadors');
    const text = cardText(card);
    expect(text).toContain('Milwaukee Health Department · 4 Ambassadors of 280 people (1.4%).');
    const first = mhd.find((p) => p.id === ambassadors[0]);
    expect(text).toContain(`- ${label(first as Person)} · since Jul 1, 2020`);
    const remove = input(card, 'remove');
    expect(remove).toMatchObject({ type: 'Input.ChoiceSet', isMultiSelect: true, value: '' });
    expect((remove?.choices as Array<{ value: string }>).map((c) => c.value).sort()).toEqual(
      ambassadors,
    );
    const add = input(card, 'add');
    expect(add).toMatchObject({ isMultiSelect: true, style: 'filtered' });
    expect(add?.choices as unknown[]).toHaveLength(276);
    expect(add?.choices).not.toContainEqual(expect.objectContaining({ value: ambassadors[0] }));
    expect(input(card, 'addNumbers')).toMatchObject({ type: 'Input.Text', isMultiline: true });
    expect(cardActions(card)[0]).toMatchObject({
      type: 'Action.Execute',
      verb: MANAGE_AMBASSADORS_VERB,
      data: { departmentId: 'MHD' },
    });
    expect(cardActions(card)[1]).toMatchObject({
      type: 'Action.Submit',
      data: { verb: MANAGE_AMBASSADORS_VERB, departmentId: 'MHD' },
    });
  });

  it('adds people picked and typed and removes one, with one audit entry naming before and after', async () => {
    const before = await ambassadorsOf('MHD');
    const [a, b, c] = await outsiders();
    const leaving = mhd.find((p) => p.id === before[0]);
    if (!a || !b || !c || !leaving) throw new Error('MHD lacks the people this needs');
    const audit = await auditCount();
    const write = jest.spyOn(reap.store, 'setMembers');
    let card: Card;
    try {
      card = await press(renee, {
        departmentId: 'MHD',
        add: `${a.id},${b.id}`,
        addNumbers: `${c.id.toLowerCase()}\n${a.id}`,
        remove: leaving.id,
      });
      expect(write).toHaveBeenCalledTimes(1);
    } finally {
      write.mockRestore();
    }
    const text = cardText(card);
    expect(text).toContain('Ambassadors saved');
    expect(text).toContain('Milwaukee Health Department · 6 Ambassadors of 280 people (2.1%).');
    expect(text).toContain(`Added: ${label(a)}, ${label(b)}, ${label(c)}`);
    expect(text).toContain(`Removed: ${label(leaving)}`);
    expect(text).toContain(`- ${label(a)} · since Jun 15, 2021`);
    expect(cardActions(card)[0]).toMatchObject({
      verb: 'openForm',
      data: { form: 'ambassadors', departmentId: 'MHD' },
    });

    const after = [...before.filter((id) => id !== leaving.id), a.id, b.id, c.id];
    expect(await ambassadorsOf('MHD')).toEqual([...after].sort());
    const kept = (await reap.store.listMembers({ departmentId: 'MHD' })).find(
      (m) => m.personId === before[1],
    );
    expect(kept?.since).toBe('2020-07-01');
    expect(await auditCount()).toBe(audit + 1);
    const [entry] = await reap.store.listAudit({ recordType: 'ambassadors', recordId: 'MHD' });
    const named = (ids: string[]) =>
      ids.map((id) => ({ id, name: mhd.find((p) => p.id === id)?.displayName }));
    const byId = (list: unknown) =>
      [...(list as Array<{ id: string }>)].sort((x, y) => x.id.localeCompare(y.id));
    expect({ ...entry, before: byId(entry?.before), after: byId(entry?.after) }).toMatchObject({
      id: expect.stringMatching(/^ambassadors\.manage:MHD:[0-9a-f-]{36}:[0-9a-f]{16}$/),
      at: TODAY.toISOString(),
      actorId: DEMO_PERSONAS.lead.id,
      action: 'ambassadors.manage',
      recordType: 'ambassadors',
      recordId: 'MHD',
      before: byId(named(before)),
      after: byId(named(after)),
    });
  });

  it('stores one change when Teams sends the same press twice: the second says nothing changed', async () => {
    const [newcomer] = await outsiders();
    if (!newcomer) throw new Error('no one left to add');
    const pressed = { departmentId: 'MHD', addNumbers: newcomer.id, changeId: randomUUID() };
    const press1 = await press(renee, pressed);
    expect(cardText(press1)).toContain('Ambassadors saved');
    const write = jest.spyOn(reap.store, 'setMembers');
    try {
      await storesNothing(async () => {
        const press2 = await press(renee, pressed);
        expect(cardText(press2)).toContain('Nothing to change');
        expect(cardText(press2)).toContain(
          'The Ambassadors of Milwaukee Health Department are already as asked, so nothing was changed: 7 Ambassadors of 280 people (2.5%).',
        );
      });
      expect(write).not.toHaveBeenCalled();
    } finally {
      write.mockRestore();
    }
  });

  it('says who it did not remove because they are no longer Ambassadors', async () => {
    const [leaving, gone] = await ambassadorsOf('MHD');
    const card = await press(renee, { departmentId: 'MHD', remove: leaving });
    expect(cardText(card)).toContain('Ambassadors saved');
    const again = await press(renee, { departmentId: 'MHD', remove: `${leaving},${gone}` });
    expect(cardText(again)).toContain(`Not among the Ambassadors, so not removed: ${leaving}`);
    expect(await ambassadorsOf('MHD')).not.toContain(gone);
  });

  it('refuses adding people of another department or unknown numbers, naming them, storing nothing', async () => {
    const [police] = await reap.store.listPeople({ departmentId: 'MPD' });
    const [fresh] = await outsiders();
    if (!police || !fresh) throw new Error('demo city lacks the people this needs');
    await storesNothing(async () => {
      const card = await press(renee, {
        departmentId: 'MHD',
        add: fresh.id,
        addNumbers: `${police.id}, MHD-9999`,
      });
      expect(messageUnder(card, 'addNumbers')).toBe(
        `Not in Milwaukee Health Department: ${police.displayName} (${police.id}, Milwaukee Police Department). Not employee numbers on the roster: "MHD-9999". Ambassadors are people of the department's own staff: take them out and submit again. Nothing was saved.`,
      );
      // What was entered stays on the card.
      expect(input(card, 'add')?.value).toBe(fresh.id);
      expect(input(card, 'addNumbers')?.value).toBe(`${police.id}, MHD-9999`);
    });
  });

  it('refuses adding no one and removing no one, beside the people to add', async () => {
    await storesNothing(async () => {
      const card = await press(renee, { departmentId: 'MHD', add: '', addNumbers: ' \n ' });
      expect(messageUnder(card, 'addNumbers')).toBe(
        'Pick or type at least one person to add, or pick someone to remove. Nothing was saved.',
      );
    });
  });

  it('refuses someone both added and removed, beside the people to remove', async () => {
    const [ambassador] = await ambassadorsOf('MHD');
    const person = mhd.find((p) => p.id === ambassador) as Person;
    await storesNothing(async () => {
      const card = await press(renee, {
        departmentId: 'MHD',
        remove: person.id,
        addNumbers: person.id,
      });
      expect(messageUnder(card, 'remove')).toBe(
        `${person.displayName} (${person.id}) is both added and removed; leave each person in one of the two lists. Nothing was saved.`,
      );
    });
  });

  it('refuses card data it does not know, and numbers longer than a note column', async () => {
    const [fresh] = await outsiders();
    await storesNothing(async () => {
      const card = await press(renee, {
        departmentId: 'MHD',
        addNumbers: fresh?.id,
        role: 'lead',
      });
      expect(cardText(card)).toContain('role: is not a field reap accepts');
      const long = await press(renee, { departmentId: 'MHD', addNumbers: 'x'.repeat(64_000) });
      expect(cardText(long)).toContain('Nothing saved');
    });
  });

  it('refuses a lead of DPW changing the Health Department Ambassadors, storing nothing', async () => {
    const [fresh] = await outsiders();
    await storesNothing(async () => {
      const card = await press(dpwLead, { departmentId: 'MHD', addNumbers: fresh?.id });
      expect(cardText(card)).toContain('Not allowed');
      expect(cardText(card)).toContain('You can do this only for your own department.');
    });
  });

  it('saves from the Action.Submit fallback, updating the card in place', async () => {
    const [fresh] = await outsiders();
    if (!fresh) throw new Error('no one left to add');
    const card = await bot.submit(
      renee,
      { verb: MANAGE_AMBASSADORS_VERB, changeId: randomUUID(), departmentId: 'MHD', add: fresh.id },
      'ambassadors-card-1',
    );
    expect(cardText(card)).toContain(`Added: ${label(fresh)}`);
    expect(await ambassadorsOf('MHD')).toContain(fresh.id);
  });

  it('lets an Ambassador add people, and remove themselves', async () => {
    const [ambassadorId] = await ambassadorsOf('MHD');
    const [fresh] = await outsiders();
    if (!ambassadorId || !fresh) throw new Error('MHD lacks the people this needs');
    const ambassador = await asUser(ambassadorId);
    const card = await press(ambassador, {
      departmentId: 'MHD',
      add: fresh.id,
      remove: ambassadorId,
    });
    expect(cardText(card)).toContain('Ambassadors saved');
    const entries = await reap.store.listAudit({ recordType: 'ambassadors', recordId: 'MHD' });
    expect(entries.filter((e) => e.actorId === ambassadorId)).toHaveLength(1);
    expect(await ambassadorsOf('MHD')).toContain(fresh.id);
    expect(await ambassadorsOf('MHD')).not.toContain(ambassadorId);
  });

  it('asks for typed numbers in a department too large to list; the officer adds by number', async () => {
    const card = await say(officer, 'ambassadors MPD');
    const before = await ambassadorsOf('MPD');
    expect(cardText(card)).toContain(
      `Milwaukee Police Department · ${before.length} Ambassadors of 2,400 people`,
    );
    expect(input(card, 'add')).toBeUndefined();
    expect(input(card, 'addNumbers')).toMatchObject({
      label: 'Employee numbers to add (separated by commas, spaces or new lines)',
    });
    expect(input(card, 'remove')?.choices as unknown[]).toHaveLength(before.length);

    const members = new Set(before);
    const police = (await reap.store.listPeople({ departmentId: 'MPD' }))
      .filter((p) => !members.has(p.id))
      .slice(-25);
    const saved = await press(officer, {
      departmentId: 'MPD',
      addNumbers: police.map((p) => p.id).join('\r\n'),
    });
    expect(cardText(saved)).toContain(
      `Milwaukee Police Department · ${before.length + 25} Ambassadors of 2,400 people`,
    );
    expect(await ambassadorsOf('MPD')).toEqual([...before, ...police.map((p) => p.id)].sort());
    const [entry] = await reap.store.listAudit({ recordType: 'ambassadors', recordId: 'MPD' });
    expect(entry?.actorId).toBe(DEMO_PERSONAS.officer.id);
  });
});
