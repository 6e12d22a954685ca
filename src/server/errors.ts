// Every API error is JSON {error: {code, message, details}} with the right status. Routes throw
// ApiError; the app's error handler turns it (and validation failures) into that body.
import type { ZodError } from 'zod';

export type ErrorStatus = 400 | 404 | 409 | 413 | 415 | 422 | 500 | 503;

export class ApiError extends Error {
  readonly status: ErrorStatus;
  readonly code: string;
  readonly details: unknown;
  constructor(status: ErrorStatus, code: string, message: string, details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details ?? null;
  }
}

export interface ErrorBody {
  error: { code: string; message: string; details: unknown };
}

export function errorBody(code: string, message: string, details: unknown = null): ErrorBody {
  return { error: { code, message, details } };
}

/** One line per problem, naming the field, the value received and what was expected. */
export function describeZodError(error: ZodError, input?: unknown): { message: string; details: Array<{ field: string; value: unknown; expected: string }> } {
  const details = error.issues.map((issue) => {
    const field = issue.path.map(String).join('.') || '(body)';
    return { field, value: valueAt(input, issue.path), expected: issue.message };
  });
  const message = details
    .map((d) => `${d.field}: ${d.expected}${d.value === undefined ? '' : ` (got ${JSON.stringify(d.value)})`}`)
    .join('; ');
  return { message, details };
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  // Long values (a whole bundle, a criteria text) would drown the message.
  if (typeof current === 'string' && current.length > 80) return `${current.slice(0, 77)}...`;
  if (current !== null && typeof current === 'object') return undefined;
  return current;
}
