import fc from 'fast-check';
import {
  COMPLETE_TRAINING_VERB,
  completeTrainingData,
  completeTrainingSubmitData,
} from '../../bot/invokes/complete-training';
import { startReap, type RunningReap } from '../../src/server/start';
import { recordId } from '../../src/server/input/limits';
import { completeTrainingBody } from '../../src/server/routes/training-routes';
import { DEMO_PERSONAS } from '../../src/services/demo/demo-city';
import { executeAction, message, submitAction, type TeamsUser } from '../bot/teams-activities';
import { startBotConnectorEmulator, type BotConnectorEmulator } from '../emulators/bot-connector';
import { tempDir } from '../support/temp-dir';

// Random and hostile values thrown at every API body and every card submit: never a 500, and
// never a stored record (or audit entry) from an input its schema refuses.

const clock = { now: () => new Date('2021-06-15T15:00:00.000Z') };
/** Runs per property; `REAP_FC_RUNS=2000 npx jest tests/authorization` searches harder. */
const RUNS = Number(process.env.REAP_FC_RUNS ?? 120);

/** Values people and attackers send: anything, near-misses of the real shape, and nasty strings. */
const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.constantFrom(
    'racial-equity-101',
    'anti-racism',
    'gare-toolkit',
    "' or 1 eq 1 or Title eq '",
    '../../etc/passwd',
    '<script>alert(1)</script>',
    '__proto__',
    '2021-06-15',
    '2021-02-30',
    '9999-12-31',
    'x'.repeat(70_000),
    '\u0000\r\n',
  ),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything(),
  hostileString,
  fc.dictionary(hostileString, fc.anything(), { maxKeys: 4 }),
);
/** The real shapes, with any field possibly wrong or one too many. */
const nearShape = (fields: Record<string, fc.Arbitrary<unknown>>) =>
  fc
    .tuple(
      fc.record(fields, { requiredKeys: [] }),
      fc.option(fc.tuple(hostileString, fc.anything()), { nil: undefined }),
    )
    .map(([base, extra]) => (extra ? { ...base, [extra[0]]: extra[1] } : base));

const validTraining = (id: unknown) => recordId().safeParse(id).success;

/** What the server should accept as a body: none, or JSON its schema accepts. */
function validBody(text: string | undefined, contentType: string): boolean {
  if (text === undefined || text === '') return true;
  if (contentType !== 'application/json') return false;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  return completeTrainingBody.safeParse(value ?? {}).success;
}

