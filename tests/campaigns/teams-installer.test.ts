import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { createGraphClient } from '../../src/store/sharepoint/graph-client';
import { TeamsInstaller } from '../../src/campaigns/teams-installer';
import { startBotConnectorEmulator, type BotConnectorEmulator } from '../emulators/bot-connector';
import { startGraphEmulator, type GraphEmulator } from '../emulators/graph';
import { emulatedConfig } from '../store/sharepoint-emulated';

const TEAMS_APP_ID = '3a1e7c52-9f4b-4d0e-8a6c-2b5d9e1f7a40';
const MANIFEST_ID = 'b8f2d4e6-1a3c-4e5f-9b7d-0c2e4a6f8b1d';
const BOT_ID = '9c4e2a70-5b1d-4f3e-8a6c-7d0b2e4f6a81';
const SERVICE_URL = 'https://smba.trafficmanager.net/amer/';

const jordan = { id: 'person-jordan', aadObjectId: '1f0e9d8c-7b6a-4594-8372-61504f3e2d1c' };
const renee = { id: 'person-renee', aadObjectId: '2a1b0c9d-8e7f-4a6b-9c5d-4e3f2a1b0c9d' };
const avery = { id: 'person-avery', aadObjectId: '3b2c1d0e-9f8a-4b7c-8d6e-5f4a3b2c1d0e' };

