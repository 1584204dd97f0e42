import {
  isActive,
  isUnlinked,
  unlinkedObjectId,
  type IsoDate,
  type Person,
  type Tier,
} from '../../domain';
import type { RosterMapping } from './roster-mapping';

/**
 * One person as the directory or a roster file has them. From a full read every field is set
 * (an empty property is `''`); a delta entry carries only what changed, and a field left
 * undefined keeps what the roster has.
 */
export type RosterEntry = {
  /** Where the entry came from, for messages: `line 7`, or the user's object id. */
  source: string;
  /** Entra object id (lower case), when known. */
  objectId?: string;
  employeeNumber?: string;
  displayName?: string;
  upn?: string;
  /** The department as the directory or file names it (or a plan department id). */
  department?: string;
  jobTitle?: string;
  /** False for a disabled account: the person has left. @default true */
  enabled?: boolean;
  /** Managers above the person (0: the top of the chain), when the tiers use it. */
  managerDepth?: number;
};

/** The person fields a sync keeps true to the directory. */
export const SYNCED_FIELDS = [
  'displayName',
  'upn',
  'departmentId',
  'jobTitle',
  'tier',
  'aadObjectId',
] as const;
export type SyncedField = (typeof SYNCED_FIELDS)[number];

/** A person as stored now, as the sync would store them, and the fields that differ. */
export type PersonChange = { before: Person; after: Person; fields: SyncedField[] };

/** A directory value and how many people carry it. */
export type NameCount = { name: string; people: number };

/** An entry the sync leaves out, and why (fit to show the admin). */
export type SkippedEntry = { source: string; reason: string };

/** What a sync would do. Nothing in it has been written. */
export type RosterPlan = {
  added: Person[];
  /** Active people whose synced fields changed. */
  changed: PersonChange[];
  /** Active people gone from the directory or file (or disabled): to mark inactive. */
  left: PersonChange[];
  /** Inactive people back in the directory or file: active again. */
  returned: PersonChange[];
  unchanged: number;
  /** Directory departments no mapping names; their people are left out (or left as they are). */
  unmappedDepartments: NameCount[];
  /** Job titles no rule gives a tier (the mapping has no default); their people are left out. */
  unmappedTitles: NameCount[];
  /** Job titles no pattern matched, given the default tier: worth a look. */
  defaultedTitles: NameCount[];
  skipped: SkippedEntry[];
  /** Disabled accounts of people not on the roster: ignored. */
  disabledIgnored: number;
};

export type PlanInput = {
  /** The roster as stored. */
  people: Person[];
  entries: RosterEntry[];
  /** Object ids the directory reported deleted (a delta read). */
  removed?: string[];
  /**
   * `entries` are the whole directory or file, so people missing from them have left: `linked`
   * people (those with an Entra account, for a directory read) or `all` (a roster file). Unset
   * for a delta read, where only removals and disabled accounts mean leaving.
   */
  complete?: 'linked' | 'all';
  mapping: RosterMapping;
  /** The day people found gone are marked as having left. */
  today: IsoDate;
};

const NO_DEPARTMENT = '(no department)';
const NO_TITLE = '(no job title)';

/**
 * A person id for a directory user with no employee number: `ENTRA-` and the last 8 hex digits
 * of the object id (random in a GUID), or all 32 when those are taken. Stable, because a person
 * keeps the id they were given (later syncs match them by object id).
 */
export function derivedPersonId(objectId: string, taken: (id: string) => boolean): string {
  const hex = objectId.replace(/[^0-9a-f]/gi, '').toUpperCase();
  const short = `ENTRA-${hex.slice(-8)}`;
  return taken(short) ? `ENTRA-${hex}` : short;
}

/** `after` without the marks of having left: the person is active. */
function activeAgain(person: Person): Person {
  const { active: _active, leftOn: _leftOn, ...rest } = person;
  return rest;
}

function differences(before: Person, after: Person): SyncedField[] {
  return SYNCED_FIELDS.filter((f) => before[f] !== after[f]);
}

function counted(counts: Map<string, number>): NameCount[] {
  return [...counts.entries()]
    .map(([name, people]) => ({ name, people }))
    .sort((a, b) => b.people - a.people || a.name.localeCompare(b.name));
}

/**
 * Compares the directory (or a roster file) with the stored roster: who is new, who changed and
 * in which fields, who left, who came back, and what the mapping could not place. Pure.
 *
 * A directory user is matched to a person by object id first, then by employee number (a person
 * imported without an account, or one who left and returns with a new account). A person's id
 * never changes, since their history is kept under it. People who left are kept, marked inactive.
 */
