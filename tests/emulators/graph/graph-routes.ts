import {
  decodeDeltaToken,
  deltaPage,
  encodeDeltaToken,
  startDelta,
  type DeltaState,
} from './delta';
import { GraphFailure, fail, type EmulatedRequest, type EmulatedResponse } from './graph-response';
import {
  ODataSyntaxError,
  matches,
  parseExpand,
  parseFilter,
  parseOrderBy,
  parseSelect,
  queryOption,
  type Expand,
} from './odata-query';
import type { RouteKind } from './resource-units';
import {
  SharePointSites,
  type EmulatedColumn,
  type ItemCursor,
  type StoredItem,
  type StoredList,
  type StoredSite,
} from './sharepoint-sites';
import type { EmulatedDirectory } from './directory';
import { resolveDirectoryRoute } from './directory-routes';
import { resolveTeamworkRoute, type EmulatedTeamwork } from './teamwork';
import { resolveDriveRoute, type EmulatedDrive } from './drive';

export type RouteContext = {
  sites: SharePointSites;
  /** Graph's root with version, e.g. `https://127.0.0.1:PORT/v1.0`, for links. */
  graphUrl: string;
  /** Items per page without `$top`. */
  defaultPageSize: number;
  /** Largest `$top` honoured. */
  maxPageSize: number;
  /** People and the Teams apps installed for them. */
  teamwork: EmulatedTeamwork;
  /** The tenant's users (`/users`, `/users/delta`). */
  directory: EmulatedDirectory;
  /** The app roles of the request's token (none before it is verified). */
  roles: readonly string[];
  /** Each site's document library. */
  drive: EmulatedDrive;
};

/** A request matched to a resource: its kind (for accounting) and how to answer it. */
export type ResolvedRoute = { kind: RouteKind; handle: () => EmulatedResponse };

const CONTEXT = (ctx: RouteContext, what: string): string => `${ctx.graphUrl}/$metadata#${what}`;

const HONOR_NON_INDEXED = 'honornonindexedquerieswarningmayfailrandomly';

function pick(
  value: Record<string, unknown>,
  select: string[] | undefined,
): Record<string, unknown> {
  if (!select) return value;
  const wanted = new Set(select.map((s) => s.toLowerCase()));
  return Object.fromEntries(
    Object.entries(value).filter(([k]) => k.startsWith('@odata.') || wanted.has(k.toLowerCase())),
  );
}

function siteJson(site: StoredSite): Record<string, unknown> {
  return {
    createdDateTime: site.created,
    description: '',
    id: site.id,
    lastModifiedDateTime: site.created,
    name: site.path.split('/').pop() ?? '',
    webUrl: site.webUrl,
    displayName: site.displayName,
    root: {},
    siteCollection: { hostname: site.hostname },
  };
}

function columnJson(column: EmulatedColumn): Record<string, unknown> {
  const facetName =
    column.type === 'note' ? 'text' : column.type === 'other' ? undefined : column.type;
  return {
    columnGroup: column.columnGroup,
    description: column.description,
    displayName: column.displayName,
    enforceUniqueValues: column.enforceUniqueValues,
    hidden: column.hidden,
    id: column.id,
    indexed: column.indexed,
    name: column.name,
    readOnly: column.readOnly,
    required: column.required,
    ...(facetName ? { [facetName]: column.facet } : column.facet),
  };
}

function listJson(site: StoredSite, list: StoredList, expand?: Expand): Record<string, unknown> {
  const eTag = `"${list.uniqueId},${list.version}"`;
  return {
    '@odata.etag': eTag,
    createdDateTime: list.created,
    description: list.description,
    eTag,
    id: list.id,
    lastModifiedDateTime: list.modified,
    name: list.name,
    webUrl: `${site.webUrl}/Lists/${list.name}`,
    displayName: list.displayName,
    createdBy: { user: { displayName: 'SharePoint App' } },
    parentReference: { siteId: site.id },
    list: { contentTypesEnabled: false, hidden: false, template: list.template },
    ...(expand?.has('columns') ? { columns: list.columns.map(columnJson) } : {}),
  };
}

