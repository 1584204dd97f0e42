import type { Client } from '@microsoft/microsoft-graph-client';
import { GraphError, statusOf, toGraphError } from '../../store/sharepoint/graph-error';
import type { RosterEntry } from './roster-plan';

/** The user properties a sync reads (the employee number's property is added to them). */
export const USER_PROPERTIES = [
  'id',
  'displayName',
  'userPrincipalName',
  'department',
  'jobTitle',
  'accountEnabled',
] as const;

/** Users per page of `/users`: Graph's largest. */
const PAGE_SIZE = 999;

/** The most managers above anyone: a longer chain is a loop in the directory's data. */
const MAX_DEPTH = 50;

/** Graph's user, as far as a sync reads it. */
type GraphUser = Record<string, unknown> & {
  id: string;
  manager?: { id?: string } | null;
  '@removed'?: { reason?: string };
};

type Page = {
  value?: GraphUser[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
};

/** Graph refused or failed a read of the directory (as opposed to a call of the store). */
export class DirectoryError extends GraphError {
  constructor(cause: GraphError) {
    super(cause.status, cause.code, cause.requestId, cause.message);
    this.name = 'DirectoryError';
  }
}

/**
 * The stored delta link no longer works (Graph keeps them 7 days), or is not a link of this Graph
 * endpoint's user delta: read the whole directory.
 */
export class DeltaExpired extends Error {
  constructor() {
    super('the directory delta link expired; the whole directory must be read again');
    this.name = 'DeltaExpired';
  }
}

/** What a read of the directory found. */
export type DirectoryRead = {
  /** `full`: every user; `delta`: the changes since the last sync's delta link. */
  mode: 'full' | 'delta';
  entries: RosterEntry[];
  /** Object ids the directory reported deleted (delta only). */
  removed: string[];
  /** The link to read the next changes from, when the read was through delta. */
  deltaLink?: string;
  /** Graph requests made. */
  requests: number;
};

export type DirectoryReadOptions = {
  /** The user property holding the employee number, if any. */
  employeeNumber?: string;
  /** Called after each page with the users read so far. */
  onPage?: (users: number) => void;
};

/**
 * Entra ID's users through Microsoft Graph (application permission User.Read.All), on the app's
 * one Graph pipeline (token, Retry-After retries, User-Agent).
 */
export class EntraDirectory {
  /**
   * @param graphEndpoint Graph's address (e.g. `https://graph.microsoft.com`): a stored delta
   * link elsewhere is not followed, since the store's data is not trusted with where to send the
   * app's token.
   */
  constructor(
    private readonly client: Client,
    private readonly graphEndpoint?: string,
  ) {}

  private select(options: DirectoryReadOptions): string {
    const names: string[] = [...USER_PROPERTIES];
    if (options.employeeNumber && !names.includes(options.employeeNumber)) {
      names.push(options.employeeNumber);
    }
    return names.join(',');
  }

  private async get(url: string, what: string): Promise<Page> {
    try {
      return (await this.client.api(url).get()) as Page;
    } catch (error) {
      // Identity delta links last 7 days; past that Graph answers 400 syncStateNotFound (some
      // resources answer 410 Gone).
      const code = (error as { code?: string } | undefined)?.code;
      if (statusOf(error) === 410 || code === 'syncStateNotFound') throw new DeltaExpired();
      throw new DirectoryError(toGraphError(error, what));
    }
  }

  /**
   * Every user with their manager (`/users?$expand=manager`), and each one's depth under the top
   * of the manager chain: tiers by manager depth need the whole tree, since one manager change
   * moves everyone below.
   */
  async readWithManagers(options: DirectoryReadOptions = {}): Promise<DirectoryRead> {
    const users: GraphUser[] = [];
    let requests = 0;
    let next: string | undefined =
      `/users?$select=${this.select(options)}&$expand=manager($select=id)&$top=${PAGE_SIZE}`;
    while (next) {
      const page = await this.get(next, 'reading the directory users');
      requests += 1;
      users.push(...(page.value ?? []));
      options.onPage?.(users.length);
      next = page['@odata.nextLink'];
    }
    const depths = managerDepths(users);
    return {
      mode: 'full',
      entries: users.map((u) => ({ ...toEntry(u, options, true), managerDepth: depths.get(u.id) })),
      removed: [],
      requests,
    };
  }

  /**
   * The directory through delta: every user (no link), or the changes since `deltaLink`, and the
   * link to read the next changes from.
   * @throws DeltaExpired when `deltaLink` is past its lifetime.
   */
  async readDelta(
    deltaLink: string | undefined,
    options: DirectoryReadOptions = {},
  ): Promise<DirectoryRead> {
    if (deltaLink !== undefined && !this.isUserDeltaLink(deltaLink)) throw new DeltaExpired();
    const entries: RosterEntry[] = [];
    const removed: string[] = [];
    let requests = 0;
    let next: string = deltaLink ?? `/users/delta?$select=${this.select(options)}`;
    for (;;) {
      const page = await this.get(next, 'reading the directory changes');
      requests += 1;
      for (const u of page.value ?? []) {
        if (u['@removed']) removed.push(u.id.toLowerCase());
        // The first round returns users whole; later rounds only what changed.
        else entries.push(toEntry(u, options, deltaLink === undefined));
      }
      options.onPage?.(entries.length + removed.length);
      if (page['@odata.nextLink']) next = page['@odata.nextLink'];
      else if (page['@odata.deltaLink']) {
        return {
          mode: deltaLink ? 'delta' : 'full',
          entries,
          removed,
          deltaLink: page['@odata.deltaLink'],
          requests,
        };
      } else {
        throw new DirectoryError(
          new GraphError(500, null, null, 'the directory delta ended without a deltaLink'),
        );
      }
    }
  }

  private isUserDeltaLink(link: string): boolean {
    try {
      const url = new URL(link);
      const base = this.graphEndpoint ? new URL(this.graphEndpoint) : undefined;
      return (
        url.protocol === 'https:' &&
        (!base || url.host === base.host) &&
        /\/users\/(delta|microsoft\.graph\.delta\(\))$/i.test(url.pathname)
      );
    } catch {
      return false;
    }
  }

  /** One user whole, or undefined when they are gone. */
  async readUser(
    objectId: string,
    options: DirectoryReadOptions = {},
  ): Promise<RosterEntry | undefined> {
    try {
      const user = (await this.client
        .api(`/users/${encodeURIComponent(objectId)}?$select=${this.select(options)}`)
        .get()) as GraphUser;
      return toEntry(user, options, true);
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw new DirectoryError(toGraphError(error, `reading the directory user ${objectId}`));
    }
  }
}

/** True when a delta entry lacks what adding a new person needs (it carried only changes). */
export function isPartial(entry: RosterEntry, options: DirectoryReadOptions = {}): boolean {
  return (
    entry.displayName === undefined ||
    entry.upn === undefined ||
    entry.department === undefined ||
    entry.jobTitle === undefined ||
    (options.employeeNumber !== undefined && entry.employeeNumber === undefined)
  );
}

const text = (v: unknown): string | undefined =>
  v === undefined ? undefined : v === null ? '' : String(v);

/**
 * A Graph user as a roster entry. A whole user's unset properties (`null`) read as `''`; in a
 * delta's change, a property not sent stays undefined (unchanged).
 */
function toEntry(user: GraphUser, options: DirectoryReadOptions, whole: boolean): RosterEntry {
  const read = (name: string): string | undefined => {
    const v = text(user[name]);
    return v === undefined && whole ? '' : v;
  };
  const enabled = user.accountEnabled;
  const employeeNumber = options.employeeNumber ? read(options.employeeNumber) : undefined;
  return {
    source: user.id,
    objectId: user.id.toLowerCase(),
    displayName: read('displayName'),
    upn: read('userPrincipalName'),
    department: read('department'),
    jobTitle: read('jobTitle'),
    ...(employeeNumber !== undefined ? { employeeNumber } : {}),
    ...(typeof enabled === 'boolean' ? { enabled } : {}),
  };
}

/** Each user's number of managers above them; a loop in the chain stops at `MAX_DEPTH`. */
function managerDepths(users: GraphUser[]): Map<string, number> {
  const managerOf = new Map(users.map((u) => [u.id, u.manager?.id]));
  const depths = new Map<string, number>();
  const depthOf = (id: string): number => {
    const known = depths.get(id);
    if (known !== undefined) return known;
    // Walk up to someone whose depth is known (or the top), then fill in on the way back.
    const chain: string[] = [];
    let at: string | undefined = id;
    while (at !== undefined && !depths.has(at) && chain.length < MAX_DEPTH) {
      chain.push(at);
      const up: string | undefined = managerOf.get(at);
      at = up && managerOf.has(up) && !chain.includes(up) ? up : undefined;
    }
    let depth = at !== undefined ? (depths.get(at) ?? MAX_DEPTH) : -1;
    for (const member of chain.reverse()) {
      depth += 1;
      depths.set(member, depth);
    }
    return depths.get(id) ?? 0;
  };
  for (const u of users) depthOf(u.id);
  return depths;
}
