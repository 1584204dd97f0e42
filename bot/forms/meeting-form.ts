import type { Attachment } from 'botbuilder';
import { z } from 'zod';
import { toIsoDate } from '../../src/domain';
import { NOTE_MAX, recordId } from '../../src/server/input/limits';
import { PartnershipService } from '../../src/services/forms/partnership-service';
import { formatDay } from '../cards/card-text';
import {
  MEETING_FIELDS,
  meetingCardModel,
  renderMeetingCard,
  type MeetingField,
  type MeetingValues,
} from '../cards/meeting-card';
import { formVerb, messagesFor, type FormDefinition, type FormScope } from './form-kit';

/** The verb of the meeting card's button (`bot/cards/meeting.json`). */
export const LOG_MEETING_VERB = 'logPartnershipMeeting';

/** What the lead typed: its rules are the service's, so a message can stand beside the field. */
const typed = () => z.string().max(NOTE_MAX).optional();

/**
 * The button's data merged with the inputs; `meetingId` is the card's, made when it was
 * rendered. An Input.Number may arrive as a number or as the text typed.
 */
const meetingData = z.strictObject({
  departmentId: recordId(),
  meetingId: recordId(),
  heldOn: typed(),
  partners: typed(),
  peopleReached: z.union([z.string().max(32), z.number()]).optional(),
  notes: typed(),
});

const NOTHING_SAVED = 'Nothing was saved: correct the field marked below.';

async function formCard(
  scope: FormScope,
  options: {
    meetingId?: string;
    values?: MeetingValues;
    errors?: Partial<Record<MeetingField, string>>;
    notice?: string;
    saved?: string;
  } = {},
): Promise<Attachment> {
  const { deps, department } = scope;
  const standing = await new PartnershipService(deps.store, deps.clock, deps.plan).standing(
    department.id,
  );
  return renderMeetingCard(
    meetingCardModel({
      department,
      plan: deps.plan,
      standing,
      today: toIsoDate(deps.clock.now()),
      ...options,
    }),
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
      answer: async (scope, input) => {
        const { deps, department, person } = scope;
        const values = {
          heldOn: input.heldOn ?? '',
          partners: input.partners ?? '',
          peopleReached: input.peopleReached ?? '',
          notes: input.notes ?? '',
        };
        const service = new PartnershipService(deps.store, deps.clock, deps.plan);
        try {
          const { created, record } = await service.logMeeting(person, department.id, {
            ...values,
            meetingId: input.meetingId,
          });
          const what = `the meeting of ${formatDay(record.heldOn)} with ${record.partners}`;
          return formCard(scope, {
            saved: created
              ? `Logged ${what}.`
              : `${what.charAt(0).toUpperCase()}${what.slice(1)} is already recorded; nothing new was saved.`,
          });
        } catch (error) {
          const { errors, notice } = messagesFor(error, MEETING_FIELDS);
          return formCard(scope, {
            meetingId: input.meetingId,
            values,
            ...(errors ? { errors } : {}),
            notice: notice ?? NOTHING_SAVED,
          });
        }
      },
    }),
  ],
};
