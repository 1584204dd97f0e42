import { fromFields, type ListDef } from './schema';
import { ResyncRequired, type GraphItem, type SiteLists } from './site-lists';

/** A list item as the read model keeps it. */
export type MirrorItem<T> = { itemId: string; eTag?: string; key: string; record: T };

/**
 * The read model of one list: every item, kept current by list-item delta queries, so a view
 * costs one delta request per list (one resource unit) instead of a read per department or
 * person. Writes made by this process are applied at once, so it reads its own writes.
 */
export class ListMirror<T> {
  private readonly items = new Map<string, MirrorItem<T>>();
  private readonly byKey = new Map<string, string>();
  private deltaLink?: string;
  private syncedAt = 0;
  private inflight?: Promise<void>;
  private listIdPromise?: Promise<string>;

  constructor(
    readonly def: ListDef,
    private readonly site: SiteLists,
    /** Changes made elsewhere show within this many ms. */
    private readonly maxStalenessMs: number,
  ) {}

  listId(): Promise<string> {
    this.listIdPromise ??= this.site.listId(this.def.displayName);
    this.listIdPromise.catch(() => (this.listIdPromise = undefined));
    return this.listIdPromise;
  }

  /** Brings the mirror up to date unless it synced within the staleness window. */
  async sync(force = false): Promise<void> {
    if (!force && this.deltaLink && Date.now() - this.syncedAt < this.maxStalenessMs) return;
    // Concurrent readers share one delta call.
    this.inflight ??= this.pull().finally(() => (this.inflight = undefined));
    return this.inflight;
  }

  private async pull(): Promise<void> {
    const listId = await this.listId();
    let result: { items: GraphItem[]; deltaLink: string };
    try {
      result = await this.site.delta(listId, this.deltaLink);
    } catch (error) {
      if (!(error instanceof ResyncRequired)) throw error;
      // 410 Gone: the token expired; read the whole list again and start over.
      this.items.clear();
      this.byKey.clear();
      result = await this.site.delta(listId);
    }
    if (!this.deltaLink) {
      this.items.clear();
      this.byKey.clear();
    }
    for (const item of result.items) this.apply(item);
    this.deltaLink = result.deltaLink;
    this.syncedAt = Date.now();
  }

  /** Applies one item from Graph (a delta entry, or the answer to a write). */
  apply(item: GraphItem): MirrorItem<T> | undefined {
    const known = this.items.get(item.id);
    if (item.deleted) {
      if (known) this.byKey.delete(known.key);
      this.items.delete(item.id);
      return undefined;
    }
    if (!item.fields) return known;
    const key = String(item.fields.Key ?? '');
    const eTag = item.eTag ?? (item.fields['@odata.etag'] as string | undefined);
    const entry: MirrorItem<T> = {
      itemId: item.id,
      eTag,
      key,
      record: fromFields<T>(this.def, item.fields),
    };
    if (known && known.key !== key) this.byKey.delete(known.key);
    this.items.set(item.id, entry);
    this.byKey.set(key, item.id);
    return entry;
  }

  /** Forgets an item this process deleted. */
  remove(itemId: string): void {
    this.apply({ id: itemId, deleted: { state: 'deleted' } });
  }

  all(): MirrorItem<T>[] {
    return [...this.items.values()].sort((a, b) => Number(a.itemId) - Number(b.itemId));
  }

  get(key: string): MirrorItem<T> | undefined {
    const id = this.byKey.get(key);
    return id === undefined ? undefined : this.items.get(id);
  }
}
