// Gives a fresh database the seed trials (data/seed-trials/*.json, API v2 records) exactly once. The
// marker in eligo_meta is written in the same transaction as the trials, so a crash leaves neither, and
// a trial later deleted or replaced by an import is not brought back.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTrial, type Trial } from '../core/trial/model.ts';
import type { Stores } from '../store/index.ts';

export const SEED_TRIALS_DIR = fileURLToPath(new URL('../../data/seed-trials/', import.meta.url));
/** Written (with the trials) when the seed trials are loaded. */
export const SEEDED_KEY = 'registry.seed_trials_loaded';

export async function ensureSeedTrials(stores: Stores, directory: string = SEED_TRIALS_DIR): Promise<void> {
  if (await stores.trials.seeded(SEEDED_KEY)) return;
  const trials = readSeedTrials(directory);
  // Without seed files (e.g. a trimmed install) there is nothing to load; try again next time.
  if (trials.length === 0) return;
  await stores.trials.seedOnce(SEEDED_KEY, trials);
}

/** Every *.json file of the directory, validated as an API v2 study; a bad seed is a bug and throws. */
export function readSeedTrials(directory: string = SEED_TRIALS_DIR): Trial[] {
  if (!existsSync(directory)) return [];
  // *.rules.json beside the trials are their rule sets (src/eligibility/seed.ts), not trials.
  const files = readdirSync(directory).filter((name) => name.endsWith('.json') && !name.endsWith('.rules.json')).sort();
  return files.map((name) => {
    const path = join(directory, name);
    const parsed = parseTrial(JSON.parse(readFileSync(path, 'utf8')));
    if (!parsed.ok) throw new Error(`seed trial ${path} is not a valid API v2 study: ${parsed.issues.map((issue) => issue.message).join('; ')}`);
    return parsed.trial;
  });
}
