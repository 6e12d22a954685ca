// The one mapper from errors to the CLI: an EligoError becomes one line on stderr (no stack trace)
// and an exit code by its kind; anything else is a bug and exits 1 with its message.
import { EligoError, type ProblemKind } from '../core/problems.ts';

/** 2: fix the command or its input; 3: something needed is not there (a locked database); 4: not allowed; 5: see EXIT_AUDIT_BROKEN. */
const EXIT_CODES: Record<ProblemKind, number> = {
  invalid: 2,
  unprocessable: 2,
  not_found: 2,
  conflict: 2,
  too_large: 2,
  unsupported_media: 2,
  rate_limited: 3,
  unavailable: 3,
  unauthenticated: 4,
  forbidden: 4,
};

/** `eligo audit verify` found the audit chain broken (1 stays the code of a bug). */
export const EXIT_AUDIT_BROKEN = 5;

/** A mistake in the command line the user can correct (an option, a file, an id). */
export function usageError(message: string, field = '(command)'): EligoError {
  return new EligoError('invalid', 'invalid_usage', message, [{ code: 'invalid_usage', field, expected: message, message }]);
}

/** The exit code and the line to print for an error a command let through. */
export function cliFailure(error: unknown, context?: string): { exitCode: number; message: string } {
  if (error instanceof EligoError) return { exitCode: EXIT_CODES[error.kind], message: context ? `${context}: ${error.message}` : error.message };
  return { exitCode: 1, message: error instanceof Error ? error.message : String(error) };
}
