import type { Attachment } from 'botbuilder';
import { z } from 'zod';
import { recordId } from '../../src/server/input/limits';
import { ReltService, type ReltField } from '../../src/services/forms/relt-service';
import { reltCardModel, renderReltCard, type ReltValues } from '../cards/relt-card';
import { reltResultCardModel, renderReltResultCard } from '../cards/relt-result-card';
import {
  formVerb,
  messagesFor,
  NOTHING_WAS_SAVED,
  typed,
  type FormDefinition,
  type FormMessages,
  type FormScope,
} from './form-kit';

/** The `verb` of the team card's button (`bot/cards/relt.json`). */
export const DESIGNATE_RELT_VERB = 'designateRelt';

const FIELDS: readonly ReltField[] = ['firstMember', 'secondMember'];

/**
 * The team card's data: the department, the id the card was rendered with, and each member from the picker or, in a department too
 * large to list, the typed employee number. Shape only; the service judges the people.
 */
const designateData = z.strictObject({
  departmentId: recordId(),
  changeId: recordId(),
  firstMember: typed(),
  firstMemberNumber: typed(),
  secondMember: typed(),
  secondMemberNumber: typed(),
});

const service = (scope: FormScope) =>
  new ReltService(scope.deps.store, scope.deps.clock, scope.deps.plan);

/** The team form of the scope's department, with what was entered and messages, if any. */
async function reltFormCard(
  scope: FormScope,
  options: { values?: ReltValues } & FormMessages<ReltField> = {},
): Promise<Attachment> {
  const [people, team] = await Promise.all([
    scope.deps.store.listPeople({ departmentId: scope.department.id }),
    service(scope).team(scope.department.id),
  ]);
  return renderReltCard(
    reltCardModel({
      department: scope.department,
      people,
      team,
      plan: scope.deps.plan,
      ...options,
    }),
  );
}

/**
 * The Racial Equity Leadership Team form: the team as stored (names, job titles, who is a senior
 * leader) and two pickers, prefilled with it. Designating replaces the department's two leads, and
 * so who acts as a lead.
 */
export const reltForm: FormDefinition = {
  name: 'team',
  command: 'team',
  title: 'Racial Equity Leadership Team',
  description: "Designate the two members of your department's team, at least one a senior leader.",
  action: 'relt.designate',
  open: (scope) => reltFormCard(scope),
  verbs: [
    formVerb({
      verb: DESIGNATE_RELT_VERB,
      data: designateData,
      action: 'relt.designate',
      async answer(scope, input) {
        const values = {
          firstMember: (input.firstMember || input.firstMemberNumber || '').trim(),
          secondMember: (input.secondMember || input.secondMemberNumber || '').trim(),
        };
        try {
          const outcome = await service(scope).designate({
            actor: scope.person,
            department: scope.department,
            changeId: input.changeId,
            ...values,
          });
          return renderReltResultCard(
            reltResultCardModel({
              outcome,
              department: scope.department,
              actor: scope.person,
              plan: scope.deps.plan,
            }),
          );
        } catch (error) {
          return reltFormCard(scope, {
            values,
            ...messagesFor(error, FIELDS, {}, { suffix: NOTHING_WAS_SAVED }),
          });
        }
      },
    }),
  ],
};
