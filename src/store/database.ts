// Opens Eligo's database: PGlite (real Postgres in WASM, file-backed) by default, a PostgreSQL
// server when a URL is given. Both go through Kysely's PostgresDialect over a pg.Pool, so the
// rest of the code speaks one SQL dialect.
import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import type { Tables } from './tables.ts';
import { log } from '../log.ts';
import { lockDirectory } from './lock.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<Tables>;
  kind: DatabaseKind;
  close(): Promise<void>;
}

export type DatabaseLocation =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir: string } // a directory, or 'memory://' for a throwaway database
  ;

// pg returns BIGINT/NUMERIC as strings by default; counts here always fit in a JS number.
pg.types.setTypeParser(20, (value) => Number(value));
pg.types.setTypeParser(1700, (value) => Number(value));
// DATE columns stay 'YYYY-MM-DD' strings: a calendar date has no time zone.
pg.types.setTypeParser(1082, (value) => value);

export async function openDatabase(location: DatabaseLocation): Promise<Database> {
  if (location.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: location.url, max: location.poolSize ?? 10 });
    // An idle connection the server closes (restart, admin termination) must not crash the process;
    // the pool drops it and the next query opens a new one.
    pool.on('error', (error) => log.warn({ err: { message: error.message } }, 'idle database connection closed by the server'));
    const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const onDisk = location.dataDir !== 'memory://';
  if (onDisk) mkdirSync(location.dataDir, { recursive: true });
  // Before PGlite touches the files: a second process on the same directory would destroy it.
  const lock = onDisk ? lockDirectory(location.dataDir) : undefined;
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(location.dataDir, { extensions: { pg_trgm } });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      try {
        await db.destroy();
        await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}

/** Where the database lives, from the environment: DATABASE_URL, else ELIGO_DATA_DIR, else ./data. */
export function locationFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseLocation {
  if (env.DATABASE_URL) return { kind: 'postgres', url: env.DATABASE_URL };
  const dataDir = env.ELIGO_DATA_DIR ?? 'data';
  return { kind: 'pglite', dataDir: dataDir === 'memory://' ? dataDir : `${dataDir}/pglite` };
}
