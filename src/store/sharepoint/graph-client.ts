import fs from 'node:fs';
import { ConfidentialClientApplication } from '@azure/msal-node';
import {
  AuthenticationHandler,
  Client,
  HTTPMessageHandler,
  RetryHandler,
  RetryHandlerOptions,
  type AuthenticationProvider,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import type { SharePointConfig } from '../../config/config';

/**
 * SharePoint asks ISVs to say who they are in the User-Agent (`ISV|Company|App/Version`), so that
 * throttling treats the app's traffic as one well-behaved app rather than anonymous scripts.
 */
export const USER_AGENT = 'ISV|CityOfMilwaukee|reap/0.1';

/** App-only tokens from Entra with the client-credential flow; MSAL caches them until expiry. */
export class MsalAppOnlyTokens implements AuthenticationProvider {
  private readonly app: ConfidentialClientApplication;
  private readonly scope: string;

  constructor(config: SharePointConfig) {
    const authorityHost = new URL(config.authorityHost).host;
    this.app = new ConfidentialClientApplication({
      auth: {
        clientId: config.clientId,
        authority: `${config.authorityHost}/${config.tenantId}`,
        knownAuthorities: [authorityHost],
        ...(config.certificate
          ? {
              clientCertificate: {
                thumbprint: config.certificate.thumbprint,
                privateKey: fs.readFileSync(config.certificate.privateKeyPath, 'utf8'),
              },
            }
          : { clientSecret: config.clientSecret }),
      },
    });
    this.scope = `${config.graphEndpoint}/.default`;
  }

  async getAccessToken(): Promise<string> {
    const result = await this.app.acquireTokenByClientCredential({ scopes: [this.scope] });
    if (!result?.accessToken) throw new Error('Entra returned no access token for Graph');
    return result.accessToken;
  }
}

/** Sets the User-Agent on every Graph request. */
class UserAgentHandler implements Middleware {
  private next?: Middleware;

  async execute(context: Context): Promise<void> {
    const options = (context.options ??= {});
    const headers = new Headers(options.headers as ConstructorParameters<typeof Headers>[0]);
    headers.set('User-Agent', USER_AGENT);
    options.headers = Object.fromEntries(headers.entries());
    if (this.next) await this.next.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

export type GraphClientOptions = {
  /** Retries of a 429/503/504 before the error reaches the caller. @default 6 */
  maxRetries?: number;
  /** Seconds to wait before a retry when Graph sends no Retry-After. @default 1 */
  retryDelaySeconds?: number;
};

/**
 * The one Graph pipeline: token, then retry (honouring Retry-After on 429, 503 and 504), then the
 * User-Agent, then HTTP. Every Graph call of the store goes through it.
 */
export function createGraphClient(
  config: SharePointConfig,
  auth: AuthenticationProvider = new MsalAppOnlyTokens(config),
  options: GraphClientOptions = {},
): Client {
  const authentication = new AuthenticationHandler(auth);
  const retry = new RetryHandler(
    new RetryHandlerOptions(options.retryDelaySeconds ?? 1, options.maxRetries ?? 6),
  );
  const userAgent = new UserAgentHandler();
  const http = new HTTPMessageHandler();
  authentication.setNext(retry);
  retry.setNext(userAgent);
  userAgent.setNext(http);
  return Client.initWithMiddleware({
    middleware: authentication,
    baseUrl: `${config.graphEndpoint}/`,
    defaultVersion: 'v1.0',
    customHosts: new Set([new URL(config.graphEndpoint).hostname]),
  });
}
