import crypto from 'node:crypto';
import { DESIGNATE_RELT_VERB } from '../../bot/forms/relt-form';
import { MANAGE_AMBASSADORS_VERB } from '../../bot/forms/ambassadors-form';
import { ADOPT_VISION_VERB } from '../../bot/forms/vision-form';
import {
  EDIT_IMPACT_STATEMENT_VERB,
  RECORD_IMPACT_STATEMENT_VERB,
} from '../../bot/forms/impact-statement-form';
import { REPORT_STRATEGY_STATUS_VERB } from '../../bot/forms/strategy-status-form';
import { LOG_MEETING_VERB } from '../../bot/forms/meeting-form';
import { LOG_OUTREACH_VERB } from '../../bot/forms/outreach-form';
import { OPEN_FORM_VERB } from '../../bot/forms/form-dispatch';
import { FORMS } from '../../bot/forms/form-registry';
import { TOOLKIT_STEP_VERB } from '../../bot/cards/toolkit-card';
import { TOOLKIT_OPEN_VERB } from '../../bot/cards/toolkit-list-card';
import { TOOLKIT_REVIEW_OPEN_VERB } from '../../bot/cards/toolkit-queue-card';
import { TOOLKIT_REVIEW_VERB } from '../../bot/cards/toolkit-review-card';
import { COMPLETE_TRAINING_VERB } from '../../bot/invokes/complete-training';
import { CONFIRM_REMINDER_VERB } from '../../bot/invokes/confirm-reminder';
import { NUDGE_DEPARTMENT_VERB } from '../../bot/invokes/nudge-department';
import { RECORD_ATTENDANCE_VERB } from '../../bot/invokes/record-attendance';
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
  /** A completion for the caller: one more completion and one more audit entry when allowed. */
  write?: boolean;
  /** What an allowed write must have changed, when it is not a completion. */
  wrote?: (before: Snapshot, after: Snapshot) => void;
  /** Checks a 200 answer's body for the caller (what a read shows depends on who asks). */
  answer?: (body: unknown, c: Caller) => void;
};

