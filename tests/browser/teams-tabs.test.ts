import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { requirementsFor, type Person } from '../../src/domain';
import { startReap, type RunningReap } from '../../src/server/start';
import { DEMO_PERSONAS } from '../../src/services/demo/demo-city';
import type { MyPlan } from '../../src/services/my-plan-service';
import type { DepartmentDetail } from '../../src/services/progress-service';
import { startSecuredReap, type SecuredReap } from '../auth/secured-reap';
import {
  startTeamsHost,
  type TeamsHostEmulator,
  type TeamsHostPage,
  type TeamsHostSession,
  type TeamsTheme,
} from '../emulators/teams-host/teams-host';
import { tempDir } from '../support/temp-dir';
import { launchChromium } from '../../src/bench/headless-chromium';

// The tab's Teams pages, built (dist/tab), inside an emulated Teams client (tests/emulators/
// teams-host) that speaks teams-js's real protocol, against a server outside local mode: every
// API call carries an SSO token the host got from the Entra emulator, checked by the server.

const root = path.resolve(__dirname, '..', '..');
const screenshots = path.join(root, 'docs', 'screenshots');

// Mid-plan: the first waves are open or past due, some toolkit analyses are in draft.
const TODAY = '2021-06-15';
const startedAt = Date.now();
const clock = {
  now: () => new Date(Date.parse(`${TODAY}T15:00:00.000Z`) + Date.now() - startedAt),
};

const THEMES: Array<{ name: 'light' | 'dark' | 'contrast'; teams: TeamsTheme }> = [
  { name: 'light', teams: 'default' },
  { name: 'dark', teams: 'dark' },
  { name: 'contrast', teams: 'contrast' },
];

const planDate = (iso: string) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-US', {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  });

/** Waits until `read` gives what `done` accepts (the page updates after an event), or times out. */
async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  ms = 10_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > end) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// axe over a department's page with its list of names takes a while on a busy machine.
jest.setTimeout(120_000);

