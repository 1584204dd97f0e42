import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import type { TabAuthConfig } from '../../config/config';

/** The claims reap uses from a verified Teams SSO token. */
export type SsoIdentity = {
  /** Entra object id of the signed-in person. */
  oid: string;
  tid: string;
  /** App roles assigned to the person on reap's app registration. */
  roles: string[];
  /** Group object ids, when the app registration emits them (absent on a groups overage). */
  groups: string[];
};

/** Why a token was refused; logged, never sent to the caller beyond `invalid_token`. */
export type TokenRejection =
  | 'not-configured'
  | 'malformed'
  | 'signature'
  | 'algorithm'
  | 'expired'
  | 'issuer'
  | 'audience'
  | 'tenant'
  | 'scope'
  | 'claims'
  | 'keys-unavailable';

/** A bearer token that is not a valid Teams SSO token for reap. */
export class TokenRejected extends Error {
  constructor(
    readonly reason: TokenRejection,
    detail: string,
  ) {
    super(`SSO token rejected (${reason}): ${detail}`);
    this.name = 'TokenRejected';
  }
}

/** The delegated scope the tab's token must carry (the app registration's exposed API). */
export const SSO_SCOPE = 'access_as_user';

/** How late or early a token may be, for clocks that drift. */
const CLOCK_TOLERANCE_SECONDS = 60;

export type SsoTokenVerifier = { verify(token: string): Promise<SsoIdentity> };

/**
 * Verifies Teams SSO access tokens (Entra ID v2.0) for reap's tab app: RS256 signature against
 * the tenant's published keys (fetched once, cached, refetched on an unknown key id at most every
 * 30 s), issuer `{authority}/{tenant}/v2.0`, audience the client id or the Application ID URI,
 * `tid` the configured tenant, expiry and not-before with a minute's tolerance, and the
 * `access_as_user` scope. Requires the app registration's `accessTokenAcceptedVersion: 2`.
 */
export function createSsoTokenVerifier(tabAuth: TabAuthConfig): SsoTokenVerifier {
  const { clientId, tenantId, appIdUri, authorityHost } = tabAuth;
  if (!clientId || !tenantId) {
    return {
      verify: () =>
        Promise.reject(
          new TokenRejected(
            'not-configured',
            'AAD_APP_CLIENT_ID and AAD_APP_TENANT_ID are not set',
          ),
        ),
    };
  }
  const issuer = `${authorityHost}/${tenantId}/v2.0`;
  const keys = createRemoteJWKSet(new URL(`${authorityHost}/${tenantId}/discovery/v2.0/keys`), {
    timeoutDuration: 5000,
    cooldownDuration: 30_000,
    cacheMaxAge: 24 * 3600_000,
  });
  const audience = [
    ...new Set([clientId, clientId.toLowerCase(), ...(appIdUri ? [appIdUri] : [])]),
  ];
  return {
    async verify(token) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          algorithms: ['RS256'],
          issuer,
          audience,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          requiredClaims: ['exp', 'iat', 'tid', 'oid'],
        }));
      } catch (error) {
        throw rejection(error);
      }
      if (String(payload.tid).toLowerCase() !== tenantId) {
        throw new TokenRejected('tenant', `tid ${String(payload.tid)}`);
      }
      const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
      if (!scopes.includes(SSO_SCOPE)) {
        throw new TokenRejected('scope', `scp does not include ${SSO_SCOPE}`);
      }
      if (typeof payload.oid !== 'string' || payload.oid === '') {
        throw new TokenRejected('claims', 'oid is not a string');
      }
      return {
        oid: payload.oid.toLowerCase(),
        tid: String(payload.tid).toLowerCase(),
        roles: strings(payload.roles),
        groups: strings(payload.groups).map((g) => g.toLowerCase()),
      };
    },
  };
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** jose's error, as the reason reap logs. */
function rejection(error: unknown): TokenRejected {
  const detail = error instanceof Error ? error.message : String(error);
  if (error instanceof errors.JWTExpired) return new TokenRejected('expired', detail);
  if (error instanceof errors.JWTClaimValidationFailed) {
    const claim = error.claim;
    if (claim === 'iss') return new TokenRejected('issuer', detail);
    if (claim === 'aud') return new TokenRejected('audience', detail);
    return new TokenRejected('claims', detail);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return new TokenRejected('algorithm', detail);
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys
  ) {
    return new TokenRejected('signature', detail);
  }
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) {
    return new TokenRejected('keys-unavailable', detail);
  }
  if (error instanceof errors.JOSEError) return new TokenRejected('malformed', detail);
  // Fetching the keys failed (network): the token could not be checked, so it is not accepted.
  return new TokenRejected('keys-unavailable', detail);
}
