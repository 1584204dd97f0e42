import { trace } from '@opentelemetry/api';
import type restify from 'restify';
import {
  addToLogContext,
  correlationIdFrom,
  log,
  withLogContext,
  type LogContext,
} from '../../observability/log';

/** The probes: logged at debug, or they would fill the log once a minute per instance. */
const PROBES = new Set(['/healthz', '/readyz']);

/**
 * Gives every request a correlation id (the client's `x-correlation-id` when well formed, else a
 * new one), answers it in the `x-correlation-id` header, tags the request's trace with it, runs
 * the request's handlers in its log context, and logs one line when the answer is sent: method,
 * route, status and milliseconds (with the bot activity's id and type for `/api/messages`).
 */
export function logRequests(server: restify.Server): void {
  server.pre((req, res, next) => {
    const fields: LogContext = {
      correlationId: correlationIdFrom(req.header('x-correlation-id') || undefined),
    };
    res.setHeader('x-correlation-id', fields.correlationId);
    trace.getActiveSpan()?.setAttribute('reap.correlation_id', fields.correlationId);
    const started = performance.now();
    const done = (aborted: boolean) => {
      const path = req.getRoute()?.path ?? req.getPath();
      const line = {
        ...fields,
        http: {
          method: req.method,
          path: String(path),
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
          ...(aborted ? { aborted: true } : {}),
        },
      };
      if (PROBES.has(req.getPath())) log.debug(line, 'request');
      else if (res.statusCode >= 500) log.error(line, 'request failed');
      else if (aborted) log.warn(line, 'request aborted before the answer was sent');
      else log.info(line, 'request');
    };
    // One line per request: when the answer is sent, or when the caller goes away before.
    res.once('finish', () => done(false));
    res.once('close', () => {
      if (!res.writableFinished) done(true);
    });
    // The log context object is the one `fields` points to: what handlers add (the activity)
    // shows on the request's line too.
    contexts.set(req, fields);
    withLogContext(fields, () => next());
  });
}

const contexts = new WeakMap<restify.Request, LogContext>();

/**
 * Puts the request's log context back for the handlers that follow: reading the body waits on
 * the socket's events, which run outside it. `server.use` it after the body parsers.
 */
export function resumeLogContext(
  req: restify.Request,
  _res: restify.Response,
  next: restify.Next,
): void {
  const fields = contexts.get(req);
  if (fields) withLogContext(fields, () => next());
  else next();
}

/** Marks the request as carrying a bot activity: its id, type and name on log lines and trace. */
export function tagActivity(activity: { id?: string; type: string; name?: string }): void {
  addToLogContext({
    activityType: activity.type,
    ...(activity.id ? { activityId: activity.id } : {}),
    ...(activity.name ? { activityName: activity.name } : {}),
  });
  trace.getActiveSpan()?.setAttributes({
    'reap.activity.type': activity.type,
    ...(activity.id ? { 'reap.activity.id': activity.id } : {}),
    ...(activity.name ? { 'reap.activity.name': activity.name } : {}),
  });
}
