import {
  isIsoDate,
  toIsoDate,
  ValidationError,
  type AuditEntry,
  type Department,
  type IsoDate,
  type Person,
  type PlanSettings,
  type VisionStatement,
} from '../../domain';
import { NOTE_MAX } from '../../server/input/limits';
import type { PlanStore } from '../../store/plan-store';
import type { Clock } from '../clock';

/** The form's fields a refusal stands beside. */
export type VisionField = 'text' | 'adoptedOn';

/**
 * What adopting did: stored a new version, found this card's version stored already (a resent
 * press), or found the same text and date as the current version (nothing written either way).
 */
export type VisionOutcome = {
  kind: 'adopted' | 'already-saved' | 'unchanged';
  vision: VisionStatement;
  /** Every version of the department, newest first (the saved one included). */
  versions: VisionStatement[];
};

export type VisionAdoption = {
  /** The verified person recording it (a lead or Ambassador of the department, or the officer). */
  actor: Person;
  department: Department;
  /** The id the card was rendered with: a retried press names the same one. */
  visionId: string;
  text: string;
  adoptedOn: string;
};

const DAY = new Intl.DateTimeFormat('en-US', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
});
const day = (date: IsoDate) => DAY.format(new Date(`${date}T00:00:00Z`));

/**
 * A department's racial equity vision statement. Each adoption is a new version; earlier ones
 * are kept as its history, each with who recorded it and when.
 * The caller has authorised the actor (`vision.adopt` on the department).
 */
export class VisionService {
  constructor(
    private readonly store: PlanStore,
    private readonly clock: Clock,
    private readonly plan: PlanSettings,
  ) {}

  /** Every version of the department's vision, newest first: the first is the current one. */
  async versions(departmentId: string): Promise<VisionStatement[]> {
    return newestFirst(await this.store.listVisions({ departmentId }));
  }

  /**
   * Records a new version of the department's vision, adopted on `adoptedOn`, as recorded by the
   * actor now; the version before it stays in the history. The vision's id is the card's, so a
   * resent press finds it stored and stores nothing; the same text and date as the current
   * version store nothing either. The audit entry (`vision.adopt:<id>`) is written with it.
   * @throws ValidationError naming `text` (empty, longer than its column holds) or `adoptedOn`
   * (empty, not a date, in the future, before the plan period), or `visionId` when the card's
   * vision belongs to another department. Nothing is stored.
   */
  async adopt(input: VisionAdoption): Promise<VisionOutcome> {
    const { department } = input;
    const now = this.clock.now();
    const today = toIsoDate(now);
    const text = input.text.trim();
    if (text === '') {
      throw new ValidationError('text', 'required', "Type the department's vision statement.");
    }
    if (text.length > NOTE_MAX) {
      throw new ValidationError(
        'text',
        'max',
        `The statement has ${n(text.length)} characters; shorten it to at most ${n(NOTE_MAX)}.`,
      );
    }
    const adoptedOn = this.adoptionDate(input.adoptedOn.trim(), today);

    const all = await this.store.listVisions();
    const same = all.find((v) => v.id === input.visionId);
    if (same && same.departmentId !== department.id) {
      throw new ValidationError(
        'visionId',
        'department',
        `This card's vision belongs to another department. Type **vision** for a new card.`,
      );
    }
    const versions = newestFirst(all.filter((v) => v.departmentId === department.id));
    if (same) return { kind: 'already-saved', vision: same, versions };
    const current = versions[0];
    if (current && current.text === text && current.adoptedOn === adoptedOn) {
      return { kind: 'unchanged', vision: current, versions };
    }

    const vision: Omit<VisionStatement, 'version'> = {
      id: input.visionId,
      departmentId: department.id,
      text,
      adoptedOn,
      recordedBy: input.actor.id,
      recordedAt: now.toISOString(),
    };
    const audit: AuditEntry = {
      id: `vision.adopt:${vision.id}`,
      at: vision.recordedAt,
      actorId: input.actor.id,
      action: 'vision.adopt',
      recordType: 'vision',
      recordId: vision.id,
      ...(current ? { before: current } : {}),
      after: vision,
    };
    const stored = await this.store.addVision(vision, audit);
    return {
      // Stored meanwhile by a resend that overtook this one.
      kind: stored.recordedAt === vision.recordedAt ? 'adopted' : 'already-saved',
      vision: stored,
      versions: await this.versions(department.id),
    };
  }

  /** The adoption date: a real date, not in the future, not before the plan period began. */
  private adoptionDate(value: string, today: IsoDate): IsoDate {
    if (value === '') {
      throw new ValidationError(
        'adoptedOn',
        'required',
        'Pick the date the department adopted the statement.',
      );
    }
    if (!isIsoDate(value)) {
      const printable = value.replace(/[^\x20-\x7e]/g, '?').slice(0, 20);
      throw new ValidationError(
        'adoptedOn',
        'format',
        `"${printable}" is not a date; pick one (YYYY-MM-DD).`,
      );
    }
    if (value > today) {
      throw new ValidationError(
        'adoptedOn',
        'not-in-future',
        `${day(value)} is in the future; pick the day it was adopted, today (${day(today)}) or earlier.`,
      );
    }
    const start = this.plan.period.start;
    if (value < start) {
      throw new ValidationError(
        'adoptedOn',
        'in-plan-period',
        `${day(value)} is before the plan began (${day(start)}); pick ${day(start)} or later.`,
      );
    }
    return value;
  }
}

function newestFirst(versions: VisionStatement[]): VisionStatement[] {
  return [...versions].sort((a, b) => b.version - a.version);
}

const n = (value: number) => value.toLocaleString('en-US');
