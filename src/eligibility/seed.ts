// Gives the database the seed trials' hand-reviewed rule sets (data/seed-trials/*.rules.json). A
// trial without a stored seed version gets the shipped one under its own `version` number (or the
// next free one). When the shipped file later changes (a fix, a translation), it is stored as a new
// version — unless a person has approved a later version through the review workflow: that one is
// the trial's truth from then on and a shipped change never overrides it. Idempotent.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RuleSet } from '../core/criteria/rules.ts';
import type { SeedOutcome, Stores } from '../store/index.ts';
import { parseRuleSet } from './rule-sets.ts';
import { log } from '../log.ts';

export const SEED_RULE_SETS_DIR = fileURLToPath(new URL('../../data/seed-trials/', import.meta.url));

export function readSeedRuleSets(directory: string = SEED_RULE_SETS_DIR): RuleSet[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => name.endsWith('.rules.json'))
    .sort()
    .map((name) => parseRuleSet(JSON.parse(readFileSync(join(directory, name), 'utf8')), join(directory, name), { warn: (problem) => log.warn({ field: problem.field, pinned: problem.value, current: problem.expected }, problem.message) }));
}

/** What happened to each shipped rule set, by NCT id. */
export async function ensureSeedRuleSets(stores: Stores, directory: string = SEED_RULE_SETS_DIR): Promise<Map<string, SeedOutcome>> {
  const outcomes = new Map<string, SeedOutcome>();
  for (const ruleSet of readSeedRuleSets(directory)) outcomes.set(ruleSet.nctId, await stores.ruleSets.saveSeed(ruleSet));
  return outcomes;
}
