import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { ApiError } from '../../src/tab/api/api-client';
import type { CsvLineError, SurveyResponse } from '../../src/tab/api/api-types';
import { fieldProblems, typedNumber } from '../../src/tab/api/field-problems';
import { startReap, type RunningReap } from '../../src/server/start';
import { DEMO_PERSONAS } from '../../src/services/demo/demo-city';
import {
  entryFieldOf,
  rowField,
  surveyEntryRequest,
} from '../../src/tab/components/SurveyEntry/survey-entry-request';
import { SUPPRESSED, surveyCellText } from '../../src/tab/components/Survey/survey-figures';
import { tempDir } from '../support/temp-dir';
import { launchChromium } from '../../src/bench/headless-chromium';

// The Equity Officer records the diversity survey through the tab (built, dist/tab), against the
// real server and its demo city in a real SQLite file, in headless Chromium: a survey file
// imported (a bad one refused line by line, nothing stored), results entered by hand (the
// server's refusal beside the field it names, nothing stored), a focus group logged. What is
// stored is read back from the store and the API, never compared with constants; a lead sees
// none of it; axe with the forms open in each theme.

const root = path.resolve(__dirname, '..', '..');
const THEMES = ['light', 'dark', 'contrast'] as const;
const TODAY = '2022-01-14';
const startedAt = Date.now();
const clock = {
  now: () => new Date(Date.parse(`${TODAY}T15:00:00.000Z`) + Date.now() - startedAt),
};
const officer = DEMO_PERSONAS.officer;
const lead = DEMO_PERSONAS.lead;
/** A page of forms, tables and charts under axe takes tens of seconds on a busy machine. */
const SLOW_MS = 240_000;

const HEADER = 'year,department,question,group,respondents,value';
const IMPORTED = 'I feel I belong in my department';
/** Three departments; DOA's Asian group (4) and DPW's (7) are under the threshold. */
const SURVEY_GOOD = [
  HEADER,
  `2021,DOA,${IMPORTED},Asian,4,55`,
  `2021,DOA,${IMPORTED},Black,31,48.4`,
  `2021,DOA,${IMPORTED},White,70,71.4`,
  `2021,DPW,${IMPORTED},Asian,7,57.1`,
  `2021,DPW,${IMPORTED},Black,210,44.8`,
  `2021,DPW,${IMPORTED},White,400,69`,
  `2021,MHD,${IMPORTED},Asian,15,60`,
  `2021,MHD,${IMPORTED},Black,80,52.5`,
  `2021,MHD,${IMPORTED},White,120,70.8`,
].join('\n');
/** A good line, then respondents that are no number, and a department the plan does not have. */
const SURVEY_BAD = [
  HEADER,
  `2021,DOA,${IMPORTED},Black,31,48.4`,
  `2021,DOA,${IMPORTED},White,many,71.4`,
  `2021,XYZ,${IMPORTED},Black,12,50`,
].join('\n');
const ENTERED = 'I would recommend the city as an employer';

describe('the survey entry form’s request and the server’s refusals mapped to its fields', () => {
  it('sends what is typed, numbers as numbers, text that is no number as typed, no blank row', () => {
    const { body, rowKeys } = surveyEntryRequest({
      year: '2021',
      departmentId: '',
      question: 'Q',
      rows: [
        { key: 7, group: 'Black', respondents: '80', value: '71.2' },
        { key: 8, group: '', respondents: ' ', value: '' },
        { key: 9, group: 'White', respondents: '12', value: '68.4%' },
      ],
    });
    expect(body).toEqual({
      year: 2021,
      question: 'Q',
      results: [
        { group: 'Black', respondents: 80, value: 71.2 },
        { group: 'White', respondents: 12, value: '68.4%' },
      ],
    });
    expect(rowKeys).toEqual([7, 9]);
    expect(typedNumber('-3')).toBe(-3);
    expect(typedNumber('1,234')).toBe('1,234');
  });

  it('puts each problem beside the field the server names, and the rest on the whole form', () => {
    const rowKeys = [7, 9];
    const at = (field: string, line?: CsvLineError) => entryFieldOf(field, rowKeys, line);
    const named = new ApiError(400, 'validation', 'results.1.value: must be a number', {
      field: 'results.1.value',
      rule: 'type',
    });
    expect(fieldProblems(named, at).byField).toEqual(
      new Map([[rowField(9, 'value'), 'results.1.value: must be a number']]),
    );
    const line = (n: number, field: string, message: string) => ({
      line: n,
      field,
      rule: 'r',
      message,
    });
    const lines = new ApiError(400, 'validation', '3 bad rows', {
      field: 'csv',
      lines: [
        line(1, 'year', '2030 is not between 2000 and 2022'),
        line(2, 'year', '2030 is not between 2000 and 2022'),
        line(2, 'row', 'repeats line 1'),
      ],
    });
    expect(fieldProblems(lines, at).byField).toEqual(
      new Map([
        ['year', 'year: 2030 is not between 2000 and 2022'],
        [rowField(9, 'group'), 'row: repeats line 1'],
      ]),
    );
    const forbidden = new ApiError(403, 'forbidden', 'Only the Equity Officer may record');
    expect(fieldProblems(forbidden, at)).toEqual({ byField: new Map(), other: forbidden });
    const elsewhere = new ApiError(400, 'validation', 'body: is not valid', { field: 'body' });
    expect(fieldProblems(elsewhere, at).other).toBe(elsewhere);
  });
});

