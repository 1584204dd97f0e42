import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { IndicatorPoint } from '../../src/domain';
import { indicatorViews } from '../../src/domain/rules/indicator-trends';
import { startReap, type RunningReap } from '../../src/server/start';
import { DEMO_PERSONAS } from '../../src/services/demo/demo-city';
import { DEMO_SOURCE } from '../../src/services/demo/demo-accountability';
import type {
  AnnualReportContent,
  IndicatorsResponse,
  ReportListResponse,
  SurveyQuestionView,
  SurveyResponse,
} from '../../src/tab/api/api-types';
import {
  defaultYear,
  yearFigures,
  yearLabel,
} from '../../src/tab/components/AnnualReport/report-figures';
import { gapFigures, trendFigures } from '../../src/tab/components/Indicators/indicator-figures';
import {
  SUPPRESSED,
  citywideBars,
  citywideFigures,
  departmentFigures,
  surveyCellText,
} from '../../src/tab/components/Survey/survey-figures';
import { tabViewFrom } from '../../src/tab/host/tab-address';
import { tempDir } from '../support/temp-dir';
import { launchChromium } from '../../src/bench/headless-chromium';

// The accountability pages of the tab (issue 9), built (dist/tab), against the real server and
// its demo city in a real SQLite file, in headless Chromium: the annual report compiled from the
// tab and read in it, downloaded as Word; the Health Department's indicators imported through
// the tab's file input and charted; the diversity survey with its suppressed cells. Figures are
// checked against the store and the API, never against constants; axe on each page, each theme.

const root = path.resolve(__dirname, '..', '..');
const screenshots = path.join(root, 'docs', 'screenshots');
const THEMES = ['light', 'dark', 'contrast'] as const;

// The plan's last year is over: its report is the whole of 2021.
const TODAY = '2022-01-14';
const startedAt = Date.now();
const clock = {
  now: () => new Date(Date.parse(`${TODAY}T15:00:00.000Z`) + Date.now() - startedAt),
};
const officer = DEMO_PERSONAS.officer.id;

/** axe over a page with a framed report and charts takes tens of seconds on a busy machine. */
const SLOW_MS = 240_000;

const n = (x: number) => x.toLocaleString('en-US');

const INDICATOR_HEADER = 'indicator,group,place,year,value,source';
const IMR = 'Infant mortality per 1,000 live births';
const INDICATORS_GOOD = [
  INDICATOR_HEADER,
  `"${IMR}",Black,Milwaukee,2017,14.9,"Wisconsin DHS, WISH"`,
  `"${IMR}",Black,Milwaukee,2018,15.1,"Wisconsin DHS, WISH"`,
  `"${IMR}",Black,Milwaukee,2019,14.2,"Wisconsin DHS, WISH"`,
  `"${IMR}",White,Milwaukee,2017,5.2,"Wisconsin DHS, WISH"`,
  `"${IMR}",White,Milwaukee,2018,4.9,"Wisconsin DHS, WISH"`,
  `"${IMR}",White,Milwaukee,2019,4.3,"Wisconsin DHS, WISH"`,
  `"${IMR}",Hispanic,Milwaukee,2019,6.0,"Wisconsin DHS, WISH"`,
  `Uninsured adults (%),Black,Milwaukee,2019,14.8,US Census ACS`,
  `Uninsured adults (%),White,Milwaukee,2019,6.1,US Census ACS`,
].join('\r\n');
/** A good row, then a year that is no number, a value with a unit, a place missing. */
const INDICATORS_BAD = [
  INDICATOR_HEADER,
  `"${IMR}",Black,Milwaukee,2018,15.1,WISH`,
  `"${IMR}",Black,Milwaukee,twenty,15.1,WISH`,
  `"${IMR}",White,Milwaukee,2019,4.3%,WISH`,
  `"${IMR}",Hispanic,,2019,6.0,WISH`,
].join('\n');

const QUESTION = 'I see a path to promotion in my department';
/** Three departments' answers; DOA has a group of 4 and DPW a group of 7 (under 10). */
const SURVEY = [
  'year,department,question,group,respondents,value',
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
].join('\n');

