import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type restify from 'restify';
import { loadConfig, type Config } from '../../src/config/config';
import { closeReapServer, createServer } from '../../src/server/app';
import { systemClock, type Clock } from '../../src/services/clock';
import { seedDemoCity } from '../../src/services/demo/demo-city';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { TENANT_ID } from '../bot/teams-activities';
import { startBotConnectorEmulator, type BotConnectorEmulator } from '../emulators/bot-connector';
import { startEntraEmulator, type EntraEmulator, type SsoTokenOptions } from '../emulators/entra';
import { tempDir } from '../support/temp-dir';

/** reap as a city runs it: bot and tab identities set, tokens checked against local emulators. */
export type SecuredReap = {
  url: string;
  config: Config;
  store: SqliteStore;
  server: restify.Server;
  entra: EntraEmulator;
  connector: BotConnectorEmulator;
  /** The tab app's client id (`AAD_APP_CLIENT_ID`). */
  clientId: string;
  /** The bot app id (`BOT_ID`). */
  botId: string;
  /** A valid SSO token for the person with this Entra object id, unless `options` spoil it. */
  ssoToken(aadObjectId: string, options?: SsoTokenOptions): Promise<string>;
  /** Calls the API with a bearer token (or none). */
  api(
    apiPath: string,
    o?: { token?: string; method?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  /** Posts an activity to the bot endpoint with a valid channel token, or the given header. */
  postActivity(activity: Record<string, unknown>, authorization?: string | null): Promise<Response>;
  close(): Promise<void>;
};

/**
 * Starts reap outside local mode (`BOT_ID`, `AAD_APP_CLIENT_ID` set), on the demo city, with the
 * Entra and Bot Framework token services and the Bot Connector emulated on 127.0.0.1.
 */
export async function startSecuredReap(
  o: { clock?: Clock; env?: Record<string, string> } = {},
): Promise<SecuredReap> {
  const botId = crypto.randomUUID();
  const botSecret = crypto.randomBytes(16).toString('hex');
  const clientId = crypto.randomUUID();
  const entra = await startEntraEmulator({
    tenantId: TENANT_ID,
    bots: [{ appId: botId, secret: botSecret }],
  });
  const connector = await startBotConnectorEmulator();
  const dataDir = tempDir();
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    REAP_SEED: 'none',
    BOT_ID: botId,
    BOT_PASSWORD: botSecret,
    BOT_TENANT_ID: TENANT_ID,
    // Conversations reap creates (installing the app for someone) go to the emulated connector.
    BOT_SERVICE_URL: connector.url,
    BOT_OPENID_METADATA_URL: entra.botOpenIdMetadataUrl,
    BOT_AUTHORITY_HOST: entra.httpsUrl,
    AAD_APP_CLIENT_ID: clientId,
    AAD_APP_TENANT_ID: TENANT_ID,
    AAD_AUTHORITY_HOST: entra.url,
    ...o.env,
  });
  const store = new SqliteStore(path.join(dataDir, 'reap.sqlite'));
  await seedDemoCity(store);
  const server = createServer({
    config,
    store,
    clock: o.clock ?? systemClock,
    entraNetwork: entra.msalNetwork(),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${server.address().port}`;

  return {
    url,
    config,
    store,
    server,
    entra,
    connector,
    clientId,
    botId,
    ssoToken: (aadObjectId, options) => entra.ssoToken(clientId, aadObjectId, options),
    api: (apiPath, a = {}) =>
      fetch(`${url}${apiPath}`, {
        method: a.method ?? 'GET',
        headers: {
          ...(a.token ? { authorization: `Bearer ${a.token}` } : {}),
          ...(a.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...a.headers,
        },
        ...(a.body === undefined ? {} : { body: JSON.stringify(a.body) }),
      }),
    async postActivity(activity, authorization) {
      const header =
        authorization === undefined
          ? `Bearer ${await entra.channelToken({
              audience: botId,
              serviceUrl: String(activity.serviceUrl),
            })}`
          : authorization;
      return fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(header === null ? {} : { authorization: header }),
        },
        body: JSON.stringify(activity),
      });
    },
    async close() {
      await closeReapServer(server);
      await store.close();
      await connector.close();
      await entra.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
