import {
  evaluateRelt,
  isSeniorLeader,
  toIsoDate,
  ValidationError,
  type AuditEntry,
  type Department,
  type IsoDate,
  type Person,
  type PlanSettings,
  type ReltEvaluation,
} from '../../domain';
import type { PlanStore } from '../../store/plan-store';
import type { Clock } from '../clock';

/** The form's two fields, which a refusal stands beside. */
export type ReltField = 'firstMember' | 'secondMember';

/** One lead as stored: the roster person (absent when they left the roster) and since when. */
export type ReltMember = { personId: string; person?: Person; since: IsoDate; senior: boolean };

/** A department's Racial Equity Leadership Team as stored, judged by the plan's rule. */
export type ReltTeam = { members: ReltMember[]; evaluation: ReltEvaluation };

/** What designating did: stored a new team, or found it already the team (nothing written). */
export type ReltOutcome = {
  kind: 'designated' | 'unchanged';
  team: ReltTeam;
  before: ReltMember[];
};

export type ReltDesignation = {
  /** The verified person designating (a lead or Ambassador of the department, or the officer). */
  actor: Person;
  department: Department;
  /** Employee numbers as picked or typed; matched without regard to case. */
  firstMember: string;
  secondMember: string;
  /** The id the card was rendered with: a resent press names the same one. */
  changeId: string;
};

/** Longest employee number looked up; anything longer is not one. */
const EMPLOYEE_NUMBER_MAX = 100;

/** A lead as the audit entry keeps them: id and name, readable after they leave the roster. */
type LeadRecord = { id: string; name: string };

/**
 * A department's Racial Equity Leadership Team: the two leads the plan asks each department to
 * designate, at least one a senior leader. Leads are the department's `lead` members, so
 * designating a team also changes who may act as a lead (one may replace themselves).
 * The caller has authorised the actor (`relt.designate` on the department).
 */
export class ReltService {
  constructor(
    private readonly store: PlanStore,
    private readonly clock: Clock,
    private readonly plan: PlanSettings,
  ) {}

  /** The team as stored: senior leaders first, then by since and name. */
  async team(departmentId: string): Promise<ReltTeam> {
    const members = (await this.store.listMembers({ departmentId })).filter(
      (m) => m.role === 'lead',
    );
    const people = await Promise.all(members.map((m) => this.store.getPerson(m.personId)));
    const leads: ReltMember[] = members.map((m, i) => {
      const person = people[i];
      return {
        personId: m.personId,
        ...(person ? { person } : {}),
        since: m.since,
        senior: person ? isSeniorLeader(person) : false,
      };
    });
    leads.sort(
      (a, b) =>
        Number(b.senior) - Number(a.senior) ||
        a.since.localeCompare(b.since) ||
        (a.person?.displayName ?? a.personId).localeCompare(b.person?.displayName ?? b.personId),
    );
    const known = leads.flatMap((m) => (m.person ? [m.person] : []));
    const evaluation = evaluateRelt(departmentId, known, this.plan);
    if (known.length < leads.length) {
      const gone = leads.filter((m) => !m.person).map((m) => m.personId);
      evaluation.status = 'invalid';
      evaluation.problems.push(
        `${gone.join(' and ')} ${gone.length === 1 ? 'is' : 'are'} no longer on the roster.`,
      );
    }
    return { members: leads, evaluation };
  }

