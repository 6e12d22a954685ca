// EligoError → HTTP: the status for each kind and the standard body {error: {code, message, details}},
// details being the problems. (Issue 7 brings the one mapper for all routes; this is the same mapping.)
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { EligoError, ProblemKind } from '../core/problems.ts';
import { errorBody } from './errors.ts';

export const STATUS_OF_KIND: Record<ProblemKind, ContentfulStatusCode> = {
  invalid: 400,
  unprocessable: 422,
  not_found: 404,
  conflict: 409,
  unauthenticated: 401,
  forbidden: 403,
  too_large: 413,
  unsupported_media: 415,
  rate_limited: 429,
  unavailable: 503,
};

export function eligoErrorResponse(c: Context, error: EligoError): Response {
  return c.json(errorBody(error.code, error.message, error.problems), STATUS_OF_KIND[error.kind]);
}
