import fs from 'node:fs';
import type { ToolkitAnalysis } from '../../src/domain';
import type { ReapServer } from '../../src/server/app';
import { startReap, type RunningReap } from '../../src/server/start';
import { DEMO_PERSONAS } from '../../src/services/demo/demo-city';
import { startBotConnectorEmulator, type BotConnectorEmulator } from '../emulators/bot-connector';
import { tempDir } from '../support/temp-dir';
import { message, submitAction, type TeamsUser } from '../bot/teams-activities';
import { cardActions, cardText } from '../bot/validate-card';
import { botHarness, type Card } from '../bot/bot-harness';

// The GARE Racial Equity Toolkit form over HTTP, as Teams drives it: the real bot adapter and
// server, the demo city in a real SQLite file, the send queue delivering review cards and
// outcomes, only the Bot Connector emulated.

const TODAY = new Date('2021-06-15T15:00:00.000Z');
const clock = { now: () => TODAY };
/** Teams refuses a message larger than about 28 KB. */
const TEAMS_CARD_MAX_BYTES = 28 * 1024;

type Element = Record<string, unknown>;

const STEP1 = {
  title: 'Residential parking permit fees',
  kind: 'existing',
  councilFileNumber: '200123',
  proposal: 'Fees that do not fall hardest on low-income residents of the north side.',
};
const ANSWERS = {
  data: 'Permit holders by race and aldermanic district, 2018–2020; no data on renters.',
  engagement: 'Two listening sessions with block clubs; next, renters’ associations.',
  groupsBenefited: 'Homeowners with driveways.',
  groupsBurdened: 'Renters on dense blocks, mostly Black and Latino residents.',
  analysis: 'A sliding scale by household income mitigates the burden.',
  implementation: 'DPW and the Treasurer, from the 2022 budget, over two cycles.',
  accountability: 'Quarterly report to the Common Council.',
  resultingChange: 'Fee waiver for households under 200% of the poverty line.',
};