describe('hostile input to the API and the bot (local mode, demo city)', () => {
  let reap: RunningReap;
  let connector: BotConnectorEmulator;
  let jordan: TeamsUser;
  let quiet: jest.SpyInstance[];

  beforeAll(async () => {
    connector = await startBotConnectorEmulator();
    reap = await startReap(
      {
        PORT: '0',
        DATA_DIR: tempDir(),
        REAP_SEED: 'demo',
        API_RATE_LIMIT_PER_MINUTE: '1000000',
        API_RATE_LIMIT_BURST: '1000000',
      },
      clock,
    );
    const p = (await reap.store.getPerson(DEMO_PERSONAS.employee.id))!;
    jordan = { id: `29:${p.id}`, name: p.displayName, aadObjectId: p.aadObjectId };
  });
  afterAll(async () => {
    await reap?.close();
    await connector?.close();
  });
  beforeEach(() => {
    // Refused input is logged by design; keep the test output readable.
    quiet = [
      jest.spyOn(console, 'warn').mockImplementation(() => undefined),
      jest.spyOn(console, 'error').mockImplementation(() => undefined),
    ];
  });
  afterEach(() => quiet.forEach((s) => s.mockRestore()));

  const stored = async () => ({
    completions: (await reap.store.listCompletions({ personId: DEMO_PERSONAS.employee.id })).length,
    audit: (await reap.store.listAudit()).length,
  });

  it('POST /api/my/trainings/:trainingId/complete: never 500, nothing stored from a refused body', async () => {
    const bodies = fc.oneof(
      hostileValue.map((v) => ({ kind: 'json' as const, v })),
      nearShape({ completedOn: fc.oneof(hostileString, fc.anything()) }).map((v) => ({
        kind: 'json' as const,
        v,
      })),
      hostileString.map((v) => ({ kind: 'raw' as const, v })),
    );
    const contentTypes = fc.constantFrom(
      'application/json',
      'text/plain',
      'application/x-www-form-urlencoded',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(hostileString, fc.constantFrom('racial-equity-101', 'anti-racism')),
        bodies,
        contentTypes,
        async (trainingId, body, contentType) => {
          const before = await stored();
          const text = body.kind === 'json' ? JSON.stringify(body.v) : body.v;
          const res = await fetch(
            `${reap.url}/api/my/trainings/${encodeURIComponent(trainingId)}/complete`,
            {
              method: 'POST',
              headers: {
                'x-reap-local-person': DEMO_PERSONAS.employee.id,
                'content-type': contentType,
              },
              ...(text === undefined ? {} : { body: text }),
            },
          );
          expect(res.status).toBeLessThan(500);
          const answer = await res.text();
          expect(answer).not.toMatch(/\n\s+at /);
          const valid = validTraining(trainingId) && validBody(text, contentType);
          if (!valid || res.status >= 400) expect(await stored()).toEqual(before);
          if (!valid) expect(res.status).toBeGreaterThanOrEqual(400);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('GET /api/audit: never 500 from any query string', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom('limit', 'recordType', 'recordId', 'personId', 'x'),
          hostileString,
          {
            maxKeys: 3,
          },
        ),
        async (query) => {
          const qs = new URLSearchParams(query as Record<string, string>).toString();
          const res = await fetch(`${reap.url}/api/audit?${qs}`, {
            headers: { 'x-reap-local-person': DEMO_PERSONAS.officer.id },
          });
          // 400 from the schema; 414 or 431 when Node refuses an over-long address first.
          expect([200, 400, 414, 431]).toContain(res.status);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('POST /api/messages: never 500 from a hostile activity, nothing stored', async () => {
    const field = fc.oneof(hostileValue, hostileString);
    const activities = fc
      .tuple(
        fc.record(
          {
            type: fc.oneof(
              fc.constantFrom('message', 'invoke', 'conversationUpdate', 'installationUpdate'),
              field,
            ),
            name: fc.oneof(fc.constantFrom('adaptiveCard/action', 'composeExtension/query'), field),
            serviceUrl: fc.oneof(fc.constant(connector.url), field),
            from: fc.oneof(fc.constant(jordan), field),
            conversation: fc.oneof(fc.constant({ id: 'a:x', conversationType: 'personal' }), field),
            recipient: field,
            text: field,
            value: field,
            channelData: field,
            membersAdded: field,
            replyToId: field,
          },
          { requiredKeys: [] },
        ),
        hostileValue,
      )
      .map(([activity, whole]) => (Object.keys(activity).length === 0 ? whole : activity));
    await fc.assert(
      fc.asyncProperty(activities, async (activity) => {
        const before = await stored();
        const res = await fetch(`${reap.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(activity) ?? '',
        });
        const text = await res.text();
        // 501 is the SDK's "no handler for this invoke name": an answer, not a failure.
        if (res.status === 501) expect((activity as { type?: unknown }).type).toBe('invoke');
        else expect(res.status).toBeLessThan(500);
        expect(text).not.toMatch(/\n\s+at /);
        const { value } = activity as { value?: unknown };
        const mayStore =
          completeTrainingSubmitData.safeParse(value).success ||
          completeTrainingData.safeParse(
            (value as { action?: { data?: unknown } } | undefined)?.action?.data,
          ).success;
        if (!mayStore) expect(await stored()).toEqual(before);
        connector.reset();
      }),
      { numRuns: RUNS },
    );
  });

  it(`card invoke ${COMPLETE_TRAINING_VERB}: never 500, nothing stored from refused data`, async () => {
    const envelopes = fc.oneof(
      // The real envelope with random or near-miss data.
      fc
        .tuple(
          fc.oneof(fc.constant(COMPLETE_TRAINING_VERB), hostileString),
          fc.oneof(hostileValue, nearShape({ trainingId: hostileString })),
        )
        .map(([verb, data]) => ({ kind: 'data' as const, verb, data })),
      // A hostile envelope.
      hostileValue.map((value) => ({ kind: 'envelope' as const, value })),
    );
    await fc.assert(
      fc.asyncProperty(envelopes, async (e) => {
        const before = await stored();
        const base = executeAction({
          serviceUrl: connector.url,
          from: jordan,
          verb: e.kind === 'data' ? e.verb : COMPLETE_TRAINING_VERB,
          data: {},
        });
        const activity =
          e.kind === 'data'
            ? {
                ...base,
                value: {
                  ...(base.value as object),
                  action: { type: 'Action.Execute', verb: e.verb, data: e.data },
                },
              }
            : { ...base, value: e.value };
        const res = await fetch(`${reap.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(activity),
        });
        expect(res.status).toBeLessThan(500);
        const valid =
          e.kind === 'data' &&
          e.verb === COMPLETE_TRAINING_VERB &&
          completeTrainingData.safeParse(e.data).success;
        if (!valid) expect(await stored()).toEqual(before);
      }),
      { numRuns: RUNS },
    );
  });

  it(`Action.Submit ${COMPLETE_TRAINING_VERB} and messages: never 500, nothing stored from refused data`, async () => {
    const values = fc.oneof(
      hostileValue,
      nearShape({
        verb: fc.oneof(fc.constant(COMPLETE_TRAINING_VERB), hostileString),
        trainingId: hostileString,
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        values,
        fc.option(hostileString, { nil: undefined }),
        async (value, text) => {
          const before = await stored();
          const activity =
            value === undefined
              ? message({ serviceUrl: connector.url, from: jordan, text: text ?? '' })
              : {
                  ...submitAction({ serviceUrl: connector.url, from: jordan, data: {} }),
                  value,
                  text,
                };
          const res = await fetch(`${reap.url}/api/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(activity),
          });
          expect(res.status).toBeLessThan(500);
          const valid = completeTrainingSubmitData.safeParse(value).success;
          if (!valid) expect(await stored()).toEqual(before);
          connector.reset();
        },
      ),
      { numRuns: RUNS },
    );
  });
});
