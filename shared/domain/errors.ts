/**
 * What can go wrong, in the course's terms. These carry no HTTP status: one mapper at the HTTP edge
 * (`shared/http/errors.ts`) turns each into its problem+json answer, and a job simply fails its run.
 */
export abstract class DomainError extends Error {}

/**
 * An offending input, named by its key as the use case received it (`iterationId`, `liveClasses.2.date`), or by
 * the name of what is wrong when it is not an input (`profile`). The HTTP edge adds where in the request it came
 * from (`body.iterationId`).
 */
export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

/** Missing — or someone else's, whose existence is not revealed. */
export class NotFound extends DomainError {
  constructor(what: string) {
    super(`${what} was not found.`);
  }
}

/** Well-formed, but breaks a rule of the course (a class on a state holiday, a CESP credential, …). */
export class RuleBroken extends DomainError {
  constructor(
    detail: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(detail);
  }
}

/** An input this operation could not have produced or accepted (a forged cursor, a token without an email). */
export class InvalidInput extends DomainError {
  constructor(
    detail: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(detail);
  }
}

/** Someone else saved the record after it was read (optimistic locking): reload and try again. */
export class StaleWrite extends DomainError {
  constructor(
    detail: string,
    readonly currentVersion?: number,
  ) {
    super(detail);
  }
}

/**
 * The record is not in a state that allows this (an offer already answered, an allocation already confirmed).
 * `details` says what the state is, when that helps the caller fix it (e.g. the seats already taken).
 */
export class StateConflict extends DomainError {
  constructor(
    detail: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

/** Allowed, but not again so soon (a rate limit): `retryAfterSeconds` says when it will be. */
export class TooSoon extends DomainError {
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super(detail);
  }
}

/** It existed but can no longer be used (a single-use link used, or expired). */
export class Gone extends DomainError {}

/** A service the change depends on (SES) did not take it; nothing more can be said until someone retries. */
export class Unavailable extends DomainError {}
