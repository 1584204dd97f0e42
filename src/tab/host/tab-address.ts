// What the tab's address says: which view to show and, for a channel tab, which department. The
// manifest's static tabs and a channel tab's saved settings (`setConfig`) put these in the URL;
// the cards' deep links open the same URLs.

/** The tab's views, by the `?view=` names the manifest and the cards use. */
export type TabView =
  | { name: 'citywide' }
  | { name: 'my-plan' }
  /** A department's channel tab; `departmentId` is undefined when the address lacks a valid one. */
  | { name: 'department'; departmentId: string | undefined }
  | { name: 'config' }
  /** The Equity Officer's annual report, compiled from the records. */
  | { name: 'annual-report' }
  /** The Health Department's indicator series: trends and gaps between groups. */
  | { name: 'indicators' }
  /** The diversity survey's results (suppressed) and the focus groups. */
  | { name: 'survey' };

/** Department ids as the roster writes them (`MHD`, `DPW`); anything else is not looked up. */
const DEPARTMENT_ID = /^[A-Za-z0-9_-]{1,40}$/;
/** A bot's Microsoft app id. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The view an address asks for; an unknown or missing `view` is the citywide one. */
export function tabViewFrom(search: string): TabView {
  const query = new URLSearchParams(search);
  switch (query.get('view')) {
    case 'my-plan':
      return { name: 'my-plan' };
    case 'config':
      return { name: 'config' };
    case 'annual-report':
      return { name: 'annual-report' };
    case 'indicators':
      return { name: 'indicators' };
    case 'survey':
      return { name: 'survey' };
    case 'department': {
      const id = query.get('departmentId') ?? '';
      return { name: 'department', departmentId: DEPARTMENT_ID.test(id) ? id : undefined };
    }
    default:
      return { name: 'citywide' };
  }
}

/**
 * The reap bot's app id, which the manifest's "My plan" tab puts in its address (`bot=`) so the
 * page can link to the chat with the bot. Undefined when absent or not an app id.
 */
export function botIdFrom(search: string): string | undefined {
  const id = new URLSearchParams(search).get('bot') ?? '';
  return GUID.test(id) ? id.toLowerCase() : undefined;
}

/** A Teams deep link to the person's chat with the bot. */
export function botChatLink(botId: string): string {
  return `https://teams.microsoft.com/l/chat/0/0?users=28:${encodeURIComponent(botId)}`;
}

/** A channel tab's settings for a department, as the configuration page saves them. */
export type DepartmentTabConfig = {
  entityId: string;
  contentUrl: string;
  websiteUrl: string;
  suggestedDisplayName: string;
};

/**
 * The settings of the channel tab that shows one department. `{theme}` is Teams' placeholder,
 * which it replaces with the person's theme when it loads the tab.
 * @param origin where the tab is served, e.g. `https://reap.milwaukee.gov`.
 */
export function departmentTabConfig(
  origin: string,
  department: { id: string; name: string },
): DepartmentTabConfig {
  const id = encodeURIComponent(department.id);
  return {
    entityId: `department-${department.id}`,
    contentUrl: `${origin}/?view=department&departmentId=${id}&theme={theme}`,
    websiteUrl: `${origin}/?view=department&departmentId=${id}`,
    suggestedDisplayName: `Racial equity: ${department.name}`,
  };
}

/** The department a channel tab was saved for, from its entity id (`department-MHD`). */
export function departmentOfEntity(entityId: string): string | undefined {
  const match = /^department-(.+)$/.exec(entityId);
  return match && DEPARTMENT_ID.test(match[1] ?? '') ? match[1] : undefined;
}

/**
 * The department a team or channel is probably for, to preselect on the configuration page: the
 * one whose name the team's or channel's name contains, or whose id it has as a word ("MHD
 * leadership"). Undefined unless exactly one department matches.
 */
export function inferDepartment<D extends { id: string; name: string }>(
  departments: readonly D[],
  names: ReadonlyArray<string | undefined>,
): D | undefined {
  const texts = names.filter((n): n is string => Boolean(n)).map((n) => n.toLowerCase());
  if (texts.length === 0) return undefined;
  const words = new Set(texts.flatMap((t) => t.split(/[^a-z0-9]+/)));
  const byName = departments.filter((d) => texts.some((t) => t.includes(d.name.toLowerCase())));
  if (byName.length === 1) return byName[0];
  // Several names inside one another ("Health", "Health Department"): the longest one.
  if (byName.length > 1) {
    const longest = [...byName].sort((a, b) => b.name.length - a.name.length);
    if ((longest[0]?.name.length ?? 0) > (longest[1]?.name.length ?? 0)) return longest[0];
    return undefined;
  }
  const byId = departments.filter((d) => words.has(d.id.toLowerCase()));
  return byId.length === 1 ? byId[0] : undefined;
}
