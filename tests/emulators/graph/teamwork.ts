import { fail, graphTime, type EmulatedRequest, type EmulatedResponse } from './graph-response';
import type { ResolvedRoute } from './graph-routes';
import {
  ODataSyntaxError,
  matches,
  parseExpand,
  parseFilter,
  parseSelect,
  queryOption,
} from './odata-query';

/** An app in the organisation's Teams app catalog (`/appCatalogs/teamsApps/{id}`). */
export type EmulatedTeamsApp = {
  /** The catalog's id (not the manifest id): what `teamsApp@odata.bind` names. */
  id: string;
  /** The manifest's `id`. @default id */
  externalId?: string;
  /** @default 'reap' */
  displayName?: string;
  /** The bot's Entra app id, when the app has a bot: it names the bot's 1:1 chats. */
  botId?: string;
};

/** A person of the tenant, as far as `/users/{id}/teamwork` needs one. */
export type EmulatedUser = { id: string; userPrincipalName?: string };

/** One app installed in a user's personal scope, and its 1:1 chat with the user. */
export type EmulatedInstallation = { id: string; teamsAppId: string; chatId: string };

type StoredUser = {
  id: string;
  userPrincipalName?: string;
  installations: Map<string, EmulatedInstallation & { created: string }>;
  /** Set: every teamwork call for this user answers 403 with this message. */
  forbidden?: string;
};

/**
 * The people of the tenant and the Teams apps installed for them (Graph's `userTeamwork`,
 * `userScopeTeamsAppInstallation` and its `chat`). Test-side methods bypass stats and faults.
 */
export class EmulatedTeamwork {
  private readonly users = new Map<string, StoredUser>();
  private readonly byPrincipalName = new Map<string, StoredUser>();
  private readonly catalog = new Map<string, EmulatedTeamsApp>();

  constructor(readonly tenantId: string) {}

  /** Graph's installation id: base64 of `{userId}##{teamsAppId}`, as Graph's examples decode. */
  static installationId(userId: string, teamsAppId: string): string {
    return Buffer.from(`${userId}##${teamsAppId}`, 'utf8').toString('base64');
  }

  /**
   * The id of the 1:1 chat between a person and a bot. Graph's example for "Get chat between user
   * and app" has the two ids the other way round: code must read the id from Graph, never build it.
   */
  static chatId(userId: string, botId: string): string {
    return `19:${userId}_${botId}@unq.gbl.spaces`;
  }

  /** Adds people (by Entra object id, optionally their UPN); those already there stay as they are. */
  seedUsers(users: EmulatedUser[]): void {
    for (const u of users) {
      if (this.users.has(u.id.toLowerCase())) continue;
      const stored: StoredUser = { ...u, installations: new Map() };
      this.users.set(u.id.toLowerCase(), stored);
      if (u.userPrincipalName) this.byPrincipalName.set(u.userPrincipalName.toLowerCase(), stored);
    }
  }

  /** Adds apps to the org catalog. */
  seedTeamsApps(apps: EmulatedTeamsApp[]): void {
    for (const app of apps) this.catalog.set(app.id, app);
  }

  /**
   * Makes every teamwork call for this person answer 403, as when an app permission policy blocks
   * the app for them.
   */
  forbidUser(
    userId: string,
    message = 'The app is blocked by the app permission policy for this user.',
  ): void {
    this.mustFind(userId).forbidden = message;
  }

  /** Lifts `forbidUser`. */
  allowUser(userId: string): void {
    delete this.mustFind(userId).forbidden;
  }

  /** Installs an app for a person directly (as an admin's setup policy would), if not yet. */
  install(userId: string, teamsAppId: string): EmulatedInstallation {
    const app = this.catalog.get(teamsAppId);
    if (!app) throw new Error(`graph emulator: no app ${teamsAppId} in the catalog`);
    return this.installFor(this.mustFind(userId), app);
  }

  /** The apps installed for a person. */
  installations(userId: string): EmulatedInstallation[] {
    return [...this.mustFind(userId).installations.values()].map(({ id, teamsAppId, chatId }) => ({
      id,
      teamsAppId,
      chatId,
    }));
  }

