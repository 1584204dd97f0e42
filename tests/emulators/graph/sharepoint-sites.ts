import crypto from 'node:crypto';
import { fail, graphTime } from './graph-response';
import {
  filterProperties,
  matches,
  type FilterNode,
  type OrderBy,
  type PropertyReader,
} from './odata-query';

/** The column types the emulator validates; others are stored as sent. */
export type ColumnType = 'text' | 'note' | 'number' | 'boolean' | 'dateTime' | 'choice' | 'other';

/** A list column, as Graph's columnDefinition describes it. */
export type EmulatedColumn = {
  id: string;
  name: string;
  displayName: string;
  description: string;
  columnGroup: string;
  type: ColumnType;
  /** The type facet (`text: { maxLength }`, `number: {}`…) as Graph returns it. */
  facet: Record<string, unknown>;
  indexed: boolean;
  enforceUniqueValues: boolean;
  required: boolean;
  hidden: boolean;
  readOnly: boolean;
};

export type StoredItem = {
  id: number;
  /** The GUID in the item's eTag. */
  uniqueId: string;
  /** Starts at 1 and grows with each change: the `N` of `"{GUID},N"`. */
  version: number;
  created: string;
  modified: string;
  /** Column name → value (string, number, boolean); cleared columns are absent. */
  values: Record<string, unknown>;
  /** The list's change sequence number of the item's last change (for delta). */
  changeSeq: number;
};

export type StoredList = {
  id: string;
  name: string;
  displayName: string;
  description: string;
  template: string;
  created: string;
  modified: string;
  uniqueId: string;
  version: number;
  columns: EmulatedColumn[];
  items: Map<number, StoredItem>;
  /** SharePoint never reuses an item id. */
  nextItemId: number;
  /** Bumped by every item change; delta tokens are positions in it. */
  changeSeq: number;
  /** Deleted item id → the change sequence number of its deletion. */
  tombstones: Map<number, number>;
  /** Delta tokens from an older generation answer 410 Gone. */
  generation: number;
  /** Column name → normalised value → item id, for columns that enforce unique values. */
  unique: Map<string, Map<string, number>>;
};

export type StoredSite = {
  id: string;
  hostname: string;
  /** Server-relative path, e.g. `/sites/reap`. */
  path: string;
  displayName: string;
  webUrl: string;
  created: string;
  lists: Map<string, StoredList>;
};

/** SharePoint's fixed id of the Title field. */
const TITLE_FIELD_ID = 'fa564e0f-0c70-4ab9-b863-0177e6ddd247';

/** Fields every item of a generic list has and that no one writes. */
const SYSTEM_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'ID',
  'ContentType',
  'Modified',
  'Created',
  'AuthorLookupId',
  'EditorLookupId',
  'AppAuthorLookupId',
  'AppEditorLookupId',
  '_UIVersionString',
  'Attachments',
  'Edit',
  'LinkTitleNoMenu',
  'LinkTitle',
  'ItemChildCount',
  'FolderChildCount',
]);

const TEXT_MAX = 255;

/** The list view threshold refusal SharePoint gives a query that would scan too many rows. */
export const LIST_VIEW_THRESHOLD_MESSAGE =
  'The attempted operation is prohibited because it exceeds the list view threshold.';

const guid = (): string => crypto.randomUUID();

function builtInColumn(
  name: string,
  type: ColumnType,
  facet: Record<string, unknown>,
  extra: Partial<EmulatedColumn> = {},
): EmulatedColumn {
  return {
    id: guid(),
    name,
    displayName: name,
    description: '',
    columnGroup: '_Hidden',
    type,
    facet,
    indexed: false,
    enforceUniqueValues: false,
    required: false,
    hidden: false,
    readOnly: true,
    ...extra,
  };
}