const OFFICER_ONLY = {
  anonymous: 401,
  offRoster: 403,
  employee: 403,
  ambassador: 403,
  leadSameDept: 403,
  leadOtherDept: 403,
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
    route: 'GET /api/progress/trend',
    request: () => ({ method: 'GET', path: '/api/progress/trend' }),
    expect: { ...ALL_200, anonymous: 401, offRoster: 403, employee: 403 },
  },
  {
    route: 'GET /api/progress/departments/:departmentId',
    request: () => ({ method: 'GET', path: '/api/progress/departments/MPL' }),
    expect: { ...ALL_200, anonymous: 401, offRoster: 403 },
    // Names of the unconfirmed only for MPL's own leads and Ambassadors and the officer.
    answer: (body, c) =>
      expect('people' in (body as object)).toBe(
        ['ambassador', 'leadSameDept', 'officer'].includes(c.column),
      ),
  },
  {
    route: 'GET /api/departments',
    request: () => ({ method: 'GET', path: '/api/departments' }),
    expect: { ...ALL_200, anonymous: 401, offRoster: 403 },
  },
  {
    route: 'GET /api/my/plan',
    request: () => ({ method: 'GET', path: '/api/my/plan' }),
    expect: { ...ALL_200, anonymous: 401, offRoster: 403 },
    answer: (body, c) =>
      expect('department' in (body as object)).toBe(
        ['ambassador', 'leadSameDept', 'leadOtherDept'].includes(c.column),
      ),
  },
  {
    route: 'POST /api/toolkit/analyses/:analysisId/review',
    // An analysis that does not exist: the officer gets past the rules to 404; nothing changes.
    request: () => ({
      method: 'POST',
      path: '/api/toolkit/analyses/no-such-analysis/review',
      body: { decision: 'accept', version: 1 },
    }),
    expect: { ...OFFICER_ONLY, officer: 404 },
  },
  {
    route: 'GET /api/toolkit/analyses',
    request: () => ({ method: 'GET', path: '/api/toolkit/analyses' }),
    expect: { ...ALL_200, anonymous: 401, offRoster: 403, employee: 403 },
    // The officer sees every department's; a lead or Ambassador only their own.
    answer: (body, c) => {
      const departments = new Set(
        (body as { analyses: Array<{ departmentId: string }> }).analyses.map((a) => a.departmentId),
      );
      if (c.column === 'officer') expect(departments.size).toBeGreaterThan(1);
      else expect([...departments]).toEqual([c.person?.departmentId]);
    },
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
  {
    route: 'GET /api/waves',
    request: () => ({ method: 'GET', path: '/api/waves' }),
    expect: { ...OFFICER_ONLY, officer: 200 },
  },
  {
    route: 'POST /api/waves/:waveId/open',
    // On TODAY every wave has opened, so the officer is allowed and told so (400, not 403).
    request: () => ({
      method: 'POST',
      path: '/api/waves/anti-racism-w3/open',
      body: { dueOn: '2021-12-31' },
    }),
    expect: { ...OFFICER_ONLY, officer: 400 },
  },
  {
    route: 'POST /api/campaigns',
    request: () => ({
      method: 'POST',
      path: '/api/campaigns',
      body: { waveId: 'gare-toolkit-w2' },
    }),
    expect: { ...OFFICER_ONLY, officer: 201 },
    wrote: (before, after) => expect(after).toEqual({ ...before, audit: before.audit + 1 }),
  },
  {
    route: 'GET /api/campaigns',
    request: () => ({ method: 'GET', path: '/api/campaigns' }),
    expect: { ...OFFICER_ONLY, officer: 200 },
  },
  {
    route: 'GET /api/campaigns/:campaignId/recipients',
    request: () => ({ method: 'GET', path: '/api/campaigns/no-such-campaign/recipients' }),
    expect: { ...OFFICER_ONLY, officer: 404 },
  },
  {
    route: 'GET /api/reports',
    request: () => ({ method: 'GET', path: '/api/reports' }),
    expect: { ...OFFICER_ONLY, officer: 200 },
  },
  {
    route: 'GET /api/reports/:year',
    // Not compiled: the officer gets past the rules to 404.
    request: () => ({ method: 'GET', path: '/api/reports/2019.docx' }),
    expect: { ...OFFICER_ONLY, officer: 404 },
  },
  {
    route: 'POST /api/reports/:year',
    request: () => ({ method: 'POST', path: '/api/reports/2021' }),
    expect: { ...OFFICER_ONLY, officer: 201 },
    wrote: (before, after) => expect(after).toEqual({ ...before, audit: before.audit + 1 }),
  },
  {
    route: 'GET /api/public-summary.html',
    request: () => ({ method: 'GET', path: '/api/public-summary.html' }),
    expect: { ...OFFICER_ONLY, officer: 200 },
  },
  {
    route: 'GET /api/public-summary.csv',
    request: () => ({ method: 'GET', path: '/api/public-summary.csv' }),
    expect: { ...OFFICER_ONLY, officer: 200 },
  },
  {
    route: 'GET /api/indicators',
    request: () => ({ method: 'GET', path: '/api/indicators' }),
    expect: { ...ALL_200, anonymous: 401, offRoster: 403 },
  },
  {
    route: 'POST /api/indicators/import',
    // The officer and the Health Department's team (leadOtherDept leads MHD); MPL's team not.
    request: () => ({
      method: 'POST',
      path: '/api/indicators/import',
      body: {
        csv: 'indicator,group,place,year,value,source\nInfant mortality,Black,Milwaukee,2019,14.2,WISH',
      },
    }),
    expect: {
      anonymous: 401,
      offRoster: 403,
      employee: 403,
      ambassador: 403,
      leadSameDept: 403,
      leadOtherDept: 201,
      officer: 201,
    },
    wrote: (before, after) => expect(after).toEqual({ ...before, audit: before.audit + 1 }),
  },
  {
    route: 'GET /api/survey',
    request: () => ({ method: 'GET', path: '/api/survey' }),
    expect: { ...ALL_200, anonymous: 401, offRoster: 403, employee: 403 },
  },
  {
    route: 'POST /api/survey/import',
    request: () => ({
      method: 'POST',
      path: '/api/survey/import',
      body: { csv: 'year,department,question,group,respondents,value\n2021,DER,q,Black,40,51' },
    }),
    expect: { ...OFFICER_ONLY, officer: 201 },
    wrote: (before, after) => expect(after).toEqual({ ...before, audit: before.audit + 1 }),
  },
  {
    route: 'POST /api/survey/results',
    request: () => ({
      method: 'POST',
      path: '/api/survey/results',
      body: {
        year: 2021,
        departmentId: 'DER',
        question: 'q2',
        results: [{ group: 'Black', respondents: 40, value: 51 }],
      },
    }),
    expect: { ...OFFICER_ONLY, officer: 201 },
    wrote: (before, after) => expect(after).toEqual({ ...before, audit: before.audit + 1 }),
  },
  {
    route: 'POST /api/survey/focus-groups',
    request: () => ({
      method: 'POST',
      path: '/api/survey/focus-groups',
      body: { heldOn: '2021-04-12', topic: 'Barriers to promotion', participants: 12 },
    }),
    expect: { ...OFFICER_ONLY, officer: 201 },
    wrote: (before, after) => expect(after).toEqual({ ...before, audit: before.audit + 1 }),
  },
];