  /** Forgets people, apps and installations. */
  clear(): void {
    this.users.clear();
    this.byPrincipalName.clear();
    this.catalog.clear();
  }

  private mustFind(userId: string): StoredUser {
    const user = this.users.get(userId.toLowerCase());
    if (!user) throw new Error(`graph emulator: no user ${userId}`);
    return user;
  }

  private installFor(user: StoredUser, app: EmulatedTeamsApp): EmulatedInstallation {
    const id = EmulatedTeamwork.installationId(user.id, app.id);
    let installation = user.installations.get(id);
    if (!installation) {
      installation = {
        id,
        teamsAppId: app.id,
        // An app without a bot still gets a chat with the person in Teams; name it after the app.
        chatId: EmulatedTeamwork.chatId(user.id, app.botId ?? app.id),
        created: graphTime(new Date()),
      };
      user.installations.set(id, installation);
    }
    return { id, teamsAppId: installation.teamsAppId, chatId: installation.chatId };
  }

  // What the routes below use.

  /** The person a request's `{user-id | userPrincipalName}` names: 404 if none, 403 if blocked. */
  user(ref: string): StoredUser {
    const key = ref.toLowerCase();
    const user =
      this.users.get(key) ??
      this.byPrincipalName.get(key) ??
      fail(404, 'NotFound', `User '${ref}' was not found in the tenant.`);
    if (user.forbidden !== undefined) fail(403, 'Forbidden', user.forbidden);
    return user;
  }

  /** `POST /users/{id}/teamwork/installedApps`: 201 with no body, 409 if already installed. */
  installByBind(user: StoredUser, body: unknown): void {
    const bind = (body as Record<string, unknown> | undefined)?.['teamsApp@odata.bind'];
    const appId =
      typeof bind === 'string'
        ? /\/appCatalogs\/teamsApps\/([^/?#]+)$/i.exec(bind)?.[1]
        : undefined;
    if (!appId) {
      fail(400, 'BadRequest', "The request must bind 'teamsApp@odata.bind' to a catalog app.");
    }
    // Graph does not document its answer for an app missing from the catalog; a 400 keeps it apart
    // from a missing user (404).
    const app =
      this.catalog.get(decodeURIComponent(appId)) ??
      fail(400, 'BadRequest', `The app '${appId}' is not in the organisation's app catalog.`);
    if (user.installations.has(EmulatedTeamwork.installationId(user.id, app.id))) {
      fail(409, 'Conflict', 'App is already installed.');
    }
    this.installFor(user, app);
  }

  /** A `userScopeTeamsAppInstallation`, with `teamsApp` and `teamsAppDefinition` if expanded. */
  installationJson(
    installation: EmulatedInstallation,
    expand: Map<string, unknown>,
  ): Record<string, unknown> {
    const app = this.catalog.get(installation.teamsAppId);
    const body: Record<string, unknown> = { id: installation.id };
    if (expand.has('teamsapp')) {
      body.teamsApp = {
        id: installation.teamsAppId,
        externalId: app?.externalId ?? installation.teamsAppId,
        displayName: app?.displayName ?? 'reap',
        distributionMethod: 'organization',
      };
    }
    if (expand.has('teamsappdefinition')) {
      body.teamsAppDefinition = {
        id: Buffer.from(`${installation.teamsAppId}##1.0.0`, 'utf8').toString('base64'),
        teamsAppId: installation.teamsAppId,
        displayName: app?.displayName ?? 'reap',
        version: '1.0.0',
      };
    }
    return body;
  }

  /** The installation's 1:1 `chat`. */
  chatJson(installation: EmulatedInstallation & { created: string }): Record<string, unknown> {
    return {
      id: installation.chatId,
      topic: null,
      createdDateTime: installation.created,
      lastUpdatedDateTime: installation.created,
      chatType: 'oneOnOne',
      webUrl: `https://teams.microsoft.com/l/chat/${encodeURIComponent(installation.chatId)}/0?tenantId=${this.tenantId}`,
      tenantId: this.tenantId,
      viewpoint: null,
      onlineMeetingInfo: null,
    };
  }

  /** The installation `ref` of a person, or 404. */
  installation(user: StoredUser, ref: string): EmulatedInstallation & { created: string } {
    return (
      user.installations.get(ref) ??
      fail(404, 'NotFound', `No app installation '${ref}' for user '${user.id}'.`)
    );
  }
}

const TEAMWORK = /^\/users\/([^/]+)\/teamwork\/installedApps(?:\/([^/]+)(?:\/(chat))?)?$/i;

const notAllowed = (req: EmulatedRequest): never =>
  fail(405, 'BadRequest', `The HTTP method '${req.method}' is not supported for this resource.`);

function parseOr400<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ODataSyntaxError) fail(400, 'BadRequest', error.message);
    throw error;
  }
}

