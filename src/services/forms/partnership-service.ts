import { z } from 'zod';
import {
  isIsoDate,
  partnershipCadence,
  toIsoDate,
  ValidationError,
  type AuditEntry,
  type CadenceEvaluation,
  type IsoDate,
  type OutreachEvent,
  type PartnershipMeeting,
  type Person,
  type PlanSettings,
} from '../../domain';
import { TEXT_MAX } from '../../server/input/limits';
import { parseInput } from '../../server/input/parse-input';
import type { PlanStore } from '../../store/plan-store';
import type { Clock } from '../clock';

/** Most people a partnership meeting may say it reached. */
export const MEETING_PEOPLE_MAX = 100_000;
/** Most people an outreach event may say it reached. */
export const OUTREACH_PEOPLE_MAX = 1_000_000;
/**
 * Longest notes of a meeting or an event. The SharePoint column is a note (63,999), but the card
 * comes back with what was typed when a field is wrong, and Teams refuses a card over about
 * 28 KB: a few paragraphs fit, a document does not.
 */
export const PARTNERSHIP_NOTES_MAX = 4_000;

/** A meeting as the card sends it: every field a string (or the number an Input.Number sends). */
export type MeetingInput = {
  /** Made when the card was rendered, so a resent submit stores one meeting. */
  meetingId: string;
  heldOn: string;
  partners: string;
  peopleReached: string | number;
  notes: string;
};

/** An outreach event as the card sends it. */
export type OutreachInput = {
  /** Made when the card was rendered, so a resent submit stores one event. */
  eventId: string;
  heldOn: string;
  title: string;
  partners: string;
  peopleReached: string | number;
  notes: string;
};

/** What logging did: stored the record, or found it stored by an earlier send of the same card. */
export type LogOutcome<R> = { created: boolean; record: R };

/** A department's partnership work as the cards show it. */
export type PartnershipStanding = {
  meetings: PartnershipMeeting[];
  events: OutreachEvent[];
  cadence: CadenceEvaluation;
  /** Days between meetings the plan asks for at most (a quarter). */
  cadenceDays: number;
};

const DAY = new Intl.DateTimeFormat('en-US', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
});
const day = (date: IsoDate) => DAY.format(new Date(`${date}T00:00:00Z`));
const count = (n: number) => n.toLocaleString('en-US');

/** The date it was held: a real date, not in the future, not before the plan began. */
function heldOn(today: IsoDate, start: IsoDate, what: string) {
  return z
    .string()
    .trim()
    .min(1, { message: `Pick the date of the ${what}.` })
    .refine(isIsoDate, { message: 'Pick the date in the date picker (YYYY-MM-DD).' })
    .refine((d) => !isIsoDate(d) || d <= today, {
      message: `That date is in the future; pick today (${day(today)}) or earlier.`,
    })
    .refine((d) => !isIsoDate(d) || d >= start, {
      message: `That date is before the plan began (${day(start)}); pick ${day(start)} or later.`,
    });
}

/** One line of text for a SharePoint text column; empty allowed unless `required` says what to type. */
function line(label: string, required?: string) {
  const base = z
    .string()
    .trim()
    .max(TEXT_MAX, { message: `Shorten ${label} to ${TEXT_MAX} characters or fewer.` })
    .regex(/^[^\r\n]*$/, { message: `Write ${label} on one line.` });
  return required ? base.min(1, { message: required }) : base;
}

/** A whole number of people, 0 to `max`; empty is undefined unless `required` says what to type. */
function people(max: number, required?: string) {
  const message = `Type the number of people as a whole number from 0 to ${count(max)}.`;
  return z
    .union([z.string(), z.number()])
    .transform((v) => (typeof v === 'number' ? String(v) : v.trim().replace(/,/g, '')))
    .refine((v) => v !== '' || !required, { message: required ?? message })
    .refine((v) => v === '' || /^\d+$/.test(v), { message })
    .transform((v) => (v === '' ? undefined : Number(v)))
    .refine((n) => n === undefined || n <= max, { message });
}

function notes() {
  return z
    .string()
    .trim()
    .max(PARTNERSHIP_NOTES_MAX, {
      message: `Shorten the notes to ${count(PARTNERSHIP_NOTES_MAX)} characters or fewer.`,
    });
}

/**
 * A department's partnership meetings (its team with partners such as County OAAA and local
 * foundations) and its public outreach events. Each is logged once, with who logged it and when;
 * the plan asks for a meeting at least every quarter, which `standing` evaluates.
 * The caller has authorised the actor (`partnership.log` on the department).
 */
export class PartnershipService {
  constructor(
    private readonly store: PlanStore,
    private readonly clock: Clock,
    private readonly plan: PlanSettings,
  ) {}

