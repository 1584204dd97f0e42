import type { PlanSettings } from '../plan/settings';
import type { ToolkitAnalysis } from '../types';

export type ToolkitCoverage = {
  /** Analyses the Equity Officer accepted in the plan period, by kind. */
  newAnalysed: number;
  existingAnalysed: number;
  /** Submitted and waiting for the officer's review. */
  awaitingReview: number;
  /** Returned by the officer with a comment, for the department to fix and resubmit. */
  returned: number;
  drafts: number;
  /** New policies analysed and at least the required number of existing ones. */
  meetsRule: boolean;
};

/**
 * An analysis counts once the Equity Officer accepted it: the review is the plan's check that the
 * six steps were done, so submitted, returned and draft ones are shown but not counted.
 */
function isAnalysed(a: ToolkitAnalysis): boolean {
  return a.status === 'accepted';
}

/**
 * The plan's rule: every department analyses new policies and programs, and at least one existing
 * one, within the plan period.
 */
export function toolkitCoverage(
  analyses: ToolkitAnalysis[],
  settings: PlanSettings,
): ToolkitCoverage {
  const { start, end } = settings.period;
  const inPeriod = analyses.filter((a) => {
    const day = (a.submittedAt ?? a.createdAt).slice(0, 10);
    return day >= start && day <= end;
  });
  const analysed = inPeriod.filter(isAnalysed);
  const newAnalysed = analysed.filter((a) => a.kind === 'new').length;
  const existingAnalysed = analysed.filter((a) => a.kind === 'existing').length;
  return {
    newAnalysed,
    existingAnalysed,
    awaitingReview: inPeriod.filter((a) => a.status === 'submitted').length,
    returned: inPeriod.filter((a) => a.status === 'returned').length,
    drafts: inPeriod.filter((a) => a.status === 'draft').length,
    meetsRule: existingAnalysed >= settings.thresholds.existingAnalysesRequired && newAnalysed >= 1,
  };
}
