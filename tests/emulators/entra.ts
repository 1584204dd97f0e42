import crypto, { type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INetworkModule } from '@azure/msal-node';
import { SignJWT, exportJWK, jwtVerify, type JWK, type JWTPayload } from 'jose';

/** Bot Framework's channel token issuer and the audience of the bot's own tokens. */
export const BOT_FRAMEWORK = 'https://api.botframework.com';

/** A bot app registration the token endpoint knows. */
export type EmulatedBotApp = { appId: string; secret: string };

/** A request the emulator received. */
export type EntraRequest = { method: string; path: string; form?: URLSearchParams };

/** Which key signs a token: the published one, or one nobody published under the same key id. */
export type SigningKey = 'published' | 'rogue';

export type SsoTokenOptions = {
  /** Claims to set or (with `undefined`) leave out; defaults make a valid token. */
  claims?: Record<string, unknown>;
  key?: SigningKey;
  /** Seconds from now; negative for an expired token. @default 3600 */
  expiresIn?: number;
  /** The header's `alg`; `HS256` signs with the published public key as an HMAC secret. */
  alg?: 'RS256' | 'HS256';
};

export type ChannelTokenOptions = {
  audience: string;
  serviceUrl: string;
  key?: SigningKey;
  issuer?: string;
  expiresIn?: number;
};

export type EntraEmulator = {
  /** `http://127.0.0.1:PORT`: the tab's SSO authority (`AAD_AUTHORITY_HOST`). */
  url: string;
  /** `https://127.0.0.1:PORT`: the bot's authority (`BOT_AUTHORITY_HOST`); reached through `msalNetwork`. */
  httpsUrl: string;
  /** The Bot Framework channel OpenID metadata (`BOT_OPENID_METADATA_URL`). */
  botOpenIdMetadataUrl: string;
  tenantId: string;
  requests: EntraRequest[];
  /** How many times the tenant's signing keys were fetched. */
  jwksFetches(): number;
  /** A Teams SSO access token for reap's tab app, valid unless the options say otherwise. */
  ssoToken(clientId: string, oid: string, options?: SsoTokenOptions): Promise<string>;
  /** A token as Bot Framework signs it for a channel's request to the bot. */
  channelToken(options: ChannelTokenOptions): Promise<string>;
  /** Verifies a token this emulator's token endpoint issued to a bot; returns its claims. */
  issuedTokenClaims(token: string): Promise<JWTPayload>;
  /** MSAL's transport: `https://127.0.0.1:PORT` requests go to this emulator over http. */
  msalNetwork(): INetworkModule;
  close(): Promise<void>;
};

