import type { Attachment } from 'botbuilder';
import {
  isActive,
  type Department,
  type IsoDate,
  type Person,
  type Training,
} from '../../src/domain';
import { renderCard } from './render-card';
import template from './attendance.json';

/**
 * Departments up to this many people get a name picker (a filtered multi-select); larger ones
 * (police, fire, public works) only the field of employee numbers.
 */
export const MAX_PICKER_PEOPLE = 400;

/**
 * Teams refuses a message over about 28 KB: the picker's choices may take this much of it (about
 * 60 bytes a person), and a department whose names take more gets the field of numbers only.
 */
export const MAX_PICKER_BYTES = 22 * 1024;

/** A choice of an `Input.ChoiceSet`. */
export type ChoiceModel = { id: string; title: string };

/** The fields of the card a message can stand beside. */
export type AttendanceField = 'trainingId' | 'completedOn' | 'people';

/** What the lead entered, kept when the card comes back with a message beside a field. */
export type AttendanceValues = {
  trainingId?: string;
  completedOn?: string;
  /** The picker's value: employee numbers joined with commas. */
  people?: string;
  employeeNumbers?: string;
};

/** The view model of `attendance.json`: the form to record one in-person session. */
export type AttendanceCardModel = {
  departmentId: string;
  departmentName: string;
  /** `Milwaukee Health Department · 280 people`. */
  summary: string;
  hasNotice: boolean;
  notice: string;
  trainings: ChoiceModel[];
  trainingId: string;
  hasTrainingError: boolean;
  trainingError: string;
  /** The latest date the date picker offers: a session is never in the future. */
  today: IsoDate;
  completedOn: string;
  hasDateError: boolean;
  dateError: string;
  hasPicker: boolean;
  people: ChoiceModel[];
  pickedPeople: string;
  employeeNumbersLabel: string;
  employeeNumbersPlaceholder: string;
  employeeNumbers: string;
  hasPeopleError: boolean;
  peopleError: string;
};

const n = (value: number) => value.toLocaleString('en-US');

/**
 * The form's view model.
 * @param input.people the department's people; those still on the staff are counted, and offered
 * in the picker when there are few enough.
 * @param input.errors messages shown beside their fields; `input.values` keeps what was entered.
 */
export function attendanceCardModel(input: {
  department: Department;
  people: Person[];
  trainings: Training[];
  today: IsoDate;
  values?: AttendanceValues;
  errors?: Partial<Record<AttendanceField, string>>;
  notice?: string;
}): AttendanceCardModel {
  const { department, values = {}, errors = {} } = input;
  const people = input.people.filter(isActive);
  const choices =
    people.length > 0 && people.length <= MAX_PICKER_PEOPLE
      ? [...people]
          .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id))
          .map((p) => ({ id: p.id, title: `${p.displayName} · ${p.id}` }))
      : [];
  const hasPicker =
    choices.length > 0 &&
    Buffer.byteLength(JSON.stringify(choices.map((c) => ({ title: c.title, value: c.id })))) <=
      MAX_PICKER_BYTES;
  const count = `${n(people.length)} ${people.length === 1 ? 'person' : 'people'}`;
  return {
    departmentId: department.id,
    departmentName: department.name,
    summary: hasPicker
      ? `${department.name} · ${count}. Pick who attended, or type their employee numbers.`
      : `${department.name} · ${count}: too many to list, so type the employee numbers of who attended.`,
    hasNotice: input.notice !== undefined,
    notice: input.notice ?? '',
    trainings: input.trainings.map((t) => ({ id: t.id, title: t.title })),
    trainingId: values.trainingId ?? '',
    hasTrainingError: errors.trainingId !== undefined,
    trainingError: errors.trainingId ?? '',
    today: input.today,
    completedOn: values.completedOn ?? '',
    hasDateError: errors.completedOn !== undefined,
    dateError: errors.completedOn ?? '',
    hasPicker,
    people: hasPicker ? choices : [],
    pickedPeople: hasPicker ? (values.people ?? '') : '',
    employeeNumbersLabel: hasPicker
      ? 'Or type employee numbers (separated by commas, spaces or new lines)'
      : 'Employee numbers of who attended (separated by commas, spaces or new lines)',
    employeeNumbersPlaceholder:
      people.length > 0
        ? `e.g. ${people
            .slice(0, 2)
            .map((p) => p.id)
            .join(', ')}`
        : '',
    employeeNumbers: values.employeeNumbers ?? '',
    hasPeopleError: errors.people !== undefined,
    peopleError: errors.people ?? '',
  };
}

/** The attendance form, bound and ready to send or to answer an invoke with. */
export function renderAttendanceCard(model: AttendanceCardModel): Attachment {
  return renderCard(template, model);
}

/** The card's template, for schema tests. */
export const attendanceTemplate: object = template;