export function planRoster(input: PlanInput): RosterPlan {
  const { mapping, today } = input;
  const byObjectId = new Map<string, Person>();
  const byId = new Map<string, Person>();
  for (const p of input.people) {
    if (!isUnlinked(p)) byObjectId.set(p.aadObjectId.toLowerCase(), p);
    byId.set(p.id.toLowerCase(), p);
  }
  const plan: RosterPlan = {
    added: [],
    changed: [],
    left: [],
    returned: [],
    unchanged: 0,
    unmappedDepartments: [],
    unmappedTitles: [],
    defaultedTitles: [],
    skipped: [],
    disabledIgnored: 0,
  };
  const unmappedDepartments = new Map<string, number>();
  const unmappedTitles = new Map<string, number>();
  const defaultedTitles = new Map<string, number>();
  const bump = (counts: Map<string, number>, name: string) =>
    counts.set(name, (counts.get(name) ?? 0) + 1);
  /** People an entry spoke for (matched, even if left as they are). */
  const seen = new Set<string>();
  /** Ids given to people this sync adds. */
  const newIds = new Set<string>();
  const taken = (id: string) => byId.has(id.toLowerCase()) || newIds.has(id.toLowerCase());
  const leave = (person: Person) => {
    if (!isActive(person)) return;
    plan.left.push({
      before: person,
      after: { ...person, active: false, leftOn: today },
      fields: [],
    });
  };

  for (const entry of input.entries) {
    const objectId = entry.objectId?.toLowerCase();
    const number = entry.employeeNumber?.trim() || undefined;
    let person = objectId ? byObjectId.get(objectId) : undefined;
    if (!person && number) {
      const holder = byId.get(number.toLowerCase());
      // The number's holder is this person unless they have another, active account.
      if (
        holder &&
        objectId &&
        !isUnlinked(holder) &&
        holder.aadObjectId.toLowerCase() !== objectId &&
        isActive(holder)
      ) {
        plan.skipped.push({
          source: entry.source,
          reason: `employee number ${number} is ${holder.id} (${holder.displayName}), who has another account`,
        });
        continue;
      }
      person = holder;
    }
    if (person && seen.has(person.id)) {
      plan.skipped.push({
        source: entry.source,
        reason: `${person.id} (${person.displayName}) is named by another entry already`,
      });
      continue;
    }
    if (person) seen.add(person.id);

    if (entry.enabled === false) {
      if (person) leave(person);
      else plan.disabledIgnored += 1;
      continue;
    }

    const departmentName = entry.department;
    let departmentId = person?.departmentId;
    if (departmentName !== undefined) {
      departmentId = mapping.departmentOf(departmentName);
      if (!departmentId) {
        bump(unmappedDepartments, departmentName.trim() || NO_DEPARTMENT);
        if (person) {
          plan.skipped.push({
            source: entry.source,
            reason: `${person.id} (${person.displayName}) is now in "${departmentName.trim() || NO_DEPARTMENT}", which the mapping does not name; left as they are`,
          });
        }
        continue;
      }
    }
    const jobTitle = entry.jobTitle ?? person?.jobTitle ?? '';
    const placed = mapping.tierOf(jobTitle, entry.managerDepth);
    if (!placed) {
      bump(unmappedTitles, jobTitle.trim() || NO_TITLE);
      if (person) {
        plan.skipped.push({
          source: entry.source,
          reason: `${person.id} (${person.displayName}): no tier rule places "${jobTitle.trim() || NO_TITLE}"; left as they are`,
        });
      }
      continue;
    }
    if (placed.by === 'default') bump(defaultedTitles, jobTitle.trim() || NO_TITLE);
    const tier: Tier = placed.tier;

    if (person) {
      const after = activeAgain({
        ...person,
        aadObjectId: objectId ?? person.aadObjectId,
        displayName: entry.displayName?.trim() || person.displayName,
        upn: entry.upn?.trim() || person.upn,
        departmentId: departmentId ?? person.departmentId,
        jobTitle: jobTitle.trim(),
        tier,
      });
      const change = { before: person, after, fields: differences(person, after) };
      if (!isActive(person)) plan.returned.push(change);
      else if (change.fields.length > 0) plan.changed.push(change);
      else plan.unchanged += 1;
      continue;
    }

    const displayName = entry.displayName?.trim();
    const upn = entry.upn?.trim();
    if (!departmentId || !displayName || !upn) {
      plan.skipped.push({
        source: entry.source,
        reason: `not on the roster, and the ${!displayName ? 'name' : !upn ? 'user principal name' : 'department'} is missing`,
      });
      continue;
    }
    let id = number;
    if (id && taken(id)) {
      plan.skipped.push({
        source: entry.source,
        reason: `employee number ${id} is given to another person in this sync`,
      });
      continue;
    }
    if (!id) {
      if (!objectId) {
        plan.skipped.push({ source: entry.source, reason: 'no employee number and no object id' });
        continue;
      }
      id = derivedPersonId(objectId, taken);
    }
    newIds.add(id.toLowerCase());
    plan.added.push({
      id,
      aadObjectId: objectId ?? unlinkedObjectId(id),
      displayName,
      upn,
      departmentId,
      tier,
      jobTitle: jobTitle.trim(),
    });
  }

  for (const objectId of input.removed ?? []) {
    const person = byObjectId.get(objectId.toLowerCase());
    if (person && !seen.has(person.id)) {
      seen.add(person.id);
      leave(person);
    }
  }
  if (input.complete) {
    for (const person of input.people) {
      if (seen.has(person.id)) continue;
      if (input.complete === 'linked' && isUnlinked(person)) continue;
      leave(person);
    }
  }
  plan.unmappedDepartments = counted(unmappedDepartments);
  plan.unmappedTitles = counted(unmappedTitles);
  plan.defaultedTitles = counted(defaultedTitles);
  return plan;
}

/** The people a plan writes: new, changed, back, and left (marked inactive). */
export function peopleToWrite(plan: RosterPlan): Person[] {
  return [
    ...plan.added,
    ...plan.changed.map((c) => c.after),
    ...plan.returned.map((c) => c.after),
    ...plan.left.map((c) => c.after),
  ];
}

/** True when the plan changes nothing. */
export function isEmptyPlan(plan: RosterPlan): boolean {
  return peopleToWrite(plan).length === 0;
}
