import path from 'node:path';
import { MILWAUKEE_2020_2021, type SurveyResult } from '../../src/domain';
import { startReap, type RunningReap } from '../../src/server/start';
import { DEMO_PERSONAS, planSeed } from '../../src/services/demo/demo-city';
import { SurveyService } from '../../src/services/survey/survey-service';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import type { SurveyResponse } from '../../src/tab/api/api-types';
import { tempDir } from '../support/temp-dir';

// The Region of Choice survey: aggregates in (CSV or typed in), focus groups logged, and figures
// out only with small-cell suppression, checked here against the true figures the way someone
// with a calculator would attack them: subtracting what is shown from a total that is shown.

const clock = { now: () => new Date('2021-12-31T15:00:00.000Z') };
const officer = DEMO_PERSONAS.officer.id;
const THRESHOLD = MILWAUKEE_2020_2021.thresholds.suppressionMin;

const HEADER = 'year,department,question,group,respondents,value';
const QUESTION = 'I see a path to promotion in my department';
/** Three departments' answers; DOA has a group of 4 and DPW a group of 7. */
const GOOD = [
  HEADER,
  `2021,DOA,${QUESTION},Asian,4,50`,
  `2021,DOA,${QUESTION},Black,31,38.7`,
  `2021,DOA,${QUESTION},Hispanic,12,41.6`,
  `2021,DOA,${QUESTION},White,70,62.9`,
  `2021,DPW,${QUESTION},Asian,7,42.8`,
  `2021,DPW,${QUESTION},Black,210,33.3`,
  `2021,DPW,${QUESTION},Hispanic,95,40`,
  `2021,DPW,${QUESTION},White,400,58.2`,
  `2021,MHD,${QUESTION},Asian,15,60`,
  `2021,MHD,${QUESTION},Black,80,45`,
  `2021,MHD,${QUESTION},Hispanic,40,47.5`,
  `2021,MHD,${QUESTION},White,120,66.7`,
  // A second question answered by the same people: DOA's Asian group is 10 here.
  `2021,DOA,My supervisor supports my development,Asian,10,70`,
  `2021,DOA,My supervisor supports my development,Black,30,61`,
  `2021,DOA,My supervisor supports my development,Hispanic,12,58`,
  `2021,DOA,My supervisor supports my development,White,69,72`,
].join('\n');

type Line = { name: string; total: number | null; cells: Array<number | null>; truth: number[] };

/**
 * Every sum a reader can check: each department (its groups and total) and each group citywide
 * (its departments and the group's total), with the true counts behind each hidden figure.
 */
function lines(view: SurveyResponse, truth: readonly SurveyResult[]): Line[] {
  const out: Line[] = [];
  for (const q of view.questions) {
    const real = (department: string, group: string) =>
      truth.find(
        (r) =>
          r.year === q.year &&
          r.question === q.question &&
          r.departmentId === department &&
          r.group === group,
      )?.respondents ?? 0;
    for (const d of q.departments) {
      out.push({
        name: `${q.question} / ${d.departmentId}`,
        total: d.total.respondents,
        cells: d.groups.map((g) => g.respondents),
        truth: d.groups.map((g) => real(d.departmentId, g.group)),
      });
    }
    for (const g of q.citywide.groups) {
      const cells = q.departments.flatMap((d) => d.groups.filter((x) => x.group === g.group));
      out.push({
        name: `${q.question} / all ${g.group}`,
        total: g.respondents,
        cells: cells.map((c) => c.respondents),
        truth: q.departments.flatMap((d) =>
          d.groups.filter((x) => x.group === g.group).map(() => real(d.departmentId, g.group)),
        ),
      });
    }
  }
  return out;
}

