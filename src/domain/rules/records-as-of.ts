import type {
  Completion,
  DepartmentMember,
  ImpactStatement,
  IsoDate,
  OutreachEvent,
  PartnershipMeeting,
  Person,
  StrategyStatus,
  ToolkitAnalysis,
  VisionStatement,
} from '../types';

/**
 * The records as they stood at the end of `day`, for a report of a year that is over: what was
 * recorded later is left out, and an analysis reviewed later is shown as it stood then (submitted,
 * or a draft). The store keeps no history of the roster or of team changes, so people and
 * memberships are today's, less memberships that began later and departures that came later.
 */
export const recordsAsOf = {
  people(people: readonly Person[], day: IsoDate): Person[] {
    return people.map((p) => {
      if (p.active !== false || !p.leftOn || p.leftOn <= day) return p;
      // They left after the day: on the day they were staff.
      const { active: _active, leftOn: _leftOn, ...rest } = p;
      return rest;
    });
  },
  members(members: readonly DepartmentMember[], day: IsoDate): DepartmentMember[] {
    return members.filter((m) => m.since <= day);
  },
  completions(completions: readonly Completion[], day: IsoDate): Completion[] {
    return completions.filter((c) => c.completedOn <= day);
  },
  visions(visions: readonly VisionStatement[], day: IsoDate): VisionStatement[] {
    return visions.filter((v) => v.adoptedOn <= day);
  },
  analyses(analyses: readonly ToolkitAnalysis[], day: IsoDate): ToolkitAnalysis[] {
    return analyses.flatMap((a) => {
      const then = analysisAsOf(a, day);
      return then ? [then] : [];
    });
  },
  impactStatements(statements: readonly ImpactStatement[], day: IsoDate): ImpactStatement[] {
    return statements.filter((s) => s.guidedOn <= day);
  },
  strategyStatuses(statuses: readonly StrategyStatus[], day: IsoDate): StrategyStatus[] {
    return statuses.filter((s) => s.reportedOn <= day);
  },
  meetings(meetings: readonly PartnershipMeeting[], day: IsoDate): PartnershipMeeting[] {
    return meetings.filter((m) => m.heldOn <= day);
  },
  outreach(events: readonly OutreachEvent[], day: IsoDate): OutreachEvent[] {
    return events.filter((e) => e.heldOn <= day);
  },
};

const dayOf = (instant: string | undefined) => instant?.slice(0, 10);

/**
 * One analysis as it stood at the end of `day`: undefined when started later; a review made later
 * undone (submitted again, without the review); a submission made later undone (a draft).
 * Analyses without the instants (seeded ones) stand as they are.
 */
export function analysisAsOf(a: ToolkitAnalysis, day: IsoDate): ToolkitAnalysis | undefined {
  if ((dayOf(a.createdAt) ?? '') > day) return undefined;
  if (a.status === 'draft') return a;
  const submittedThen = a.submittedAt === undefined || (dayOf(a.submittedAt) ?? '') <= day;
  const reviewedThen =
    a.status === 'submitted' ||
    (a.reviewedAt === undefined ? submittedThen : (dayOf(a.reviewedAt) ?? '') <= day);
  if (submittedThen && reviewedThen) return a;
  const { reviewComment: _c, reviewedBy: _b, reviewedAt: _a, ...unreviewed } = a;
  if (submittedThen) return { ...unreviewed, status: 'submitted' };
  const { submittedAt: _s, submittedBy: _sb, ...draft } = unreviewed;
  return { ...draft, status: 'draft' };
}
