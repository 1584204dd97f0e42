import crypto from 'node:crypto';
import { COMPLETE_TRAINING_VERB } from '../../bot/invokes/complete-training';
import {
  requirementsFor,
  waveState,
  type Completion,
  type DepartmentMember,
  type Person,
} from '../../src/domain';
import { generateDemoCity } from '../../src/services/demo/demo-city';
import { startSecuredReap, type SecuredReap } from '../auth/secured-reap';
import { executeAction, message, submitAction, type TeamsUser } from '../bot/teams-activities';
import { cardText } from '../bot/validate-card';

// Every API route and every bot verb × every kind of caller, outside local mode: SSO tokens for
// the API, Bot Framework channel tokens for the bot, all checked for real against local emulators.
// Each cell states the exact outcome; a refused write must leave the store as it was.

const TODAY = '2021-06-15';
const clock = { now: () => new Date(`${TODAY}T15:00:00.000Z`) };

const COLUMNS = [
  'anonymous',
  'offRoster',
  'employee',
  'ambassador',
  'leadSameDept',
  'leadOtherDept',
  'officer',
] as const;
type Column = (typeof COLUMNS)[number];

/** Who each column is: someone in the demo city with a training open for them on TODAY. */
type Caller = { column: Column; person?: Person; aadObjectId?: string; pendingTrainingId?: string };

function pickCallers(): Record<Column, Caller> {
  const city = generateDemoCity();
  const done = new Set(city.completions.map((c: Completion) => `${c.personId}/${c.trainingId}`));
  const membership = new Map(city.members.map((m: DepartmentMember) => [m.personId, m.role]));
  const pending = (p: Person) => {
    const isLead = membership.get(p.id) === 'lead';
    return requirementsFor(p, isLead, city.trainings, city.waves).find(
      ({ training, wave }) =>
        !done.has(`${p.id}/${training.id}`) && ['open', 'overdue'].includes(waveState(wave, TODAY)),
    )?.training.id;
  };
  const pick = (column: Column, where: (p: Person) => boolean): Caller => {
    const person = city.people.find((p) => where(p) && pending(p) !== undefined);
    if (!person) throw new Error(`the demo city has nobody for ${column} with an open training`);
    return { column, person, aadObjectId: person.aadObjectId, pendingTrainingId: pending(person) };
  };
  return {
    anonymous: { column: 'anonymous' },
    offRoster: { column: 'offRoster', aadObjectId: crypto.randomUUID() },
    employee: pick('employee', (p) => p.departmentId === 'MPL' && !membership.has(p.id)),
    ambassador: pick(
      'ambassador',
      (p) => p.departmentId === 'MPL' && membership.get(p.id) === 'ambassador',
    ),
    leadSameDept: pick(
      'leadSameDept',
      (p) => p.departmentId === 'MPL' && membership.get(p.id) === 'lead',
    ),
    leadOtherDept: pick(
      'leadOtherDept',
      (p) => p.departmentId === 'MHD' && membership.get(p.id) === 'lead',
    ),
    officer: pick('officer', (p) => p.departmentId === 'DOA' && !membership.has(p.id)),
  };
}

const callers = pickCallers();

/** What the store holds that a refused write must not change. */
type Snapshot = { completions: number; audit: number };

type ApiRow = {
  route: string;
  request(c: Caller): { method: string; path: string; body?: unknown };
  expect: Record<Column, number>;
  write?: boolean;
};

const ALL_200 = {
  anonymous: 200,
  offRoster: 200,
  employee: 200,
  ambassador: 200,
  leadSameDept: 200,
  leadOtherDept: 200,
  officer: 200,
};

const API_ROWS: ApiRow[] = [
  { route: 'GET /api/me', request: () => ({ method: 'GET', path: '/api/me' }), expect: ALL_200 },
  {
    route: 'GET /api/local/identities',
    request: () => ({ method: 'GET', path: '/api/local/identities' }),
    // Refused to everyone outside local mode.
    expect: {
      anonymous: 403,
      offRoster: 403,
      employee: 403,
      ambassador: 403,
      leadSameDept: 403,
      leadOtherDept: 403,
      officer: 403,
    },
  },
  {
    route: 'GET /api/plan',
    request: () => ({ method: 'GET', path: '/api/plan' }),
    expect: { ...ALL_200, anonymous: 401 },
  },
  {
    route: 'GET /api/progress/citywide',
    request: () => ({ method: 'GET', path: '/api/progress/citywide' }),
    expect: { ...ALL_200, anonymous: 401, offRoster: 403, employee: 403 },
  },
  {
    route: 'GET /api/my/trainings',
    request: () => ({ method: 'GET', path: '/api/my/trainings' }),
    expect: { ...ALL_200, anonymous: 401, offRoster: 403 },
  },
  {
    route: 'POST /api/my/trainings/:trainingId/complete',
    request: (c) => ({
      method: 'POST',
      path: `/api/my/trainings/${c.pendingTrainingId ?? 'racial-equity-101'}/complete`,
      body: { completedOn: TODAY },
    }),
    expect: {
      anonymous: 401,
      offRoster: 403,
      employee: 201,
      ambassador: 201,
      leadSameDept: 201,
      leadOtherDept: 201,
      officer: 201,
    },
    write: true,
  },
  {
    route: 'GET /api/audit',
    request: () => ({ method: 'GET', path: '/api/audit' }),
    expect: {
      anonymous: 401,
      offRoster: 403,
      employee: 403,
      ambassador: 403,
      leadSameDept: 403,
      leadOtherDept: 403,
      officer: 200,
    },
  },
];

/** A bot verb's outcome: done for the person, or refused as someone not on the roster. */
type BotOutcome = 'done' | 'not-on-roster';

