import {
  currentVision,
  quarterOf,
  strategyProgress,
  toIsoDate,
  ValidationError,
  type DepartmentProgress,
  type ImpactStatementStatus,
  type IsoDate,
  type PlanSettings,
  type Quarter,
  type ToolkitAnalysis,
} from '../../domain';
import { indicatorViews } from '../../domain/rules/indicator-trends';
import type { PlanStore } from '../../store/plan-store';
import type { Clock } from '../clock';
import { ProgressService } from '../progress-service';
import { suppressedSurvey } from '../survey/survey-view';
import {
  REPORT_SCHEMA,
  type AnnualReportContent,
  type ReportAnalysis,
  type ReportDepartment,
  type ReportIndicator,
  type ReportScorecard,
  type ReportYearActivity,
} from './report-content';
import { storeAsOf } from './store-as-of';

/** The first year a report can be compiled for. */
export const FIRST_REPORT_YEAR = 2000;

const inYear = (year: number, day: string | undefined): boolean =>
  day !== undefined && day.startsWith(`${year}-`);

/** The scorecard with the team's names replaced by counts. */
function withoutNames(d: DepartmentProgress): ReportScorecard {
  const { relt, ...rest } = d;
  return {
    ...rest,
    relt: {
      status: relt.status,
      members: relt.leads.length,
      seniorLeaders: relt.leads.filter((l) => l.seniorLeader).length,
    },
  };
}

function reportAnalysis(a: ToolkitAnalysis): ReportAnalysis {
  return {
    id: a.id,
    title: a.title,
    kind: a.kind,
    status: a.status,
    ...(a.councilFileNumber ? { councilFileNumber: a.councilFileNumber } : {}),
    ...(a.groupsBenefited ? { groupsBenefited: a.groupsBenefited } : {}),
    ...(a.groupsBurdened ? { groupsBurdened: a.groupsBurdened } : {}),
    ...(a.resultingChange ? { resultingChange: a.resultingChange } : {}),
    startedOn: a.createdAt.slice(0, 10),
    ...(a.submittedAt ? { submittedOn: a.submittedAt.slice(0, 10) } : {}),
    ...(a.reviewedAt ? { reviewedOn: a.reviewedAt.slice(0, 10) } : {}),
  };
}

/** The quarters of `year` from the first to the one `asOf` falls in. */
function quartersUpTo(year: number, asOf: IsoDate): Quarter[] {
  const last = Number(quarterOf(asOf).slice(6));
  return Array.from({ length: last }, (_, i) => `${year}-Q${i + 1}`);
}

/**
 * Compiles the annual report for a year from the records: every scorecard figure by the progress
 * service on the store as of the year's last day (or today, while the year runs), so the report
 * shows what the tab showed that day; and the year's analyses, impact statements, meetings,
 * outreach, survey (suppressed) and indicators.
 */
export class AnnualReportCompiler {
  constructor(
    private readonly store: PlanStore,
    private readonly settings: PlanSettings,
    private readonly clock: Clock,
  ) {}

  /** The day the report of `year` is as of; refuses a year not begun. */
  asOf(year: number): { asOf: IsoDate; yearComplete: boolean } {
    const today = toIsoDate(this.clock.now());
    const thisYear = Number(today.slice(0, 4));
    if (!Number.isInteger(year) || year < FIRST_REPORT_YEAR || year > thisYear) {
      throw new ValidationError(
        'year',
        'range',
        `year: must be a year from ${FIRST_REPORT_YEAR} to ${thisYear}`,
      );
    }
    const end = `${year}-12-31`;
    return { asOf: today < end ? today : end, yearComplete: today > end };
  }

