import { createHash } from 'node:crypto';
import {
  toIsoDate,
  ValidationError,
  type AuditEntry,
  type Department,
  type IsoDate,
  type Person,
} from '../../domain';
import type { PlanStore } from '../../store/plan-store';
import type { Clock } from '../clock';

/** The form's fields a refusal stands beside: the people to add, the people to remove. */
export type AmbassadorsField = 'add' | 'remove';

/** One Ambassador as stored: the roster person (absent when they left the roster), since when. */
export type Ambassador = { personId: string; person?: Person; since: IsoDate };

/** A department's Ambassadors as stored, and its staff (the count is shown against its size). */
export type AmbassadorsRoster = { ambassadors: Ambassador[]; people: Person[] };

/** What a change did; `unchanged` when the roster already was what was asked (nothing written). */
export type AmbassadorsOutcome = {
  kind: 'changed' | 'unchanged';
  roster: AmbassadorsRoster;
  added: Person[];
  removed: Ambassador[];
  /** Numbers asked to be removed who are not Ambassadors (removed already, or mistyped). */
  notAmbassadors: string[];
};

export type AmbassadorsChange = {
  /** The verified person changing the roster (a lead or Ambassador, or the officer). */
  actor: Person;
  department: Department;
  /** Employee numbers to add, as picked or typed; matched without regard to case. */
  add: string[];
  /** Employee numbers to remove. */
  remove: string[];
  /** The id the card was rendered with: a resent press names the same one. */
  changeId: string;
};

/** Longest employee number looked up; anything longer is not one. */
const EMPLOYEE_NUMBER_MAX = 100;

/** How many people a refusal names before it says "and N more". */
const NAMED_MAX = 10;

/**
 * A department's team of Ambassadors, who help its leads. Adding and removing write the whole new
 * roster in one store call, with its audit entry (before and after, named).
 * The caller has authorised the actor (`ambassadors.manage` on the department).
 */
export class AmbassadorsService {
  constructor(
    private readonly store: PlanStore,
    private readonly clock: Clock,
  ) {}

  /** The Ambassadors by name, and the department's people. */
  async roster(departmentId: string): Promise<AmbassadorsRoster> {
    const [members, people] = await Promise.all([
      this.store.listMembers({ departmentId }),
      this.store.listPeople({ departmentId }),
    ]);
    const byId = new Map(people.map((p) => [p.id, p]));
    const ambassadors: Ambassador[] = [];
    for (const m of members) {
      if (m.role !== 'ambassador') continue;
      // Someone who moved to another department is still named, from the roster.
      const person = byId.get(m.personId) ?? (await this.store.getPerson(m.personId));
      ambassadors.push({ personId: m.personId, ...(person ? { person } : {}), since: m.since });
    }
    ambassadors.sort((a, b) =>
      (a.person?.displayName ?? a.personId).localeCompare(b.person?.displayName ?? b.personId),
    );
    return { ambassadors, people };
  }

