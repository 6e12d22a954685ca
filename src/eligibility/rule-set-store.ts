// Rule sets as stored data: versioned storage per trial, and the choice of which version screens a
// patient (the latest reviewed one, else the latest unreviewed one). Validation is in rule-sets.ts.
import { sql, type Kysely } from 'kysely';
import { ruleSetSchema, type RuleSet } from '../core/criteria/rules.ts';
import type { Tables } from '../store/tables.ts';

export type RuleSetSource = 'seed' | 'hand' | 'parser';

export interface StoredRuleSet {
  ruleSet: RuleSet;
  source: string;
  createdAt: Date;
}

/**
 * Stores a rule set as a new version of its trial. The version in the rule set is kept when it is
 * free; otherwise (or when `nextVersion` is set) the next free number is used. Returns the stored set.
 */
export async function saveRuleSet(db: Kysely<Tables>, ruleSet: RuleSet, source: RuleSetSource, options: { nextVersion?: boolean } = {}): Promise<RuleSet> {
  return db.transaction().execute(async (trx) => {
    const latest = await trx.selectFrom('eligibility_rule_set').select((eb) => eb.fn.max('version').as('max')).where('nct_id', '=', ruleSet.nctId).executeTakeFirst();
    const max = latest?.max ?? 0;
    const version = options.nextVersion || ruleSet.version <= max ? max + 1 : ruleSet.version;
    const stored = { ...ruleSet, version };
    await trx.insertInto('eligibility_rule_set').values({ nct_id: stored.nctId, version, review: stored.review, source, rule_set: JSON.stringify(stored) }).execute();
    return stored;
  });
}

/** The rule set screening uses: the latest reviewed version, else the latest unreviewed one. */
export async function currentRuleSet(db: Kysely<Tables>, nctId: string): Promise<StoredRuleSet | undefined> {
  const row = await db
    .selectFrom('eligibility_rule_set')
    .select(['rule_set', 'source', 'created_at'])
    .where('nct_id', '=', nctId)
    .orderBy((eb) => eb.case().when('review', '=', 'reviewed').then(0).else(1).end())
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { ruleSet: ruleSetSchema.parse(row.rule_set), source: row.source, createdAt: row.created_at } : undefined;
}

export async function ruleSetVersions(db: Kysely<Tables>, nctId: string): Promise<Array<{ version: number; review: string; source: string; createdAt: Date }>> {
  const rows = await db.selectFrom('eligibility_rule_set').select(['version', 'review', 'source', 'created_at']).where('nct_id', '=', nctId).orderBy('version', 'desc').execute();
  return rows.map((row) => ({ version: row.version, review: row.review, source: row.source, createdAt: row.created_at }));
}

/** Statuses of trials a patient could still join. */
export const OPEN_STATUSES = ['RECRUITING', 'NOT_YET_RECRUITING'] as const;

/** The current rule set of every open trial in the registry that has one. */
export async function currentRuleSetsOfOpenTrials(db: Kysely<Tables>): Promise<Array<{ ruleSet: RuleSet; title: string | null; status: string | null }>> {
  const rows = await db
    .selectFrom('eligibility_rule_set as r')
    .innerJoin('registry_trial as t', 't.nct_id', 'r.nct_id')
    .leftJoin('registry_trial_record as tr', 'tr.nct_id', 'r.nct_id')
    .select(['r.nct_id', 'r.version', 'r.review', 'r.rule_set', 't.overall_status'])
    .select(sql<string | null>`tr.record->'protocolSection'->'identificationModule'->>'briefTitle'`.as('brief_title'))
    .where('t.overall_status', 'in', [...OPEN_STATUSES])
    .orderBy('r.nct_id')
    .execute();
  const best = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const current = best.get(row.nct_id);
    const rank = (r: (typeof rows)[number]) => (r.review === 'reviewed' ? 1_000_000 : 0) + r.version;
    if (!current || rank(row) > rank(current)) best.set(row.nct_id, row);
  }
  return [...best.values()].map((row) => ({ ruleSet: ruleSetSchema.parse(row.rule_set), title: row.brief_title, status: row.overall_status }));
}
