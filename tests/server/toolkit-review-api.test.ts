import type { ToolkitAnalysis } from '../../src/domain';
import type { ReapServer } from '../../src/server/app';
import { startReap, type RunningReap } from '../../src/server/start';
import { DEMO_PERSONAS } from '../../src/services/demo/demo-city';
import type {
  CitywideProgress,
  ToolkitAnalysesResponse,
  ToolkitAnalysisView,
} from '../../src/tab/api/api-types';
import { startBotConnectorEmulator, type BotConnectorEmulator } from '../emulators/bot-connector';
import { message } from '../bot/teams-activities';
import { cardText } from '../bot/validate-card';
import { tempDir } from '../support/temp-dir';

// The Equity Officer's review from the tab, over HTTP: the same rules as the review card in chat,
// the lead told the outcome in chat, the department's figures moved at once.

const clock = { now: () => new Date('2021-06-15T15:00:00.000Z') };
const officer: string = DEMO_PERSONAS.officer.id;

describe('POST /api/toolkit/analyses/:analysisId/review (local mode, demo city)', () => {
  let reap: RunningReap;
  let connector: BotConnectorEmulator;

  beforeAll(async () => {
    connector = await startBotConnectorEmulator();
    reap = await startReap({ PORT: '0', DATA_DIR: tempDir(), REAP_SEED: 'demo' }, clock);
  });
  afterAll(async () => {
    await reap?.close();
    await connector?.close();
  });

  const call = (path: string, personId: string, body?: unknown) =>
    fetch(`${reap.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'x-reap-local-person': personId, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const queue = async (): Promise<ToolkitAnalysisView[]> =>
    (
      (await (
        await call('/api/toolkit/analyses?status=submitted', officer)
      ).json()) as ToolkitAnalysesResponse
    ).analyses;
  const toolkitOf = async (departmentId: string) =>
    (
      (await (await call('/api/progress/citywide', officer)).json()) as CitywideProgress
    ).departments.find((d) => d.departmentId === departmentId)?.toolkit;
  const review = (a: Pick<ToolkitAnalysis, 'id'>, body: unknown, personId = officer) =>
    call(`/api/toolkit/analyses/${a.id}/review`, personId, body);

  it('refuses a return without a comment, naming the field, and stores nothing', async () => {
    const [first] = await queue();
    if (!first) throw new Error('the demo city has no analysis waiting for review');
    const res = await review(first, { decision: 'return', version: first.version });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field: 'comment', rule: 'required' });
    expect((await reap.store.getAnalysis(first.id))?.status).toBe('submitted');
    const unknown = await review(first, { decision: 'accept', version: first.version, by: 'x' });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ field: 'by', rule: 'unknown-field' });
  });

  it('returns with a comment, tells the lead in chat, and answers a stale review with 409', async () => {
    const analysis = (await queue()).find((a) => a.authorId !== officer);
    if (!analysis) throw new Error('no analysis to review');
    // The author opened the bot, so the bot can tell them.
    const author = await reap.store.getPerson(analysis.authorId);
    if (!author) throw new Error('author not on the roster');
    await fetch(`${reap.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        message({
          serviceUrl: connector.url,
          from: {
            id: `29:${author.id}`,
            name: author.displayName,
            aadObjectId: author.aadObjectId,
          },
          text: 'hi',
        }),
      ),
    });
    connector.reset();
    const before = await toolkitOf(analysis.departmentId);
    const comment = 'Add the data by race in step 2.';
    const res = await review(analysis, { decision: 'return', comment, version: analysis.version });
    expect(res.status).toBe(200);
    const { analysis: returned } = (await res.json()) as { analysis: ToolkitAnalysis };
    expect(returned).toMatchObject({
      status: 'returned',
      reviewComment: comment,
      reviewedBy: officer,
    });
    expect(await reap.store.getAnalysis(analysis.id)).toMatchObject({ status: 'returned' });
    expect(await toolkitOf(analysis.departmentId)).toMatchObject({
      awaitingReview: (before?.awaitingReview ?? 0) - 1,
      returned: (before?.returned ?? 0) + 1,
    });
    const key = `toolkit.outcome:${analysis.id}:${returned.version}:${author.id}`;
    const notices = (reap.server as ReapServer).campaigns.notices;
    const deadline = Date.now() + 5000;
    while (notices.state(key) !== 'sent' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(notices.state(key)).toBe('sent');
    const delivered = connector
      .activities()
      .flatMap((a) =>
        ((a.attachments as Array<{ content: unknown }> | undefined) ?? []).map((x) =>
          cardText(x.content),
        ),
      );
    expect(delivered.join('\n')).toContain(comment);
    // The same decision again is the same review (a retried request); accepting now is stale.
    expect(
      (await review(analysis, { decision: 'return', comment, version: analysis.version })).status,
    ).toBe(200);
    const stale = await review(analysis, { decision: 'accept', version: analysis.version });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { message: string }).message).toMatch(
      /no longer waiting for review/,
    );
  });

  it('accepts, and the department counts the analysis at once', async () => {
    const [analysis] = await queue();
    if (!analysis) throw new Error('no analysis to review');
    const before = await toolkitOf(analysis.departmentId);
    const res = await review(analysis, { decision: 'accept', version: analysis.version });
    expect(res.status).toBe(200);
    const field = analysis.kind === 'new' ? 'newAnalysed' : 'existingAnalysed';
    expect((await toolkitOf(analysis.departmentId))?.[field]).toBe((before?.[field] ?? 0) + 1);
  });

  it('refuses a lead, and answers 404 for an analysis that does not exist', async () => {
    const [analysis] = await queue();
    if (!analysis) throw new Error('no analysis to review');
    const res = await review(
      analysis,
      { decision: 'accept', version: analysis.version },
      DEMO_PERSONAS.lead.id,
    );
    expect(res.status).toBe(403);
    expect(
      (await review({ id: 'no-such-analysis' }, { decision: 'accept', version: 1 })).status,
    ).toBe(404);
  });
});