/** The item's `fields` (a fieldValueSet): set values only, as Graph leaves empty ones out. */
function fieldsJson(
  list: StoredList,
  item: StoredItem,
  select?: string[],
): Record<string, unknown> {
  const title = item.values.Title;
  const all: Record<string, unknown> = { '@odata.etag': SharePointSites.eTag(item) };
  for (const column of list.columns) {
    const value = item.values[column.name];
    if (value !== undefined && value !== null && !column.readOnly) all[column.name] = value;
  }
  Object.assign(all, {
    id: String(item.id),
    ContentType: 'Item',
    Modified: item.modified,
    Created: item.created,
    AuthorLookupId: '1073741822',
    EditorLookupId: '1073741822',
    _UIVersionString: `${item.version}.0`,
    Attachments: false,
    Edit: '',
    ...(title !== undefined ? { LinkTitleNoMenu: title, LinkTitle: title } : {}),
    ItemChildCount: '0',
    FolderChildCount: '0',
  });
  if (!select) return all;
  const wanted = new Set(select.map((s) => s.toLowerCase()));
  return Object.fromEntries(
    Object.entries(all).filter(([k]) => k === '@odata.etag' || wanted.has(k.toLowerCase())),
  );
}

function itemJson(
  site: StoredSite,
  list: StoredList,
  item: StoredItem,
  fields: { select?: string[] } | undefined,
  select?: string[],
): Record<string, unknown> {
  const eTag = SharePointSites.eTag(item);
  const body: Record<string, unknown> = {
    '@odata.etag': eTag,
    createdDateTime: item.created,
    eTag,
    id: String(item.id),
    lastModifiedDateTime: item.modified,
    webUrl: `${site.webUrl}/Lists/${list.name}/${item.id}_.000`,
    createdBy: { user: { displayName: 'SharePoint App' } },
    lastModifiedBy: { user: { displayName: 'SharePoint App' } },
    parentReference: { id: list.id, siteId: site.id },
    contentType: { id: '0x0100', name: 'Item' },
  };
  const picked = pick(body, select);
  if (fields) picked.fields = fieldsJson(list, item, fields.select);
  return picked;
}

function parseOr400<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ODataSyntaxError) fail(400, 'invalidRequest', error.message);
    throw error;
  }
}

function pageSize(req: EmulatedRequest, ctx: RouteContext): number {
  const top = queryOption(req.query, 'top');
  if (top === undefined) return ctx.defaultPageSize;
  const n = Number(top);
  if (!Number.isInteger(n) || n < 1) fail(400, 'invalidRequest', `Invalid $top value '${top}'.`);
  return Math.min(n, ctx.maxPageSize);
}

/** The request's query again, without its skip token, for the next page's link. */
function carriedQuery(req: EmulatedRequest, extra: Record<string, string>): string {
  const parts: string[] = [];
  for (const [k, v] of req.query) {
    if (/^\$?skiptoken$/i.test(k)) continue;
    parts.push(`${k}=${encodeURIComponent(v)}`);
  }
  for (const [k, v] of Object.entries(extra)) parts.push(`${k}=${encodeURIComponent(v)}`);
  return parts.join('&');
}

/** SharePoint's paging token: base64 of `Paged=TRUE&p_ID=…` (plus the sort values). */
function encodeItemSkipToken(cursor: ItemCursor): string {
  const params = new URLSearchParams({ Paged: 'TRUE', p_ID: String(cursor.id) });
  if (cursor.values.length) params.set('p_SortValues', JSON.stringify(cursor.values));
  return Buffer.from(params.toString(), 'utf8').toString('base64url');
}

function decodeItemSkipToken(token: string): ItemCursor {
  const params = new URLSearchParams(Buffer.from(token, 'base64url').toString('utf8'));
  const id = Number(params.get('p_ID'));
  if (params.get('Paged') !== 'TRUE' || !Number.isInteger(id)) {
    fail(400, 'invalidRequest', 'The $skiptoken is not valid.');
  }
  const values = params.get('p_SortValues');
  return { id, values: values ? (JSON.parse(values) as unknown[]) : [] };
}

/** Offset paging for the small collections (lists, columns). */
function pageByOffset<T>(
  all: T[],
  req: EmulatedRequest,
  ctx: RouteContext,
  path: string,
): { value: T[]; nextLink?: string } {
  const token = queryOption(req.query, 'skiptoken');
  const offset = token
    ? Number(new URLSearchParams(Buffer.from(token, 'base64url').toString()).get('p_Offset'))
    : 0;
  if (!Number.isInteger(offset) || offset < 0)
    fail(400, 'invalidRequest', 'The $skiptoken is not valid.');
  const top = pageSize(req, ctx);
  const value = all.slice(offset, offset + top);
  if (offset + top >= all.length) return { value };
  const next = Buffer.from(`Paged=TRUE&p_Offset=${offset + top}`).toString('base64url');
  return { value, nextLink: `${ctx.graphUrl}${path}?${carriedQuery(req, { $skiptoken: next })}` };
}

const notAllowed = (req: EmulatedRequest): never =>
  fail(405, 'BadRequest', `The HTTP method '${req.method}' is not supported for this resource.`);