describe('the tabs in Teams (emulated host, SSO, demo city)', () => {
  let reap: SecuredReap;
  let host: TeamsHostEmulator;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** What the browser refused under the Content Security Policy, and uncaught errors. */
  let pageProblems: string[];

  const employee = DEMO_PERSONAS.employee; // Jordan Rivera, MPL
  const lead = DEMO_PERSONAS.lead; // Renee Washington, a lead of MHD
  let staff: Person; // someone of MHD who is neither a lead nor an Ambassador

  async function oidOf(personId: string): Promise<string> {
    const person = await reap.store.getPerson(personId);
    if (!person) throw new Error(`${personId} is not on the roster`);
    return person.aadObjectId;
  }

  /** Calls the API as a person, with an SSO token, as the tab does. */
  async function apiAs<T>(personId: string, apiPath: string): Promise<T> {
    const res = await reap.api(apiPath, { token: await reap.ssoToken(await oidOf(personId)) });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  }

  /**
   * Opens a tab's page in the emulated Teams client, signed in as `personId`.
   * @param address the query of the tab's address (`?view=my-plan`), or a whole URL.
   */
  async function openInTeams(
    personId: string,
    address: string,
    o: Partial<Omit<TeamsHostSession, 'tabUrl' | 'user'>> = {},
  ): Promise<TeamsHostPage> {
    return host.open(page, {
      tabUrl: address.startsWith('http') ? address : `${reap.url}/${address}`,
      frameContext: 'content',
      entityId: '',
      ...o,
      user: { oid: await oidOf(personId), tenantId: reap.entra.tenantId, upn: `${personId}@city` },
    });
  }

  /** Serious and critical axe violations of the host page and the tab in it. */
  async function axeProblems(): Promise<string[]> {
    const { violations } = await new AxeBuilder({ page }).analyze();
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  }

  /** The tab's background colour (an expression run in the tab's frame). */
  const background = async (): Promise<string> =>
    String(
      await tabFrame().evaluate(
        `getComputedStyle(document.querySelector('[data-testid="app-root"]')).backgroundColor`,
      ),
    );

  beforeAll(async () => {
    if (!fs.existsSync(path.join(root, 'dist', 'tab', 'index.html'))) {
      throw new Error('dist/tab is not built: run "npm run build:tab" (npm test does it for you)');
    }
    fs.mkdirSync(screenshots, { recursive: true });
    reap = await startSecuredReap({ clock });
    host = await startTeamsHost({ ssoToken: (oid) => reap.ssoToken(oid) });
    browser = await launchChromium();
    const members = await reap.store.listMembers({ departmentId: 'MHD' });
    const team = new Set(members.map((m) => m.personId));
    const mhd = await reap.store.listPeople({ departmentId: 'MHD' });
    const found = mhd.find((p) => p.tier === 'employee' && !team.has(p.id) && !p.leftOn);
    if (!found) throw new Error('the demo city has no MHD employee outside its team');
    staff = found;
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await reap?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    await host.attach(context);
    page = await context.newPage();
    pageProblems = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) pageProblems.push(m.text());
    });
    page.on('pageerror', (error) => pageProblems.push(String(error)));
  });

  afterEach(async () => {
    await context.close();
    expect(pageProblems).toEqual([]);
  });

  /** Who in a department has not confirmed each opened wave, by employee number, from the store. */
  async function unconfirmedFromStore(departmentId: string): Promise<Map<string, Set<string>>> {
    const [people, members, trainings, waves, completions] = await Promise.all([
      reap.store.listPeople({ departmentId }),
      reap.store.listMembers({ departmentId }),
      reap.store.listTrainings(),
      reap.store.listWaves(),
      reap.store.listCompletions({ departmentId }),
    ]);
    const leads = new Set(members.filter((m) => m.role === 'lead').map((m) => m.personId));
    const done = new Set(completions.map((c) => `${c.personId}|${c.trainingId}`));
    const missing = new Map<string, Set<string>>();
    for (const w of waves) if (w.opensOn <= TODAY) missing.set(w.id, new Set());
    for (const person of people) {
      for (const { training, wave } of requirementsFor(
        person,
        leads.has(person.id),
        trainings,
        waves,
      )) {
        if (done.has(`${person.id}|${training.id}`)) continue;
        missing.get(wave.id)?.add(person.id);
      }
    }
    return missing;
  }

  /** The tab's frame as a Playwright Frame (for evaluating scripts in it). */
  function tabFrame() {
    const frame = page.frames().find((f) => f.url().startsWith(reap.url));
    if (!frame) throw new Error('the tab is not framed in the host page');
    return frame;
  }

  /**
   * Presses Tab from the top of the host page until every control of the tab has had the focus;
   * returns the controls never reached and those whose focus could not be seen.
   */
  async function keyboardReach(): Promise<{
    controls: number;
    missed: string[];
    unseen: string[];
  }> {
    const frame = tabFrame();
    // Mark every control a keyboard should reach (expression strings: no DOM types in tests).
    const labels = (await frame.evaluate(`(() => {
      const selector = 'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"])';
      const all = [...document.querySelectorAll(selector)].filter((e) =>
        !e.disabled && e.getClientRects().length > 0 && e.getAttribute('tabindex') !== '-1');
      return all.map((e, i) => {
        e.setAttribute('data-kb', String(i));
        return e.tagName + ' ' + (e.getAttribute('aria-label') || e.textContent || e.getAttribute('data-testid') || '').trim().slice(0, 50);
      });
    })()`)) as string[];
    const seen = new Map<number, boolean>();
    await page.locator('body').focus();
    for (let i = 0; i < labels.length * 2 + 10 && seen.size < labels.length; i += 1) {
      await page.keyboard.press('Tab');
      const at = (await frame.evaluate(`(() => {
        const e = document.activeElement;
        if (!document.hasFocus() || !e || e === document.body) return null;
        const r = e.getBoundingClientRect();
        const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < window.innerHeight;
        return { id: Number(e.getAttribute('data-kb')), visible: onScreen && e.matches(':focus-visible') };
      })()`)) as { id: number; visible: boolean } | null;
      // A date input takes several stops (day, month, year, its calendar button): one seen is enough.
      if (at && !Number.isNaN(at.id)) seen.set(at.id, (seen.get(at.id) ?? false) || at.visible);
    }
    return {
      controls: labels.length,
      missed: labels.filter((_l, i) => !seen.has(i)),
      unseen: labels.filter((_l, i) => seen.get(i) === false),
    };
  }

  describe('the channel tab’s configuration page', () => {
    beforeEach(async () => {
      // About the size of the dialog Teams shows it in.
      await page.setViewportSize({ width: 900, height: 560 });
    });

    it('lets the person adding the tab pick the department, saves its address with setConfig, and the tab then shows it', async () => {
      const teams = await openInTeams(lead.id, '?view=config&theme=default', {
        frameContext: 'settings',
        team: { id: '19:team@thread.tacv2', name: 'Equity champions', groupId: 'g-1' },
        channel: { id: '19:general@thread.tacv2', name: 'General' },
      });
      const picker = teams.tab.getByTestId('department-picker');
      await picker.waitFor({ timeout: 20_000 });
      // Nothing in the team's name says which department: none is chosen, and Save is off.
      await expect(picker.inputValue()).resolves.toBe('');
      const departments = await reap.store.listDepartments();
      await expect(picker.locator('option:not([disabled])').count()).resolves.toBe(
        departments.length,
      );
      let record = await teams.record();
      expect(record).toMatchObject({ initialized: true, notifiedSuccess: true });
      expect(record.handlers).toContain('save');
      expect(record.validityStates.at(-1)).toBe(false);
      // The departments came through the API with the person's SSO token.
      expect(record.tokens).toBeGreaterThan(0);

      const mhd = departments.find((d) => d.id === 'MHD')!;
      await picker.selectOption('MHD');
      await expect(teams.tab.getByTestId('tab-name-preview').textContent()).resolves.toBe(
        `The tab will be named “Racial equity: ${mhd.name}”.`,
      );
      record = await teams.record();
      expect(record.validityStates.at(-1)).toBe(true);

      await expect(teams.save()).resolves.toEqual({ success: true });
      record = await teams.record();
      expect(record.config).toEqual({
        entityId: 'department-MHD',
        contentUrl: `${reap.url}/?view=department&departmentId=MHD&theme={theme}`,
        websiteUrl: `${reap.url}/?view=department&departmentId=MHD`,
        suggestedDisplayName: `Racial equity: ${mhd.name}`,
      });
      expect(record.saves).toEqual([{ success: true }]);
      expect(record.unanswered).toEqual([]);

      // Teams then opens the tab at the saved address, its {theme} filled in.
      const tab = await openInTeams(
        staff.id,
        record.config!.contentUrl.replace('{theme}', 'dark'),
        {
          entityId: record.config!.entityId!,
          team: { id: '19:team@thread.tacv2', name: 'Equity champions', groupId: 'g-1' },
          channel: { id: '19:general@thread.tacv2', name: 'General' },
          theme: 'dark',
        },
      );
      await tab.tab.getByTestId('department-detail-MHD').waitFor({ timeout: 20_000 });
      await expect(tab.tab.getByTestId('department-name').textContent()).resolves.toBe(mhd.name);
    });

    it('starts on the team’s department when its name says which, and on the tab’s own when it is changed', async () => {
      const departments = await reap.store.listDepartments();
      const mhd = departments.find((d) => d.id === 'MHD')!;
      const dpw = departments.find((d) => d.id === 'DPW')!;
      let teams = await openInTeams(lead.id, '?view=config&theme=default', {
        frameContext: 'settings',
        team: { id: '19:t2@thread.tacv2', name: mhd.name, groupId: 'g-2' },
        channel: { id: '19:c2@thread.tacv2', name: 'General' },
      });
      const picker = () => teams.tab.getByTestId('department-picker');
      await teams.tab.getByTestId('tab-name-preview').waitFor({ timeout: 20_000 });
      await expect(picker().inputValue()).resolves.toBe('MHD');
      expect((await teams.record()).validityStates.at(-1)).toBe(true);

      // Changing a DPW tab: its settings open on DPW, whatever the team is called.
      teams = await openInTeams(lead.id, '?view=config&theme=default', {
        frameContext: 'settings',
        entityId: 'department-DPW',
        team: { id: '19:t2@thread.tacv2', name: mhd.name, groupId: 'g-2' },
        channel: { id: '19:c2@thread.tacv2', name: 'General' },
      });
      await teams.tab.getByTestId('tab-name-preview').waitFor({ timeout: 20_000 });
      await expect(picker().inputValue()).resolves.toBe('DPW');
      await expect(teams.save()).resolves.toEqual({ success: true });
      expect((await teams.record()).config?.suggestedDisplayName).toBe(
        `Racial equity: ${dpw.name}`,
      );
    });
  });

  describe('the department channel tab', () => {
    const openDepartment = async (personId: string, theme: TeamsTheme = 'default') => {
      const teams = await openInTeams(
        personId,
        `?view=department&departmentId=MHD&theme=${theme}`,
        {
          entityId: 'department-MHD',
          theme,
          team: { id: '19:mhd@thread.tacv2', name: 'Health', groupId: 'g-mhd' },
          channel: { id: '19:mhd-general@thread.tacv2', name: 'General' },
        },
      );
      await teams.tab.getByTestId('department-waves').waitFor({ timeout: 20_000 });
      return teams;
    };

    it('shows staff the department’s figures, which match the store, and nobody’s name but its leads’', async () => {
      const teams = await openDepartment(staff.id);
      const detail = await apiAs<DepartmentDetail>(staff.id, '/api/progress/departments/MHD');
      expect(detail.people).toBeUndefined();
      const missing = await unconfirmedFromStore('MHD');
      for (const wave of detail.waves) {
        if (missing.has(wave.waveId))
          expect(wave.notConfirmed).toBe(missing.get(wave.waveId)!.size);
        const row = teams.tab.getByTestId(`wave-${wave.waveId}`);
        await expect(row.locator('td').last().textContent()).resolves.toBe(
          wave.notConfirmed.toLocaleString('en-US'),
        );
      }
      await expect(teams.tab.getByTestId('unconfirmed').count()).resolves.toBe(0);

      // No one's name or employee number in the page, but the leadership team's, which the
      // department names openly.
      const leads = new Set(detail.department.relt.leads.map((l) => l.displayName));
      const text = await teams.tab.locator('body').innerText();
      const html = await teams.tab.locator('body').innerHTML();
      const people = await reap.store.listPeople({ departmentId: 'MHD' });
      const shown = people.filter(
        (p) => !leads.has(p.displayName) && (text.includes(p.displayName) || html.includes(p.id)),
      );
      expect(shown.map((p) => p.displayName)).toEqual([]);
    });

    it('shows the department’s lead who has not confirmed, as the store has it', async () => {
      const teams = await openDepartment(lead.id);
      const detail = await apiAs<DepartmentDetail>(lead.id, '/api/progress/departments/MHD');
      const missing = await unconfirmedFromStore('MHD');
      expect(detail.people?.length).toBe(missing.size);
      for (const group of detail.people ?? []) {
        expect(new Set(group.people.map((p) => p.employeeNumber))).toEqual(
          missing.get(group.waveId),
        );
      }
      const list = teams.tab.getByTestId('unconfirmed');
      await list.waitFor();
      const wave = list.getByTestId('unconfirmed-wave');
      let compared = 0;
      for (const group of detail.people ?? []) {
        const expected = missing.get(group.waveId)!;
        if (expected.size === 0 || expected.size > 200) continue;
        await wave.selectOption(group.waveId);
        const rows = list.getByTestId('unconfirmed-row');
        await expect(rows.count()).resolves.toBe(expected.size);
        const numbers = await rows.evaluateAll((trs) =>
          trs.map(
            (tr) =>
              (tr as unknown as { cells: Array<{ textContent: string }> }).cells[1]!.textContent,
          ),
        );
        expect(new Set(numbers)).toEqual(expected);
        compared += 1;
      }
      expect(compared).toBeGreaterThan(0);
    });
  });

  describe('the “My plan” tab', () => {
    const openMyPlan = async (personId: string, theme: TeamsTheme = 'default') => {
      const teams = await openInTeams(personId, `?view=my-plan&theme=${theme}&bot=${reap.botId}`, {
        entityId: 'my-plan',
        theme,
      });
      await teams.tab.getByTestId('my-plan-person').waitFor({ timeout: 20_000 });
      return teams;
    };

    it('lists an employee’s trainings with their waves and due dates as the store has them, and confirms one', async () => {
      const requests: Array<Record<string, string>> = [];
      page.on('request', (r) => {
        if (r.url().startsWith(`${reap.url}/api/my/`)) requests.push(r.headers());
      });
      const teams = await openMyPlan(employee.id);
      const person = (await reap.store.getPerson(employee.id))!;
      const [trainings, waves] = await Promise.all([
        reap.store.listTrainings(),
        reap.store.listWaves(),
      ]);
      const required = requirementsFor(person, false, trainings, waves);
      const completions = await reap.store.listCompletions({ personId: employee.id });
      const items = teams.tab.locator('[data-testid^="my-training-"]');
      await expect(items.count()).resolves.toBe(required.length);
      for (const { training, wave } of required) {
        const item = teams.tab.getByTestId(`my-training-${training.id}`);
        await expect(item.getByRole('heading').textContent()).resolves.toBe(training.title);
        await expect(item.getByTestId('due').textContent()).resolves.toBe(planDate(wave.dueOn));
        await expect(item.getByTestId('wave').textContent()).resolves.toMatch(
          new RegExp(`^Wave ${wave.sequence}: `),
        );
        const done = completions.find((c) => c.trainingId === training.id);
        await expect(item.getByTestId('status').textContent()).resolves.toBe(
          done
            ? `Completed on ${planDate(done.completedOn)}`
            : wave.opensOn > TODAY
              ? `Opens ${planDate(wave.opensOn)}`
              : wave.dueOn < TODAY
                ? 'Past due'
                : 'To do',
        );
      }
      // Every call of the page went with the person's SSO token, none with a local identity.
      expect(requests.length).toBeGreaterThan(0);
      for (const headers of requests) {
        expect(headers.authorization).toMatch(/^Bearer ey/);
        expect(headers['x-reap-local-person']).toBeUndefined();
      }

      const open = required.find(
        ({ training, wave }) =>
          wave.opensOn <= TODAY && !completions.some((c) => c.trainingId === training.id),
      );
      if (!open) throw new Error(`${employee.id} has no open training to confirm on ${TODAY}`);
      const item = teams.tab.getByTestId(`my-training-${open.training.id}`);
      const date = item.getByLabel('Completed on');
      await expect(date.inputValue()).resolves.toBe(TODAY);

      // A day in the future: the server refuses it, and says so beside the date.
      const refused = await reap.api(`/api/my/trainings/${open.training.id}/complete`, {
        token: await reap.ssoToken(person.aadObjectId),
        method: 'POST',
        body: { completedOn: '2021-06-16' },
      });
      expect(refused.status).toBe(400);
      const { message } = (await refused.json()) as { message: string };
      await date.fill('2021-06-16');
      await item.getByRole('button', { name: 'Confirm completion' }).click();
      await expect(
        until(
          () => date.getAttribute('aria-invalid'),
          (v) => v === 'true',
        ),
      ).resolves.toBe('true');
      // The focus is taken back to the date to fix.
      await expect(tabFrame().evaluate(`document.activeElement.type`)).resolves.toBe('date');
      // What the page says about the field: the texts its aria-describedby points at.
      const ids = ((await date.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
      const texts = await Promise.all(
        ids.map((id) => teams.tab.locator(`[id="${id}"]`).textContent()),
      );
      const described = texts.join(' ');
      expect(described).toContain(message);
      expect(
        (await reap.store.listCompletions({ personId: employee.id })).some(
          (c) => c.trainingId === open.training.id,
        ),
      ).toBe(false);

      // A day since the wave opened: recorded, and the page says so.
      const day = open.wave.opensOn > '2021-06-10' ? open.wave.opensOn : '2021-06-10';
      await date.fill(day);
      await item.getByRole('button', { name: 'Confirm completion' }).click();
      await teams.tab.getByTestId('my-trainings-notice').waitFor();
      await expect(teams.tab.getByTestId('my-trainings-notice').textContent()).resolves.toBe(
        `Recorded: ${open.training.title}, completed on ${planDate(day)}. Thank you.`,
      );
      const stored = (await reap.store.listCompletions({ personId: employee.id })).find(
        (c) => c.trainingId === open.training.id,
      );
      expect(stored).toMatchObject({ completedOn: day, source: 'tab' });
      await expect(item.getByTestId('status').textContent()).resolves.toBe(
        `Completed on ${planDate(day)}`,
      );
      await expect(item.getByLabel('Completed on').count()).resolves.toBe(0);
      // The employee has no department items.
      await expect(teams.tab.getByTestId('open-items').count()).resolves.toBe(0);
    });

    it('shows a lead the department’s open items as the API and the store have them, with the bot command and a chat link', async () => {
      const teams = await openMyPlan(lead.id);
      const plan = await apiAs<MyPlan>(lead.id, '/api/my/plan');
      expect(plan.department?.departmentId).toBe('MHD');
      const items = plan.department!.items;
      const shown = teams.tab.getByTestId('open-item');
      await expect(shown.count()).resolves.toBe(items.length);
      for (const [i, item] of items.entries()) {
        await expect(shown.nth(i).locator('p').first().textContent()).resolves.toBe(item.text);
        await expect(shown.nth(i).getByTestId('open-item-command').textContent()).resolves.toBe(
          `Type ${item.command} to the reap bot`,
        );
      }
      // The store's state: every draft or returned analysis is an item; no vision, an item.
      const analyses = await reap.store.listAnalyses({ departmentId: 'MHD' });
      const open = analyses.filter((a) => a.status === 'draft' || a.status === 'returned');
      expect(items.flatMap((i) => (i.kind === 'toolkit' ? [i.analysisId] : [])).sort()).toEqual(
        open.map((a) => a.id).sort(),
      );
      const visions = await reap.store.listVisions({ departmentId: 'MHD' });
      expect(items.some((i) => i.kind === 'vision')).toBe(visions.length === 0);
      expect(items.length).toBeGreaterThan(0);

      const chat = teams.tab.getByTestId('bot-chat-link');
      const link = `https://teams.microsoft.com/l/chat/0/0?users=28:${reap.botId}`;
      await expect(chat.getAttribute('href')).resolves.toBe(link);
      await chat.click();
      const links = await until(
        async () => (await teams.record()).links,
        (l) => l.length > 0,
      );
      expect(links).toEqual([link]);
    });
  });

  it('follows the Teams theme live when the person switches it', async () => {
    const teams = await openInTeams(employee.id, '?view=my-plan&theme=default', {
      entityId: 'my-plan',
    });
    await teams.tab.getByTestId('my-plan-person').waitFor({ timeout: 20_000 });
    expect((await teams.record()).handlers).toContain('themeChange');
    const root = teams.tab.getByTestId('app-root');
    const colours = [await background()];
    for (const theme of ['dark', 'contrast', 'default'] as const) {
      await teams.setTheme(theme);
      const expected = theme === 'default' ? 'light' : theme;
      await expect(
        until(
          () => root.getAttribute('data-theme'),
          (t) => t === expected,
        ),
      ).resolves.toBe(expected);
      colours.push(await background());
    }
    expect(new Set(colours.slice(0, 3)).size).toBe(3);
    expect(colours[3]).toBe(colours[0]);
  });

  describe.each(THEMES)('each view in the $name theme', ({ name, teams: theme }) => {
    it('has no serious axe violation and every control reached by keyboard: My plan', async () => {
      const teams = await openInTeams(lead.id, `?view=my-plan&theme=${theme}&bot=${reap.botId}`, {
        entityId: 'my-plan',
        theme,
      });
      await teams.tab.getByTestId('open-items').waitFor({ timeout: 20_000 });
      if (name !== 'contrast') {
        await page.screenshot({ path: path.join(screenshots, `my-plan-${name}.png`) });
      }
      expect(await axeProblems()).toEqual([]);
      const reach = await keyboardReach();
      expect(reach.controls).toBeGreaterThan(3);
      expect(reach).toMatchObject({ missed: [], unseen: [] });
    });

    it('has no serious axe violation and every control reached by keyboard: the department tab', async () => {
      const teams = await openInTeams(lead.id, `?view=department&departmentId=MHD&theme=${theme}`, {
        entityId: 'department-MHD',
        theme,
      });
      await teams.tab.getByTestId('unconfirmed').waitFor({ timeout: 20_000 });
      if (name !== 'contrast') {
        await page.screenshot({ path: path.join(screenshots, `department-tab-${name}.png`) });
      }
      expect(await axeProblems()).toEqual([]);
      const reach = await keyboardReach();
      expect(reach.controls).toBeGreaterThan(3);
      expect(reach).toMatchObject({ missed: [], unseen: [] });
    });

    it('has no serious axe violation and every control reached by keyboard: the configuration page', async () => {
      await page.setViewportSize({ width: 900, height: 560 });
      const teams = await openInTeams(lead.id, `?view=config&theme=${theme}`, {
        frameContext: 'settings',
        theme,
        team: { id: '19:t3@thread.tacv2', name: 'Milwaukee Health Department', groupId: 'g-3' },
        channel: { id: '19:c3@thread.tacv2', name: 'General' },
      });
      await teams.tab.getByTestId('tab-name-preview').waitFor({ timeout: 20_000 });
      if (name === 'light') {
        await page.screenshot({ path: path.join(screenshots, 'config-light.png') });
      }
      expect(await axeProblems()).toEqual([]);
      const reach = await keyboardReach();
      expect(reach.controls).toBe(1);
      expect(reach).toMatchObject({ missed: [], unseen: [] });
    });
  });
});

