import fs from 'node:fs';
import { LOG_MEETING_VERB } from '../../bot/forms/meeting-form';
import { LOG_OUTREACH_VERB } from '../../bot/forms/outreach-form';
import { startReap, type RunningReap } from '../../src/server/start';
import { DEMO_PERSONAS } from '../../src/services/demo/demo-city';
import { startBotConnectorEmulator, type BotConnectorEmulator } from '../emulators/bot-connector';
import { tempDir } from '../support/temp-dir';
import type { TeamsUser } from '../bot/teams-activities';
import { cardActions, cardText } from '../bot/validate-card';
import { botHarness, CARD_BYTES_MAX, input, messageUnder, type Card } from '../bot/bot-harness';

// The partnership meeting (`log meeting`) and outreach event (`log outreach`) forms over HTTP, as
// Teams drives them: the real bot adapter and server, the demo city in a real SQLite file, only
// the Bot Connector emulated.

const TODAY = new Date('2021-06-15T15:00:00.000Z');
const clock = { now: () => TODAY };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('the partnership meeting and outreach event forms (demo city)', () => {
  let reap: RunningReap;
  let connector: BotConnectorEmulator;
  let dataDir: string;
  let renee: TeamsUser; // lead of the Health Department (MHD)
  let dpwLead: TeamsUser;
  let officer: TeamsUser;

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
  });
  afterAll(async () => {
    await reap?.close();
    await connector?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(() => connector.reset());

  const press = async (from: TeamsUser, verb: string, data: Record<string, unknown>) =>
    checked((await bot.invoke(from, verb, data)).value);
  const buttonData = (card: Card) =>
    cardActions(card).find((a) => a.type === 'Action.Execute')?.data as Record<string, string>;
  const auditCount = async () => (await reap.store.listAudit({ limit: 100_000 })).length;
  const counts = async () => ({
    meetings: (await reap.store.listPartnershipMeetings()).length,
    events: (await reap.store.listOutreachEvents()).length,
    audit: await auditCount(),
  });
  const storesNothing = async (act: () => Promise<void>) => {
    const before = await counts();
    await act();
    expect(await counts()).toEqual(before);
  };

  describe('a partnership meeting', () => {
    const meeting = (extra: Record<string, unknown> = {}) => ({
      heldOn: '2021-06-10',
      partners: 'County Office of African American Affairs (OAAA), Greater Milwaukee Foundation',
      peopleReached: '14',
      notes: 'Shared training options; agreed to benchmark hiring data.',
      ...extra,
    });

    it('opens with the fields, the cadence the plan asks for and the latest meetings', async () => {
      const card = await say(renee, 'log meeting');
      const text = cardText(card);
      expect(text).toContain('Partnership meeting');
      expect(text).toMatch(/Meetings with partners: .*every 92 days/);
      expect(text).toContain('Latest meetings of Milwaukee Health Department');
      expect(input(card, 'heldOn')).toMatchObject({
        type: 'Input.Date',
        min: '2020-01-01',
        max: '2021-06-15',
      });
      expect(input(card, 'partners')).toMatchObject({ isRequired: true, maxLength: 255 });
      expect(String(input(card, 'partners')?.placeholder)).toContain(
        'County Office of African American Affairs (OAAA)',
      );
      expect(input(card, 'peopleReached')).toMatchObject({
        type: 'Input.Number',
        min: 0,
        max: 100000,
      });
      expect(input(card, 'notes')).toMatchObject({ isMultiline: true, maxLength: 4000 });
      expect(cardActions(card)[0]).toMatchObject({
        type: 'Action.Execute',
        verb: LOG_MEETING_VERB,
        data: { departmentId: 'MHD' },
        fallback: { type: 'Action.Submit', data: { verb: LOG_MEETING_VERB, departmentId: 'MHD' } },
      });
      expect(buttonData(card).meetingId).toMatch(UUID);
    });

    it('logs a meeting with who logged it and when, and shows it with when the next one is due', async () => {
      const form = await say(renee, 'log meeting');
      const before = await auditCount();
      const card = await press(renee, LOG_MEETING_VERB, { ...buttonData(form), ...meeting() });
      const text = cardText(card);
      expect(text).toContain(
        'Logged the meeting of Jun 10, 2021 with County Office of African American Affairs (OAAA), Greater Milwaukee Foundation.',
      );
      expect(text).toContain('**Jun 10, 2021** · County Office of African American Affairs (OAAA)');
      expect(text).toContain('14 people · Shared training options');
      expect(text).toContain('Next one due by Sep 10, 2021.');
      expect(buttonData(card).meetingId).not.toBe(buttonData(form).meetingId);
      const id = buttonData(form).meetingId ?? '';
      const stored = (await reap.store.listPartnershipMeetings({ departmentId: 'MHD' })).find(
        (m) => m.id === id,
      );
      expect(stored).toEqual({
        id,
        departmentId: 'MHD',
        heldOn: '2021-06-10',
        partners: meeting().partners,
        peopleReached: 14,
        notes: meeting().notes,
        recordedBy: DEMO_PERSONAS.lead.id,
        recordedAt: TODAY.toISOString(),
      });
      expect(await reap.store.listAudit({ recordId: id })).toEqual([
        expect.objectContaining({
          id: `partnership-meeting.log:${id}`,
          actorId: DEMO_PERSONAS.lead.id,
          action: 'partnership-meeting.log',
          recordType: 'partnership-meeting',
          after: stored,
        }),
      ]);
      expect(await auditCount()).toBe(before + 1);
    });

    it('stores one meeting when the same press arrives twice, and says it is already recorded', async () => {
      const form = await say(renee, 'log meeting');
      const data = { ...buttonData(form), ...meeting({ heldOn: '2021-06-11', peopleReached: '' }) };
      await press(renee, LOG_MEETING_VERB, data);
      await storesNothing(async () => {
        const again = await press(renee, LOG_MEETING_VERB, data);
        expect(cardText(again)).toContain('is already recorded; nothing new was saved.');
      });
      const stored = (await reap.store.listPartnershipMeetings()).find(
        (m) => m.id === buttonData(form).meetingId,
      );
      expect(stored?.peopleReached).toBeUndefined();
    });

    it('refuses each missing, too long or out-of-range field beside it, storing nothing', async () => {
      const form = await say(renee, 'log meeting');
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [{ heldOn: '' }, 'heldOn', 'Pick the date of the meeting.'],
        [
          { heldOn: '2021-06-16' },
          'heldOn',
          'That date is in the future; pick today (Jun 15, 2021) or earlier.',
        ],
        [
          { heldOn: '2019-12-31' },
          'heldOn',
          'That date is before the plan began (Jan 1, 2020); pick Jan 1, 2020 or later.',
        ],
        [{ heldOn: 'June 10' }, 'heldOn', 'Pick the date in the date picker (YYYY-MM-DD).'],
        [
          { partners: '  ' },
          'partners',
          'Type who you met: the partner organisations, separated by commas.',
        ],
        [
          { partners: 'p'.repeat(256) },
          'partners',
          'Shorten the partners to 255 characters or fewer.',
        ],
        [
          { peopleReached: '-1' },
          'peopleReached',
          'Type the number of people as a whole number from 0 to 100,000.',
        ],
        [
          { peopleReached: '2.5' },
          'peopleReached',
          'Type the number of people as a whole number from 0 to 100,000.',
        ],
        [
          { peopleReached: 100_001 },
          'peopleReached',
          'Type the number of people as a whole number from 0 to 100,000.',
        ],
        [{ notes: 'n'.repeat(4001) }, 'notes', 'Shorten the notes to 4,000 characters or fewer.'],
      ];
      for (const [extra, field, text] of cases) {
        await storesNothing(async () => {
          const card = await press(renee, LOG_MEETING_VERB, {
            ...buttonData(form),
            ...meeting(extra),
          });
          expect([field, messageUnder(card, field)]).toEqual([field, text]);
          expect(cardText(card)).toContain('Nothing was saved: correct the field marked below.');
          expect(buttonData(card).meetingId).toBe(buttonData(form).meetingId);
        });
      }
      const kept = await press(renee, LOG_MEETING_VERB, {
        ...buttonData(form),
        ...meeting({ heldOn: '2021-06-16', peopleReached: 30 }),
      });
      expect(input(kept, 'heldOn')?.value).toBe('2021-06-16');
      expect(input(kept, 'partners')?.value).toBe(meeting().partners);
      expect(input(kept, 'peopleReached')?.value).toBe(30);
      expect(input(kept, 'notes')?.value).toBe(meeting().notes);
    });

    it('refuses a lead of DPW logging for the Health Department, and stores nothing', async () => {
      const form = await say(renee, 'log meeting');
      await storesNothing(async () => {
        const card = await press(dpwLead, LOG_MEETING_VERB, { ...buttonData(form), ...meeting() });
        expect(cardText(card)).toContain('Not allowed');
        expect(cardText(card)).toContain('You can do this only for your own department.');
      });
    });

    it("refuses a card whose record id is another department's meeting", async () => {
      const [doaMeeting] = await reap.store.listPartnershipMeetings({ departmentId: 'DOA' });
      await storesNothing(async () => {
        const card = await press(renee, LOG_MEETING_VERB, {
          departmentId: 'MHD',
          meetingId: doaMeeting?.id,
          ...meeting(),
        });
        expect(cardText(card)).toContain("This card's record belongs to another department");
      });
    });

    it('shows a department that let the cadence lapse how long it went without a meeting', async () => {
      const card = await say(renee, 'log meeting');
      expect(cardText(card)).toMatch(
        /the plan asks for one at least every 92 days; the longest stretch without one was 150 days \(\d+ meetings since Jan 1, 2020, the last on Jun 11, 2021\)\. Next one due by Sep 11, 2021\./,
      );
    });

    it('shows a department that kept the cadence when its next meeting is due', async () => {
      const card = await say(officer, 'log meeting doa');
      expect(cardText(card)).toMatch(
        /Meetings with partners: at least one every 92 days, as the plan asks \(\d+ meetings since Jan 1, 2020\)\. Next one due by \w+ \d+, 2021\./,
      );
    });

    it('updates the card in place from the Action.Submit fallback', async () => {
      const form = await say(renee, 'log meeting');
      connector.reset();
      const card = await bot.submit(
        renee,
        { verb: LOG_MEETING_VERB, ...buttonData(form), ...meeting({ heldOn: '2021-06-12' }) },
        'meeting-card-1',
      );
      expect(cardText(card)).toContain('Logged the meeting of Jun 12, 2021');
    });
  });

  describe('an outreach event', () => {
    const event = (extra: Record<string, unknown> = {}) => ({
      heldOn: '2021-05-22',
      title: 'OAAA service hub open house',
      partners: 'County OAAA',
      peopleReached: '150',
      notes: '',
      ...extra,
    });

    it('opens with the fields, the partnership cadence and the latest events', async () => {
      const card = await say(renee, 'log outreach');
      const text = cardText(card);
      expect(text).toContain('Outreach event');
      expect(text).toMatch(/Meetings with partners: /);
      expect(text).toContain('Latest outreach events of Milwaukee Health Department (0 in all');
      expect(input(card, 'title')).toMatchObject({ isRequired: true, maxLength: 255 });
      expect(input(card, 'partners')).toMatchObject({ isRequired: false });
      expect(input(card, 'peopleReached')).toMatchObject({
        type: 'Input.Number',
        isRequired: true,
        max: 1000000,
      });
      expect(cardActions(card)[0]).toMatchObject({ verb: LOG_OUTREACH_VERB });
      expect(buttonData(card).eventId).toMatch(UUID);
    });

    it('logs an event with the people reached, who logged it and when', async () => {
      const form = await say(renee, 'log outreach');
      const card = await press(renee, LOG_OUTREACH_VERB, { ...buttonData(form), ...event() });
      const text = cardText(card);
      expect(text).toContain(
        'Logged "OAAA service hub open house" of May 22, 2021: 150 people reached.',
      );
      expect(text).toContain('(1 in all, 150 people reached)');
      const id = buttonData(form).eventId ?? '';
      const stored = (await reap.store.listOutreachEvents({ departmentId: 'MHD' })).find(
        (e) => e.id === id,
      );
      expect(stored).toEqual({
        id,
        departmentId: 'MHD',
        heldOn: '2021-05-22',
        title: 'OAAA service hub open house',
        partners: 'County OAAA',
        peopleReached: 150,
        recordedBy: DEMO_PERSONAS.lead.id,
        recordedAt: TODAY.toISOString(),
      });
      expect(await reap.store.listAudit({ recordId: id })).toEqual([
        expect.objectContaining({ action: 'outreach-event.log', recordType: 'outreach-event' }),
      ]);
    });

    it('stores one event when the same press arrives twice', async () => {
      const form = await say(renee, 'log outreach');
      const data = {
        ...buttonData(form),
        ...event({ title: 'Library health fair', peopleReached: 40 }),
      };
      await press(renee, LOG_OUTREACH_VERB, data);
      await storesNothing(async () => {
        const again = await press(renee, LOG_OUTREACH_VERB, data);
        expect(cardText(again)).toContain(
          '"Library health fair" of May 22, 2021 is already recorded; nothing new was saved.',
        );
      });
    });

    it('refuses each missing, too long or out-of-range field beside it, storing nothing', async () => {
      const form = await say(renee, 'log outreach');
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [
          { heldOn: '2021-07-01' },
          'heldOn',
          'That date is in the future; pick today (Jun 15, 2021) or earlier.',
        ],
        [
          { heldOn: '2019-06-01' },
          'heldOn',
          'That date is before the plan began (Jan 1, 2020); pick Jan 1, 2020 or later.',
        ],
        [{ title: '' }, 'title', 'Type what the event was, e.g. "OAAA service hub open house".'],
        [{ title: 't'.repeat(256) }, 'title', 'Shorten the title to 255 characters or fewer.'],
        [
          { partners: 'p'.repeat(256) },
          'partners',
          'Shorten the partners to 255 characters or fewer.',
        ],
        [{ peopleReached: '' }, 'peopleReached', 'Type how many people the event reached.'],
        [
          { peopleReached: 'many' },
          'peopleReached',
          'Type the number of people as a whole number from 0 to 1,000,000.',
        ],
        [
          { peopleReached: '1000001' },
          'peopleReached',
          'Type the number of people as a whole number from 0 to 1,000,000.',
        ],
        [{ notes: 'n'.repeat(4001) }, 'notes', 'Shorten the notes to 4,000 characters or fewer.'],
      ];
      for (const [extra, field, text] of cases) {
        await storesNothing(async () => {
          const card = await press(renee, LOG_OUTREACH_VERB, {
            ...buttonData(form),
            ...event(extra),
          });
          expect([field, messageUnder(card, field)]).toEqual([field, text]);
        });
      }
    });

    it('refuses a lead of DPW logging for the Health Department, and stores nothing', async () => {
      const form = await say(renee, 'log outreach');
      await storesNothing(async () => {
        const card = await press(dpwLead, LOG_OUTREACH_VERB, { ...buttonData(form), ...event() });
        expect(cardText(card)).toContain('You can do this only for your own department.');
      });
    });

    it('refuses card data with a field it does not know', async () => {
      const form = await say(renee, 'log outreach');
      await storesNothing(async () => {
        const card = await press(renee, LOG_OUTREACH_VERB, {
          ...buttonData(form),
          ...event(),
          recordedBy: DEMO_PERSONAS.officer.id,
        });
        expect(cardText(card)).toContain('recordedBy: is not a field reap accepts here');
      });
    });

    it('updates the card in place from the Action.Submit fallback', async () => {
      const form = await say(renee, 'log outreach');
      connector.reset();
      const card = await bot.submit(
        renee,
        { verb: LOG_OUTREACH_VERB, ...buttonData(form), ...event({ title: 'Town hall' }) },
        'outreach-card-1',
      );
      expect(cardText(card)).toContain('Logged "Town hall"');
    });
  });
});
