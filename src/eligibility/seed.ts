// Gives the database the seed trials' hand-reviewed rule sets (data/seed-trials/*.rules.json). A
// trial without a stored seed version gets the shipped one under its own `version` number (or the
// next free one). When the shipped file later changes (a fix, a translation), it is stored as a new
// version — unless a person has approved a later version through the review workflow: that one is
// the trial's truth from then on and a shipped change never overrides it. Idempotent.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { RuleSet } from '../core/criteria/rules.ts';
import type { Tables } from '../store/tables.ts';
import { parseRuleSet } from './rule-sets.ts';
import { forgetRuleSets } from './rule-set-cache.ts';

export const SEED_RULE_SETS_DIR = fileURLToPath(new URL('../../data/seed-trials/', import.meta.url));

export function readSeedRuleSets(directory: string = SEED_RULE_SETS_DIR): RuleSet[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => name.endsWith('.rules.json'))
    .sort()
    .map((name) => parseRuleSet(JSON.parse(readFileSync(join(directory, name), 'utf8')), join(directory, name)));
}

export type SeedOutcome = 'stored' | 'unchanged' | 'kept-reviewed';

/** What happened to each shipped rule set, by NCT id. */
export async function ensureSeedRuleSets(db: Kysely<Tables>, directory: string = SEED_RULE_SETS_DIR): Promise<Map<string, SeedOutcome>> {
  const outcomes = new Map<string, SeedOutcome>();
  for (const ruleSet of readSeedRuleSets(directory)) outcomes.set(ruleSet.nctId, await ensureSeedRuleSet(db, ruleSet));
  return outcomes;
}

async function ensureSeedRuleSet(db: Kysely<Tables>, shipped: RuleSet): Promise<SeedOutcome> {
  const outcome = await db.transaction().execute(async (trx): Promise<SeedOutcome> => {
    const stored = await trx.selectFrom('eligibility_rule_set').select(['version', 'review', 'source', 'rule_set']).where('nct_id', '=', shipped.nctId).orderBy('version', 'desc').execute();
    const latestSeed = stored.find((row) => row.source === 'seed');
    if (latestSeed) {
      const approvedLater = stored.some((row) => row.source !== 'seed' && row.review === 'reviewed' && row.version > latestSeed.version);
      if (approvedLater) return 'kept-reviewed';
      if (sameContent(latestSeed.rule_set, shipped)) return 'unchanged';
    }
    const maxVersion = stored[0]?.version ?? 0;
    const version = shipped.version > maxVersion ? shipped.version : maxVersion + 1;
    // Two processes starting at once compute the same version for the same file: one insert is enough.
    await trx
      .insertInto('eligibility_rule_set')
      .values({ nct_id: shipped.nctId, version, review: shipped.review, source: 'seed', rule_set: JSON.stringify({ ...shipped, version }) })
      .onConflict((oc) => oc.columns(['nct_id', 'version']).doNothing())
      .execute();
    return 'stored';
  });
  if (outcome === 'stored') forgetRuleSets(db, [shipped.nctId]);
  return outcome;
}

/** Same rules, whatever the version number and key order (jsonb does not keep key order). */
function sameContent(stored: unknown, shipped: RuleSet): boolean {
  const { version: _storedVersion, ...storedRest } = (typeof stored === 'string' ? JSON.parse(stored) : stored) as RuleSet;
  const { version: _shippedVersion, ...shippedRest } = shipped;
  return canonicalJson(storedRest) === canonicalJson(shippedRest);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