/**
 * Graph addresses a site by id (`/sites/{host,guid,guid}`, or `root`) or by path:
 * `/sites/{hostname}:/{server-relative path}`, optionally followed by `:` and more segments.
 */
function parseSitePath(path: string): { site: SiteRef; segments: string[] } | undefined {
  const byPath = /^\/sites\/([^/:]+):(\/[^:]*)?(?::(\/.*)?)?$/.exec(path);
  if (byPath?.[1]) {
    return {
      site: { hostname: byPath[1], path: byPath[2] ?? '/' },
      segments: (byPath[3] ?? '').split('/').filter(Boolean),
    };
  }
  const [root, id, ...segments] = path.split('/').filter(Boolean);
  if (root !== 'sites' || !id) return undefined;
  return { site: { id }, segments };
}

type SiteRef = { id: string } | { hostname: string; path: string };

/** Matches a Graph request (below `/v1.0`) to its SharePoint (or Teams app) resource. */
export function resolveGraphRoute(req: EmulatedRequest, ctx: RouteContext): ResolvedRoute {
  const teamwork = resolveTeamworkRoute(req, ctx.teamwork, ctx.graphUrl);
  if (teamwork) return teamwork;
  const directory = resolveDirectoryRoute(req, ctx.directory, ctx.graphUrl, ctx.roles);
  if (directory) return directory;
  const drive = resolveDriveRoute(req, ctx);
  if (drive) return drive;
  const parsed = parseSitePath(req.path);
  const unknown = (): ResolvedRoute => ({
    kind: 'unknown',
    handle: () =>
      fail(
        400,
        'BadRequest',
        `Resource not found for the segment '${req.path.split('/').filter(Boolean).at(-1) ?? ''}'.`,
      ),
  });
  if (!parsed) return unknown();
  const [collection, listRef, sub, itemRef, leaf, ...extra] = parsed.segments;
  if (extra.length) return unknown();
  const ref = parsed.site;
  const getSite = (): StoredSite =>
    ('id' in ref ? ctx.sites.siteById(ref.id) : ctx.sites.siteByPath(ref.hostname, ref.path)) ??
    fail(404, 'itemNotFound', 'Requested site could not be found');

  if (!collection) {
    return {
      kind: 'site',
      handle: () => {
        if (req.method !== 'GET') notAllowed(req);
        const site = pick(siteJson(getSite()), parseSelect(queryOption(req.query, 'select')));
        return { status: 200, body: { '@odata.context': CONTEXT(ctx, 'sites/$entity'), ...site } };
      },
    };
  }
  if (collection !== 'lists') return unknown();
  if (!listRef) return { kind: 'lists', handle: () => lists(req, ctx, getSite()) };
  const getList = (): { site: StoredSite; list: StoredList } => {
    const site = getSite();
    const list = ctx.sites.list(site, listRef) ?? fail(404, 'itemNotFound', 'List not found');
    return { site, list };
  };

  if (!sub) return { kind: 'list', handle: () => oneList(req, ctx, getList()) };
  if (sub === 'columns') {
    if (!itemRef) return { kind: 'columns', handle: () => columns(req, ctx, getList()) };
    if (leaf) return unknown();
    return { kind: 'column', handle: () => oneColumn(req, ctx, getList(), itemRef) };
  }
  if (sub !== 'items') return unknown();
  if (!itemRef) return { kind: 'items', handle: () => items(req, ctx, getList()) };
  if (itemRef === 'delta' || itemRef === 'microsoft.graph.delta()') {
    if (leaf) return unknown();
    return { kind: 'delta', handle: () => delta(req, ctx, getList()) };
  }
  if (!leaf) return { kind: 'item', handle: () => oneItem(req, ctx, getList(), itemRef) };
  if (leaf === 'fields') {
    return { kind: 'fields', handle: () => itemFields(req, ctx, getList(), itemRef) };
  }
  return unknown();
}

