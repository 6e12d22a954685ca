// Password policy (pure) and hashing with argon2id through @node-rs/argon2 — never hand-rolled.
// Parameters follow OWASP's Password Storage Cheat Sheet (argon2id, m = 19 MiB, t = 2, p = 1).
import { hash, verify, type Options } from '@node-rs/argon2';
import { problem, type Problem } from '../../core/problems.ts';

export const PASSWORD_POLICY = { minLength: 12, maxLength: 256 } as const;

// Algorithm.Argon2id is a const enum in the package's types, which erasable TypeScript cannot import.
const ARGON2ID = 2 as NonNullable<Options['algorithm']>;
export const ARGON2_OPTIONS: Options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/**
 * What is wrong with a new password, as problems naming the field (the password itself is never echoed).
 * `field` lets the same rules name `password` (new account) or `newPassword` (change).
 */
export function passwordProblems(password: string, username: string, field = 'password'): Problem[] {
  const problems: Problem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_POLICY.minLength) {
    problems.push(problem({ code: 'password_too_short', field, expected: `at least ${PASSWORD_POLICY.minLength} characters`, message: `${field}: expected at least ${PASSWORD_POLICY.minLength} characters (got ${length})` }));
  }
  if (length > PASSWORD_POLICY.maxLength) {
    problems.push(problem({ code: 'password_too_long', field, expected: `at most ${PASSWORD_POLICY.maxLength} characters`, message: `${field}: expected at most ${PASSWORD_POLICY.maxLength} characters (got ${length})` }));
  }
  if (password.trim().length === 0 && length > 0) {
    problems.push(problem({ code: 'password_blank', field, expected: 'characters other than spaces', message: `${field}: expected characters other than spaces` }));
  }
  if (username !== '' && password.toLowerCase() === username.toLowerCase()) {
    problems.push(problem({ code: 'password_is_username', field, expected: 'a password different from the username', message: `${field}: expected a password different from the username` }));
  }
  return problems;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/** Constant-time comparison inside the library; false (never a throw) for a malformed stored hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against a hash made with the same parameters but of no account: an unknown username
 * (or a locked or disabled one) costs the same time as a real check, so timing tells nothing.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hash('no account has this password: dummy', ARGON2_OPTIONS);
  await verifyPassword(await dummyHash, password);
  return false;
}