type BotRow = {
  verb: string;
  activity(serviceUrl: string, user: TeamsUser, c: Caller): Record<string, unknown>;
  expect: Record<Column, BotOutcome>;
  write?: boolean;
  /** Checks a `done` answer: the text the person sees. */
  done(text: string, c: Caller): void;
};

const ROSTER_ONLY: Record<Column, BotOutcome> = {
  anonymous: 'not-on-roster',
  offRoster: 'not-on-roster',
  employee: 'done',
  ambassador: 'done',
  leadSameDept: 'done',
  leadOtherDept: 'done',
  officer: 'done',
};

const BOT_ROWS: BotRow[] = [
  {
    verb: 'message "help"',
    activity: (serviceUrl, from) => message({ serviceUrl, from, text: 'help' }),
    expect: ROSTER_ONLY,
    done: (text) => expect(text).toContain('my trainings: '),
  },
  {
    verb: 'message "my trainings"',
    activity: (serviceUrl, from) => message({ serviceUrl, from, text: 'my trainings' }),
    expect: ROSTER_ONLY,
    done: (text, c) => expect(text).toContain(`${c.person?.displayName} · `),
  },
  {
    verb: `invoke ${COMPLETE_TRAINING_VERB}`,
    activity: (serviceUrl, from, c) =>
      executeAction({
        serviceUrl,
        from,
        verb: COMPLETE_TRAINING_VERB,
        data: { trainingId: c.pendingTrainingId ?? 'racial-equity-101' },
      }),
    expect: ROSTER_ONLY,
    write: true,
    done: (text) => expect(text).toMatch(/(Already recorded|Recorded): you completed/),
  },
  {
    verb: `Action.Submit ${COMPLETE_TRAINING_VERB}`,
    activity: (serviceUrl, from, c) =>
      submitAction({
        serviceUrl,
        from,
        data: {
          verb: COMPLETE_TRAINING_VERB,
          trainingId: c.pendingTrainingId ?? 'racial-equity-101',
        },
      }),
    expect: ROSTER_ONLY,
    write: true,
    done: (text) => expect(text).toMatch(/Already recorded: you completed/),
  },
];

describe('the authorisation matrix (outside local mode, tokens checked)', () => {
  let reap: SecuredReap;

  beforeAll(async () => {
    reap = await startSecuredReap({
      clock,
      env: { EQUITY_OFFICER_OBJECT_IDS: callers.officer.aadObjectId ?? '' },
    });
  });
  afterAll(async () => {
    await reap?.close();
  });

  const snapshot = async (): Promise<Snapshot> => ({
    completions: (await reap.store.listCompletions()).length,
    audit: (await reap.store.listAudit()).length,
  });

  it('has a row for every API route the server mounts', () => {
    const routes: unknown = reap.server.router.getRoutes();
    const mounted = Object.values(routes as Record<string, { method: string; path: string }>)
      .map((r) => `${r.method} ${r.path}`)
      .filter((r) => / \/api\//.test(r) && r !== 'POST /api/messages');
    expect(mounted.sort()).toEqual(API_ROWS.map((r) => r.route).sort());
  });

  describe.each(API_ROWS)('$route', (row) => {
    it.each(COLUMNS)('as %s', async (column) => {
      const caller = callers[column];
      const { method, path, body } = row.request(caller);
      const token = caller.aadObjectId ? await reap.ssoToken(caller.aadObjectId) : undefined;
      const before = await snapshot();
      const res = await reap.api(path, { method, body, ...(token ? { token } : {}) });
      expect(res.status).toBe(row.expect[column]);
      if (!row.write) {
        expect(await snapshot()).toEqual(before);
      } else if (res.status >= 400) {
        expect(await snapshot()).toEqual(before);
      } else {
        const answer = (await res.json()) as { completion: Completion; created: boolean };
        expect(answer.completion).toMatchObject({
          personId: caller.person?.id,
          trainingId: caller.pendingTrainingId,
          source: 'tab',
        });
        expect(await snapshot()).toEqual({
          completions: before.completions + 1,
          audit: before.audit + 1,
        });
      }
    });
  });

  describe.each(BOT_ROWS)('bot: $verb', (row) => {
    it.each(COLUMNS)('as %s', async (column) => {
      const caller = callers[column];
      const user: TeamsUser = {
        id: `29:${column}`,
        name: caller.person?.displayName ?? 'Sam Stranger',
        aadObjectId: caller.aadObjectId ?? '',
      };
      const activity = row.activity(reap.connector.url, user, caller);
      if (!caller.aadObjectId) delete (activity.from as Record<string, unknown>).aadObjectId;
      reap.connector.reset();
      const before = await snapshot();
      const res = await reap.postActivity(activity);
      expect(res.status).toBe(200);
      const answer =
        activity.type === 'invoke'
          ? cardText(((await res.json()) as { value: unknown }).value)
          : reap.connector
              .activities()
              .map((a) =>
                a.attachments
                  ? cardText((a.attachments as [{ content: unknown }])[0].content)
                  : String(a.text),
              )
              .join('\n');
      if (row.expect[column] === 'not-on-roster') {
        expect(answer).toMatch(/can't find you on the city's staff roster/);
        expect(await snapshot()).toEqual(before);
        return;
      }
      row.done(answer, caller);
      if (row.write) {
        const mine = await reap.store.listCompletions({
          personId: caller.person?.id,
          trainingId: caller.pendingTrainingId,
        });
        expect(mine).toHaveLength(1);
        expect((await snapshot()).completions - before.completions).toBeLessThanOrEqual(1);
      }
    });
  });
});
