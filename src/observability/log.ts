import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import pino, { type Logger } from 'pino';

/** pino's levels, and `silent` for none. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * What every log line written while handling one request, bot activity or background job carries:
 * the correlation id (also the `x-correlation-id` response header and the `reference` of a 500),
 * and for a bot activity its id and type.
 */
export type LogContext = {
  correlationId: string;
  activityId?: string;
  activityType?: string;
  activityName?: string;
  /** The background job (campaign sender, quarterly reminder, inbox flush) this line comes from. */
  job?: string;
};

const context = new AsyncLocalStorage<LogContext>();

/** Where lines go: standard output (App Service keeps it), or a test's capture. */
type Sink = { write(line: string): unknown };
const stdout: Sink = pino.destination({ dest: 1, sync: true });
let sink: Sink = stdout;

/** The fields of the context the line is written in, and the OpenTelemetry trace it belongs to. */
function contextFields(): Record<string, string> {
  const fields: Record<string, string> = { ...context.getStore() };
  const span = trace.getActiveSpan()?.spanContext();
  // With Application Insights on, its operation id is the trace id: a log line finds its request.
  if (span && isSpanContextValid(span)) {
    fields.traceId = span.traceId;
    fields.spanId = span.spanId;
  }
  return fields;
}

/**
 * reap's one logger: JSON lines (pino) on standard output, each with its level as a word, an ISO
 * time, and the correlation fields of the request or activity it was written for.
 */
export const log: Logger = pino(
  {
    name: 'reap',
    level: 'info',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: contextFields,
    // Tokens and secrets never reach a log, whatever object a caller passes.
    redact: {
      paths: [
        'authorization',
        'headers.authorization',
        '*.headers.authorization',
        'password',
        '*.password',
        'token',
        '*.token',
        'clientSecret',
        '*.clientSecret',
      ],
      censor: '[redacted]',
    },
  },
  { write: (line: string) => sink.write(line) },
);

/** Sets the level (LOG_LEVEL) for every line from now on. */
export function setLogLevel(level: LogLevel): void {
  log.level = level;
}

/**
 * Sends log lines to `write` instead of standard output, until the returned function is called.
 * For a host that collects lines itself, and for tests that read what was logged.
 */
export function logTo(write: (line: string) => void): () => void {
  const previous = sink;
  sink = { write };
  return () => {
    sink = previous;
  };
}

/**
 * Runs `work` with `fields` on every line it logs, across its awaits. `fields` is the context
 * itself: what `addToLogContext` adds later shows on the caller's object too.
 */
export function withLogContext<T>(fields: LogContext, work: () => T): T {
  return context.run(fields, work);
}

/** Adds fields to the current request's or activity's context (e.g. the activity id, once parsed). */
export function addToLogContext(fields: Partial<LogContext>): void {
  const current = context.getStore();
  if (current) Object.assign(current, fields);
}

/** The correlation id of the request or activity being handled, if any. */
export function currentCorrelationId(): string | undefined {
  return context.getStore()?.correlationId;
}

/** A correlation id as a client may send it (`x-correlation-id`): short, no spaces or quotes. */
const CLIENT_CORRELATION_ID = /^[\w.:-]{8,128}$/;

/** The client's correlation id when it is well formed, else a new one. */
export function correlationIdFrom(header: string | undefined): string {
  return header && CLIENT_CORRELATION_ID.test(header) ? header : randomUUID();
}

/** Runs a background job's round with its own correlation id, so its lines can be followed. */
export function asJob<T>(job: string, work: () => T): T {
  return withLogContext({ correlationId: randomUUID(), job }, work);
}
