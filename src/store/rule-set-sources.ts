// Storage for where rule sets come from: the shipped seed files (one transaction per trial, so two
// processes starting at once store a file once) and the parser's output (which trials are stale, and
// the parser version the whole registry was last refreshed with).
import { sql, type Kysely } from 'kysely';
import type { RuleSet } from '../core/criteria/rules.ts';
import type { Tables } from './tables.ts';
import { forgetRuleSets } from './rule-set-cache.ts';

export type SeedOutcome = 'stored' | 'unchanged' | 'kept-reviewed';

/** The parser version the whole registry was last refreshed with. */
const PARSED_VERSION_KEY = 'eligibility.parser_version';

/**
 * Stores a shipped rule set as a new seed version unless the latest seed version has the same rules,
 * or a person approved a later version through the review workflow (that one is the trial's truth).
 */
export async function saveSeedRuleSet(db: Kysely<Tables>, shipped: RuleSet): Promise<SeedOutcome> {
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

export type StaleScope = { after: string; limit: number } | { ids: readonly string[] };

/** Trials with criteria text whose parser output is missing or stale and that have no reviewed rule set. */
export async function staleParsedTrials(db: Kysely<Tables>, parserVersion: string, scope: StaleScope): Promise<Array<{ nct_id: string; criteria: string }>> {
  const criteria = sql`r.record->'protocolSection'->'eligibilityModule'->>'eligibilityCriteria'`;
  const { rows } = await sql<{ nct_id: string; criteria: string }>`
    select r.nct_id, ${criteria} as criteria
    from registry_trial_record r
    where ${'ids' in scope ? sql`r.nct_id = any(${[...scope.ids]}::text[])` : sql`r.nct_id > ${scope.after}`}
      and coalesce(btrim(${criteria}), '') <> ''
      and not exists (
        select 1 from eligibility_rule_set s
        where s.nct_id = r.nct_id
          and (s.review = 'reviewed' or (s.source = 'parser' and s.parser_version = ${parserVersion} and s.criteria_hash = md5(${criteria}))))
    order by r.nct_id
    ${'ids' in scope ? sql`` : sql`limit ${scope.limit}`}`.execute(db);
  return rows;
}

export async function refreshedParserVersion(db: Kysely<Tables>): Promise<string | undefined> {
  const row = await db.selectFrom('eligo_meta').select('value').where('key', '=', PARSED_VERSION_KEY).executeTakeFirst();
  return row?.value;
}

export async function recordRefreshedParserVersion(db: Kysely<Tables>, parserVersion: string): Promise<void> {
  await db
    .insertInto('eligo_meta')
    .values({ key: PARSED_VERSION_KEY, value: parserVersion })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: parserVersion }))
    .execute();
}