  /**
   * Designates the department's team: exactly the two people named, both of its staff, at least
   * one a senior leader. A team that is already exactly these two is left as it is (a resent
   * press, or nothing changed) and nothing is written; otherwise the team and its audit entry
   * (before and after, named) are written together, under an id made of the department, the
   * card's `changeId` and the teams before and after, so a retry never adds a second entry.
   * @throws ValidationError naming `firstMember` or `secondMember` (a field left empty, several
   * numbers in one, an unknown number, someone of another department, the same person twice, no
   * senior leader), or `team` for a rule of the plan no field stands for. Nothing is stored.
   */
  async designate(input: ReltDesignation): Promise<ReltOutcome> {
    const { department } = input;
    const first = await this.member(department, 'firstMember', input.firstMember);
    const second = await this.member(department, 'secondMember', input.secondMember);
    if (first.id === second.id) {
      throw new ValidationError(
        'secondMember',
        'distinct',
        `${named(first)} is already the first member; pick someone else as the second.`,
      );
    }
    const { minSeniorLeads } = this.plan.thresholds;
    const team = this.plan.terms.leadershipTeamShort;
    const seniors = [first, second].filter(isSeniorLeader).length;
    if (seniors < minSeniorLeads) {
      throw new ValidationError(
        'firstMember',
        'senior-leader',
        seniors === 0
          ? `Neither ${described(first)} nor ${described(second)} is a senior leader, and the plan asks for at least ${minSeniorLeads === 1 ? 'one' : minSeniorLeads} on the ${team}. Pick a senior leader as the first member.`
          : `The plan asks for at least ${minSeniorLeads} senior leaders on the ${team}; pick senior leaders.`,
      );
    }
    // The plan's rule, as the progress views judge it (its size comes from the plan settings).
    const verdict = evaluateRelt(department.id, [first, second], this.plan);
    if (verdict.status !== 'formed') {
      throw new ValidationError('team', 'relt', verdict.problems.join(' '));
    }

    const before = await this.team(department.id);
    const wanted = [first.id, second.id];
    if (
      before.members.length === wanted.length &&
      before.members.every((m) => wanted.includes(m.personId))
    ) {
      return { kind: 'unchanged', team: before, before: before.members };
    }
    const now = this.clock.now();
    const today = toIsoDate(now);
    const audit: AuditEntry = {
      // A resent press (same card, same team before and after) has the same id; the same team
      // designated again later, from another card or after another change, has another.
      id: `relt.designate:${department.id}:${input.changeId}:${ids(before.members.map((m) => m.personId))}>${ids(wanted)}`,
      at: now.toISOString(),
      actorId: input.actor.id,
      action: 'relt.designate',
      recordType: 'relt',
      recordId: department.id,
      before: before.members.map(leadRecord),
      after: [first, second].map((p) => ({ id: p.id, name: p.displayName })),
    };
    await this.store.setMembers(department.id, 'lead', wanted, today, audit);
    return { kind: 'designated', team: await this.team(department.id), before: before.members };
  }

  /** The roster person a field names, who must be of `department`. */
  private async member(department: Department, field: ReltField, value: string): Promise<Person> {
    const number = value.trim();
    if (number === '') {
      throw new ValidationError(
        field,
        'required',
        field === 'firstMember'
          ? 'Pick the first member (a senior leader), or type their employee number.'
          : 'Pick the second member, or type their employee number.',
      );
    }
    if (/[\s,;]/.test(number)) {
      throw new ValidationError(
        field,
        'one-person',
        `The ${this.plan.terms.leadershipTeamShort} has exactly ${this.plan.thresholds.leadsPerDepartment} members: name one person in each field.`,
      );
    }
    const person =
      number.length <= EMPLOYEE_NUMBER_MAX
        ? ((await this.store.getPerson(number)) ??
          (await this.store.getPerson(number.toUpperCase())))
        : undefined;
    if (!person) {
      throw new ValidationError(
        field,
        'on-roster',
        `${shown(number)} is not an employee number on the roster; check it and try again.`,
      );
    }
    if (person.departmentId !== department.id) {
      const theirs = (await this.store.listDepartments()).find((d) => d.id === person.departmentId);
      throw new ValidationError(
        field,
        'same-department',
        `${named(person)} works in ${theirs?.name ?? person.departmentId}, not ${department.name}; the team is two members of the department's own staff.`,
      );
    }
    return person;
  }
}

/** `Renee Washington (MHD-0001)`. */
function named(person: Person): string {
  return `${person.displayName} (${person.id})`;
}

/** `Lee Park (MHD-0012, Program Coordinator)`: who, and the title that says why not senior. */
function described(person: Person): string {
  return `${person.displayName} (${person.id}, ${person.jobTitle})`;
}

/** `MHD-0001+MHD-0012`: a team's ids in a stable order. */
function ids(personIds: string[]): string {
  return [...personIds].sort().join('+');
}

function leadRecord(m: ReltMember): LeadRecord {
  return { id: m.personId, name: m.person?.displayName ?? m.personId };
}

/** A value from the card as a message names it: quoted, shortened, printable. */
function shown(value: string): string {
  const printable = value.replace(/[^\x20-\x7e]/g, '?');
  return `"${printable.length > 40 ? `${printable.slice(0, 39)}…` : printable}"`;
}
