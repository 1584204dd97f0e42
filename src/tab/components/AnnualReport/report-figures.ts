// The annual report page's words and figures, from the server's report as it is: nothing is
// computed again here, so the tab cannot disagree with the Word and HTML files. No DOM, so the
// unit tests run it under Node (tests/browser/accountability.test.ts).
import type { AnnualReportContent, ReportListResponse } from '../../api/api-types';
import { formatCount, formatPlanDate } from '../../text/plan-text';

/** One figure of the year at a glance. */
export type YearFigure = { key: string; title: string; value: string; caption: string };

/** What happened citywide in the report's year, as the report counts it. */
export function yearFigures(report: AnnualReportContent): YearFigure[] {
  const y = report.summary.inYear;
  const { terms } = report.plan;
  return [
    {
      key: 'analyses-started',
      title: 'Toolkit analyses started',
      value: formatCount(y.analysesStarted),
      caption: `${formatCount(y.analysesSubmitted)} submitted for review in ${report.year}`,
    },
    {
      key: 'analyses-accepted',
      title: 'Toolkit analyses accepted',
      value: formatCount(y.analysesAccepted.new + y.analysesAccepted.existing),
      caption: `${formatCount(y.analysesAccepted.new)} of new, ${formatCount(y.analysesAccepted.existing)} of existing policies and programs`,
    },
    {
      key: 'resulting-changes',
      title: 'Policy and resource changes',
      value: formatCount(y.resultingChanges),
      caption: 'analyses of the year that name the change they led to',
    },
    {
      key: 'impact-statements',
      title: `${terms.impactStatement}s guided`,
      value: formatCount(y.impactStatements),
      caption: `${formatCount(y.impactStatementsByStatus.adopted)} adopted, ${formatCount(y.impactStatementsByStatus.filed)} filed, ${formatCount(y.impactStatementsByStatus.in_progress)} in progress`,
    },
    {
      key: 'visions-adopted',
      title: 'Vision statements adopted',
      value: formatCount(y.visionsAdopted),
      caption: `in ${report.year}`,
    },
    {
      key: 'training-completions',
      title: 'Trainings completed',
      value: formatCount(y.trainingCompletions),
      caption: `completions dated in ${report.year}`,
    },
    {
      key: 'partnership-meetings',
      title: 'Partnership meetings',
      value: formatCount(y.partnershipMeetings),
      caption: 'with County OAAA and foundations',
    },
    {
      key: 'outreach-events',
      title: 'Outreach events',
      value: formatCount(y.outreachEvents),
      caption: `${formatCount(y.peopleReached)} people reached`,
    },
  ];
}

/** The line under the page's title: what the figures are as of, and when they were compiled. */
export function reportStanding(report: AnnualReportContent): string {
  const asOf = formatPlanDate(report.asOf);
  return report.yearComplete
    ? `The whole of ${report.year}, compiled ${formatPlanDate(report.compiledAt.slice(0, 10))}.`
    : `${report.year} so far: figures as of ${asOf}, while the year runs. Compile again at the end of the year.`;
}

/** A year of the picker: `2021 · compiled Dec 31, 2021` or `2022 · not compiled yet`. */
export function yearLabel(entry: ReportListResponse['reports'][number]): string {
  return entry.compiledAt
    ? `${entry.year} · compiled ${formatPlanDate(entry.compiledAt.slice(0, 10))}`
    : `${entry.year} · not compiled yet`;
}

/** The year shown first: the newest compiled, else the newest the server lists. */
export function defaultYear(list: ReportListResponse): number | undefined {
  return (list.reports.find((r) => r.compiledAt) ?? list.reports[0])?.year;
}
