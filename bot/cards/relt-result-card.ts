import type { Attachment } from 'botbuilder';
import type { Department, Person, PlanSettings } from '../../src/domain';
import type { ReltOutcome } from '../../src/services/forms/relt-service';
import {
  reltMemberModel,
  reltStatusModel,
  type ReltMemberModel,
  type ReltStatusModel,
} from './relt-card';
import { renderCard } from './render-card';
import template from './relt-result.json';

/** The view model of `relt-result.json`: the team as saved, and the one it replaced. */
export type ReltResultCardModel = ReltStatusModel & {
  departmentId: string;
  title: string;
  summary: string;
  team: ReltMemberModel[];
  hasBefore: boolean;
  /** `Before: A (MHD-0001) and B (MHD-0010).` */
  before: string;
};

/**
 * @param input.actor who designated the team, named on the card.
 */
export function reltResultCardModel(input: {
  outcome: ReltOutcome;
  department: Department;
  actor: Person;
  plan: PlanSettings;
}): ReltResultCardModel {
  const { outcome, department, actor, plan } = input;
  const names = outcome.team.members.map((m) => m.person?.displayName ?? m.personId).join(' and ');
  const designated = outcome.kind === 'designated';
  const previous = outcome.before.map(
    (m) => `${m.person?.displayName ?? m.personId} (${m.personId})`,
  );
  return {
    departmentId: department.id,
    title: designated
      ? `${plan.terms.leadershipTeamShort} designated`
      : `Already the ${plan.terms.leadershipTeamShort}`,
    summary: designated
      ? `${names} are now the ${plan.terms.leadershipTeam} of ${department.name}, as recorded by ${actor.displayName}.`
      : `${names} are the ${plan.terms.leadershipTeam} of ${department.name} already, so nothing was changed.`,
    team: outcome.team.members.map(reltMemberModel),
    ...reltStatusModel(outcome.team, plan),
    hasBefore: designated,
    before: designated
      ? previous.length > 0
        ? `Before: ${previous.join(' and ')}.`
        : 'No one was designated before.'
      : '',
  };
}

/** The saved team, in place of the form. */
export function renderReltResultCard(model: ReltResultCardModel): Attachment {
  return renderCard(template, model);
}

/** The card's template, for schema tests. */
export const reltResultTemplate: object = template;
