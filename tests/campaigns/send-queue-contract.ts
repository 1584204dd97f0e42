import { randomUUID } from 'node:crypto';
import type { CampaignSummary } from '../../src/domain';
import { emptyCounts, type NewRecipient, type SendQueue } from '../../src/campaigns/send-queue';

/** A queue under test, and a second handle on the same storage (another process, another instance). */
export type QueueUnderTest = { queue: SendQueue; another(): SendQueue; close(): Promise<void> };

const NOW = new Date('2021-06-15T15:00:00.000Z');

const summary = (id = randomUUID(), kind: CampaignSummary['kind'] = 'wave'): CampaignSummary => ({
  id,
  waveId: 'anti-racism-w3',
  trainingId: 'anti-racism',
  kind,
  startedBy: 'officer',
  startedAt: NOW.toISOString(),
  recipients: 0,
  counts: emptyCounts(),
});

const recipient = (personId: string): NewRecipient => ({
  personId,
  conversationId: `a:${personId}`,
  reference: { conversation: { id: `a:${personId}` }, user: { id: `29:${personId}` } },
});

/**
 * What every send queue promises the sender, the campaign service and notices: durable
 * transitions, each message claimed by one sender, nothing sent again once acknowledged, what a
 * stop left in flight queued again, notices once per key, a campaign settled once.
 */
