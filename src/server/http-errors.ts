import { Conflict, Forbidden, NotFound, ValidationError } from '../domain';

export type HttpError = { status: number; body: Record<string, unknown> };

/** The one place errors become HTTP answers; anything unexpected is a logged 500 with no detail. */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof ValidationError) {
    return {
      status: 400,
      body: { error: 'validation', field: error.field, rule: error.rule, message: error.message },
    };
  }
  if (error instanceof Forbidden)
    return { status: 403, body: { error: 'forbidden', message: error.message } };
  if (error instanceof NotFound)
    return { status: 404, body: { error: 'not_found', message: error.message } };
  if (error instanceof Conflict)
    return { status: 409, body: { error: 'conflict', message: error.message } };
  console.error('reap: unexpected error', error);
  return { status: 500, body: { error: 'internal', message: 'Something went wrong; try again.' } };
}
