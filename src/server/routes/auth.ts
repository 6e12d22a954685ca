// Sign-in, sign-out, the current session, password change and the user's own API tokens.
// Failed sign-ins never say whether the username exists; nothing here logs a password, token or cookie.
import { createRoute, z } from '@hono/zod-openapi';
import { EligoError } from '../../core/problems.ts';
import { accountServiceFor } from '../auth/accounts.ts';
import { requireActor, requireAuthenticated } from '../auth/context.ts';
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from '../auth/cookies.ts';
import { loginRateLimits } from '../auth/rate-limit.ts';
import { errorResponse, grantSchema, idParam, jsonBody, jsonResponse, secretSafeHook, tokenSchema, userSchema } from './account-schemas.ts';
import type { RouteModule } from './index.ts';

/** Account requests are small: a username, passwords, a name. */


const loginRoute = createRoute({
  method: 'post',
  path: '/api/auth/login',
  tags: ['auth'],
  summary: 'Sign in: sets the session cookie and returns the CSRF token for state-changing requests',
  request: { body: jsonBody(z.object({ username: z.string().max(200), password: z.string().max(1024) }).strict()) },
  responses: {
    200: jsonResponse('Signed in', z.object({ user: userSchema, csrfToken: z.string(), expiresAt: z.string() })),
    400: errorResponse('Malformed request'),
    401: errorResponse('Username or password is wrong (the same answer for an unknown username or a locked account)'),
    429: errorResponse('Too many failed attempts from this address or for this username'),
  },
});

const logoutRoute = createRoute({
  method: 'post',
  path: '/api/auth/logout',
  tags: ['auth'],
  summary: 'Sign out: the session is revoked, and the same cookie is refused from then on',
  responses: { 200: jsonResponse('Signed out', z.object({ signedOut: z.literal(true) })), 401: errorResponse('Not signed in with a session'), 403: errorResponse('CSRF token missing or wrong') },
});

const sessionRoute = createRoute({
  method: 'get',
  path: '/api/auth/session',
  tags: ['auth'],
  summary: 'Who is signed in: the user, their grants and the CSRF token (user null when nobody is)',
  responses: {
    200: jsonResponse('The current session, or user null', z.object({ user: userSchema.nullable(), grants: z.array(grantSchema.omit({ id: true, userId: true, grantedAt: true, grantedBy: true })), csrfToken: z.string().nullable(), via: z.enum(['session', 'token', 'cli']).nullable() })),
  },
});

const passwordRoute = createRoute({
  method: 'post',
  path: '/api/auth/password',
  tags: ['auth'],
  summary: "Change your password (needs the current one); ends your other sessions",
  request: { body: jsonBody(z.object({ currentPassword: z.string().max(1024), newPassword: z.string().max(1024) }).strict()) },
  responses: { 200: jsonResponse('Changed', z.object({ user: userSchema })), 400: errorResponse('Current password wrong or new password too weak'), 401: errorResponse('Not signed in'), 403: errorResponse('CSRF token missing or wrong') },
});

const listTokensRoute = createRoute({
  method: 'get',
  path: '/api/auth/tokens',
  tags: ['auth'],
  summary: 'Your API tokens (names and prefixes; never the tokens)',
  responses: { 200: jsonResponse('Tokens', z.object({ tokens: z.array(tokenSchema) })), 401: errorResponse('Not signed in') },
});

const createTokenRoute = createRoute({
  method: 'post',
  path: '/api/auth/tokens',
  tags: ['auth'],
  summary: 'Create an API token for scripts (Authorization: Bearer …); the token is in this answer only',
  request: { body: jsonBody(z.object({ name: z.string().max(200).optional() }).strict()) },
  responses: { 201: jsonResponse('Created', z.object({ token: z.string(), tokenInfo: tokenSchema })), 400: errorResponse('Bad name'), 401: errorResponse('Not signed in'), 403: errorResponse('CSRF token missing or wrong') },
});

const revokeTokenRoute = createRoute({
  method: 'delete',
  path: '/api/auth/tokens/{id}',
  tags: ['auth'],
  summary: 'Revoke one of your API tokens',
  request: { params: idParam },
  responses: { 200: jsonResponse('Revoked', z.object({ tokenInfo: tokenSchema })), 401: errorResponse('Not signed in'), 404: errorResponse('No such token of yours') },
});

export const registerAuthRoutes: RouteModule = (app, deps) => {
  const accounts = accountServiceFor(deps);
  app.use('/api/auth/login', ...loginRateLimits());

  app.openapi(
    loginRoute,
    async (c) => {
      const { username, password } = c.req.valid('json');
      const signedIn = await accounts.signIn(username, password);
      // A browser that was signed in as someone else: that session ends.
      const previous = c.get('auth')?.session;
      if (previous) await accounts.signOut(previous.id);
      writeSessionCookie(c, signedIn.sessionToken);
      return c.json({ user: signedIn.user, csrfToken: signedIn.csrfToken, expiresAt: signedIn.expiresAt.toISOString() }, 200);
    },
    secretSafeHook,
  );

  app.openapi(logoutRoute, async (c) => {
    const session = requireAuthenticated(c).session;
    if (!session) throw EligoError.of('unauthenticated', { code: 'no_session', field: '(request)', expected: 'a session cookie', message: 'sign-out ends a browser session; revoke an API token instead' });
    await accounts.signOut(session.id);
    clearSessionCookie(c);
    return c.json({ signedOut: true as const }, 200);
  });

  app.openapi(sessionRoute, (c) => {
    const auth = c.get('auth');
    if (!auth) {
      if (readSessionCookie(c) !== undefined) clearSessionCookie(c);
      return c.json({ user: null, grants: [], csrfToken: null, via: null }, 200);
    }
    return c.json({ user: auth.user, grants: [...auth.actor.grants], csrfToken: auth.session?.csrfToken ?? null, via: auth.actor.via }, 200);
  });

  app.openapi(
    passwordRoute,
    async (c) => {
      const auth = requireAuthenticated(c);
      const { currentPassword, newPassword } = c.req.valid('json');
      const user = await accounts.changePassword(auth.actor, currentPassword, newPassword, auth.session?.id);
      return c.json({ user }, 200);
    },
    secretSafeHook,
  );

  app.openapi(listTokensRoute, async (c) => c.json({ tokens: await accounts.listTokens(requireActor(c)) }, 200));

  app.openapi(createTokenRoute, async (c) => {
    const created = await accounts.createToken(requireActor(c), { name: c.req.valid('json').name });
    return c.json({ token: created.token, tokenInfo: created.view }, 201);
  });

  app.openapi(revokeTokenRoute, async (c) => c.json({ tokenInfo: await accounts.revokeToken(requireActor(c), c.req.valid('param').id) }, 200));
};