/** A JWT with `alg: none` and no signature. */
export function unsignedToken(payload: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(payload)}.`;
}

type KeyPair = { publicKey: KeyObject; privateKey: KeyObject };
const rsa = (): KeyPair => crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });

/**
 * Entra ID and Bot Framework's token services, on 127.0.0.1, with keys made at start:
 * - a tenant's v2.0 OpenID metadata and signing keys, against which the tab's SSO tokens verify;
 * - its token endpoint, issuing client-credential tokens to a bot app for the Bot Connector;
 * - Bot Framework's channel OpenID metadata, whose keys are endorsed for `msteams`.
 * Tokens are signed here by the tests; a `rogue` key signs under the published key id.
 */
export async function startEntraEmulator(
  options: { tenantId?: string; bots?: EmulatedBotApp[] } = {},
): Promise<EntraEmulator> {
  const tenantId = options.tenantId ?? crypto.randomUUID();
  const tenantKeys = rsa();
  const channelKeys = rsa();
  const rogue = rsa();
  const tenantKid = crypto.randomUUID();
  const channelKid = crypto.randomUUID();
  const requests: EntraRequest[] = [];
  let jwksFetches = 0;
  let origin = '';
  let httpsOrigin = '';

  const jwk = async (key: KeyObject, kid: string, extra: Record<string, unknown> = {}) =>
    ({ ...(await exportJWK(key)), kid, use: 'sig', alg: 'RS256', ...extra }) as JWK;

  const openIdConfiguration = () => {
    const base = `${httpsOrigin}/${tenantId}`;
    return {
      issuer: `${base}/v2.0`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt'],
      response_types_supported: ['code', 'id_token', 'token'],
      id_token_signing_alg_values_supported: ['RS256'],
      subject_types_supported: ['pairwise'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'tid', 'ver'],
    };
  };

  const tokenEndpoint = async (form: URLSearchParams) => {
    const fail = (status: number, error: string, description: string) => ({
      status,
      body: { error, error_description: description },
    });
    if (form.get('grant_type') !== 'client_credentials') {
      return fail(400, 'unsupported_grant_type', 'only client_credentials is emulated');
    }
    const app = (options.bots ?? []).find((b) => b.appId === form.get('client_id'));
    if (!app || app.secret !== form.get('client_secret')) {
      return fail(401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.');
    }
    if (form.get('scope') !== `${BOT_FRAMEWORK}/.default`) {
      return fail(400, 'invalid_scope', `scope ${form.get('scope') ?? ''} is not emulated`);
    }
    const now = Math.floor(Date.now() / 1000);
    const accessToken = await new SignJWT({ appid: app.appId, tid: tenantId, ver: '1.0' })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: tenantKid })
      .setIssuer(`https://sts.windows.net/${tenantId}/`)
      .setAudience(BOT_FRAMEWORK)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + 3600)
      .sign(tenantKeys.privateKey);
    return {
      status: 200,
      body: {
        token_type: 'Bearer',
        expires_in: 3599,
        ext_expires_in: 3599,
        access_token: accessToken,
      },
    };
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://emulator').pathname;
      const method = req.method ?? 'GET';
      const body = Buffer.concat(chunks).toString('utf8');
      const form = method === 'POST' ? new URLSearchParams(body) : undefined;
      requests.push({ method, path, ...(form ? { form } : {}) });
      const answer = async (): Promise<{ status: number; body: unknown }> => {
        if (method === 'GET' && path === `/${tenantId}/discovery/v2.0/keys`) {
          jwksFetches += 1;
          return { status: 200, body: { keys: [await jwk(tenantKeys.publicKey, tenantKid)] } };
        }
        if (method === 'GET' && path === `/${tenantId}/v2.0/.well-known/openid-configuration`) {
          return { status: 200, body: openIdConfiguration() };
        }
        if (method === 'POST' && path === `/${tenantId}/oauth2/v2.0/token` && form) {
          return tokenEndpoint(form);
        }
        if (method === 'GET' && path === '/botframework/v1/.well-known/openidconfiguration') {
          return {
            status: 200,
            body: {
              issuer: BOT_FRAMEWORK,
              authorization_endpoint: `${origin}/botframework/v1/authorize`,
              jwks_uri: `${origin}/botframework/v1/keys`,
              id_token_signing_alg_values_supported: ['RS256'],
              token_endpoint_auth_methods_supported: ['private_key_jwt'],
            },
          };
        }
        if (method === 'GET' && path === '/botframework/v1/keys') {
          const key = await jwk(channelKeys.publicKey, channelKid, { endorsements: ['msteams'] });
          return { status: 200, body: { keys: [key] } };
        }
        return {
          status: 404,
          body: { error: 'not_found', error_description: `${method} ${path}` },
        };
      };
      answer()
        .then(({ status, body: out }) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(out));
        })
        .catch((error: unknown) => {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: 'emulator', error_description: String(error) }));
        });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  httpsOrigin = `https://127.0.0.1:${port}`;

  const signer = (key: SigningKey, pair: KeyPair) =>
    key === 'rogue' ? rogue.privateKey : pair.privateKey;

  return {
    url: origin,
    httpsUrl: httpsOrigin,
    botOpenIdMetadataUrl: `${origin}/botframework/v1/.well-known/openidconfiguration`,
    tenantId,
    requests,
    jwksFetches: () => jwksFetches,
    async ssoToken(clientId, oid, o = {}) {
      const now = Math.floor(Date.now() / 1000);
      const claims: Record<string, unknown> = {
        iss: `${origin}/${tenantId}/v2.0`,
        aud: clientId,
        tid: tenantId,
        oid,
        sub: crypto.createHash('sha256').update(oid).digest('base64url'),
        scp: 'access_as_user',
        azp: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346', // Teams web client
        ver: '2.0',
        iat: now,
        nbf: now,
        exp: now + (o.expiresIn ?? 3600),
        ...o.claims,
      };
      for (const [name, value] of Object.entries(claims))
        if (value === undefined) delete claims[name];
      const jwt = new SignJWT(claims as JWTPayload);
      if (o.alg === 'HS256') {
        const secret = tenantKeys.publicKey.export({ type: 'spki', format: 'pem' });
        return jwt
          .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: tenantKid })
          .sign(new Uint8Array(Buffer.from(secret)));
      }
      return jwt
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: tenantKid })
        .sign(signer(o.key ?? 'published', tenantKeys));
    },
    async channelToken(o) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ serviceurl: o.serviceUrl })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: channelKid })
        .setIssuer(o.issuer ?? BOT_FRAMEWORK)
        .setAudience(o.audience)
        .setIssuedAt(now)
        .setNotBefore(now)
        .setExpirationTime(now + (o.expiresIn ?? 3600))
        .sign(signer(o.key ?? 'published', channelKeys));
    },
    async issuedTokenClaims(token) {
      const { payload } = await jwtVerify(token, tenantKeys.publicKey, { audience: BOT_FRAMEWORK });
      return payload;
    },
    msalNetwork() {
      const send = async <T>(
        method: 'GET' | 'POST',
        url: string,
        headers?: Record<string, string>,
        body?: string,
      ) => {
        const res = await fetch(url.replace(httpsOrigin, origin), {
          method,
          ...(headers ? { headers } : {}),
          ...(body === undefined ? {} : { body }),
        });
        const text = await res.text();
        return {
          headers: Object.fromEntries([...res.headers.entries()]),
          body: (text ? JSON.parse(text) : {}) as T,
          status: res.status,
        };
      };
      return {
        sendGetRequestAsync: (url, options) => send('GET', url, options?.headers),
        sendPostRequestAsync: (url, options) => send('POST', url, options?.headers, options?.body),
      };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
