import crypto from 'node:crypto';
import { SignJWT, exportJWK, jwtVerify, type JWK } from 'jose';
import type { EmulatedResponse } from './graph-response';

/** An app registration the token endpoint knows. */
export type EmulatedClient = {
  clientId: string;
  /** Accepted `client_secret`. */
  clientSecret?: string;
  /** PEM public key (or certificate) that verifies the `client_assertion` of a certificate credential. */
  certificatePublicKey?: string;
};

/** Graph's application id, the `aud` of v1 tokens for Graph is its URI. */
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';

type EntraError = {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
  error_uri: string;
};

/** Entra's error body (`{ error, error_description, error_codes, … }`). */
function entraError(
  status: number,
  error: string,
  code: number,
  description: string,
  correlationId: string,
): EmulatedResponse {
  const traceId = crypto.randomUUID();
  const body: EntraError = {
    error,
    error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${new Date().toISOString()}`,
    error_codes: [code],
    timestamp: new Date().toISOString(),
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${code}`,
  };
  return { status, body };
}

/** The claims the emulator checks on a Graph call. */
export type AccessTokenClaims = { appid: string; tid: string; roles: string[] };

/**
 * Entra ID's client-credential flow, enough for msal-node's `acquireTokenByClientCredential`:
 * OpenID metadata, instance discovery, the JWKS, and the v2.0 token endpoint issuing RS256 access
 * tokens for Graph that the Graph endpoints then verify.
 */
export class EntraEmulator {
  private readonly keys = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly kid = crypto.randomUUID();

  constructor(
    private readonly origin: () => string,
    readonly tenantId: string,
    private readonly options: {
      clients?: EmulatedClient[];
      tokenLifetimeSeconds: number;
      roles: string[];
    },
  ) {}

  private issuer(): string {
    return `https://sts.windows.net/${this.tenantId}/`;
  }

  openIdConfiguration(tenant: string): Record<string, unknown> {
    const base = `${this.origin()}/${tenant}`;
    return {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: [
        'client_secret_post',
        'private_key_jwt',
        'client_secret_basic',
      ],
      jwks_uri: `${this.origin()}/${tenant}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${base}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${this.origin()}/oidc/userinfo`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'tid', 'ver'],
      tenant_region_scope: 'NA',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
    };
  }

  instanceDiscovery(): Record<string, unknown> {
    const host = new URL(this.origin()).host;
    return {
      tenant_discovery_endpoint: `${this.origin()}/${this.tenantId}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    };
  }

  async jwks(): Promise<{ keys: JWK[] }> {
    const jwk = await exportJWK(this.keys.publicKey);
    return { keys: [{ ...jwk, kid: this.kid, use: 'sig', alg: 'RS256' }] };
  }

  /** Signs an app-only access token for Graph. */
  async issue(clientId: string, lifetimeSeconds = this.options.tokenLifetimeSeconds) {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      appid: clientId,
      appidacr: '1',
      idtyp: 'app',
      oid: crypto.randomUUID(),
      roles: this.options.roles,
      tid: this.tenantId,
      ver: '1.0',
    })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.kid })
      .setIssuer(this.issuer())
      .setAudience(GRAPH_RESOURCE)
      .setSubject(crypto.randomUUID())
      .setIssuedAt(now)
      .setNotBefore(now - 5)
      .setExpirationTime(now + lifetimeSeconds)
      .sign(this.keys.privateKey);
  }

  /**
   * Checks a Graph call's `Authorization` header.
   * @returns the claims, or the message Graph gives with 401 InvalidAuthenticationToken.
   */
  async verify(
    authorization: string | undefined,
  ): Promise<{ claims: AccessTokenClaims } | { message: string }> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) return { message: 'Access token is empty.' };
    if (token.split('.').length !== 3) {
      return { message: 'IDX14100: JWT is not well formed, there are no dots (.).' };
    }
    try {
      const { payload } = await jwtVerify(token, this.keys.publicKey, {
        issuer: this.issuer(),
        audience: GRAPH_RESOURCE,
      });
      return {
        claims: {
          appid: String(payload.appid ?? ''),
          tid: String(payload.tid ?? ''),
          roles: Array.isArray(payload.roles) ? payload.roles.map(String) : [],
        },
      };
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ERR_JWT_EXPIRED')
        return { message: 'Lifetime validation failed, the token is expired.' };
      if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') {
        return { message: 'Access token validation failure. Invalid audience.' };
      }
      return { message: 'Access token validation failure.' };
    }
  }

  /** `POST /{tenant}/oauth2/v2.0/token` with a form body. */
  async token(tenant: string, form: URLSearchParams): Promise<EmulatedResponse> {
    const correlationId = form.get('client-request-id') ?? crypto.randomUUID();
    if (tenant.toLowerCase() !== this.tenantId.toLowerCase()) {
      return entraError(
        400,
        'invalid_request',
        90002,
        `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
        correlationId,
      );
    }
    if (form.get('grant_type') !== 'client_credentials') {
      return entraError(
        400,
        'unsupported_grant_type',
        70003,
        `The app requested an unsupported grant type '${form.get('grant_type') ?? ''}'.`,
        correlationId,
      );
    }
    const scope = form.get('scope') ?? '';
    const resource = /^(\S+)\/\.default$/.exec(scope.trim())?.[1];
    if (!resource) {
      return entraError(
        400,
        'invalid_scope',
        1002012,
        `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
        correlationId,
      );
    }
    // Graph is the only resource here; the emulator's own address stands for it too.
    if (resource !== GRAPH_RESOURCE && resource !== this.origin()) {
      return entraError(
        400,
        'invalid_resource',
        500011,
        `The resource principal named ${resource} was not found in the tenant named ${this.tenantId}.`,
        correlationId,
      );
    }
    const clientId = form.get('client_id') ?? '';
    const refusal = await this.authenticateClient(clientId, form, correlationId);
    if (refusal) return refusal;
    const expiresIn = this.options.tokenLifetimeSeconds;
    return {
      status: 200,
      body: {
        token_type: 'Bearer',
        expires_in: expiresIn,
        ext_expires_in: expiresIn,
        access_token: await this.issue(clientId),
      },
    };
  }

  private async authenticateClient(
    clientId: string,
    form: URLSearchParams,
    correlationId: string,
  ): Promise<EmulatedResponse | undefined> {
    const secret = form.get('client_secret');
    const assertion = form.get('client_assertion');
    if (!secret && !assertion) {
      return entraError(
        401,
        'invalid_client',
        7000216,
        "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.",
        correlationId,
      );
    }
    const clients = this.options.clients;
    if (!clients) return undefined;
    const client = clients.find((c) => c.clientId === clientId);
    if (!client) {
      return entraError(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${clientId}' was not found in the directory '${this.tenantId}'.`,
        correlationId,
      );
    }
    if (secret !== null) {
      if (client.clientSecret !== undefined && client.clientSecret === secret) return undefined;
      return entraError(
        401,
        'invalid_client',
        7000215,
        'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.',
        correlationId,
      );
    }
    if (client.certificatePublicKey && assertion) {
      try {
        await jwtVerify(assertion, crypto.createPublicKey(client.certificatePublicKey), {
          issuer: clientId,
          subject: clientId,
          // MSAL sets nbf a second after iat; Entra allows minutes of clock skew.
          clockTolerance: 300,
        });
        return undefined;
      } catch {
        // Falls through to Entra's answer for a bad assertion.
      }
    }
    return entraError(
      401,
      'invalid_client',
      700027,
      'Client assertion failed signature validation.',
      correlationId,
    );
  }
}
