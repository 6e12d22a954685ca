// One error vocabulary for the whole system. A Problem names the field, the value received and what
// was expected; an EligoError carries one or more of them with a kind that says what went wrong in
// terms every shell can map: the HTTP shell to a status, the CLI to an exit code, the UI to a message.
// Readers and importers that can keep going return Problems as values instead of throwing.

/** What kind of failure: each shell maps it once (server/errors.ts, cli/errors.ts). */
export const PROBLEM_KINDS = [
  'invalid', // the input is malformed or violates a rule (HTTP 400)
  'unprocessable', // well-formed, but its content cannot be used (HTTP 422)
  'not_found', // no such thing — or not visible to this user (HTTP 404; never says which)
  'conflict', // the state forbids it: already randomized, duplicate, stale version (HTTP 409)
  'unauthenticated', // no valid session or token (HTTP 401)
  'forbidden', // signed in, but the role does not allow it on something the user may see (HTTP 403)
  'too_large', // body or file over the limit (HTTP 413)
  'unsupported_media', // content type not accepted (HTTP 415)
  'rate_limited', // too many attempts (HTTP 429)
  'unavailable', // a dependency is not there: database locked by another process, shared data missing (HTTP 503)
] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export interface Problem {
  /** Stable machine-readable code, e.g. 'invalid_date', 'consent_outdated'. */
  code: string;
  /** Where: a dotted path into the input ('ranges.2.unit', 'asOf'), or '(body)' / '(request)'. */
  field: string;
  /** What was received (shortened when long); absent when echoing it would leak or mean nothing. */
  value?: unknown;
  /** What was expected, in words a person can act on. */
  expected: string;
  /** One sentence for a person; defaults to "field: expected (got value)". */
  message: string;
}

export type ProblemInput = Omit<Problem, 'message'> & { message?: string };

/** Longest value echoed back in a problem: an over-long input must not be returned whole. */
export const MAX_ECHOED_VALUE = 80;

/** A value fit to echo: long strings shortened, objects and arrays left out. */
export function echoValue(value: unknown): unknown {
  if (typeof value === 'string') return value.length > MAX_ECHOED_VALUE ? `${value.slice(0, MAX_ECHOED_VALUE - 3)}...` : value;
  if (value !== null && typeof value === 'object') return undefined;
  return value;
}

export function problem(input: ProblemInput): Problem {
  const value = echoValue(input.value);
  const message = input.message ?? `${input.field}: ${input.expected}${value === undefined ? '' : ` (got ${JSON.stringify(value)})`}`;
  return value === undefined ? { code: input.code, field: input.field, expected: input.expected, message } : { code: input.code, field: input.field, value, expected: input.expected, message };
}

/** The one error type: a kind, a code for the whole failure, and the problems behind it. */
export class EligoError extends Error {
  readonly kind: ProblemKind;
  readonly code: string;
  readonly problems: readonly Problem[];
  constructor(kind: ProblemKind, code: string, message: string, problems: readonly Problem[] = []) {
    super(message);
    this.name = 'EligoError';
    this.kind = kind;
    this.code = code;
    this.problems = problems;
  }

  /** An error from one problem: its code and message become the error's. */
  static of(kind: ProblemKind, input: ProblemInput): EligoError {
    const one = problem(input);
    return new EligoError(kind, one.code, one.message, [one]);
  }

  /** An error from several problems (e.g. every bad field of a form), joined into one message. */
  static all(kind: ProblemKind, code: string, problems: readonly Problem[]): EligoError {
    return new EligoError(kind, code, problems.map((p) => p.message).join('; ') || code, problems);
  }
}

/** Not found — used also for what exists but the user may not see, so the two read the same. */
export function notFound(what: string, field: string, value?: unknown): EligoError {
  return EligoError.of('not_found', { code: 'not_found', field, value, expected: `an existing ${what}`, message: `no ${what} ${value === undefined ? '' : JSON.stringify(echoValue(value))}`.trim() });
}

export function isEligoError(error: unknown): error is EligoError {
  return error instanceof EligoError;
}
