import { randomUUID } from 'node:crypto';
import type { Attachment } from 'botbuilder';
import type { Department, PlanSettings } from '../../src/domain';
import type {
  Ambassador,
  AmbassadorsField,
  AmbassadorsRoster,
} from '../../src/services/forms/ambassadors-service';
import type { ChoiceModel } from './attendance-card';
import { formatDay } from './card-text';
import { peopleChoices, personLabel } from './people-choices';
import { renderCard } from './render-card';
import template from './ambassadors.json';

/**
 * The budgets of the two pickers within Teams' ~28 KB message: the Ambassadors to remove (a few
 * per department) and the people to add; a list over its budget gives way to typed numbers.
 */
export const AMBASSADORS_REMOVE_PICKER_BYTES = 4 * 1024;
export const AMBASSADORS_ADD_PICKER_BYTES = 16 * 1024;

/** How many Ambassadors the cards list by name before saying how many more there are. */
export const AMBASSADORS_LISTED = 40;

/** What the lead entered, kept when the card comes back with a message beside a field. */
export type AmbassadorsValues = {
  /** The pickers' values: employee numbers joined with commas. */
  remove?: string;
  add?: string;
  removeNumbers?: string;
  addNumbers?: string;
};

/** The roster in words: heading, the count against the department's size, and the list. */
export type AmbassadorsListModel = { listHeading: string; list: string; count: string };

/** The view model of `ambassadors.json`: the Ambassadors as stored, and who to add or remove. */
export type AmbassadorsCardModel = AmbassadorsListModel & {
  departmentId: string;
  /** Names this card's press in the audit entry: Teams resending it writes one entry. */
  changeId: string;
  departmentName: string;
  /** The plan's word, e.g. `Ambassadors`. */
  heading: string;
  summary: string;
  hasNotice: boolean;
  notice: string;
  hasRemovePicker: boolean;
  removeTyped: boolean;
  removeChoices: ChoiceModel[];
  remove: string;
  removeNumbers: string;
  hasRemoveError: boolean;
  removeError: string;
  hasAddPicker: boolean;
  addChoices: ChoiceModel[];
  add: string;
  addNumbersLabel: string;
  addNumbersPlaceholder: string;
  addNumbers: string;
  hasAddError: boolean;
  addError: string;
};

const n = (value: number) => value.toLocaleString('en-US');

/** `Lee Park · MHD-0042`, or the number alone for someone no longer on the roster. */
export function ambassadorLabel(a: Ambassador): string {
  return a.person ? personLabel(a.person) : `${a.personId} (no longer on the roster)`;
}

/**
 * `4 Ambassadors of 280 people (1.4%)` and a markdown list of them (the first
 * `AMBASSADORS_LISTED`), each with the day they joined.
 */
export function ambassadorsListModel(
  roster: AmbassadorsRoster,
  plan: PlanSettings,
): AmbassadorsListModel {
  const { ambassadors, people } = roster;
  const share =
    people.length > 0 ? ` (${((100 * ambassadors.length) / people.length).toFixed(1)}%)` : '';
  const count = `${n(ambassadors.length)} ${plan.terms.ambassadors} of ${n(people.length)} ${
    people.length === 1 ? 'person' : 'people'
  }${share}`;
  const listed = ambassadors
    .slice(0, AMBASSADORS_LISTED)
    .map((a) => `- ${ambassadorLabel(a)} · since ${formatDay(a.since)}`);
  const more = ambassadors.length - listed.length;
  return {
    count,
    listHeading: `The ${plan.terms.ambassadors} now: ${count}`,
    list:
      ambassadors.length === 0
        ? 'No one yet.'
        : `${listed.join('\r')}${more > 0 ? `\r- and ${n(more)} more` : ''}`,
  };
}

/**
 * The form's view model.
 * @param input.values what was entered, kept beside `input.errors` after a refused submit.
 */
export function ambassadorsCardModel(input: {
  department: Department;
  roster: AmbassadorsRoster;
  plan: PlanSettings;
  values?: AmbassadorsValues;
  errors?: Partial<Record<AmbassadorsField, string>>;
  notice?: string;
}): AmbassadorsCardModel {
  const { department, roster, plan, values = {}, errors = {} } = input;
  const list = ambassadorsListModel(roster, plan);
  const current = new Set(roster.ambassadors.map((a) => a.personId));
  const removable = roster.ambassadors.map((a) => ({ id: a.personId, title: ambassadorLabel(a) }));
  const removeFits =
    Buffer.byteLength(JSON.stringify(removable.map((c) => ({ title: c.title, value: c.id })))) <=
    AMBASSADORS_REMOVE_PICKER_BYTES;
  const hasRemovePicker = removable.length > 0 && removeFits;
  const candidates = roster.people.filter((p) => !current.has(p.id));
  const addChoices = peopleChoices(candidates, AMBASSADORS_ADD_PICKER_BYTES);
  return {
    ...list,
    departmentId: department.id,
    changeId: randomUUID(),
    departmentName: department.name,
    heading: plan.terms.ambassadors,
    summary: `${department.name} · ${list.count}. ${
      addChoices
        ? 'Pick people to add or remove, or type their employee numbers.'
        : 'Too many people to list: type the employee numbers of who to add.'
    }`,
    hasNotice: input.notice !== undefined,
    notice: input.notice ?? '',
    hasRemovePicker,
    removeTyped: removable.length > 0 && !removeFits,
    removeChoices: hasRemovePicker ? removable : [],
    remove: hasRemovePicker ? (values.remove ?? '') : '',
    removeNumbers: values.removeNumbers ?? '',
    hasRemoveError: errors.remove !== undefined,
    removeError: errors.remove ?? '',
    hasAddPicker: addChoices !== undefined,
    addChoices: addChoices ?? [],
    add: addChoices ? (values.add ?? '') : '',
    addNumbersLabel: addChoices
      ? 'Or type employee numbers to add (separated by commas, spaces or new lines)'
      : 'Employee numbers to add (separated by commas, spaces or new lines)',
    addNumbersPlaceholder: candidates[0] ? `e.g. ${candidates[0].id}` : '',
    addNumbers: values.addNumbers ?? '',
    hasAddError: errors.add !== undefined,
    addError: errors.add ?? '',
  };
}

/** The Ambassadors form, bound and ready to send or to answer an invoke with. */
export function renderAmbassadorsCard(model: AmbassadorsCardModel): Attachment {
  return renderCard(template, model);
}

/** The card's template, for schema tests. */
export const ambassadorsTemplate: object = template;
