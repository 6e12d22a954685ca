import { serve } from '@hono/node-server';
import type { Database } from '../store/database.ts';
import type { Stores } from '../store/index.ts';
import { appDependencies, createApp } from './app.ts';
import { log } from '../log.ts';
import { geocoder } from '../registry/geocode/geocoder.ts';

export interface ServeOptions {
  port: number;
  host: string;
  webRoot?: string;
}

/** Starts the HTTP server; resolves once it is listening, with a function that stops it. */
export async function startServer(database: Database, options: ServeOptions): Promise<{ url: string; stop(): Promise<void> }> {
  const deps = appDependencies(database, options.webRoot);
  const app = createApp(deps);
  return await new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, (info) => {
      const url = `http://${options.host}:${info.port}`;
      log.info({ url, database: database.kind }, 'Eligo is listening');
      warmRuleSetCache(deps.stores);
      warmGeocoder();
      resolve({ url, stop: () => new Promise<void>((done) => server.close(() => done())) });
    });
    server.once('error', reject);
  });
}

/** Reads and checks the open trials' rule sets once in the background, so the first ranking request does not pay for it. */
function warmRuleSetCache(stores: Stores): void {
  const started = performance.now();
  stores.ruleSets.currentOfOpenTrials()
    .then((entries) => log.info({ ruleSets: entries.length, ms: Math.round(performance.now() - started) }, 'rule sets of open trials cached'))
    .catch((error: Error) => log.warn({ err: { message: error.message } }, 'could not pre-load rule sets; they load on first use'));
}

/** Loads the offline gazetteer (~160 MB, seconds on a busy machine) in the background, so the first search near a place does not wait for it. */
function warmGeocoder(): void {
  const started = performance.now();
  geocoder()
    .then((loaded) => log.info({ places: loaded.size, ms: Math.round(performance.now() - started) }, 'gazetteer loaded'))
    .catch((error: Error) => log.warn({ err: { message: error.message } }, 'could not pre-load the gazetteer; it loads on first use'));
}
