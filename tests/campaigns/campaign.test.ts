import { LOCAL_PERSON_HEADER } from '../../src/server/auth/identify-request';
import { startReap, type RunningReap } from '../../src/server/start';
import type { CampaignView, RecipientView, WaveView } from '../../src/campaigns/campaign-service';
import { DEMO_PERSONAS } from '../../src/services/demo/demo-city';
import { executeAction } from '../bot/teams-activities';
import { startAzurite, type Azurite } from '../emulators/azurite';
import { startBotConnectorEmulator, type BotConnectorEmulator } from '../emulators/bot-connector';
import { tempDir } from '../support/temp-dir';
import {
  cardTitle,
  conversationOf,
  isReminder,
  seedCampaignCity,
  type CampaignCity,
} from './campaign-city';

// A whole training (its three waves, 6,485 people) reminded through the real server, its durable
// queue and the real Bot Framework adapter, into a connector emulator enforcing Teams' limits:
// on the local queue, and on the shared one in Azure Storage (Azurite).

const TODAY = '2021-06-15';
const clock = { now: () => new Date(`${TODAY}T15:00:00.000Z`) };

/**
 * Where the queue is, and how much it is asked to send: the whole demo city on the local queue;
 * on Azurite (an emulator much slower than Azure Tables, on the same machine as the server),
 * every department's leads and Ambassadors and every 10th other person.
 */
const BACKENDS = [
  { name: 'the local queue', azure: false, rate: 400, concurrency: 8, sampleEvery: 1 },
  { name: 'Azure Storage (Azurite)', azure: true, rate: 150, concurrency: 16, sampleEvery: 10 },
] as const;

type Card = {
  body: Array<Record<string, unknown>>;
  actions?: Array<Record<string, unknown>>;
};

