import type { Attachment } from 'botbuilder';
import type { Department } from '../../src/domain';
import type { ChoiceModel } from './attendance-card';
import { renderCard } from './render-card';
import template from './attendance-department.json';

/**
 * The view model of `attendance-department.json`: the Equity Officer, who records for any
 * department, picks the department first; its form follows in place.
 */
export type AttendanceDepartmentCardModel = {
  departments: ChoiceModel[];
  departmentId: string;
  hasDepartmentError: boolean;
  departmentError: string;
};

/** @param error shown beside the department choice (e.g. a department that does not exist). */
export function attendanceDepartmentCardModel(
  departments: Department[],
  error?: string,
): AttendanceDepartmentCardModel {
  return {
    departments: [...departments]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((d) => ({ id: d.id, title: `${d.name} (${d.id})` })),
    departmentId: '',
    hasDepartmentError: error !== undefined,
    departmentError: error ?? '',
  };
}

export function renderAttendanceDepartmentCard(model: AttendanceDepartmentCardModel): Attachment {
  return renderCard(template, model);
}

/** The card's template, for schema tests. */
export const attendanceDepartmentTemplate: object = template;