describe('recording the survey through the tab (demo city, the Equity Officer)', () => {
  let reap: RunningReap;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  async function api<T>(
    urlPath: string,
    init: { method?: string; body?: string; type?: string; as?: string } = {},
  ) {
    const res = await fetch(`${reap.url}${urlPath}`, {
      method: init.method ?? 'GET',
      headers: {
        'x-reap-local-person': init.as ?? officer.id,
        ...(init.body === undefined ? {} : { 'content-type': init.type ?? 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: init.body }),
    });
    return { status: res.status, body: (await res.json()) as T };
  }

  async function axeProblems(): Promise<string[]> {
    // Tabster's focus sentinels are aria-hidden and focusable by design: microsoft/tabster#288.
    const { violations } = await new AxeBuilder({ page }).exclude('[data-tabster-dummy]').analyze();
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  }

  /** The validation message Fluent's Field shows under its control, or null. */
  async function besideField(field: Locator): Promise<string | null> {
    const message = field.locator('.fui-Field__validationMessage');
    return (await message.count()) === 0 ? null : message.textContent();
  }

  /** Opens the survey page as a person (the local identity picker remembers them). */
  async function openSurvey(personId: string, theme = 'light'): Promise<Locator> {
    await page.addInitScript(
      `window.localStorage.setItem('reap.localPersonId', ${JSON.stringify(personId)});`,
    );
    await page.goto(`${reap.url}/?view=survey&theme=${theme}`);
    const view = page.getByTestId('survey');
    await view.getByTestId('focus-groups').waitFor({ timeout: 30_000 });
    return view;
  }

  /** Every cell of a question's table by department, as shown, against the API's figures. */
  async function expectQuestionAsServed(view: Locator, question: string): Promise<number> {
    const { body: survey } = await api<SurveyResponse>('/api/survey');
    const q = survey.questions.find((x) => x.question === question)!;
    const section = view.getByTestId(`survey-question-${survey.questions.indexOf(q)}`);
    await section.getByRole('heading', { name: `${question} (${q.year})` }).waitFor();
    let suppressed = 0;
    for (const d of q.departments) {
      const row = section.getByTestId(`survey-row-${d.departmentId}`);
      for (const g of d.groups) {
        const cell = await row.getByTestId(`survey-cell-${g.group}`).textContent();
        expect(cell).toBe(surveyCellText(g));
        if (g.respondents === null) {
          expect(cell).toBe(SUPPRESSED);
          suppressed += 1;
        }
      }
    }
    return suppressed;
  }

  beforeAll(async () => {
    if (!fs.existsSync(path.join(root, 'dist', 'tab', 'index.html'))) {
      throw new Error('dist/tab is not built: run "npm run build:tab" (npm test does it for you)');
    }
    reap = await startReap({ PORT: '0', DATA_DIR: tempDir(), REAP_SEED: 'demo' }, clock);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await reap?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({
      viewport: { width: 1440, height: 1000 },
      locale: 'en-US',
    });
    page = await context.newPage();
    pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterEach(async () => {
    await context.close();
    expect(pageErrors).toEqual([]);
  });

  it(
    'refuses a survey file with a bad line, naming it and storing nothing, then imports a good one and shows it suppressed',
    async () => {
      const view = await openSurvey(officer.id);
      const box = view.getByTestId('survey-import');
      const before = await reap.store.listSurveyResults();

      // The server's own word on the bad file (a dry run stores nothing either).
      const refusal = await api<{ errors: CsvLineError[] }>('/api/survey/import?dryRun=true', {
        method: 'POST',
        body: SURVEY_BAD,
        type: 'text/csv',
      });
      expect(refusal.status).toBe(400);
      await box.getByTestId('survey-file').setInputFiles({
        name: 'bad.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(SURVEY_BAD),
      });
      await box.getByTestId('survey-import-button').click();
      const refused = box.getByTestId('survey-import-refused');
      await refused.waitFor({ timeout: 20_000 });
      const lines = await refused
        .getByTestId('survey-import-line')
        .evaluateAll((rows) =>
          rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent ?? '')),
        );
      expect(lines).toEqual(refusal.body.errors.map((e) => [String(e.line), e.field, e.message]));
      expect(lines.map((l) => l[0])).toEqual(['3', '4']);
      await expect(reap.store.listSurveyResults()).resolves.toEqual(before);

      // The good file: checked (nothing stored), then imported.
      await box.getByTestId('survey-file').setInputFiles({
        name: 'good.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(SURVEY_GOOD),
      });
      await box.getByTestId('survey-check').click();
      await box.getByTestId('survey-import-done').getByText('The file is good').waitFor();
      await expect(reap.store.listSurveyResults()).resolves.toEqual(before);
      await box.getByTestId('survey-import-button').click();
      await box.getByTestId('survey-import-done').getByText('Imported').waitFor();

      // Each line of the file is stored as it was written.
      const stored = (await reap.store.listSurveyResults()).filter((r) => r.question === IMPORTED);
      const rows = SURVEY_GOOD.split('\n').slice(1);
      expect(stored).toHaveLength(rows.length);
      for (const line of rows) {
        const [year, department, , group, respondents, value] = line.split(',');
        expect(stored).toContainEqual(
          expect.objectContaining({
            year: Number(year),
            departmentId: department,
            group,
            respondents: Number(respondents),
            value: Number(value),
          }),
        );
      }
      // The page read the survey again: every cell as the API serves it, small ones suppressed.
      const suppressed = await expectQuestionAsServed(view, IMPORTED);
      expect(suppressed).toBeGreaterThanOrEqual(stored.filter((r) => r.respondents < 10).length);
    },
    SLOW_MS,
  );

  it(
    'shows the server’s refusal of a hand entry beside the field it names and stores nothing, then stores a good one',
    async () => {
      const view = await openSurvey(officer.id);
      const form = view.getByTestId('survey-entry');
      const before = await reap.store.listSurveyResults();
      const typed = [
        { group: 'Black', respondents: '80', value: '71.2' },
        { group: 'White', respondents: '120', value: '68.4%' },
        { group: 'Hispanic', respondents: '6', value: '55' },
      ];
      await form.getByTestId('survey-entry-year').fill('2021');
      await form.getByTestId('survey-entry-department').selectOption('MHD');
      await form.getByTestId('survey-entry-question').fill(ENTERED);
      await form.getByTestId('survey-entry-add').click();
      for (const [i, r] of typed.entries()) {
        const row = form.getByTestId(`survey-entry-row-${i}`);
        await row.getByTestId('survey-entry-group').fill(r.group);
        await row.getByTestId('survey-entry-respondents').fill(r.respondents);
        await row.getByTestId('survey-entry-value').fill(r.value);
      }

      // What the server says of the same entry: the second group's value is no number.
      const body = {
        year: 2021,
        departmentId: 'MHD',
        question: ENTERED,
        results: typed.map((r) => ({
          group: r.group,
          respondents: Number(r.respondents),
          value: typedNumber(r.value),
        })),
      };
      const refusal = await api<{ field: string; message: string }>('/api/survey/results', {
        method: 'POST',
        body: JSON.stringify(body),
      });
      expect(refusal.status).toBe(400);
      expect(refusal.body.field).toBe('results.1.value');
      await form.getByTestId('survey-entry-submit').click();
      await form.getByTestId('survey-entry-refused').waitFor({ timeout: 20_000 });
      const second = form.getByTestId('survey-entry-row-1');
      await expect(besideField(second.getByTestId('survey-entry-value-field'))).resolves.toBe(
        refusal.body.message,
      );
      // Beside that field only.
      await expect(besideField(second.getByTestId('survey-entry-group-field'))).resolves.toBeNull();
      await expect(
        besideField(form.getByTestId('survey-entry-row-0').getByTestId('survey-entry-value-field')),
      ).resolves.toBeNull();
      await expect(reap.store.listSurveyResults()).resolves.toEqual(before);

      // A year after this one: the server refuses every group's line, shown once beside Year.
      await second.getByTestId('survey-entry-value').fill('68.4');
      await form.getByTestId('survey-entry-year').fill('2030');
      const future = await api<{ errors: CsvLineError[] }>('/api/survey/results', {
        method: 'POST',
        body: JSON.stringify({
          ...body,
          year: 2030,
          results: typed.map((r) => ({
            group: r.group,
            respondents: Number(r.respondents),
            value: Number(r.value.replace('%', '')),
          })),
        }),
      });
      expect(future.status).toBe(400);
      expect(new Set(future.body.errors.map((e) => e.field))).toEqual(new Set(['year']));
      await form.getByTestId('survey-entry-submit').click();
      const yearField = form.getByTestId('survey-entry-year-field');
      await expect(
        yearField.locator('.fui-Field__validationMessage').waitFor({ timeout: 20_000 }),
      ).resolves.toBeUndefined();
      await expect(besideField(yearField)).resolves.toBe(`year: ${future.body.errors[0]!.message}`);
      await expect(besideField(second.getByTestId('survey-entry-value-field'))).resolves.toBeNull();
      await expect(reap.store.listSurveyResults()).resolves.toEqual(before);

      // Corrected: stored as typed, and the page shows the API's figures.
      await form.getByTestId('survey-entry-year').fill('2021');
      await form.getByTestId('survey-entry-submit').click();
      await form.getByTestId('survey-entry-done').waitFor({ timeout: 20_000 });
      const stored = (await reap.store.listSurveyResults()).filter((r) => r.question === ENTERED);
      expect(
        stored.map((r) => [r.year, r.departmentId, r.group, r.respondents, r.value]).sort(),
      ).toEqual(
        typed
          .map((r) => [
            2021,
            'MHD',
            r.group,
            Number(r.respondents),
            Number(r.value.replace('%', '')),
          ])
          .sort(),
      );
      await expect(besideField(yearField)).resolves.toBeNull();
      const suppressed = await expectQuestionAsServed(view, ENTERED);
      // The group of 6 is under the threshold.
      expect(suppressed).toBeGreaterThanOrEqual(1);
    },
    SLOW_MS,
  );

  it(
    'logs a focus group through the form, which then appears in the list and in the API; a bad one is refused beside its field',
    async () => {
      const view = await openSurvey(officer.id);
      const form = view.getByTestId('focus-group-form');
      const before = await reap.store.listFocusGroups();
      const topic = 'Mentoring for new supervisors';

      await form.getByTestId('focus-group-held-on').fill('2021-11-02');
      await form.getByTestId('focus-group-topic').fill(topic);
      await form.getByTestId('focus-group-participants').fill('0');
      await form.getByTestId('focus-group-department').selectOption('DPW');
      const refusal = await api<{ field: string; message: string }>('/api/survey/focus-groups', {
        method: 'POST',
        body: JSON.stringify({
          heldOn: '2021-11-02',
          topic,
          participants: 0,
          departmentId: 'DPW',
        }),
      });
      expect(refusal.status).toBe(400);
      await form.getByTestId('focus-group-submit').click();
      await form.getByTestId('focus-group-refused').waitFor({ timeout: 20_000 });
      await expect(
        besideField(form.getByTestId(`focus-group-${refusal.body.field}-field`)),
      ).resolves.toBe(refusal.body.message);
      await expect(reap.store.listFocusGroups()).resolves.toEqual(before);

      await form.getByTestId('focus-group-participants').fill('12');
      await form.getByTestId('focus-group-submit').click();
      await form.getByTestId('focus-group-logged').waitFor({ timeout: 20_000 });
      const added = (await reap.store.listFocusGroups()).filter(
        (g) => !before.some((b) => b.id === g.id),
      );
      expect(added).toEqual([
        expect.objectContaining({
          heldOn: '2021-11-02',
          topic,
          participants: 12,
          departmentId: 'DPW',
        }),
      ]);
      const { body: survey } = await api<SurveyResponse>('/api/survey');
      const served = survey.focusGroups.list.find((g) => g.id === added[0]!.id);
      expect(served).toEqual(expect.objectContaining({ heldOn: '2021-11-02', topic }));
      const row = view.getByTestId(`focus-group-${added[0]!.id}`);
      await row.waitFor({ timeout: 20_000 });
      const cells = await row.locator('td').evaluateAll((cs) => cs.map((c) => c.textContent));
      expect(cells[0]).toBe(topic);
      expect(cells[2]).toBe(
        served!.participants === null ? SUPPRESSED : served!.participants.toLocaleString('en-US'),
      );
    },
    SLOW_MS,
  );

  it('shows a lead the survey without any of the controls that record it', async () => {
    const { status } = await api<SurveyResponse>('/api/survey', { as: lead.id });
    expect(status).toBe(200);
    const view = await openSurvey(lead.id);
    await expect(
      page.getByRole('combobox', { name: 'Signed in as (local mode)' }).textContent(),
    ).resolves.toContain(lead.displayName);
    for (const id of ['survey-recording', 'survey-import', 'survey-entry', 'focus-group-form']) {
      await expect(view.getByTestId(id).count()).resolves.toBe(0);
    }
    await expect(
      view.getByRole('button', { name: /import|check|store|log|add/i }).count(),
    ).resolves.toBe(0);
    await expect(view.locator('input, select, textarea').count()).resolves.toBe(0);
  });

  it(
    'reaches every control of the forms with the Tab key, each visible when focused',
    async () => {
      await openSurvey(officer.id);
      const describe = `(() => {
        const e = document.activeElement;
        if (!e || e === document.body) return null;
        const r = e.getBoundingClientRect();
        const visible = r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < window.innerHeight;
        return { key: e.getAttribute('data-testid') || e.tagName, visible };
      })()`;
      const seen = new Map<string, boolean>();
      for (let i = 0; i < 200; i += 1) {
        await page.keyboard.press('Tab');
        const at = (await page.evaluate(describe)) as { key: string; visible: boolean } | null;
        if (!at) continue;
        seen.set(at.key, (seen.get(at.key) ?? true) && at.visible);
        if (at.key === 'survey-entry-submit') break;
      }
      const expected = [
        'survey-file',
        'focus-group-held-on',
        'focus-group-participants',
        'focus-group-topic',
        'focus-group-department',
        'focus-group-submit',
        'survey-entry-year',
        'survey-entry-department',
        'survey-entry-question',
        'survey-entry-group',
        'survey-entry-respondents',
        'survey-entry-value',
        'survey-entry-add',
        'survey-entry-submit',
      ];
      expect(expected.filter((k) => !seen.has(k))).toEqual([]);
      expect(expected.filter((k) => seen.get(k) === false)).toEqual([]);
    },
    SLOW_MS,
  );

  it.each(THEMES)(
    'has no serious axe violation with the forms open and refusing, in the %s theme',
    async (theme) => {
      const view = await openSurvey(officer.id, theme);
      await expect(page.getByTestId('app-root').getAttribute('data-theme')).resolves.toBe(theme);
      const results = await reap.store.listSurveyResults();
      const groups = await reap.store.listFocusGroups();
      // Both forms sent empty: the server's refusals show beside their fields.
      await view.getByTestId('survey-entry-question').fill('');
      await view.getByTestId('survey-entry-submit').click();
      await view.getByTestId('survey-entry-refused').waitFor({ timeout: 20_000 });
      await view.getByTestId('focus-group-submit').click();
      await view.getByTestId('focus-group-refused').waitFor({ timeout: 20_000 });
      await expect(
        view.locator('.fui-Field__validationMessage').count(),
      ).resolves.toBeGreaterThanOrEqual(2);
      await expect(reap.store.listSurveyResults()).resolves.toEqual(results);
      await expect(reap.store.listFocusGroups()).resolves.toEqual(groups);
      expect(await axeProblems()).toEqual([]);
    },
    SLOW_MS,
  );
});