describe('the GARE toolkit form (demo city, anonymous mode)', () => {
  let reap: RunningReap;
  let connector: BotConnectorEmulator;
  let dataDir: string;
  let renee: TeamsUser; // lead of the Health Department (MHD)
  let dpwLead: TeamsUser; // lead of Public Works
  let officer: TeamsUser;
  let jordan: TeamsUser; // an employee of the library
  /** The analysis the lead writes through the whole path. */
  let analysisId: string;

  const bot = botHarness({
    reap: () => reap,
    connector: () => connector,
    cardBytesMax: TEAMS_CARD_MAX_BYTES,
  });
  const { asUser, post, checked, onlyCard, press } = bot;
  const say = bot.send;
  const chatOf = (user: TeamsUser) => `a:personal-${user.aadObjectId}`;

  beforeAll(async () => {
    connector = await startBotConnectorEmulator();
    dataDir = tempDir();
    reap = await startReap({ PORT: '0', DATA_DIR: dataDir, REAP_SEED: 'demo' }, clock);
    renee = await asUser(DEMO_PERSONAS.lead.id);
    officer = await asUser(DEMO_PERSONAS.officer.id);
    jordan = await asUser(DEMO_PERSONAS.employee.id);
    const lead = (await reap.store.listMembers({ departmentId: 'DPW' })).find(
      (m) => m.role === 'lead',
    );
    if (!lead) throw new Error('demo city has no lead of DPW');
    dpwLead = await asUser(lead.personId);
  });
  afterAll(async () => {
    await reap?.close();
    await connector?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(() => connector.reset());

  /** Every element of a card, depth first. */
  const elements = (card: Card): Element[] => {
    const found: Element[] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        const o = value as Element;
        if (typeof o.type === 'string') found.push(o);
        Object.values(o).forEach(walk);
      }
    };
    walk(card.body);
    return found;
  };
  const input = (card: Card, id: string) => elements(card).find((e) => e.id === id);
  /** The message shown right under an input, in the same container. */
  const messageUnder = (card: Card, id: string): string | undefined => {
    let found: string | undefined;
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) {
        const at = value.findIndex((e) => (e as Element | null)?.id === id);
        const next = value[at + 1] as Element | undefined;
        if (at >= 0 && next?.type === 'TextBlock' && next.color === 'attention') {
          found = String(next.text);
        }
        value.forEach(walk);
      } else if (value && typeof value === 'object') Object.values(value).forEach(walk);
    };
    walk(card.body);
    return found;
  };
  /** The data of a card's button, by title. */
  const button = (card: Card, title: string) => {
    const action = cardActions(card).find((a) => a.title === title && a.type === 'Action.Execute');
    if (!action) throw new Error(`no ${title} button in ${cardText(card)}`);
    return { verb: String(action.verb), data: action.data as Record<string, unknown> };
  };
  const titles = (card: Card) =>
    cardActions(card)
      .filter((a) => a.type === 'Action.Execute')
      .map((a) => a.title);
  /** Presses a step card's button with the step's inputs. */
  const move = (
    from: TeamsUser,
    card: Card,
    title: string,
    inputs: Record<string, unknown> = {},
  ) => {
    const { verb, data } = button(card, title);
    return press(from, verb, { ...data, ...inputs });
  };
  const stored = async (): Promise<ToolkitAnalysis> => {
    const a = await reap.store.getAnalysis(analysisId);
    if (!a) throw new Error('not stored');
    return a;
  };
  const auditCount = async () => (await reap.store.listAudit({ limit: 100_000 })).length;
  const analysisCount = async () => (await reap.store.listAnalyses()).length;
  /** The card a request to the Bot Connector carried, if any. */
  const cardOf = (body: Record<string, unknown>): Card | undefined =>
    (body.attachments as Array<{ content: Card }> | undefined)?.[0]?.content;
  /** Cards sent into a person's chat since the last reset whose text contains `text`. */
  const cardsTo = (user: TeamsUser, text: string): Card[] =>
    connector.requests
      .filter((r) => r.conversationId === chatOf(user) && r.status < 300)
      .map((r) => cardOf(r.body))
      .filter((c): c is Card => c !== undefined && cardText(c).includes(text));
  /** Waits for the send queue to deliver a card containing `text` into a person's chat. */
  const waitForCard = async (user: TeamsUser, text: string): Promise<Card> => {
    await connector.waitFor((r) => {
      const card = r.conversationId === chatOf(user) && r.status < 300 ? cardOf(r.body) : undefined;
      return card !== undefined && cardText(card).includes(text);
    }, 10_000);
    const [card] = cardsTo(user, text);
    if (!card) throw new Error('no card delivered');
    return checked(card);
  };
  /** The review cards the officer got, and the outcomes the lead got, in order. */
  const reviewCards: Card[] = [];
  const outcomeCards: Card[] = [];
  const WAITING = 'analysis · Waiting for review';

  it('opens step 1 of a new analysis directly for a department with none in progress', async () => {
    const all = await reap.store.listAnalyses();
    const departments = await reap.store.listDepartments();
    const none = departments.find(
      (d) =>
        !all.some(
          (a) => a.departmentId === d.id && (a.status === 'draft' || a.status === 'returned'),
        ),
    );
    if (!none) throw new Error('every demo department has a draft');
    const card = onlyCard(await say(officer, `toolkit ${none.id}`));
    const text = cardText(card);
    expect(text).toContain('Step 1 of 6 · Desired results and outcomes');
    expect(text).toContain(
      'What policy, program, practice or budget decision is under consideration, and what results and outcomes are wanted?',
    );
    expect(input(card, 'title')).toMatchObject({ type: 'Input.Text', maxLength: 255 });
    expect(input(card, 'kind')).toMatchObject({ type: 'Input.ChoiceSet', style: 'expanded' });
    expect(input(card, 'councilFileNumber')).toMatchObject({
      label: expect.stringContaining('Minority Impact Statement'),
    });
    expect(input(card, 'proposal')).toMatchObject({ isMultiline: true });
    expect(titles(card)).toEqual(['Save draft', 'Next']);
    const { data } = button(card, 'Next');
    expect(data).toMatchObject({
      departmentId: none.id,
      version: 0,
      step: 'proposal',
      move: 'next',
    });
    expect(data.analysisId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await reap.store.getAnalysis(String(data.analysisId))).toBeUndefined();
  });

  it('saves a draft at step 3 that another device resumes at step 3 with every earlier answer', async () => {
    const before = await analysisCount();
    let card = onlyCard(await say(renee, 'toolkit'));
    if (!cardText(card).includes('Step 1 of 6')) {
      // The department has drafts: the list comes first, with a button for a new one.
      expect(titles(card)).toContain('Start a new analysis');
      card = await move(renee, card, 'Start a new analysis');
    }
    expect(cardText(card)).toContain('Step 1 of 6 · Desired results and outcomes');
    analysisId = String(button(card, 'Next').data.analysisId);

    card = await move(renee, card, 'Next', STEP1);
    expect(cardText(card)).toContain('Step 2 of 6 · Data');
    expect(cardText(card)).toContain('What does the data say, disaggregated by race?');
    expect(titles(card)).toEqual(['Back', 'Save draft', 'Next']);
    card = await move(renee, card, 'Next', { data: ANSWERS.data });
    expect(cardText(card)).toContain('Step 3 of 6 · Community engagement');
    card = await move(renee, card, 'Save draft', { engagement: ANSWERS.engagement });
    expect(cardText(card)).toContain('Draft saved. Resume it any time, from any device');
    expect(cardText(card)).toContain('Step 3 of 6 · Community engagement');
    expect(await analysisCount()).toBe(before + 1);
    expect(await stored()).toMatchObject({
      departmentId: 'MHD',
      title: STEP1.title,
      kind: 'existing',
      councilFileNumber: '200123',
      steps: { proposal: STEP1.proposal, data: ANSWERS.data, engagement: ANSWERS.engagement },
      status: 'draft',
      step: 'engagement',
      authorId: DEMO_PERSONAS.lead.id,
      version: 3,
    });
    const history = await reap.store.listAudit({ recordId: analysisId });
    expect(history.map((e) => e.action)).toEqual([
      'toolkit.save',
      'toolkit.save',
      'toolkit.create',
    ]);
    expect(history[0]).toMatchObject({
      id: `toolkit.save:${analysisId}:3`,
      actorId: DEMO_PERSONAS.lead.id,
      before: expect.objectContaining({ version: 2, step: 'engagement' }),
      after: expect.objectContaining({ version: 3 }),
    });

    // Another device: a new message from the same person.
    connector.reset();
    const list = onlyCard(await say(renee, 'toolkit'));
    const text = cardText(list);
    expect(text).toContain(STEP1.title);
    expect(text).toContain(
      'Draft · Step 3 of 6 · Community engagement · last saved by Renee Washington on Jun 15, 2021',
    );
    const resume = cardActions(list).find(
      (a) =>
        a.type === 'Action.Execute' &&
        (a.data as Record<string, unknown>).analysisId === analysisId,
    );
    expect(resume).toMatchObject({ title: 'Resume', verb: 'toolkitOpen' });
    const resumed = await press(renee, 'toolkitOpen', resume?.data as Record<string, unknown>);
    expect(cardText(resumed)).toContain('Step 3 of 6 · Community engagement');
    expect(input(resumed, 'engagement')?.value).toBe(ANSWERS.engagement);
    expect(button(resumed, 'Save draft').data).toMatchObject({ analysisId, version: 3 });

    // Back keeps steps 2 and 1 as answered.
    const step2 = await move(renee, resumed, 'Back', { engagement: ANSWERS.engagement });
    expect(input(step2, 'data')?.value).toBe(ANSWERS.data);
    const step1 = await move(renee, step2, 'Back', { data: ANSWERS.data });
    expect(input(step1, 'title')?.value).toBe(STEP1.title);
    expect(input(step1, 'kind')?.value).toBe('existing');
    expect(input(step1, 'councilFileNumber')?.value).toBe('200123');
    expect(input(step1, 'proposal')?.value).toBe(STEP1.proposal);
    expect((await stored()).steps).toEqual({
      proposal: STEP1.proposal,
      data: ANSWERS.data,
      engagement: ANSWERS.engagement,
    });
  });

  it('keeps each invalid field on the card with its message and stores nothing', async () => {
    const { version } = await stored();
    const audits = await auditCount();
    const count = await analysisCount();
    const step1 = { departmentId: 'MHD', analysisId, version, step: 'proposal', move: 'save' };

    const long = await press(renee, 'toolkitStep', { ...step1, ...STEP1, title: 'x'.repeat(256) });
    expect(messageUnder(long, 'title')).toBe(
      'Shorten the name to at most 255 characters (it has 256); say more in the answer below.',
    );
    expect(cardText(long)).toContain('Nothing was saved: correct the answer marked below.');
    expect(input(long, 'title')?.value).toBe('x'.repeat(256));
    expect(input(long, 'proposal')?.value).toBe(STEP1.proposal);

    const file = await press(renee, 'toolkitStep', {
      ...step1,
      ...STEP1,
      councilFileNumber: '20-123',
    });
    expect(messageUnder(file, 'councilFileNumber')).toBe(
      'A Common Council file number is six digits, the first two the year (e.g. 200123). Leave it empty when there is no Minority Impact Statement.',
    );
    expect(input(file, 'councilFileNumber')?.value).toBe('20-123');

    const kind = await press(renee, 'toolkitStep', { ...step1, ...STEP1, kind: '' });
    expect(messageUnder(kind, 'kind')).toBe(
      'Say whether the policy or program is new or existing.',
    );

    const note = await press(renee, 'toolkitStep', {
      ...step1,
      step: 'analysis',
      groupsBenefited: 'b'.repeat(6_001),
    });
    expect(messageUnder(note, 'groupsBenefited')).toBe(
      'Shorten this answer to at most 6,000 characters (it has 6,001) so the step fits on a Teams card.',
    );

    // A new analysis refused at its first save is not created.
    const fresh = await press(renee, 'toolkitStep', {
      ...step1,
      analysisId: 'b7e0c6f4-1f7a-4a53-9d4e-2f0c7a1d9e11',
      version: 0,
      ...STEP1,
      title: '',
    });
    expect(messageUnder(fresh, 'title')).toBe(
      'Name the policy, program, practice or budget decision you are analysing.',
    );
    expect(await analysisCount()).toBe(count);
    expect((await stored()).version).toBe(version);
    expect(await auditCount()).toBe(audits);
  });

  it('refuses a lead of DPW saving for the Health Department, storing nothing', async () => {
    const before = await stored();
    const audits = await auditCount();
    const data = {
      departmentId: 'MHD',
      analysisId,
      version: before.version,
      step: 'data',
      move: 'save',
      data: 'Overwritten by DPW',
    };
    const card = await press(dpwLead, 'toolkitStep', data);
    expect(cardText(card)).toContain('Not allowed');
    expect(cardText(card)).toContain('You can do this only for your own department.');
    // Forged: their own department on the card, the Health Department's analysis id.
    const forged = await press(dpwLead, 'toolkitStep', { ...data, departmentId: 'DPW' });
    expect(cardText(forged)).toContain('No such analysis');
    const opened = await press(dpwLead, 'toolkitOpen', { departmentId: 'DPW', analysisId });
    expect(cardText(opened)).toContain('No such analysis');
    expect(await stored()).toEqual(before);
    expect(await auditCount()).toBe(audits);

    const typed = onlyCard(await say(dpwLead, 'toolkit MHD'));
    expect(cardText(typed)).toContain('You can do this only for your own department.');
  });

  it('stores one version when the same save is pressed twice (a Teams retry)', async () => {
    const { version } = await stored();
    const audits = await auditCount();
    const data = {
      departmentId: 'MHD',
      analysisId,
      version,
      step: 'analysis',
      move: 'next',
      groupsBenefited: ANSWERS.groupsBenefited,
      groupsBurdened: ANSWERS.groupsBurdened,
      analysis: ANSWERS.analysis,
    };
    const first = await press(renee, 'toolkitStep', data);
    const again = await press(renee, 'toolkitStep', data);
    for (const card of [first, again]) {
      expect(cardText(card)).toContain('Step 5 of 6 · Implementation plan');
      expect(button(card, 'Next').data).toMatchObject({ version: version + 1 });
    }
    expect(await stored()).toMatchObject({ version: version + 1, step: 'implementation' });
    expect(await auditCount()).toBe(audits + 1);

    // A card opened before someone else saved does not overwrite their save.
    const stale = await press(renee, 'toolkitStep', { ...data, analysis: 'Something else' });
    expect(cardText(stale)).toContain(
      'Renee Washington saved this analysis after this card was opened, so what you entered here was not saved.',
    );
    expect(input(stale, 'analysis')?.value).toBe(ANSWERS.analysis);
    expect((await stored()).version).toBe(version + 1);
  });

  it('refuses a submit with a step empty: beside the field on its own step, else on that step', async () => {
    const { version } = await stored();
    const audits = await auditCount();
    const step6 = { departmentId: 'MHD', analysisId, step: 'accountability', move: 'submit' };
    const empty = await press(renee, 'toolkitStep', { ...step6, version, accountability: '' });
    expect(cardText(empty)).toContain('Step 6 of 6 · Accountability and communication');
    expect(messageUnder(empty, 'accountability')).toBe('Answer this before you submit.');
    expect((await stored()).version).toBe(version);
    expect(await auditCount()).toBe(audits);

    // Step 5 is still empty: step 6's answers are kept, and the lead is sent to step 5.
    const earlier = await press(renee, 'toolkitStep', {
      ...step6,
      version,
      accountability: ANSWERS.accountability,
      resultingChange: ANSWERS.resultingChange,
    });
    expect(cardText(earlier)).toContain('Step 5 of 6 · Implementation plan');
    expect(cardText(earlier)).toContain('Not submitted yet: step 5 (Implementation plan)');
    expect(messageUnder(earlier, 'implementation')).toMatch(
      /^Answer step 5 \(Implementation plan\) before you submit/,
    );
    expect(await stored()).toMatchObject({
      status: 'draft',
      step: 'implementation',
      steps: expect.objectContaining({ accountability: ANSWERS.accountability }),
      resultingChange: ANSWERS.resultingChange,
    });
  });

  it('submits once for review, and the Equity Officer gets one review card of the whole analysis', async () => {
    // The officer has talked to the bot, so the send queue can reach them.
    await say(officer, 'help');
    let card = await press(renee, 'toolkitStep', {
      departmentId: 'MHD',
      analysisId,
      version: (await stored()).version,
      step: 'implementation',
      move: 'next',
      implementation: ANSWERS.implementation,
    });
    expect(titles(card)).toEqual(['Back', 'Save draft', 'Submit for review']);
    const submit: Record<string, unknown> = {
      ...button(card, 'Submit for review').data,
      accountability: ANSWERS.accountability,
      resultingChange: ANSWERS.resultingChange,
    };
    const audits = await auditCount();
    card = await press(renee, 'toolkitStep', submit);
    expect(cardText(card)).toContain('Submitted for review on Jun 15, 2021.');
    expect(cardText(card)).toContain('The Equity Officer is sent a review card');
    const again = await press(renee, 'toolkitStep', submit);
    expect(cardText(again)).toContain('Submitted for review');
    const submitted = await stored();
    expect(submitted).toMatchObject({
      status: 'submitted',
      submittedBy: DEMO_PERSONAS.lead.id,
      submittedAt: TODAY.toISOString(),
      version: Number(submit.version) + 1,
    });
    expect(await auditCount()).toBe(audits + 1);

    const review = await waitForCard(officer, WAITING);
    reviewCards.push(review);
    const text = cardText(review);
    expect(text).toContain(STEP1.title);
    for (const heading of [
      'Step 1 · Desired results and outcomes',
      'Step 2 · Data',
      'Step 3 · Community engagement',
      'Step 4 · Analysis and strategies',
      'Step 5 · Implementation plan',
      'Step 6 · Accountability and communication',
    ]) {
      expect(text).toContain(heading);
    }
    for (const answer of Object.values(ANSWERS)) expect(text).toContain(answer);
    expect(text).toContain('Department: Milwaukee Health Department');
    expect(text).toContain('MIS Council file: 200123');
    expect(input(review, 'comment')).toMatchObject({ type: 'Input.Text', isMultiline: true });
    expect(button(review, 'Accept')).toEqual({
      verb: 'toolkitReview',
      data: { departmentId: 'MHD', analysisId, version: submitted.version, decision: 'accept' },
    });
    expect(button(review, 'Return with comment').data).toMatchObject({ decision: 'return' });
    // The retried submit queued nothing more.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(cardsTo(officer, WAITING)).toHaveLength(1);
    const queued = (reap.server as ReapServer).campaigns.notices;
    expect(
      queued.state(`toolkit.review:${analysisId}:${submitted.version}:${DEMO_PERSONAS.officer.id}`),
    ).toBe('sent');

    // Submitted: the lead can no longer change it.
    const locked = await press(renee, 'toolkitStep', { ...submit, move: 'save' });
    expect(cardText(locked)).toContain('waiting for the Equity Officer');
    expect((await stored()).version).toBe(submitted.version);
  });

  it('refuses the review buttons to anyone but the Equity Officer', async () => {
    const { version } = await stored();
    const data = { departmentId: 'MHD', analysisId, version, decision: 'accept' };
    for (const who of [jordan, renee]) {
      const card = await press(who, 'toolkitReview', data);
      expect(cardText(card)).toContain('Not allowed');
      expect(cardText(card)).toContain('Only the Equity Officer reviews toolkit analyses.');
    }
    const opened = await press(jordan, 'toolkitReviewOpen', { departmentId: 'MHD', analysisId });
    expect(cardText(opened)).toContain('Not allowed');
    expect((await stored()).status).toBe('submitted');

    const typed = await say(renee, 'review');
    expect(typed[0]?.text).toBe(
      "Only the Equity Officer reviews toolkit analyses. To see your department's analyses, type **toolkit**.",
    );
  });

  it("lists every department's submitted analyses for the officer, each opening its review card", async () => {
    const queue = onlyCard(await say(officer, 'review'));
    const waiting = await reap.store.listAnalyses({ status: 'submitted' });
    expect(waiting.length).toBeGreaterThan(1);
    expect(new Set(waiting.map((a) => a.departmentId)).size).toBeGreaterThan(1);
    const text = cardText(queue);
    expect(text).toContain(`${waiting.length} analyses from`);
    expect(text).toContain(STEP1.title);
    expect(text).toContain(
      'Milwaukee Health Department · Existing · submitted by Renee Washington on Jun 15, 2021',
    );
    const reviewButtons = cardActions(queue).filter(
      (a) => a.type === 'Action.Execute' && a.title === 'Review',
    );
    expect(reviewButtons.length).toBe(Math.min(waiting.length, 25));
    const mine = reviewButtons.find(
      (a) => (a.data as Record<string, unknown>).analysisId === analysisId,
    );
    const opened = await press(officer, 'toolkitReviewOpen', mine?.data as Record<string, unknown>);
    expect(cardText(opened)).toContain(ANSWERS.accountability);
    expect(titles(opened)).toEqual(['Accept', 'Return with comment']);
  });

  it('returns with a required comment, and the lead is told in chat with the comment', async () => {
    const { version } = await stored();
    const data = { departmentId: 'MHD', analysisId, version, decision: 'return' };
    const missing = await press(officer, 'toolkitReview', { ...data, comment: ' ' });
    expect(messageUnder(missing, 'comment')).toBe(
      'Say what to change before you return it: the lead sees your comment.',
    );
    expect((await stored()).status).toBe('submitted');

    const comment = 'Add renters’ associations to step 3, and data on renters to step 2.';
    const card = await press(officer, 'toolkitReview', { ...data, comment });
    expect(cardText(card)).toContain(
      'Returned with your comment. Milwaukee Health Department is told in chat.',
    );
    expect(cardText(card)).toContain('Returned for changes by you on Jun 15, 2021:');
    expect(cardText(card)).toContain(comment);
    expect(titles(card)).toEqual([]);
    expect(await stored()).toMatchObject({
      status: 'returned',
      reviewComment: comment,
      reviewedBy: DEMO_PERSONAS.officer.id,
      reviewedAt: TODAY.toISOString(),
      version: version + 1,
    });
    const history = await reap.store.listAudit({ recordId: analysisId, limit: 1 });
    expect(history[0]).toMatchObject({
      id: `toolkit.return:${analysisId}:${version + 1}`,
      action: 'toolkit.return',
      actorId: DEMO_PERSONAS.officer.id,
      before: expect.objectContaining({ status: 'submitted' }),
      after: expect.objectContaining({ status: 'returned' }),
    });

    const outcome = await waitForCard(renee, 'was returned for changes');
    outcomeCards.push(outcome);
    expect(cardText(outcome)).toContain(
      'Your GARE Racial Equity Toolkit analysis was returned for changes',
    );
    expect(cardText(outcome)).toContain(comment);
    expect(cardText(outcome)).toContain('reviewed by Avery Coleman on Jun 15, 2021');
    expect(button(outcome, 'Open the analysis')).toEqual({
      verb: 'toolkitOpen',
      data: { departmentId: 'MHD', analysisId },
    });
  });

  it('lets the lead fix and resubmit, and the officer accept the new version only', async () => {
    const outcome = outcomeCards[0];
    if (!outcome) throw new Error('no outcome delivered');
    const opened = await move(renee, outcome, 'Open the analysis');
    expect(cardText(opened)).toContain('Step 6 of 6 · Accountability and communication');
    expect(cardText(opened)).toContain('Returned by Avery Coleman on Jun 15, 2021:');
    const returnedList = onlyCard(await say(renee, 'toolkit'));
    expect(cardText(returnedList)).toContain('Avery Coleman returned it: Add renters’');

    const step3 = await press(renee, 'toolkitStep', {
      departmentId: 'MHD',
      analysisId,
      version: (await stored()).version,
      step: 'engagement',
      move: 'save',
      engagement: `${ANSWERS.engagement} Renters’ associations joined in June.`,
    });
    expect(cardText(step3)).toContain('Draft saved');
    expect((await stored()).status).toBe('returned');
    const submit = {
      departmentId: 'MHD',
      analysisId,
      version: (await stored()).version,
      step: 'accountability',
      move: 'submit',
      accountability: ANSWERS.accountability,
      resultingChange: ANSWERS.resultingChange,
    };
    expect(cardText(await press(renee, 'toolkitStep', submit))).toContain('Submitted for review');
    const resubmitted = await stored();
    expect(resubmitted.status).toBe('submitted');
    const second = await waitForCard(officer, WAITING);
    expect(cardText(second)).toContain('Renters’ associations joined in June.');

    // The first review card names an older version: it changes nothing.
    const first = reviewCards[0];
    if (!first) throw new Error('first review card missing');
    const stale = await move(officer, first, 'Accept');
    expect(cardText(stale)).toContain(
      'submitted it again after this card was sent, so nothing was changed',
    );
    expect((await stored()).version).toBe(resubmitted.version);

    const accepted = await move(officer, second, 'Accept', { comment: '' });
    expect(cardText(accepted)).toContain('Accepted. Milwaukee Health Department is told in chat.');
    expect(await stored()).toMatchObject({ status: 'accepted', version: resubmitted.version + 1 });
    expect((await stored()).reviewComment).toBeUndefined();
    const again = await move(officer, second, 'Accept', { comment: '' });
    expect(cardText(again)).toContain('Accepted.');
    expect((await stored()).version).toBe(resubmitted.version + 1);

    const told = await waitForCard(renee, 'was accepted');
    expect(cardText(told)).toContain('Your GARE Racial Equity Toolkit analysis was accepted');
    // Accepted is read-only.
    const view = await move(renee, told, 'View the analysis');
    expect(cardText(view)).toContain('Accepted by Avery Coleman on Jun 15, 2021.');
    expect(titles(view)).toEqual([]);
    const locked = await press(renee, 'toolkitStep', {
      ...submit,
      version: resubmitted.version + 1,
      move: 'save',
    });
    expect(cardText(locked)).toContain('accepted and is read-only, so nothing was saved');

    const reviewed = await move(officer, second, 'Return with comment', { comment: 'Too late' });
    expect(cardText(reviewed)).toContain(
      'Avery Coleman accepted it on Jun 15, 2021. Nothing was changed.',
    );
    expect((await stored()).status).toBe('accepted');
  });

  it("keeps every card under Teams' 28 KB with the longest answers allowed", async () => {
    const start = await press(renee, 'toolkitOpen', { departmentId: 'MHD' });
    const id = String(button(start, 'Next').data.analysisId);
    const full = 'w'.repeat(6_000);
    let card = await move(renee, start, 'Next', {
      ...STEP1,
      title: 't'.repeat(255),
      proposal: full,
    });
    for (const step of ['data', 'engagement'] as const) {
      card = await move(renee, card, 'Next', { [step]: full });
    }
    // Step 4's three answers at their longest still fit one card.
    const step4 = { groupsBenefited: full, groupsBurdened: full, analysis: full };
    card = await move(renee, card, 'Save draft', step4);
    expect(input(card, 'groupsBurdened')?.value).toBe(full);
    // The same length in a script of two bytes a character does not.
    const wide = await move(renee, card, 'Save draft', { ...step4, analysis: 'é'.repeat(6_000) });
    expect(messageUnder(wide, 'analysis')).toBe(
      "Together this step's answers are too long for one Teams card (28 KB): shorten this one.",
    );
    card = await move(renee, card, 'Next', step4);
    card = await move(renee, card, 'Next', { implementation: full });
    card = await move(renee, card, 'Submit for review', {
      accountability: full,
      resultingChange: full,
    });
    expect(cardText(card)).toContain('Submitted for review');
    expect(cardText(card)).toMatch(/long answers are shortened \(…\) to fit a Teams card/);
    const review = await press(officer, 'toolkitReviewOpen', {
      departmentId: 'MHD',
      analysisId: id,
    });
    expect(titles(review)).toEqual(['Accept', 'Return with comment']);
    const returned = await move(officer, review, 'Return with comment', {
      comment: 'c'.repeat(6_000),
    });
    expect(cardText(returned)).toContain('Returned with your comment');
    expect((await reap.store.getAnalysis(id))?.steps.analysis).toBe(full);
    const told = await waitForCard(renee, 't'.repeat(255));
    expect(cardText(told)).toContain('c'.repeat(6_000));
  });

  it('updates the card in place from the Action.Submit fallback', async () => {
    const start = await press(renee, 'toolkitOpen', { departmentId: 'MHD' });
    const { data } = button(start, 'Save draft');
    const res = await post(
      submitAction({
        serviceUrl: connector.url,
        from: renee,
        data: { verb: 'toolkitStep', ...data, ...STEP1, title: 'Library hours' },
        replyToId: 'toolkit-card-1',
      }),
    );
    expect(res.status).toBe(200);
    expect(connector.requests.map((r) => [r.kind, r.activityId])).toEqual([
      ['update', 'toolkit-card-1'],
    ]);
    expect(cardText(onlyCard(connector.activities()))).toContain('Draft saved');
    expect(await reap.store.getAnalysis(String(data.analysisId))).toMatchObject({
      title: 'Library hours',
      status: 'draft',
      step: 'proposal',
    });
  });

  it('keeps the forms out of group chats and answers people off the roster', async () => {
    const res = await post(
      message({
        serviceUrl: connector.url,
        from: officer,
        text: '<at>reap</at> review',
        conversationType: 'groupChat',
        conversationId: '19:group@thread.v2',
      }),
    );
    expect(res.status).toBe(200);
    expect(connector.activities()[0]?.text).toMatch(/only in our 1:1 chat/);
  });
});
