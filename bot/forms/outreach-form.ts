import type { Attachment } from 'botbuilder';
import { z } from 'zod';
import { toIsoDate } from '../../src/domain';
import { NOTE_MAX, recordId } from '../../src/server/input/limits';
import { PartnershipService } from '../../src/services/forms/partnership-service';
import { formatDay } from '../cards/card-text';
import {
  OUTREACH_FIELDS,
  outreachCardModel,
  renderOutreachCard,
  type OutreachField,
  type OutreachValues,
} from '../cards/outreach-card';
import { formVerb, messagesFor, type FormDefinition, type FormScope } from './form-kit';

/** The verb of the outreach card's button (`bot/cards/outreach.json`). */
export const LOG_OUTREACH_VERB = 'logOutreachEvent';

/** What the lead typed: its rules are the service's, so a message can stand beside the field. */
const typed = () => z.string().max(NOTE_MAX).optional();

/**
 * The button's data merged with the inputs; `eventId` is the card's, made when it was rendered.
 * An Input.Number may arrive as a number or as the text typed.
 */
const outreachData = z.strictObject({
  departmentId: recordId(),
  eventId: recordId(),
  heldOn: typed(),
  title: typed(),
  partners: typed(),
  peopleReached: z.union([z.string().max(32), z.number()]).optional(),
  notes: typed(),
});

const NOTHING_SAVED = 'Nothing was saved: correct the field marked below.';

async function formCard(
  scope: FormScope,
  options: {
    eventId?: string;
    values?: OutreachValues;
    errors?: Partial<Record<OutreachField, string>>;
    notice?: string;
    saved?: string;
  } = {},
): Promise<Attachment> {
  const { deps, department } = scope;
  const standing = await new PartnershipService(deps.store, deps.clock, deps.plan).standing(
    department.id,
  );
  return renderOutreachCard(
    outreachCardModel({
      department,
      plan: deps.plan,
      standing,
      today: toIsoDate(deps.clock.now()),
      ...options,
    }),
  );
}

/**
 * The outreach event form (`log outreach`): date, what the event was, partners, people reached
 * and notes, with the department's latest events and its partnership meeting cadence.
 */
export const outreachForm: FormDefinition = {
  name: 'outreach',
  command: 'log outreach',
  title: 'Outreach event',
  description: 'Log an event that educated the public, with the people reached.',
  action: 'partnership.log',
  open: (scope) => formCard(scope),
  verbs: [
    formVerb({
      verb: LOG_OUTREACH_VERB,
      data: outreachData,
      action: 'partnership.log',
      answer: async (scope, input) => {
        const { deps, department, person } = scope;
        const values = {
          heldOn: input.heldOn ?? '',
          title: input.title ?? '',
          partners: input.partners ?? '',
          peopleReached: input.peopleReached ?? '',
          notes: input.notes ?? '',
        };
        const service = new PartnershipService(deps.store, deps.clock, deps.plan);
        try {
          const { created, record } = await service.logOutreach(person, department.id, {
            ...values,
            eventId: input.eventId,
          });
          const what = `"${record.title}" of ${formatDay(record.heldOn)}`;
          return formCard(scope, {
            saved: created
              ? `Logged ${what}: ${record.peopleReached.toLocaleString('en-US')} people reached.`
              : `${what} is already recorded; nothing new was saved.`,
          });
        } catch (error) {
          const { errors, notice } = messagesFor(error, OUTREACH_FIELDS);
          return formCard(scope, {
            eventId: input.eventId,
            values,
            ...(errors ? { errors } : {}),
            notice: notice ?? NOTHING_SAVED,
          });
        }
      },
    }),
  ],
};
