// Rule sets as stored data: versioned storage per trial, and the choice of which version screens a
// patient (the latest reviewed one, else the latest unreviewed one). Validation is in rule-sets.ts.
import { sql, type Kysely } from 'kysely';
import { ruleSetSchema, type RuleSet } from '../core/criteria/rules.ts';
import type { Tables } from './tables.ts';
import { cachedRuleSets, forgetRuleSets } from './rule-set-cache.ts';

export type RuleSetSource = 'seed' | 'hand' | 'parser';

export interface StoredRuleSet {
  ruleSet: RuleSet;
  source: string;
  createdAt: Date;
  /** The parser version that produced it (source 'parser'), else null. */
  parserVersion: string | null;
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
  }).finally(() => forgetRuleSets(db, [ruleSet.nctId]));
}

export interface ParsedRuleSetInput {
  ruleSet: RuleSet;
  /** md5 (hex) of the criteria text the parser read. */
  criteriaHash: string;
}

/**
 * Stores the parser's output for many trials in one transaction: each replaces the trial's previous
 * parser output (earlier parser versions are not worth keeping) under a new version number, so that a
 * cache keyed by trial and version never serves the old one. Reviewed and hand-made versions stay.
 */
export async function saveParsedRuleSets(db: Kysely<Tables>, inputs: readonly ParsedRuleSetInput[], parserVersion: string): Promise<void> {
  if (inputs.length === 0) return;
  const ids = inputs.map((input) => input.ruleSet.nctId);
  await db.transaction().execute(async (trx) => {
    const latest = await trx.selectFrom('eligibility_rule_set').select(['nct_id']).select((eb) => eb.fn.max('version').as('max')).where('nct_id', 'in', ids).groupBy('nct_id').execute();
    const maxVersion = new Map(latest.map((row) => [row.nct_id, row.max]));
    await trx.deleteFrom('eligibility_rule_set').where('nct_id', 'in', ids).where('source', '=', 'parser').where('review', '=', 'unreviewed').execute();
    const rows = inputs.map(({ ruleSet, criteriaHash }) => {
      const version = (maxVersion.get(ruleSet.nctId) ?? 0) + 1;
      return { nct_id: ruleSet.nctId, version, review: 'unreviewed' as const, source: 'parser', rule_set: { ...ruleSet, version, review: 'unreviewed' }, parser_version: parserVersion, criteria_hash: criteriaHash };
    });
    await sql`
      insert into eligibility_rule_set (nct_id, version, review, source, rule_set, parser_version, criteria_hash)
      select nct_id, version, review, source, rule_set, parser_version, criteria_hash
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as input (
        nct_id text, version integer, review text, source text, rule_set jsonb, parser_version text, criteria_hash text)`.execute(trx);
  }).finally(() => forgetRuleSets(db, ids));
}

/** The rule set screening uses: the latest reviewed version, else the latest unreviewed one. */
export async function currentRuleSet(db: Kysely<Tables>, nctId: string): Promise<StoredRuleSet | undefined> {
  const row = await db
    .selectFrom('eligibility_rule_set')
    .select(['rule_set', 'source', 'created_at', 'parser_version'])
    .where('nct_id', '=', nctId)
    .orderBy((eb) => eb.case().when('review', '=', 'reviewed').then(0).else(1).end())
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { ruleSet: ruleSetSchema.parse(row.rule_set), source: row.source, createdAt: row.created_at, parserVersion: row.parser_version } : undefined;
}

export async function ruleSetVersions(db: Kysely<Tables>, nctId: string): Promise<Array<{ version: number; review: string; source: string; createdAt: Date }>> {
  const rows = await db.selectFrom('eligibility_rule_set').select(['version', 'review', 'source', 'created_at']).where('nct_id', '=', nctId).orderBy('version', 'desc').execute();
  return rows.map((row) => ({ version: row.version, review: row.review, source: row.source, createdAt: row.created_at }));
}

/** Statuses of trials a patient could still join. */
export const OPEN_STATUSES = ['RECRUITING', 'NOT_YET_RECRUITING'] as const;

