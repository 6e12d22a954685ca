// What the authentication middleware leaves on the hono context, and the helpers routes use to read it.
import type { Context } from 'hono';
import type { Actor } from '../../conduct/access/actor.ts';
import type { Authenticated } from '../../conduct/accounts/service.ts';
import { notSignedIn } from '../../conduct/accounts/sign-in.ts';

declare module 'hono' {
  interface ContextVariableMap {
    /** Set when the request carries a live session cookie or API token; absent for anonymous requests. */
    auth?: Authenticated;
    actor?: Actor;
  }
}

/** The request's actor, or 401 unauthenticated. */
export function requireActor(c: Context): Actor {
  const actor = c.get('actor');
  if (!actor) throw notSignedIn();
  return actor;
}

export function requireAuthenticated(c: Context): Authenticated {
  const auth = c.get('auth');
  if (!auth) throw notSignedIn();
  return auth;
}
