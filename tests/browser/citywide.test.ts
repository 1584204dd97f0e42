import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { isActive } from '../../src/domain/people';
import type { Person, Tier } from '../../src/domain';
import { startReap, type RunningReap } from '../../src/server/start';
import { DEMO_PERSONAS } from '../../src/services/demo/demo-city';
import type { CitywideProgress, DepartmentDetail } from '../../src/services/progress-service';
import type { ToolkitAnalysisView } from '../../src/services/analysis-list-service';
import { csvField, csvFileName, toCsv } from '../../src/tab/components/CsvExport/csv-table';
import { tempDir } from '../support/temp-dir';
import { launchChromium } from '../../src/bench/headless-chromium';

// The Equity Officer's "Progress" tab, built (dist/tab), against the real server and its demo
// city, in headless Chromium: the scorecard, its sorting, filtering and CSV, a department's
// detail down to the people not yet confirmed, the review queue; axe and the keyboard on each.

const root = path.resolve(__dirname, '..', '..');
const screenshots = path.join(root, 'docs', 'screenshots');
const THEMES = ['light', 'dark', 'contrast'] as const;
type Theme = (typeof THEMES)[number];

// Mid-plan: waves past due and open, analyses waiting for review. The clock ticks from there.
const TODAY = '2021-06-15';
const startedAt = Date.now();
const clock = {
  now: () => new Date(Date.parse(`${TODAY}T15:00:00.000Z`) + Date.now() - startedAt),
};

/** axe over a page of charts and a 21-row scorecard takes tens of seconds on a busy machine. */
const SLOW_MS = 180_000;

const n = (x: number) => x.toLocaleString('en-US');
const planDate = (iso: string) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-US', {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  });
const percentDown = (part: number, whole: number) =>
  whole === 0 ? 100 : Math.floor((part * 100) / whole);
/** The text the tab writes for a completion figure (en-US digit grouping). */
const completionText = (f: { completed: number; required: number }) =>
  f.required === 0
    ? 'none required'
    : `${percentDown(f.completed, f.required)}% (${n(f.completed)} of ${n(f.required)})`;

