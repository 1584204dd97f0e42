// The JSON shapes of reap's API, as the tab reads them. Progress types come from the server's
// service so the two cannot drift; they are imported as types only.
export type { CitywideProgress } from '../../services/progress-service';
export type { DepartmentProgress, TrainingTotal } from '../../domain/progress';
export type { TierProgress, WaveState } from '../../domain/rules/training-completion';
export type { ReltStatus } from '../../domain/rules/relt-composition';
export type { AuditEntry, CampaignSummary, RecipientStatus, Tier, Wave } from '../../domain/types';
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
