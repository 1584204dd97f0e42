import type { Person } from './types';

/**
 * True while the person is on the city's staff: absent `active` means active. People who left
 * are kept with their history but are not required to train, not reminded and not offered in
 * pickers; every place that lists people for those purposes asks this.
 */
export function isActive(person: Pick<Person, 'active'>): boolean {
  return person.active !== false;
}

/**
 * The object id of a person imported without an Entra account (a roster file row with no
 * `entra_object_id`): unique like a real one, never a GUID, so Teams never sends it and a later
 * directory sync links the person by employee number.
 */
export function unlinkedObjectId(personId: string): string {
  return `unlinked:${personId.toLowerCase()}`;
}

/** True when the person's object id is a placeholder from `unlinkedObjectId`. */
export function isUnlinked(person: Pick<Person, 'aadObjectId'>): boolean {
  return person.aadObjectId.startsWith('unlinked:');
}
