import { randomUUID } from 'node:crypto';
import type { Attachment } from 'botbuilder';
import type { Department, IsoDate, OutreachEvent, PlanSettings } from '../../src/domain';
import {
  OUTREACH_PEOPLE_MAX,
  PARTNERSHIP_NOTES_MAX,
  type PartnershipStanding,
} from '../../src/services/forms/partnership-service';
import { formatDay } from './card-text';
import { cadenceLine, LISTED_RECORDS, numberValue, type RecentRecordModel } from './meeting-card';
import { renderCard } from './render-card';
import template from './outreach.json';

/** The fields of the outreach card a message can stand beside (its input ids). */
export const OUTREACH_FIELDS = ['heldOn', 'title', 'partners', 'peopleReached', 'notes'] as const;
export type OutreachField = (typeof OUTREACH_FIELDS)[number];

/** What the lead entered, kept when the card comes back with a message. */
export type OutreachValues = {
  heldOn?: string;
  title?: string;
  partners?: string;
  peopleReached?: string | number;
  notes?: string;
};

/** The view model of `outreach.json`: the form to log an event, the cadence and recent events. */
export type OutreachCardModel = {
  departmentId: string;
  departmentName: string;
  /** Made when the card is rendered: the event's id, so a resend stores one. */
  eventId: string;
  summary: string;
  cadence: string;
  cadenceColor: string;
  hasSaved: boolean;
  saved: string;
  hasNotice: boolean;
  notice: string;
  firstDay: IsoDate;
  today: IsoDate;
  heldOn: string;
  hasHeldOnError: boolean;
  heldOnError: string;
  title: string;
  hasTitleError: boolean;
  titleError: string;
  partners: string;
  hasPartnersError: boolean;
  partnersError: string;
  peopleMax: number;
  peopleReached: number | null;
  hasPeopleReachedError: boolean;
  peopleReachedError: string;
  notesMax: number;
  notes: string;
  hasNotesError: boolean;
  notesError: string;
  recentHeading: string;
  hasNoRecent: boolean;
  recent: RecentRecordModel[];
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
export function outreachCardModel(input: {
  department: Department;
  plan: PlanSettings;
  standing: PartnershipStanding;
  today: IsoDate;
  eventId?: string;
  values?: OutreachValues;
  errors?: Partial<Record<OutreachField, string>>;
  notice?: string;
  saved?: string;
}): OutreachCardModel {
  const { department, plan, standing, values = {}, errors = {} } = input;
  const total = standing.events.length;
  const reached = standing.events.reduce((n, e) => n + e.peopleReached, 0);
  return {
    departmentId: department.id,
    departmentName: department.name,
    eventId: input.eventId ?? randomUUID(),
    summary: `${department.name} · an event that educated the public, e.g. on the OAAA service hub and other City services.`,
    ...cadenceLine(standing, plan),
    hasSaved: input.saved !== undefined,
    saved: input.saved ?? '',
    hasNotice: input.notice !== undefined,
    notice: input.notice ?? '',
    firstDay: plan.period.start,
    today: input.today,
    heldOn: values.heldOn ?? '',
    hasHeldOnError: errors.heldOn !== undefined,
    heldOnError: errors.heldOn ?? '',
    title: values.title ?? '',
    hasTitleError: errors.title !== undefined,
    titleError: errors.title ?? '',
    partners: values.partners ?? '',
    hasPartnersError: errors.partners !== undefined,
    partnersError: errors.partners ?? '',
    peopleMax: OUTREACH_PEOPLE_MAX,
    peopleReached: numberValue(values.peopleReached),
    hasPeopleReachedError: errors.peopleReached !== undefined,
    peopleReachedError: errors.peopleReached ?? '',
    notesMax: PARTNERSHIP_NOTES_MAX,
    notes: values.notes ?? '',
    hasNotesError: errors.notes !== undefined,
    notesError: errors.notes ?? '',
    recentHeading: `Latest outreach events of ${department.name} (${count(total)} in all, ${count(reached)} people reached)`,
    hasNoRecent: total === 0,
    recent: standing.events.slice(0, LISTED_RECORDS).map(eventRow),
  };
}

/** The outreach form, bound and ready to send or to answer an invoke with. */
export function renderOutreachCard(model: OutreachCardModel): Attachment {
  return renderCard(template, model);
}

/** The card's template, for schema tests. */
export const outreachTemplate: object = template;
