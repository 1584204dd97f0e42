import { fail } from './graph-response';

/**
 * A person of the tenant's directory (Entra ID's `user`), as a test seeds it. Properties left out
 * read as `null`, as Graph answers an unset property; `accountEnabled` defaults to true.
 */
export type DirectoryUserSeed = {
  /** The object id (a GUID). */
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail?: string | null;
  givenName?: string | null;
  surname?: string | null;
  department?: string | null;
  jobTitle?: string | null;
  employeeId?: string | null;
  officeLocation?: string | null;
  accountEnabled?: boolean;
  /** The object id of the person's manager, if any. */
  managerId?: string | null;
};

/** What a test may change about a person, as an admin or HR provisioning would. */
export type DirectoryUserChange = Partial<Omit<DirectoryUserSeed, 'id'>>;

/** The properties Graph returns for a user when `$select` is not given (v1.0). */
export const DEFAULT_USER_PROPERTIES = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
] as const;

/** Every property the emulator keeps; `$select` may name any of them (and `manager`). */
const KNOWN_PROPERTIES = new Set([
  ...DEFAULT_USER_PROPERTIES,
  'department',
  'employeeId',
  'accountEnabled',
]);

export type StoredDirectoryUser = {
  /** Graph's properties, unset ones `null`. */
  values: Record<string, unknown>;
  managerId: string | null;
  /** Set while the user is in the deleted items (soft-deleted) or gone for good. */
  removed?: 'changed' | 'deleted';
};

/** One entry of the change log the delta feed is computed from. */
type Change = {
  seq: number;
  userId: string;
  kind: 'created' | 'updated' | 'removed' | 'restored';
  /** For `updated`: the properties that changed (`manager` for the manager). */
  properties?: string[];
};

/**
 * The user delta token: the feed's generation, enumerating (`e`, after object id `a`) or returning
 * changes after change `s` (up to change `u`, from the `o`-th person on, while paging), and the
 * `$select` of the first call, which Graph's links remember.
 */
export type UserDeltaState = {
  g: number;
  m: 'e' | 'c';
  s: number;
  a?: string;
  u?: number;
  o?: number;
  q?: string;
};

/** One user of a delta page: its state, only what changed, or its removal. */
export type UserDeltaEntry =
  | { kind: 'full'; user: StoredDirectoryUser }
  | { kind: 'partial'; user: StoredDirectoryUser; properties: string[] }
  | { kind: 'removed'; id: string; reason: 'changed' | 'deleted' };

/** Graph's 400 for a delta link past its lifetime (7 days for identity resources). */
const SYNC_STATE_NOT_FOUND =
  'The sync state generation is not found. The delta token is expired and data must be synchronized again.';

/**
 * The tenant's directory of people (`/users`, `/users/{id}`, `/users/{id}/manager`,
 * `/users/delta`), kept in memory with a change log so the delta feed reports what changed since
 * a token: a new person in full, an update as its id and the selected properties that changed,
 * a deleted person as `@removed`. Test-side methods bypass stats and faults.
 */
export class EmulatedDirectory {
  private readonly users = new Map<string, StoredDirectoryUser>();
  private readonly changes: Change[] = [];
  private seq = 0;
  private generation = 0;

  /** Adds people as HR provisioning would (each is a change the delta feed reports). */
  seedUsers(users: DirectoryUserSeed[]): void {
    for (const u of users) {
      const key = u.id.toLowerCase();
      if (this.users.has(key)) throw new Error(`graph emulator: user ${u.id} exists already`);
      const { managerId, ...rest } = u;
      const values: Record<string, unknown> = {
        businessPhones: [],
        mobilePhone: null,
        preferredLanguage: null,
        mail: null,
        givenName: null,
        surname: null,
        department: null,
        jobTitle: null,
        employeeId: null,
        officeLocation: null,
        accountEnabled: true,
      };
      for (const [k, v] of Object.entries(rest)) if (v !== undefined) values[k] = v;
      this.users.set(key, { values, managerId: managerId ?? null });
      this.log(key, 'created');
    }
  }

