import crypto from 'node:crypto';
import { COMPLETE_TRAINING_VERB } from '../../bot/invokes/complete-training';
import { DEMO_PERSONAS } from '../../src/services/demo/demo-city';
import { startSecuredReap, type SecuredReap } from '../auth/secured-reap';
import { BOT_FRAMEWORK, unsignedToken } from '../emulators/entra';
import { executeAction, message, TENANT_ID, type TeamsUser } from './teams-activities';
import { cardText } from './validate-card';
import { captureLog, type LogCapture } from '../support/log-capture';

/** 15 April 2021: the employees' wave of the foundations course is open. */
const clock = { now: () => new Date('2021-04-15T15:00:00.000Z') };

describe('the bot endpoint with a bot identity (BOT_ID set)', () => {
  let reap: SecuredReap;
  let jordan: TeamsUser;
  let errors: jest.SpyInstance;
  let warnings: jest.SpyInstance;
  let logged: LogCapture;

  beforeAll(async () => {
    reap = await startSecuredReap({ clock });
    const p = await reap.store.getPerson(DEMO_PERSONAS.employee.id);
    if (!p) throw new Error('demo city has no employee persona');
    jordan = { id: `29:${p.id}`, name: p.displayName, aadObjectId: p.aadObjectId };
  });
  afterAll(async () => {
    await reap?.close();
  });
  beforeEach(() => {
    reap.connector.reset();
    // The SDK logs every refused token; the tests look at what reached the store and connector.
    errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    warnings = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    logged = captureLog();
  });
  afterEach(() => {
    errors.mockRestore();
    warnings.mockRestore();
    logged.stop();
  });

  const serviceUrl = () => reap.connector.url;
  const myTrainings = () =>
    message({ serviceUrl: serviceUrl(), from: jordan, text: 'my trainings' });
  const pressComplete = () =>
    executeAction({
      serviceUrl: serviceUrl(),
      from: jordan,
      verb: COMPLETE_TRAINING_VERB,
      data: { trainingId: 'racial-equity-101' },
    });

  /** Nothing ran: no reply, no conversation reference, no completion, no audit entry. */
  async function expectNothingHappened(): Promise<void> {
    expect(reap.connector.requests).toEqual([]);
    expect(await reap.store.getConversation(DEMO_PERSONAS.employee.id)).toBeUndefined();
    expect(await reap.store.listCompletions({ personId: DEMO_PERSONAS.employee.id })).toEqual([]);
    expect(await reap.store.listAudit()).toEqual([]);
  }

  const refused: Array<[string, () => Promise<string | null>]> = [
    ['no Authorization header', async () => null],
    [
      'a token with alg "none"',
      async () =>
        `Bearer ${unsignedToken({ iss: BOT_FRAMEWORK, aud: reap.botId, serviceurl: serviceUrl() })}`,
    ],
    [
      'a token signed with a key the metadata does not publish',
      async () =>
        `Bearer ${await reap.entra.channelToken({ audience: reap.botId, serviceUrl: serviceUrl(), key: 'rogue' })}`,
    ],
    [
      'a token for another bot',
      async () =>
        `Bearer ${await reap.entra.channelToken({ audience: crypto.randomUUID(), serviceUrl: serviceUrl() })}`,
    ],
    [
      'a token from another issuer',
      async () =>
        `Bearer ${await reap.entra.channelToken({ audience: reap.botId, serviceUrl: serviceUrl(), issuer: 'https://evil.example' })}`,
    ],
    [
      'a token for another service URL',
      async () =>
        `Bearer ${await reap.entra.channelToken({ audience: reap.botId, serviceUrl: 'https://smba.evil.example/' })}`,
    ],
    [
      'an expired token',
      async () =>
        `Bearer ${await reap.entra.channelToken({ audience: reap.botId, serviceUrl: serviceUrl(), expiresIn: -3600 })}`,
    ],
    ['a token that is not a JWT', async () => 'Bearer not-a-token'],
  ];

  it.each(refused)('answers 401 to %s, and no handler runs', async (_what, header) => {
    for (const activity of [myTrainings(), pressComplete()]) {
      const res = await reap.postActivity(activity, await header());
      expect(res.status).toBe(401);
      expect(await res.text()).not.toMatch(/\n\s+at /);
    }
    await expectNothingHappened();
  });

  it('refuses a token whose key is not endorsed for the channel the activity names', async () => {
    const res = await reap.postActivity({ ...myTrainings(), channelId: 'webchat' });
    expect(res.status).toBe(401);
    await expectNothingHappened();
  });

  it("drops another tenant's activity: 200, no reply, nothing stored, logged", async () => {
    const other = crypto.randomUUID();
    const fromElsewhere = (a: Record<string, unknown>) => ({
      ...a,
      conversation: { ...(a.conversation as object), tenantId: other },
      channelData: { tenant: { id: other } },
    });
    const res = await reap.postActivity(fromElsewhere(myTrainings()));
    expect(res.status).toBe(200);
    const invoke = await reap.postActivity(fromElsewhere(pressComplete()));
    expect(invoke.status).toBe(200);
    // Teams' two places for the tenant disagree: dropped too.
    const mixed = myTrainings();
    const conflicting = await reap.postActivity({
      ...mixed,
      channelData: { tenant: { id: other } },
    });
    expect(conflicting.status).toBe(200);
    await expectNothingHappened();
    const dropped = logged.lines.filter((l) => l.msg.startsWith('dropped '));
    expect(dropped.map((l) => l.msg)).toContainEqual(
      expect.stringMatching(/dropped message activity .* from tenant/),
    );
    expect(dropped).toContainEqual(expect.objectContaining({ level: 'warn', tenant: other }));
  });

  it('accepts a correctly signed activity and replies with a token of its own from Entra', async () => {
    const res = await reap.postActivity(myTrainings());
    expect(res.status).toBe(200);
    const [reply] = reap.connector.requests;
    expect(reply?.kind).toMatch(/^(send|reply)$/);
    expect(reply?.status).toBeLessThan(300);
    // The bot asked the (emulated) tenant for a client-credential token, and sent it.
    const token = /^Bearer (.+)$/.exec(reply?.authorization ?? '')?.[1];
    expect(token).toBeDefined();
    const claims = await reap.entra.issuedTokenClaims(token ?? '');
    expect(claims).toMatchObject({ aud: BOT_FRAMEWORK, appid: reap.botId, tid: TENANT_ID });
    const tokenRequest = reap.entra.requests.find((r) => r.path.endsWith('/oauth2/v2.0/token'));
    expect(tokenRequest?.form?.get('client_id')).toBe(reap.botId);
    expect(tokenRequest?.form?.get('scope')).toBe(`${BOT_FRAMEWORK}/.default`);
  });

  it('records a completion from a correctly signed card press, once, with an audit entry', async () => {
    const res = await reap.postActivity(pressComplete());
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { statusCode: number; value: unknown };
    expect(answer.statusCode).toBe(200);
    expect(cardText(answer.value)).toContain('Recorded: you completed Racial equity foundations');
    const stored = await reap.store.listCompletions({ personId: DEMO_PERSONAS.employee.id });
    expect(stored).toHaveLength(1);
    expect(await reap.store.listAudit()).toEqual([
      expect.objectContaining({
        actorId: DEMO_PERSONAS.employee.id,
        action: 'completion.create',
        recordType: 'completion',
        recordId: stored[0]?.id,
        after: expect.objectContaining({ trainingId: 'racial-equity-101', source: 'bot' }),
      }),
    ]);
    // Teams resends an unanswered invoke: nothing new is stored or logged.
    expect((await reap.postActivity(pressComplete())).status).toBe(200);
    expect(await reap.store.listCompletions({ personId: DEMO_PERSONAS.employee.id })).toHaveLength(
      1,
    );
    expect(await reap.store.listAudit()).toHaveLength(1);
  });
});
