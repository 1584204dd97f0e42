import fs from 'node:fs';
import { OPEN_FORM_VERB } from '../../bot/forms/form-dispatch';
import {
  EDIT_IMPACT_STATEMENT_VERB,
  RECORD_IMPACT_STATEMENT_VERB,
} from '../../bot/forms/impact-statement-form';
import {
  impactStatementCardModel,
  renderImpactStatementCard,
} from '../../bot/cards/impact-statement-card';
import { MILWAUKEE_2020_2021, type ImpactStatement } from '../../src/domain';
import { startReap, type RunningReap } from '../../src/server/start';
import { DEMO_PERSONAS } from '../../src/services/demo/demo-city';
import { startBotConnectorEmulator, type BotConnectorEmulator } from '../emulators/bot-connector';
import { tempDir } from '../support/temp-dir';
import type { TeamsUser } from '../bot/teams-activities';
import { cardActions, cardProblems, cardText } from '../bot/validate-card';
import { botHarness, CARD_BYTES_MAX, input, messageUnder, type Card } from '../bot/bot-harness';

// The impact statement form (`mis`) over HTTP, as Teams drives it: the real bot adapter and
// server, the demo city in a real SQLite file, only the Bot Connector emulated.

const TODAY = new Date('2021-06-15T15:00:00.000Z');
const clock = { now: () => TODAY };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('the impact statement form (demo city)', () => {
  let reap: RunningReap;
  let connector: BotConnectorEmulator;
  let dataDir: string;
  let renee: TeamsUser; // lead of the Health Department (MHD)
  let dpwLead: TeamsUser; // lead of Public Works
  let ambassador: TeamsUser; // an Ambassador of MHD
  let officer: TeamsUser;
  let employee: TeamsUser;

  const bot = botHarness({
    reap: () => reap,
    connector: () => connector,
    cardBytesMax: CARD_BYTES_MAX,
  });
  const { asUser, say } = bot;
  const memberOf = async (departmentId: string, role: 'lead' | 'ambassador') => {
    const m = (await reap.store.listMembers({ departmentId })).find((x) => x.role === role);
    if (!m) throw new Error(`demo city has no ${role} in ${departmentId}`);
    return asUser(m.personId);
  };

  beforeAll(async () => {
    connector = await startBotConnectorEmulator();
    dataDir = tempDir();
    reap = await startReap({ PORT: '0', DATA_DIR: dataDir, REAP_SEED: 'demo' }, clock);
    renee = await asUser(DEMO_PERSONAS.lead.id);
    officer = await asUser(DEMO_PERSONAS.officer.id);
    employee = await asUser(DEMO_PERSONAS.employee.id);
    dpwLead = await memberOf('DPW', 'lead');
    ambassador = await memberOf('MHD', 'ambassador');
    // A file of Public Works, which the Health Department must not claim.
    await reap.store.putImpactStatement({
      id: 'test-dpw-mis',
      departmentId: 'DPW',
      councilFileNumber: '201999',
      title: 'Street lighting ordinance',
      guidedBy: ['A. Lee'],
      status: 'filed',
      guidedOn: '2021-03-01',
    });
  });
  afterAll(async () => {
    await reap?.close();
    await connector?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(() => connector.reset());

  /** Presses a button: an `adaptiveCard/action` invoke, answered with the new card. */
  const press = (
    from: TeamsUser,
    data: Record<string, unknown>,
    verb = RECORD_IMPACT_STATEMENT_VERB,
  ) => bot.press(from, verb, data);
  /** The save button's data on a card: the department and the card's ids. */
  const saveData = (card: Card) => {
    const save = cardActions(card).find((a) => a.verb === RECORD_IMPACT_STATEMENT_VERB);
    return save?.data as { departmentId: string; statementId: string; cardId: string };
  };
  const fields = (extra: Record<string, unknown> = {}) => ({
    councilFileNumber: '210345',
    title: 'Lead service line replacement ordinance',
    guidedBy: 'Renee Washington; Ana Ruiz, Renee Washington',
    status: 'filed',
    guidedOn: '2021-05-20',
    ...extra,
  });
  const statements = () => reap.store.listImpactStatements();
  const auditCount = async () => (await reap.store.listAudit({ limit: 100_000 })).length;
  /** Runs `act` and expects it to have changed neither the statements nor the audit log. */
  const storesNothing = async (act: () => Promise<void>) => {
    const before = await statements();
    const audit = await auditCount();
    await act();
    expect(await statements()).toEqual(before);
    expect(await auditCount()).toBe(audit);
  };

  it("opens with the plan's term, the fields, and the department's statements with Edit buttons", async () => {
    const card = await say(renee, 'mis');
    const text = cardText(card);
    expect(text).toContain('Minority Impact Statement');
    expect(text).toContain('Milwaukee Health Department');
    const own = await reap.store.listImpactStatements({ departmentId: 'MHD' });
    expect(text).toContain(`Recorded by Milwaukee Health Department (${own.length})`);
    for (const s of own.slice(0, 10)) expect(text).toContain(`**${s.councilFileNumber}**`);
    expect(input(card, 'councilFileNumber')).toMatchObject({
      type: 'Input.Text',
      placeholder: 'e.g. 200123',
    });
    expect(input(card, 'guidedOn')).toMatchObject({
      type: 'Input.Date',
      min: '2020-01-01',
      max: '2021-06-15',
    });
    expect(
      (input(card, 'status')?.choices as Array<{ value: string }>).map((c) => c.value),
    ).toEqual(['in_progress', 'filed', 'adopted']);
    const save = cardActions(card)[0];
    expect(save).toMatchObject({ type: 'Action.Execute', verb: RECORD_IMPACT_STATEMENT_VERB });
    expect(saveData(card).departmentId).toBe('MHD');
    expect(saveData(card).statementId).toMatch(UUID);
    expect(saveData(card).cardId).toMatch(UUID);
    expect(save?.fallback).toMatchObject({
      type: 'Action.Submit',
      data: { verb: RECORD_IMPACT_STATEMENT_VERB, ...saveData(card) },
    });
    const edits = cardActions(card).filter(
      (a) => a.type === 'Action.Execute' && a.verb === EDIT_IMPACT_STATEMENT_VERB,
    );
    expect(edits).toHaveLength(Math.min(own.length, 10));
    for (const edit of edits) expect(edit.associatedInputs).toBe('none');
  });

  it('takes its words from the plan settings, never from the card text', () => {
    const plan = {
      ...MILWAUKEE_2020_2021,
      terms: { ...MILWAUKEE_2020_2021.terms, impactStatement: 'REI Impact Statement' },
    };
    const card = renderImpactStatementCard(
      impactStatementCardModel({
        department: { id: 'MHD', name: 'Milwaukee Health Department' },
        plan,
        statements: [],
        today: '2025-03-01',
      }),
    ).content;
    expect(cardText(card)).toContain('REI Impact Statement');
    expect(JSON.stringify(card)).not.toContain('Minority');
    expect(cardProblems(card)).toEqual([]);
  });

  it('records a statement with who recorded it and when, and shows it on the card', async () => {
    const form = await say(renee, 'mis');
    const ids = saveData(form);
    const auditBefore = await auditCount();
    const card = await press(renee, { ...ids, ...fields() });
    const text = cardText(card);
    expect(text).toContain(
      'Recorded the Minority Impact Statement of file 210345, "Lead service line replacement ordinance" (filed).',
    );
    expect(text).toContain('**210345** · Lead service line replacement ordinance');
    expect(text).toContain('Filed · guided May 20, 2021 by Renee Washington, Ana Ruiz');
    // A fresh form for the next one: empty fields, new ids.
    expect(input(card, 'councilFileNumber')?.value).toBe('');
    expect(saveData(card).statementId).not.toBe(ids.statementId);

    const stored = (await statements()).find((s) => s.councilFileNumber === '210345');
    expect(stored).toEqual({
      id: ids.statementId,
      departmentId: 'MHD',
      councilFileNumber: '210345',
      title: 'Lead service line replacement ordinance',
      guidedBy: ['Renee Washington', 'Ana Ruiz'],
      status: 'filed',
      guidedOn: '2021-05-20',
      recordedBy: DEMO_PERSONAS.lead.id,
      recordedAt: TODAY.toISOString(),
    });
    const audit = await reap.store.listAudit({ recordId: ids.statementId });
    expect(audit).toEqual([
      expect.objectContaining({
        actorId: DEMO_PERSONAS.lead.id,
        action: 'impact-statement.record',
        recordType: 'impact-statement',
        after: stored,
      }),
    ]);
    expect(audit[0]?.before).toBeUndefined();
    expect(await auditCount()).toBe(auditBefore + 1);
  });

  it('stores one statement when the same press arrives twice (Teams retrying)', async () => {
    const form = await say(renee, 'mis');
    const data = { ...saveData(form), ...fields({ councilFileNumber: '210346' }) };
    await press(renee, data);
    const afterFirst = await statements();
    const audit = await auditCount();
    const again = await press(renee, data);
    expect(cardText(again)).toContain(
      'The Minority Impact Statement of file 210346 is recorded as shown already; nothing changed.',
    );
    expect(await statements()).toEqual(afterFirst);
    expect(await auditCount()).toBe(audit);
    expect((await statements()).filter((s) => s.councilFileNumber === '210346')).toHaveLength(1);
  });

  it('updates the statement of a file number the department has, keeping the earlier version in the audit', async () => {
    const first = (await statements()).find((s) => s.councilFileNumber === '210345');
    const form = await say(renee, 'mis');
    const card = await press(renee, {
      ...saveData(form),
      ...fields({ status: 'adopted', guidedOn: '2021-05-21' }),
    });
    expect(cardText(card)).toContain(
      'Updated the Minority Impact Statement of file 210345 (adopted); the earlier version is kept in its history.',
    );
    const same = (await statements()).filter((s) => s.councilFileNumber === '210345');
    expect(same).toHaveLength(1);
    expect(same[0]).toMatchObject({ id: first?.id, status: 'adopted', guidedOn: '2021-05-21' });
    const history = await reap.store.listAudit({ recordId: first?.id ?? '' });
    expect(history).toHaveLength(2);
    expect(history[0]).toMatchObject({
      action: 'impact-statement.record',
      before: first,
      after: same[0],
    });
  });

  it('opens a listed statement for editing and saves the change to the same record', async () => {
    const list = await say(renee, 'mis');
    const target = (await statements()).find((s) => s.councilFileNumber === '210346');
    const editButton = cardActions(list).find(
      (a) =>
        a.type === 'Action.Execute' &&
        a.verb === EDIT_IMPACT_STATEMENT_VERB &&
        (a.data as { statementId: string }).statementId === target?.id,
    );
    expect(editButton).toBeDefined();
    const edit = await press(
      renee,
      editButton?.data as Record<string, unknown>,
      EDIT_IMPACT_STATEMENT_VERB,
    );
    expect(cardText(edit)).toContain('Minority Impact Statement: file 210346');
    expect(input(edit, 'title')?.value).toBe(target?.title);
    expect(input(edit, 'guidedBy')?.value).toBe('Renee Washington, Ana Ruiz');
    expect(saveData(edit).statementId).toBe(target?.id);
    expect(cardActions(edit).some((a) => a.verb === OPEN_FORM_VERB)).toBe(true);

    const saved = await press(renee, {
      ...saveData(edit),
      ...fields({ councilFileNumber: '210347', title: 'Corrected title' }),
    });
    expect(cardText(saved)).toContain('Updated the Minority Impact Statement of file 210347');
    const now = (await statements()).find((s) => s.id === target?.id);
    expect(now).toMatchObject({ councilFileNumber: '210347', title: 'Corrected title' });
    expect((await statements()).some((s) => s.councilFileNumber === '210346')).toBe(false);
  });

  it('refuses a wrong Council file number beside the field, keeping what was entered', async () => {
    const form = await say(renee, 'mis');
    for (const wrong of ['20-123', '12345', '2001234', 'CC 200123']) {
      await storesNothing(async () => {
        const card = await press(renee, {
          ...saveData(form),
          ...fields({ councilFileNumber: wrong }),
        });
        expect(messageUnder(card, 'councilFileNumber')).toBe(
          "A Common Council file number is six digits, the first two the year (e.g. 200123). Check the number in the Council's file.",
        );
        expect(cardText(card)).toContain('Nothing was saved: correct the field marked below.');
        expect(input(card, 'councilFileNumber')?.value).toBe(wrong);
        expect(input(card, 'title')?.value).toBe(fields().title);
        expect(saveData(card)).toEqual(saveData(form));
      });
    }
  });

  it('refuses a file number another department recorded, beside the field', async () => {
    const form = await say(renee, 'mis');
    await storesNothing(async () => {
      const card = await press(renee, {
        ...saveData(form),
        ...fields({ councilFileNumber: '201999' }),
      });
      expect(messageUnder(card, 'councilFileNumber')).toBe(
        'File 201999 is recorded by DPW. Check the number; if both departments guided it, ask the Equity Officer.',
      );
    });
  });

  it('refuses each missing, too long or out-of-range field beside it, storing nothing', async () => {
    const form = await say(renee, 'mis');
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [
        { councilFileNumber: '' },
        'councilFileNumber',
        'Type the Common Council file number of the Minority Impact Statement.',
      ],
      [{ title: '' }, 'title', 'Type the title of the Council file.'],
      [{ title: 'x'.repeat(256) }, 'title', 'Shorten the title to 255 characters or fewer.'],
      [{ guidedBy: ' , ; ' }, 'guidedBy', 'Type who guided it: names separated by commas.'],
      [
        { guidedBy: 'A'.repeat(256) },
        'guidedBy',
        'Shorten the names to 255 characters or fewer in all (initials will do).',
      ],
      [{ status: '' }, 'status', 'Pick the status: in progress, filed or adopted.'],
      [{ status: 'withdrawn' }, 'status', 'Pick the status: in progress, filed or adopted.'],
      [{ guidedOn: '' }, 'guidedOn', 'Pick the date the team guided it.'],
      [{ guidedOn: '2021-02-30' }, 'guidedOn', 'Pick the date in the date picker (YYYY-MM-DD).'],
      [
        { guidedOn: '2021-06-16' },
        'guidedOn',
        'That date is in the future; pick today (Jun 15, 2021) or earlier.',
      ],
      [
        { guidedOn: '2019-12-31' },
        'guidedOn',
        'That date is before the plan began (Jan 1, 2020); pick Jan 1, 2020 or later.',
      ],
    ];
    for (const [extra, field, text] of cases) {
      await storesNothing(async () => {
        const card = await press(renee, { ...saveData(form), ...fields(extra) });
        expect([field, messageUnder(card, field)]).toEqual([field, text]);
      });
    }
  });

  it('refuses a lead of DPW recording for the Health Department, and stores nothing', async () => {
    const form = await say(renee, 'mis');
    await storesNothing(async () => {
      const card = await press(dpwLead, {
        ...saveData(form),
        ...fields({ councilFileNumber: '210400' }),
      });
      expect(cardText(card)).toContain('Not allowed');
      expect(cardText(card)).toContain('You can do this only for your own department.');
      expect(cardText(card)).toContain('Nothing was saved.');
    });
    await storesNothing(async () => {
      const card = await press(employee, {
        ...saveData(form),
        ...fields({ councilFileNumber: '210401' }),
      });
      expect(cardText(card)).toContain('Not allowed');
    });
  });

  it("refuses an Edit button naming another department's statement", async () => {
    const card = await press(
      renee,
      { departmentId: 'MHD', statementId: 'test-dpw-mis' },
      EDIT_IMPACT_STATEMENT_VERB,
    );
    expect(cardText(card)).toContain("That statement is not one of Milwaukee Health Department's");
    await storesNothing(async () => {
      const forged = await press(renee, {
        departmentId: 'MHD',
        statementId: 'test-dpw-mis',
        cardId: 'c-1',
        ...fields({ councilFileNumber: '210402' }),
      });
      expect(cardText(forged)).toContain('This card is for a statement of another department.');
    });
  });

  it('refuses card data with a field it does not know, such as who recorded it', async () => {
    const form = await say(renee, 'mis');
    await storesNothing(async () => {
      const card = await press(renee, {
        ...saveData(form),
        ...fields({ councilFileNumber: '210403' }),
        recordedBy: DEMO_PERSONAS.officer.id,
      });
      expect(cardText(card)).toContain('recordedBy: is not a field reap accepts here');
    });
  });

  it('lets an Ambassador and the Equity Officer record for the department', async () => {
    const form = await say(ambassador, 'mis');
    await press(ambassador, { ...saveData(form), ...fields({ councilFileNumber: '210404' }) });
    expect((await statements()).find((s) => s.councilFileNumber === '210404')).toMatchObject({
      departmentId: 'MHD',
      recordedBy: ambassador.id.slice(3),
    });
    connector.reset();
    const officerForm = await say(officer, 'mis mhd');
    expect(saveData(officerForm).departmentId).toBe('MHD');
    await press(officer, { ...saveData(officerForm), ...fields({ councilFileNumber: '210405' }) });
    expect((await statements()).find((s) => s.councilFileNumber === '210405')).toMatchObject({
      departmentId: 'MHD',
      recordedBy: DEMO_PERSONAS.officer.id,
    });
  });

  it('updates the card in place from the Action.Submit fallback', async () => {
    const form = await say(renee, 'mis');
    connector.reset();
    const card = await bot.submit(
      renee,
      {
        verb: RECORD_IMPACT_STATEMENT_VERB,
        ...saveData(form),
        ...fields({ councilFileNumber: '210406' }),
      },
      'mis-card-1',
    );
    expect(cardText(card)).toContain('file 210406');
    expect((await statements()).filter((s) => s.councilFileNumber === '210406')).toHaveLength(1);
  });

  it('keeps the list short for a department with many statements', async () => {
    const many: ImpactStatement[] = Array.from({ length: 40 }, (_, i) => ({
      id: `test-many-${i}`,
      departmentId: 'MPD',
      councilFileNumber: String(211000 + i),
      title: `Ordinance ${i} `.padEnd(255, 'x'),
      guidedBy: ['A person with a long name', 'Another person with a long name'],
      status: 'in_progress',
      guidedOn: '2021-01-01',
    }));
    for (const s of many) await reap.store.putImpactStatement(s);
    const card = await say(officer, 'mis mpd');
    expect(cardText(card)).toMatch(/… and \d+ earlier ones\./);
  });
});
