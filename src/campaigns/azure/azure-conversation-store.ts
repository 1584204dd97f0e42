import { createHash } from 'node:crypto';
import { odata, type TransactionAction } from '@azure/data-tables';
import type { ConversationRecord } from '../../domain';
import type { ConversationStore } from '../conversation-store';
import {
  listAll,
  statusOf,
  submitAll,
  tableKey,
  type AzureStorage,
  type SharedTable,
} from './azure-storage';

export const CONVERSATIONS_TABLE = 'reapconversations';

/** References are spread over this many partitions, so many can be written in transactions. */
const BUCKETS = 16;
/** The partition of the row that says the plan's store's references were copied. */
const META = 'meta';
const IMPORTED = 'imported';

type ConversationEntity = { personId: string; reference: string; updatedAt: string };

const bucketOf = (personId: string) =>
  `b${String(createHash('sha1').update(personId).digest()[0]! % BUCKETS).padStart(2, '0')}`;

/**
 * Conversation references in Azure Tables (`reapconversations`), shared by every instance:
 * partition `b00`–`b15` by a hash of the person's id, row key the person's id.
 *
 * References recorded before the shared store was configured are in the plan's store: the first
 * instance that needs them copies them here once (`from`), never over a newer one, and marks
 * that it did.
 */
export class AzureConversationStore implements ConversationStore {
  private readonly table: SharedTable;
  private imported: Promise<void> | undefined;

  /**
   * @param from the references recorded before (the plan's store), copied once.
   * @param tableName the table (tests give each store its own).
   */
  constructor(
    storage: AzureStorage,
    private readonly from?: { list(): Promise<ConversationRecord[]> },
    tableName = CONVERSATIONS_TABLE,
  ) {
    this.table = storage.table(tableName);
  }

  private async client() {
    await this.table.ready();
    await this.importOnce();
    return this.table.client;
  }

  async save(record: ConversationRecord): Promise<void> {
    const client = await this.client();
    await client.upsertEntity<ConversationEntity>(
      {
        partitionKey: bucketOf(record.personId),
        rowKey: tableKey(record.personId),
        personId: record.personId,
        reference: JSON.stringify(record.reference),
        updatedAt: record.updatedAt,
      },
      'Replace',
    );
  }

  async get(personId: string): Promise<ConversationRecord | undefined> {
    const client = await this.client();
    try {
      return toRecord(
        await client.getEntity<ConversationEntity>(bucketOf(personId), tableKey(personId)),
      );
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  async list(): Promise<ConversationRecord[]> {
    const client = await this.client();
    const rows = await listAll<ConversationEntity>(client, odata`PartitionKey ne ${META}`);
    return rows.map(toRecord);
  }

  /** Copies the plan's store's references once per account (rows already here are kept). */
  private importOnce(): Promise<void> {
    if (!this.from) return Promise.resolve();
    this.imported ??= this.copy().catch((error: unknown) => {
      this.imported = undefined;
      throw error;
    });
    return this.imported;
  }

  private async copy(): Promise<void> {
    const client = this.table.client;
    try {
      await client.getEntity(META, IMPORTED);
      return;
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
    const records = await this.from!.list();
    const have = new Set(
      (await listAll<ConversationEntity>(client, odata`PartitionKey ne ${META}`, ['personId'])).map(
        (r) => r.personId,
      ),
    );
    const byBucket = new Map<string, TransactionAction[]>();
    for (const r of records) {
      if (have.has(r.personId)) continue;
      const partitionKey = bucketOf(r.personId);
      const actions = byBucket.get(partitionKey) ?? [];
      // Inserts, which never overwrite a reference an instance recorded meanwhile.
      actions.push([
        'create',
        {
          partitionKey,
          rowKey: tableKey(r.personId),
          personId: r.personId,
          reference: JSON.stringify(r.reference),
          updatedAt: r.updatedAt,
        },
      ]);
      byBucket.set(partitionKey, actions);
    }
    await Promise.all(
      [...byBucket].map(async ([bucket, actions]) => {
        let missing = actions;
        for (let attempt = 0; missing.length > 0; attempt += 1) {
          try {
            await submitAll(client, missing, 1);
            return;
          } catch (error) {
            // Another instance copying at the same moment wrote some: copy what is still missing.
            if (statusOf(error) !== 409 || attempt >= 5) throw error;
            const there = new Set(
              (
                await listAll<ConversationEntity>(client, odata`PartitionKey eq ${bucket}`, [
                  'personId',
                ])
              ).map((r) => r.personId),
            );
            missing = missing.filter(([, entity]) => !there.has(String(entity.personId)));
          }
        }
      }),
    );
    await client.upsertEntity({
      partitionKey: META,
      rowKey: IMPORTED,
      at: new Date().toISOString(),
      count: records.length,
    });
  }
}

function toRecord(row: ConversationEntity): ConversationRecord {
  return {
    personId: row.personId,
    reference: JSON.parse(row.reference) as unknown,
    updatedAt: row.updatedAt,
  };
}
