import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Tier } from '../../src/domain';
import { startReap, type RunningReap } from '../../src/server/start';
import { DEMO_PERSONAS } from '../../src/services/demo/demo-city';
import type { CitywideProgress } from '../../src/services/progress-service';
import { tempDir } from '../support/temp-dir';
import { launchChromium } from '../../src/bench/headless-chromium';

// The built tab (dist/tab) against the real server and its demo city, in headless Chromium.
// `npm test` builds the tab first when its sources changed.

const root = path.resolve(__dirname, '..', '..');
const shots = path.join(root, 'tests', '.tmp');
const THEMES = ['light', 'dark', 'contrast'] as const;

/** The text the tab writes for a completion figure (en-US digit grouping). */
function completionText(f: { percent: number; completed: number; required: number }): string {
  if (f.required === 0) return 'none required';
  const n = (x: number) => x.toLocaleString('en-US');
  return `${f.percent}% (${n(f.completed)} of ${n(f.required)})`;
}

function trainingFigure(
  progress: CitywideProgress,
  departmentId: string,
  trainingId: string,
  tier: Tier,
) {
  const figure = progress.departments
    .find((d) => d.departmentId === departmentId)
    ?.training.find((t) => t.trainingId === trainingId && t.tier === tier);
  if (!figure) throw new Error(`no ${trainingId}/${tier} figure for ${departmentId}`);
  return figure;
}

