// The JSON shapes of reap's API, as the tab reads them. Progress types come from the server's
// service so the two cannot drift; they are imported as types only.
export type { CitywideProgress } from '../../services/progress-service';
export type { DepartmentProgress, TrainingTotal } from '../../domain/progress';
export type { TierProgress } from '../../domain/rules/training-completion';
export type { ReltStatus } from '../../domain/rules/relt-composition';
export type { AuditEntry, Tier } from '../../domain/types';
import type { AuditEntry } from '../../domain/types';

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
