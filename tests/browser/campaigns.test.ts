import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { CampaignView, RecipientView, WaveView } from '../../src/campaigns/campaign-service';
import type { Person } from '../../src/domain';
import { startReap, type RunningReap } from '../../src/server/start';
import { DEMO_PERSONAS } from '../../src/services/demo/demo-city';
import type * as Tab from '../../src/tab/api/api-types';
import { conversationOf, referenceFor } from '../campaigns/campaign-city';
import { startBotConnectorEmulator, type BotConnectorEmulator } from '../emulators/bot-connector';
import { tempDir } from '../support/temp-dir';
import { launchChromium } from '../../src/bench/headless-chromium';

// The Equity Officer's "Training waves" page, built (dist/tab), against the real server, its send
// queue and the real Bot Framework adapter, with a Bot Connector emulator in place of Teams.

const root = path.resolve(__dirname, '..', '..');
const shots = path.join(root, 'tests', '.tmp');

// Late August 2020: the plan has started, but no training's first wave has opened. The clock
// ticks from there, so campaigns started one after the other have their own times.
const TODAY = '2020-08-20';
const startedAt = Date.now();
const clock = {
  now: () => new Date(Date.parse(`${TODAY}T15:00:00.000Z`) + Date.now() - startedAt),
};

/** The tab restates the server's shapes; they must not drift. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const shapesAgree: [
  Same<Tab.WaveView, WaveView>,
  Same<Tab.CampaignView, CampaignView>,
  Same<Tab.RecipientView, RecipientView>,
] = [true, true, true];

const n = (x: number) => x.toLocaleString('en-US');
const planDate = (iso: string) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-US', {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  });
const percentDown = (part: number, whole: number) =>
  whole === 0 ? 100 : Math.floor((part / whole) * 100);

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

describe('the Equity Officer’s training waves and reminder campaigns, in a browser', () => {
  let connector: BotConnectorEmulator;
  let reap: RunningReap;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cspViolations: string[];
  /** Uncaught errors in the page, in this test. */
  let pageErrors: string[];
  /** Frontline managers of the second anti-racism wave who have a chat with reap. */
  const reachable: Person[] = [];
  let blocked: Person;
  let gone: Person;
  /** People of that wave without a chat, renamed to names a CSV must quote or defuse. */
  let awkward: Person;
  let formula: Person;

  async function api<T>(urlPath: string): Promise<T> {
    const res = await fetch(`${reap.url}${urlPath}`, {
      headers: { 'x-reap-local-person': DEMO_PERSONAS.officer.id },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  }
  const waves = async () => (await api<{ waves: WaveView[] }>('/api/waves')).waves;
  /** The wave reminders (not the leads' summaries that follow each). */
  const campaigns = async () =>
    (await api<{ campaigns: CampaignView[] }>('/api/campaigns')).campaigns.filter(
      (c) => c.kind !== 'summary',
    );

  /** The element that has focus: its tag and its label or text (an expression run in the page). */
  const focused = () =>
    page.evaluate(
      `(() => { const e = document.activeElement; return e ? e.tagName + ' ' + (e.getAttribute('aria-label') || e.textContent || '').trim() : ''; })()`,
    ) as Promise<string>;

  /** What the page says about a form control: the texts its `aria-describedby` points at. */
  async function messageOf(control: Locator): Promise<string> {
    const ids = ((await control.getAttribute('aria-describedby')) ?? '').split(/\s+/);
    const texts = await Promise.all(
      ids.filter(Boolean).map((id) => page.locator(`[id="${id}"]`).textContent()),
    );
    return texts.join(' ').trim();
  }

  async function openWaves(theme: 'light' | 'dark' | 'contrast' = 'light'): Promise<void> {
    await page.goto(`${reap.url}/?theme=${theme}`);
    await page.getByRole('tablist', { name: 'Pages' }).waitFor({ timeout: 20_000 });
    await page.getByRole('tab', { name: 'Training waves' }).click();
    await page.locator('[data-testid^="wave-row-"]').first().waitFor({ timeout: 20_000 });
  }

  beforeAll(async () => {
    expect(shapesAgree).toEqual([true, true, true]);
    if (!fs.existsSync(path.join(root, 'dist', 'tab', 'index.html'))) {
      throw new Error('dist/tab is not built: run "npm run build:tab" (npm test does it for you)');
    }
    fs.mkdirSync(shots, { recursive: true });
    connector = await startBotConnectorEmulator();
    // Slow enough (the wave's ~400 reminders take about 7 s) for the page to show one sending.
    reap = await startReap(
      { PORT: '0', DATA_DIR: tempDir(), REAP_SEED: 'demo', CAMPAIGN_RATE_PER_SECOND: '60' },
      clock,
    );

    // A few people of the wave the test reminds get a chat with reap (the emulator's); two of
    // those chats refuse, as Teams does when someone blocked the bot or left.
    const done = new Set(
      (await reap.store.listCompletions({ trainingId: 'anti-racism' })).map((c) => c.personId),
    );
    const wave = (await reap.store.listPeople()).filter(
      (p) => p.tier === 'frontline_manager' && !done.has(p.id),
    );
    reachable.push(...wave.slice(0, 6));
    [blocked, gone] = [reachable[0]!, reachable[1]!];
    for (const p of reachable) {
      await reap.store.saveConversation({
        personId: p.id,
        reference: referenceFor(p, connector.url),
        updatedAt: `${TODAY}T09:00:00.000Z`,
      });
    }
    connector.conversationFaults.set(conversationOf(blocked), 403);
    connector.conversationFaults.set(conversationOf(gone), 404);
    awkward = { ...wave[10]!, displayName: 'O\'Neil, Pat "PJ"' };
    formula = { ...wave[11]!, displayName: '=HYPERLINK("https://example.com")' };
    await reap.store.upsertPeople([awkward, formula]);

    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await reap?.close();
    await connector?.close();
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

  it('lists every wave of every training in order, as the API has them', async () => {
    const api = await waves();
    expect(api.every((w) => w.state === 'not_open')).toBe(true);
    await openWaves();

    await expect(page.locator('[data-testid^="wave-row-"]').count()).resolves.toBe(api.length);
    for (const w of api) {
      const row = page.getByTestId(`wave-row-${w.id}`);
      await expect(row.getByRole('heading').textContent()).resolves.toMatch(
        new RegExp(`^Wave ${w.sequence}: `),
      );
      await expect(row.getByTestId('wave-state').textContent()).resolves.toBe('Not open yet');
      await expect(row.getByTestId('wave-dates').textContent()).resolves.toBe(
        `Opens ${planDate(w.opensOn)} · due ${planDate(w.dueOn)}`,
      );
      await expect(row.getByTestId('wave-confirmed').textContent()).resolves.toBe(
        w.people === 0
          ? 'none required'
          : `${percentDown(w.confirmed, w.people)}% (${n(w.confirmed)} of ${n(w.people)})`,
      );
      await expect(row.getByRole('button', { name: /^Open wave/ }).isVisible()).resolves.toBe(true);
    }
    // Within a training, in sequence.
    const ids = await page
      .locator('[data-testid="waves-anti-racism"] [data-testid^="wave-row-"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')));
    expect(ids).toEqual([
      'wave-row-anti-racism-w1',
      'wave-row-anti-racism-w2',
      'wave-row-anti-racism-w3',
    ]);
    await expect(page.getByTestId('no-campaigns').isVisible()).resolves.toBe(true);
  });

  it('opens a dialog from the keyboard and gives focus back to its button when closed', async () => {
    await openWaves();
    const button = page
      .getByTestId('wave-row-gare-toolkit-w1')
      .getByRole('button', { name: /^Open wave/ });
    await button.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expect(dialog.getByLabel('Due date').inputValue()).resolves.toBe('2021-02-28');
    // The first wave of a training opens in order: no reason asked.
    await expect(dialog.getByLabel(/Reason for opening out of order/).count()).resolves.toBe(0);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect(focused()).resolves.toMatch(
      /^BUTTON Open wave: Using the GARE Racial Equity Toolkit/,
    );
  });

  it('opens a wave out of order only with a reason, shows the server’s errors by their fields, and keeps the reason', async () => {
    await openWaves();
    const row = page.getByTestId('wave-row-anti-racism-w2');
    await row.getByRole('button', { name: /^Open wave/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const reason = dialog.getByLabel(/Reason for opening out of order/);
    const dueOn = dialog.getByLabel(/Due date/);
    await expect(dialog.textContent()).resolves.toContain(
      'Wave 1: Senior managers has not opened yet',
    );

    // No reason: the server refuses, and its message is the reason field's, which has the focus.
    await dialog.getByRole('button', { name: 'Open wave' }).click();
    await dialog.getByRole('alert').waitFor();
    await expect(messageOf(reason)).resolves.toBe(
      'Wave 1 of this training has not opened yet; say why this wave should open first.',
    );
    await expect(reason.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(messageOf(dueOn)).resolves.not.toMatch(/must/);
    await expect(focused()).resolves.toBe('TEXTAREA ');
    await page.screenshot({ path: path.join(shots, 'campaigns-open-wave-error.png') });

    // A due date already past: refused under the due date, with the server's words.
    await reason.fill('The frontline supervisors asked to start before the senior managers.');
    await dueOn.fill('2020-08-01');
    await dialog.getByRole('button', { name: 'Open wave' }).click();
    await dialog.getByText(`The due date must be after today (${TODAY}).`).waitFor();
    await expect(messageOf(dueOn)).resolves.toContain(
      `The due date must be after today (${TODAY}).`,
    );
    await expect(messageOf(reason)).resolves.toBe('');
    await expect(focused()).resolves.toBe('INPUT ');
    expect((await waves()).find((w) => w.id === 'anti-racism-w2')?.state).toBe('not_open');

    await dueOn.fill('2021-03-31');
    await dialog.getByRole('button', { name: 'Open wave' }).click();
    await dialog.waitFor({ state: 'detached' });

    const opened = (await waves()).find((w) => w.id === 'anti-racism-w2')!;
    expect(opened).toMatchObject({
      state: 'open',
      opensOn: TODAY,
      dueOn: '2021-03-31',
      overrideReason: 'The frontline supervisors asked to start before the senior managers.',
    });
    await row.getByTestId('wave-override-reason').waitFor();
    await expect(row.getByTestId('wave-override-reason').textContent()).resolves.toBe(
      `Opened out of order because: ${opened.overrideReason}`,
    );
    await expect(row.getByTestId('wave-state').textContent()).resolves.toBe('Open');
    await expect(row.getByTestId('wave-dates').textContent()).resolves.toBe(
      `Opened ${planDate(TODAY)} · due ${planDate('2021-03-31')}`,
    );
    await expect(page.getByTestId('waves-notice').textContent()).resolves.toContain(
      'Anti-racism in City government, wave 2: frontline managers and supervisors is open',
    );
    // The "Open wave" button is gone; its next step has the focus.
    await expect(focused()).resolves.toMatch(
      /^BUTTON Send reminders: Anti-racism in City government/,
    );
  });

  it('sends reminders to everyone in the wave who has not confirmed, live until every one is settled', async () => {
    const wave = (await waves()).find((w) => w.id === 'anti-racism-w2')!;
    expect(wave.state).toBe('open');
    const unconfirmed = wave.people - wave.confirmed;
    await openWaves();
    const polls: number[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/campaigns') && r.method() === 'GET') polls.push(Date.now());
    });

    const row = page.getByTestId('wave-row-anti-racism-w2');
    const send = row.getByRole('button', { name: /^Send reminders/ });
    await send.click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('send-reminders-count').textContent()).resolves.toMatch(
      new RegExp(`^${n(unconfirmed)} people in wave 2: frontline managers and supervisors`),
    );
    await dialog.getByRole('button', { name: `Send to ${n(unconfirmed)} people` }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect(focused()).resolves.toMatch(/^BUTTON Send reminders: Anti-racism/);

    const [started] = await campaigns();
    expect(started).toMatchObject({ waveId: 'anti-racism-w2', recipients: unconfirmed });
    const card = page.getByTestId(`campaign-card-${started!.id}`);
    await card.waitFor();

    // While it sends, the wave's button stays reachable but explains why it does nothing.
    if ((await campaigns())[0]!.state === 'running') {
      await expect(send.getAttribute('aria-disabled')).resolves.toBe('true');
      await row.getByText(/Reminders for this wave are being sent now/).waitFor();
      await page.screenshot({ path: path.join(shots, 'campaigns-sending.png'), fullPage: true });
    }

    await page
      .locator(`[data-testid="campaign-card-${started!.id}"][data-state="done"]`)
      .waitFor({ timeout: 45_000 });
    const [done] = await campaigns();
    expect(done!.state).toBe('done');
    expect(done!.counts).toMatchObject({
      sent: reachable.length - 2,
      blocked: 1,
      gone: 1,
      not_installed: unconfirmed - reachable.length,
      queued: 0,
      sending: 0,
      failed: 0,
    });
    for (const [group, count] of [
      ['sent', done!.counts.sent],
      ['waiting', 0],
      ['blocked', 1],
      ['not_installed', done!.counts.not_installed],
      ['gone', 1],
      ['failed', 0],
    ] as const) {
      await expect(card.getByTestId(`delivery-${group}`).textContent()).resolves.toBe(n(count));
    }
    await expect(card.getByRole('img').getAttribute('aria-label')).resolves.toBe(
      `Reminders to ${n(unconfirmed)} people: delivered ${n(done!.counts.sent)}, blocked reap 1, reap not installed ${n(done!.counts.not_installed)}, no longer reachable 1.`,
    );
    await expect(card.getByTestId('campaign-state').textContent()).resolves.toBe('Done');
    await expect(card.getByTestId('campaign-confirmed').textContent()).resolves.toBe(
      `${n(done!.confirmed)} of ${n(unconfirmed)}`,
    );
    // The wave can be reminded again, and the page stopped asking.
    await expect(send.getAttribute('aria-disabled')).resolves.toBeNull();
    expect(polls.length).toBeGreaterThanOrEqual(2);
    // A read already on its way when the card turned may still land (a loaded machine); past the
    // poll interval without one, the page must stay quiet. Still polling: this loop never ends.
    while (Date.now() - (polls.at(-1) ?? 0) < 2_500) await page.waitForTimeout(250);
    const settled = polls.length;
    await page.waitForTimeout(5_000);
    expect(polls.length).toBe(settled);
    expect(connector.deliveries().length).toBe(reachable.length - 2);
  }, 90_000);

  it('lists the people not reached, with their department and why, and downloads them as CSV', async () => {
    const deadline = Date.now() + 45_000;
    while ((await campaigns()).some((c) => c.state === 'running') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
    }
    const [campaign] = await campaigns();
    expect(campaign!.state).toBe('done');
    const notReached =
      campaign!.counts.blocked + campaign!.counts.gone + campaign!.counts.not_installed;
    await openWaves();
    const card = page.getByTestId(`campaign-card-${campaign!.id}`);
    const toggle = card.getByTestId('not-reached-toggle');
    await expect(toggle.textContent()).resolves.toBe(`People not reached (${n(notReached)})`);
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
    await toggle.click();
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
    const list = card.getByTestId('not-reached');
    const blockedRow = list.getByTestId(`not-reached-${blocked.id}`);
    await blockedRow.waitFor();
    await expect(blockedRow.textContent()).resolves.toMatch(
      new RegExp(
        `${blocked.displayName}.*\\(${blocked.departmentId}\\)Blocked reapblocked the bot`,
      ),
    );
    await expect(list.getByTestId(`not-reached-${gone.id}`).textContent()).resolves.toContain(
      'No longer reachable',
    );

    const download = page.waitForEvent('download');
    await list.getByRole('button', { name: 'Download CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(
      /^people-not-reached-anti-racism-wave-2-2020-08-2\d\.csv$/,
    );
    const text = fs.readFileSync((await file.path())!, 'utf8');
    expect(text.startsWith('\uFEFF"Name","Person ID","Department"')).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual([
      'Name',
      'Person ID',
      'Department',
      'Department name',
      'What happened',
      'Details',
      'Confirmed since',
    ]);
    expect(rows).toHaveLength(notReached + 1);
    expect(rows.every((r) => r.length === 7)).toBe(true);
    const byId = new Map(rows.slice(1).map((r) => [r[1], r]));
    expect(byId.get(blocked.id)).toEqual([
      blocked.displayName,
      blocked.id,
      blocked.departmentId,
      expect.stringMatching(/\w/),
      'Blocked reap',
      expect.stringMatching(/^blocked the bot/),
      'No',
    ]);
    expect(byId.get(awkward.id)?.slice(0, 2)).toEqual(['O\'Neil, Pat "PJ"', awkward.id]);
    expect(byId.get(awkward.id)?.[4]).toBe('reap not installed');
    // A name a spreadsheet would run as a formula opens as text.
    expect(byId.get(formula.id)?.[0]).toBe('\'=HYPERLINK("https://example.com")');
  });

  it('draws the page in the light, dark and high-contrast themes', async () => {
    for (const theme of ['light', 'dark', 'contrast'] as const) {
      await openWaves(theme);
      const card = page.locator('[data-testid^="campaign-card-"]').first();
      await card.getByTestId('not-reached-toggle').click();
      await card.getByTestId('not-reached').getByRole('row').nth(1).waitFor();
      await page.screenshot({ path: path.join(shots, `campaigns-${theme}.png`), fullPage: true });
      await card
        .locator('[role="img"]')
        .locator('..')
        .screenshot({ path: path.join(shots, `campaigns-bar-${theme}.png`) });
    }
  });

  it('offers the training waves to nobody but the Equity Officer', async () => {
    await page.goto(`${reap.url}/`);
    await page.getByRole('tab', { name: 'Training waves' }).waitFor({ timeout: 20_000 });
    const meAsLead = page.waitForResponse(
      (r) =>
        r.url().endsWith('/api/me') &&
        r.request().headers()['x-reap-local-person'] === DEMO_PERSONAS.lead.id,
    );
    await page.getByRole('combobox', { name: 'Signed in as (local mode)' }).click();
    await page.getByRole('option', { name: new RegExp(DEMO_PERSONAS.lead.displayName) }).click();
    await meAsLead;
    await page.getByTestId('department-list').waitFor();
    await expect(page.getByRole('tab', { name: 'Training waves' }).count()).resolves.toBe(0);
    for (const url of ['/api/waves', '/api/campaigns']) {
      const res = await fetch(`${reap.url}${url}`, {
        headers: { 'x-reap-local-person': DEMO_PERSONAS.lead.id },
      });
      expect(res.status).toBe(403);
    }
  });
});