/** RFC 4180: fields separated by commas, quoted when they hold commas, quotes or line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

describe('the tab’s CSV writer', () => {
  it('writes plain fields as they are and quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvField('Health Department')).toBe('Health Department');
    expect(csvField('Coleman, Avery')).toBe('"Coleman, Avery"');
    expect(csvField('Pat "PJ" O\'Neil')).toBe('"Pat ""PJ"" O\'Neil"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(1234)).toBe('1234');
    expect(csvField(0)).toBe('0');
    expect(csvField(undefined)).toBe('');
    expect(csvField(null)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('defuses text a spreadsheet would run as a formula with a leading apostrophe', () => {
    expect(csvField('=HYPERLINK("https://example.com")')).toBe(
      '"\'=HYPERLINK(""https://example.com"")"',
    );
    expect(csvField('+1 555')).toBe("'+1 555");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tTab')).toBe("'\tTab");
    // Numbers are data, not formulas: a negative number stays a number.
    expect(csvField(-2)).toBe('-2');
    expect(csvField('a=b')).toBe('a=b');
  });

  it('writes a header row and every row, each line ended by CRLF, and parses back', () => {
    const text = toCsv({
      header: ['Name', 'Count'],
      rows: [
        ['A, B', 1],
        ['=1+1', 2],
        ['', undefined],
      ],
    });
    expect(text).toBe('Name,Count\r\n"A, B",1\r\n\'=1+1,2\r\n,\r\n');
    expect(parseCsv(text)).toEqual([
      ['Name', 'Count'],
      ['A, B', '1'],
      ["'=1+1", '2'],
      ['', ''],
    ]);
  });

  it('refuses a row whose width differs from the header', () => {
    expect(() => toCsv({ header: ['a', 'b'], rows: [['only one']] })).toThrow(/row 1 has 1/);
  });

  it('names files in lower case with hyphens, nothing a file system refuses', () => {
    expect(csvFileName('scorecard', 'Health Department', '2021-06-15')).toBe(
      'scorecard-health-department-2021-06-15.csv',
    );
    expect(csvFileName('not confirmed', 'Café/Ré:sumé?')).toBe('not-confirmed-cafe-re-sume.csv');
    expect(csvFileName('', '***')).toBe('reap.csv');
  });
});

describe('the Equity Officer’s citywide view, in a browser (demo city, mid-plan)', () => {
  let reap: RunningReap;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cspViolations: string[];
  let pageErrors: string[];

  async function api<T>(urlPath: string): Promise<T> {
    const res = await fetch(`${reap.url}${urlPath}`, {
      headers: { 'x-reap-local-person': DEMO_PERSONAS.officer.id },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  }
  const citywide = () => api<CitywideProgress>('/api/progress/citywide');
  /** `GET /api/progress/departments/:id` as the officer (names included). */
  const detailOf = (id: string) => api<DepartmentDetail>(`/api/progress/departments/${id}`);

  /** Opens the Progress tab as the officer and waits for the scorecard (and, if asked, charts). */
  async function open(theme: Theme = 'light', charts = false): Promise<void> {
    await page.goto(`${reap.url}/?theme=${theme}`);
    await page.getByTestId('department-list').waitFor({ timeout: 20_000 });
    if (charts) {
      await page.getByTestId('chart-rules').waitFor({ timeout: 20_000 });
      await page.getByTestId('chart-trend').waitFor({ timeout: 20_000 });
    }
  }

  /** Serious and critical axe violations on the page as it is, each as `rule: targets`. */
  async function axeProblems(): Promise<string[]> {
    // Tabster's focus sentinels (Fluent's arrow-key groups) are aria-hidden and focusable by
    // design: they pass focus on at once. A known false positive: microsoft/tabster#288.
    const { violations } = await new AxeBuilder({ page }).exclude('[data-tabster-dummy]').analyze();
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  }

  /** The department ids of the scorecard's rows, top to bottom. */
  const rowIds = () =>
    page
      .locator('[data-testid^="dept-row-"]')
      .evaluateAll((rows) =>
        rows.map((r) => (r.getAttribute('data-testid') ?? '').replace('dept-row-', '')),
      );

  /** Reads a CSV download started by `press`: its file name and its rows (BOM removed). */
  async function download(press: () => Promise<void>): Promise<{ name: string; rows: string[][] }> {
    const event = page.waitForEvent('download');
    await press();
    const file = await event;
    const text = fs.readFileSync((await file.path())!, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    return { name: file.suggestedFilename(), rows: parseCsv(text.slice(1)) };
  }

  /** The store's active people of a department. */
  async function staffOf(departmentId: string): Promise<Person[]> {
    return (await reap.store.listPeople({ departmentId })).filter(isActive);
  }

  /** A training's figure for one tier of a department, counted from the store's records. */
  async function tierFromStore(departmentId: string, trainingId: string, tier: Tier) {
    const people = (await staffOf(departmentId)).filter((p) => p.tier === tier);
    const done = new Set((await reap.store.listCompletions({ trainingId })).map((c) => c.personId));
    return {
      required: people.length,
      completed: people.filter((p) => done.has(p.id)).length,
      missing: people.filter((p) => !done.has(p.id)),
    };
  }

  beforeAll(async () => {
    if (!fs.existsSync(path.join(root, 'dist', 'tab', 'index.html'))) {
      throw new Error('dist/tab is not built: run "npm run build:tab" (npm test does it for you)');
    }
    fs.mkdirSync(screenshots, { recursive: true });
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
      acceptDownloads: true,
    });
    page = await context.newPage();
    cspViolations = [];
    pageErrors = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterEach(async () => {
    await context.close();
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it.each(THEMES)(
    'shows every department against every rule, the totals and the charts in the %s theme, with no serious axe violation',
    async (theme) => {
      const progress = await citywide();
      await open(theme, true);

      // Every department, as the API computes them.
      await expect(rowIds()).resolves.toEqual(
        [...progress.departments]
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((d) => d.departmentId),
      );
      for (const d of progress.departments) {
        const row = page.getByTestId(`dept-row-${d.departmentId}`);
        await expect(row.getByTestId('headcount').textContent()).resolves.toBe(n(d.headcount));
        await expect(row.getByTestId('cell-rulesMet').textContent()).resolves.toBe(
          `${8 - d.unmet.length} of 8`,
        );
        await expect(row.getByTestId('toolkit-training').textContent()).resolves.toBe(
          completionText(d.toolkitTraining),
        );
        await expect(row.getByTestId('toolkit').textContent()).resolves.toBe(
          `${d.toolkit.newAnalysed} new, ${d.toolkit.existingAnalysed} existing`,
        );
        await expect(row.getByTestId('strategies').textContent()).resolves.toBe(
          `${d.strategies.onTrack} of ${d.strategies.responsible}`,
        );
      }

      // The totals.
      const t = progress.totals;
      const tiles: Record<string, number> = {
        relt: t.reltFormed,
        vision: t.visionAdopted,
        toolkit: t.toolkitRuleMet,
        ambassadors: t.departmentsWithAmbassadors,
        partnership: t.partnershipCadenceKept,
        'all-rules': t.allRulesMet,
        'toolkit-training': t.toolkitTraining.completed,
        strategies: t.strategies.onTrack,
        'impact-statements': t.impactStatements,
      };
      for (const [key, value] of Object.entries(tiles)) {
        await expect(page.getByTestId(`summary-${key}-value`).textContent()).resolves.toBe(
          n(value),
        );
      }

      // Each chart says in words what it draws, and opens as a table.
      const rules = page.getByTestId('chart-rules');
      await expect(rules.getByTestId('chart-summary').textContent()).resolves.toMatch(
        /^Most met: .*, by \d+ of 21 departments\. Least met: .*, by \d+\.$/,
      );
      await rules.getByTestId('chart-table-toggle').click();
      const ruleRows = rules.getByRole('table').getByRole('row');
      await expect(ruleRows.count()).resolves.toBe(9);
      await expect(ruleRows.nth(3).textContent()).resolves.toBe(
        `Vision adopted${t.visionAdopted}21`,
      );

      expect(await axeProblems()).toEqual([]);
      if (theme !== 'contrast') {
        await page.screenshot({
          path: path.join(screenshots, `citywide-${theme}.png`),
          fullPage: true,
        });
      }
    },
    SLOW_MS,
  );

  it('shows figures the store’s own records give, counted here independently', async () => {
    await open();
    const departments = await reap.store.listDepartments();
    const members = await reap.store.listMembers();
    const statements = await reap.store.listImpactStatements();
    const analyses = await reap.store.listAnalyses({ status: 'accepted' });
    for (const dept of departments) {
      const row = page.getByTestId(`dept-row-${dept.id}`);
      const staff = await staffOf(dept.id);
      await expect(row.getByTestId('headcount').textContent()).resolves.toBe(n(staff.length));
      await expect(row.getByTestId('ambassadors').textContent()).resolves.toBe(
        n(members.filter((m) => m.departmentId === dept.id && m.role === 'ambassador').length),
      );
      await expect(row.getByTestId('impact-statements').textContent()).resolves.toBe(
        n(statements.filter((s) => s.departmentId === dept.id).length),
      );
      const own = analyses.filter((a) => a.departmentId === dept.id);
      await expect(row.getByTestId('toolkit').textContent()).resolves.toBe(
        `${own.filter((a) => a.kind === 'new').length} new, ${own.filter((a) => a.kind === 'existing').length} existing`,
      );
    }
    // Anti-racism by tier, in three departments of different sizes.
    for (const id of ['MHD', 'MPD', 'ELEC']) {
      for (const tier of ['senior_manager', 'frontline_manager', 'employee'] as const) {
        const figure = await tierFromStore(id, 'anti-racism', tier);
        await expect(
          page.getByTestId(`training-${id}-anti-racism-${tier}`).textContent(),
        ).resolves.toBe(completionText(figure));
      }
    }
    // Departments with a vision statement adopted by today.
    const visions = await reap.store.listVisions();
    const adopted = new Set(visions.filter((v) => v.adoptedOn <= TODAY).map((v) => v.departmentId));
    await expect(page.getByTestId('summary-vision-value').textContent()).resolves.toBe(
      String(adopted.size),
    );
  });

  it('sorts by any column from its head, saying the order with aria-sort', async () => {
    const progress = await citywide();
    await open();
    const byName = [...progress.departments].sort((a, b) => a.name.localeCompare(b.name));
    const staffHead = page.getByTestId('sort-staff');
    await expect(page.getByTestId('sort-department').getAttribute('aria-sort')).resolves.toBe(
      'ascending',
    );
    await expect(staffHead.getAttribute('aria-sort')).resolves.toBe('none');

    // Press the head's button from the keyboard: largest department first.
    await staffHead.getByRole('button').focus();
    await page.keyboard.press('Enter');
    await expect(staffHead.getAttribute('aria-sort')).resolves.toBe('descending');
    const bySize = (sign: 1 | -1) =>
      [...byName]
        .sort((a, b) => sign * (a.headcount - b.headcount) || a.name.localeCompare(b.name))
        .map((d) => d.departmentId);
    await expect(rowIds()).resolves.toEqual(bySize(-1));
    await staffHead.getByRole('button').click();
    await expect(staffHead.getAttribute('aria-sort')).resolves.toBe('ascending');
    await expect(rowIds()).resolves.toEqual(bySize(1));
    await expect(page.getByTestId('sort-department').getAttribute('aria-sort')).resolves.toBe(
      'none',
    );

    // A training tier: the highest share confirmed first.
    const tier = page.getByTestId('sort-tier:anti-racism:frontline_manager');
    await tier.getByRole('button').click();
    const percent = (d: CitywideProgress['departments'][number]) => {
      const f = d.training.find(
        (x) => x.trainingId === 'anti-racism' && x.tier === 'frontline_manager',
      )!;
      return f.required === 0 ? -1 : f.percent;
    };
    await expect(rowIds()).resolves.toEqual(
      [...byName]
        .sort((a, b) => percent(b) - percent(a) || a.name.localeCompare(b.name))
        .map((d) => d.departmentId),
    );
    await expect(page.getByTestId('scorecard-count').textContent()).resolves.toMatch(
      /^All 21 departments, sorted by frontline managers and supervisors \(highest first\)\s*\.$/,
    );
  });

  it('filters by the rule not met and by name, and downloads the rows as shown, in order', async () => {
    const progress = await citywide();
    await open();
    await page.getByTestId('scorecard-rule-filter').selectOption('unmet:vision');
    const noVision = progress.departments.filter((d) => d.unmet.includes('vision'));
    // The store agrees: no vision statement adopted by today.
    const visions = await reap.store.listVisions();
    expect(noVision.map((d) => d.departmentId).sort()).toEqual(
      progress.departments
        .filter(
          (d) => !visions.some((v) => v.departmentId === d.departmentId && v.adoptedOn <= TODAY),
        )
        .map((d) => d.departmentId)
        .sort(),
    );
    await expect(rowIds()).resolves.toEqual(
      [...noVision].sort((a, b) => a.name.localeCompare(b.name)).map((d) => d.departmentId),
    );
    await expect(page.getByTestId('scorecard-count').textContent()).resolves.toMatch(
      new RegExp(`^${noVision.length} departments of 21`),
    );

    // Sorted by staff, largest first, then downloaded: the file has the rows shown, in order.
    await page.getByTestId('sort-staff').getByRole('button').click();
    const shown = await rowIds();
    const { name, rows } = await download(() => page.getByTestId('scorecard-csv').click());
    expect(name).toBe(`scorecard-${TODAY}.csv`);
    const [header, ...body] = rows;
    expect(header?.slice(0, 5)).toEqual([
      'Department',
      'Department ID',
      'Rules met',
      'Rules not met',
      'Staff',
    ]);
    expect(body.map((r) => r[1])).toEqual(shown);
    const column = (title: string) => header!.indexOf(title);
    for (const r of body) {
      const d = progress.departments.find((x) => x.departmentId === r[1])!;
      expect(r[0]).toBe(d.name);
      expect(r[column('Staff')]).toBe(String(d.headcount));
      expect(r[column('Vision adopted on')]).toBe('');
      const employees = d.training.find(
        (x) => x.trainingId === 'anti-racism' && x.tier === 'employee',
      )!;
      expect(r[column('Anti-racism in City government, all employees: completed')]).toBe(
        String(employees.completed),
      );
      expect(r[column('Toolkit analyses, existing accepted')]).toBe(
        String(d.toolkit.existingAnalysed),
      );
    }

    // By name: the rule filter still applies; clearing it shows the one department.
    await page.getByTestId('scorecard-rule-filter').selectOption('all');
    await page.getByTestId('scorecard-search').fill('health');
    await expect(rowIds()).resolves.toEqual(['MHD']);
    await page.getByTestId('scorecard-search').fill('no such department');
    await expect(rowIds()).resolves.toEqual([]);
    await expect(page.getByText('No department matches.').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('scorecard-csv').isDisabled()).resolves.toBe(true);
  });

  it.each(THEMES)(
    'drills down to a department and to who has not confirmed, from the keyboard, in the %s theme',
    async (theme) => {
      await open(theme);
      const link = page.getByTestId('dept-row-MHD').getByTestId('department-link');
      await link.focus();
      await page.keyboard.press('Enter');
      const detail = page.getByTestId('department-detail-MHD');
      await detail.waitFor({ timeout: 20_000 });
      const detailApi = await detailOf('MHD');

      await expect(detail.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
        'Milwaukee Health Department',
      );
      // Every wave with the department's counts, as the store has them.
      for (const w of detailApi.waves) {
        const row = detail.getByTestId(`wave-${w.waveId}`);
        await expect(row.getByTestId(`wave-${w.waveId}-figure`).textContent()).resolves.toBe(
          completionText(w),
        );
      }
      const store = await tierFromStore('MHD', 'anti-racism', 'frontline_manager');
      const wave = detailApi.waves.find((w) => w.waveId === 'anti-racism-w2')!;
      expect([wave.required, wave.completed]).toEqual([store.required, store.completed]);
      await expect(detail.getByTestId('rule-ambassadors-value').textContent()).resolves.toMatch(
        new RegExp(`^${detailApi.department.ambassadors} \\(`),
      );
      await expect(
        detail.getByTestId('department-strategies').getByRole('row').count(),
      ).resolves.toBe(detailApi.strategies.length + 1);

      // The wave's "not confirmed" opens the list of names, with focus on it.
      await detail.getByTestId('wave-anti-racism-w2-people').click();
      const list = detail.getByTestId('unconfirmed');
      await expect(page.getByTestId('unconfirmed-wave').inputValue()).resolves.toBe(
        'anti-racism-w2',
      );
      const names = await list
        .getByTestId('unconfirmed-row')
        .evaluateAll((rows) => rows.map((r) => r.querySelector('td')?.textContent ?? ''));
      expect([...names].sort()).toEqual(store.missing.map((p) => p.displayName).sort());
      await expect(list.getByTestId('unconfirmed-row').first().textContent()).resolves.toContain(
        store.missing.find((p) => p.displayName === names[0])!.id,
      );

      expect(await axeProblems()).toEqual([]);
      if (theme !== 'contrast') {
        await page.screenshot({
          path: path.join(screenshots, `department-detail-${theme}.png`),
          fullPage: true,
        });
      }

      // Back to every department: focus returns to the department's name.
      await page.getByTestId('back-to-citywide').click();
      await page.getByTestId('department-list').waitFor();
      await expect(
        page.evaluate(`document.activeElement?.getAttribute('data-department-id')`),
      ).resolves.toBe('MHD');
    },
    SLOW_MS,
  );

  it('downloads a department’s detail and its unconfirmed list as the page shows them', async () => {
    await open();
    await page.getByTestId('dept-row-MPL').click();
    const detail = page.getByTestId('department-detail-MPL');
    await detail.waitFor({ timeout: 20_000 });
    const detailApi = await detailOf('MPL');

    const whole = await download(() => detail.getByTestId('department-csv').click());
    expect(whole.name).toBe(`progress-mpl-${TODAY}.csv`);
    expect(whole.rows[0]).toEqual(['Section', 'Item', 'Standing', 'Value', 'Detail']);
    const waves = whole.rows.filter((r) => r[0] === 'Training wave');
    expect(waves.map((r) => r[3])).toEqual(detailApi.waves.map((w) => completionText(w)));
    expect(whole.rows.filter((r) => r[0] === 'Strategy')).toHaveLength(detailApi.strategies.length);
    expect(whole.rows.filter((r) => r[0] === 'Rule')).toHaveLength(8);
    expect(whole.rows.find((r) => r[1] === 'Staff')?.[3]).toBe(
      String(detailApi.department.headcount),
    );

    // Every open wave's people: as many rows as the API lists, the names the store has.
    const total = detailApi.people!.reduce((sum, g) => sum + g.people.length, 0);
    await expect(detail.getByTestId('unconfirmed-count').textContent()).resolves.toMatch(
      new RegExp(`^${n(total)} people`),
    );
    const list = await download(() => detail.getByTestId('unconfirmed-csv').click());
    expect(list.name).toBe('not-confirmed-mpl-all-waves.csv');
    expect(list.rows[0]).toEqual([
      'Name',
      'Employee number',
      'Tier',
      'Job title',
      'Training',
      'Wave',
      'Due on',
    ]);
    expect(list.rows).toHaveLength(total + 1);
    const employees = await tierFromStore('MPL', 'anti-racism', 'employee');
    const antiRacism = list.rows.filter(
      (r) => r[4] === 'Anti-racism in City government' && r[2] === 'All employees',
    );
    expect(antiRacism.map((r) => r[1]).sort()).toEqual(employees.missing.map((p) => p.id).sort());
    expect(antiRacism[0]?.[6]).toBe(
      planDate(detailApi.waves.find((w) => w.waveId === 'anti-racism-w3')!.dueOn),
    );

    // One wave: the list and its download narrow to it.
    await detail.getByTestId('unconfirmed-wave').selectOption('anti-racism-w3');
    await expect(detail.getByTestId('unconfirmed-count').textContent()).resolves.toMatch(
      new RegExp(`^${n(employees.missing.length)} people`),
    );
    const one = await download(() => detail.getByTestId('unconfirmed-csv').click());
    expect(one.name).toBe('not-confirmed-mpl-anti-racism-w3.csv');
    expect(one.rows).toHaveLength(employees.missing.length + 1);
    const shownNames = await detail
      .getByTestId('unconfirmed-row')
      .evaluateAll((rows) => rows.map((r) => r.querySelector('td')?.textContent ?? ''));
    expect(one.rows.slice(1, shownNames.length + 1).map((r) => r[0])).toEqual(shownNames);
  });

  it('shows the latest reminder campaign, and opens the Training waves page from it', async () => {
    await open();
    const status = page.getByTestId('campaign-status');
    await status
      .getByText(/^No reminder campaign has been sent yet\.$|^Latest reminder: /)
      .waitFor();
    await status.getByRole('button', { name: 'Training waves' }).click();
    await page.getByTestId('training-waves').waitFor({ timeout: 20_000 });
    await expect(
      page.getByRole('tab', { name: 'Training waves' }).getAttribute('aria-selected'),
    ).resolves.toBe('true');
  });

  it(
    'reaches every control of the view with the Tab key, each visible when focused',
    async () => {
      await open('light', true);
      await page.getByTestId('chart-trend').waitFor();
      const seen = new Map<string, boolean>();
      // An expression string: the tests' tsconfig has no DOM library; it runs in the page.
      const describe = `(() => {
      const e = document.activeElement;
      if (!e || e === document.body) return null;
      const r = e.getBoundingClientRect();
      const visible = r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < window.innerHeight;
      const dept = e.getAttribute('data-department-id');
      const own = e.getAttribute('data-testid');
      const head = e.closest('th')?.getAttribute('data-testid');
      const chart = e.closest('figure')?.getAttribute('data-testid');
      const key = dept ? 'dept:' + dept
        : own ? own + (chart ? '@' + chart : '')
        : head ? head : e.tagName + ':' + (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 40);
      return { key, visible };
    })()`;
      for (let i = 0; i < 600; i += 1) {
        await page.keyboard.press('Tab');
        const at = (await page.evaluate(describe)) as { key: string; visible: boolean } | null;
        if (!at) continue;
        if (seen.has(at.key) && at.key === 'scorecard-search') break; // came round again
        seen.set(at.key, (seen.get(at.key) ?? true) && at.visible);
      }
      const keys = [...seen.keys()];
      const progress = await citywide();
      const expected = [
        'scorecard-search',
        'scorecard-rule-filter',
        'scorecard-training',
        'scorecard-csv',
        'sort-department',
        'sort-rulesMet',
        'sort-staff',
        'sort-relt',
        'sort-vision',
        'sort-ambassadors',
        'sort-toolkitTraining',
        'sort-tier:anti-racism:senior_manager',
        'sort-tier:anti-racism:frontline_manager',
        'sort-tier:anti-racism:employee',
        'sort-toolkit',
        'sort-impactStatements',
        'sort-strategies',
        'sort-partnership',
        ...progress.departments.map((d) => `dept:${d.departmentId}`),
        'chart-table-toggle@chart-rules',
        'chart-table-toggle@chart-training-anti-racism',
        'chart-table-toggle@chart-toolkit',
        'chart-table-toggle@chart-strategies',
        'trend-training',
        'chart-table-toggle@chart-trend',
      ];
      expect(expected.filter((k) => !seen.has(k))).toEqual([]);
      expect(keys.filter((k) => seen.get(k) === false)).toEqual([]);
    },
    SLOW_MS,
  );

  it(
    'reviews the submitted toolkit analyses: return needs a comment, accept moves the figures',
    async () => {
      const queue = await api<{ analyses: ToolkitAnalysisView[] }>(
        '/api/toolkit/analyses?status=submitted',
      );
      const submitted = await reap.store.listAnalyses({ status: 'submitted' });
      expect(queue.analyses.map((a) => a.id).sort()).toEqual(submitted.map((a) => a.id).sort());
      expect(submitted.length).toBeGreaterThanOrEqual(2);

      await page.goto(`${reap.url}/?theme=light`);
      await page.getByRole('tab', { name: 'Review queue' }).click();
      const view = page.getByTestId('review-queue');
      await view.getByTestId('review-count').waitFor({ timeout: 20_000 });
      await expect(view.getByTestId('review-count').textContent()).resolves.toBe(
        `${submitted.length} analyses waiting.`,
      );
      const ids = await view
        .locator('[data-testid^="review-item-"]')
        .evaluateAll((items) => items.map((i) => i.getAttribute('data-testid')?.slice(12)));
      expect(ids).toEqual(queue.analyses.map((a) => a.id));

      // The review queue as CSV: one row per analysis, its six steps.
      const csv = await download(() => view.getByTestId('review-csv').click());
      expect(csv.rows).toHaveLength(submitted.length + 1);
      expect(csv.rows.slice(1).map((r) => r[7])).toEqual(ids);
      const first = queue.analyses[0]!;
      expect(csv.rows[1]?.slice(8, 14)).toEqual([
        first.steps.proposal ?? '',
        first.steps.data ?? '',
        first.steps.engagement ?? '',
        first.steps.analysis ?? '',
        first.steps.implementation ?? '',
        first.steps.accountability ?? '',
      ]);

      // The first opens to its six steps.
      const item = view.getByTestId(`review-item-${first.id}`);
      await item.getByRole('button').first().click();
      const steps = item.getByTestId('review-steps').getByRole('listitem');
      await expect(steps.count()).resolves.toBe(6);
      await expect(steps.nth(1).textContent()).resolves.toContain(
        first.steps.data ?? 'Not answered.',
      );
      expect(await axeProblems()).toEqual([]);
      await page.screenshot({
        path: path.join(screenshots, 'review-queue-light.png'),
        fullPage: true,
      });

      // Returning without a comment is refused beside the field; nothing is stored.
      await item.getByTestId('review-return').click();
      const comment = item.getByTestId('review-comment');
      await expect(item.getByText(/a comment is required to return it/).isVisible()).resolves.toBe(
        true,
      );
      await expect(reap.store.getAnalysis(first.id)).resolves.toMatchObject({
        status: 'submitted',
      });

      await comment.fill('Step 3: say who was engaged, and when.');
      await item.getByTestId('review-return').click();
      const notice = view.getByTestId('review-notice');
      await notice.getByText(/^Returned "/).waitFor();
      await expect(notice.textContent()).resolves.toContain(`Returned "${first.title}"`);
      await expect(reap.store.getAnalysis(first.id)).resolves.toMatchObject({
        status: 'returned',
        reviewComment: 'Step 3: say who was engaged, and when.',
      });
      await expect(view.locator('[data-testid^="review-item-"]').count()).resolves.toBe(
        submitted.length - 1,
      );

      // Accepting the next counts it for its department at once.
      const second = queue.analyses[1]!;
      const before = (await citywide()).departments.find(
        (d) => d.departmentId === second.departmentId,
      )!;
      const next = view.getByTestId(`review-item-${second.id}`);
      await next.getByRole('button').first().click();
      await next.getByTestId('review-accept').click();
      await notice.getByText(/^Accepted "/).waitFor();
      await expect(reap.store.getAnalysis(second.id)).resolves.toMatchObject({
        status: 'accepted',
      });
      const after = (await citywide()).departments.find(
        (d) => d.departmentId === second.departmentId,
      )!;
      const kind = second.kind === 'new' ? 'newAnalysed' : 'existingAnalysed';
      expect(after.toolkit[kind]).toBe(before.toolkit[kind] + 1);
      await expect(notice.textContent()).resolves.toContain(
        `${after.name}: ${after.toolkit.newAnalysed} new, ${after.toolkit.existingAnalysed} existing accepted`,
      );

      // The Progress page shows the new figure.
      await page.getByRole('tab', { name: 'Progress' }).click();
      await expect(
        page.getByTestId(`dept-row-${second.departmentId}`).getByTestId('toolkit').textContent(),
      ).resolves.toBe(
        `${after.toolkit.newAnalysed} new, ${after.toolkit.existingAnalysed} existing`,
      );
    },
    SLOW_MS,
  );

  it.each(['dark', 'contrast'] as const)(
    'shows the review queue in the %s theme with no serious axe violation',
    async (theme) => {
      await page.goto(`${reap.url}/?theme=${theme}`);
      await page.getByRole('tab', { name: 'Review queue' }).click();
      const view = page.getByTestId('review-queue');
      await view
        .locator('[data-testid="review-count"], [data-testid="review-empty"]')
        .first()
        .waitFor({
          timeout: 20_000,
        });
      const first = view.locator('[data-testid^="review-item-"]').first();
      if ((await first.count()) > 0) await first.getByRole('button').first().click();
      expect(await axeProblems()).toEqual([]);
    },
    SLOW_MS,
  );
});
