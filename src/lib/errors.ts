/**
 * The application's small error vocabulary. Services throw these; the HTTP layer maps them to
 * status codes in one place (src/http/errors.ts) and the CLI prints their message. Anything
 * else that escapes is a bug: logged, and shown as a bare 500.
 */
export type ErrorCode =
  'not_found' | 'validation_failed' | 'conflict' | 'forbidden' | 'unauthorized' | 'rate_limited';

export interface Problem {
  /** Where the problem is: a field path, or `file:line`. */
  where: string;
  message: string;
}

export abstract class AppError extends Error {
  abstract readonly code: ErrorCode;
  readonly problems: readonly Problem[];

  constructor(message: string, problems: readonly Problem[] = []) {
    super(message);
    this.name = new.target.name;
    this.problems = problems;
  }
}

export class NotFoundError extends AppError {
  readonly code = 'not_found';
}

export class ValidationError extends AppError {
  readonly code = 'validation_failed';
}

export class ConflictError extends AppError {
  readonly code = 'conflict';
}

export class ForbiddenError extends AppError {
  readonly code = 'forbidden';
}

/** No valid credentials (HTTP 401): not signed in, bad password, unknown or expired token. */
export class UnauthorizedError extends AppError {
  readonly code = 'unauthorized';
}

/** Too many attempts (HTTP 429); `retryAfterSeconds` feeds the Retry-After header. */
export class RateLimitedError extends AppError {
  readonly code = 'rate_limited';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
