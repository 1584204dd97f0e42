import type { AuditEntry, Completion } from './types';

/**
 * The audit entry of a completion someone recorded, derived from the stored completion alone: the
 * same completion always gives the same entry (same id), so a store can write it together with
 * the completion and a retry that finds the completion can repair a missing entry without
 * ever adding a second one. `undefined` for a completion no person recorded (a bulk import).
 */
export function completionAudit(completion: Completion): AuditEntry | undefined {
  if (!completion.recordedBy) return undefined;
  return {
    id: `completion.create:${completion.id}`,
    at: completion.recordedAt,
    actorId: completion.recordedBy,
    action: 'completion.create',
    recordType: 'completion',
    recordId: completion.id,
    after: completion,
  };
}
