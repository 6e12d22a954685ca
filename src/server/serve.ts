import { serve } from '@hono/node-server';
import type { Database } from '../store/database.ts';
import { createApp } from './app.ts';
import { log } from '../log.ts';

export interface ServeOptions {
  port: number;
  host: string;
  webRoot?: string;
}

/** Starts the HTTP server; resolves once it is listening, with a function that stops it. */
export async function startServer(database: Database, options: ServeOptions): Promise<{ url: string; stop(): Promise<void> }> {
  const app = createApp({ db: database.db, webRoot: options.webRoot });
  return await new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, (info) => {
      const url = `http://${options.host}:${info.port}`;
      log.info({ url, database: database.kind }, 'Eligo is listening');
      resolve({ url, stop: () => new Promise<void>((done) => server.close(() => done())) });
    });
    server.once('error', reject);
  });
}
