/**
 * The one place where errors become HTTP responses. Every JSON error has the same body:
 * `{ "error": { "code", "message", "problems"? } }` with a stable `code`.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type AppError, type ErrorCode, type Problem, isAppError } from '../lib/errors.ts';

export type HttpErrorCode = ErrorCode | 'internal_error';

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  not_found: 404,
  validation_failed: 400,
  conflict: 409,
  forbidden: 403,
};

export interface ErrorBody {
  error: { code: HttpErrorCode; message: string; problems?: Problem[] };
}

export function statusOf(e: AppError): ContentfulStatusCode {
  return STATUS[e.code];
}

export function errorBody(e: unknown): { status: ContentfulStatusCode; body: ErrorBody } {
  if (isAppError(e)) {
    return {
      status: statusOf(e),
      body: {
        error: {
          code: e.code,
          message: e.message,
          ...(e.problems.length ? { problems: [...e.problems] } : {}),
        },
      },
    };
  }
  return {
    status: 500,
    body: { error: { code: 'internal_error', message: 'Something went wrong on our side.' } },
  };
}