/** The columns Graph shows for a new generic list besides the ones created with it. */
function genericListColumns(): EmulatedColumn[] {
  return [
    builtInColumn('Title', 'text', textFacet({}), {
      id: TITLE_FIELD_ID,
      columnGroup: 'Custom Columns',
      readOnly: false,
      required: true,
    }),
    builtInColumn('ID', 'number', numberFacet({}), { indexed: true }),
    builtInColumn('ContentType', 'other', {}),
    builtInColumn('Modified', 'dateTime', dateTimeFacet({})),
    builtInColumn('Created', 'dateTime', dateTimeFacet({})),
    builtInColumn('Author', 'other', { personOrGroup: {} }),
    builtInColumn('Editor', 'other', { personOrGroup: {} }),
    builtInColumn('Attachments', 'boolean', {}),
  ];
}

function textFacet(sent: Record<string, unknown>): Record<string, unknown> {
  const multi = sent.allowMultipleLines === true;
  return {
    allowMultipleLines: multi,
    appendChangesToExistingText: false,
    linesForEditing: multi ? 6 : 0,
    ...(multi ? {} : { maxLength: TEXT_MAX }),
    ...sent,
  };
}
function numberFacet(sent: Record<string, unknown>): Record<string, unknown> {
  return {
    decimalPlaces: 'automatic',
    displayAs: 'number',
    maximum: Number.MAX_VALUE,
    minimum: -Number.MAX_VALUE,
    ...sent,
  };
}
function dateTimeFacet(sent: Record<string, unknown>): Record<string, unknown> {
  return { displayAs: 'default', format: 'dateTime', ...sent };
}

const FACETS = ['text', 'number', 'boolean', 'dateTime', 'choice', 'currency'] as const;

/** Builds a column from a columnDefinition body (POST columns, or `columns` of a new list). */
export function columnFromDefinition(body: unknown): EmulatedColumn {
  if (typeof body !== 'object' || body === null) fail(400, 'invalidRequest', 'Invalid request');
  const def = body as Record<string, unknown>;
  const name = def.name;
  if (typeof name !== 'string' || !name.trim()) {
    fail(400, 'invalidRequest', 'The column name is required.');
  }
  const facetName = FACETS.find((f) => typeof def[f] === 'object' && def[f] !== null);
  if (!facetName) {
    fail(400, 'invalidRequest', `The column '${name}' has no type (text, number, boolean…).`);
  }
  const sent = def[facetName] as Record<string, unknown>;
  let type: ColumnType;
  let facet: Record<string, unknown>;
  switch (facetName) {
    case 'text':
      facet = textFacet(sent);
      type = facet.allowMultipleLines === true ? 'note' : 'text';
      if (type === 'text') {
        const max = Number(facet.maxLength);
        if (!Number.isInteger(max) || max < 1 || max > TEXT_MAX) {
          fail(400, 'invalidRequest', `maxLength of '${name}' must be between 1 and ${TEXT_MAX}.`);
        }
      }
      break;
    case 'number':
    case 'currency':
      type = 'number';
      facet = numberFacet(sent);
      break;
    case 'boolean':
      type = 'boolean';
      facet = {};
      break;
    case 'dateTime':
      type = 'dateTime';
      facet = dateTimeFacet(sent);
      break;
    default:
      type = 'choice';
      facet = sent;
  }
  const column: EmulatedColumn = {
    id: guid(),
    name,
    displayName: typeof def.displayName === 'string' ? def.displayName : name,
    description: typeof def.description === 'string' ? def.description : '',
    columnGroup: 'Custom Columns',
    type,
    facet,
    indexed: def.indexed === true,
    enforceUniqueValues: def.enforceUniqueValues === true,
    required: def.required === true,
    hidden: def.hidden === true,
    readOnly: false,
  };
  checkIndexing(column);
  return column;
}

/** SharePoint's rules for indexes and unique values. */
function checkIndexing(column: EmulatedColumn): void {
  if (column.indexed && column.type === 'note') {
    fail(
      400,
      'invalidRequest',
      `The column '${column.name}' cannot be indexed: it holds multiple lines of text.`,
    );
  }
  if (column.enforceUniqueValues && !column.indexed) {
    fail(400, 'invalidRequest', 'This field must be indexed to enforce unique values.');
  }
}

