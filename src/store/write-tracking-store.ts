import type { PlanStore } from './plan-store';

/** A store whose writes are counted: `writeVersion` grows once each write settles. */
export type WriteTrackedStore = PlanStore & {
  /** Grows by one each time a write settles (succeeded or failed: a failed one may have written part). */
  readonly writeVersion: number;
};

/**
 * The methods that only read. Every other method counts as a write, so a write added to
 * `PlanStore` later is counted without anyone remembering to list it (at worst, a new read method
 * costs the read model a needless recompute).
 */
const READS = /^(?:list|get|find|is|ping|close)/;

/**
 * Writes that change nothing any progress view shows, and that happen on every chat turn (the
 * bot keeps the latest conversation reference): counting them would recompute the read model for
 * every message the bot receives.
 */
const UNSEEN_WRITES = new Set<string>(['saveConversation']);

const TRACKED = Symbol('reap.writeTracked');

/**
 * Wraps `store` so each write bumps `writeVersion` once it settles, which is when a read model
 * computed afterwards sees it. A Proxy rather than a class restating the interface: `PlanStore`
 * grows with every issue, and a write nobody listed here must still be counted.
 * Wrapping a tracked store returns it as it is.
 */
export function trackWrites(store: PlanStore): WriteTrackedStore {
  if ((store as Partial<Record<typeof TRACKED, boolean>>)[TRACKED]) {
    return store as WriteTrackedStore;
  }
  let version = 0;
  const bump = () => {
    version += 1;
  };
  // By the function, not its name: a method replaced on the store (a test's spy) is wrapped anew.
  const methods = new WeakMap<object, unknown>();
  return new Proxy(store, {
    get(target, property) {
      if (property === 'writeVersion') return version;
      if (property === TRACKED) return true;
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      const method = value as (...args: unknown[]) => unknown;
      const known = methods.get(method);
      if (known) return known;
      const wrapped =
        READS.test(property) || UNSEEN_WRITES.has(property)
          ? method.bind(target)
          : (...args: unknown[]) => {
              let result: unknown;
              try {
                result = method.apply(target, args);
              } catch (error) {
                bump();
                throw error;
              }
              if (result instanceof Promise) return result.finally(bump);
              bump();
              return result;
            };
      methods.set(method, wrapped);
      return wrapped;
    },
  }) as WriteTrackedStore;
}
