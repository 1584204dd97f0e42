import type { ToolkitAnalysis, ToolkitStatus } from '../domain';
import type { PlanStore } from '../store/plan-store';

/** A toolkit analysis as a list shows it: with its department's and author's names. */
export type ToolkitAnalysisView = ToolkitAnalysis & {
  departmentName: string;
  /** The author's name; null when they are no longer on the roster. */
  authorName: string | null;
};

/** Toolkit analyses for lists: the officer's review queue, a department's own. */
export class AnalysisListService {
  constructor(private readonly store: PlanStore) {}

  /**
   * Analyses, oldest submission first (the review queue's order), then drafts by last change.
   * The caller has decided which department the person may see.
   */
  async list(filter: {
    departmentId?: string;
    status?: ToolkitStatus;
  }): Promise<ToolkitAnalysisView[]> {
    const [analyses, departments] = await Promise.all([
      this.store.listAnalyses(filter),
      this.store.listDepartments(),
    ]);
    const names = new Map(departments.map((d) => [d.id, d.name]));
    // Authors by name: one lookup per distinct person, not per analysis.
    const authors = new Map<string, string | null>();
    for (const id of new Set(analyses.map((a) => a.authorId))) {
      authors.set(id, (await this.store.getPerson(id))?.displayName ?? null);
    }
    const key = (a: ToolkitAnalysis) => a.submittedAt ?? `~${a.updatedAt}`;
    return analyses
      .sort((a, b) => key(a).localeCompare(key(b)))
      .map((a) => ({
        ...a,
        departmentName: names.get(a.departmentId) ?? a.departmentId,
        authorName: authors.get(a.authorId) ?? null,
      }));
  }
}
