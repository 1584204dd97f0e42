import type { Attachment } from 'botbuilder';
import type { Department, PlanSettings } from '../../src/domain';
import type { AmbassadorsOutcome } from '../../src/services/forms/ambassadors-service';
import {
  ambassadorLabel,
  ambassadorsListModel,
  type AmbassadorsListModel,
} from './ambassadors-card';
import { personLabel } from './people-choices';
import { renderCard } from './render-card';
import template from './ambassadors-result.json';

/** The view model of `ambassadors-result.json`: who was added and removed, and the roster now. */
export type AmbassadorsResultCardModel = AmbassadorsListModel & {
  departmentId: string;
  heading: string;
  title: string;
  summary: string;
  hasAdded: boolean;
  added: string;
  hasRemoved: boolean;
  removed: string;
  hasNotAmbassadors: boolean;
  notAmbassadors: string;
};

/** People named on one line, at most `max`, then how many more. */
function names(labels: string[], max = 40): string {
  const shown = labels.slice(0, max).join(', ');
  return labels.length > max ? `${shown} and ${labels.length - max} more` : shown;
}

export function ambassadorsResultCardModel(input: {
  outcome: AmbassadorsOutcome;
  department: Department;
  plan: PlanSettings;
}): AmbassadorsResultCardModel {
  const { outcome, department, plan } = input;
  const list = ambassadorsListModel(outcome.roster, plan);
  const changed = outcome.kind === 'changed';
  return {
    ...list,
    departmentId: department.id,
    heading: plan.terms.ambassadors,
    title: changed ? `${plan.terms.ambassadors} saved` : 'Nothing to change',
    summary: changed
      ? `${department.name} · ${list.count}.`
      : `The ${plan.terms.ambassadors} of ${department.name} are already as asked, so nothing was changed: ${list.count}.`,
    hasAdded: outcome.added.length > 0,
    added: names(outcome.added.map(personLabel)),
    hasRemoved: outcome.removed.length > 0,
    removed: names(outcome.removed.map(ambassadorLabel)),
    hasNotAmbassadors: outcome.notAmbassadors.length > 0,
    notAmbassadors: names(outcome.notAmbassadors.map((id) => id.slice(0, 40))),
  };
}

/** The roster as saved, in place of the form. */
export function renderAmbassadorsResultCard(model: AmbassadorsResultCardModel): Attachment {
  return renderCard(template, model);
}

/** The card's template, for schema tests. */
export const ambassadorsResultTemplate: object = template;