/** A value as SharePoint stores it for the column, or a 400. */
function coerce(column: EmulatedColumn, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const wrong = (): never =>
    fail(
      400,
      'invalidRequest',
      `Cannot convert the value of field '${column.name}' to type ${column.type}.`,
    );
  switch (column.type) {
    case 'text':
    case 'note': {
      if (typeof value === 'object') wrong();
      const text = String(value);
      // SharePoint stores an empty text as no value, and Graph then leaves the field out.
      if (text === '') return null;
      if (column.type === 'text' && text.length > Number(column.facet.maxLength ?? TEXT_MAX)) {
        fail(
          400,
          'invalidRequest',
          `The value of field '${column.name}' is longer than its maximum length of ${String(column.facet.maxLength ?? TEXT_MAX)}.`,
        );
      }
      return text;
    }
    case 'number': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) wrong();
      return n;
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 1 || value === '1' || value === 'true') return true;
      if (value === 0 || value === '0' || value === 'false') return false;
      return wrong();
    case 'dateTime': {
      const ms = typeof value === 'string' ? Date.parse(value) : NaN;
      if (isNaN(ms)) wrong();
      return graphTime(new Date(ms));
    }
    default:
      return value;
  }
}

/** The key a unique column compares values by: text is compared without regard to case. */
function uniqueKey(value: unknown): string {
  return typeof value === 'string' ? value.toLowerCase() : JSON.stringify(value);
}

/** A position in a sorted item collection (`$skiptoken`). */
export type ItemCursor = { id: number; values: unknown[] };

export type ItemQuery = {
  filter?: FilterNode;
  orderBy?: OrderBy[];
  top: number;
  after?: ItemCursor;
  /** `Prefer: HonorNonIndexedQueriesWarningMayFailRandomly` was sent. */
  honorNonIndexed: boolean;
};

export type SharePointOptions = {
  listViewThreshold: number;
};

/**
 * Sites, lists, columns and items in memory, with SharePoint's rules: eTags that grow by one per
 * change, columns that enforce unique values, the list view threshold, and a change log for delta.
 */
export class SharePointSites {
  readonly sites = new Map<string, StoredSite>();

  constructor(private readonly options: SharePointOptions) {}

  addSite(hostname: string, path: string, displayName?: string): StoredSite {
    const normalised = `/${path.replace(/^\/+|\/+$/g, '')}`;
    const existing = this.siteByPath(hostname, normalised);
    if (existing) return existing;
    const id = `${hostname},${guid()},${guid()}`;
    const site: StoredSite = {
      id,
      hostname,
      path: normalised,
      displayName: displayName ?? normalised.split('/').pop() ?? hostname,
      webUrl: `https://${hostname}${normalised}`,
      created: graphTime(new Date()),
      lists: new Map(),
    };
    this.sites.set(id.toLowerCase(), site);
    return site;
  }

  /** Empties every site of its lists and forgets sites other than `keep`; site ids stay the same. */
  clear(keep: ReadonlySet<string>): void {
    for (const [key, site] of this.sites) {
      if (keep.has(site.id)) site.lists.clear();
      else this.sites.delete(key);
    }
  }

  siteByPath(hostname: string, path: string): StoredSite | undefined {
    const wanted = `/${path.replace(/^\/+|\/+$/g, '')}`.toLowerCase();
    return [...this.sites.values()].find(
      (s) => s.hostname.toLowerCase() === hostname.toLowerCase() && s.path.toLowerCase() === wanted,
    );
  }

  /** A site by Graph id (`host,guid,guid`), or `root` for the first site. */
  siteById(id: string): StoredSite | undefined {
    if (id === 'root') return this.sites.values().next().value;
    return this.sites.get(id.toLowerCase());
  }

  /** A list by id, display name or URL name, as Graph accepts all three. */
  list(site: StoredSite, ref: string): StoredList | undefined {
    const wanted = ref.toLowerCase();
    return (
      site.lists.get(wanted) ??
      [...site.lists.values()].find(
        (l) => l.displayName.toLowerCase() === wanted || l.name.toLowerCase() === wanted,
      )
    );
  }

