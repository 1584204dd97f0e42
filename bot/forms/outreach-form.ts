import type { Attachment } from 'botbuilder';
import { z } from 'zod';
import { recordId } from '../../src/server/input/limits';
import { formatDay } from '../cards/card-text';
import {
  OUTREACH_FIELDS,
  outreachCardModel,
  renderOutreachCard,
  type OutreachField,
  type OutreachValues,
} from '../cards/outreach-card';
import type { PartnershipCardShown } from '../cards/meeting-card';
import { formVerb, typed, type FormDefinition, type FormScope } from './form-kit';
import {
  logAndAnswer,
  loggedText,
  partnershipCard,
  partnershipService,
  peopleReachedData,
} from './partnership-kit';

/** The verb of the outreach card's button (`bot/cards/outreach.json`). */
export const LOG_OUTREACH_VERB = 'logOutreachEvent';

/** The button's data merged with the inputs; `eventId` is the card's, made when it was rendered. */
const outreachData = z.strictObject({
  departmentId: recordId(),
  eventId: recordId(),
  heldOn: typed(),
  title: typed(),
  partners: typed(),
  peopleReached: peopleReachedData(),
  notes: typed(),
});

function formCard(
  scope: FormScope,
  options: PartnershipCardShown<OutreachField, OutreachValues> & { eventId?: string } = {},
): Promise<Attachment> {
  return partnershipCard(scope, (base) =>
    renderOutreachCard(outreachCardModel({ ...base, ...options })),
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
      answer: (scope, input) => {
        const values = {
          heldOn: input.heldOn ?? '',
          title: input.title ?? '',
          partners: input.partners ?? '',
          peopleReached: input.peopleReached ?? '',
          notes: input.notes ?? '',
        };
        return logAndAnswer({
          fields: OUTREACH_FIELDS,
          log: async () => {
            const { created, record } = await partnershipService(scope).logOutreach(
              scope.person,
              scope.department.id,
              { ...values, eventId: input.eventId },
            );
            const what = `"${record.title}" of ${formatDay(record.heldOn)}`;
            return loggedText(what, created, record.peopleReached);
          },
          saved: (saved) => formCard(scope, { saved }),
          refused: (messages) => formCard(scope, { eventId: input.eventId, values, ...messages }),
        });
      },
    }),
  ],
};
