import fs from 'node:fs';
import { RECORD_ATTENDANCE_VERB } from '../../bot/invokes/record-attendance';
import type { Completion, Person } from '../../src/domain';
import { startReap, type RunningReap } from '../../src/server/start';
import { DEMO_PERSONAS } from '../../src/services/demo/demo-city';
import { startBotConnectorEmulator, type BotConnectorEmulator } from '../emulators/bot-connector';
import { tempDir } from '../support/temp-dir';
import { message, submitAction, type TeamsUser } from '../bot/teams-activities';
import { cardActions, cardText } from '../bot/validate-card';
import { botHarness, input, messageUnder } from '../bot/bot-harness';

// The attendance card over HTTP, as Teams drives it: the real bot adapter and server, the demo
// city in a real SQLite file, only the Bot Connector emulated.

/** 15 June 2021: every wave of the anti-racism training is open (employees' since 1 May). */
const TODAY = new Date('2021-06-15T15:00:00.000Z');
const clock = { now: () => TODAY };
const SESSION = '2021-06-10';
const TRAINING = 'anti-racism';

describe('the attendance card (demo city, anonymous mode)', () => {
  let reap: RunningReap;
  let connector: BotConnectorEmulator;
  let dataDir: string;
  let renee: TeamsUser; // lead of the Health Department (MHD)
  let mpdLead: TeamsUser; // lead of the Police Department
  let officer: TeamsUser;
  let jordan: TeamsUser; // an employee of the library
  let ambassador: TeamsUser; // an Ambassador of the Health Department
  /** 30 employees of MHD without an anti-racism completion. */
  let attendees: Person[];

  const bot = botHarness({ reap: () => reap, connector: () => connector });
  const { asUser, post, onlyCard } = bot;
  const say = bot.send;
  /** Employees of `departmentId` who have not completed `trainingId`, in roster order. */
  const pending = async (departmentId: string, trainingId = TRAINING): Promise<Person[]> => {
    const done = new Set(
      (await reap.store.listCompletions({ departmentId, trainingId })).map((c) => c.personId),
    );
    const members = new Set(
      (await reap.store.listMembers({ departmentId })).map((m) => m.personId),
    );
    return (await reap.store.listPeople({ departmentId })).filter(
      (p) => p.tier === 'employee' && !done.has(p.id) && !members.has(p.id),
    );
  };

  beforeAll(async () => {
    connector = await startBotConnectorEmulator();
    dataDir = tempDir();
    reap = await startReap({ PORT: '0', DATA_DIR: dataDir, REAP_SEED: 'demo' }, clock);
    renee = await asUser(DEMO_PERSONAS.lead.id);
    officer = await asUser(DEMO_PERSONAS.officer.id);
    jordan = await asUser(DEMO_PERSONAS.employee.id);
    const leadOf = async (departmentId: string, role: 'lead' | 'ambassador') => {
      const m = (await reap.store.listMembers({ departmentId })).find((x) => x.role === role);
      if (!m) throw new Error(`demo city has no ${role} in ${departmentId}`);
      return asUser(m.personId);
    };
    mpdLead = await leadOf('MPD', 'lead');
    ambassador = await leadOf('MHD', 'ambassador');
    attendees = (await pending('MHD')).slice(0, 30);
    expect(attendees).toHaveLength(30);
  });
  afterAll(async () => {
    await reap?.close();
    await connector?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(() => connector.reset());

  /** Presses the card's button: an `adaptiveCard/action` invoke, answered with the new card. */
  const press = (from: TeamsUser, data: Record<string, unknown>) =>
    bot.press(from, RECORD_ATTENDANCE_VERB, data);
  const sessionData = (people: Person[], extra: Record<string, unknown> = {}) => {
    const half = Math.ceil(people.length / 2);
    return {
      step: 'record',
      departmentId: 'MHD',
      trainingId: TRAINING,
      completedOn: SESSION,
      // Half picked by name in the picker, half typed as employee numbers, separated every way.
      people: people
        .slice(0, half)
        .map((p) => p.id)
        .join(','),
      employeeNumbers: people
        .slice(half)
        .map((p, i) => (i % 3 === 0 ? `${p.id},` : i % 3 === 1 ? `${p.id}\n` : `${p.id} `))
        .join(''),
      ...extra,
    };
  };
  const stored = async (people: Person[]): Promise<Completion[]> => {
    const ids = new Set(people.map((p) => p.id));
    return (await reap.store.listCompletions({ trainingId: TRAINING })).filter((c) =>
      ids.has(c.personId),
    );
  };
  const completionCount = async () => (await reap.store.listCompletions()).length;
  const auditCount = async () => (await reap.store.listAudit({ limit: 100_000 })).length;

  it('gives a lead the form of their own department: trainings, date, people picker, numbers', async () => {
    const card = onlyCard(await say(renee, 'attendance'));
    expect(cardText(card)).toContain('Milwaukee Health Department · 280 people');
    expect(input(card, 'trainingId')?.choices).toEqual([
      { title: 'Racial equity foundations', value: 'racial-equity-101' },
      { title: 'Anti-racism in City government', value: 'anti-racism' },
      { title: 'Using the GARE Racial Equity Toolkit', value: 'gare-toolkit' },
    ]);
    expect(input(card, 'completedOn')).toMatchObject({ type: 'Input.Date', max: '2021-06-15' });
    const picker = input(card, 'people');
    expect(picker).toMatchObject({ isMultiSelect: true, style: 'filtered' });
    expect(picker?.choices as unknown[]).toHaveLength(280);
    expect(picker?.choices).toContainEqual({
      title: `${attendees[0]?.displayName} · ${attendees[0]?.id}`,
      value: attendees[0]?.id,
    });
    expect(input(card, 'employeeNumbers')).toMatchObject({ isMultiline: true });
    expect(cardActions(card)[0]).toMatchObject({
      type: 'Action.Execute',
      verb: RECORD_ATTENDANCE_VERB,
      data: { step: 'record', departmentId: 'MHD' },
    });
  });

  it("records 30 people in one submit: one store call, each completion with the lead's audit entry", async () => {
    const completionsBefore = await completionCount();
    const auditBefore = await auditCount();
    const write = jest.spyOn(reap.store, 'recordCompletions');
    try {
      const card = await press(renee, sessionData(attendees));
      const text = cardText(card);
      expect(text).toContain('Attendance recorded');
      expect(text).toContain(
        'Anti-racism in City government · Jun 10, 2021 · Milwaukee Health Department',
      );
      expect(text).toContain('Recorded: 30');
      expect(text).toContain('Already recorded: 0');
      expect(text).toContain('Not recorded: 0');
      expect(text).toContain(`${attendees[0]?.displayName} (${attendees[0]?.id})`);
      expect(write).toHaveBeenCalledTimes(1);
      expect(write.mock.calls[0]?.[0]).toHaveLength(30);
    } finally {
      write.mockRestore();
    }

    const completions = await stored(attendees);
    expect(completions).toHaveLength(30);
    for (const c of completions) {
      expect(c).toMatchObject({
        trainingId: TRAINING,
        waveId: 'anti-racism-w3',
        completedOn: SESSION,
        source: 'attendance',
        recordedBy: DEMO_PERSONAS.lead.id,
        recordedAt: TODAY.toISOString(),
      });
    }
    expect(await completionCount()).toBe(completionsBefore + 30);
    const audit = await reap.store.listAudit({ recordType: 'completion', limit: 100_000 });
    const mine = audit.filter((e) => completions.some((c) => c.id === e.recordId));
    expect(mine).toHaveLength(30);
    for (const entry of mine) {
      expect(entry).toMatchObject({ actorId: DEMO_PERSONAS.lead.id, action: 'completion.create' });
    }
    expect(await auditCount()).toBe(auditBefore + 30);
  });

  it('says a repeated submit (or a Teams resend) is already recorded, and records nothing new', async () => {
    const completionsBefore = await completionCount();
    const auditBefore = await auditCount();
    const card = await press(renee, sessionData(attendees));
    const text = cardText(card);
    expect(text).toContain('Nothing new recorded');
    expect(text).toContain('Recorded: 0');
    expect(text).toContain('Already recorded: 30');
    expect(await completionCount()).toBe(completionsBefore);
    expect(await auditCount()).toBe(auditBefore);
  });

  it('refuses a lead of another department, who records nothing and is told why', async () => {
    const others = (await pending('MHD')).slice(0, 5);
    const before = await completionCount();
    const card = await press(mpdLead, sessionData(others));
    expect(cardText(card)).toContain('Not allowed');
    expect(cardText(card)).toContain('You can do this only for your own department.');
    expect(cardText(card)).toContain('Nothing was recorded.');
    expect(await stored(others)).toEqual([]);
    expect(await completionCount()).toBe(before);

    const sent = await say(mpdLead, 'attendance MHD');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.text).toBe('You can do this only for your own department.');
  });

  it('records nothing from forged card data naming another department', async () => {
    const police = (await pending('MPD')).slice(0, 5);
    const before = await completionCount();
    const card = await press(renee, { ...sessionData(police), departmentId: 'MPD' });
    expect(cardText(card)).toContain('You can do this only for your own department.');
    expect(await stored(police)).toEqual([]);
    expect(await completionCount()).toBe(before);
  });

  it('records nothing from card data carrying a field it does not know', async () => {
    const others = (await pending('MHD')).slice(0, 5);
    const before = await completionCount();
    const auditBefore = await auditCount();
    for (const extra of [
      { recordedBy: DEMO_PERSONAS.officer.id },
      { source: 'import' },
      { personId: DEMO_PERSONAS.officer.id },
    ]) {
      const card = await press(renee, sessionData(others, extra));
      expect(cardText(card)).toContain('Nothing recorded');
      expect(cardText(card)).toContain(`${Object.keys(extra)[0]}: is not a field reap accepts`);
    }
    expect(await stored(others)).toEqual([]);
    expect(await completionCount()).toBe(before);
    expect(await auditCount()).toBe(auditBefore);
  });

  it('refuses a date in the future beside the date, keeping what was entered, storing nothing', async () => {
    const others = (await pending('MHD')).slice(0, 5);
    const before = await completionCount();
    const card = await press(renee, sessionData(others, { completedOn: '2021-06-16' }));
    expect(messageUnder(card, 'completedOn')).toBe(
      'Jun 16, 2021 is in the future; pick today (Jun 15, 2021) or earlier. Nothing was recorded.',
    );
    expect(input(card, 'completedOn')?.value).toBe('2021-06-16');
    expect(input(card, 'trainingId')?.value).toBe(TRAINING);
    expect(input(card, 'people')?.value).toBe(sessionData(others).people);
    expect(input(card, 'employeeNumbers')?.value).toBe(sessionData(others).employeeNumbers);
    expect(await completionCount()).toBe(before);
  });

  it('refuses a date before the wave of the people named opened, beside the date', async () => {
    const others = (await pending('MHD')).slice(0, 5);
    const before = await completionCount();
    // Employees' wave of anti-racism opened on 1 May 2021; the training itself in Oct 2020.
    const card = await press(renee, sessionData(others, { completedOn: '2021-04-20' }));
    expect(messageUnder(card, 'completedOn')).toBe(
      'Apr 20, 2021 is before the wave of Anti-racism in City government opened for these people (May 1, 2021). Nothing was recorded.',
    );
    const early = await press(renee, sessionData(others, { completedOn: '2020-01-01' }));
    expect(messageUnder(early, 'completedOn')).toMatch(
      /^Jan 1, 2020 is before Anti-racism in City government opened for anyone \(Oct 1, 2020\)/,
    );
    const bad = await press(renee, sessionData(others, { completedOn: '2021-02-30' }));
    expect(messageUnder(bad, 'completedOn')).toMatch(/must be a date/);
    expect(await completionCount()).toBe(before);
  });

  it('asks for the training and the people beside their fields', async () => {
    const before = await completionCount();
    const noTraining = await press(renee, sessionData(attendees, { trainingId: '' }));
    expect(messageUnder(noTraining, 'trainingId')).toBe('Pick the training. Nothing was recorded.');
    const unknown = await press(renee, sessionData(attendees, { trainingId: 'first-aid' }));
    expect(messageUnder(unknown, 'trainingId')).toMatch(/first-aid is not one of the plan's/);
    const nobody = await press(renee, sessionData([]));
    expect(messageUnder(nobody, 'employeeNumbers')).toMatch(/^Pick at least one person/);
    expect(await completionCount()).toBe(before);
  });

  it('records who can be and names everyone else with the reason', async () => {
    const [fresh] = await pending('MHD');
    const [police] = await pending('MPD');
    const senior = (await reap.store.listPeople({ departmentId: 'MHD' })).find(
      (p) => p.tier === 'senior_manager' && p.id !== DEMO_PERSONAS.lead.id,
    );
    if (!fresh || !police || !senior) throw new Error('demo city lacks the people this needs');
    // The GARE toolkit training is for managers and leads; the session is after its waves opened.
    const card = await press(renee, {
      ...sessionData([]),
      trainingId: 'gare-toolkit',
      people: [fresh.id, senior.id].join(','),
      employeeNumbers: `${police.id}\nMHD-9999, ${senior.id.toLowerCase()}`,
    });
    const text = cardText(card);
    const seniorDone = (await reap.store.listCompletions({ personId: senior.id })).some(
      (c) => c.trainingId === 'gare-toolkit' && c.recordedBy !== DEMO_PERSONAS.lead.id,
    );
    expect(text).toContain(seniorDone ? 'Already recorded: 1' : 'Recorded: 1');
    expect(text).toContain(`${fresh.displayName} (${fresh.id}): training not required of them`);
    expect(text).toContain(`${police.displayName} (${police.id}): not in your department`);
    expect(text).toContain('MHD-9999: unknown employee number');
    expect(text).toContain('Not recorded: 3');
    expect(
      (await reap.store.listCompletions({ personId: fresh.id })).filter(
        (c) => c.trainingId === 'gare-toolkit',
      ),
    ).toEqual([]);
  });

  it('lets an Ambassador record for their department', async () => {
    const [one] = await pending('MHD');
    if (!one) throw new Error('no one left');
    const ambassadorId = ambassador.id.slice(3);
    const card = await press(ambassador, sessionData([one]));
    expect(cardText(card)).toContain('Recorded: 1');
    expect(await stored([one])).toEqual([
      expect.objectContaining({ source: 'attendance', recordedBy: ambassadorId }),
    ]);
  });

  it('updates the card in place from the Action.Submit fallback', async () => {
    const others = (await pending('MHD')).slice(0, 3);
    const res = await post(
      submitAction({
        serviceUrl: connector.url,
        from: renee,
        data: { verb: RECORD_ATTENDANCE_VERB, ...sessionData(others) },
        replyToId: 'attendance-card-1',
      }),
    );
    expect(res.status).toBe(200);
    expect(connector.requests.map((r) => [r.kind, r.activityId])).toEqual([
      ['update', 'attendance-card-1'],
    ]);
    expect(cardText(onlyCard(connector.activities()))).toContain('Recorded: 3');
    expect(await stored(others)).toHaveLength(3);
  });

  it('lets the Equity Officer pick any department, then record its people by number', async () => {
    const picker = onlyCard(await say(officer, 'attendance'));
    const departments = input(picker, 'departmentId');
    expect(departments?.choices as unknown[]).toHaveLength(21);
    expect(cardActions(picker)[0]).toMatchObject({
      verb: RECORD_ATTENDANCE_VERB,
      data: { step: 'department' },
    });

    const form = await press(officer, { step: 'department', departmentId: 'MPD' });
    expect(cardText(form)).toContain(
      'Milwaukee Police Department · 2,400 people: too many to list',
    );
    expect(input(form, 'people')).toBeUndefined();
    expect(input(form, 'employeeNumbers')).toBeDefined();
    expect(cardActions(form)[0]).toMatchObject({ data: { step: 'record', departmentId: 'MPD' } });

    const police = (await pending('MPD')).slice(0, 40);
    const [health] = await pending('MHD');
    const result = await press(officer, {
      step: 'record',
      departmentId: 'MPD',
      trainingId: TRAINING,
      completedOn: SESSION,
      employeeNumbers: [...police.map((p) => p.id), health?.id, 'MPD-99999'].join('\r\n'),
    });
    const text = cardText(result);
    expect(text).toContain('Recorded: 40');
    expect(text).toContain(`(${health?.id}): not in Milwaukee Police Department`);
    expect(text).toContain('MPD-99999: unknown employee number');
    expect(cardActions(result)[0]).toMatchObject({
      data: { msteams: { type: 'imBack', value: 'attendance MPD' } },
    });
    const completions = await stored(police);
    expect(completions).toHaveLength(40);
    expect(completions.every((c) => c.recordedBy === DEMO_PERSONAS.officer.id)).toBe(true);

    connector.reset();
    const named = onlyCard(await say(officer, 'attendance dpw'));
    expect(cardText(named)).toContain('Department of Public Works');
  });

  it('refuses an employee, and keeps the card out of group chats', async () => {
    const sent = await say(jordan, 'attendance');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.text).toMatch(/^Only a department's/);
    const card = await press(jordan, sessionData(attendees.slice(0, 1)));
    expect(cardText(card)).toContain('Not allowed');

    connector.reset();
    const res = await post(
      message({
        serviceUrl: connector.url,
        from: renee,
        text: '<at>reap</at> attendance',
        conversationType: 'groupChat',
        conversationId: '19:group@thread.v2',
      }),
    );
    expect(res.status).toBe(200);
    expect(connector.activities()[0]?.text).toMatch(/only in our 1:1 chat/);
  });

  it('lists attendance in help for leads only', async () => {
    expect(cardText(onlyCard(await say(renee, 'help')))).toContain('attendance: ');
    connector.reset();
    expect(cardText(onlyCard(await say(jordan, 'help')))).not.toContain('attendance');
  });
});
