// The session cookie. Over HTTPS (or any host but this machine) it is `__Host-eligo_session`: Secure,
// HttpOnly, SameSite=Strict, Path=/ and no Domain, so no other site or subdomain can set or read it.
// Plain http to 127.0.0.1 or localhost (local use, tests) gets `eligo_session` without Secure, since a
// browser drops Secure cookies over http and `__Host-` requires Secure. It is a browser-session cookie
// (no Max-Age): closing the browser ends it; the server's idle and absolute timeouts end it anyway.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

export const SESSION_COOKIE = 'eligo_session';
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLocalPlainHttp(c: Context): boolean {
  const url = new URL(c.req.url);
  return url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname);
}

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, SECURE_SESSION_COOKIE) ?? (isLocalPlainHttp(c) ? getCookie(c, SESSION_COOKIE) : undefined);
}

export function writeSessionCookie(c: Context, token: string): void {
  const secure = !isLocalPlainHttp(c);
  setCookie(c, secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE, token, { httpOnly: true, secure, sameSite: 'Strict', path: '/' });
}

export function clearSessionCookie(c: Context): void {
  const secure = !isLocalPlainHttp(c);
  deleteCookie(c, secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE, { httpOnly: true, secure, sameSite: 'Strict', path: '/' });
}