function lists(req: EmulatedRequest, ctx: RouteContext, site: StoredSite): EmulatedResponse {
  if (req.method === 'POST') {
    const list = ctx.sites.createList(site, req.body);
    return {
      status: 201,
      body: {
        '@odata.context': CONTEXT(ctx, `sites('${site.id}')/lists/$entity`),
        ...listJson(site, list),
      },
    };
  }
  if (req.method !== 'GET') notAllowed(req);
  const expand = parseOr400(() => parseExpand(queryOption(req.query, 'expand') ?? ''));
  let all = [...site.lists.values()].map((l) => listJson(site, l, expand));
  const filterText = queryOption(req.query, 'filter');
  if (filterText) {
    const filter = parseOr400(() => parseFilter(filterText));
    all = all.filter((l) =>
      matches(filter, (property) => ({ value: l[property], caseInsensitive: true })),
    );
  }
  const select = parseSelect(queryOption(req.query, 'select'));
  const page = pageByOffset(all, req, ctx, `/sites/${site.id}/lists`);
  return {
    status: 200,
    body: {
      '@odata.context': CONTEXT(ctx, `sites('${site.id}')/lists`),
      value: page.value.map((l) => pick(l, select)),
      ...(page.nextLink ? { '@odata.nextLink': page.nextLink } : {}),
    },
  };
}

function oneList(
  req: EmulatedRequest,
  ctx: RouteContext,
  { site, list }: { site: StoredSite; list: StoredList },
): EmulatedResponse {
  if (req.method === 'DELETE') {
    ctx.sites.deleteList(site, list);
    return { status: 204 };
  }
  if (req.method !== 'GET') notAllowed(req);
  const expand = parseOr400(() => parseExpand(queryOption(req.query, 'expand') ?? ''));
  return {
    status: 200,
    body: {
      '@odata.context': CONTEXT(ctx, `sites('${site.id}')/lists/$entity`),
      ...pick(listJson(site, list, expand), parseSelect(queryOption(req.query, 'select'))),
    },
  };
}

function columns(
  req: EmulatedRequest,
  ctx: RouteContext,
  { site, list }: { site: StoredSite; list: StoredList },
): EmulatedResponse {
  if (req.method === 'POST') {
    const column = ctx.sites.addColumn(list, req.body);
    return {
      status: 201,
      body: { '@odata.context': CONTEXT(ctx, 'columnDefinition'), ...columnJson(column) },
    };
  }
  if (req.method !== 'GET') notAllowed(req);
  const select = parseSelect(queryOption(req.query, 'select'));
  const page = pageByOffset(
    list.columns.map(columnJson),
    req,
    ctx,
    `/sites/${site.id}/lists/${list.id}/columns`,
  );
  return {
    status: 200,
    body: {
      '@odata.context': CONTEXT(ctx, `sites('${site.id}')/lists('${list.id}')/columns`),
      value: page.value.map((c) => pick(c, select)),
      ...(page.nextLink ? { '@odata.nextLink': page.nextLink } : {}),
    },
  };
}

function oneColumn(
  req: EmulatedRequest,
  ctx: RouteContext,
  { list }: { site: StoredSite; list: StoredList },
  ref: string,
): EmulatedResponse {
  const column = ctx.sites.column(list, ref) ?? fail(404, 'itemNotFound', 'Column not found');
  if (req.method === 'PATCH') {
    return { status: 200, body: columnJson(ctx.sites.updateColumn(list, column, req.body)) };
  }
  if (req.method !== 'GET') notAllowed(req);
  return {
    status: 200,
    body: pick(columnJson(column), parseSelect(queryOption(req.query, 'select'))),
  };
}

/** `expand=fields`, `expand=fields(select=A,B)`: the fields to embed, if any. */
function expandedFields(req: EmulatedRequest): { select?: string[] } | undefined {
  const expand = parseOr400(() => parseExpand(queryOption(req.query, 'expand') ?? ''));
  return expand.get('fields');
}

function items(
  req: EmulatedRequest,
  ctx: RouteContext,
  { site, list }: { site: StoredSite; list: StoredList },
): EmulatedResponse {
  if (req.method === 'POST') {
    const body = (req.body ?? {}) as { fields?: unknown };
    const item = ctx.sites.createItem(list, body.fields ?? {});
    return {
      status: 201,
      body: {
        '@odata.context': CONTEXT(ctx, `sites('${site.id}')/lists('${list.id}')/items/$entity`),
        ...itemJson(site, list, item, {}),
      },
    };
  }
  if (req.method !== 'GET') notAllowed(req);
  const filterText = queryOption(req.query, 'filter');
  const orderText = queryOption(req.query, 'orderby');
  const token = queryOption(req.query, 'skiptoken');
  const prefer = (req.headers.prefer ?? '').toLowerCase();
  const page = ctx.sites.queryItems(list, {
    filter: filterText ? parseOr400(() => parseFilter(filterText)) : undefined,
    orderBy: orderText ? parseOr400(() => parseOrderBy(orderText)) : undefined,
    top: pageSize(req, ctx),
    after: token ? decodeItemSkipToken(token) : undefined,
    honorNonIndexed: prefer.includes(HONOR_NON_INDEXED),
  });
  const fields = expandedFields(req);
  const select = parseSelect(queryOption(req.query, 'select'));
  const path = `/sites/${site.id}/lists/${list.id}/items`;
  return {
    status: 200,
    body: {
      '@odata.context': CONTEXT(ctx, `sites('${site.id}')/lists('${list.id}')/items`),
      value: page.items.map((item) => itemJson(site, list, item, fields, select)),
      ...(page.next
        ? {
            '@odata.nextLink': `${ctx.graphUrl}${path}?${carriedQuery(req, { $skiptoken: encodeItemSkipToken(page.next) })}`,
          }
        : {}),
    },
  };
}

