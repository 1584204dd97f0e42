import type { Client } from '@microsoft/microsoft-graph-client';
import type { ConversationReference } from 'botbuilder';
import { statusOf, toGraphError } from '../store/sharepoint/graph-error';
import { retryAfterMs } from './transport';

/** A person to install the bot for: reap's id, and their Entra object id (Graph's user id). */
export type InstallTarget = { id: string; aadObjectId: string };

/**
 * What became of one installation. `gone`: Graph knows no such user (left the city, deleted);
 * `not-permitted`: Graph refused (403: the permission is not granted, or a policy blocks the app
 * for this person); `throttled`: Graph still answered 429 after the client's retries; `failed`:
 * anything else, worth trying again later.
 */
export type InstallOutcome =
  | { ok: true; reference: Partial<ConversationReference> }
  | {
      ok: false;
      reason: 'gone' | 'not-permitted' | 'throttled' | 'failed';
      detail: string;
      retryAfterMs?: number;
    };

export type TeamsInstallerOptions = {
  /** A Graph client authenticated app-only, with its retry middleware (`createGraphClient`). */
  client: Client;
  /** The app's id in the organisation's app catalog (not the manifest id). */
  teamsAppId: string;
  /** The bot's Entra app id (`BOT_ID`). */
  botId: string;
  /** The city's tenant id. */
  tenantId: string;
  /** The Bot Connector's service URL for the tenant, e.g. `https://smba.trafficmanager.net/amer/`. */
  serviceUrl: string;
  /**
   * Graph's root in `teamsApp@odata.bind`; only for national clouds.
   * @default 'https://graph.microsoft.com'
   */
  graphEndpoint?: string;
};

/** The call under way: a 404 means the user is gone only where the user is addressed. */
type Step = 'install' | 'find' | 'chat';

const STEP_NAMES: Record<Step, string> = {
  install: 'installing the app',
  find: 'finding the installation',
  chat: 'getting the chat',
};

/**
 * Installs reap's bot in a person's personal scope through Microsoft Graph and returns the
 * conversation reference of their 1:1 chat with it, so that someone who never opened the bot can
 * get a proactive message. Three documented calls: "Install app for user"
 * (`POST /users/{id}/teamwork/installedApps`; 409 Conflict means already installed, which is
 * fine), "List apps installed for user" filtered on the catalog id, and "Get chat between user
 * and app" (`GET /users/{id}/teamwork/installedApps/{installation-id}/chat`).
 *
 * Permission: `TeamsAppInstallation.ReadWriteSelfForUser.All` (application), with admin consent.
 * It is the least privileged one for the install, and covers the two reads. It lets an app install
 * only itself, so the Graph client must sign in as the Entra app the Teams app names (its
 * manifest's `webApplicationInfo.id`); with another app registration the broader
 * `TeamsAppInstallation.ReadWriteForUser.All` is needed. An admin may also block the app by
 * policy: Graph answers 403 either way, reported as `not-permitted`.
 *
 * Throttling ("Microsoft Graph service-specific throttling limits", Microsoft Teams service): GET
 * and POST on `installedApps` are each limited to 30 requests per second per app per tenant (600
 * GET and 300 POST per second per app across tenants). One installation costs one POST and two
 * GETs; callers run installations one at a time, well under that. The Graph client's retry
 * middleware honours Retry-After; a 429 that still comes back is reported as `throttled` with the
 * wait Graph asked for.
 */
export class TeamsInstaller {
  private readonly bind: string;

  constructor(private readonly options: TeamsInstallerOptions) {
    const endpoint = (options.graphEndpoint ?? 'https://graph.microsoft.com').replace(/\/+$/, '');
    this.bind = `${endpoint}/v1.0/appCatalogs/teamsApps/${options.teamsAppId}`;
  }

  /** Installs the bot for `person` (if not yet) and returns the reference of their chat with it. */
  async install(person: InstallTarget): Promise<InstallOutcome> {
    const { client, teamsAppId } = this.options;
    const installedApps = `/users/${encodeURIComponent(person.aadObjectId)}/teamwork/installedApps`;
    let step: Step = 'install';
    try {
      try {
        await client.api(installedApps).post({ 'teamsApp@odata.bind': this.bind });
      } catch (error) {
        // Already installed: by an earlier run, the person, or an admin's setup policy.
        if (statusOf(error) !== 409) throw error;
      }
      step = 'find';
      const found = (await client
        .api(installedApps)
        .expand('teamsApp')
        .filter(`teamsApp/id eq '${teamsAppId.replace(/'/g, "''")}'`)
        .get()) as { value?: Array<{ id?: string }> };
      const installationId = found.value?.[0]?.id;
      if (!installationId) {
        return { ok: false, reason: 'failed', detail: `${this.what(step, person)}: none listed` };
      }
      step = 'chat';
      const chat = (await client
        .api(`${installedApps}/${encodeURIComponent(installationId)}/chat`)
        .get()) as { id?: string };
      if (!chat.id) {
        return { ok: false, reason: 'failed', detail: `${this.what(step, person)}: no chat id` };
      }
      return { ok: true, reference: this.reference(chat.id, person.aadObjectId) };
    } catch (error) {
      return this.outcome(step, person, error);
    }
  }

  /** The reference botbuilder's `continueConversationAsync` needs to post into the chat. */
  private reference(chatId: string, aadObjectId: string): Partial<ConversationReference> {
    return {
      channelId: 'msteams',
      serviceUrl: this.options.serviceUrl,
      bot: { id: `28:${this.options.botId}`, name: '' },
      user: { id: aadObjectId, name: '', aadObjectId },
      conversation: {
        id: chatId,
        conversationType: 'personal',
        isGroup: false,
        tenantId: this.options.tenantId,
        name: '',
      },
    };
  }

  private what(step: Step, person: InstallTarget): string {
    return `${STEP_NAMES[step]} for ${person.id}`;
  }

  /** Graph's answer, or no answer, as an outcome. */
  private outcome(step: Step, person: InstallTarget, error: unknown): InstallOutcome {
    const status = statusOf(error);
    const detail = toGraphError(error, this.what(step, person)).message;
    // The chat is looked up last, right after the install: a 404 there proves no one is gone.
    if (status === 404 && step !== 'chat') return { ok: false, reason: 'gone', detail };
    if (status === 403) return { ok: false, reason: 'not-permitted', detail };
    if (status === 429) {
      const headers = (error as { headers?: { get?(name: string): string | null } }).headers;
      const wait = retryAfterMs(headers?.get?.('Retry-After') ?? undefined);
      return {
        ok: false,
        reason: 'throttled',
        detail,
        ...(wait !== undefined ? { retryAfterMs: wait } : {}),
      };
    }
    return { ok: false, reason: 'failed', detail };
  }
}
