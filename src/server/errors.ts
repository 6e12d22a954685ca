// The one mapper from errors to HTTP: an EligoError's kind gives the status, its problems the details;
// request validation failures (zod) and hono's own HTTPExceptions become EligoErrors first, so every
// API error is JSON {error: {code, message, details}} built in one place.
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { EligoError, problem, type Problem, type ProblemKind } from '../core/problems.ts';

const STATUS: Record<ProblemKind, 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503> = {
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
export type ErrorStatus = (typeof STATUS)[ProblemKind] | 500;

export interface ErrorBody {
  error: { code: string; message: string; details: Array<{ code: string; field: string; value?: unknown; expected: string }> | null };
}

export interface HttpError {
  status: ErrorStatus;
  body: ErrorBody;
}

/** Status and body for any error a route lets through; undefined for an unexpected one (a 500, logged by the caller). */
export function httpError(error: unknown): HttpError | undefined {
  const eligo = asEligoError(error);
  if (!eligo) return undefined;
  const details = eligo.problems.length > 0 ? eligo.problems.map(({ code, field, value, expected }) => (value === undefined ? { code, field, expected } : { code, field, value, expected })) : null;
  return { status: STATUS[eligo.kind], body: { error: { code: eligo.code, message: eligo.message, details } } };
}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message, details: null } };
}

function asEligoError(error: unknown): EligoError | undefined {
  if (error instanceof EligoError) return error;
  // Hono's own validators and middleware throw HTTPException (malformed JSON, body over the limit).
  if (error instanceof HTTPException && error.status < 500) {
    if (error.status === 413) return EligoError.of('too_large', { code: 'body_too_large', field: '(body)', expected: error.message, message: error.message });
    const code = /json/i.test(error.message) ? 'invalid_json' : 'invalid_request';
    return new EligoError('invalid', code, error.message || 'invalid request');
  }
  if (error instanceof SyntaxError) return new EligoError('invalid', 'invalid_json', `request body is not valid JSON: ${error.message}`);
  return undefined;
}

/** A failed request validation: one problem per issue, naming the field, the value received and what was expected. */
export function zodProblems(error: ZodError, input?: unknown): Problem[] {
  return error.issues.map((issue) => problem({ code: 'invalid_request', field: issue.path.map(String).join('.') || '(body)', value: valueAt(input, issue.path), expected: issue.message }));
}

export function validationError(error: ZodError, input?: unknown): EligoError {
  return EligoError.all('invalid', 'invalid_request', zodProblems(error, input));
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
