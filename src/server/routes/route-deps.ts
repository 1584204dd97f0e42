import type { CampaignService } from '../../campaigns/campaign-service';
import type { Config } from '../../config/config';
import type { Actor } from '../../domain/authorization';
import type { AnalysisListService } from '../../services/analysis-list-service';
import type { ReviewInput, ReviewOutcome } from '../../services/forms/toolkit-service';
import type { MyPlanService } from '../../services/my-plan-service';
import type { ProgressReadModel } from '../../services/progress-read-model';
import type { ProgressService } from '../../services/progress-service';
import type { TrainingService } from '../../services/training-service';
import type { IndicatorService } from '../../services/indicators/indicator-service';
import type { AnnualReportService } from '../../services/report/annual-report-service';
import type { SurveyService } from '../../services/survey/survey-service';
import type { PlanStore } from '../../store/plan-store';
import type { ActorResolver } from '../auth/actors';

/** What the API's routes work with; the server builds it once. */
export type RouteDeps = {
  config: Config;
  store: PlanStore;
  actors: ActorResolver;
  training: TrainingService;
  progress: ProgressService;
  /** Every progress view, served from memory until the data changes. */
  readModel: ProgressReadModel;
  myPlan: MyPlanService;
  analyses: AnalysisListService;
  campaigns: CampaignService;
  /** The officer's review of a toolkit analysis; the lead is told the outcome in chat. */
  reviewAnalysis(input: ReviewInput): Promise<ReviewOutcome>;
  /** The annual report: compiled, kept, rendered as HTML and Word. */
  reports: AnnualReportService;
  /** The Health Department's indicator series. */
  indicators: IndicatorService;
  /** The diversity survey and focus groups, shown only suppressed. */
  survey: SurveyService;
};

/**
 * The roster person of an actor the route's action already required to be on the roster.
 * @throws Error when that precondition does not hold (a rule and its route disagree).
 */
export function rosterPersonId(actor: Actor): string {
  if (actor.kind !== 'person' || !actor.personId) {
    throw new Error('route reached without a roster person: its action must require one');
  }
  return actor.personId;
}