  createList(site: StoredSite, body: unknown): StoredList {
    const def = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const displayName = def.displayName;
    if (typeof displayName !== 'string' || !displayName.trim()) {
      fail(400, 'invalidRequest', 'The list displayName is required.');
    }
    if (this.list(site, displayName)) {
      fail(
        409,
        'nameAlreadyExists',
        'A list, survey, discussion board, or document library with the specified title already exists in this Web site.  Please choose another title.',
      );
    }
    const columns = genericListColumns();
    for (const definition of Array.isArray(def.columns) ? def.columns : []) {
      const column = columnFromDefinition(definition);
      if (columns.some((c) => c.name.toLowerCase() === column.name.toLowerCase())) {
        fail(409, 'nameAlreadyExists', `A duplicate field name "${column.name}" was found.`);
      }
      columns.push(column);
    }
    const now = graphTime(new Date());
    const template = (def.list as { template?: unknown } | undefined)?.template;
    const list: StoredList = {
      id: guid(),
      name: displayName.replace(/[^A-Za-z0-9_-]/g, ''),
      displayName,
      description: typeof def.description === 'string' ? def.description : '',
      template: typeof template === 'string' ? template : 'genericList',
      created: now,
      modified: now,
      uniqueId: guid(),
      version: 1,
      columns,
      items: new Map(),
      nextItemId: 1,
      changeSeq: 0,
      tombstones: new Map(),
      generation: 1,
      unique: new Map(),
    };
    for (const c of columns) if (c.enforceUniqueValues) list.unique.set(c.name, new Map());
    site.lists.set(list.id.toLowerCase(), list);
    return list;
  }

  deleteList(site: StoredSite, list: StoredList): void {
    site.lists.delete(list.id.toLowerCase());
  }

  column(list: StoredList, ref: string): EmulatedColumn | undefined {
    const wanted = ref.toLowerCase();
    return (
      list.columns.find((c) => c.id.toLowerCase() === wanted) ??
      list.columns.find((c) => c.name === ref) ??
      list.columns.find((c) => c.name.toLowerCase() === wanted)
    );
  }

  addColumn(list: StoredList, body: unknown): EmulatedColumn {
    const column = columnFromDefinition(body);
    if (list.columns.some((c) => c.name.toLowerCase() === column.name.toLowerCase())) {
      fail(409, 'nameAlreadyExists', `A duplicate field name "${column.name}" was found.`);
    }
    if (column.enforceUniqueValues) this.buildUniqueIndex(list, column);
    list.columns.push(column);
    this.touchList(list);
    return column;
  }

  updateColumn(list: StoredList, column: EmulatedColumn, body: unknown): EmulatedColumn {
    if (column.readOnly) fail(400, 'invalidRequest', `The column '${column.name}' is read-only.`);
    const patch = (typeof body === 'object' && body !== null ? body : {}) as Record<
      string,
      unknown
    >;
    const next: EmulatedColumn = { ...column };
    for (const key of ['indexed', 'enforceUniqueValues', 'required', 'hidden'] as const) {
      if (typeof patch[key] === 'boolean') next[key] = patch[key];
    }
    if (typeof patch.displayName === 'string') next.displayName = patch.displayName;
    if (typeof patch.description === 'string') next.description = patch.description;
    checkIndexing(next);
    if (next.enforceUniqueValues && !column.enforceUniqueValues) this.buildUniqueIndex(list, next);
    if (!next.enforceUniqueValues) list.unique.delete(column.name);
    Object.assign(column, next);
    this.touchList(list);
    return column;
  }

  private buildUniqueIndex(list: StoredList, column: EmulatedColumn): void {
    const index = new Map<string, number>();
    for (const item of list.items.values()) {
      const value = item.values[column.name];
      if (value === undefined || value === null) continue;
      const key = uniqueKey(value);
      if (index.has(key)) {
        fail(
          400,
          'invalidRequest',
          `The column '${column.name}' has duplicate values and cannot enforce unique values.`,
        );
      }
      index.set(key, item.id);
    }
    list.unique.set(column.name, index);
  }

