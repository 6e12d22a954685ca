// What every entry point (server, CLI, tests) does first: open the database named by the
// environment, bring its schema up to date, and give a fresh database the seed trials.
// A database that is already current (same migrations, same seed files) is recognised with one
// query, and the migrator and seed loaders are then not even loaded: a CLI command starts fast.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, locationFromEnv, type Database, type DatabaseLocation } from './store/database.ts';
import { migrations } from './store/migrations/index.ts';
import { createStores } from './store/index.ts';
import type { Kysely } from 'kysely';
import type { Tables } from './store/tables.ts';

export interface OpenOptions {
  location?: DatabaseLocation;
  /** Load the seed trials into a database that has never had them. Default true. */
  seed?: boolean;
}

const SEED_DIR = fileURLToPath(new URL('../data/seed-trials/', import.meta.url));
/** The shipped studies (protocol settings and sites), loaded with the seed trials they run. */
const STUDIES_DIR = fileURLToPath(new URL('../data/studies/', import.meta.url));
/** Written after a full start-up: the latest migration and a hash of the seed files it loaded. */
const STARTUP_KEY = 'eligo.startup';

export async function openEligo(options: OpenOptions = {}): Promise<Database> {
  const database = await openDatabase(options.location ?? locationFromEnv());
  const seed = options.seed !== false;
  try {
    const stamp = startupStamp();
    if (seed && (await storedStartupStamp(database.db)) === stamp) return database;
    const { migrateToLatest } = await import('./store/migrate.ts');
    await migrateToLatest(database.db);
    if (seed) {
      const [{ ensureSeedTrials, SEEDED_KEY }, { ensureSeedRuleSets }, { ensureSeedStudies }] = await Promise.all([import('./registry/seed.ts'), import('./eligibility/seed.ts'), import('./conduct/studies/seed.ts')]);
      const stores = createStores(database.db);
      await ensureSeedTrials(stores);
      await ensureSeedRuleSets(stores);
      await ensureSeedStudies(stores, STUDIES_DIR);
      if (stamp) await saveStartupStamp(database.db, stamp, SEEDED_KEY);
    }
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** The latest migration and a hash of the seed and study files; undefined without seed files (nothing to stamp). */
function startupStamp(): string | undefined {
  const jsonFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.json')).sort().map((name) => join(dir, name)) : []);
  const seedFiles = jsonFiles(SEED_DIR);
  if (seedFiles.length === 0) return undefined;
  const hash = createHash('sha256');
  for (const path of [...seedFiles, ...jsonFiles(STUDIES_DIR)]) hash.update(path.slice(path.lastIndexOf('/data/'))).update('\0').update(readFileSync(path)).update('\0');
  const latestMigration = Object.keys(migrations).sort().at(-1);
  return `${latestMigration} ${hash.digest('base64url')}`;
}

async function storedStartupStamp(db: Kysely<Tables>): Promise<string | undefined> {
  try {
    const row = await db.selectFrom('eligo_meta').select('value').where('key', '=', STARTUP_KEY).executeTakeFirst();
    return row?.value;
  } catch {
    // A new database has no eligo_meta table yet.
    return undefined;
  }
}

async function saveStartupStamp(db: Kysely<Tables>, stamp: string, seededKey: string): Promise<void> {
  // Only when the seed trials are in: a database whose seeding was skipped tries again next time.
  const seeded = await db.selectFrom('eligo_meta').select('key').where('key', '=', seededKey).executeTakeFirst();
  if (!seeded) return;
  await db.insertInto('eligo_meta').values({ key: STARTUP_KEY, value: stamp }).onConflict((oc) => oc.column('key').doUpdateSet({ value: stamp })).execute();
}