describe('TeamsInstaller against the Graph emulator', () => {
  let graph: GraphEmulator;
  beforeAll(async () => {
    graph = await startGraphEmulator();
  });
  afterAll(() => graph.close());
  beforeEach(() => {
    graph.reset();
    graph.teamwork.seedTeamsApps([
      { id: TEAMS_APP_ID, externalId: MANIFEST_ID, displayName: 'reap', botId: BOT_ID },
    ]);
    graph.teamwork.seedUsers([jordan, renee, avery].map((p) => ({ id: p.aadObjectId })));
  });

  /** The installer as the app builds it: the one Graph pipeline, retries without waiting. */
  const installer = (maxRetries = 3): TeamsInstaller =>
    new TeamsInstaller({
      client: createGraphClient(emulatedConfig(graph), undefined, {
        retryDelaySeconds: 0,
        maxRetries,
      }),
      teamsAppId: TEAMS_APP_ID,
      botId: BOT_ID,
      tenantId: graph.tenantId,
      serviceUrl: SERVICE_URL,
    });

  const teamworkCalls = () =>
    graph.requests
      .filter((r) => r.kind.startsWith('installed-app'))
      .map((r) => `${r.method} ${r.kind} ${r.status}`);

  it('installs the bot for someone who never opened it and returns their chat', async () => {
    const outcome = await installer().install(jordan);
    const chatId = `19:${jordan.aadObjectId}_${BOT_ID}@unq.gbl.spaces`;
    expect(outcome).toEqual({
      ok: true,
      reference: {
        channelId: 'msteams',
        serviceUrl: SERVICE_URL,
        bot: { id: `28:${BOT_ID}`, name: '' },
        user: { id: jordan.aadObjectId, name: '', aadObjectId: jordan.aadObjectId },
        conversation: {
          id: chatId,
          conversationType: 'personal',
          isGroup: false,
          tenantId: graph.tenantId,
          name: '',
        },
      },
    });
    expect(graph.teamwork.installations(jordan.aadObjectId)).toEqual([
      { id: expect.any(String), teamsAppId: TEAMS_APP_ID, chatId },
    ]);
    expect(teamworkCalls()).toEqual([
      'POST installed-apps 201',
      'GET installed-apps 200',
      'GET installed-app-chat 200',
    ]);
  });

  it('takes 409 Conflict as already installed and still finds the chat', async () => {
    const existing = graph.teamwork.install(renee.aadObjectId, TEAMS_APP_ID);
    const outcome = await installer().install(renee);
    expect(outcome.ok && outcome.reference.conversation?.id).toBe(existing.chatId);
    expect(teamworkCalls()).toEqual([
      'POST installed-apps 409',
      'GET installed-apps 200',
      'GET installed-app-chat 200',
    ]);
    expect(graph.teamwork.installations(renee.aadObjectId)).toHaveLength(1);
  });

  it('gives the same reference when run twice for one person', async () => {
    const first = await installer().install(avery);
    const second = await installer().install(avery);
    expect(second).toEqual(first);
    expect(graph.teamwork.installations(avery.aadObjectId)).toHaveLength(1);
  });

  it('finds its own installation among the person’s other apps', async () => {
    graph.teamwork.seedTeamsApps([{ id: 'another-app', botId: 'another-bot' }]);
    graph.teamwork.install(jordan.aadObjectId, 'another-app');
    const outcome = await installer().install(jordan);
    expect(outcome.ok && outcome.reference.conversation?.id).toBe(
      `19:${jordan.aadObjectId}_${BOT_ID}@unq.gbl.spaces`,
    );
  });

  it('reports someone Graph does not know as gone', async () => {
    const outcome = await installer().install({
      id: 'person-left',
      aadObjectId: '4c3d2e1f-0a9b-4c8d-9e7f-6a5b4c3d2e1f',
    });
    expect(outcome).toEqual({
      ok: false,
      reason: 'gone',
      detail: expect.stringMatching(/^installing the app for person-left: Graph answered 404/),
    });
  });

  it('reports a 403 (permission not granted, or app blocked for the person) as not permitted', async () => {
    graph.teamwork.forbidUser(renee.aadObjectId);
    const outcome = await installer().install(renee);
    expect(outcome).toMatchObject({ ok: false, reason: 'not-permitted' });
    expect((outcome as { detail: string }).detail).toMatch(/403 Forbidden/);
    expect(graph.teamwork.installations(renee.aadObjectId)).toEqual([]);
  });

  it('reports a 429 that outlasts the retries as throttled, with Graph’s Retry-After', async () => {
    graph.failNext(1, {
      status: 429,
      retryAfterSeconds: 7,
      match: (t) => t.kind === 'installed-apps' && t.method === 'POST',
    });
    const outcome = await installer(0).install(jordan);
    expect(outcome).toEqual({
      ok: false,
      reason: 'throttled',
      retryAfterMs: 7_000,
      detail: expect.stringContaining('429'),
    });
    expect(graph.teamwork.installations(jordan.aadObjectId)).toEqual([]);
  });

  it('reports a 429 on the chat as throttled too', async () => {
    graph.failNext(1, {
      status: 429,
      retryAfterSeconds: 2,
      match: (t) => t.kind === 'installed-app-chat',
    });
    const outcome = await installer(0).install(jordan);
    expect(outcome).toMatchObject({ ok: false, reason: 'throttled', retryAfterMs: 2_000 });
  });

  it('rides out a passing 429 through the Graph client’s retries', async () => {
    graph.failNext(2, {
      status: 429,
      retryAfterSeconds: 0,
      match: (t) => t.kind === 'installed-apps',
    });
    const outcome = await installer(3).install(jordan);
    expect(outcome.ok).toBe(true);
    expect(graph.stats.throttled).toBe(2);
  });

  it('reports Graph being unavailable as failed, to try again later', async () => {
    graph.failNext(10, {
      status: 503,
      retryAfterSeconds: 0,
      match: (t) => t.kind === 'installed-app-chat',
    });
    const outcome = await installer(1).install(jordan);
    expect(outcome).toMatchObject({
      ok: false,
      reason: 'failed',
      detail: expect.stringMatching(/^getting the chat for person-jordan: Graph answered 503/),
    });
  });

  it('gives a reference the Bot Framework adapter can send through', async () => {
    const connector: BotConnectorEmulator = await startBotConnectorEmulator();
    try {
      const outcome = await installer().install(jordan);
      if (!outcome.ok) throw new Error(outcome.detail);
      // Anonymous, as in local mode: the emulator takes sends without a token.
      const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
      await adapter.continueConversationAsync(
        '',
        { ...outcome.reference, serviceUrl: connector.url },
        async (context) => {
          await context.sendActivity('Your Racial equity foundations training is due.');
        },
      );
      expect(connector.deliveries()).toEqual([
        expect.objectContaining({
          conversationId: `19:${jordan.aadObjectId}_${BOT_ID}@unq.gbl.spaces`,
          // botbuilder posts a proactive message as a reply to its continuation event's id.
          kind: 'reply',
          activity: expect.objectContaining({
            text: 'Your Racial equity foundations training is due.',
          }),
        }),
      ]);
    } finally {
      await connector.close();
    }
  });
});