/** The current rule set of every open trial in the registry that has one (parsed rule sets come from the in-memory cache when unchanged). */
export async function currentRuleSetsOfOpenTrials(db: Kysely<Tables>): Promise<Array<{ ruleSet: RuleSet; title: string | null; status: string | null }>> {
  // Ids and versions only: the rule-set documents are read (and validated) once per version, then cached.
  const rows = await db
    .selectFrom('eligibility_rule_set as r')
    .innerJoin('registry_trial as t', 't.nct_id', 'r.nct_id')
    .leftJoin('registry_trial_record as tr', 'tr.nct_id', 'r.nct_id')
    .select(['r.nct_id', 'r.version', 'r.review', 't.overall_status'])
    .select(sql<string | null>`tr.hit->>'briefTitle'`.as('brief_title'))
    .where('t.overall_status', 'in', [...OPEN_STATUSES])
    .orderBy('r.nct_id')
    .execute();
  const best = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const current = best.get(row.nct_id);
    const rank = (r: (typeof rows)[number]) => (r.review === 'reviewed' ? 1_000_000 : 0) + r.version;
    if (!current || rank(row) > rank(current)) best.set(row.nct_id, row);
  }
  const chosen = [...best.values()];
  const ruleSets = await cachedRuleSets(db, chosen.map((row) => ({ nctId: row.nct_id, version: row.version })), (wanted) => readRuleSetVersions(db, wanted));
  return chosen.flatMap((row, index) => {
    const ruleSet = ruleSets[index];
    return ruleSet ? [{ ruleSet, title: row.brief_title, status: row.overall_status }] : [];
  });
}

/** The stored documents of the given (trial, version) pairs, validated. */
async function readRuleSetVersions(db: Kysely<Tables>, wanted: ReadonlyArray<{ nctId: string; version: number }>): Promise<RuleSet[]> {
  if (wanted.length === 0) return [];
  const { rows } = await sql<{ rule_set: unknown }>`
    select r.rule_set from eligibility_rule_set r
    join unnest(${wanted.map((w) => w.nctId)}::text[], ${wanted.map((w) => w.version)}::integer[]) as w (nct_id, version)
      on r.nct_id = w.nct_id and r.version = w.version`.execute(db);
  return rows.map((row) => ruleSetSchema.parse(row.rule_set));
}

export interface RuleSetListItem {
  nctId: string;
  title: string | null;
  status: string | null;
  /** The version screening uses (the latest reviewed, else the latest). */
  version: number;
  latestVersion: number;
  review: 'reviewed' | 'unreviewed';
  source: string;
  /** Criteria of the current version by parse status; "unspecified" for criteria encoded by hand without one. */
  criteria: { total: number; computable: number; partial: number; needs_review: number; unspecified: number };
}

/** Trials with a rule set, for the review list: the current version of each, by NCT id. */
export async function listRuleSets(db: Kysely<Tables>, options: { review?: 'reviewed' | 'unreviewed'; limit: number; offset: number }): Promise<{ total: number; items: RuleSetListItem[] }> {
  const { rows } = await sql<{ nct_id: string; version: number; review: 'reviewed' | 'unreviewed'; source: string; latest_version: number; title: string | null; overall_status: string | null; counts: Record<string, number> | null; total: number }>`
    with current as (
      select distinct on (nct_id) nct_id, version, review, source, rule_set
      from eligibility_rule_set
      order by nct_id, (review = 'reviewed') desc, version desc
    )
    select c.nct_id, c.version, c.review, c.source,
      (select max(s.version) from eligibility_rule_set s where s.nct_id = c.nct_id) as latest_version,
      tr.hit->>'briefTitle' as title, t.overall_status,
      (select jsonb_object_agg(status, n) from (
        select coalesce(e->>'status', 'unspecified') as status, count(*) as n
        from jsonb_array_elements(c.rule_set->'criteria') e group by 1) counted) as counts,
      count(*) over () as total
    from current c
    left join registry_trial t on t.nct_id = c.nct_id
    left join registry_trial_record tr on tr.nct_id = c.nct_id
    where ${options.review ? sql`c.review = ${options.review}` : sql`true`}
    order by c.nct_id
    limit ${options.limit} offset ${options.offset}`.execute(db);
  const items = rows.map((row): RuleSetListItem => {
    const counts = row.counts ?? {};
    const count = (key: string) => Number(counts[key] ?? 0);
    return {
      nctId: row.nct_id,
      title: row.title,
      status: row.overall_status,
      version: row.version,
      latestVersion: row.latest_version,
      review: row.review,
      source: row.source,
      criteria: { total: Object.values(counts).reduce((sum, n) => sum + Number(n), 0), computable: count('computable'), partial: count('partial'), needs_review: count('needs_review'), unspecified: count('unspecified') },
    };
  });
  // count(*) over () is only on returned rows: an offset past the end still needs the total.
  const total = rows.length > 0 ? Number(rows[0].total) : options.offset === 0 ? 0 : await countRuleSetTrials(db, options.review);
  return { total, items };
}

async function countRuleSetTrials(db: Kysely<Tables>, review: 'reviewed' | 'unreviewed' | undefined): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*) as n from (
      select distinct on (nct_id) review from eligibility_rule_set order by nct_id, (review = 'reviewed') desc, version desc) c
    where ${review ? sql`c.review = ${review}` : sql`true`}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
