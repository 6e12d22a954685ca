// Authentication for every API request: an `Authorization: Bearer` API token, else the session cookie,
// resolved to an Actor on the context. Cookie-authenticated state-changing requests must send the
// session's CSRF token in X-CSRF-Token; any request that sends an Origin must come from an allowed
// origin (also enforced by hono/csrf for form posts). Token-authenticated requests need no CSRF token:
// a browser never attaches a bearer token on its own.
import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { EligoError } from '../../core/problems.ts';
import type { AccountService } from '../../conduct/accounts/service.ts';
import { clearSessionCookie, readSessionCookie } from './cookies.ts';

export const CSRF_HEADER = 'X-CSRF-Token';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Signing in has no session yet: its protection is the Origin check and the rate limits. */
const CSRF_EXEMPT = new Set(['/api/auth/login']);

/** The request's own origin, plus any listed in ELIGO_ALLOWED_ORIGINS (comma-separated; behind a proxy that rewrites the scheme or host). */
export function isAllowedOrigin(origin: string, c: Context): boolean {
  if (origin === new URL(c.req.url).origin) return true;
  const extra = (process.env.ELIGO_ALLOWED_ORIGINS ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
  return extra.includes(origin);
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function forbidden(code: string, field: string, expected: string, message: string): EligoError {
  return EligoError.of('forbidden', { code, field, expected, message });
}

export function originCheck(): MiddlewareHandler {
  const formPosts = csrf({ origin: isAllowedOrigin });
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (STATE_CHANGING.has(c.req.method) && origin !== undefined && !isAllowedOrigin(origin, c)) {
      throw forbidden('origin_refused', 'Origin', 'a request from this site', `requests from ${JSON.stringify(origin.slice(0, 80))} may not change anything here`);
    }
    // hono/csrf for what an HTML form can send (a form always has a content type); bearer-token
    // scripts and bodyless calls go on to the session's CSRF token check instead.
    if (c.req.header('authorization') === undefined && c.req.header('content-type') !== undefined) {
      let passed = false;
      try {
        await formPosts(c, async () => {
          passed = true;
          await next();
        });
      } catch (error) {
        // hono/csrf's own refusal is a bare 403 HTTPException; say why, as every other API error does.
        // (Errors thrown further down the chain pass through unchanged.)
        if (passed || !(error instanceof HTTPException && error.status === 403)) throw error;
        throw forbidden('cross_site_form', 'Origin', 'a form post from this site (Origin or Sec-Fetch-Site: same-origin)', 'a form-type request (form, multipart or text/plain) from another site, or without Origin, may not change anything here');
      }
      return;
    }
    await next();
  };
}

export function authentication(service: AccountService): MiddlewareHandler {
  return async (c, next) => {
    const authorization = c.req.header('authorization');
    if (authorization !== undefined) {
      const bearer = /^Bearer +(\S+)$/i.exec(authorization);
      const auth = bearer ? await service.resolveApiToken(bearer[1]) : undefined;
      if (!auth) {
        throw EligoError.of('unauthenticated', { code: 'invalid_token', field: 'Authorization', expected: 'Bearer followed by a live API token', message: 'the API token is not valid: unknown, revoked, or its user disabled' });
      }
      c.set('auth', auth);
      c.set('actor', auth.actor);
      return next();
    }
    const sessionToken = readSessionCookie(c);
    if (sessionToken !== undefined) {
      const auth = await service.resolveSession(sessionToken);
      if (!auth?.session) {
        // Expired, revoked or unknown: the request goes on as anonymous and the browser forgets the cookie.
        clearSessionCookie(c);
      } else {
        if (STATE_CHANGING.has(c.req.method) && !CSRF_EXEMPT.has(c.req.path)) {
          const sent = c.req.header(CSRF_HEADER);
          if (!sent || !sameSecret(sent, auth.session.csrfToken)) {
            throw forbidden('csrf_failed', CSRF_HEADER, "your session's CSRF token (from sign-in or GET /api/auth/session)", `${CSRF_HEADER} is ${sent ? 'wrong' : 'missing'}: a signed-in browser request that changes something must send its session's CSRF token`);
          }
        }
        c.set('auth', auth);
        c.set('actor', auth.actor);
      }
    }
    await next();
  };
}