  /** Changes a person's properties or manager; only values that differ count as changes. */
  updateUser(id: string, change: DirectoryUserChange): void {
    const user = this.present(id);
    const changed: string[] = [];
    for (const [k, v] of Object.entries(change)) {
      if (v === undefined) continue;
      if (k === 'managerId') {
        if (user.managerId !== v) changed.push('manager');
        user.managerId = v as string | null;
      } else if (user.values[k] !== v) {
        user.values[k] = v;
        changed.push(k);
      }
    }
    if (changed.length > 0) this.log(id.toLowerCase(), 'updated', changed);
  }

  /**
   * Deletes a person: to the deleted items (restorable; delta says `reason: changed`), or for good
   * (`reason: deleted`).
   */
  removeUser(id: string, options: { permanently?: boolean } = {}): void {
    const user = this.users.get(id.toLowerCase());
    if (!user || user.removed === 'deleted') throw new Error(`graph emulator: no user ${id}`);
    user.removed = options.permanently ? 'deleted' : 'changed';
    this.log(id.toLowerCase(), 'removed');
  }

  /** Brings a soft-deleted person back, as restoring from the deleted items does. */
  restoreUser(id: string): void {
    const user = this.users.get(id.toLowerCase());
    if (user?.removed !== 'changed') throw new Error(`graph emulator: ${id} is not restorable`);
    delete user.removed;
    this.log(id.toLowerCase(), 'restored');
  }

  /** A person's current values (also of a deleted one), for assertions. */
  user(id: string): (Record<string, unknown> & { managerId: string | null }) | undefined {
    const user = this.users.get(id.toLowerCase());
    return user ? { ...user.values, managerId: user.managerId } : undefined;
  }

  /** How many people are in the directory (deleted ones not counted). */
  get size(): number {
    return [...this.users.values()].filter((u) => !u.removed).length;
  }

  /** Makes every delta link issued so far answer 400 `syncStateNotFound`, as after 7 days. */
  expireDeltaTokens(): void {
    this.generation += 1;
  }

  /** Forgets every person and the change log. */
  clear(): void {
    this.users.clear();
    this.changes.length = 0;
    this.seq = 0;
    this.generation += 1;
  }

  private log(userId: string, kind: Change['kind'], properties?: string[]): void {
    this.seq += 1;
    this.changes.push({ seq: this.seq, userId, kind, ...(properties ? { properties } : {}) });
  }

  private present(ref: string): StoredDirectoryUser {
    const user = this.find(ref);
    if (!user) throw new Error(`graph emulator: no user ${ref}`);
    return user;
  }

  // What the routes use.

  /** A person present in the directory, by object id or user principal name. */
  find(ref: string): StoredDirectoryUser | undefined {
    const key = ref.toLowerCase();
    const byId = this.users.get(key);
    if (byId && !byId.removed) return byId;
    for (const user of this.users.values()) {
      if (!user.removed && String(user.values.userPrincipalName).toLowerCase() === key) return user;
    }
    return undefined;
  }

  /** The person `ref` names, or Graph's 404. */
  get(ref: string): StoredDirectoryUser {
    return (
      this.find(ref) ??
      fail(
        404,
        'Request_ResourceNotFound',
        `Resource '${ref}' does not exist or one of its queried reference-property objects are not present.`,
      )
    );
  }

  /** The person's manager, if they have one who is in the directory. */
  managerOf(user: StoredDirectoryUser): StoredDirectoryUser | undefined {
    return user.managerId ? this.find(user.managerId) : undefined;
  }

