import { randomUUID } from 'node:crypto';
import type { CampaignView, RecipientView } from '../../src/campaigns/campaign-service';
import { DEMO_OFFICER_OBJECT_ID } from '../../src/config/config';
import { requirementsFor, type Person } from '../../src/domain';
import { TENANT_ID } from '../bot/teams-activities';
import { startSecuredReap, type SecuredReap } from '../auth/secured-reap';
import { startGraphEmulator, type GraphEmulator } from '../emulators/graph';
import { referenceFor } from './campaign-city';

// Outside local mode, with TEAMS_APP_CATALOG_ID set: people the bot cannot reach yet get the app
// installed through Graph (emulated), and the reminder goes to the chat Graph names.

const TODAY = '2021-06-15';
const clock = { now: () => new Date(`${TODAY}T15:00:00.000Z`) };
const CATALOG_ID = randomUUID();

describe('a campaign that installs the app for people who never opened it', () => {
  let graph: GraphEmulator;
  let reap: SecuredReap;

  beforeAll(async () => {
    graph = await startGraphEmulator({ tenantId: TENANT_ID });
    reap = await startSecuredReap({
      clock,
      env: {
        TEAMS_APP_CATALOG_ID: CATALOG_ID,
        GRAPH_ENDPOINT: graph.url,
        GRAPH_AUTHORITY_HOST: graph.url,
        CAMPAIGN_RATE_PER_SECOND: '200',
        EQUITY_OFFICER_OBJECT_IDS: DEMO_OFFICER_OBJECT_ID,
      },
    });
  }, 60_000);
  afterAll(async () => {
    await reap?.close();
    await graph?.close();
  });

  it('installs, sends to the new chat, keeps the conversation, and names who could not be reached', async () => {
    graph.teamwork.seedTeamsApps([{ id: CATALOG_ID, displayName: 'reap', botId: reap.botId }]);
    const [people, trainings, waves, members] = await Promise.all([
      reap.store.listPeople(),
      reap.store.listTrainings(),
      reap.store.listWaves(),
      reap.store.listMembers(),
    ]);
    const leads = new Set(members.filter((m) => m.role === 'lead').map((m) => m.personId));
    const confirmed = new Set(
      (await reap.store.listCompletions({ trainingId: 'racial-equity-101' })).map(
        (c) => c.personId,
      ),
    );
    // The people the reminder goes to: in the wave, not confirmed.
    const inWave = people.filter(
      (p) =>
        !confirmed.has(p.id) &&
        requirementsFor(p, leads.has(p.id), trainings, waves).some(
          (r) => r.wave.id === 'racial-equity-101-w1',
        ),
    );
    const [newcomer, refuser, leaver, ...rest] = inWave as [Person, Person, Person, ...Person[]];
    for (const p of rest) {
      await reap.store.saveConversation({
        personId: p.id,
        reference: referenceFor(p, reap.connector.url),
        updatedAt: '2021-01-01T00:00:00.000Z',
      });
    }
    graph.teamwork.seedUsers([{ id: newcomer.aadObjectId }, { id: refuser.aadObjectId }]);
    graph.teamwork.forbidUser(refuser.aadObjectId);
    // `leaver` is not in the directory any more.

    const token = await reap.ssoToken(DEMO_OFFICER_OBJECT_ID);
    const res = await reap.api('/api/campaigns', {
      method: 'POST',
      token,
      body: { waveId: 'racial-equity-101-w1' },
    });
    expect(res.status).toBe(201);
    const { campaign } = (await res.json()) as { campaign: CampaignView };

    const deadline = Date.now() + 30_000;
    let view: CampaignView | undefined;
    while (Date.now() < deadline) {
      const list = (await (await reap.api('/api/campaigns', { token })).json()) as {
        campaigns: CampaignView[];
      };
      view = list.campaigns.find((c) => c.id === campaign.id);
      if (view?.state === 'done') break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(view?.state).toBe('done');

    const chatId = `19:${newcomer.aadObjectId}_${reap.botId}@unq.gbl.spaces`;
    expect(reap.connector.deliveries(chatId)).toHaveLength(1);
    expect((await reap.store.getConversation(newcomer.id))?.reference).toMatchObject({
      conversation: { id: chatId },
    });
    const recipients = (
      (await (await reap.api(`/api/campaigns/${campaign.id}/recipients`, { token })).json()) as {
        recipients: RecipientView[];
      }
    ).recipients;
    const statusOf = (p: Person) => recipients.find((r) => r.personId === p.id)?.status;
    expect([statusOf(newcomer), statusOf(refuser), statusOf(leaver)]).toEqual([
      'sent',
      'not_installed',
      'gone',
    ]);
    expect(view?.counts.sent).toBe(rest.length + 1);
  }, 60_000);
});
