import type { Command } from 'commander';
import { openEligo } from '../../runtime.ts';
import { startServer } from '../../server/serve.ts';
import { usageError } from '../errors.ts';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('start the web app and API (PORT, HOST, DATABASE_URL, ELIGO_DATA_DIR apply)')
    .option('--port <port>', 'port to listen on', process.env.PORT ?? '3000')
    .option('--host <host>', 'address to listen on', process.env.HOST ?? '127.0.0.1')
    .action(async (options: { port: string; host: string }) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw usageError(`--port: expected an integer 0-65535, got ${JSON.stringify(options.port)}`);
      const database = await openEligo();
      const server = await startServer(database, { port, host: options.host, webRoot: 'dist/web' });
      process.stdout.write(`Eligo is running at ${server.url}\n`);
      const shutdown = async () => {
        await server.stop();
        await database.close();
        process.exit(0);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
}
