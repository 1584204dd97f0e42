import type { PlanSettings } from '../plan/settings';
import type { Person } from '../types';

export type ReltStatus = 'formed' | 'incomplete' | 'invalid';

export type ReltEvaluation = {
  status: ReltStatus;
  /** Why the team is not formed, in words a lead can act on; empty when formed. */
  problems: string[];
};

/** A senior leader, for the plan's RELT rule, is a person of the senior-manager tier. */
export function isSeniorLeader(person: Person): boolean {
  return person.tier === 'senior_manager';
}

/**
 * The plan's rule: each department designates exactly two members of its own staff, at least one
 * of them a senior leader.
 */
export function evaluateRelt(
  departmentId: string,
  leads: Person[],
  settings: PlanSettings,
): ReltEvaluation {
  const { leadsPerDepartment, minSeniorLeads } = settings.thresholds;
  const team = settings.terms.leadershipTeamShort;
  const problems: string[] = [];
  const outsiders = leads.filter((p) => p.departmentId !== departmentId);
  for (const p of outsiders) {
    problems.push(`${p.displayName} is not in this department.`);
  }
  const ids = new Set(leads.map((p) => p.id));
  if (ids.size !== leads.length) problems.push(`The same person is named twice.`);
  if (leads.length > leadsPerDepartment) {
    problems.push(`A ${team} has exactly ${leadsPerDepartment} members, not ${leads.length}.`);
  }
  const seniors = leads.filter(isSeniorLeader).length;
  if (leads.length > 0 && seniors < minSeniorLeads) {
    problems.push(
      `At least ${minSeniorLeads} of the ${team} must be a senior leader; none of ${leads
        .map((p) => p.displayName)
        .join(' and ')} is.`,
    );
  }
  if (problems.length > 0) return { status: 'invalid', problems };
  if (leads.length < leadsPerDepartment) {
    return {
      status: 'incomplete',
      problems: [`${leads.length} of ${leadsPerDepartment} ${team} members designated.`],
    };
  }
  return { status: 'formed', problems: [] };
}
