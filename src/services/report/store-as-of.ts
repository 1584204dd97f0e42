import type { IsoDate } from '../../domain';
import { recordsAsOf } from '../../domain/rules/records-as-of';
import type {
  AnalysisFilter,
  CompletionFilter,
  DepartmentFilter,
  PlanStore,
} from '../../store/plan-store';

/** Reads this view answers from the records as of its day; every other read passes through. */
type DatedReads = Pick<
  PlanStore,
  | 'listPeople'
  | 'listMembers'
  | 'listCompletions'
  | 'listVisions'
  | 'listAnalyses'
  | 'listImpactStatements'
  | 'listStrategyStatuses'
  | 'listPartnershipMeetings'
  | 'listOutreachEvents'
>;

const READ = /^(list|get|find|ping|isEmpty|kind$)/;

/**
 * The store as it stood at the end of `day`, read-only: the progress service computes a past
 * year's figures from it with the very code the tab's views run (see `recordsAsOf` for what a
 * store without history can and cannot tell). A write through it throws.
 */
export function storeAsOf(store: PlanStore, day: IsoDate): PlanStore {
  const dated: DatedReads = {
    listPeople: async (f?: DepartmentFilter) => recordsAsOf.people(await store.listPeople(f), day),
    listMembers: async (f?: DepartmentFilter) =>
      recordsAsOf.members(await store.listMembers(f), day),
    listCompletions: async (f?: CompletionFilter) =>
      recordsAsOf.completions(await store.listCompletions(f), day),
    listVisions: async (f?: DepartmentFilter) =>
      recordsAsOf.visions(await store.listVisions(f), day),
    listAnalyses: async (f?: AnalysisFilter) => {
      // The status filter applies to the status as of the day, not today's.
      const all = recordsAsOf.analyses(
        await store.listAnalyses(f?.departmentId ? { departmentId: f.departmentId } : undefined),
        day,
      );
      return f?.status ? all.filter((a) => a.status === f.status) : all;
    },
    listImpactStatements: async (f?: DepartmentFilter) =>
      recordsAsOf.impactStatements(await store.listImpactStatements(f), day),
    listStrategyStatuses: async (f?: DepartmentFilter) =>
      recordsAsOf.strategyStatuses(await store.listStrategyStatuses(f), day),
    listPartnershipMeetings: async (f?: DepartmentFilter) =>
      recordsAsOf.meetings(await store.listPartnershipMeetings(f), day),
    listOutreachEvents: async (f?: DepartmentFilter) =>
      recordsAsOf.outreach(await store.listOutreachEvents(f), day),
  };
  return new Proxy(store, {
    get(target, property, receiver) {
      if (typeof property === 'string' && Object.hasOwn(dated, property)) {
        return dated[property as keyof DatedReads];
      }
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (typeof property === 'string' && READ.test(property)) {
        return (value as (...args: unknown[]) => unknown).bind(target);
      }
      return () => {
        throw new Error(`the records as of ${day} are read-only (${String(property)})`);
      };
    },
  });
}
