import type { Person, PlanSettings } from '../src/domain';
import type { TabAddress } from './cards/tab-links';
import type { Actor } from '../src/domain/authorization';
import type { CampaignService } from '../src/campaigns/campaign-service';
import type { Notices } from '../src/campaigns/notices';
import type { Clock } from '../src/services/clock';
import type { TrainingService } from '../src/services/training-service';
import type { PlanStore } from '../src/store/plan-store';

/** Turns who Teams says is asking into an authorisation actor, with their role. */
export type ActorSource = {
  forPerson(person: Person): Promise<Actor>;
  forObjectId(aadObjectId: string): Promise<Actor>;
};

/** What the bot's handlers work with; the server builds it once. */
export type BotDeps = {
  store: PlanStore;
  training: TrainingService;
  /** Waves and reminder campaigns (nudges from a lead's summary card). */
  campaigns?: CampaignService;
  /** Cards for one person in their chat (review cards, outcomes); absent in some unit tests. */
  notices?: Notices;
  actors: ActorSource;
  /** The plan's words, thresholds and formats (RELT size, Council file numbers). */
  plan: PlanSettings;
  /** The Progress tab's address, linked from every card. */
  tabUrl: TabAddress;
  clock: Clock;
};