describe('the tabs outside Teams (local mode, plain browser)', () => {
  let reap: RunningReap;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    reap = await startReap({ PORT: '0', DATA_DIR: tempDir(), REAP_SEED: 'demo' }, clock);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await reap?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    page = await context.newPage();
  });
  afterEach(async () => {
    await context.close();
  });

  it('shows My plan for the person picked in the identity picker', async () => {
    await page.goto(`${reap.url}/?view=my-plan&theme=light`);
    const picker = page.getByRole('combobox', { name: 'Signed in as (local mode)' });
    await picker.waitFor({ timeout: 20_000 });
    await page.getByTestId('my-plan-person').waitFor({ timeout: 20_000 });
    await picker.click();
    await page
      .getByRole('option', { name: new RegExp(DEMO_PERSONAS.employee.displayName) })
      .click();
    const person = page.getByTestId('my-plan-person');
    await expect(
      until(
        () => person.textContent(),
        (t) => t?.startsWith(`${DEMO_PERSONAS.employee.displayName} · `) ?? false,
        20_000,
      ),
    ).resolves.toMatch(new RegExp(`^${DEMO_PERSONAS.employee.displayName} · `));
    await expect(page.locator('[data-testid^="my-training-"]').count()).resolves.toBeGreaterThan(0);
    // No bot id in a browser's address: no chat link, and nothing breaks.
    await expect(page.getByTestId('bot-chat-link').count()).resolves.toBe(0);
  });

  it('shows a department’s page, and explains the configuration page, outside Teams', async () => {
    await page.goto(`${reap.url}/?view=department&departmentId=MHD`);
    await page.getByTestId('department-detail-MHD').waitFor({ timeout: 20_000 });
    await page.goto(`${reap.url}/?view=config`);
    await page.getByTestId('config-outside-teams').waitFor({ timeout: 20_000 });
    await page.getByTestId('department-picker').selectOption('MHD');
    await expect(page.getByTestId('department-page-link').getAttribute('href')).resolves.toBe(
      `${reap.url}/?view=department&departmentId=MHD`,
    );
  });
});