function pick(
  value: Record<string, unknown>,
  select: string[] | undefined,
): Record<string, unknown> {
  if (!select) return value;
  const wanted = new Set(select.map((s) => s.toLowerCase()));
  return Object.fromEntries(
    Object.entries(value).filter(([k]) => k.startsWith('@odata.') || wanted.has(k.toLowerCase())),
  );
}

/**
 * Matches `/users/{id}/teamwork/installedApps[/{installation-id}[/chat]]` (Graph's "List apps
 * installed for user", "Install app for user", "Get installed app for user", "Uninstall app for
 * user", "Get chat between user and app"); undefined for any other path.
 */
export function resolveTeamworkRoute(
  req: EmulatedRequest,
  teamwork: EmulatedTeamwork,
  graphUrl: string,
): ResolvedRoute | undefined {
  const m = TEAMWORK.exec(req.path);
  if (!m?.[1]) return undefined;
  const [, userRef, installationRef, chat] = m;
  const context = (what: string): string => `${graphUrl}/$metadata#${what}`;

  if (installationRef === undefined) {
    return {
      kind: 'installed-apps',
      handle: (): EmulatedResponse => {
        const user = teamwork.user(userRef);
        if (req.method === 'POST') {
          teamwork.installByBind(user, req.body);
          return { status: 201 };
        }
        if (req.method !== 'GET') notAllowed(req);
        const expand = parseOr400(() => parseExpand(queryOption(req.query, 'expand') ?? ''));
        const filterText = queryOption(req.query, 'filter');
        const filter = filterText ? parseOr400(() => parseFilter(filterText)) : undefined;
        // Filtering reads the expanded navigation properties, whether or not they are returned.
        const full = new Map([
          ['teamsapp', {}],
          ['teamsappdefinition', {}],
        ]);
        const select = parseSelect(queryOption(req.query, 'select'));
        const value = [...user.installations.values()]
          .filter((installation) => {
            if (!filter) return true;
            const json = teamwork.installationJson(installation, full);
            return matches(filter, (property) => ({
              value: property
                .split('/')
                .reduce<unknown>(
                  (v, key) => (v as Record<string, unknown> | undefined)?.[key],
                  json,
                ),
              caseInsensitive: true,
            }));
          })
          .map((installation) => pick(teamwork.installationJson(installation, expand), select));
        return {
          status: 200,
          body: {
            '@odata.context': context(`users('${user.id}')/teamwork/installedApps`),
            '@odata.count': value.length,
            value,
          },
        };
      },
    };
  }
  if (chat === undefined) {
    return {
      kind: 'installed-app',
      handle: (): EmulatedResponse => {
        const user = teamwork.user(userRef);
        const installation = teamwork.installation(user, installationRef);
        if (req.method === 'DELETE') {
          user.installations.delete(installation.id);
          return { status: 204 };
        }
        if (req.method !== 'GET') notAllowed(req);
        const expand = parseOr400(() => parseExpand(queryOption(req.query, 'expand') ?? ''));
        return {
          status: 200,
          body: {
            '@odata.context': context(`users('${user.id}')/teamwork/installedApps/$entity`),
            ...teamwork.installationJson(installation, expand),
          },
        };
      },
    };
  }
  return {
    kind: 'installed-app-chat',
    handle: (): EmulatedResponse => {
      if (req.method !== 'GET') notAllowed(req);
      const user = teamwork.user(userRef);
      const installation = teamwork.installation(user, installationRef);
      return {
        status: 200,
        body: {
          '@odata.context': context('chats/$entity'),
          ...pick(teamwork.chatJson(installation), parseSelect(queryOption(req.query, 'select'))),
        },
      };
    },
  };
}
