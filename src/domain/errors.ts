/** Errors are types: callers branch on the class, never on the message text. */

/** Input broke a rule; names the field and the rule so a form can show it beside the field. */
export class ValidationError extends Error {
  constructor(
    readonly field: string,
    readonly rule: string,
    message: string,
  ) {
    super(message);
    this.name = 'ValidationError';
  }
}

/** The verified person may not do this. */
export class Forbidden extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Forbidden';
  }
}

/** The record changed since the caller read it. */
export class Conflict extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Conflict';
  }
}

export class NotFound extends Error {
  constructor(
    readonly what: string,
    readonly id: string,
  ) {
    super(`${what} ${id} was not found`);
    this.name = 'NotFound';
  }
}
