// The HTTP shell: API routes per area, OpenAPI document, JSON errors, and the built web app.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { OpenAPIHono } from '@hono/zod-openapi';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Database } from '../store/database.ts';
import { createStores, type Stores } from '../store/index.ts';
import { errorBody, httpError, validationError } from './errors.ts';
import { bodyLimits, refuseNul } from './limits.ts';
import { log } from '../log.ts';
import { routeModules } from './routes/index.ts';
import { securityHeaders } from './auth/security-headers.ts';
import { installAuthentication } from './auth/install.ts';

export interface AppDependencies {
  /** The open database: its kind for health, its transactions for the services that need them. */
  database: Database;
  /** The repositories every route and service reads and writes through (routes never see Kysely). */
  stores: Stores;
  /** Directory of the built web app; the API works without it. */
  webRoot?: string;
}

export type App = OpenAPIHono;

/** The dependencies for a database: its repositories built once. */
export function appDependencies(database: Database, webRoot?: string): AppDependencies {
  return { database, stores: createStores(database.db), webRoot };
}

export function createApp(deps: AppDependencies): App {
  const app = new OpenAPIHono({
    // Request validation failures become the standard error body, naming each bad field.
    defaultHook: (result, c) => {
      if (!result.success) throw validationError(result.error, (result as { data?: unknown }).data);
    },
  });

  app.use('*', securityHeaders());
  app.onError((error, c) => {
    const mapped = httpError(error);
    if (mapped) return c.json(mapped.body, mapped.status);
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

  // Before any route reads a body: the size limit, then the NUL check (which reads it).
  app.use('/api/*', bodyLimits, refuseNul);

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
