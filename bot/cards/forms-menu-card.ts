import type { Attachment } from 'botbuilder';
import type { Department } from '../../src/domain';
import type { ChoiceModel } from './attendance-card';
import { renderCard } from './render-card';
import template from './forms-menu.json';

/** One form in the menu. */
export type FormMenuItem = { name: string; command: string; title: string; description: string };

/**
 * The view model of `forms-menu.json`: every lead form with a button that opens it. A lead or
 * Ambassador opens their department's; the Equity Officer picks the department on the card.
 */
export type FormsMenuCardModel = {
  summary: string;
  hasDepartmentChoice: boolean;
  departments: ChoiceModel[];
  departmentId: string;
  /** The department every button names, or empty when the card asks for one. */
  fixedDepartmentId: string;
  hasDepartmentError: boolean;
  departmentError: string;
  forms: FormMenuItem[];
};

/**
 * @param input.department the asker's department; absent for the officer, who picks one.
 * @param input.error shown beside the department choice.
 */
export function formsMenuCardModel(input: {
  forms: FormMenuItem[];
  department?: Department;
  departments: Department[];
  /** The department to preselect in the officer's choice. */
  departmentId?: string;
  error?: string;
}): FormsMenuCardModel {
  const { department } = input;
  return {
    summary: department
      ? `${department.name}: what your department records for the Racial Equity Action Plan.`
      : 'Pick a department, then the form to fill for it.',
    hasDepartmentChoice: department === undefined,
    departments: department
      ? []
      : [...input.departments]
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((d) => ({ id: d.id, title: `${d.name} (${d.id})` })),
    departmentId: input.departmentId ?? '',
    fixedDepartmentId: department?.id ?? '',
    hasDepartmentError: input.error !== undefined,
    departmentError: input.error ?? '',
    forms: input.forms,
  };
}

export function renderFormsMenuCard(model: FormsMenuCardModel): Attachment {
  return renderCard(template, model);
}

/** The card's template, for schema tests. */
export const formsMenuTemplate: object = template;
