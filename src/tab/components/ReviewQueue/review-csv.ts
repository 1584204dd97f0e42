import type { ToolkitAnalysisView } from '../../api/api-types';
import { formatPlanDate } from '../../text/plan-text';
import { KIND_TEXT, TOOLKIT_STEP_TEXT } from '../../text/toolkit-text';
import type { CsvTable } from '../CsvExport/csv-table';

/** The review queue as CSV: one row per analysis, a column per step of the toolkit. */
export function reviewQueueCsv(analyses: readonly ToolkitAnalysisView[]): CsvTable {
  return {
    header: [
      'Department',
      'Department ID',
      'Policy or program',
      'Kind',
      'Council file',
      'Author',
      'Submitted on',
      'Analysis ID',
      ...TOOLKIT_STEP_TEXT.map((s, i) => `Step ${i + 1}: ${s.title}`),
      'Groups benefited',
      'Groups burdened',
      'Resulting change',
    ],
    rows: analyses.map((a) => [
      a.departmentName,
      a.departmentId,
      a.title,
      KIND_TEXT[a.kind],
      a.councilFileNumber ?? '',
      a.authorName ?? '',
      a.submittedAt ? formatPlanDate(a.submittedAt.slice(0, 10)) : '',
      a.id,
      ...TOOLKIT_STEP_TEXT.map((s) => a.steps[s.step] ?? ''),
      a.groupsBenefited ?? '',
      a.groupsBurdened ?? '',
      a.resultingChange ?? '',
    ]),
  };
}
