/**
 * The annual report as structured data: what `POST /api/reports/:year` compiles and stores, what
 * `GET /api/reports/:year` returns, and what the Word and HTML renderings are made from. Every
 * figure of a scorecard is computed by the code behind the tab's progress views (as of `asOf`),
 * so the report and the tab cannot disagree. It names no member of staff, so it can be published
 * as it is.
 */
import type {
  CitywideTotals,
  DepartmentProgress,
  ImpactStatementStatus,
  IsoDate,
  IsoInstant,
  PlanSettings,
  Quarter,
  ToolkitKind,
  ToolkitStatus,
} from '../../domain';
import type { IndicatorGap } from '../../domain/rules/indicator-trends';
import type { ReltStatus } from '../../domain/rules/relt-composition';
import type { StrategyStanding } from '../../domain/rules/strategy-status';
import type { SurveyResponse } from '../survey/survey-view';

/** The format of `AnnualReportContent`; a change that breaks readers bumps it. */
export const REPORT_SCHEMA = 1;

/** A department's Racial Equity Leadership Team as the report shows it: counts, never names. */
export type ReportRelt = { status: ReltStatus; members: number; seniorLeaders: number };

/** A department's scorecard as the tab computes it, with the team's names left out. */
export type ReportScorecard = Omit<DepartmentProgress, 'relt'> & { relt: ReportRelt };

/** A toolkit analysis worked on during the year (started, submitted or reviewed in it). */
export type ReportAnalysis = {
  id: string;
  title: string;
  kind: ToolkitKind;
  /** Where it stood at the end of the year (or on `asOf`). */
  status: ToolkitStatus;
  councilFileNumber?: string;
  groupsBenefited?: string;
  groupsBurdened?: string;
  /** The policy or resource-allocation change it led to. */
  resultingChange?: string;
  startedOn: IsoDate;
  submittedOn?: IsoDate;
  reviewedOn?: IsoDate;
};

/** An impact statement the department's team guided during the year (who guided it left out). */
export type ReportImpactStatement = {
  councilFileNumber: string;
  title: string;
  status: ImpactStatementStatus;
  guidedOn: IsoDate;
};

/** A strategy the department answers for (its text in the report's `strategies`), by quarter. */
export type ReportStrategy = {
  strategyId: string;
  /** The standing in the report's quarter (the year's last, or the current one). */
  status: StrategyStanding;
  /** The standing in each quarter of the year up to `asOf`, oldest first. */
  quarters: Array<{ quarter: Quarter; status: StrategyStanding }>;
};

export type ReportMeeting = { heldOn: IsoDate; partners: string; peopleReached?: number };
export type ReportOutreach = {
  heldOn: IsoDate;
  title: string;
  partners?: string;
  peopleReached: number;
};

/** One department's section of the report. */
export type ReportDepartment = {
  departmentId: string;
  name: string;
  scorecard: ReportScorecard;
  /** The vision statement in force on `asOf`. */
  vision?: { text: string; adoptedOn: IsoDate; version: number };
  analyses: ReportAnalysis[];
  impactStatements: ReportImpactStatement[];
  strategies: ReportStrategy[];
  meetings: ReportMeeting[];
  outreach: ReportOutreach[];
};

/** What happened citywide during the year (the scorecards count the plan period to `asOf`). */
export type ReportYearActivity = {
  analysesStarted: number;
  analysesSubmitted: number;
  /** Accepted during the year, by kind. */
  analysesAccepted: { new: number; existing: number };
  /** Analyses of the year that name a resulting policy or resource-allocation change. */
  resultingChanges: number;
  impactStatements: number;
  impactStatementsByStatus: Record<ImpactStatementStatus, number>;
  partnershipMeetings: number;
  outreachEvents: number;
  /** People reached by the year's outreach events. */
  peopleReached: number;
  visionsAdopted: number;
  /** Training completions dated in the year. */
  trainingCompletions: number;
};

/** An indicator in one place, summarised for the report: its latest gap between groups. */
export type ReportIndicator = {
  indicator: string;
  place: string;
  sources: string[];
  latestYear: number;
  groups: number;
  latestGap: IndicatorGap | null;
};

/** `GET /api/reports/:year` (and what `POST` compiles): the annual report. */
export type AnnualReportContent = {
  schema: typeof REPORT_SCHEMA;
  year: number;
  /** The day the figures are as of: the year's last day, or the day compiled while it runs. */
  asOf: IsoDate;
  /** False while the year is still running. */
  yearComplete: boolean;
  compiledAt: IsoInstant;
  plan: Pick<PlanSettings, 'cityName' | 'planTitle' | 'period' | 'terms'>;
  /** The quarter the strategies' standings are for. */
  quarter: Quarter;
  trainings: Array<{ id: string; title: string }>;
  /** The plan's strategies, in plan order, for the departments' strategy lines. */
  strategies: Array<{ id: string; goalId: string; area: string; text: string }>;
  summary: { totals: CitywideTotals; inYear: ReportYearActivity };
  milestones: Array<{ id: string; title: string; doneOn?: IsoDate }>;
  departments: ReportDepartment[];
  /** The year's survey results and focus groups, with small-cell suppression. */
  survey: SurveyResponse;
  indicators: ReportIndicator[];
};

/** `GET /api/reports`: the years a report can be compiled for, and those compiled. */
export type ReportListResponse = {
  reports: Array<{ year: number; compiledAt?: IsoInstant; asOf?: IsoDate }>;
};

/** Where the compiled report went besides the store. */
export type LibraryOutcome =
  | { saved: true; fileName: string; webUrl?: string }
  | { saved: false; fileName: string; message: string };

/** `POST /api/reports/:year`: the compiled report, and whether the library has it. */
export type CompileReportResponse = {
  report: AnnualReportContent;
  /** Present in SharePoint mode: the Word file saved to the site's document library. */
  library?: LibraryOutcome;
};
