import type { Attachment } from 'botbuilder';
import { z } from 'zod';
import { recordId } from '../../src/server/input/limits';
import {
  AmbassadorsService,
  type AmbassadorsField,
} from '../../src/services/forms/ambassadors-service';
import {
  ambassadorsCardModel,
  renderAmbassadorsCard,
  type AmbassadorsValues,
} from '../cards/ambassadors-card';
import {
  ambassadorsResultCardModel,
  renderAmbassadorsResultCard,
} from '../cards/ambassadors-result-card';
import { employeeNumbersIn } from '../cards/people-choices';
import {
  formVerb,
  messagesFor,
  NOTHING_WAS_SAVED,
  typed,
  type FormDefinition,
  type FormMessages,
  type FormScope,
} from './form-kit';

/** The `verb` of the Ambassadors card's button (`bot/cards/ambassadors.json`). */
export const MANAGE_AMBASSADORS_VERB = 'manageAmbassadors';

const FIELDS: readonly AmbassadorsField[] = ['add', 'remove'];

/**
 * The Ambassadors card's data: the department, the id the card was rendered with, the pickers' employee numbers (joined with commas)
 * and the typed ones. Shape only; the service judges the people.
 */
const manageData = z.strictObject({
  departmentId: recordId(),
  changeId: recordId(),
  remove: typed(),
  removeNumbers: typed(),
  add: typed(),
  addNumbers: typed(),
});

const service = (scope: FormScope) => new AmbassadorsService(scope.deps.store, scope.deps.clock);

/** The Ambassadors form of the scope's department, with what was entered and messages, if any. */
async function ambassadorsFormCard(
  scope: FormScope,
  options: { values?: AmbassadorsValues } & FormMessages<AmbassadorsField> = {},
): Promise<Attachment> {
  return renderAmbassadorsCard(
    ambassadorsCardModel({
      department: scope.department,
      roster: await service(scope).roster(scope.department.id),
      plan: scope.deps.plan,
      ...options,
    }),
  );
}

/**
 * The Ambassadors form: the department's Ambassadors, counted against its size, with a picker of
 * those to remove and one (or, in a large department, typed numbers) of people to add.
 */
export const ambassadorsForm: FormDefinition = {
  name: 'ambassadors',
  command: 'ambassadors',
  title: 'Ambassadors',
  description: 'Add people of your department to its Ambassadors, or remove them.',
  action: 'ambassadors.manage',
  open: (scope) => ambassadorsFormCard(scope),
  verbs: [
    formVerb({
      verb: MANAGE_AMBASSADORS_VERB,
      data: manageData,
      action: 'ambassadors.manage',
      async answer(scope, input) {
        const values = {
          remove: input.remove ?? '',
          removeNumbers: input.removeNumbers ?? '',
          add: input.add ?? '',
          addNumbers: input.addNumbers ?? '',
        };
        try {
          const outcome = await service(scope).change({
            actor: scope.person,
            department: scope.department,
            add: employeeNumbersIn(values.add, values.addNumbers),
            remove: employeeNumbersIn(values.remove, values.removeNumbers),
            changeId: input.changeId,
          });
          return renderAmbassadorsResultCard(
            ambassadorsResultCardModel({
              outcome,
              department: scope.department,
              plan: scope.deps.plan,
            }),
          );
        } catch (error) {
          return ambassadorsFormCard(scope, {
            values,
            ...messagesFor(error, FIELDS, {}, { suffix: NOTHING_WAS_SAVED }),
          });
        }
      },
    }),
  ],
};
