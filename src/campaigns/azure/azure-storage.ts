import { TableClient, type TableEntity, type TransactionAction } from '@azure/data-tables';
import { BlobServiceClient } from '@azure/storage-blob';

/** The Azure Storage account every instance shares: its tables and its blob leases. */
export type AzureStorage = {
  /** A table client; the table is created on first use (`ready`). */
  table(name: string): SharedTable;
  blobs: BlobServiceClient;
};

/** A table, created once per process before its first request. */
export type SharedTable = {
  client: TableClient;
  /** Resolves once the table exists. */
  ready(): Promise<void>;
};

/** Only Azurite on this machine is reached over http (tests); a real account is https only. */
function isLoopback(connectionString: string): boolean {
  return /Endpoint=http:\/\/(127\.0\.0\.1|localhost)[:/]/i.test(connectionString);
}

const opened = new Map<string, AzureStorage>();

/** The account of `connectionString` (one set of clients per process). */
export function azureStorage(connectionString: string): AzureStorage {
  const known = opened.get(connectionString);
  if (known) return known;
  const allowInsecureConnection = isLoopback(connectionString);
  const tables = new Map<string, SharedTable>();
  const storage: AzureStorage = {
    table(name) {
      let table = tables.get(name);
      if (!table) {
        const client = TableClient.fromConnectionString(connectionString, name, {
          allowInsecureConnection,
        });
        let created: Promise<void> | undefined;
        table = {
          client,
          ready: () => {
            created ??= client.createTable().catch((error: unknown) => {
              created = undefined;
              throw error;
            });
            return created;
          },
        };
        tables.set(name, table);
      }
      return table;
    },
    blobs: BlobServiceClient.fromConnectionString(connectionString),
  };
  opened.set(connectionString, storage);
  return storage;
}

/** The HTTP status of a storage error, 0 when there was no answer. */
export function statusOf(error: unknown): number {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : 0;
}

/**
 * A key usable as PartitionKey or RowKey: ids made of letters, digits and `._:@-` as they are;
 * anything else (`/`, `\`, `#`, `?`, `|`, control characters are not allowed in keys, and `|`
 * separates parts of reap's row keys) base64url-encoded after a `~`.
 */
export function tableKey(id: string): string {
  return /^[A-Za-z0-9._:@-]{1,200}$/.test(id) ? id : `~${Buffer.from(id).toString('base64url')}`;
}

/** A string property holds at most 64 KiB (32K UTF-16 characters): longer text is split. */
const CHUNK = 30_000;

/** `text` as properties `text0`, `text1`, … and `textChunks`, under an entity's 1 MiB. */
export function chunked(name: string, text: string): Record<string, string | number> {
  const parts: Record<string, string | number> = {};
  let i = 0;
  for (let at = 0; at < text.length || i === 0; at += CHUNK, i += 1) {
    parts[`${name}${i}`] = text.slice(at, at + CHUNK);
  }
  parts[`${name}Chunks`] = i;
  return parts;
}

/** The text `chunked` split. */
export function unchunked(entity: Record<string, unknown>, name: string): string {
  const n = Number(entity[`${name}Chunks`] ?? 0);
  let text = '';
  for (let i = 0; i < n; i += 1) text += String(entity[`${name}${i}`] ?? '');
  return text;
}

/** Every entity a query returns, page after page. */
export async function listAll<T extends object>(
  client: TableClient,
  filter: string,
  select?: string[],
): Promise<Array<TableEntity<T> & { etag: string }>> {
  const found: Array<TableEntity<T> & { etag: string }> = [];
  const query = client.listEntities<T>({
    queryOptions: { filter, ...(select ? { select } : {}) },
  });
  for await (const entity of query) found.push(entity as TableEntity<T> & { etag: string });
  return found;
}

/** The first `top` entities a query returns (one page). */
export async function listTop<T extends object>(
  client: TableClient,
  filter: string,
  top: number,
): Promise<Array<TableEntity<T> & { etag: string }>> {
  const pages = client.listEntities<T>({ queryOptions: { filter } }).byPage({ maxPageSize: top });
  for await (const page of pages) return page as Array<TableEntity<T> & { etag: string }>;
  return [];
}

/** An entity group transaction holds at most 100 operations, on one partition. */
export const MAX_TRANSACTION = 100;

/** Runs `actions` (one partition) in transactions of at most 100, `parallel` at a time. */
export async function submitAll(
  client: TableClient,
  actions: TransactionAction[],
  parallel = 4,
  groupSize = MAX_TRANSACTION,
): Promise<void> {
  const groups: TransactionAction[][] = [];
  for (let i = 0; i < actions.length; i += groupSize) groups.push(actions.slice(i, i + groupSize));
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, groups.length) }, async () => {
      while (next < groups.length) {
        const group = groups[next++]!;
        await client.submitTransaction(group);
      }
    }),
  );
}
