// Sign-in rate limits (hono-rate-limiter, in memory), on top of the lock-out kept in the database:
// per client address and per username, counting failed attempts only. Over the limit → 429.
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { rateLimiter } from 'hono-rate-limiter';
import { EligoError } from '../../core/problems.ts';

export const LOGIN_LIMITS = {
  windowMinutes: 15,
  /** Failed sign-ins per username in the window (the account locks after 5 anyway). */
  perUsername: 10,
  /** Failed sign-ins from one address in the window (a hospital may sit behind one address). */
  perAddress: 50,
} as const;

function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request in tests has no socket.
    return 'unknown';
  }
}

async function usernameOf(c: Context): Promise<string> {
  try {
    const body: unknown = await c.req.json();
    const username = typeof body === 'object' && body !== null ? (body as { username?: unknown }).username : undefined;
    return typeof username === 'string' ? username.toLowerCase().slice(0, 64) : '';
  } catch {
    return '';
  }
}

function tooMany(what: string): never {
  throw EligoError.of('rate_limited', { code: 'too_many_attempts', field: '(request)', expected: `fewer failed sign-ins ${what}`, message: `too many failed sign-in attempts ${what}; wait ${LOGIN_LIMITS.windowMinutes} minutes and try again` });
}

export function loginRateLimits(): MiddlewareHandler[] {
  const common = { windowMs: LOGIN_LIMITS.windowMinutes * 60_000, skipSuccessfulRequests: true, standardHeaders: 'draft-6' as const };
  return [
    rateLimiter({ ...common, limit: LOGIN_LIMITS.perAddress, keyGenerator: (c) => `address:${clientAddress(c)}`, handler: () => tooMany('from this address') }),
    rateLimiter({ ...common, limit: LOGIN_LIMITS.perUsername, keyGenerator: async (c) => `user:${await usernameOf(c)}`, handler: () => tooMany('for this username') }),
  ];
}
