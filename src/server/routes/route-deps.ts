import type { CampaignService } from '../../campaigns/campaign-service';
import type { Config } from '../../config/config';
import type { Actor } from '../../domain/authorization';
import type { AnalysisListService } from '../../services/analysis-list-service';
import type { ReviewInput, ReviewOutcome } from '../../services/forms/toolkit-service';
import type { MyPlanService } from '../../services/my-plan-service';
import type { ProgressReadModel } from '../../services/progress-read-model';
import type { ProgressService } from '../../services/progress-service';
import type { TrainingService } from '../../services/training-service';
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
