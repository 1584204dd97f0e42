import { Conflict, Forbidden, NotFound, ValidationError } from '../domain';
import { AccessDenied } from '../domain/authorization';
import { TokenRejected } from './auth/sso-token-verifier';
import { RateLimited } from './http/rate-limit';
import { currentCorrelationId, log } from '../observability/log';

export type HttpError = {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
};

const SIGN_IN_AGAIN = 'Your sign-in could not be verified. Reload the tab in Microsoft Teams.';

/**
 * The one place errors become HTTP answers. Messages are written for people and never carry a
 * stack or the raw input; anything unexpected is a logged 500 with no detail.
 */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof ValidationError) {
    return {
      status: 400,
      body: { error: 'validation', field: error.field, rule: error.rule, message: error.message },
    };
  }
  if (error instanceof TokenRejected) {
    if (error.reason === 'keys-unavailable') {
      log.error({ err: error }, 'could not check a sign-in token');
      return {
        status: 503,
        body: {
          error: 'sign_in_unavailable',
          message: 'Sign-in cannot be checked right now; try again in a minute.',
        },
        headers: { 'Retry-After': '30' },
      };
    }
    log.warn({ reason: error.reason }, 'refused a sign-in token');
    return {
      status: 401,
      body: { error: 'invalid_token', message: SIGN_IN_AGAIN },
      headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
    };
  }
  if (error instanceof AccessDenied && error.reason === 'unauthenticated') {
    return {
      status: 401,
      body: { error: 'unauthenticated', message: error.message },
      headers: { 'WWW-Authenticate': 'Bearer' },
    };
  }
  if (error instanceof AccessDenied) {
    return {
      status: 403,
      body: { error: 'forbidden', reason: error.reason, message: error.message },
    };
  }
  if (error instanceof Forbidden)
    return { status: 403, body: { error: 'forbidden', message: error.message } };
  if (error instanceof NotFound)
    return { status: 404, body: { error: 'not_found', message: error.message } };
  if (error instanceof Conflict)
    return { status: 409, body: { error: 'conflict', message: error.message } };
  if (error instanceof RateLimited) {
    return {
      status: 429,
      body: { error: 'rate_limited', message: error.message },
      headers: { 'Retry-After': String(error.retryAfterSeconds) },
    };
  }
  log.error({ err: error }, 'unexpected error');
  // The reference is the request's correlation id: IT finds the logged error by it.
  const reference = currentCorrelationId();
  return {
    status: 500,
    body: {
      error: 'internal',
      message: reference
        ? `Something went wrong; try again. If it keeps happening, give IT the reference ${reference}.`
        : 'Something went wrong; try again.',
      ...(reference ? { reference } : {}),
    },
  };
}