/** A bot verb's outcome: done, refused as someone not on the roster, or refused for their role or department. */
type BotOutcome = 'done' | 'not-on-roster' | 'refused';

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

/** Leads and Ambassadors of MPL, and the officer; everyone else refused. */
const MPL_TEAM: Record<Column, BotOutcome> = {
  anonymous: 'not-on-roster',
  // Signed in but not on the roster: refused for their role, as the policy decides.
  offRoster: 'refused',
  employee: 'refused',
  ambassador: 'done',
  leadSameDept: 'done',
  leadOtherDept: 'refused',
  officer: 'done',
};

/** The lead forms: any verified person off the roster is told so before any rule is asked. */
const MPL_FORMS: Record<Column, BotOutcome> = { ...MPL_TEAM, offRoster: 'not-on-roster' };

/** Only the Equity Officer; signed-in people off the roster are told so first. */
const OFFICER_FORMS: Record<Column, BotOutcome> = {
  anonymous: 'not-on-roster',
  offRoster: 'not-on-roster',
  employee: 'refused',
  ambassador: 'refused',
  leadSameDept: 'refused',
  leadOtherDept: 'refused',
  officer: 'done',
};

/**
 * A press of a lead form's button for MPL, with data that passes authorisation but that the form
 * answers without storing (an empty or unknown choice): the matrix checks who gets past the
 * rules; each form's own suite in tests/forms checks what a valid submit stores.
 */
