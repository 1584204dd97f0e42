import type restify from 'restify';
import { AccessDenied, decide, type Action, type Actor } from '../../domain/authorization';
import { TokenRejected } from '../auth/sso-token-verifier';
import { toHttpError } from '../http-errors';
import type { PreparedJson } from './prepared-json';
import type { RateLimiter } from './rate-limit';

/** What a route's handler works with: the verified actor and the request's raw input. */
export type RouteContext = {
  actor: Actor;
  /** Path parameters, unparsed: the handler parses them with its schema. */
  params: Record<string, unknown>;
  /** The query string, unparsed. */
  query: unknown;
  /** The JSON body, unparsed (undefined when there is none). */
  body: unknown;
};

/**
 * A file to send as it is (a report as HTML or Word, a CSV export): its type, a name when it is to
 * be saved rather than shown, and a Content Security Policy of its own when it is a page.
 */
export type FileAnswer = {
  contentType: string;
  bytes: Buffer;
  /** Set: `Content-Disposition: attachment` with this name. */
  downloadAs?: string;
  /** Replaces the API's policy for this answer (an HTML page with its own style sheet). */
  contentSecurityPolicy?: string;
};

/** A handler's answer: a body to serialise, JSON prepared once for many requests, or a file. */
export type RouteAnswer =
  | { status?: number; body: unknown }
  | { status?: number; json: PreparedJson }
  | { status?: number; file: FileAnswer };

/**
 * One route of the tab's API. The wrapper identifies the caller, rate-limits them, and asks
 * `decide` about `action` before the handler runs; a handler that works on a record asks again
 * with the record. Then the handler parses its input with its schema, calls one service, answers.
 */
export type ApiRoute = {
  method: 'get' | 'post';
  /** A restify path, e.g. `/api/my/trainings/:trainingId/complete`. */
  path: string;
  /** The action asked of the authorisation module for every request to this route. */
  action: Action;
  handle(context: RouteContext): Promise<RouteAnswer>;
};

export type MountOptions = {
  identify(req: restify.Request): Promise<Actor>;
  limiter: RateLimiter;
  /** In local mode an unidentified caller is told to use the identity picker. */
  localMode: boolean;
};

/**
 * The rate limit's key: the verified person. Callers without a verified identity share one
 * bucket: behind App Service's front ends every request comes from a few proxy addresses, and a
 * forwarded address is whatever the client wrote, so neither identifies anyone. They are only
 * ever refused (401/403), so a flood of them slows no signed-in person down.
 */
function limitKey(actor: Actor | undefined): string {
  return actor?.kind === 'person' ? `person:${actor.aadObjectId}` : 'unverified';
}

/** The parsed body; a request without a byte of body has none (JSON `""` is a body). */
function bodyOf(req: restify.Request): unknown {
  const raw: unknown = (req as restify.Request & { rawBody?: unknown }).rawBody ?? req.body;
  if (raw === undefined || raw === '' || (Buffer.isBuffer(raw) && raw.length === 0)) {
    return undefined;
  }
  return req.body;
}

function send(
  res: restify.Response,
  status: number,
  body: unknown,
  headers?: Record<string, string>,
) {
  if (res.headersSent) return;
  for (const [name, value] of Object.entries(headers ?? {})) res.setHeader(name, value);
  res.send(status, body);
}

/** Sends prepared JSON, gzipped when the client accepts it (Teams' web views and `fetch` do). */
function sendPrepared(
  req: restify.Request,
  res: restify.Response,
  status: number,
  json: PreparedJson,
): void {
  if (res.headersSent) return;
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Vary', 'Accept-Encoding');
  if (gzip) res.setHeader('Content-Encoding', 'gzip');
  res.sendRaw(status, gzip ? json.gzip : json.text);
}

function sendFile(res: restify.Response, status: number, file: FileAnswer): void {
  if (res.headersSent) return;
  res.setHeader('Content-Type', file.contentType);
  if (file.downloadAs) {
    res.setHeader('Content-Disposition', `attachment; filename="${file.downloadAs}"`);
  }
  if (file.contentSecurityPolicy) {
    res.setHeader('Content-Security-Policy', file.contentSecurityPolicy);
  }
  res.sendRaw(status, file.bytes);
}

/** Mounts `routes` on `server`, each behind identification, the rate limit and authorisation. */
export function mountApiRoutes(
  server: restify.Server,
  routes: readonly ApiRoute[],
  options: MountOptions,
): void {
  for (const route of routes) {
    const handler: restify.RequestHandler = (req, res, next) => {
      const run = async () => {
        let actor: Actor;
        try {
          actor = await options.identify(req);
        } catch (error) {
          // Failed sign-ins count too, so guessing costs.
          if (error instanceof TokenRejected) options.limiter.take(limitKey(undefined));
          throw error;
        }
        options.limiter.take(limitKey(actor));
        const decision = decide(actor, route.action);
        if (!decision.allowed) {
          const local = options.localMode && decision.reason === 'unauthenticated';
          throw new AccessDenied(
            decision.reason,
            local ? 'Pick who you are in the identity picker (local mode).' : decision.message,
          );
        }
        const answer = await route.handle({
          actor,
          params: { ...(req.params as Record<string, unknown> | undefined) },
          query: req.query ?? {},
          body: bodyOf(req),
        });
        if ('json' in answer) sendPrepared(req, res, answer.status ?? 200, answer.json);
        else if ('file' in answer) sendFile(res, answer.status ?? 200, answer.file);
        else send(res, answer.status ?? 200, answer.body);
      };
      run()
        .catch((error: unknown) => {
          const { status, body, headers } = toHttpError(error);
          send(res, status, body, headers);
        })
        .finally(() => next());
    };
    server[route.method](route.path, handler);
  }
}
