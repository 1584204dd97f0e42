import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
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
import { log } from '../../observability/log';

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

const tracer = trace.getTracer('reap');

/** A Graph URL for logs and traces: path only, ids kept, the query (filters, names) left out. */
function graphPath(request: Context['request']): { url: URL; path: string } {
  const url = new URL(typeof request === 'string' ? request : request.url);
  return { url, path: url.pathname };
}

/**
 * On every attempt at a Graph request (after the retry handler, so each retry counts): the ISV
 * User-Agent, a fresh `client-request-id` that Microsoft support can look up, a client span
 * (an Application Insights dependency) and a log line with Graph's own `request-id`.
 */
class GraphAttemptHandler implements Middleware {
  private next?: Middleware;

  async execute(context: Context): Promise<void> {
    const options = (context.options ??= {});
    const headers = new Headers(options.headers as ConstructorParameters<typeof Headers>[0]);
    const clientRequestId = randomUUID();
    headers.set('User-Agent', USER_AGENT);
    headers.set('client-request-id', clientRequestId);
    options.headers = Object.fromEntries(headers.entries());
    const method = (options.method ?? 'GET').toUpperCase();
    const { url, path } = graphPath(context.request);
    const started = performance.now();
    await tracer.startActiveSpan(
      `${method} ${url.host}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'http.request.method': method,
          'server.address': url.host,
          'url.full': `${url.origin}${path}`,
          'graph.client_request_id': clientRequestId,
        },
      },
      async (span) => {
        try {
          if (this.next) await this.next.execute(context);
          const status = context.response?.status ?? 0;
          const requestId = context.response?.headers.get('request-id') ?? undefined;
          span.setAttribute('http.response.status_code', status);
          if (requestId) span.setAttribute('graph.request_id', requestId);
          if (status >= 400) span.setStatus({ code: SpanStatusCode.ERROR });
          const fields = {
            graph: { method, path, status, ms: Math.round(performance.now() - started) },
            clientRequestId,
            requestId,
          };
          if (status === 429 || status === 503 || status === 504) {
            log.warn(
              { ...fields, retryAfter: context.response?.headers.get('retry-after') ?? undefined },
              'Graph throttled or busy; the request is retried',
            );
          } else {
            log.debug(fields, 'Graph request');
          }
        } catch (error) {
          span.recordException(error as Error);
          span.setStatus({ code: SpanStatusCode.ERROR });
          log.warn({ graph: { method, path }, clientRequestId, err: error }, 'Graph unreachable');
          throw error;
        } finally {
          span.end();
        }
      },
    );
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
 * The one Graph pipeline: token, then retry (honouring Retry-After on 429, 503 and 504), then
 * each attempt's User-Agent, client-request-id, trace span and log line, then HTTP. Every Graph call of the store goes through it.
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
  const attempt = new GraphAttemptHandler();
  const http = new HTTPMessageHandler();
  authentication.setNext(retry);
  retry.setNext(attempt);
  attempt.setNext(http);
  return Client.initWithMiddleware({
    middleware: authentication,
    baseUrl: `${config.graphEndpoint}/`,
    defaultVersion: 'v1.0',
    customHosts: new Set([new URL(config.graphEndpoint).hostname]),
  });
}
