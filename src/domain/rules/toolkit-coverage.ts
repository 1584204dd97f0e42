import type { PlanSettings } from '../plan/settings';
import type { ToolkitAnalysis } from '../types';

export type ToolkitCoverage = {
  /** Analyses submitted or accepted in the plan period, by kind. */
  newAnalysed: number;
  existingAnalysed: number;
  drafts: number;
  /** New policies analysed and at least the required number of existing ones. */
  meetsRule: boolean;
};

/** An analysis counts once it is submitted (or accepted); drafts and returned ones do not. */
function isAnalysed(a: ToolkitAnalysis): boolean {
  return a.status === 'submitted' || a.status === 'accepted';
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
    drafts: inPeriod.filter((a) => a.status === 'draft').length,
    meetsRule: existingAnalysed >= settings.thresholds.existingAnalysesRequired && newAnalysed >= 1,
  };
}