  /** Everyone present, in object id order (the order pages and enumeration use). */
  presentUsers(): StoredDirectoryUser[] {
    return [...this.users.entries()]
      .filter(([, u]) => !u.removed)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, u]) => u);
  }

  /** A user as Graph returns it: the selected properties (or the default set), in that order. */
  static json(user: StoredDirectoryUser, select?: string[]): Record<string, unknown> {
    const wanted = select?.length ? select : [...DEFAULT_USER_PROPERTIES];
    const out: Record<string, unknown> = {};
    for (const name of wanted) {
      const property = [...KNOWN_PROPERTIES].find((p) => p.toLowerCase() === name.toLowerCase());
      if (property) out[property] = user.values[property] ?? null;
    }
    // Graph always returns the id, selected or not.
    out.id = user.values.id;
    return out;
  }

  /** Checks a `$select` names only properties a user has (`manager` is a relationship). */
  static checkSelect(select: string[] | undefined, allowManager: boolean): void {
    for (const name of select ?? []) {
      const known =
        [...KNOWN_PROPERTIES].some((p) => p.toLowerCase() === name.toLowerCase()) ||
        (allowManager && name.toLowerCase() === 'manager');
      if (!known) {
        fail(
          400,
          'Request_BadRequest',
          `Could not find a property named '${name}' on type 'Microsoft.DirectoryServices.User'.`,
        );
      }
    }
  }

  /** The first state of a delta feed (no token): enumerate everyone present. */
  startDelta(select: string | undefined): UserDeltaState {
    return {
      g: this.generation,
      m: 'e',
      s: this.seq,
      ...(select !== undefined ? { q: select } : {}),
    };
  }

  /**
   * One page of the delta feed at `state`, at most `top` entries; `next` when more pages follow,
   * `delta` (the state of the deltaLink) on the last.
   */
  deltaPage(
    state: UserDeltaState,
    top: number,
  ): { entries: UserDeltaEntry[]; next?: UserDeltaState; delta?: UserDeltaState } {
    if (state.g !== this.generation) fail(400, 'syncStateNotFound', SYNC_STATE_NOT_FOUND);
    if (state.m === 'e') {
      const after = state.a ?? '';
      const remaining = [...this.users.entries()]
        .filter(([id, u]) => !u.removed && id > after)
        .sort(([a], [b]) => (a < b ? -1 : 1));
      const page = remaining.slice(0, top);
      const entries = page.map(([, user]): UserDeltaEntry => ({ kind: 'full', user }));
      const last = page[page.length - 1];
      if (remaining.length > page.length && last) {
        return { entries, next: { ...state, a: last[0] } };
      }
      // Changes made while enumerating come with the next call, from the enumeration's start.
      const { a: _a, ...rest } = state;
      return { entries, delta: { ...rest, m: 'c' } };
    }
    const select = state.q?.split(',').map((s) => s.trim().toLowerCase());
    // Pages of one round share its bounds, so a person's changes are never split across pages.
    const upTo = state.u ?? this.seq;
    /** Per person changed after `s`: the last change's seq, and what changed. */
    const byUser = new Map<string, { seq: number; full: boolean; properties: Set<string> }>();
    for (const c of this.changes) {
      if (c.seq <= state.s || c.seq > upTo) continue;
      const entry = byUser.get(c.userId) ?? { seq: c.seq, full: false, properties: new Set() };
      entry.seq = c.seq;
      if (c.kind === 'created' || c.kind === 'restored') entry.full = true;
      for (const p of c.properties ?? []) entry.properties.add(p.toLowerCase());
      byUser.set(c.userId, entry);
    }
    const ordered = [...byUser.entries()].sort(([, a], [, b]) => a.seq - b.seq);
    const entries: UserDeltaEntry[] = [];
    for (const [id, change] of ordered) {
      const user = this.users.get(id);
      if (!user) continue;
      if (user.removed) {
        entries.push({ kind: 'removed', id, reason: user.removed });
      } else if (change.full) {
        entries.push({ kind: 'full', user });
      } else {
        // Only changes to selected properties are tracked; `manager` is not reported here.
        const properties = [...change.properties].filter(
          (p) => p !== 'manager' && (!select || select.includes(p)),
        );
        if (properties.length > 0) entries.push({ kind: 'partial', user, properties });
      }
    }
    const offset = state.o ?? 0;
    const page = entries.slice(offset, offset + top);
    if (entries.length > offset + top) {
      return { entries: page, next: { ...state, u: upTo, o: offset + top } };
    }
    const { u: _u, o: _o, ...rest } = state;
    return { entries: page, delta: { ...rest, s: upTo } };
  }
}

export function encodeUserDeltaToken(state: UserDeltaState): string {
  return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
}

export function decodeUserDeltaToken(token: string): UserDeltaState {
  try {
    const state = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as UserDeltaState;
    if (typeof state.g === 'number' && (state.m === 'e' || state.m === 'c')) return state;
  } catch {
    // Not one of ours: answered below like any malformed token.
  }
  return fail(400, 'Request_BadRequest', `The delta token '${token}' is not valid.`);
}
