// The JSON shapes of reap's API, as the tab reads them. Progress types come from the server's
// service so the two cannot drift; they are imported as types only.
export type {
  /** `GET /api/progress/citywide`: every department's scorecard, citywide totals. */
  CitywideProgress,
  /** `GET /api/progress/trend`: cumulative completion per training and tier, week by week. */
  ProgressTrend,
  /**
   * `GET /api/progress/departments/:departmentId`: one department's scorecard, its waves with
   * counts, its strategies; `people` (who has not confirmed, by name) only for the Equity Officer
   * and the department's leads and Ambassadors. 404 for an unknown department.
   */
  DepartmentDetail,
  DepartmentWave,
  DepartmentStrategy,
  UnconfirmedGroup,
  UnconfirmedPerson,
} from '../../services/progress-service';
export type {
  DepartmentProgress,
  TrainingTotal,
  CitywideTotals,
  ScorecardRule,
  ToolkitTrainingProgress,
  OpenItem,
  OpenItemKind,
} from '../../domain';
export type { TierProgress, WaveState } from '../../domain/rules/training-completion';
export type { ReltStatus } from '../../domain/rules/relt-composition';
export type { ToolkitCoverage } from '../../domain/rules/toolkit-coverage';
export type { CadenceEvaluation } from '../../domain/rules/partnership-cadence';
export type {
  StrategyCounts,
  StrategyLine,
  StrategyProgress,
  StrategyStanding,
} from '../../domain/rules/strategy-status';
export type { TrainingTrend, TrendPoint } from '../../domain/rules/training-trend';
export type {
  AuditEntry,
  CampaignSummary,
  RecipientStatus,
  Tier,
  ToolkitAnalysis,
  ToolkitStatus,
  ToolkitStep,
  Wave,
} from '../../domain/types';
export type {
  /** `GET /api/my/plan`: my trainings, and for a lead or Ambassador the department's open items. */
  MyPlan,
  MyTrainingView,
} from '../../services/my-plan-service';
export type {
  /** One analysis of `GET /api/toolkit/analyses`, with department and author names. */
  ToolkitAnalysisView,
} from '../../services/analysis-list-service';
import type { ToolkitAnalysisView } from '../../services/analysis-list-service';
import type { AuditEntry, CampaignSummary, RecipientStatus, Wave } from '../../domain/types';
import type { WaveState } from '../../domain/rules/training-completion';

/** A person's role in reap, as the server decides it. */
export type Role = 'officer' | 'lead' | 'ambassador' | 'employee';

/** `GET /api/me`. */
export type MeResponse = {
  mode: 'local' | 'teams';
  person: { id: string; displayName: string; departmentId: string; tier: string } | null;
  role: Role | null;
};

/** One choice of the local identity picker. */
export type LocalIdentity = {
  personId: string;
  displayName: string;
  role: Role;
  departmentId: string;
  departmentName: string;
};

/** `GET /api/local/identities` (local mode only; 403 otherwise). */
export type LocalIdentitiesResponse = { identities: LocalIdentity[] };

/** One line of `GET /api/audit`: the entry, and the name of the person who acted when known. */
export type AuditEntryView = AuditEntry & { actorName: string | null };

/** `GET /api/audit` (the Equity Officer only; 403 otherwise). */
export type AuditResponse = { entries: AuditEntryView[] };

// Training waves and reminder campaigns (the Equity Officer only; 403 otherwise). The shapes of
// `src/campaigns/campaign-service.ts`, restated over the domain's types because that module runs
// on Node; tests/browser/campaigns.test.ts checks the two stay assignable.

/** One wave of `GET /api/waves`, with how far its people got. */
export type WaveView = Wave & {
  trainingTitle: string;
  state: WaveState;
  /** People the wave reaches, and how many of them confirmed. */
  people: number;
  confirmed: number;
  /** The wave before it (same training) when that one has not opened: opening needs a reason. */
  blockedBy?: string;
  /** A reminder campaign of this wave is still sending. */
  campaignRunning: boolean;
};

/** `GET /api/waves`: every training's waves, by training, then in order. */
export type WavesResponse = { waves: WaveView[] };

/** The body of `POST /api/waves/:waveId/open`. */
export type OpenWaveRequest = { dueOn: string; overrideReason?: string };