describe('the diversity survey with small-cell suppression', () => {
  let reap: RunningReap;
  const api = (
    apiPath: string,
    init: { method?: string; body?: string | object; type?: string; personId?: string } = {},
  ) =>
    fetch(`${reap.url}${apiPath}`, {
      method: init.method ?? 'GET',
      headers: {
        'x-reap-local-person': init.personId ?? officer,
        ...(init.body === undefined ? {} : { 'content-type': init.type ?? 'application/json' }),
      },
      ...(init.body === undefined
        ? {}
        : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
    });

  beforeAll(async () => {
    reap = await startReap({ PORT: '0', DATA_DIR: tempDir(), REAP_SEED: 'demo' }, clock);
  });
  afterAll(async () => {
    await reap?.close();
  });

  it('imports aggregates from CSV, and shows no group under the threshold, even by subtraction from a total', async () => {
    const res = await api('/api/survey/import', { method: 'POST', body: GOOD, type: 'text/csv' });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ ok: true, stored: 16, replaced: 0, years: [2021] });

    const view = (await (await api('/api/survey')).json()) as SurveyResponse;
    expect(view.threshold).toBe(THRESHOLD);
    const truth = await reap.store.listSurveyResults();
    // Only aggregates are stored: one row per department, question and group, nothing more (the
    // demo city comes with a 2020 survey of its own, checked below with the rest).
    expect(truth.filter((r) => r.year === 2021)).toHaveLength(16);

    const shown = JSON.stringify(view);
    for (const q of view.questions) {
      for (const d of q.departments) {
        for (const g of d.groups) {
          if (g.respondents !== null) expect(g.respondents).toBeGreaterThanOrEqual(THRESHOLD);
          if (g.respondents === null) expect(g.value).toBeNull();
        }
      }
    }
    const doa = view.questions
      .find((q) => q.question === QUESTION)
      ?.departments.find((d) => d.departmentId === 'DOA');
    expect(doa?.groups.find((g) => g.group === 'Asian')).toEqual({
      group: 'Asian',
      respondents: null,
      value: null,
    });
    // DOA's total is still shown, so a second group of DOA is hidden with the small one.
    expect(doa?.total.respondents).toBe(117);
    expect(doa?.groups.filter((g) => g.respondents === null).length).toBeGreaterThanOrEqual(2);

    let attacked = 0;
    for (const line of lines(view, truth)) {
      if (line.total === null) continue;
      const hidden = line.cells.flatMap((c, i) => (c === null ? [line.truth[i] ?? 0] : []));
      // Subtracting the shown figures from the total gives the sum of the hidden ones: it must
      // hide at least two groups, and be no small figure itself.
      if (hidden.length > 0) {
        attacked += 1;
        expect(hidden.length).toBeGreaterThanOrEqual(2);
        expect(hidden.reduce((s, n) => s + n, 0)).toBeGreaterThanOrEqual(THRESHOLD);
      }
    }
    expect(attacked).toBeGreaterThanOrEqual(3); // DOA, DPW and the Asian group citywide
    // The second question hides what the first hides: DOA's Asian group (10 there) too.
    const second = view.questions.find((q) => q.question !== QUESTION);
    expect(second?.departments[0]?.groups.find((g) => g.group === 'Asian')?.respondents).toBeNull();
    expect(shown).not.toContain('"respondents":4,');
    expect(shown).not.toContain('"respondents":7,');
  });

  it('refuses a file with bad rows, names each line, and stores nothing', async () => {
    const before = (await reap.store.listSurveyResults()).length;
    const bad = [
      HEADER,
      `2021,MPL,${QUESTION},Black,40,51`,
      `21,MPL,${QUESTION},White,40,51`,
      `2021,NOPE,${QUESTION},White,40,51`,
      `2021,MPL,${QUESTION},Asian,-3,51`,
      `2021,MPL,${QUESTION},Hispanic,12,51%`,
      `2021,MPL,${QUESTION},Black,40,51`,
      `2021,citywide,${QUESTION},Black,400,51`,
    ].join('\n');
    const res = await api('/api/survey/import', { method: 'POST', body: { csv: bad } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      errors: Array<{ line: number; field: string; rule: string }>;
    };
    expect(body.errors.map((e) => [e.line, e.field, e.rule])).toEqual([
      [3, 'year', 'range'],
      [4, 'department', 'one-of'],
      [5, 'respondents', 'whole-number'],
      [6, 'value', 'number'],
      [7, 'row', 'unique'],
      [8, 'department', 'one-shape'],
    ]);
    expect(await reap.store.listSurveyResults()).toHaveLength(before);
  });

  it('refuses what looks like individual answers rather than aggregates', async () => {
    const answers = [
      HEADER,
      ...Array.from({ length: 8 }, (_, i) => `2021,DER,${QUESTION},Person ${i},1,${i % 5}`),
    ];
    const res = await api('/api/survey/import', {
      method: 'POST',
      body: { csv: answers.join('\n') },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      errors: [{ line: 2, field: 'respondents', rule: 'aggregates-only' }],
    });
  });

  it('takes aggregates typed in for one department and question, and focus groups, from the officer only', async () => {
    const entry = {
      year: 2021,
      departmentId: 'MPL',
      question: 'I would recommend the city as an employer',
      results: [
        { group: 'Black', respondents: 40, value: 55 },
        { group: 'White', respondents: 90, value: 71.5 },
        { group: 'Asian', respondents: 3, value: 80 },
      ],
    };
    expect(
      (
        await api('/api/survey/results', {
          method: 'POST',
          body: entry,
          personId: DEMO_PERSONAS.lead.id,
        })
      ).status,
    ).toBe(403);
    const res = await api('/api/survey/results', { method: 'POST', body: entry });
    expect(res.status).toBe(201);
    const focus = {
      heldOn: '2021-04-12',
      topic: 'Barriers to promotion into leadership',
      participants: 8,
      departmentId: 'DER',
    };
    const logged = await api('/api/survey/focus-groups', { method: 'POST', body: focus });
    expect(logged.status).toBe(201);
    // Sent again (a retried request): kept once.
    expect((await api('/api/survey/focus-groups', { method: 'POST', body: focus })).status).toBe(
      201,
    );
    await api('/api/survey/focus-groups', {
      method: 'POST',
      body: { heldOn: '2021-06-02', topic: 'Hiring panels', participants: 14 },
    });
    const focusGroups = (await reap.store.listFocusGroups()).filter(
      (g) => !g.id.startsWith('focus-demo-'),
    );
    expect(focusGroups).toHaveLength(2);

    const view = (await (
      await api('/api/survey?year=2021', { personId: DEMO_PERSONAS.lead.id })
    ).json()) as SurveyResponse;
    const mpl = view.questions.find((q) => q.question === entry.question)?.departments[0];
    expect(mpl?.groups.find((g) => g.group === 'Asian')?.respondents).toBeNull();
    // Focus groups: 8 is hidden, and so is 14, else 22 - 14 = 8; the total alone gives neither.
    expect(view.focusGroups).toMatchObject({ held: 2, participants: 22 });
    expect(view.focusGroups.list.map((g) => g.participants)).toEqual([null, null]);
    expect((await api('/api/survey', { personId: DEMO_PERSONAS.employee.id })).status).toBe(403);
    const audit = await reap.store.listAudit({ recordType: 'survey' });
    expect(audit.map((e) => e.action).sort()).toEqual(['survey.enter', 'survey.import']);
  });
});

describe('SurveyService', () => {
  it('suppresses at the threshold of the plan settings', async () => {
    const store = new SqliteStore(path.join(tempDir(), 'reap.sqlite'));
    try {
      await store.putPlan(planSeed());
      const settings = {
        ...MILWAUKEE_2020_2021,
        thresholds: { ...MILWAUKEE_2020_2021.thresholds, suppressionMin: 5 },
      };
      const service = new SurveyService(store, settings, clock);
      const report = await service.enter(
        {
          year: 2021,
          departmentId: 'DER',
          question: 'q',
          results: [
            { group: 'A', respondents: 6, value: 1 },
            { group: 'B', respondents: 20, value: 2 },
          ],
        },
        'system',
      );
      expect(report).toMatchObject({ ok: true, stored: 2 });
      const view = await service.suppressed();
      expect(view.threshold).toBe(5);
      expect(view.questions[0]?.departments[0]?.groups.map((g) => g.respondents)).toEqual([6, 20]);
    } finally {
      await store.close();
    }
  });
});