/** A minimal suppressed question, for the unit tests. */
function question(cells: Array<[string, number | null, number | null]>): SurveyQuestionView {
  return {
    year: 2021,
    question: 'Q',
    groups: cells.map(([g]) => g),
    departments: [
      {
        departmentId: 'DOA',
        name: 'Administration',
        groups: cells.map(([group, respondents, value]) => ({ group, respondents, value })),
        total: { respondents: null, value: null },
      },
    ],
    citywide: {
      groups: cells.map(([group, respondents, value]) => ({ group, respondents, value })),
      total: { respondents: null, value: null },
    },
  };
}

describe('the accountability pages’ view logic', () => {
  it('opens the annual report, indicators and survey views from the address, else citywide', () => {
    expect(tabViewFrom('?view=annual-report')).toEqual({ name: 'annual-report' });
    expect(tabViewFrom('?view=indicators&theme=dark')).toEqual({ name: 'indicators' });
    expect(tabViewFrom('?view=survey')).toEqual({ name: 'survey' });
    expect(tabViewFrom('?view=annual_report')).toEqual({ name: 'citywide' });
    expect(tabViewFrom('?view=Survey')).toEqual({ name: 'citywide' });
  });

  it('starts on the newest compiled year, else the newest year listed', () => {
    const list: ReportListResponse = {
      reports: [
        { year: 2022 },
        { year: 2021, compiledAt: '2022-01-03T10:00:00.000Z' },
        { year: 2020 },
      ],
    };
    expect(defaultYear(list)).toBe(2021);
    expect(defaultYear({ reports: [{ year: 2022 }, { year: 2021 }] })).toBe(2022);
    expect(defaultYear({ reports: [] })).toBeUndefined();
    expect(yearLabel({ year: 2022 })).toBe('2022 · not compiled yet');
    expect(yearLabel(list.reports[1]!)).toMatch(/^2021 · compiled /);
  });

  it('never writes a suppressed survey figure as a number, in a cell, a table or a chart', () => {
    const q = question([
      ['Asian', null, null],
      ['Black', 31, 38.7],
      ['White', 70, null],
    ]);
    expect(surveyCellText({ respondents: null, value: null })).toBe(SUPPRESSED);
    expect(surveyCellText({ respondents: 31, value: 38.7 })).toBe('38.7 (n = 31)');
    expect(surveyCellText({ respondents: 70, value: null })).toBe('n = 70');
    expect(citywideFigures(q).rows).toEqual([
      ['Asian', SUPPRESSED, SUPPRESSED],
      ['Black', 38.7, 31],
      ['White', '–', 70],
      ['Everyone', SUPPRESSED, SUPPRESSED],
    ]);
    expect(citywideBars(q)).toEqual([{ group: 'Black', value: 38.7 }]);
    expect(departmentFigures(q).rows).toEqual([
      ['Administration', SUPPRESSED, '38.7 (n = 31)', 'n = 70', SUPPRESSED],
    ]);
  });

  it('tables each group’s series and the gaps exactly as the domain computes them', () => {
    const points: IndicatorPoint[] = [
      { indicator: 'I', group: 'B', place: 'P', year: 2018, value: 15.1, source: 's' },
      { indicator: 'I', group: 'B', place: 'P', year: 2019, value: 14.2, source: 's' },
      { indicator: 'I', group: 'W', place: 'P', year: 2019, value: 4.3, source: 's' },
    ];
    const place = indicatorViews(points)[0]!.places[0]!;
    const trend = trendFigures(place);
    expect(trend.header).toEqual(['Year', 'B', 'W']);
    for (const p of points) {
      const row = trend.rows.find((r) => r[0] === String(p.year))!;
      expect(row[trend.header.indexOf(p.group)]).toBe(p.value);
    }
    expect(trend.rows.find((r) => r[0] === '2018')?.[2]).toBe('–');
    const gaps = gapFigures(place.gaps);
    expect(gaps.rows).toHaveLength(place.gaps.length);
    expect(gaps.rows[0]?.slice(0, 6)).toEqual([
      String(place.gaps[0]!.year),
      place.gaps[0]!.highest.group,
      place.gaps[0]!.highest.value,
      place.gaps[0]!.lowest.group,
      place.gaps[0]!.lowest.value,
      place.gaps[0]!.gap,
    ]);
  });
});

