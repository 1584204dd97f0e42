import { cardActions } from '../../tests/bot/validate-card';
import { helpCardModel, renderHelpCard } from './help-card';
import { renderLeadSummaryCard } from './lead-summary-card';
import { renderReminderConfirmedCard } from './reminder-confirmed-card';
import { tabPageLink, tabPageUrl } from './tab-links';
import { renderWelcomeCard, welcomeCardModel } from './welcome-card';

const TAB = 'https://reap.example.gov/';
const APP = '11111111-1111-4111-8111-111111111111';

describe('links from cards to the tab', () => {
  it('links the plain address of each page when no Teams app id is known', () => {
    expect(tabPageLink(TAB, { view: 'citywide' })).toBe('https://reap.example.gov/');
    expect(tabPageLink(TAB, { view: 'my-plan' })).toBe('https://reap.example.gov/?view=my-plan');
    expect(tabPageLink({ url: TAB }, { view: 'department', departmentId: 'MHD' })).toBe(
      'https://reap.example.gov/?view=department&departmentId=MHD',
    );
  });

  it('deep-links the personal tabs by their manifest entity ids once the app id is known', () => {
    const link = new URL(tabPageLink({ url: TAB, teamsAppId: APP }, { view: 'my-plan' }));
    expect(`${link.origin}${link.pathname}`).toBe(
      `https://teams.microsoft.com/l/entity/${APP}/my-plan`,
    );
    expect(link.searchParams.get('webUrl')).toBe('https://reap.example.gov/?view=my-plan');
    expect(link.searchParams.get('label')).toBe('My plan');
    expect(link.searchParams.has('context')).toBe(false);
    const progress = new URL(tabPageLink({ url: TAB, teamsAppId: APP }, { view: 'citywide' }));
    expect(progress.pathname).toBe(`/l/entity/${APP}/progress`);
    expect(progress.searchParams.get('webUrl')).toBe(TAB);
  });

  it('encodes every value with %20, not +, as Teams reads them', () => {
    const link = tabPageLink({ url: TAB, teamsAppId: APP }, { view: 'my-plan' });
    expect(link).toContain('label=My%20plan');
    expect(link).toContain(
      `webUrl=${encodeURIComponent('https://reap.example.gov/?view=my-plan')}`,
    );
  });

  it('deep-links a channel tab only with its channel, carried in the context', () => {
    const channelId = '19:abc123@thread.tacv2';
    const link = new URL(
      tabPageLink(
        { url: TAB, teamsAppId: APP },
        { view: 'department', departmentId: 'MHD', channelId },
      ),
    );
    expect(link.pathname).toBe(`/l/entity/${APP}/department-MHD`);
    expect(JSON.parse(link.searchParams.get('context') ?? '')).toEqual({ channelId });
    expect(
      tabPageLink({ url: TAB, teamsAppId: APP }, { view: 'department', departmentId: 'MHD' }),
    ).toBe('https://reap.example.gov/?view=department&departmentId=MHD');
  });

  it('replaces a query the tab address had, and keeps a path it is served under', () => {
    expect(tabPageUrl('https://city.example.gov/reap/?theme=dark', { view: 'my-plan' })).toBe(
      'https://city.example.gov/reap/?view=my-plan',
    );
  });
});

describe('the cards’ links to the tab', () => {
  const address = { url: TAB, teamsAppId: APP };
  const openUrls = (attachment: { content?: unknown }) =>
    cardActions(attachment.content)
      .filter((a) => a.type === 'Action.OpenUrl')
      .map((a) => String(a.url));
  const progress = tabPageLink(address, { view: 'citywide' });

  it("open the Progress tab from a lead's help and the lead summary, My plan from the welcome and an employee's help", () => {
    const myPlan = tabPageLink(address, { view: 'my-plan' });
    expect(openUrls(renderWelcomeCard(welcomeCardModel('Jordan Rivera', address)))).toEqual([
      myPlan,
    ]);
    expect(openUrls(renderHelpCard(helpCardModel(address)))).toEqual([myPlan]);
    expect(
      openUrls(renderHelpCard(helpCardModel(address, undefined, { canUseForms: true }))),
    ).toEqual([progress]);
    const summary = renderLeadSummaryCard({
      trainingTitle: 'Anti-racism in City government',
      waveLabel: 'wave 3: all employees',
      waveId: 'anti-racism-w3',
      departmentId: 'MHD',
      departmentName: 'Health Department',
      people: 3,
      unconfirmed: ['A', 'B'],
      tabUrl: address,
    });
    expect(openUrls(summary)).toEqual([progress]);
  });

  it('opens My plan from a confirmed reminder', () => {
    const card = renderReminderConfirmedCard({ title: 'Done', text: 'Recorded.', tabUrl: address });
    expect(openUrls(card)).toEqual([tabPageLink(address, { view: 'my-plan' })]);
    expect(openUrls(card)[0]).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/entity\/.*\/my-plan\?/);
  });
});