  /** The department's meetings and events (latest first) and whether the cadence is kept. */
  async standing(departmentId: string): Promise<PartnershipStanding> {
    const [meetings, events] = await Promise.all([
      this.store.listPartnershipMeetings({ departmentId }),
      this.store.listOutreachEvents({ departmentId }),
    ]);
    const latestFirst = <R extends { heldOn: string; id: string }>(a: R, b: R) =>
      b.heldOn.localeCompare(a.heldOn) || b.id.localeCompare(a.id);
    return {
      meetings: meetings.sort(latestFirst),
      events: events.sort(latestFirst),
      cadence: partnershipCadence(meetings, this.plan, toIsoDate(this.clock.now())),
      cadenceDays: this.plan.thresholds.partnershipCadenceDays,
    };
  }

  /**
   * Logs a meeting with partners.
   * @throws ValidationError naming the card's field (nothing stored), or `meetingId` when the
   * card's id is another department's record.
   */
  async logMeeting(
    actor: Person,
    departmentId: string,
    input: MeetingInput,
  ): Promise<LogOutcome<PartnershipMeeting>> {
    const now = this.clock.now();
    const schema = z.object({
      heldOn: heldOn(toIsoDate(now), this.plan.period.start, 'meeting'),
      partners: line(
        'the partners',
        'Type who you met: the partner organisations, separated by commas.',
      ),
      peopleReached: people(MEETING_PEOPLE_MAX),
      notes: notes(),
    });
    const fields = parseInput(schema, input, 'data');
    const meeting: PartnershipMeeting = {
      id: input.meetingId,
      departmentId,
      heldOn: fields.heldOn,
      partners: fields.partners,
      ...(fields.peopleReached === undefined ? {} : { peopleReached: fields.peopleReached }),
      notes: fields.notes,
      recordedBy: actor.id,
      recordedAt: now.toISOString(),
    };
    const created = await this.store.addPartnershipMeeting(
      meeting,
      logAudit(actor, 'partnership-meeting', meeting, now),
    );
    if (created) return { created, record: meeting };
    const stored = (await this.store.listPartnershipMeetings({ departmentId })).find(
      (m) => m.id === meeting.id,
    );
    if (!stored) throw otherRecord('meetingId', 'log meeting');
    return { created, record: stored };
  }

  /**
   * Logs a public outreach event.
   * @throws ValidationError naming the card's field (nothing stored), or `eventId` when the card's
   * id is another department's record.
   */
  async logOutreach(
    actor: Person,
    departmentId: string,
    input: OutreachInput,
  ): Promise<LogOutcome<OutreachEvent>> {
    const now = this.clock.now();
    const schema = z.object({
      heldOn: heldOn(toIsoDate(now), this.plan.period.start, 'event'),
      title: line('the title', 'Type what the event was, e.g. "OAAA service hub open house".'),
      partners: line('the partners'),
      peopleReached: people(OUTREACH_PEOPLE_MAX, 'Type how many people the event reached.'),
      notes: notes(),
    });
    const fields = parseInput(schema, input, 'data');
    const event: OutreachEvent = {
      id: input.eventId,
      departmentId,
      heldOn: fields.heldOn,
      title: fields.title,
      ...(fields.partners === '' ? {} : { partners: fields.partners }),
      peopleReached: fields.peopleReached ?? 0,
      ...(fields.notes === '' ? {} : { notes: fields.notes }),
      recordedBy: actor.id,
      recordedAt: now.toISOString(),
    };
    const created = await this.store.addOutreachEvent(
      event,
      logAudit(actor, 'outreach-event', event, now),
    );
    if (created) return { created, record: event };
    const stored = (await this.store.listOutreachEvents({ departmentId })).find(
      (e) => e.id === event.id,
    );
    if (!stored) throw otherRecord('eventId', 'log outreach');
    return { created, record: stored };
  }
}

/** The entry written with a new meeting or event; a resend names the same id, written once. */
function logAudit(
  actor: Person,
  recordType: 'partnership-meeting' | 'outreach-event',
  record: PartnershipMeeting | OutreachEvent,
  now: Date,
): AuditEntry {
  const action =
    recordType === 'partnership-meeting' ? 'partnership-meeting.log' : 'outreach-event.log';
  return {
    id: `${action}:${record.id}`,
    at: now.toISOString(),
    actorId: actor.id,
    action,
    recordType,
    recordId: record.id,
    after: record,
  };
}

/** A card whose record id is taken by another department's record (an old or altered card). */
function otherRecord(field: string, command: string): ValidationError {
  return new ValidationError(
    field,
    'department',
    `This card's record belongs to another department, so nothing was saved. Type **${command}** for a new card.`,
  );
}
