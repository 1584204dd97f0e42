import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { ADOPT_VISION_VERB } from '../../bot/forms/vision-form';
import type { VisionStatement } from '../../src/domain';
import { startReap, type RunningReap } from '../../src/server/start';
import { DEMO_PERSONAS } from '../../src/services/demo/demo-city';
import { startBotConnectorEmulator, type BotConnectorEmulator } from '../emulators/bot-connector';
import { tempDir } from '../support/temp-dir';
import type { TeamsUser } from '../bot/teams-activities';
import { cardActions, cardText } from '../bot/validate-card';
import { botHarness, CARD_BYTES_MAX, input, messageUnder, type Card } from '../bot/bot-harness';

// The vision statement form over HTTP, as Teams drives it: the real bot adapter and server, the
// demo city in a real SQLite file, only the Bot Connector emulated.

const TODAY = new Date('2021-06-15T15:00:00.000Z');
const clock = { now: () => TODAY };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('the vision statement form (demo city)', () => {
  let reap: RunningReap;
  let connector: BotConnectorEmulator;
  let dataDir: string;
  let renee: TeamsUser; // lead of the Health Department (MHD)
  let dpwLead: TeamsUser; // lead of Public Works
  let officer: TeamsUser;
  /** The Health Department's vision as the demo city adopted it. */
  let original: VisionStatement;

  const bot = botHarness({
    reap: () => reap,
    connector: () => connector,
    cardBytesMax: CARD_BYTES_MAX,
  });
  const { asUser, say } = bot;
  const visionsOf = (departmentId: string) => reap.store.listVisions({ departmentId });

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
    const [mhd] = await visionsOf('MHD');
    if (!mhd) throw new Error('demo city has no vision for MHD');
    original = mhd;
  });
  afterAll(async () => {
    await reap?.close();
    await connector?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(() => connector.reset());

  /** Presses the card's button: an `adaptiveCard/action` invoke, answered with the new card. */
  const press = (from: TeamsUser, data: Record<string, unknown>): Promise<Card> =>
    bot.press(from, ADOPT_VISION_VERB, data);
  /** The data of a press of a fresh card: a new vision id, as a newly rendered card has. */
  const adoption = (text: string, adoptedOn: string, departmentId = 'MHD') => ({
    departmentId,
    visionId: randomUUID(),
    text,
    adoptedOn,
  });
  const auditCount = async () => (await reap.store.listAudit({ limit: 100_000 })).length;
  /** Runs `act` and expects it to have stored no vision and no audit entry. */
  const storesNothing = async (act: () => Promise<void>) => {
    const visions = (await reap.store.listVisions()).length;
    const audit = await auditCount();
    await act();
    expect((await reap.store.listVisions()).length).toBe(visions);
    expect(await auditCount()).toBe(audit);
  };

  it('shows the vision as adopted, who recorded it, and the form prefilled with it', async () => {
    const card = await say(renee, 'vision');
    const text = cardText(card);
    expect(text).toContain('Vision statement');
    expect(text).toMatch(/^Milwaukee Health Department adopted its racial equity vision on /m);
    expect(text).toContain(original.text);
    expect(text).toMatch(/^Version 1 · adopted .+ · recorded by Renee Washington on .+$/m);
    expect(input(card, 'text')).toMatchObject({
      type: 'Input.Text',
      isMultiline: true,
      maxLength: 4000,
      value: original.text,
    });
    expect(input(card, 'adoptedOn')).toMatchObject({
      type: 'Input.Date',
      min: '2020-01-01',
      max: '2021-06-15',
      value: original.adoptedOn,
    });
    const [execute, submit] = cardActions(card);
    expect(execute).toMatchObject({ type: 'Action.Execute', verb: ADOPT_VISION_VERB });
    const data = execute?.data as { departmentId: string; visionId: string };
    expect(data.departmentId).toBe('MHD');
    expect(data.visionId).toMatch(UUID);
    expect(submit).toMatchObject({
      type: 'Action.Submit',
      data: { verb: ADOPT_VISION_VERB, departmentId: 'MHD', visionId: data.visionId },
    });
    // Each card adopts a version of its own.
    connector.reset();
    const another = cardActions(await say(renee, 'vision'))[0]?.data as { visionId: string };
    expect(another.visionId).not.toBe(data.visionId);
  });

  it('keeps the old vision in history when a new version is adopted', async () => {
    const audit = await auditCount();
    const pressed = adoption(
      'The Milwaukee Health Department works so that race no longer predicts health.',
      '2021-06-01',
    );
    const card = await press(renee, pressed);
    const text = cardText(card);
    expect(text).toContain('Vision adopted');
    expect(text).toContain(
      'Version 2 of the vision of Milwaukee Health Department, adopted on Jun 1, 2021; the earlier versions are kept below.',
    );
    expect(text).toContain(
      'Version 2 · adopted Jun 1, 2021 · recorded by Renee Washington on Jun 15, 2021',
    );
    expect(text).toContain('Earlier version, newest first');
    expect(text).toContain(original.text);
    expect(cardActions(card)[0]).toMatchObject({
      verb: 'openForm',
      data: { form: 'vision', departmentId: 'MHD' },
    });

    const versions = await visionsOf('MHD');
    expect(versions).toEqual([
      original,
      {
        id: pressed.visionId,
        departmentId: 'MHD',
        text: pressed.text,
        adoptedOn: '2021-06-01',
        version: 2,
        recordedBy: DEMO_PERSONAS.lead.id,
        recordedAt: TODAY.toISOString(),
      },
    ]);
    expect(await auditCount()).toBe(audit + 1);
    const [entry] = await reap.store.listAudit({
      recordType: 'vision',
      recordId: pressed.visionId,
    });
    expect(entry).toEqual({
      id: `vision.adopt:${pressed.visionId}`,
      at: TODAY.toISOString(),
      actorId: DEMO_PERSONAS.lead.id,
      action: 'vision.adopt',
      recordType: 'vision',
      recordId: pressed.visionId,
      before: original,
      after: versions[1],
    });

    // The form now shows the new version, and the first under the earlier ones.
    connector.reset();
    const form = await say(renee, 'vision');
    expect(input(form, 'text')?.value).toBe(pressed.text);
    expect(cardText(form)).toMatch(/^Earlier version, newest first\n.*Version 1 · adopted /m);
    expect(cardText(form)).toContain(original.text);
  });

  it('stores one version when Teams sends the same press twice: the second says it is saved already', async () => {
    const pressed = adoption('Health equity is the measure of our work.', '2021-06-10');
    const audit = await auditCount();
    const write = jest.spyOn(reap.store, 'addVision');
    try {
      expect(cardText(await press(renee, pressed))).toContain('Vision adopted');
      const again = await press(renee, pressed);
      expect(cardText(again)).toContain('Already saved');
      expect(cardText(again)).toContain('was saved already, so nothing new was stored.');
      expect(write).toHaveBeenCalledTimes(1);
    } finally {
      write.mockRestore();
    }
    expect((await visionsOf('MHD')).filter((v) => v.id === pressed.visionId)).toHaveLength(1);
    expect(await auditCount()).toBe(audit + 1);
  });

  it('says the same text and date are already the current vision, and stores nothing', async () => {
    const [current] = (await visionsOf('MHD')).slice(-1);
    if (!current) throw new Error('no vision');
    await storesNothing(async () => {
      const card = await press(renee, adoption(`  ${current.text}\n`, current.adoptedOn));
      expect(cardText(card)).toContain('Already the current vision');
      expect(cardText(card)).toContain('so nothing was stored');
    });
  });

  it('refuses a missing or overlong statement beside it, keeping what was entered', async () => {
    await storesNothing(async () => {
      const empty = await press(renee, adoption(' \n ', '2021-06-01'));
      expect(messageUnder(empty, 'text')).toBe(
        "Type the department's vision statement. Nothing was saved.",
      );
      expect(input(empty, 'adoptedOn')?.value).toBe('2021-06-01');
      const missing = await press(renee, { departmentId: 'MHD', visionId: randomUUID() });
      expect(messageUnder(missing, 'text')).toMatch(/^Type the department's vision statement/);
      const long = await press(renee, adoption('x'.repeat(64_000), '2021-06-01'));
      expect(messageUnder(long, 'text')).toBe(
        'The statement has 64,000 characters; shorten it to at most 63,999. Nothing was saved.',
      );
    });
  });

  it('refuses an adoption date that is missing, not a date, in the future or before the plan', async () => {
    const statement = 'A department where race does not predict outcomes.';
    await storesNothing(async () => {
      const missing = await press(renee, adoption(statement, ''));
      expect(messageUnder(missing, 'adoptedOn')).toBe(
        'Pick the date the department adopted the statement. Nothing was saved.',
      );
      expect(input(missing, 'text')?.value).toBe(statement);
      const future = await press(renee, adoption(statement, '2021-06-16'));
      expect(messageUnder(future, 'adoptedOn')).toBe(
        'Jun 16, 2021 is in the future; pick the day it was adopted, today (Jun 15, 2021) or earlier. Nothing was saved.',
      );
      expect(input(future, 'adoptedOn')?.value).toBe('2021-06-16');
      const early = await press(renee, adoption(statement, '2019-12-31'));
      expect(messageUnder(early, 'adoptedOn')).toBe(
        'Dec 31, 2019 is before the plan began (Jan 1, 2020); pick Jan 1, 2020 or later. Nothing was saved.',
      );
      for (const wrong of ['2021-02-30', '15/06/2021']) {
        const card = await press(renee, adoption(statement, wrong));
        expect(messageUnder(card, 'adoptedOn')).toBe(
          `"${wrong}" is not a date; pick one (YYYY-MM-DD). Nothing was saved.`,
        );
      }
      const overlong = await press(renee, adoption(statement, '2'.repeat(33)));
      expect(cardText(overlong)).toContain('Nothing saved');
    });
  });

  it('refuses card data it does not know, and a card naming another department\u2019s vision', async () => {
    await storesNothing(async () => {
      const forged = await press(renee, {
        ...adoption('Forged.', '2021-06-01'),
        recordedBy: DEMO_PERSONAS.officer.id,
      });
      expect(cardText(forged)).toContain('recordedBy: is not a field reap accepts');
      const theirs = await press(renee, {
        ...adoption('Ours now.', '2021-06-01'),
        visionId: 'demo-vision-DOA',
      });
      expect(cardText(theirs)).toContain(
        "This card's vision belongs to another department. Type **vision** for a new card. Nothing was saved.",
      );
      const fresh = cardActions(theirs)[0]?.data as { visionId: string };
      expect(fresh.visionId).toMatch(UUID);
    });
  });

  it('refuses a lead of DPW adopting a vision for the Health Department, storing nothing', async () => {
    await storesNothing(async () => {
      const card = await press(dpwLead, adoption('Not ours to adopt.', '2021-06-01'));
      expect(cardText(card)).toContain('Not allowed');
      expect(cardText(card)).toContain('You can do this only for your own department.');
    });
  });

  it('adopts from the Action.Submit fallback, updating the card in place', async () => {
    const pressed = adoption('Equity in every service we deliver.', '2021-06-14');
    const card = await bot.submit(renee, { verb: ADOPT_VISION_VERB, ...pressed }, 'vision-card-1');
    expect(cardText(card)).toContain('Vision adopted');
    expect((await visionsOf('MHD')).map((v) => v.id)).toContain(pressed.visionId);
  });

  it('shortens a long history to the latest versions, within the message limit', async () => {
    for (let k = 0; k < 4; k += 1) {
      const card = await press(renee, adoption(`${k} ${'long vision '.repeat(333)}`, '2021-06-15'));
      expect(cardText(card)).toContain('Vision adopted');
    }
    const versions = await visionsOf('MHD');
    expect(versions.length).toBeGreaterThan(6);
    const form = await say(renee, 'vision');
    const text = cardText(form);
    expect(text).toContain(`Earlier versions: ${versions.length - 1}, the latest 5 shown`);
    expect(text).not.toContain(original.text);
    expect(text).toMatch(/^2 long vision .{200,280}…$/m);
    expect(input(form, 'text')?.value).toBe(versions[versions.length - 1]?.text);
  });

  it('lets the officer adopt the first vision of a department without one', async () => {
    expect(await visionsOf('DPW')).toEqual([]);
    const form = await say(officer, 'vision DPW');
    expect(cardText(form)).toContain(
      'Department of Public Works has not adopted a racial equity vision statement yet.',
    );
    expect(input(form, 'text')?.value).toBe('');
    const card = await press(officer, adoption('Public works, equitably.', '2021-05-03', 'DPW'));
    expect(cardText(card)).toContain(
      'Department of Public Works adopted its racial equity vision on May 3, 2021.',
    );
    expect(await visionsOf('DPW')).toEqual([
      expect.objectContaining({ version: 1, recordedBy: DEMO_PERSONAS.officer.id }),
    ]);
  });
});
