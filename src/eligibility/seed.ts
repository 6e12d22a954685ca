// Gives the database the seed trials' hand-reviewed rule sets (data/seed-trials/*.rules.json) as
// version 1 'reviewed'. Idempotent: a version already stored is left as it is.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { RuleSet } from '../core/criteria/rules.ts';
import type { Tables } from '../store/tables.ts';
import { parseRuleSet } from './rule-sets.ts';

export const SEED_RULE_SETS_DIR = fileURLToPath(new URL('../../data/seed-trials/', import.meta.url));

export function readSeedRuleSets(directory: string = SEED_RULE_SETS_DIR): RuleSet[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => name.endsWith('.rules.json'))
    .sort()
    .map((name) => parseRuleSet(JSON.parse(readFileSync(join(directory, name), 'utf8')), join(directory, name)));
}

export async function ensureSeedRuleSets(db: Kysely<Tables>, directory: string = SEED_RULE_SETS_DIR): Promise<void> {
  const ruleSets = readSeedRuleSets(directory);
  if (ruleSets.length === 0) return;
  await db
    .insertInto('eligibility_rule_set')
    .values(ruleSets.map((ruleSet) => ({ nct_id: ruleSet.nctId, version: ruleSet.version, review: ruleSet.review, source: 'seed', rule_set: JSON.stringify(ruleSet) })))
    .onConflict((oc) => oc.columns(['nct_id', 'version']).doNothing())
    .execute();
}