describe('the annual report, indicators and survey pages, in a browser (demo city)', () => {
  let reap: RunningReap;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  async function api<T>(
    urlPath: string,
    init: { method?: string; body?: string; type?: string } = {},
  ) {
    const res = await fetch(`${reap.url}${urlPath}`, {
      method: init.method ?? 'GET',
      headers: {
        'x-reap-local-person': officer,
        ...(init.body === undefined ? {} : { 'content-type': init.type ?? 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: init.body }),
    });
    return { status: res.status, body: (await res.json()) as T };
  }

  /** Serious and critical axe violations on the page as it is (its frames included). */
  async function axeProblems(): Promise<string[]> {
    // Tabster's focus sentinels (Fluent's arrow-key groups) are aria-hidden and focusable by
    // design: they pass focus on at once. A known false positive: microsoft/tabster#288.
    const { violations } = await new AxeBuilder({ page }).exclude('[data-tabster-dummy]').analyze();
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  }

  /** A download started by `press`: its suggested name and its bytes. */
  async function download(press: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
    const event = page.waitForEvent('download');
    await press();
    const file = await event;
    return { name: file.suggestedFilename(), bytes: fs.readFileSync((await file.path())!) };
  }

  /** The rows of the table a chart opens, as the cells' text. */
  async function chartTable(chart: ReturnType<Page['getByTestId']>): Promise<string[][]> {
    await chart.getByTestId('chart-table-toggle').click();
    return chart
      .getByRole('table')
      .getByRole('row')
      .evaluateAll((rows) =>
        rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent ?? '')),
      );
  }

  beforeAll(async () => {
    if (!fs.existsSync(path.join(root, 'dist', 'tab', 'index.html'))) {
      throw new Error('dist/tab is not built: run "npm run build:tab" (npm test does it for you)');
    }
    fs.mkdirSync(screenshots, { recursive: true });
    reap = await startReap({ PORT: '0', DATA_DIR: tempDir(), REAP_SEED: 'demo' }, clock);
    // Outreach is not in the demo city: the Health Department held two events in 2021.
    await reap.store.addOutreachEvent({
      id: 'o-2021-a',
      departmentId: 'MHD',
      heldOn: '2021-05-20',
      title: 'OAAA service hub open house',
      partners: 'Milwaukee County OAAA',
      peopleReached: 310,
    });
    await reap.store.addOutreachEvent({
      id: 'o-2021-b',
      departmentId: 'MHD',
      heldOn: '2021-09-11',
      title: 'Health equity fair',
      peopleReached: 142,
    });
    // The survey and two focus groups, recorded by the officer over the API.
    const imported = await api('/api/survey/import', {
      method: 'POST',
      body: SURVEY,
      type: 'text/csv',
    });
    expect(imported.status).toBe(201);
    for (const [topic, participants] of [
      ['Barriers to promotion', 14],
      ['Hiring panels', 6],
    ] as const) {
      const logged = await api('/api/survey/focus-groups', {
        method: 'POST',
        body: JSON.stringify({ heldOn: '2021-10-05', topic, participants, departmentId: 'DPW' }),
      });
      expect(logged.status).toBe(201);
    }
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
      acceptDownloads: true,
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
    'compiles the 2021 report from the tab, shows the server’s figures and the report, and downloads it as Word',
    async () => {
      await page.goto(`${reap.url}/?theme=light&page=report`);
      await expect(
        page.getByRole('tab', { name: 'Annual report' }).getAttribute('aria-selected'),
      ).resolves.toBe('true');
      const view = page.getByTestId('annual-report');
      await view.getByTestId('report-year').waitFor({ timeout: 20_000 });
      // Nothing compiled yet: every year of the plan to this one is offered, none compiled.
      const listed = await api<ReportListResponse>('/api/reports');
      const options = await view
        .getByTestId('report-year')
        .locator('option')
        .evaluateAll((os) => os.map((o) => o.textContent));
      expect(options).toEqual(listed.body.reports.map((r) => yearLabel(r)));
      expect(listed.body.reports.map((r) => r.year)).toEqual(expect.arrayContaining([2020, 2021]));
      await expect(reap.store.getAnnualReport(2021)).resolves.toBeUndefined();

      await view.getByTestId('report-year').selectOption('2021');
      await view.getByTestId('report-not-compiled').waitFor();
      await expect(view.getByTestId('report-docx').isDisabled()).resolves.toBe(true);
      await view.getByTestId('report-compile').click();
      await view.getByTestId('report-compiled').waitFor({ timeout: 60_000 });
      const frame = view.getByTestId('report-frame');
      await frame.waitFor({ timeout: 60_000 });

      // The store kept it; the page shows the figures the server compiled…
      const stored = await reap.store.getAnnualReport(2021);
      expect(stored).toBeDefined();
      const { body: report } = await api<AnnualReportContent>('/api/reports/2021');
      expect(report.compiledAt).toBe(stored!.generatedAt);
      for (const f of yearFigures(report)) {
        await expect(view.getByTestId(`report-figure-${f.key}-value`).textContent()).resolves.toBe(
          f.value,
        );
      }
      // …which are the store's own records of 2021, counted here independently.
      const in2021 = (day: string | undefined) => Boolean(day?.startsWith('2021-'));
      const statements = (await reap.store.listImpactStatements()).filter((s) =>
        in2021(s.guidedOn),
      );
      const outreach = (await reap.store.listOutreachEvents()).filter((e) => in2021(e.heldOn));
      const visions = (await reap.store.listVisions()).filter((v) => in2021(v.adoptedOn));
      const completions = (await reap.store.listCompletions()).filter((c) => in2021(c.completedOn));
      const started = (await reap.store.listAnalyses()).filter((a) => in2021(a.createdAt));
      const figure = (key: string) => view.getByTestId(`report-figure-${key}-value`).textContent();
      await expect(figure('impact-statements')).resolves.toBe(n(statements.length));
      await expect(figure('outreach-events')).resolves.toBe(n(outreach.length));
      await expect(
        view.getByTestId('report-figure-outreach-events').textContent(),
      ).resolves.toContain(
        `${n(outreach.reduce((s, e) => s + e.peopleReached, 0))} people reached`,
      );
      await expect(figure('visions-adopted')).resolves.toBe(n(visions.length));
      await expect(figure('training-completions')).resolves.toBe(n(completions.length));
      await expect(figure('analyses-started')).resolves.toBe(n(started.length));
      expect(outreach.length).toBeGreaterThan(0);

      // The report itself, framed: the server's page, a section per department.
      const doc = page.frameLocator('[data-testid="report-frame"]');
      await expect(doc.locator('h1').textContent()).resolves.toContain('2021');
      const sections = await doc
        .locator('h3[id^="department-"]')
        .evaluateAll((hs) => hs.map((h) => h.id));
      expect(sections).toEqual(report.departments.map((d) => `department-${d.departmentId}`));
      // Its contents links move within the report, never load the tab inside the frame.
      const contents = doc.locator('nav a').first();
      const target = (await contents.getAttribute('href'))!.slice(1);
      await contents.click();
      await expect(doc.locator(':focus').evaluate((e) => e.id)).resolves.toBe(target);
      await expect(doc.locator('nav').count()).resolves.toBe(1);

      expect(await axeProblems()).toEqual([]);
      // The report's first page, as the tab shows it (the page scrolled to its top, so the frame's
      // box is in the page's coordinates).
      await page.evaluate('window.scrollTo(0, 0)');
      const box = (await frame.boundingBox())!;
      await page.screenshot({
        path: path.join(screenshots, 'annual-report-light.png'),
        fullPage: true,
        clip: { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, 1200) },
      });

      // The Word file, fetched with the officer's identity: a zip ("PK"), named for the year.
      const word = await download(() => view.getByTestId('report-docx').click());
      expect(word.name).toBe('reap-annual-report-2021.docx');
      expect(word.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
      // The public summary, the same bytes as the API gives.
      const csv = await download(() => view.getByTestId('public-summary-csv').click());
      const direct = await fetch(`${reap.url}/api/public-summary.csv`, {
        headers: { 'x-reap-local-person': officer },
      });
      expect(csv.name).toMatch(/\.csv$/);
      expect(csv.bytes.toString('utf8')).toBe(await direct.text());
    },
    SLOW_MS,
  );

  it(
    'refuses a bad indicator file line by line and imports nothing, then imports and charts a good one',
    async () => {
      await page.goto(`${reap.url}/?theme=light&page=indicators`);
      const view = page.getByTestId('indicators');
      // The demo city's own (synthetic) series are shown; the import is offered to the officer.
      const file = view.getByTestId('indicator-file');
      await file.waitFor({ timeout: 20_000 });
      await view.getByTestId('chart-indicator-trend').waitFor({ timeout: 20_000 });
      const imported = async () =>
        (await reap.store.listIndicatorPoints()).filter((p) => p.source !== DEMO_SOURCE);

      // The bad file: every line the server names, nothing stored.
      const refusal = await api<{ errors: Array<{ line: number; message: string }> }>(
        '/api/indicators/import?dryRun=true',
        { method: 'POST', body: INDICATORS_BAD, type: 'text/csv' },
      );
      expect(refusal.status).toBe(400);
      await file.setInputFiles({
        name: 'bad.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(INDICATORS_BAD),
      });
      await view.getByTestId('indicator-import-button').click();
      const refused = view.getByTestId('indicator-import-refused');
      await refused.waitFor({ timeout: 20_000 });
      const lines = await refused
        .getByTestId('indicator-import-line')
        .evaluateAll((rows) =>
          rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent ?? '')),
        );
      expect(lines.map((l) => [Number(l[0]), l[2]])).toEqual(
        refusal.body.errors.map((e) => [e.line, e.message]),
      );
      expect(lines.length).toBe(3);
      await expect(imported()).resolves.toEqual([]);

      // The good file: checked first (nothing stored), then imported.
      await file.setInputFiles({
        name: 'good.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(INDICATORS_GOOD),
      });
      await view.getByTestId('indicator-check').click();
      await view.getByTestId('indicator-import-done').getByText('The file is good').waitFor();
      await expect(imported()).resolves.toEqual([]);
      await view.getByTestId('indicator-import-button').click();
      await view.getByTestId('indicator-import-done').getByText('Imported').waitFor();
      const points = await reap.store.listIndicatorPoints(IMR);
      expect(points).toHaveLength(7);

      // The imported indicator's trend table: each imported point, as stored.
      await view.getByTestId('indicator-picker').selectOption(IMR);
      const trend = view.getByTestId('chart-indicator-trend');
      await expect(trend.getByRole('heading').textContent()).resolves.toBe(
        `${IMR}: by group over the years`,
      );
      const rows = await chartTable(trend);
      const [header, ...body] = rows;
      for (const p of points) {
        const row = body.find((r) => r[0] === String(p.year))!;
        expect(row[header!.indexOf(p.group)]).toBe(p.value.toLocaleString('en-US'));
      }
      // The gaps, as the API computes them.
      const { body: served } = await api<IndicatorsResponse>('/api/indicators');
      const gaps = served.indicators.find((i) => i.indicator === IMR)!.places[0]!.gaps;
      const gapRows = (await chartTable(view.getByTestId('chart-indicator-gap'))).slice(1);
      expect(gapRows.map((r) => [r[0], r[1], r[3], r[5]])).toEqual(
        gaps.map((g) => [
          String(g.year),
          g.highest.group,
          g.lowest.group,
          g.gap.toLocaleString('en-US'),
        ]),
      );
      expect(await axeProblems()).toEqual([]);
      await page.screenshot({
        path: path.join(screenshots, 'indicators-light.png'),
        fullPage: true,
      });

      // Another indicator from the picker.
      await view.getByTestId('indicator-picker').selectOption('Uninsured adults (%)');
      await expect(
        view.getByTestId('chart-indicator-trend').getByRole('heading').textContent(),
      ).resolves.toBe('Uninsured adults (%): by group over the years');
    },
    SLOW_MS,
  );

  it(
    'shows the survey with no figure for a suppressed cell, and the focus groups',
    async () => {
      const { body: survey } = await api<SurveyResponse>('/api/survey');
      const truth = await reap.store.listSurveyResults();
      await page.goto(`${reap.url}/?theme=light&page=survey`);
      const view = page.getByTestId('survey');
      const q = survey.questions.find((x) => x.question === QUESTION)!;
      const section = view.getByTestId(`survey-question-${survey.questions.indexOf(q)}`);
      await section.getByTestId('survey-departments').waitFor({ timeout: 20_000 });

      let suppressed = 0;
      for (const d of q.departments) {
        const row = section.getByTestId(`survey-row-${d.departmentId}`);
        for (const g of d.groups) {
          const cell = await row.getByTestId(`survey-cell-${g.group}`).textContent();
          if (g.respondents === null) {
            suppressed += 1;
            // No figure at all: neither the true count nor the result.
            const real = truth.find(
              (t) =>
                t.question === QUESTION && t.departmentId === d.departmentId && t.group === g.group,
            )!;
            expect(cell).toBe(SUPPRESSED);
            expect(cell).not.toMatch(/\d/);
            expect(real.respondents).toBeGreaterThan(0);
          } else {
            expect(cell).toBe(`${g.value!.toLocaleString('en-US')} (n = ${n(g.respondents)})`);
          }
        }
      }
      // DOA's group of 4 and DPW's of 7 are under the threshold: at least those are withheld.
      expect(suppressed).toBeGreaterThanOrEqual(2);
      // The small groups of this question (the demo city's 2020 survey asks others).
      const small = truth.filter(
        (t) => t.question === QUESTION && t.respondents < survey.threshold,
      );
      for (const t of small) {
        const cell = section
          .getByTestId(`survey-row-${t.departmentId}`)
          .getByTestId(`survey-cell-${t.group}`);
        await expect(cell.textContent()).resolves.toBe(SUPPRESSED);
      }

      // The citywide chart's table: withheld groups say so, the others give the API's figures.
      const rows = (await chartTable(section.getByTestId('chart-survey-citywide'))).slice(1);
      for (const g of q.citywide.groups) {
        const row = rows.find((r) => r[0] === g.group)!;
        expect(row.slice(1)).toEqual(
          g.respondents === null
            ? [SUPPRESSED, SUPPRESSED]
            : [g.value!.toLocaleString('en-US'), n(g.respondents)],
        );
      }

      // Focus groups: the one of 6 people is withheld.
      const groups = view.getByTestId('focus-groups');
      for (const g of survey.focusGroups.list) {
        const cells = await groups
          .getByTestId(`focus-group-${g.id}`)
          .locator('td')
          .evaluateAll((cs) => cs.map((c) => c.textContent));
        expect(cells[0]).toBe(g.topic);
        expect(cells[2]).toBe(g.participants === null ? SUPPRESSED : n(g.participants));
      }
      const stored = await reap.store.listFocusGroups();
      const six = stored.find((g) => g.participants < survey.threshold)!;
      await expect(
        groups.getByTestId(`focus-group-${six.id}`).locator('td').nth(2).textContent(),
      ).resolves.toBe(SUPPRESSED);

      expect(await axeProblems()).toEqual([]);
      await page.screenshot({ path: path.join(screenshots, 'survey-light.png'), fullPage: true });
    },
    SLOW_MS,
  );

  it.each(THEMES.filter((t) => t !== 'light'))(
    'opens each page from its own address in the %s theme, with no serious axe violation',
    async (theme) => {
      for (const [view, ready] of [
        ['annual-report', 'report-frame'],
        ['indicators', 'chart-indicator-gap'],
        ['survey', 'focus-groups'],
      ] as const) {
        await page.goto(`${reap.url}/?view=${view}&theme=${theme}`);
        await page.getByTestId(ready).first().waitFor({ timeout: 30_000 });
        await expect(page.getByTestId('app-root').getAttribute('data-theme')).resolves.toBe(theme);
        await expect(page.getByRole('heading', { level: 1 }).count()).resolves.toBe(1);
        expect([view, await axeProblems()]).toEqual([view, []]);
      }
    },
    SLOW_MS,
  );

  it(
    'reaches every control of the annual report page with the Tab key, each visible when focused',
    async () => {
      await page.goto(`${reap.url}/?view=annual-report&theme=light`);
      await page.getByTestId('report-frame').waitFor({ timeout: 30_000 });
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
        if (at.key === 'public-summary-csv') break;
      }
      const expected = [
        'report-year',
        'report-compile',
        'report-docx',
        'report-frame',
        'public-summary-html',
        'public-summary-csv',
      ];
      expect(expected.filter((k) => !seen.has(k))).toEqual([]);
      expect(expected.filter((k) => seen.get(k) === false)).toEqual([]);
    },
    SLOW_MS,
  );
});
