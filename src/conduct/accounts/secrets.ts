// Session and API tokens: random from node:crypto, stored only as SHA-256 (a 256-bit random token
// needs no slow hash; its digest cannot be reversed or guessed).
import { createHash, randomBytes } from 'node:crypto';

export const API_TOKEN_PREFIX = 'eligo_';
const API_TOKEN_PATTERN = /^eligo_[A-Za-z0-9_-]{43}$/;
const SESSION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256Hex(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function newApiToken(): { token: string; prefix: string; hash: string } {
  const token = `${API_TOKEN_PREFIX}${randomSecret()}`;
  return { token, prefix: token.slice(0, API_TOKEN_PREFIX.length + 6), hash: sha256Hex(token) };
}

export function looksLikeApiToken(value: string): boolean {
  return API_TOKEN_PATTERN.test(value);
}

export function looksLikeSessionToken(value: string): boolean {
  return SESSION_TOKEN_PATTERN.test(value);
}
