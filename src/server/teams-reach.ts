import type { Reacher } from '../campaigns/sender';
import { TeamsInstaller } from '../campaigns/teams-installer';
import { conversationIdOf } from '../campaigns/campaign-service';
import type { Config } from '../config/config';
import type { Clock } from '../services/clock';
import type { PlanStore } from '../store/plan-store';
import { createGraphClient } from '../store/sharepoint/graph-client';

/** Installs at most this many a second: Graph allows 30 POSTs a second per app per tenant. */
const INSTALLS_PER_SECOND = 10;

/**
 * When TEAMS_APP_CATALOG_ID is set: people without a conversation get the app installed through
 * Graph (with the bot's own identity, which `TeamsAppInstallation.ReadWriteSelfForUser.All`
 * lets install only itself), and the conversation found is kept for later campaigns.
 * Otherwise undefined: such people are listed as "not installed".
 */
export function teamsReach(config: Config, store: PlanStore, clock: Clock): Reacher | undefined {
  const { installTeamsAppId, serviceUrl, graphEndpoint, graphAuthorityHost } = config.campaign;
  const { appId, password, tenantId } = config.bot;
  if (!installTeamsAppId || !appId || !password || !tenantId) return undefined;
  const client = createGraphClient({
    siteUrl: '',
    tenantId,
    clientId: appId,
    clientSecret: password,
    graphEndpoint,
    authorityHost: graphAuthorityHost,
  });
  const installer = new TeamsInstaller({
    client,
    teamsAppId: installTeamsAppId,
    botId: appId,
    tenantId,
    serviceUrl,
    graphEndpoint,
  });
  let next = 0;
  const paced = async () => {
    const at = Math.max(Date.now(), next);
    next = at + 1000 / INSTALLS_PER_SECOND;
    if (at > Date.now()) await new Promise((r) => setTimeout(r, at - Date.now()));
  };
  return async (message) => {
    const person = await store.getPerson(message.personId);
    if (!person) return { ok: false, state: 'gone', detail: 'no longer on the roster' };
    await paced();
    const outcome = await installer.install(person);
    if (outcome.ok) {
      const conversationId = conversationIdOf(outcome.reference);
      if (!conversationId) {
        return { ok: false, state: 'failed', detail: 'Graph gave no chat for the installation' };
      }
      await store.saveConversation({
        personId: person.id,
        reference: outcome.reference,
        updatedAt: clock.now().toISOString(),
      });
      return { ok: true, reference: outcome.reference, conversationId };
    }
    switch (outcome.reason) {
      case 'gone':
        return { ok: false, state: 'gone', detail: outcome.detail };
      case 'throttled':
        return {
          ok: false,
          state: 'queued',
          detail: outcome.detail,
          retryAfterMs: outcome.retryAfterMs ?? 5000,
        };
      case 'not-permitted':
        return {
          ok: false,
          state: 'not_installed',
          detail: `could not install reap for them: ${outcome.detail}`,
        };
      default:
        return { ok: false, state: 'failed', detail: outcome.detail };
    }
  };
}