/** One campaign of `GET /api/campaigns`, with its live counts. */
export type CampaignView = CampaignSummary & {
  state: 'running' | 'done';
  trainingTitle: string;
  /** Recipients who have confirmed the training since. */
  confirmed: number;
};

/** `GET /api/campaigns`, newest first. */
export type CampaignsResponse = { campaigns: CampaignView[] };

/** One person of `GET /api/campaigns/:id/recipients`. */
export type RecipientView = {
  personId: string;
  displayName: string;
  departmentId: string;
  status: RecipientStatus;
  /** Why the message ended as it did, in the sender's words. */
  detail?: string;
  confirmed: boolean;
};

/** `GET /api/campaigns/:id/recipients?status=…`. */
export type RecipientsResponse = { recipients: RecipientView[] };

/** `GET /api/departments` (anyone on the roster): for the channel tab's configuration page. */
export type DepartmentsResponse = { departments: Array<{ id: string; name: string }> };

/**
 * `GET /api/toolkit/analyses?status=draft|submitted|returned|accepted`: the Equity Officer gets
 * every department's (`?status=submitted` is the review queue, oldest submission first); a lead
 * or Ambassador gets their own department's only, any status; anyone else 403.
 */
export type ToolkitAnalysesResponse = { analyses: ToolkitAnalysisView[] };

// Accountability: the annual report, the Health Department's indicators, the diversity survey and
// the public summary. The shapes are the server's, imported as types from modules without Node
// imports. Routes: `GET /api/reports` (years, compiled or not), `POST /api/reports/:year`
// (compile), `GET /api/reports/:year` (the JSON content) and `GET /api/reports/:year.html` /
// `.docx` (the files; the HTML page carries its own CSP and may be framed by the tab) — the
// Equity Officer only; `GET /api/public-summary.html` / `.csv` (officer); `GET /api/indicators`
// (anyone on the roster), `POST /api/indicators/import` (officer, Health Department leads and
// Ambassadors); `GET /api/survey?year=` (officer, leads, Ambassadors), `POST /api/survey/import`,
// `POST /api/survey/results`, `POST /api/survey/focus-groups` (officer). A refused import answers
// 400 with `ImportRefusal`.
export type {
  /** `GET /api/reports/:year` (and `report` of `POST`): the compiled annual report. */
  AnnualReportContent,
  ReportDepartment,
  ReportScorecard,
  ReportRelt,
  ReportAnalysis,
  ReportImpactStatement,
  ReportStrategy,
  ReportMeeting,
  ReportOutreach,
  ReportYearActivity,
  ReportIndicator,
  /** `GET /api/reports`: the years a report can be compiled for, newest first. */
  ReportListResponse,
  /** `POST /api/reports/:year` (201): the report, and in SharePoint mode where the file went. */
  CompileReportResponse,
  LibraryOutcome,
} from '../../services/report/report-content';
export type {
  /** `GET /api/indicators?indicator=`: series by indicator and place, trends, gaps per year. */
  IndicatorsResponse,
  /** `POST /api/indicators/import` (201, or 200 for `dryRun`). */
  IndicatorImportReport,
  ImportRefusal,
  CsvLineError,
} from '../../services/indicators/indicator-types';
export type {
  IndicatorView,
  IndicatorPlaceView,
  IndicatorGroupSeries,
  IndicatorTrend,
  IndicatorGap,
} from '../../domain/rules/indicator-trends';
export type {
  /** `GET /api/survey`: every figure with small-cell suppression (`null` = not shown). */
  SurveyResponse,
  SurveyQuestionView,
  SurveyDepartmentRow,
  SurveyFigure,
  SurveyGroupFigure,
  FocusGroupView,
  /** `POST /api/survey/import` and `POST /api/survey/results` (201). */
  SurveyImportReport,
} from '../../services/survey/survey-view';

/** The body of `POST /api/indicators/import` and `POST /api/survey/import` as JSON (or send the CSV as `text/csv` with `?dryRun=true`). */
export type CsvUploadRequest = { csv: string; dryRun?: boolean };

/** The body of `POST /api/survey/results`: one department's (or, without it, the city's) aggregates for one question. */
export type SurveyEntryRequest = {
  year: number;
  departmentId?: string;
  question: string;
  results: Array<{ group: string; respondents: number; value: number }>;
};

/** The body of `POST /api/survey/focus-groups`. */
export type FocusGroupRequest = {
  heldOn: string;
  topic: string;
  participants: number;
  departmentId?: string;
};
