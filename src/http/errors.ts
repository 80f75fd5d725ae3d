/**
 * The one place where errors become HTTP responses. Every JSON error has the same body:
 * `{ "error": { "code", "message", "problems"? } }` with a stable `code`.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  type AppError,
  type ErrorCode,
  type Problem,
  RateLimitedError,
  isAppError,
} from '../lib/errors.ts';

export type HttpErrorCode = ErrorCode | 'internal_error';

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  not_found: 404,
  validation_failed: 400,
  conflict: 409,
  forbidden: 403,
  unauthorized: 401,
  rate_limited: 429,
};

export interface ErrorBody {
  error: { code: HttpErrorCode; message: string; problems?: Problem[] };
}

export function statusOf(e: AppError): ContentfulStatusCode {
  return STATUS[e.code];
}

/**
 * The status, body and headers for an error. A 429 says when to come back (Retry-After, RFC 9110
 * §10.2.3); a 401 names the schemes that would do (WWW-Authenticate, RFC 9110 §11.6.1).
 */
export function errorBody(e: unknown): {
  status: ContentfulStatusCode;
  body: ErrorBody;
  headers: Record<string, string>;
} {
  if (isAppError(e)) {
    const headers: Record<string, string> = {};
    if (e instanceof RateLimitedError) headers['retry-after'] = String(e.retryAfterSeconds);
    if (e.code === 'unauthorized') headers['www-authenticate'] = 'Bearer realm="kinoteka"';
    return {
      headers,
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
    headers: {},
    status: 500,
    body: { error: { code: 'internal_error', message: 'Something went wrong on our side.' } },
  };
}
