// Runs a storage test on every backend Eligo supports: always a throwaway PGlite, and also the
// PostgreSQL server named by TEST_DATABASE_URL when it is set (CI sets it). Each call gets a
// database of its own, so test files can run in parallel.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openEligo } from '../../src/runtime.ts';
import type { Database } from '../../src/store/database.ts';

export interface TestBackend {
  name: 'pglite' | 'postgres';
  /** Opens a new, empty, migrated database (seeded when `seed` is true). Close it when done. */
  open(options?: { seed?: boolean }): Promise<Database & { dispose(): Promise<void> }>;
}

export function testBackends(): TestBackend[] {
  const backends: TestBackend[] = [
    {
      name: 'pglite',
      async open(options = {}) {
        const database = await openEligo({ location: { kind: 'pglite', dataDir: 'memory://' }, seed: options.seed ?? false });
        return { ...database, dispose: () => database.close() };
      },
    },
  ];
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    backends.push({
      name: 'postgres',
      async open(options = {}) {
        const name = `eligo_test_${process.pid}_${randomBytes(4).toString('hex')}`;
        await adminQuery(serverUrl, `create database ${name}`);
        const url = new URL(serverUrl);
        url.pathname = `/${name}`;
        const database = await openEligo({ location: { kind: 'postgres', url: url.toString(), poolSize: 4 }, seed: options.seed ?? false });
        return {
          ...database,
          dispose: async () => {
            await database.close();
            await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
          },
        };
      },
    });
  }
  return backends;
}

/** Runs one statement on a fresh connection (CREATE/DROP DATABASE cannot run inside a pool's transaction). */
export async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