  /**
   * Adds people of the department to its Ambassadors and removes others. Adding someone who is
   * one already, or removing someone who is not, changes nothing for them, so a resent press
   * finds the roster as asked and writes nothing. The audit entry's id is made of the department,
   * the card's `changeId` and the rosters before and after, so a retry never adds a second one.
   * @throws ValidationError naming `add` (no one added or removed; unknown numbers; people of
   * another department) or `remove` (someone both added and removed). Nothing is stored.
   */
  async change(input: AmbassadorsChange): Promise<AmbassadorsOutcome> {
    const { department } = input;
    const add = distinct(input.add);
    const remove = distinct(input.remove);
    if (add.length === 0 && remove.length === 0) {
      throw new ValidationError(
        'add',
        'required',
        'Pick or type at least one person to add, or pick someone to remove.',
      );
    }
    const roster = await this.roster(department.id);
    const staff = new Map<string, Person>();
    for (const p of roster.people) staff.set(p.id.toLowerCase(), p);
    for (const p of roster.people) staff.set(p.id, p);

    const added: Person[] = [];
    const unknown: string[] = [];
    const outsiders: Person[] = [];
    for (const number of add) {
      const person = staff.get(number) ?? staff.get(number.toLowerCase());
      if (person) {
        if (!added.some((p) => p.id === person.id)) added.push(person);
        continue;
      }
      const elsewhere =
        number.length <= EMPLOYEE_NUMBER_MAX
          ? ((await this.store.getPerson(number)) ??
            (await this.store.getPerson(number.toUpperCase())))
          : undefined;
      if (elsewhere) outsiders.push(elsewhere);
      else unknown.push(number);
    }
    if (outsiders.length > 0 || unknown.length > 0) {
      const departments = new Map(
        (await this.store.listDepartments()).map((d) => [d.id, d.name] as const),
      );
      const problems = [
        ...(outsiders.length > 0
          ? [
              `Not in ${department.name}: ${listed(
                outsiders.map(
                  (p) =>
                    `${p.displayName} (${p.id}, ${departments.get(p.departmentId) ?? p.departmentId})`,
                ),
              )}.`,
            ]
          : []),
        ...(unknown.length > 0
          ? [`Not employee numbers on the roster: ${listed(unknown.map(shown))}.`]
          : []),
      ];
      throw new ValidationError(
        'add',
        outsiders.length > 0 ? 'same-department' : 'on-roster',
        `${problems.join(' ')} Ambassadors are people of the department's own staff: take ${
          outsiders.length + unknown.length === 1 ? 'it' : 'them'
        } out and submit again.`,
      );
    }

    const current = new Map<string, Ambassador>();
    for (const a of roster.ambassadors) current.set(a.personId.toLowerCase(), a);
    for (const a of roster.ambassadors) current.set(a.personId, a);
    const removed: Ambassador[] = [];
    const notAmbassadors: string[] = [];
    for (const number of remove) {
      const ambassador = current.get(number) ?? current.get(number.toLowerCase());
      if (!ambassador) notAmbassadors.push(number);
      else if (!removed.includes(ambassador)) removed.push(ambassador);
    }
    const both = added.filter((p) => removed.some((r) => r.personId === p.id));
    if (both.length > 0) {
      throw new ValidationError(
        'remove',
        'add-or-remove',
        `${listed(both.map((p) => `${p.displayName} (${p.id})`))} ${
          both.length === 1 ? 'is' : 'are'
        } both added and removed; leave each person in one of the two lists.`,
      );
    }

    const removedIds = new Set(removed.map((r) => r.personId));
    const before = roster.ambassadors.map((a) => a.personId);
    const newlyAdded = added.filter((p) => !before.includes(p.id));
    const after = [...before.filter((id) => !removedIds.has(id)), ...newlyAdded.map((p) => p.id)];
    if (newlyAdded.length === 0 && removed.length === 0) {
      return { kind: 'unchanged', roster, added: [], removed: [], notAmbassadors };
    }
    const now = this.clock.now();
    const today = toIsoDate(now);
    const names = new Map<string, string>();
    for (const a of roster.ambassadors) names.set(a.personId, a.person?.displayName ?? a.personId);
    for (const p of newlyAdded) names.set(p.id, p.displayName);
    const audit: AuditEntry = {
      // A resent press (same card, same roster before and after) has the same id; the same
      // roster reached again later, from another card or another roster, has another.
      id: `ambassadors.manage:${department.id}:${input.changeId}:${changeKey(before, after)}`,
      at: now.toISOString(),
      actorId: input.actor.id,
      action: 'ambassadors.manage',
      recordType: 'ambassadors',
      recordId: department.id,
      before: before.map((id) => ({ id, name: names.get(id) ?? id })),
      after: after.map((id) => ({ id, name: names.get(id) ?? id })),
    };
    await this.store.setMembers(department.id, 'ambassador', after, today, audit);
    return {
      kind: 'changed',
      roster: await this.roster(department.id),
      added: newlyAdded,
      removed,
      notAmbassadors,
    };
  }
}

/** A short, stable name of a change of roster for the audit id: a roster may hold hundreds. */
function changeKey(before: string[], after: string[]): string {
  return createHash('sha256')
    .update(`${[...before].sort().join('\n')}\n>\n${[...after].sort().join('\n')}`)
    .digest('hex')
    .slice(0, 16);
}

function distinct(values: string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter((v) => v !== ''))];
}

/** `A, B and C`, or the first few and `and N more`. */
function listed(items: string[]): string {
  const shownItems = items.slice(0, NAMED_MAX);
  const more = items.length - shownItems.length;
  if (more > 0) return `${shownItems.join(', ')} and ${more} more`;
  if (shownItems.length <= 1) return shownItems.join('');
  return `${shownItems.slice(0, -1).join(', ')} and ${shownItems[shownItems.length - 1]}`;
}

/** A value from the card as a message names it: quoted, shortened, printable. */
function shown(value: string): string {
  const printable = value.replace(/[^\x20-\x7e]/g, '?');
  return `"${printable.length > 40 ? `${printable.slice(0, 39)}…` : printable}"`;
}
