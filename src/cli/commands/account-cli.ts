// What the user and token commands share: the CLI actor (the operator at the server's console, a
// system administrator who belongs to no study), the account service over the command's stores,
// errors that name the flag the user typed, and the password read from standard input.
import { createInterface } from 'node:readline';
import type { Actor } from '../../conduct/access/actor.ts';
import { accountServiceOf } from '../../conduct/accounts/for-stores.ts';
import type { AccountService } from '../../conduct/accounts/service.ts';
import { EligoError, problem, type Problem } from '../../core/problems.ts';
import { usageError } from '../errors.ts';
import { withStores } from '../stores.ts';
import { cliAccountActor } from '../actor.ts';

/** The operator at the console (src/cli/actor.ts), a system administrator who belongs to no study. */
export const cliActor = cliAccountActor;

export function withAccounts<T>(work: (accounts: AccountService, actor: Actor) => Promise<T>): Promise<T> {
  return withStores((stores) => work(accountServiceOf(stores), cliActor()));
}

/** Service field → the flag that carries it, so a message names what the user typed. */
const FLAGS: Record<string, string> = {
  username: '--username',
  userId: '--username',
  displayName: '--display-name',
  password: '--password-stdin',
  role: '--role',
  studyId: '--study',
  siteCode: '--site',
  grants: '--role/--study',
  name: '--name',
  id: '--id',
};

function asFlagProblem(item: Problem): Problem {
  const flag = FLAGS[item.field];
  if (!flag) return item;
  const message = item.message.startsWith(`${item.field}:`) ? `${flag}${item.message.slice(item.field.length)}` : `${flag}: ${item.message}`;
  return { ...item, field: flag, message };
}

/** The service's error with each problem named by its flag (kind and code unchanged, so the exit code is too). */
export function inFlagTerms(error: unknown): unknown {
  if (!(error instanceof EligoError)) return error;
  const problems = error.problems.map(asFlagProblem);
  const message = problems.length > 0 ? problems.map((p) => p.message).join('; ') : error.message;
  return new EligoError(error.kind, error.code, message, problems);
}

/** Runs a command body, rewriting its errors into flag terms for main's one error printer. */
export async function flagged<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw inFlagTerms(error);
  }
}

export function positiveId(value: string | undefined, flag: string): number {
  const id = Number(value);
  if (value === undefined || !/^\d+$/.test(value) || !Number.isSafeInteger(id) || id < 1) {
    throw EligoError.of('invalid', { code: 'invalid_id', field: flag, value, expected: 'a positive whole number (see the list command)', message: `${flag}: expected a positive whole number (got ${JSON.stringify(value ?? '')})` });
  }
  return id;
}

export function requireFlag(value: string | undefined, flag: string, expected: string): string {
  if (value === undefined || value === '') throw usageError(`${flag}: required (${expected})`, flag);
  return value;
}

/**
 * The password from standard input: everything up to the first line break (or the end). Piped in, it never
 * appears in the process list or the shell history; at a terminal it is asked for without echo.
 */
export async function readPasswordFromStdin(): Promise<string> {
  if (process.stdin.isTTY) return promptHidden('Password: ');
  let text = '';
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) {
    text += chunk;
    if (text.length > 4096) break;
  }
  const end = text.search(/\r?\n/);
  return end === -1 ? text : text.slice(0, end);
}

function promptHidden(prompt: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const output = rl as unknown as { _writeToOutput(text: string): void };
  process.stderr.write(prompt);
  // Readline echoes what is typed through _writeToOutput: print nothing but the final line break.
  output._writeToOutput = (text: string) => {
    if (text.includes('\n')) process.stderr.write('\n');
  };
  return new Promise((resolve) => {
    rl.question('', (answer) => {
      rl.close();
      resolve(answer);
    });
  });
}

export const passwordFromArgsProblem = (): EligoError =>
  EligoError.of('invalid', problem({ code: 'password_stdin_required', field: '--password-stdin', expected: 'the flag --password-stdin, with the password on standard input', message: '--password-stdin: required; the password is read from standard input, never given as an argument (e.g. printf "%s\\n" "$PASSWORD" | eligo user add … --password-stdin)' }));
