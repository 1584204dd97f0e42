import path from 'node:path';
import type { Person } from '../../src/domain';
import { generateDemoCity, planSeed } from '../../src/services/demo/demo-city';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { BOT, TENANT_ID } from '../bot/teams-activities';

/** The personal conversation Teams would have with `person`, as the bot stores it. */
export function referenceFor(person: Person, serviceUrl: string): Record<string, unknown> {
  return {
    user: {
      id: `29:${person.aadObjectId}`,
      aadObjectId: person.aadObjectId,
      name: person.displayName,
    },
    bot: BOT,
    conversation: {
      id: `a:personal-${person.aadObjectId}`,
      conversationType: 'personal',
      tenantId: TENANT_ID,
    },
    channelId: 'msteams',
    serviceUrl,
    locale: 'en-US',
  };
}

export const conversationOf = (person: Person) => `a:personal-${person.aadObjectId}`;

export type CampaignCity = {
  people: Person[];
  /** People with a stored conversation (everyone but `notInstalled`). */
  reachable: Person[];
  notInstalled: Person[];
  /** Department leads, by department. */
  leads: Map<string, Person[]>;
};

/**
 * Writes into `dataDir/reap.sqlite` the plan, the demo city's 6,485 people (the officer and
 * leads as the demo has them) with no completions, and a conversation with the bot at
 * `serviceUrl` for everyone but every `skipEvery`th person. With `sampleEvery`, a smaller city:
 * every department's leads and Ambassadors, and every `sampleEvery`th other person.
 */
export async function seedCampaignCity(
  dataDir: string,
  serviceUrl: string,
  skipEvery = 100,
  sampleEvery = 1,
): Promise<CampaignCity> {
  const demo = generateDemoCity();
  const kept = new Set(demo.members.map((m) => m.personId));
  const city = {
    ...demo,
    people: demo.people.filter((p, i) => kept.has(p.id) || i % sampleEvery === 0),
  };
  const store = new SqliteStore(path.join(dataDir, 'reap.sqlite'));
  await store.putPlan(planSeed());
  await store.upsertPeople(city.people);
  for (const role of ['lead', 'ambassador'] as const) {
    for (const d of city.departments) {
      const ids = city.members
        .filter((m) => m.departmentId === d.id && m.role === role)
        .map((m) => m.personId);
      if (ids.length) await store.setMembers(d.id, role, ids, '2020-07-01');
    }
  }
  const reachable: Person[] = [];
  const notInstalled: Person[] = [];
  // By the place in the whole demo city, so a smaller city keeps everyone's standing.
  const place = new Map(demo.people.map((p, i) => [p.id, i]));
  for (const p of city.people) {
    const i = place.get(p.id)!;
    (i % skipEvery === skipEvery - 1 ? notInstalled : reachable).push(p);
  }
  for (const p of reachable) {
    await store.saveConversation({
      personId: p.id,
      reference: referenceFor(p, serviceUrl),
      updatedAt: '2020-08-01T00:00:00.000Z',
    });
  }
  await store.close();
  const leads = new Map<string, Person[]>();
  for (const m of city.members.filter((x) => x.role === 'lead')) {
    const person = city.people.find((p) => p.id === m.personId);
    if (person) leads.set(m.departmentId, [...(leads.get(m.departmentId) ?? []), person]);
  }
  return { people: city.people, reachable, notInstalled, leads };
}

/** The title line of a card the bot sent, e.g. `Reminder: Anti-racism training`. */
export function cardTitle(activity: Record<string, unknown>): string {
  const attachments = activity.attachments as
    Array<{ content?: { body?: Array<{ text?: string }> } }> | undefined;
  return attachments?.[0]?.content?.body?.[0]?.text ?? '';
}

/** Whether an activity is a campaign's reminder (not a lead's summary). */
export const isReminder = (activity: Record<string, unknown>) =>
  cardTitle(activity).startsWith('Reminder: ');
