// What every API request must respect before a route sees it: a body size limit (1 MB for JSON, 10 MB
// for a FHIR record to screen) and no NUL characters in any query or body string — PostgreSQL cannot
// store them, so they are refused here as a 400 naming the field instead of failing as a 500 later.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { EligoError } from '../core/problems.ts';

export const MAX_JSON_BYTES = 1024 * 1024;
/** A FHIR record to screen (a screening record is a few hundred kB at most). */
export const MAX_RECORD_BYTES = 10 * 1024 * 1024;
const RECORD_ROUTES = [/^\/api\/trials\/[^/]+\/screen$/, /^\/api\/screen$/];
/** Sign-in, password and token bodies are a few fields: anything larger is refused before it is read. */
export const MAX_ACCOUNT_BYTES = 16 * 1024;
const ACCOUNT_ROUTES = /^\/api\/(auth|admin)\//;

const megabytes = (bytes: number) => (bytes < 1024 * 1024 ? `${bytes / 1024} kB` : `${bytes / (1024 * 1024)} MB`);

export function limitOf(path: string): number {
  if (ACCOUNT_ROUTES.test(path)) return MAX_ACCOUNT_BYTES;
  return RECORD_ROUTES.some((route) => route.test(path)) ? MAX_RECORD_BYTES : MAX_JSON_BYTES;
}

export const bodyLimits: MiddlewareHandler = async (c, next) => {
  const maxSize = limitOf(c.req.path);
  const limit = bodyLimit({
    maxSize,
    onError: () => {
      throw EligoError.of('too_large', { code: 'body_too_large', field: '(body)', expected: `a request body of at most ${megabytes(maxSize)}`, message: `the request body is larger than the limit of ${megabytes(maxSize)} for ${c.req.method} ${c.req.path}` });
    },
  });
  return limit(c, next);
};

const NUL = '\u0000';

function nulError(field: string): EligoError {
  return EligoError.of('invalid', { code: 'nul_character', field, expected: 'text without NUL (\\u0000) characters', message: `${field}: contains a NUL (\\u0000) character; expected text without one` });
}

/** The dotted path of the first string (or key) holding a NUL, or undefined. */
function nulPath(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes(NUL) ? path || '(body)' : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    const here = path ? `${path}.${key}` : key;
    if (key.includes(NUL)) return here;
    const found = nulPath(item, here);
    if (found) return found;
  }
  return undefined;
}

export const refuseNul: MiddlewareHandler = async (c, next) => {
  const url = new URL(c.req.url);
  for (const [key, value] of url.searchParams) if (key.includes(NUL) || value.includes(NUL)) throw nulError(key);
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
    const text = await c.req.text();
    if (text.includes(NUL) || text.includes('\\u0000')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw nulError('(body)');
      }
      const field = nulPath(parsed, '');
      if (field) throw nulError(field);
    }
  }
  await next();
};
