// The HTTP shell: API routes per area, OpenAPI document, JSON errors, and the built web app.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { OpenAPIHono } from '@hono/zod-openapi';
import { serveStatic } from '@hono/node-server/serve-static';
import { HTTPException } from 'hono/http-exception';
import type { Kysely } from 'kysely';
import type { Tables } from '../store/tables.ts';
import { ApiError, describeZodError, errorBody } from './errors.ts';
import { log } from '../log.ts';
import { routeModules } from './routes/index.ts';
import { isEligoError } from '../core/problems.ts';
import { eligoErrorResponse } from './eligo-errors.ts';
import { securityHeaders } from './auth/security-headers.ts';
import { installAuthentication } from './auth/install.ts';

export interface AppDependencies {
  db: Kysely<Tables>;
  /** Directory of the built web app; the API works without it. */
  webRoot?: string;
}

export type App = OpenAPIHono;

export function createApp(deps: AppDependencies): App {
  const app = new OpenAPIHono({
    // Request validation failures become the standard error body, naming each bad field.
    defaultHook: (result, c) => {
      if (!result.success) {
        const { message, details } = describeZodError(result.error, (result as { data?: unknown }).data);
        return c.json(errorBody('invalid_request', message, details), 400);
      }
    },
  });

  app.use('*', securityHeaders());
  app.onError((error, c) => {
    if (isEligoError(error)) return eligoErrorResponse(c, error);
    if (error instanceof ApiError) return c.json(errorBody(error.code, error.message, error.details), error.status);
    // Hono's own validators throw HTTPException (e.g. 400 "Malformed JSON in request body").
    if (error instanceof HTTPException && error.status < 500) {
      const code = /json/i.test(error.message) ? 'invalid_json' : 'invalid_request';
      return c.json(errorBody(code, error.message || 'invalid request'), error.status);
    }
    if (error instanceof SyntaxError) return c.json(errorBody('invalid_json', `request body is not valid JSON: ${error.message}`), 400);
    log.error({ err: { name: error.name, message: error.message, stack: error.stack }, path: c.req.path }, 'unhandled error');
    return c.json(errorBody('internal_error', 'an unexpected error occurred; it has been logged'), 500);
  });

  // One line per API request: method, path (never the query string or body, which may carry patient
  // data), status and time.
  app.use('/api/*', async (c, next) => {
    const started = performance.now();
    await next();
    log.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round((performance.now() - started) * 10) / 10 }, 'request');
  });

  installAuthentication(app, deps);
  for (const register of routeModules) register(app, deps);

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Eligo API', version: '0.1.0', description: 'Registry, eligibility screening and criteria parsing for cell-therapy trials in bone-marrow failure.' },
  });
  app.all('/api/*', (c) => c.json(errorBody('not_found', `no API route ${c.req.method} ${c.req.path}`), 404));

  const webRoot = deps.webRoot;
  if (webRoot && existsSync(join(webRoot, 'index.html'))) {
    const indexHtml = readFileSync(join(webRoot, 'index.html'), 'utf8');
    app.use('/assets/*', serveStatic({ root: relativeToCwd(webRoot) }));
    app.use('/favicon.svg', serveStatic({ root: relativeToCwd(webRoot) }));
    // Client-side routes (/trials/NCT…, /search) all load the single-page app.
    app.get('*', (c) => c.html(indexHtml));
  } else {
    app.get('/', (c) => c.text('Eligo API is running; the web app has not been built (npm run build:web). See /api/openapi.json.'));
  }
  return app;
}

function relativeToCwd(dir: string): string {
  const abs = resolve(dir);
  const cwd = process.cwd();
  return abs.startsWith(cwd) ? abs.slice(cwd.length + 1) || '.' : abs;
}
