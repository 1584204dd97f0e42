// The cards' links to the tab. In Teams a card's Action.OpenUrl to a Teams deep link opens the
// tab's page inside Teams; a plain address would open a browser. A deep link needs the app's id
// in the tenant's catalog, so without one the cards link the plain address, which works anywhere.

/** A page of the tab, by the `?view=` names of the tab's address. */
export type TabPage =
  /** The "Progress" personal tab (the tab's default view). */
  | { view: 'citywide' }
  /** The "My plan" personal tab. */
  | { view: 'my-plan' }
  /**
   * A department's channel tab. Teams links to a channel tab only with its channel's id; without
   * one the link is the page's plain address.
   */
  | { view: 'department'; departmentId: string; channelId?: string };

/**
 * Where the tab is served (`https://reap.milwaukee.gov/`), and, when known, the app's id in
 * Teams: the manifest's id for an uploaded app, the org catalog's id for one published there
 * (Microsoft's "app ID for different types of apps").
 */
export type TabAddress = string | { url: string; teamsAppId?: string };

/** The manifest's entity ids of the personal tabs (`staticTabs`). */
const STATIC_ENTITY: Record<'citywide' | 'my-plan', { entityId: string; label: string }> = {
  citywide: { entityId: 'progress', label: 'Progress' },
  'my-plan': { entityId: 'my-plan', label: 'My plan' },
};

/** The page's plain address: the tab's URL with the view's query; the default view as it is. */
export function tabPageUrl(tabUrl: string, page: TabPage): string {
  const url = new URL(tabUrl);
  if (page.view === 'citywide') return url.href;
  url.search = '';
  url.searchParams.set('view', page.view);
  if (page.view === 'department') url.searchParams.set('departmentId', page.departmentId);
  return url.href;
}

/**
 * The link a card opens the page with: a Teams deep link
 * (`https://teams.microsoft.com/l/entity/<appId>/<entityId>?webUrl=…&label=…&context=…`) when the
 * app's Teams id is known, else the page's plain address.
 */
export function tabPageLink(address: TabAddress, page: TabPage): string {
  const { url, teamsAppId } = typeof address === 'string' ? { url: address } : address;
  const webUrl = tabPageUrl(url, page);
  if (!teamsAppId) return webUrl;
  const entity =
    page.view === 'department'
      ? page.channelId
        ? { entityId: `department-${page.departmentId}`, label: 'Racial equity' }
        : undefined
      : STATIC_ENTITY[page.view];
  if (!entity) return webUrl;
  // Teams reads each value URI-encoded; `context` is JSON (only a channel tab needs one).
  const query = [
    `webUrl=${encodeURIComponent(webUrl)}`,
    `label=${encodeURIComponent(entity.label)}`,
    ...(page.view === 'department' && page.channelId
      ? [`context=${encodeURIComponent(JSON.stringify({ channelId: page.channelId }))}`]
      : []),
  ].join('&');
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId)}/${encodeURIComponent(entity.entityId)}?${query}`;
}
