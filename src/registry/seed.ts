// Placeholder until the registry importer lands: records that the seeds were considered.
import type { Kysely } from 'kysely';
import type { Tables } from '../store/tables.ts';

export async function ensureSeedTrials(_db: Kysely<Tables>): Promise<void> {}