function formRow(
  verb: string,
  data: Record<string, unknown>,
  outcomes: Record<Column, BotOutcome> = MPL_FORMS,
): BotRow {
  return {
    verb: `invoke ${verb}`,
    activity: (serviceUrl, from) =>
      executeAction({ serviceUrl, from, verb, data: { departmentId: 'MPL', ...data } }),
    expect: outcomes,
    done: (text) => expect(text).not.toMatch(/Not allowed|can't find you|does not accept/),
  };
}

const FORM_ROWS: BotRow[] = [
  formRow(TOOLKIT_STEP_VERB, {
    analysisId: 'matrix-analysis',
    version: 0,
    step: 'proposal',
    move: 'save',
    title: '',
  }),
  formRow(TOOLKIT_OPEN_VERB, { analysisId: '' }),
  formRow(
    TOOLKIT_REVIEW_VERB,
    { analysisId: 'no-such-analysis', version: 1, decision: 'accept' },
    OFFICER_FORMS,
  ),
  formRow(TOOLKIT_REVIEW_OPEN_VERB, { analysisId: 'no-such-analysis' }, OFFICER_FORMS),
  formRow(DESIGNATE_RELT_VERB, { changeId: 'matrix-change', firstMember: '', secondMember: '' }),
  formRow(MANAGE_AMBASSADORS_VERB, { changeId: 'matrix-change', add: '', remove: '' }),
  formRow(ADOPT_VISION_VERB, { visionId: 'matrix-vision', text: '', adoptedOn: '' }),
  formRow(RECORD_IMPACT_STATEMENT_VERB, {
    statementId: 'matrix-statement',
    cardId: 'matrix-card',
    councilFileNumber: '',
    title: '',
    guidedBy: '',
    status: '',
    guidedOn: '',
  }),
  formRow(EDIT_IMPACT_STATEMENT_VERB, { statementId: 'no-such-statement' }),
  formRow(REPORT_STRATEGY_STATUS_VERB, { quarter: '2021-Q2', reportId: 'matrix-report' }),
  formRow(LOG_MEETING_VERB, { meetingId: 'matrix-meeting', heldOn: '', partners: '', notes: '' }),
  formRow(LOG_OUTREACH_VERB, {
    eventId: 'matrix-event',
    heldOn: '',
    title: '',
    partners: '',
    notes: '',
  }),
];

const BOT_ROWS: BotRow[] = [
  {
    verb: 'message "forms"',
    activity: (serviceUrl, from) => message({ serviceUrl, from, text: 'forms' }),
    // Without a department named, each lead gets their own department's menu.
    expect: { ...MPL_FORMS, leadOtherDept: 'done' },
    done: (text) => expect(text).toContain('Racial equity forms'),
  },
  {
    verb: `invoke ${OPEN_FORM_VERB}`,
    activity: (serviceUrl, from) =>
      executeAction({
        serviceUrl,
        from,
        verb: OPEN_FORM_VERB,
        data: { form: 'vision', departmentId: 'MPL' },
      }),
    expect: MPL_FORMS,
    done: (text) => expect(text).toMatch(/Vision/),
  },
  ...FORM_ROWS,
  {
    verb: `invoke ${RECORD_ATTENDANCE_VERB}`,
    activity: (serviceUrl, from) =>
      executeAction({
        serviceUrl,
        from,
        verb: RECORD_ATTENDANCE_VERB,
        data: {
          step: 'record',
          departmentId: 'MPL',
          trainingId: callers.employee.pendingTrainingId ?? 'racial-equity-101',
          completedOn: TODAY,
          employeeNumbers: callers.employee.person?.id ?? '',
        },
      }),
    expect: MPL_TEAM,
    done: (text) => expect(text).toMatch(/recorded/i),
  },
  {
    verb: `invoke ${NUDGE_DEPARTMENT_VERB}`,
    activity: (serviceUrl, from) =>
      executeAction({
        serviceUrl,
        from,
        verb: NUDGE_DEPARTMENT_VERB,
        data: { waveId: 'anti-racism-w3', departmentId: 'MPL' },
      }),
    expect: { ...MPL_TEAM, ambassador: 'refused' },
    done: (text) => expect(text).toMatch(/Reminder on its way|still being sent/),
  },
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
    verb: `invoke ${CONFIRM_REMINDER_VERB}`,
    activity: (serviceUrl, from, c) =>
      executeAction({
        serviceUrl,
        from,
        verb: CONFIRM_REMINDER_VERB,
        data: { trainingId: c.pendingTrainingId ?? 'racial-equity-101', waveId: 'any-wave' },
      }),
    expect: ROSTER_ONLY,
    write: true,
    done: (text) => expect(text).toMatch(/(Already recorded|Recorded): /),
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
      if (row.answer && res.status === 200) row.answer(await res.json(), caller);
      if (row.wrote && res.status < 400) {
        row.wrote(before, await snapshot());
      } else if (!row.write) {
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

  it('has a row for every button of every lead form', () => {
    const verbs = FORMS.flatMap((f) => f.verbs.map((v) => `invoke ${v.verb}`));
    const rows = new Set(BOT_ROWS.map((r) => r.verb));
    expect(verbs.filter((v) => !rows.has(v))).toEqual([]);
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
      if (row.expect[column] === 'refused') {
        expect(answer).toMatch(/Not allowed|only for your own department|Only a department/);
        expect(await snapshot()).toEqual(before);
        return;
      }
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
