import { randomUUID } from 'node:crypto';
import type { Attachment } from 'botbuilder';
import type { Department, IsoDate, PartnershipMeeting, PlanSettings } from '../../src/domain';
import {
  MEETING_PEOPLE_MAX,
  PARTNERSHIP_NOTES_MAX,
  type PartnershipStanding,
} from '../../src/services/forms/partnership-service';
import { formatDay } from './card-text';
import { renderCard } from './render-card';
import template from './meeting.json';

/** The records a partnership card lists, latest first. */
export const LISTED_RECORDS = 5;

/**
 * The fields of the meeting card a message can stand beside (its input ids); the outreach card has
 * them too.
 */
export const MEETING_FIELDS = ['heldOn', 'partners', 'peopleReached', 'notes'] as const;
export type MeetingField = (typeof MEETING_FIELDS)[number];

/** What the lead entered, kept when the card comes back with a message. */
export type MeetingValues = {
  heldOn?: string;
  partners?: string;
  peopleReached?: string | number;
  notes?: string;
};

/** One logged meeting or event in a card's list. */
export type RecentRecordModel = { when: string; what: string; hasDetail: boolean; detail: string };

/**
 * What the meeting and outreach cards' view models share: the department, the cadence, the
 * messages, the date, partners, people and notes inputs, and the latest records.
 */
export type PartnershipCardModel = {
  departmentId: string;
  departmentName: string;
  cadence: string;
  /** `good` when the cadence is kept, else `attention`. */
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
  partners: string;
  hasPartnersError: boolean;
  partnersError: string;
  peopleMax: number;
  /** A number for the Input.Number, or null when empty. */
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

/** The view model of `meeting.json`: the form to log a meeting, the cadence and recent ones. */
export type MeetingCardModel = PartnershipCardModel & {
  /** Made when the card is rendered: the meeting's id, so a resend stores one. */
  meetingId: string;
  summary: string;
};

/** What every partnership card is built from: the department's standing in the plan, today. */
export type PartnershipCardBase = {
  department: Department;
  plan: PlanSettings;
  standing: PartnershipStanding;
  today: IsoDate;
};

/** What a partnership card shows after a save or a refusal: the values kept, the messages. */
export type PartnershipCardShown<F extends string, V> = {
  values?: V;
  errors?: Partial<Record<F, string>>;
  notice?: string;
  saved?: string;
};

/** What a partnership card is built from. */
export type PartnershipCardInput<F extends string, V> = PartnershipCardBase &
  PartnershipCardShown<F, V>;

const DAY_MS = 86_400_000;
const plusDays = (date: IsoDate, days: number): IsoDate =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const count = (n: number) => n.toLocaleString('en-US');

/** Whether the team meets partners as often as the plan asks, in a sentence, and its colour. */
export function cadenceLine(
  standing: PartnershipStanding,
  plan: PlanSettings,
): { cadence: string; cadenceColor: string } {
  const { cadence, cadenceDays } = standing;
  const since = formatDay(plan.period.start);
  const last = cadence.lastHeldOn;
  const n = `${cadence.meetings} ${cadence.meetings === 1 ? 'meeting' : 'meetings'} since ${since}`;
  if (cadence.kept && last) {
    return {
      cadence: `Meetings with partners: at least one every ${cadenceDays} days, as the plan asks (${n}). Next one due by ${formatDay(plusDays(last, cadenceDays))}.`,
      cadenceColor: 'good',
    };
  }
  if (cadence.kept) {
    return {
      cadence: `Meetings with partners: the plan asks for one at least every ${cadenceDays} days; none logged yet.`,
      cadenceColor: 'default',
    };
  }
  return {
    cadence:
      `Meetings with partners: the plan asks for one at least every ${cadenceDays} days; ` +
      `the longest stretch without one was ${cadence.longestGapDays} days (${n}` +
      `${last ? `, the last on ${formatDay(last)}` : ''}).` +
      `${last ? ` Next one due by ${formatDay(plusDays(last, cadenceDays))}.` : ''}`,
    cadenceColor: 'attention',
  };
}

/** A number an Input.Number can show, or null. */
export function numberValue(value: string | number | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const n = Number((value ?? '').trim());
  return (value ?? '').trim() !== '' && Number.isFinite(n) ? n : null;
}

function meetingRow(m: PartnershipMeeting): RecentRecordModel {
  const detail = [
    ...(m.peopleReached !== undefined ? [`${count(m.peopleReached)} people`] : []),
    ...(m.notes ? [m.notes.length > 140 ? `${m.notes.slice(0, 139).trimEnd()}…` : m.notes] : []),
  ].join(' · ');
  return { when: formatDay(m.heldOn), what: m.partners, hasDetail: detail !== '', detail };
}

/**
 * The view model both partnership cards share.
 * @param list the department's records of the card's kind, latest first, with the list's heading
 * and a record's row.
 */
export function partnershipCardModel<T>(
  input: PartnershipCardInput<MeetingField, MeetingValues> & { peopleMax: number },
  list: { heading: string; records: readonly T[]; row: (record: T) => RecentRecordModel },
): PartnershipCardModel {
  const { department, plan, standing, values = {}, errors = {} } = input;
  return {
    departmentId: department.id,
    departmentName: department.name,
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
    partners: values.partners ?? '',
    hasPartnersError: errors.partners !== undefined,
    partnersError: errors.partners ?? '',
    peopleMax: input.peopleMax,
    peopleReached: numberValue(values.peopleReached),
    hasPeopleReachedError: errors.peopleReached !== undefined,
    peopleReachedError: errors.peopleReached ?? '',
    notesMax: PARTNERSHIP_NOTES_MAX,
    notes: values.notes ?? '',
    hasNotesError: errors.notes !== undefined,
    notesError: errors.notes ?? '',
    recentHeading: list.heading,
    hasNoRecent: list.records.length === 0,
    recent: list.records.slice(0, LISTED_RECORDS).map(list.row),
  };
}

/**
 * The meeting form's view model.
 * @param input.values what was entered (a card coming back with messages), with `meetingId` kept.
 */
export function meetingCardModel(
  input: PartnershipCardInput<MeetingField, MeetingValues> & { meetingId?: string },
): MeetingCardModel {
  const { department, standing } = input;
  return {
    ...partnershipCardModel(
      { ...input, peopleMax: MEETING_PEOPLE_MAX },
      {
        heading: `Latest meetings of ${department.name} (${count(standing.meetings.length)} in all)`,
        records: standing.meetings,
        row: meetingRow,
      },
    ),
    meetingId: input.meetingId ?? randomUUID(),
    summary: `${department.name} · a meeting of your team with partners such as County OAAA or local foundations.`,
  };
}

/** The meeting form, bound and ready to send or to answer an invoke with. */
export function renderMeetingCard(model: MeetingCardModel): Attachment {
  return renderCard(template, model);
}

/** The card's template, for schema tests. */
export const meetingTemplate: object = template;
