import type { Attachment } from 'botbuilder';
import { z } from 'zod';
import { toIsoDate, type ImpactStatement } from '../../src/domain';
import { recordId } from '../../src/server/input/limits';
import { ImpactStatementService } from '../../src/services/forms/impact-statement-service';
import {
  IMPACT_STATEMENT_FIELDS,
  IMPACT_STATEMENT_STATUS_LABELS,
  impactStatementCardModel,
  renderImpactStatementCard,
  type ImpactStatementField,
  type ImpactStatementValues,
} from '../cards/impact-statement-card';
import {
  formVerb,
  messagesFor,
  nothingSavedNotice,
  typed,
  type FormDefinition,
  type FormScope,
} from './form-kit';

/** The verb of the form's save button (`bot/cards/impact-statement.json`). */
export const RECORD_IMPACT_STATEMENT_VERB = 'recordImpactStatement';
/** The verb of a listed statement's Edit button. */
export const EDIT_IMPACT_STATEMENT_VERB = 'editImpactStatement';

/**
 * The save button's data merged with the form's inputs. The ids are the card's: the statement's
 * (new, or the one edited) and the rendering's. Who records is never read from here.
 */
const recordData = z.strictObject({
  departmentId: recordId(),
  statementId: recordId(),
  cardId: recordId(),
  councilFileNumber: typed(),
  title: typed(),
  guidedBy: typed(),
  status: typed(),
  guidedOn: typed(),
});

/** An Edit button's data: which of the department's statements to open. */
const editData = z.strictObject({ departmentId: recordId(), statementId: recordId() });

/** The form of the scope's department, with its statements listed. */
async function formCard(
  scope: FormScope,
  options: {
    editing?: ImpactStatement;
    ids?: { statementId: string; cardId: string };
    values?: ImpactStatementValues;
    errors?: Partial<Record<ImpactStatementField, string>>;
    notice?: string;
    saved?: string;
  } = {},
): Promise<Attachment> {
  const { deps, department } = scope;
  const service = new ImpactStatementService(deps.store, deps.clock, deps.plan);
  const [statements, members] = await Promise.all([
    service.list(department.id),
    deps.store.listMembers({ departmentId: department.id }),
  ]);
  const leads = await Promise.all(
    members.filter((m) => m.role === 'lead').map((m) => deps.store.getPerson(m.personId)),
  );
  return renderImpactStatementCard(
    impactStatementCardModel({
      department,
      plan: deps.plan,
      statements,
      today: toIsoDate(deps.clock.now()),
      leadNames: leads.flatMap((p) => (p ? [p.displayName] : [])),
      ...options,
    }),
  );
}

/** `Recorded file 200123, "Title" (Filed).`, or what an update or a resend did. */
function savedText(
  kind: 'created' | 'updated' | 'unchanged',
  statement: ImpactStatement,
  term: string,
): string {
  const file = `file ${statement.councilFileNumber}`;
  const status = IMPACT_STATEMENT_STATUS_LABELS[statement.status].toLowerCase();
  switch (kind) {
    case 'created':
      return `Recorded the ${term} of ${file}, "${statement.title}" (${status}).`;
    case 'updated':
      return `Updated the ${term} of ${file} (${status}); the earlier version is kept in its history.`;
    case 'unchanged':
      return `The ${term} of ${file} is recorded as shown already; nothing changed.`;
  }
}

/**
 * The impact statement form (`mis`): the plan's term (e.g. Minority Impact Statement) on the card,
 * the Council file number, title, who guided it, status and date; below it the department's
 * statements, each with an Edit button. A file number the department has recorded updates that
 * statement.
 */
export const impactStatementForm: FormDefinition = {
  name: 'mis',
  command: 'mis',
  title: 'Impact statement',
  description:
    'Record an impact statement your team guided, by its Common Council file number, or update one.',
  action: 'impact-statement.record',
  open: (scope) => formCard(scope),
  verbs: [
    formVerb({
      verb: RECORD_IMPACT_STATEMENT_VERB,
      data: recordData,
      action: 'impact-statement.record',
      answer: async (scope, input) => {
        const { deps, department, person } = scope;
        const values = {
          councilFileNumber: input.councilFileNumber ?? '',
          title: input.title ?? '',
          guidedBy: input.guidedBy ?? '',
          status: input.status ?? '',
          guidedOn: input.guidedOn ?? '',
        };
        const service = new ImpactStatementService(deps.store, deps.clock, deps.plan);
        try {
          const outcome = await service.record(person, department.id, {
            ...values,
            statementId: input.statementId,
            cardId: input.cardId,
          });
          return formCard(scope, {
            saved: savedText(outcome.kind, outcome.statement, deps.plan.terms.impactStatement),
          });
        } catch (error) {
          const { errors, notice } = messagesFor(error, IMPACT_STATEMENT_FIELDS);
          const editing = await service.find(department.id, input.statementId);
          return formCard(scope, {
            ...(editing ? { editing } : {}),
            ids: { statementId: input.statementId, cardId: input.cardId },
            values,
            ...(errors ? { errors } : {}),
            notice: nothingSavedNotice(notice),
          });
        }
      },
    }),
    formVerb({
      verb: EDIT_IMPACT_STATEMENT_VERB,
      data: editData,
      action: 'impact-statement.record',
      answer: async (scope, input) => {
        const { deps, department } = scope;
        const service = new ImpactStatementService(deps.store, deps.clock, deps.plan);
        const editing = await service.find(department.id, input.statementId);
        if (!editing) {
          return formCard(scope, {
            notice: `That statement is not one of ${department.name}'s any more. Here is the form for a new one.`,
          });
        }
        return formCard(scope, { editing });
      },
    }),
  ],
};
