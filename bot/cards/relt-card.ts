import { randomUUID } from 'node:crypto';
import type { Attachment } from 'botbuilder';
import { isSeniorLeader, type Department, type Person, type PlanSettings } from '../../src/domain';
import type { ReltField, ReltMember, ReltTeam } from '../../src/services/forms/relt-service';
import type { ChoiceModel } from './attendance-card';
import { formatDay } from './card-text';
import { peopleChoices, personLabel } from './people-choices';
import { renderCard } from './render-card';
import template from './relt.json';

/**
 * The budgets of the two pickers within Teams' ~28 KB message: the first offers only senior
 * leaders (a few per department), the second everyone; a list over its budget gives way to a
 * field for the employee number.
 */
export const RELT_SENIOR_PICKER_BYTES = 6 * 1024;
export const RELT_ANYONE_PICKER_BYTES = 18 * 1024;

/** A lead as the team cards show them. */
export type ReltMemberModel = { name: string; id: string; detail: string };

/** Where the team stands, in words and in the colour of a TextBlock. */
export type ReltStatusModel = { teamStatus: string; teamStatusColor: 'good' | 'warning' };

/** What the lead entered (employee numbers), kept when the card comes back with a message. */
export type ReltValues = Partial<Record<ReltField, string>>;

/** The view model of `relt.json`: the team as stored and the form to designate a new one. */
export type ReltCardModel = ReltStatusModel & {
  departmentId: string;
  /** Names this card's press in the audit entry: Teams resending it writes one entry. */
  changeId: string;
  departmentName: string;
  /** The plan's name for the team, e.g. `Racial Equity Leadership Team`. */
  heading: string;
  summary: string;
  hasNotice: boolean;
  notice: string;
  team: ReltMemberModel[];
  hasFirstPicker: boolean;
  firstTyped: boolean;
  firstChoices: ChoiceModel[];
  firstMember: string;
  firstPlaceholder: string;
  hasFirstError: boolean;
  firstError: string;
  hasSecondPicker: boolean;
  secondTyped: boolean;
  secondChoices: ChoiceModel[];
  secondMember: string;
  secondPlaceholder: string;
  hasSecondError: boolean;
  secondError: string;
};

const n = (value: number) => value.toLocaleString('en-US');

/** A lead's lines: name and number, then job title, whether a senior leader, and since when. */
export function reltMemberModel(member: ReltMember): ReltMemberModel {
  const { person } = member;
  if (!person) {
    return {
      name: member.personId,
      id: member.personId,
      detail: `No longer on the roster · since ${formatDay(member.since)}`,
    };
  }
  return {
    name: person.displayName,
    id: person.id,
    detail: `${person.jobTitle} · ${member.senior ? 'senior leader' : 'not a senior leader'} · since ${formatDay(member.since)}`,
  };
}

/** `Formed: …` in green, or what the plan still asks for. */
export function reltStatusModel(team: ReltTeam, plan: PlanSettings): ReltStatusModel {
  if (team.members.length === 0) {
    return {
      teamStatus: `No one is designated yet: the plan asks for ${plan.thresholds.leadsPerDepartment} members, at least ${plan.thresholds.minSeniorLeads === 1 ? 'one' : plan.thresholds.minSeniorLeads} a senior leader.`,
      teamStatusColor: 'warning',
    };
  }
  return team.evaluation.status === 'formed'
    ? { teamStatus: 'Formed, as the plan asks.', teamStatusColor: 'good' }
    : {
        teamStatus: `Not formed yet: ${team.evaluation.problems.join(' ')}`,
        teamStatusColor: 'warning',
      };
}

/**
 * The form's view model, prefilled with the stored team (its senior leader first) unless
 * `input.values` keeps what was entered.
 * @param input.people the department's people, offered in the pickers when there are few enough.
 * @param input.errors messages shown beside their fields.
 */
export function reltCardModel(input: {
  department: Department;
  people: Person[];
  team: ReltTeam;
  plan: PlanSettings;
  values?: ReltValues;
  errors?: Partial<Record<ReltField, string>>;
  notice?: string;
}): ReltCardModel {
  const { department, people, team, plan, errors = {} } = input;
  const seniors = peopleChoices(
    people.filter(isSeniorLeader),
    RELT_SENIOR_PICKER_BYTES,
    (p) => `${personLabel(p)} · ${p.jobTitle}`,
  );
  const anyone = peopleChoices(people, RELT_ANYONE_PICKER_BYTES);
  const stored = team.members.filter((m) => m.person);
  const firstLead = stored.find((m) => m.senior);
  const secondLead = stored.find((m) => m !== firstLead);
  const values = input.values ?? {
    firstMember: firstLead?.personId ?? '',
    secondMember: secondLead?.personId ?? '',
  };
  const example = (candidates: Person[]) =>
    candidates[0] ? `e.g. ${candidates[0].id}` : 'Employee number';
  const { leadsPerDepartment, minSeniorLeads } = plan.thresholds;
  return {
    departmentId: department.id,
    changeId: randomUUID(),
    departmentName: department.name,
    heading: plan.terms.leadershipTeam,
    summary: `${department.name} · ${n(people.length)} ${people.length === 1 ? 'person' : 'people'}. The plan asks for ${leadsPerDepartment} members of the department's staff, at least ${minSeniorLeads === 1 ? 'one' : minSeniorLeads} a senior leader.`,
    hasNotice: input.notice !== undefined,
    notice: input.notice ?? '',
    team: team.members.map(reltMemberModel),
    ...reltStatusModel(team, plan),
    hasFirstPicker: seniors !== undefined,
    firstTyped: seniors === undefined,
    firstChoices: seniors ?? [],
    firstMember: values.firstMember ?? '',
    firstPlaceholder: example(people.filter(isSeniorLeader)),
    hasFirstError: errors.firstMember !== undefined,
    firstError: errors.firstMember ?? '',
    hasSecondPicker: anyone !== undefined,
    secondTyped: anyone === undefined,
    secondChoices: anyone ?? [],
    secondMember: values.secondMember ?? '',
    secondPlaceholder: example(people),
    hasSecondError: errors.secondMember !== undefined,
    secondError: errors.secondMember ?? '',
  };
}

/** The team form, bound and ready to send or to answer an invoke with. */
export function renderReltCard(model: ReltCardModel): Attachment {
  return renderCard(template, model);
}

/** The card's template, for schema tests. */
export const reltTemplate: object = template;
