import type { Attachment } from 'botbuilder';
import { z } from 'zod';
import { recordId } from '../../src/server/input/limits';
import { formatDay } from '../cards/card-text';
import {
  MEETING_FIELDS,
  meetingCardModel,
  renderMeetingCard,
  type MeetingField,
  type MeetingValues,
  type PartnershipCardShown,
} from '../cards/meeting-card';
import { formVerb, typed, type FormDefinition, type FormScope } from './form-kit';
import {
  logAndAnswer,
  loggedText,
  partnershipCard,
  partnershipService,
  peopleReachedData,
} from './partnership-kit';

/** The verb of the meeting card's button (`bot/cards/meeting.json`). */
export const LOG_MEETING_VERB = 'logPartnershipMeeting';

/**
 * The button's data merged with the inputs; `meetingId` is the card's, made when it was
 * rendered.
 */
const meetingData = z.strictObject({
  departmentId: recordId(),
  meetingId: recordId(),
  heldOn: typed(),
  partners: typed(),
  peopleReached: peopleReachedData(),
  notes: typed(),
});

function formCard(
  scope: FormScope,
  options: PartnershipCardShown<MeetingField, MeetingValues> & { meetingId?: string } = {},
): Promise<Attachment> {
  return partnershipCard(scope, (base) =>
    renderMeetingCard(meetingCardModel({ ...base, ...options })),
  );
}

/**
 * The partnership meeting form (`log meeting`): date, partners, people who took part and notes,
 * with the department's latest meetings and whether it meets partners as often as the plan asks.
 */
export const meetingForm: FormDefinition = {
  name: 'meeting',
  command: 'log meeting',
  title: 'Partnership meeting',
  description: 'Log a meeting with partners such as County OAAA or foundations.',
  action: 'partnership.log',
  open: (scope) => formCard(scope),
  verbs: [
    formVerb({
      verb: LOG_MEETING_VERB,
      data: meetingData,
      action: 'partnership.log',
      answer: (scope, input) => {
        const values = {
          heldOn: input.heldOn ?? '',
          partners: input.partners ?? '',
          peopleReached: input.peopleReached ?? '',
          notes: input.notes ?? '',
        };
        return logAndAnswer({
          fields: MEETING_FIELDS,
          log: async () => {
            const { created, record } = await partnershipService(scope).logMeeting(
              scope.person,
              scope.department.id,
              { ...values, meetingId: input.meetingId },
            );
            return loggedText(
              `the meeting of ${formatDay(record.heldOn)} with ${record.partners}`,
              created,
            );
          },
          saved: (saved) => formCard(scope, { saved }),
          refused: (messages) =>
            formCard(scope, { meetingId: input.meetingId, values, ...messages }),
        });
      },
    }),
  ],
};