describe.each(BACKENDS)(
  'a reminder campaign to every person of a training, on $name',
  (backend) => {
    const RATE = backend.rate;
    let azurite: Azurite | undefined;
    let connector: BotConnectorEmulator;
    let reap: RunningReap;
    let city: CampaignCity;
    const blocked = new Set<string>();
    const gone = new Set<string>();

    const api = async (
      path: string,
      init: RequestInit = {},
      personId = DEMO_PERSONAS.officer.id,
    ) => {
      const res = await fetch(`${reap.url}${path}`, {
        ...init,
        headers: {
          'content-type': 'application/json',
          [LOCAL_PERSON_HEADER]: personId,
          ...(init.headers as Record<string, string> | undefined),
        },
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const campaigns = async () => (await api('/api/campaigns')).body.campaigns as CampaignView[];

    beforeAll(async () => {
      connector = await startBotConnectorEmulator({
        limits: { tenantPerSecond: RATE + 10 },
        recordRequests: false,
      });
      const dataDir = tempDir();
      city = await seedCampaignCity(dataDir, connector.url, 100, backend.sampleEvery);
      // Employees, not leads (who get the summaries checked below).
      const leadIds = new Set([...city.leads.values()].flat().map((p) => p.id));
      const employees = city.reachable.filter((p) => !leadIds.has(p.id));
      for (const p of employees.slice(10, 15)) {
        connector.conversationFaults.set(conversationOf(p), 403);
        blocked.add(p.id);
      }
      for (const p of employees.slice(20, 25)) {
        connector.conversationFaults.set(conversationOf(p), 404);
        gone.add(p.id);
      }
      if (backend.azure) azurite = await startAzurite();
      reap = await startReap(
        {
          PORT: '0',
          DATA_DIR: dataDir,
          REAP_SEED: 'none',
          CAMPAIGN_RATE_PER_SECOND: String(RATE),
          CAMPAIGN_CONCURRENCY: String(backend.concurrency),
          ...(azurite ? { AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString } : {}),
        },
        clock,
      );
    }, 120_000);
    afterAll(async () => {
      await reap?.close();
      await connector?.close();
      await azurite?.close();
    });

    it('delivers to every reachable person exactly once, within Teams limits, and tells the officer who was not reached', async () => {
      const waves = (await api('/api/waves')).body.waves as WaveView[];
      const antiRacism = waves.filter((w) => w.trainingId === 'anti-racism');
      expect(antiRacism.map((w) => w.state)).toEqual(['overdue', 'overdue', 'open']);
      expect(antiRacism.reduce((n, w) => n + w.people, 0)).toBe(city.people.length);

      for (const wave of antiRacism) {
        const started = await api('/api/campaigns', {
          method: 'POST',
          body: JSON.stringify({ waveId: wave.id }),
        });
        expect(started.status).toBe(201);
      }
      const again = await api('/api/campaigns', {
        method: 'POST',
        body: JSON.stringify({ waveId: antiRacism[0]!.id }),
      });
      expect(again.status).toBe(409);

      const deadline = Date.now() + 150_000;
      const settled = async () => {
        const all = await campaigns();
        return all.length === 6 && all.every((c) => c.state === 'done');
      };
      while (!(await settled()) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 1000));
      }
      const all = await campaigns();
      const done = all.filter((c) => c.kind === 'wave');
      expect(done.map((c) => c.state)).toEqual(['done', 'done', 'done']);

      const counts = new Map<string, number>();
      for (const d of connector.deliveries().filter((x) => isReminder(x.activity))) {
        counts.set(d.conversationId, (counts.get(d.conversationId) ?? 0) + 1);
      }
      for (const p of city.reachable) {
        const expected = blocked.has(p.id) || gone.has(p.id) ? 0 : 1;
        expect([p.id, counts.get(conversationOf(p)) ?? 0]).toEqual([p.id, expected]);
      }
      expect(connector.limitViolations()).toBe(0);

      const total = (key: keyof CampaignView['counts']) =>
        done.reduce((n, c) => n + c.counts[key], 0);
      expect(total('sent')).toBe(city.reachable.length - 10);
      expect(total('blocked')).toBe(5);
      expect(total('gone')).toBe(5);
      expect(total('not_installed')).toBe(city.notInstalled.length);
      expect(total('queued') + total('sending') + total('failed')).toBe(0);

      const notReached: RecipientView[] = [];
      for (const c of done) {
        for (const status of ['blocked', 'gone', 'not_installed']) {
          const { body } = await api(`/api/campaigns/${c.id}/recipients?status=${status}`);
          notReached.push(...(body.recipients as RecipientView[]));
        }
      }
      expect(
        notReached
          .filter((r) => r.status === 'blocked')
          .map((r) => r.personId)
          .sort(),
      ).toEqual([...blocked].sort());
      expect(notReached.find((r) => r.status === 'blocked')?.detail).toMatch(/blocked/);

      // The plan's store keeps each campaign's summary, final counts included, and its audit entry.
      const summaries = (await reap.store.listCampaignSummaries()).filter((c) => c.kind === 'wave');
      expect(summaries).toHaveLength(3);
      expect(summaries.every((s) => s.finishedAt && s.counts.sent > 0)).toBe(true);
      const audit = await reap.store.listAudit({ recordType: 'campaign' });
      expect(audit.map((e) => e.action)).toEqual([
        'campaign.start',
        'campaign.start',
        'campaign.start',
      ]);
    }, 180_000);

    it('sends a Universal Action card that records the completion of the person who pressed it, once', async () => {
      const person = city.reachable.find(
        (p) => !blocked.has(p.id) && !gone.has(p.id) && p.tier === 'employee',
      )!;
      const delivery = connector.deliveries(conversationOf(person))[0]!;
      const card = (delivery.activity.attachments as Array<{ content: Card }>)[0]!.content;
      expect(JSON.stringify(card.body)).toContain('Anti-racism');
      const button = card.actions!.find((a) => a.type === 'Action.Execute')!;
      expect(button).toMatchObject({
        verb: 'confirmReminder',
        fallback: { type: 'Action.Submit' },
      });
      expect(card.body.find((b) => b.type === 'Input.Date')).toMatchObject({
        id: 'completedOn',
        value: TODAY,
        max: TODAY,
      });

      const from = {
        id: `29:${person.aadObjectId}`,
        name: person.displayName,
        aadObjectId: person.aadObjectId,
      };
      const press = (data: Record<string, unknown>, who = from) =>
        fetch(`${reap.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(
            executeAction({ serviceUrl: connector.url, from: who, verb: 'confirmReminder', data }),
          ),
        }).then(async (res) => {
          expect(res.status).toBe(200);
          return JSON.stringify(((await res.json()) as { value: unknown }).value);
        });
      const data = button.data as Record<string, unknown>;

      expect(await press({ ...data, completedOn: '2031-01-01' })).toMatch(/in the future/);
      expect(await press({ ...data, completedOn: '2021-01-02' })).toMatch(
        /before this wave opened/,
      );
      expect(await reap.store.listCompletions({ personId: person.id })).toEqual([]);

      // A forged payload naming someone else is refused as a whole.
      const other = city.reachable.find((p) => p.id !== person.id && p.tier === 'employee')!;
      expect(await press({ ...data, personId: other.id })).toMatch(/Nothing recorded/);
      expect(await reap.store.listCompletions({ personId: other.id })).toEqual([]);

      expect(await press({ ...data, completedOn: '2021-06-01' })).toMatch(/Recorded: Anti-racism/);
      // Teams resending the invoke, or a second press: nothing new.
      expect(await press({ ...data, completedOn: '2021-06-01' })).toMatch(/Already recorded/);
      const stored = await reap.store.listCompletions({ personId: person.id });
      expect(stored).toEqual([
        expect.objectContaining({
          trainingId: 'anti-racism',
          completedOn: '2021-06-01',
          recordedBy: person.id,
        }),
      ]);
      const campaign = (await campaigns()).find(
        (c) => c.waveId === 'anti-racism-w3' && c.kind === 'wave',
      )!;
      expect(campaign.confirmed).toBe(1);
    });

    it('tells each lead who in their department has not confirmed, and lets only them remind those people again', async () => {
      const lead = city.people.find((p) => p.id === DEMO_PERSONAS.lead.id)!;
      const summaries = connector
        .deliveries(conversationOf(lead))
        .filter((d) => !isReminder(d.activity));
      // One summary per wave that reached the lead's department.
      expect(summaries.length).toBeGreaterThanOrEqual(1);
      const w3 = summaries.find((d) => JSON.stringify(d.activity).includes('anti-racism-w3'))!;
      expect(cardTitle(w3.activity)).toBe(
        'Anti-racism in City government: Milwaukee Health Department',
      );
      const card = (w3.activity.attachments as Array<{ content: Card }>)[0]!.content;
      const text = JSON.stringify(card.body);
      expect(text).toMatch(/\d+ of \d+ people in Milwaukee Health Department/);
      const button = card.actions!.find((a) => a.type === 'Action.Execute')!;
      expect(button).toMatchObject({ verb: 'nudgeDepartment', data: { departmentId: 'MHD' } });

      const press = async (who: typeof lead, data: unknown) => {
        const res = await fetch(`${reap.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(
            executeAction({
              serviceUrl: connector.url,
              from: {
                id: `29:${who.aadObjectId}`,
                name: who.displayName,
                aadObjectId: who.aadObjectId,
              },
              verb: 'nudgeDepartment',
              data: data as Record<string, unknown>,
            }),
          ),
        });
        expect(res.status).toBe(200);
        return JSON.stringify(((await res.json()) as { value: unknown }).value);
      };
      // A lead of another department, with the MHD button's data: refused, nothing queued.
      // (DOA's lead is also the Equity Officer, who may nudge any department.)
      const otherLead = [...city.leads].find(([d]) => d !== 'MHD' && d !== 'DOA')![1][0]!;
      const before = (await campaigns()).length;
      expect(await press(otherLead, button.data)).toMatch(/only for your own department/);
      expect((await campaigns()).length).toBe(before);

      const nudged = await press(lead, button.data);
      expect(nudged).toMatch(/Reminder on its way to \d+ people/);
      const nudge = (await campaigns()).find((c) => c.kind === 'nudge')!;
      expect(nudge).toMatchObject({ departmentId: 'MHD', waveId: 'anti-racism-w3' });
      const recipients = (await api(`/api/campaigns/${nudge.id}/recipients`)).body
        .recipients as RecipientView[];
      expect(recipients.length).toBeGreaterThan(0);
      expect(recipients.every((r) => r.departmentId === 'MHD')).toBe(true);
    });
  },
);