describe('the tab in a browser, against the real server (local mode, demo city)', () => {
  let reap: RunningReap;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** What the browser refused under the Content Security Policy, in this test. */
  let cspViolations: string[];

  async function citywide(): Promise<CitywideProgress> {
    const res = await fetch(`${reap.url}/api/progress/citywide`, {
      headers: { 'x-reap-local-person': DEMO_PERSONAS.officer.id },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as CitywideProgress;
  }

  async function open(query = ''): Promise<void> {
    await page.goto(`${reap.url}/${query}`);
    await page.getByTestId('department-list').waitFor({ timeout: 20_000 });
  }

  beforeAll(async () => {
    if (!fs.existsSync(path.join(root, 'dist', 'tab', 'index.html'))) {
      throw new Error('dist/tab is not built: run "npm run build:tab" (npm test does it for you)');
    }
    fs.mkdirSync(shots, { recursive: true });
    reap = await startReap({ PORT: '0', DATA_DIR: tempDir(), REAP_SEED: 'demo' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await reap?.close();
  });

  beforeEach(async () => {
    // A fresh context per test: empty localStorage, so the picker starts on its default.
    context = await browser.newContext({
      viewport: { width: 1440, height: 1000 },
      locale: 'en-US',
    });
    page = await context.newPage();
    cspViolations = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
  });

  afterEach(async () => {
    await context.close();
    // The tab runs under its CSP (no inline script; Fluent's styles allowed) without a refusal.
    expect(cspViolations).toEqual([]);
  });

  async function pickIdentity(displayName: string): Promise<void> {
    await page.getByRole('combobox', { name: 'Signed in as (local mode)' }).click();
    await page.getByRole('option', { name: new RegExp(displayName) }).click();
  }

  it.each(THEMES)('shows every department and the API figures in the %s theme', async (theme) => {
    const api = await citywide();
    await open(`?theme=${theme}`);

    await expect(page.getByTestId('plan-title').textContent()).resolves.toBe(api.plan.planTitle);
    await expect(page.locator('[data-testid^="dept-row-"]').count()).resolves.toBe(
      api.departments.length,
    );
    for (const d of api.departments) {
      await expect(page.getByTestId(`dept-row-${d.departmentId}`).isVisible()).resolves.toBe(true);
    }

    const figure = trainingFigure(api, 'DOA', 'anti-racism', 'employee');
    await expect(page.getByTestId('training-DOA-anti-racism-employee').textContent()).resolves.toBe(
      completionText(figure),
    );
    const doa = page.getByTestId('dept-row-DOA');
    const doaApi = api.departments.find((d) => d.departmentId === 'DOA')!;
    await expect(doa.getByTestId('headcount').textContent()).resolves.toBe(
      doaApi.headcount.toLocaleString('en-US'),
    );
    await expect(page.getByTestId('summary-relt-value').textContent()).resolves.toBe(
      String(api.totals.reltFormed),
    );
    const citywideTotal = api.totals.training.find(
      (t) => t.trainingId === 'racial-equity-101' && t.tier === 'employee',
    )!;
    await expect(
      page.getByTestId('citywide-racial-equity-101-employee').textContent(),
    ).resolves.toBe(completionText(citywideTotal));

    // The plan's own words, from configuration.
    await expect(
      page.getByText(`${api.plan.terms.impactStatement}s`).first().isVisible(),
    ).resolves.toBe(true);

    // Local mode: the identity picker, on the Equity Officer by default; the theme switcher.
    const picker = page.getByRole('combobox', { name: 'Signed in as (local mode)' });
    await expect(picker.isVisible()).resolves.toBe(true);
    await expect(picker.textContent()).resolves.toContain(DEMO_PERSONAS.officer.displayName);
    const themeLabel = { light: 'Light', dark: 'Dark', contrast: 'High contrast' }[theme];
    await expect(page.getByRole('combobox', { name: 'Theme' }).textContent()).resolves.toContain(
      themeLabel,
    );

    await page.screenshot({ path: path.join(shots, `tab-citywide-${theme}.png`), fullPage: true });
  });

  it('paints each theme differently', async () => {
    const backgrounds = new Set<string>();
    for (const theme of THEMES) {
      await open(`?theme=${theme}`);
      // An expression string: the tests' tsconfig has no DOM library; it runs in the page.
      const css = `getComputedStyle(document.querySelector('[data-testid="app-root"]')).backgroundColor`;
      backgrounds.add(String(await page.evaluate(css)));
    }
    expect(backgrounds.size).toBe(THEMES.length);
  });

  it('shows a new completion recorded in the store after a reload', async () => {
    const people = await reap.store.listPeople({ departmentId: 'MPL' });
    const done = new Set(
      (await reap.store.listCompletions({ departmentId: 'MPL', trainingId: 'anti-racism' })).map(
        (c) => c.personId,
      ),
    );
    const person = people.find((p) => p.tier === 'employee' && !done.has(p.id));
    if (!person) throw new Error('every MPL employee has completed anti-racism in the demo city');

    const before = trainingFigure(await citywide(), 'MPL', 'anti-racism', 'employee');
    await open();
    const cell = page.getByTestId('training-MPL-anti-racism-employee');
    await expect(cell.textContent()).resolves.toBe(completionText(before));

    const outcome = await reap.store.recordCompletion({
      id: `browser-test-${person.id}`,
      personId: person.id,
      trainingId: 'anti-racism',
      waveId: before.waveId,
      completedOn: '2021-06-01',
      recordedAt: new Date().toISOString(),
      source: 'tab',
    });
    expect(outcome.created).toBe(true);

    const after = trainingFigure(await citywide(), 'MPL', 'anti-racism', 'employee');
    expect(after.completed).toBe(before.completed + 1);
    await page.reload();
    await page.getByTestId('department-list').waitFor();
    await expect(cell.textContent()).resolves.toBe(completionText(after));
  });

  it('sends the identity chosen in the picker on every API call, and remembers it', async () => {
    await open();
    const request = page.waitForRequest((r) => r.url().endsWith('/api/progress/citywide'));
    await pickIdentity(DEMO_PERSONAS.lead.displayName);
    expect((await request).headers()['x-reap-local-person']).toBe(DEMO_PERSONAS.lead.id);
    await page.getByTestId('department-list').waitFor();

    await page.reload();
    await page.getByTestId('department-list').waitFor();
    await expect(
      page.getByRole('combobox', { name: 'Signed in as (local mode)' }).textContent(),
    ).resolves.toContain(DEMO_PERSONAS.lead.displayName);
  });

  it('falls back to a browser tab when framed by a page that is not Teams', async () => {
    // teams-js waits for a host that never answers; the tab stops waiting and carries on.
    await page.goto(`${reap.url}/healthz`);
    await page.setContent(
      `<iframe src="${reap.url}/?theme=dark" width="1200" height="800"></iframe>`,
    );
    const tab = page.frameLocator('iframe');
    await tab.getByTestId('department-list').waitFor({ timeout: 20_000 });
    // The browser's toolbar (its theme picker) loads apart from the pages: wait for it too.
    await tab.getByRole('combobox', { name: 'Theme' }).waitFor({ timeout: 20_000 });
  });

  it('shows the Equity Officer the audit log, with a completion confirmed through the API', async () => {
    const confirmed = await fetch(`${reap.url}/api/my/trainings/racial-equity-101/complete`, {
      method: 'POST',
      headers: {
        'x-reap-local-person': DEMO_PERSONAS.employee.id,
        'content-type': 'application/json',
      },
      body: JSON.stringify({}),
    });
    expect([200, 201]).toContain(confirmed.status);
    const [entry] = (await reap.store.listAudit({ limit: 1 })) as Array<{ id: string }>;
    if (!entry) throw new Error('the confirmation left no audit entry');

    await open();
    // The pages' tabs appear once the server has said who is signed in.
    await page.getByRole('tablist', { name: 'Pages' }).waitFor({ timeout: 20_000 });
    await page.getByRole('tab', { name: 'Audit log' }).click();
    const row = page.getByTestId(`audit-${entry.id}`);
    await row.waitFor({ timeout: 20_000 });
    await expect(row.textContent()).resolves.toMatch(/Jordan Rivera.*Confirmed a training/);
    await expect(row.textContent()).resolves.toContain('trainingId: racial-equity-101');
    await page.screenshot({ path: path.join(shots, 'tab-audit-log.png') });

    await page.getByRole('tab', { name: 'Progress' }).click();
    await page.getByTestId('department-list').waitFor();
  });

  it('offers the audit log to nobody but the Equity Officer', async () => {
    await open();
    await page.getByRole('tab', { name: 'Audit log' }).waitFor({ timeout: 20_000 });
    // Who is signed in is known once the server has answered for the newly picked person.
    const meAsLead = page.waitForResponse(
      (r) =>
        r.url().endsWith('/api/me') &&
        r.request().headers()['x-reap-local-person'] === DEMO_PERSONAS.lead.id,
    );
    await pickIdentity(DEMO_PERSONAS.lead.displayName);
    await meAsLead;
    await page.getByTestId('department-list').waitFor();
    await expect(page.getByRole('tab', { name: 'Audit log' }).count()).resolves.toBe(0);
    const res = await fetch(`${reap.url}/api/audit`, {
      headers: { 'x-reap-local-person': DEMO_PERSONAS.lead.id },
    });
    expect(res.status).toBe(403);
  });

  it('tells an employee plainly that the citywide progress is not for their role', async () => {
    await open();
    await pickIdentity(DEMO_PERSONAS.employee.displayName);
    const refused = page.getByTestId('access-refused');
    await refused.waitFor({ timeout: 20_000 });
    await expect(refused.textContent()).resolves.toMatch(
      /citywide progress is not open to you.*Equity Officer and each department's leads and Ambassadors/,
    );
    await expect(page.getByRole('button', { name: 'Try again' }).count()).resolves.toBe(0);
    await expect(page.getByTestId('department-list').count()).resolves.toBe(0);
    await page.screenshot({ path: path.join(shots, 'tab-citywide-refused.png') });
  });

  it('explains what to do when the API cannot be reached', async () => {
    await page.route('**/api/progress/citywide', (route) => route.abort('connectionrefused'));
    await page.goto(`${reap.url}/`);
    const problem = page.getByTestId('load-problem');
    await problem.waitFor();
    await expect(problem.textContent()).resolves.toMatch(/not reachable.*try again/i);
    await expect(page.getByRole('button', { name: 'Try again' }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(shots, 'tab-citywide-unreachable.png') });
  });
});
