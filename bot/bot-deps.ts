import type { Clock } from '../src/services/clock';
import type { TrainingService } from '../src/services/training-service';
import type { PlanStore } from '../src/store/plan-store';

/** What the bot's handlers work with; the server builds it once. */
export type BotDeps = {
  store: PlanStore;
  training: TrainingService;
  /** The Progress tab's address, linked from every card. */
  tabUrl: string;
  clock: Clock;
};
