import type { ConversationRecord } from '../domain';
import type { PlanStore } from '../store/plan-store';

/**
 * Where the bot keeps each person's conversation reference (recorded when the app is installed
 * for them, or they write to it), and where campaigns and notices find it to send proactively.
 * With several instances it must be shared: a person may talk to one instance and be reminded by
 * another.
 */
export interface ConversationStore {
  /** Keeps the latest conversation reference for a person. */
  save(record: ConversationRecord): Promise<void>;
  get(personId: string): Promise<ConversationRecord | undefined>;
  /** Every stored conversation reference, for a campaign's recipients. */
  list(): Promise<ConversationRecord[]>;
}

/** The conversation references in the plan's store (SQLite or SharePoint): one instance. */
export class PlanStoreConversations implements ConversationStore {
  constructor(readonly store: PlanStore) {}

  save(record: ConversationRecord): Promise<void> {
    return this.store.saveConversation(record);
  }

  get(personId: string): Promise<ConversationRecord | undefined> {
    return this.store.getConversation(personId);
  }

  list(): Promise<ConversationRecord[]> {
    return this.store.listConversations();
  }
}

/**
 * `store` with its conversation methods (`saveConversation`, `getConversation`,
 * `listConversations`) answered by `conversations`, everything else by `store` itself: the bot
 * and everything else that records references through the plan's store share them without a
 * change. When `conversations` are the store's own, `store` is returned as it is.
 */
export function withConversations<T extends PlanStore>(
  store: T,
  conversations: ConversationStore,
): T {
  if (conversations instanceof PlanStoreConversations && conversations.store === store) {
    return store;
  }
  const delegated: Partial<Record<keyof PlanStore, unknown>> = {
    saveConversation: (record: ConversationRecord) => conversations.save(record),
    getConversation: (personId: string) => conversations.get(personId),
    listConversations: () => conversations.list(),
  };
  return new Proxy(store, {
    get(target, property, receiver) {
      if (typeof property === 'string' && property in delegated) {
        return delegated[property as keyof PlanStore];
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
}
