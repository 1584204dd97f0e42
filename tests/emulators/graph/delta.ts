import { fail } from './graph-response';
import type { StoredItem, StoredList } from './sharepoint-sites';

/**
 * List-item delta (`GET /sites/{site}/lists/{list}/items/delta`): the first call enumerates the
 * items that exist, page by page (`@odata.nextLink`), and ends with an `@odata.deltaLink`; calling
 * that link returns what changed since, each item once in its latest state, deleted ones as
 * `{ id, deleted: { state: 'deleted' } }`. `?token=latest` returns no items and a deltaLink from now.
 * Links carry only `?token=…`; the token remembers `$select`/`$expand`, as Graph's links do.
 * A token from before `expireDeltaTokens()` answers 410 Gone with `resyncRequired`.
 */
export type DeltaState = {
  /** The list's token generation the token was issued in. */
  g: number;
  /** `e`: enumerating existing items; `c`: changes after `s`. */
  m: 'e' | 'c';
  /** Change sequence number: enumeration start, or last change returned. */
  s: number;
  /** Enumeration: the last item id returned. */
  a?: number;
  /** `$select`, `$expand` and `$top` of the first call. */
  q?: Record<string, string>;
};

export function encodeDeltaToken(state: DeltaState): string {
  return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
}

export function decodeDeltaToken(token: string): DeltaState {
  try {
    const state = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as DeltaState;
    if (typeof state.g === 'number' && (state.m === 'e' || state.m === 'c')) return state;
  } catch {
    // Not one of ours: answered below like any malformed token.
  }
  return fail(400, 'invalidRequest', `The delta token '${token}' is not valid.`);
}

/** One entry of a delta page: an item in its current state, or a deletion. */
export type DeltaEntry = { item: StoredItem } | { deletedId: number };

export type DeltaPage = {
  entries: DeltaEntry[];
  /** Set when more pages follow (`@odata.nextLink`). */
  next?: DeltaState;
  /** Set on the last page (`@odata.deltaLink`). */
  delta?: DeltaState;
};

/** The first page of a delta call without a token (or `token=latest`). */
export function startDelta(
  list: StoredList,
  latest: boolean,
  query: Record<string, string>,
): DeltaState {
  return latest
    ? { g: list.generation, m: 'c', s: list.changeSeq, q: query }
    : { g: list.generation, m: 'e', s: list.changeSeq, q: query };
}

/** A page of the feed at `state`, at most `top` entries. */
export function deltaPage(list: StoredList, state: DeltaState, top: number): DeltaPage {
  if (state.g !== list.generation) {
    fail(
      410,
      'resyncRequired',
      "Resync required. Replace any local items with the server's version (including deletes) if you're sure that the service was up to date with your local changes when you last sync'd. Upload any local changes that the server doesn't know about.",
      { innerCode: 'resyncChangesApplyDifferences' },
    );
  }
  if (state.m === 'e') {
    const after = state.a ?? 0;
    const remaining = [...list.items.values()]
      .filter((i) => i.id > after)
      .sort((x, y) => x.id - y.id);
    const page = remaining.slice(0, top);
    const last = page[page.length - 1];
    const entries = page.map((item) => ({ item }));
    if (remaining.length > page.length && last) return { entries, next: { ...state, a: last.id } };
    // Changes made while enumerating come with the next call, from the enumeration's start.
    return { entries, delta: { g: state.g, m: 'c', s: state.s, q: state.q } };
  }
  const changes: Array<{ seq: number; entry: DeltaEntry }> = [];
  for (const item of list.items.values()) {
    if (item.changeSeq > state.s) changes.push({ seq: item.changeSeq, entry: { item } });
  }
  for (const [id, seq] of list.tombstones) {
    if (seq > state.s) changes.push({ seq, entry: { deletedId: id } });
  }
  changes.sort((x, y) => x.seq - y.seq);
  const page = changes.slice(0, top);
  const last = page[page.length - 1];
  const entries = page.map((c) => c.entry);
  if (changes.length > page.length && last) return { entries, next: { ...state, s: last.seq } };
  return { entries, delta: { g: state.g, m: 'c', s: list.changeSeq, q: state.q } };
}