function findItem(ctx: RouteContext, list: StoredList, ref: string): StoredItem {
  return ctx.sites.item(list, ref) ?? fail(404, 'itemNotFound', 'Item not found');
}

function oneItem(
  req: EmulatedRequest,
  ctx: RouteContext,
  { site, list }: { site: StoredSite; list: StoredList },
  ref: string,
): EmulatedResponse {
  const item = findItem(ctx, list, ref);
  if (req.method === 'DELETE') {
    ctx.sites.deleteItem(list, item, req.headers['if-match']);
    return { status: 204 };
  }
  if (req.method !== 'GET') notAllowed(req);
  return {
    status: 200,
    body: {
      '@odata.context': CONTEXT(ctx, `sites('${site.id}')/lists('${list.id}')/items/$entity`),
      ...itemJson(
        site,
        list,
        item,
        expandedFields(req),
        parseSelect(queryOption(req.query, 'select')),
      ),
    },
  };
}

function itemFields(
  req: EmulatedRequest,
  ctx: RouteContext,
  { site, list }: { site: StoredSite; list: StoredList },
  ref: string,
): EmulatedResponse {
  const item = findItem(ctx, list, ref);
  const context = CONTEXT(
    ctx,
    `sites('${site.id}')/lists('${list.id}')/items('${item.id}')/fields/$entity`,
  );
  if (req.method === 'PATCH') {
    ctx.sites.updateItem(list, item, req.body, req.headers['if-match']);
    return { status: 200, body: { '@odata.context': context, ...fieldsJson(list, item) } };
  }
  if (req.method !== 'GET') notAllowed(req);
  return {
    status: 200,
    body: {
      '@odata.context': context,
      ...fieldsJson(list, item, parseSelect(queryOption(req.query, 'select'))),
    },
  };
}

function delta(
  req: EmulatedRequest,
  ctx: RouteContext,
  { site, list }: { site: StoredSite; list: StoredList },
): EmulatedResponse {
  if (req.method !== 'GET') notAllowed(req);
  const token = req.query.get('token');
  // Query options of this call, or remembered by the token from the first one.
  const own: Record<string, string> = {};
  for (const name of ['select', 'expand', 'top']) {
    const value = queryOption(req.query, name);
    if (value !== undefined) own[`$${name}`] = value;
  }
  let state: DeltaState;
  if (token && token !== 'latest') {
    state = decodeDeltaToken(token);
    state = { ...state, q: { ...(state.q ?? {}), ...own } };
  } else {
    state = startDelta(list, token === 'latest', own);
  }
  const options = new URLSearchParams(state.q ?? {});
  const effective = { ...req, query: options };
  const base = `${ctx.graphUrl}/sites/${site.id}/lists/${list.id}/items/delta`;
  let page;
  try {
    page =
      token === 'latest'
        ? { entries: [], delta: state }
        : deltaPage(list, state, pageSize(effective, ctx));
  } catch (error) {
    // 410 Gone carries, in Location, a link that starts a fresh enumeration.
    if (error instanceof GraphFailure && error.response.status === 410) {
      const q = new URLSearchParams(state.q ?? {}).toString();
      error.response.headers = { ...error.response.headers, Location: q ? `${base}?${q}` : base };
    }
    throw error;
  }
  const fields = expandedFields(effective);
  const select = parseSelect(queryOption(options, 'select'));
  return {
    status: 200,
    body: {
      '@odata.context': CONTEXT(ctx, 'Collection(listItem)'),
      value: page.entries.map((entry) =>
        'item' in entry
          ? itemJson(site, list, entry.item, fields, select)
          : {
              id: String(entry.deletedId),
              parentReference: { siteId: site.id },
              deleted: { state: 'deleted' },
            },
      ),
      ...(page.next ? { '@odata.nextLink': `${base}?token=${encodeDeltaToken(page.next)}` } : {}),
      ...(page.delta
        ? { '@odata.deltaLink': `${base}?token=${encodeDeltaToken(page.delta)}` }
        : {}),
    },
  };
}
