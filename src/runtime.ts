// What every entry point (server, CLI, tests) does first: open the database named by the
// environment, bring its schema up to date, and give a fresh database the seed trials.
import { openDatabase, locationFromEnv, type Database, type DatabaseLocation } from './store/database.ts';
import { migrateToLatest } from './store/migrate.ts';
import { ensureSeedTrials } from './registry/seed.ts';
import { ensureSeedRuleSets } from './eligibility/seed.ts';

export interface OpenOptions {
  location?: DatabaseLocation;
  /** Load the seed trials into a database that has never had them. Default true. */
  seed?: boolean;
}

export async function openEligo(options: OpenOptions = {}): Promise<Database> {
  const database = await openDatabase(options.location ?? locationFromEnv());
  try {
    await migrateToLatest(database.db);
    if (options.seed !== false) {
      await ensureSeedTrials(database.db);
      await ensureSeedRuleSets(database.db);
    }
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}