  private touchList(list: StoredList): void {
    list.version += 1;
    list.modified = graphTime(new Date());
  }

  /** Checks and converts written fields; unknown names and read-only fields are refused. */
  private coerceFields(list: StoredList, fields: unknown): Record<string, unknown> {
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
      fail(400, 'invalidRequest', 'Invalid request');
    }
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(fields)) {
      if (name.startsWith('@odata.')) continue;
      const column = list.columns.find((c) => c.name === name);
      if (!column || SYSTEM_FIELDS.has(name)) {
        if (SYSTEM_FIELDS.has(name)) {
          fail(400, 'invalidRequest', `Field '${name}' is read-only`);
        }
        fail(400, 'invalidRequest', `Field '${name}' is not recognized`);
      }
      out[name] = coerce(column, value);
    }
    return out;
  }

  /** Refuses values that another item already holds in a unique column (409, as Graph answers). */
  private checkUnique(list: StoredList, values: Record<string, unknown>, self?: number): void {
    const clashes: string[] = [];
    for (const [name, index] of list.unique) {
      if (!(name in values)) continue;
      const value = values[name];
      if (value === null || value === undefined) continue;
      const holder = index.get(uniqueKey(value));
      if (holder !== undefined && holder !== self) clashes.push(name);
    }
    if (clashes.length) {
      fail(
        409,
        'nameAlreadyExists',
        `The list item could not be added or updated because duplicate values were found in the following field(s) in the list: [${clashes.join(', ')}].`,
      );
    }
  }

  private index(list: StoredList, item: StoredItem, add: boolean): void {
    for (const [name, index] of list.unique) {
      const value = item.values[name];
      if (value === null || value === undefined) continue;
      if (add) index.set(uniqueKey(value), item.id);
      else if (index.get(uniqueKey(value)) === item.id) index.delete(uniqueKey(value));
    }
  }

  createItem(list: StoredList, fields: unknown): StoredItem {
    const values = this.coerceFields(list, fields ?? {});
    this.checkUnique(list, values);
    const now = graphTime(new Date());
    list.changeSeq += 1;
    const item: StoredItem = {
      id: list.nextItemId,
      uniqueId: guid().toUpperCase(),
      version: 1,
      created: now,
      modified: now,
      values: Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null)),
      changeSeq: list.changeSeq,
    };
    list.nextItemId += 1;
    list.items.set(item.id, item);
    this.index(list, item, true);
    return item;
  }

  /** @param ifMatch the `If-Match` header, checked against the item's eTag (412 when stale). */
  updateItem(list: StoredList, item: StoredItem, fields: unknown, ifMatch?: string): StoredItem {
    checkIfMatch(item, ifMatch);
    const values = this.coerceFields(list, fields);
    this.checkUnique(list, values, item.id);
    this.index(list, item, false);
    for (const [name, value] of Object.entries(values)) {
      if (value === null) delete item.values[name];
      else item.values[name] = value;
    }
    this.index(list, item, true);
    list.changeSeq += 1;
    item.changeSeq = list.changeSeq;
    item.version += 1;
    item.modified = graphTime(new Date());
    return item;
  }

  deleteItem(list: StoredList, item: StoredItem, ifMatch?: string): void {
    checkIfMatch(item, ifMatch);
    this.index(list, item, false);
    list.items.delete(item.id);
    list.changeSeq += 1;
    list.tombstones.set(item.id, list.changeSeq);
  }

  item(list: StoredList, ref: string): StoredItem | undefined {
    return /^\d+$/.test(ref) ? list.items.get(Number(ref)) : undefined;
  }

  /**
   * A page of items, sorted by `$orderby` then id, after the cursor. Refuses, as SharePoint does, a
   * query on a column that is not indexed (unless the caller sent the Prefer header) and, past the
   * list view threshold, any query that scans a non-indexed column or matches too many items.
   */
  queryItems(list: StoredList, query: ItemQuery): { items: StoredItem[]; next?: ItemCursor } {
    const columnOf = (property: string): EmulatedColumn => {
      const name = /^fields\/(.+)$/i.exec(property)?.[1];
      if (!name)
        fail(400, 'invalidRequest', `Invalid filter clause: '${property}' is not a field.`);
      const column = list.columns.find((c) => c.name === name);
      if (!column) {
        fail(
          400,
          'invalidRequest',
          `Column '${name}' does not exist. It may have been deleted by another user.`,
        );
      }
      return column;
    };
    const referenced = [
      ...(query.filter ? filterProperties(query.filter) : []),
      ...(query.orderBy ?? []).map((o) => o.property),
    ].map(columnOf);
    const notIndexed = referenced.find((c) => !c.indexed);
    if (notIndexed && !query.honorNonIndexed) {
      fail(
        400,
        'invalidRequest',
        `Field '${notIndexed.name}' cannot be referenced in filter or orderby as it is not indexed. Provide the 'Prefer: HonorNonIndexedQueriesWarningMayFailRandomly' header to allow this, but be warned that such queries may fail on large lists.`,
      );
    }
    const large = list.items.size > this.options.listViewThreshold;
    if (large && notIndexed) refuseForThreshold();

    const read =
      (item: StoredItem): PropertyReader =>
      (property) => {
        const column = columnOf(property);
        const value = column.name === 'ID' ? item.id : item.values[column.name];
        return { value, caseInsensitive: true };
      };
    let candidates = [...list.items.values()];
    if (query.filter) {
      const filter = query.filter;
      candidates = candidates.filter((item) => matches(filter, read(item)));
      if (large && candidates.length > this.options.listViewThreshold) refuseForThreshold();
    }
    const order = (query.orderBy ?? []).map((o) => ({
      column: columnOf(o.property),
      desc: o.descending,
    }));
    const key = (item: StoredItem): ItemCursor => ({
      id: item.id,
      values: order.map((o) =>
        o.column.name === 'ID' ? item.id : (item.values[o.column.name] ?? null),
      ),
    });
    const compare = (a: ItemCursor, b: ItemCursor): number => {
      for (const [i, o] of order.entries()) {
        const c = compareValues(a.values[i], b.values[i]);
        if (c !== 0) return o.desc ? -c : c;
      }
      return a.id - b.id;
    };
    const sorted = candidates
      .map((item) => ({ item, key: key(item) }))
      .sort((a, b) => compare(a.key, b.key));
    const after = query.after;
    const start = after ? sorted.findIndex((s) => compare(s.key, after) > 0) : 0;
    const rest = start < 0 ? [] : sorted.slice(start);
    const page = rest.slice(0, query.top);
    const last = page[page.length - 1];
    return {
      items: page.map((p) => p.item),
      next: rest.length > page.length && last ? last.key : undefined,
    };
  }

  /** The item's eTag, `"{GUID},N"`. */
  static eTag(item: StoredItem): string {
    return `"{${item.uniqueId}},${item.version}"`;
  }
}

/**
 * Graph answers SharePoint's SPQueryThrottledException with 429 (reported by users; Microsoft does
 * not document the shape). No Retry-After: waiting will not make the query cheaper.
 */
function refuseForThreshold(): never {
  return fail(429, 'activityLimitReached', LIST_VIEW_THRESHOLD_MESSAGE);
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'string' && typeof b === 'string') {
    const [x, y] = [a.toLowerCase(), b.toLowerCase()];
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return (a as number) < (b as number) ? -1 : 1;
}

/** 412 when `If-Match` names another version (`*` matches any). */
function checkIfMatch(item: StoredItem, ifMatch: string | undefined): void {
  if (ifMatch === undefined || ifMatch.trim() === '*') return;
  const strip = (tag: string): string => tag.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
  if (strip(ifMatch) !== strip(SharePointSites.eTag(item))) {
    fail(
      412,
      'resourceModified',
      'The resource has changed since the caller last read it; usually an eTag mismatch',
    );
  }
}