  async compile(year: number): Promise<AnnualReportContent> {
    const compiledAt = this.clock.now().toISOString();
    const { asOf, yearComplete } = this.asOf(year);
    const view = storeAsOf(this.store, asOf);
    // Noon, as the demo clock does: the same date in every US time zone.
    const progress = new ProgressService(view, this.settings, {
      now: () => new Date(`${asOf}T12:00:00.000Z`),
    });
    const [
      snapshot,
      analyses,
      statements,
      meetings,
      outreach,
      visions,
      statuses,
      strategies,
      milestones,
      completions,
      surveyResults,
      focusGroups,
      points,
    ] = await Promise.all([
      progress.snapshot(),
      view.listAnalyses(),
      view.listImpactStatements(),
      view.listPartnershipMeetings(),
      view.listOutreachEvents(),
      view.listVisions(),
      view.listStrategyStatuses(),
      view.listStrategies(),
      view.listMilestones(),
      view.listCompletions(),
      view.listSurveyResults(),
      view.listFocusGroups(),
      view.listIndicatorPoints(),
    ]);
    const { citywide } = snapshot;
    const quarters = quartersUpTo(year, asOf);
    const analysedInYear = (a: ToolkitAnalysis) =>
      inYear(year, a.createdAt) || inYear(year, a.submittedAt) || inYear(year, a.reviewedAt);

    const departments: ReportDepartment[] = citywide.departments.map((scorecard) => {
      const id = scorecard.departmentId;
      const vision = currentVision(
        visions.filter((v) => v.departmentId === id),
        asOf,
      );
      const own = statuses.filter((s) => s.departmentId === id);
      const byQuarter = quarters.map((q) => ({
        quarter: q,
        lines: strategyProgress(id, strategies, own, q).strategies,
      }));
      return {
        departmentId: id,
        name: scorecard.name,
        scorecard: withoutNames(scorecard),
        ...(vision
          ? { vision: { text: vision.text, adoptedOn: vision.adoptedOn, version: vision.version } }
          : {}),
        analyses: analyses
          .filter((a) => a.departmentId === id && analysedInYear(a))
          .map(reportAnalysis),
        impactStatements: statements
          .filter((s) => s.departmentId === id && inYear(year, s.guidedOn))
          .map(({ councilFileNumber, title, status, guidedOn }) => ({
            councilFileNumber,
            title,
            status,
            guidedOn,
          })),
        strategies: scorecard.strategies.strategies.map((line) => ({
          strategyId: line.strategyId,
          status: line.status,
          quarters: byQuarter.map(({ quarter, lines }) => ({
            quarter,
            status: lines.find((l) => l.strategyId === line.strategyId)?.status ?? 'not_reported',
          })),
        })),
        meetings: meetings
          .filter((m) => m.departmentId === id && inYear(year, m.heldOn))
          .map(({ heldOn, partners, peopleReached }) => ({
            heldOn,
            partners,
            ...(peopleReached !== undefined ? { peopleReached } : {}),
          })),
        outreach: outreach
          .filter((e) => e.departmentId === id && inYear(year, e.heldOn))
          .map(({ heldOn, title, partners, peopleReached }) => ({
            heldOn,
            title,
            ...(partners ? { partners } : {}),
            peopleReached,
          })),
      };
    });

    const known = new Set(citywide.departments.map((d) => d.departmentId));
    const yearAnalyses = analyses.filter((a) => known.has(a.departmentId));
    const byStatus: Record<ImpactStatementStatus, number> = {
      in_progress: 0,
      filed: 0,
      adopted: 0,
    };
    const yearStatements = statements.filter(
      (s) => known.has(s.departmentId) && inYear(year, s.guidedOn),
    );
    for (const s of yearStatements) byStatus[s.status] += 1;
    const yearOutreach = outreach.filter(
      (e) => known.has(e.departmentId) && inYear(year, e.heldOn),
    );
    const accepted = yearAnalyses.filter(
      (a) => a.status === 'accepted' && inYear(year, a.reviewedAt ?? a.submittedAt),
    );
    const inYearActivity: ReportYearActivity = {
      analysesStarted: yearAnalyses.filter((a) => inYear(year, a.createdAt)).length,
      analysesSubmitted: yearAnalyses.filter((a) => inYear(year, a.submittedAt)).length,
      analysesAccepted: {
        new: accepted.filter((a) => a.kind === 'new').length,
        existing: accepted.filter((a) => a.kind === 'existing').length,
      },
      resultingChanges: departments.reduce(
        (n, d) => n + d.analyses.filter((a) => a.resultingChange).length,
        0,
      ),
      impactStatements: yearStatements.length,
      impactStatementsByStatus: byStatus,
      partnershipMeetings: meetings.filter(
        (m) => known.has(m.departmentId) && inYear(year, m.heldOn),
      ).length,
      outreachEvents: yearOutreach.length,
      peopleReached: yearOutreach.reduce((n, e) => n + e.peopleReached, 0),
      visionsAdopted: visions.filter((v) => known.has(v.departmentId) && inYear(year, v.adoptedOn))
        .length,
      trainingCompletions: completions.filter((c) => inYear(year, c.completedOn)).length,
    };

    const indicators: ReportIndicator[] = indicatorViews(points).flatMap((v) =>
      v.places.flatMap((p) => {
        const latestYear = p.years[p.years.length - 1];
        if (latestYear === undefined) return [];
        return [
          {
            indicator: v.indicator,
            place: p.place,
            sources: p.sources,
            latestYear,
            groups: p.series.length,
            latestGap: p.gaps.find((g) => g.year === latestYear) ?? null,
          },
        ];
      }),
    );

    return {
      schema: REPORT_SCHEMA,
      year,
      asOf,
      yearComplete,
      compiledAt,
      plan: citywide.plan,
      quarter: citywide.quarter,
      trainings: citywide.trainings,
      strategies: strategies.map(({ id, goalId, area, text }) => ({ id, goalId, area, text })),
      summary: { totals: citywide.totals, inYear: inYearActivity },
      milestones: milestones.map(({ id, title, doneOn }) => ({
        id,
        title,
        ...(doneOn && doneOn <= asOf ? { doneOn } : {}),
      })),
      departments,
      survey: suppressedSurvey(
        surveyResults,
        focusGroups,
        snapshot.departments,
        this.settings.thresholds.suppressionMin,
        year,
      ),
      indicators,
    };
  }
}