export function describeSendQueueContract(name: string, open: () => Promise<QueueUnderTest>): void {
  describe(`${name}: the send queue contract`, () => {
    let under: QueueUnderTest;
    let queue: SendQueue;
    beforeEach(async () => {
      under = await open();
      queue = under.queue;
    });
    afterEach(async () => {
      await under.close();
    });

    it('queues a campaign and hands each due message out once, marked sending', async () => {
      const s = summary();
      await queue.addCampaign(
        s,
        [
          recipient('p1'),
          recipient('p2'),
          {
            personId: 'p3',
            settled: { state: 'not_installed', detail: 'never opened the bot' },
          },
          recipient('p1'),
        ],
        NOW,
      );
      expect(await queue.counts(s.id)).toMatchObject({ queued: 2, not_installed: 1 });
      const claimed = await queue.claim(10, Date.now());
      expect(claimed.map((m) => [m.personId, m.state, m.attempts]).sort()).toEqual([
        ['p1', 'sending', 1],
        ['p2', 'sending', 1],
      ]);
      expect(claimed[0]).toMatchObject({
        campaignId: s.id,
        reference: { conversation: { id: `a:${claimed[0]!.personId}` } },
      });
      expect(await queue.claim(10, Date.now())).toEqual([]);
      expect(await queue.counts(s.id)).toMatchObject({ queued: 0, sending: 2, not_installed: 1 });
      expect((await queue.personIds(s.id)).sort()).toEqual(['p1', 'p2', 'p3']);
      expect(await queue.campaign(s.id)).toEqual({ summary: s, state: 'running' });
    });

    it('marks sent, settles, and queues again not before a given time', async () => {
      const s = summary();
      await queue.addCampaign(s, ['a', 'b', 'c'].map(recipient), NOW);
      const [a, b, c] = (await queue.claim(3, Date.now())).sort((x, y) =>
        x.personId.localeCompare(y.personId),
      );
      await queue.markSent(a!, 'activity-1', NOW);
      await queue.settle(b!, 'blocked', 'blocked the bot', NOW);
      const later = Date.now() + 1500;
      await queue.requeue(c!, later, 'throttled (429)', NOW);
      expect(await queue.counts(s.id)).toMatchObject({ sent: 1, blocked: 1, queued: 1 });
      expect(await queue.claim(5, Date.now())).toEqual([]);
      expect(await queue.nextDueAt()).toBeGreaterThanOrEqual(later - 1);
      const again = await queue.claim(5, later + 1);
      expect(again.map((m) => [m.personId, m.attempts])).toEqual([['c', 2]]);
      expect((await queue.messages(s.id, 'blocked')).map((m) => [m.personId, m.detail])).toEqual([
        ['b', 'blocked the bot'],
      ]);
      expect((await queue.messages(s.id)).map((m) => m.personId)).toEqual(['a', 'b', 'c']);
    });

    it('queues again only what a stopped sender left in flight', async () => {
      const s = summary();
      await queue.addCampaign(s, ['a', 'b', 'c'].map(recipient), NOW);
      const claimed = await queue.claim(2, Date.now());
      await queue.markSent(claimed[0]!, 'activity-1', NOW);
      // The sender stops here (a kill, or a lease that lapsed); another takes over.
      const next = under.another();
      // At least the one in flight; a queue that claims ahead also those it had not handed out.
      expect(await next.recoverInFlight(NOW)).toBeGreaterThanOrEqual(1);
      const resent = await next.claim(10, Date.now());
      const sent = claimed[0]!.personId;
      expect(resent.map((m) => m.personId).sort()).toEqual(
        ['a', 'b', 'c'].filter((p) => p !== sent),
      );
      expect(resent.find((m) => m.personId === claimed[1]!.personId)?.attempts).toBe(2);
      expect(await next.recoverInFlight(NOW)).toBe(resent.length);
      expect(await next.recoverInFlight(NOW)).toBe(0);
    });

    it('never hands one message to two senders', async () => {
      const s = summary();
      const people = Array.from({ length: 40 }, (_, i) => `p${i}`);
      await queue.addCampaign(s, people.map(recipient), NOW);
      const other = under.another();
      const [mine, theirs] = await Promise.all([
        (async () => [
          ...(await queue.claim(15, Date.now())),
          ...(await queue.claim(15, Date.now())),
        ])(),
        (async () => [
          ...(await other.claim(15, Date.now())),
          ...(await other.claim(15, Date.now())),
        ])(),
      ]);
      const all = [...mine, ...theirs].map((m) => m.personId);
      expect(new Set(all).size).toBe(all.length);
      const rest = [...(await queue.claim(40, Date.now())), ...(await other.claim(40, Date.now()))];
      expect(all.length + rest.length).toBe(40);
    });

    it('marks an acknowledged message sent even after another sender queued it again', async () => {
      const s = summary();
      await queue.addCampaign(s, [recipient('late')], NOW);
      const [held] = await queue.claim(1, Date.now());
      const next = under.another();
      expect(await next.recoverInFlight(NOW)).toBe(1);
      // Teams answers the first sender's send now: it was delivered, so it must not go again.
      await queue.markSent(held!, 'activity-late', NOW);
      expect(await next.claim(5, Date.now() + 10)).toEqual([]);
      expect(await next.counts(s.id)).toMatchObject({ sent: 1, queued: 0, sending: 0 });
    });

    it('holds a message back while its conversation is at its limit', async () => {
      const s = summary();
      await queue.addCampaign(s, ['busy', 'free'].map(recipient), NOW);
      const now = Date.now();
      const gate = (conversationId: string) => (conversationId === 'a:busy' ? now + 800 : 0);
      expect((await queue.claim(5, now, gate)).map((m) => m.personId)).toEqual(['free']);
      expect(await queue.claim(5, now + 100)).toEqual([]);
      expect((await queue.claim(5, now + 801)).map((m) => m.personId)).toEqual(['busy']);
    });

    it('settles a campaign once, with the campaign that follows it queued once', async () => {
      const s = summary();
      await queue.addCampaign(s, ['a', 'b'].map(recipient), NOW);
      expect(await queue.finishedCampaigns()).not.toContain(s.id);
      for (const m of await queue.claim(5, Date.now())) await queue.markSent(m, 'x', NOW);
      const other = under.another();
      expect(await other.finishedCampaigns()).toContain(s.id);
      const done = { ...s, finishedAt: NOW.toISOString(), counts: await queue.counts(s.id) };
      const followUp = {
        summary: summary(randomUUID(), 'summary'),
        recipients: [recipient('lead-1'), recipient('lead-2')],
        now: NOW,
      };
      await other.markCampaignDone(s.id, done, followUp);
      // Done again, as after a stop between the two writes: the follow-up is not queued twice.
      await other.markCampaignDone(s.id, done, followUp);
      expect(await other.finishedCampaigns()).not.toContain(s.id);
      expect(await other.campaign(s.id)).toEqual({ summary: done, state: 'done' });
      expect(await other.counts(s.id)).toMatchObject({ sent: 2 });
      const listed = await other.campaigns();
      expect(listed.filter((c) => c.summary.id === followUp.summary.id)).toHaveLength(1);
      expect(listed.find((c) => c.summary.id === followUp.summary.id)?.state).toBe('running');
      const leads = (await other.claim(10, Date.now())).filter(
        (m) => m.campaignId === followUp.summary.id,
      );
      expect(leads.map((m) => m.personId).sort()).toEqual(['lead-1', 'lead-2']);
    });

    it('queues a notice once per key, and says where it stands', async () => {
      const key = `toolkit.review:${randomUUID()}:2:MHD/0042 é`;
      const card = { type: 'message', text: 'x'.repeat(100_000) };
      expect(await queue.noticeState(key)).toBeUndefined();
      expect(await queue.addNotice(key, recipient('officer'), card, NOW)).toBe(true);
      expect(await under.another().addNotice(key, recipient('officer'), card, NOW)).toBe(false);
      expect(await queue.noticeState(key)).toBe('queued');
      const [message] = (await queue.claim(5, Date.now())).filter((m) =>
        m.campaignId.includes(key),
      );
      expect(message).toMatchObject({ campaignId: `notice:${key}`, personId: 'officer' });
      expect(await queue.noticeActivity(message!.campaignId)).toEqual(card);
      await queue.markSent(message!, 'a-1', NOW);
      expect(await under.another().noticeState(key)).toBe('sent');
      expect((await queue.campaigns()).some((c) => c.summary.id.includes(key))).toBe(false);

      const unreachable = `quarterly:${randomUUID()}`;
      expect(
        await queue.addNotice(
          unreachable,
          { personId: 'new', settled: { state: 'not_installed', detail: 'never opened it' } },
          card,
          NOW,
        ),
      ).toBe(true);
      expect(await queue.noticeState(unreachable)).toBe('not_installed');
      expect(await queue.claim(5, Date.now())).toEqual([]);
    });
  });
}
