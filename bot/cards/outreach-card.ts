import { randomUUID } from 'node:crypto';
import type { Attachment } from 'botbuilder';
import type { OutreachEvent } from '../../src/domain';
import { OUTREACH_PEOPLE_MAX } from '../../src/services/forms/partnership-service';
import { formatDay } from './card-text';
import {
  partnershipCardModel,
  type MeetingValues,
  type PartnershipCardInput,
  type PartnershipCardModel,
  type RecentRecordModel,
} from './meeting-card';
import { renderCard } from './render-card';
import template from './outreach.json';

/** The fields of the outreach card a message can stand beside (its input ids). */
export const OUTREACH_FIELDS = ['heldOn', 'title', 'partners', 'peopleReached', 'notes'] as const;
export type OutreachField = (typeof OUTREACH_FIELDS)[number];

/** What the lead entered, kept when the card comes back with a message. */
export type OutreachValues = MeetingValues & { title?: string };

/** The view model of `outreach.json`: the form to log an event, the cadence and recent events. */
export type OutreachCardModel = PartnershipCardModel & {
  /** Made when the card is rendered: the event's id, so a resend stores one. */
  eventId: string;
  summary: string;
  title: string;
  hasTitleError: boolean;
  titleError: string;
};

const count = (n: number) => n.toLocaleString('en-US');

function eventRow(e: OutreachEvent): RecentRecordModel {
  const detail = [
    `${count(e.peopleReached)} people reached`,
    ...(e.partners ? [e.partners] : []),
  ].join(' · ');
  return { when: formatDay(e.heldOn), what: e.title, hasDetail: true, detail };
}

/**
 * The outreach form's view model.
 * @param input.values what was entered (a card coming back with messages), with `eventId` kept.
 */
export function outreachCardModel(
  input: PartnershipCardInput<OutreachField, OutreachValues> & { eventId?: string },
): OutreachCardModel {
  const { department, standing, values = {}, errors = {} } = input;
  const total = standing.events.length;
  const reached = standing.events.reduce((n, e) => n + e.peopleReached, 0);
  return {
    ...partnershipCardModel(
      { ...input, peopleMax: OUTREACH_PEOPLE_MAX },
      {
        heading: `Latest outreach events of ${department.name} (${count(total)} in all, ${count(reached)} people reached)`,
        records: standing.events,
        row: eventRow,
      },
    ),
    eventId: input.eventId ?? randomUUID(),
    summary: `${department.name} · an event that educated the public, e.g. on the OAAA service hub and other City services.`,
    title: values.title ?? '',
    hasTitleError: errors.title !== undefined,
    titleError: errors.title ?? '',
  };
}

/** The outreach form, bound and ready to send or to answer an invoke with. */
export function renderOutreachCard(model: OutreachCardModel): Attachment {
  return renderCard(template, model);
}

/** The card's template, for schema tests. */
export const outreachTemplate: object = template;
