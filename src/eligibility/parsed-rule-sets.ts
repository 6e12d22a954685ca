// The parser's output as stored rule sets: every trial with criteria text and no reviewed rule set gets
// the parser's reading as an 'unreviewed' set, tagged with PARSER_VERSION and the md5 of the text it
// read. Refreshed after imports (for the trials that changed) and in full when the parser version changes,
// so that screening reads stored sets and never parses during a request.
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { RuleSet } from '../core/criteria/rules.ts';
import { PARSER_VERSION } from '../core/criteria/parse/version.ts';
import type { Tables } from '../store/tables.ts';
import { loadCriteriaParser, unreviewedRuleSet } from './parser-hook.ts';
import { saveParsedRuleSets, type ParsedRuleSetInput } from './rule-set-store.ts';

/** The parser version the whole registry was last refreshed with. */
const PARSED_VERSION_KEY = 'eligibility.parser_version';
export const DEFAULT_REFRESH_BATCH = 500;

/** md5 (hex) of the criteria text: what PostgreSQL's md5(text) gives for the same text. */
export function criteriaHash(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

export interface RefreshReport {
  /** Trials whose stored parser output was missing or stale. */
  stale: number;
  /** Of those, rule sets stored. */
  parsed: number;
  /** Parser output that was not a valid rule set (left for the next refresh), by NCT id. */
  failed: string[];
  /** True when every trial was checked (first refresh, or a new parser version). */
  full: boolean;
  /** False when the criteria parser is not available. */
  parserAvailable: boolean;
}

export interface RefreshOptions {
  /** Only these trials (e.g. those an import created or updated). */
  nctIds?: readonly string[];
  /** With nctIds: check every trial instead when the registry was last refreshed with another parser version. */
  fullOnNewParser?: boolean;
  batchSize?: number;
}

/**
 * Parses and stores the criteria of every trial (or of `nctIds`) whose stored parser output is missing
 * or was made by another parser version or from other text. Trials with a reviewed rule set are left
 * alone. One transaction per batch.
 */
export async function refreshParsedRuleSets(db: Kysely<Tables>, options: RefreshOptions = {}): Promise<RefreshReport> {
  const parser = await loadCriteriaParser();
  const report: RefreshReport = { stale: 0, parsed: 0, failed: [], full: false, parserAvailable: parser !== undefined };
  if (!parser) return report;
  const batchSize = options.batchSize ?? DEFAULT_REFRESH_BATCH;
  const refreshedWith = options.nctIds === undefined ? undefined : await db.selectFrom('eligo_meta').select('value').where('key', '=', PARSED_VERSION_KEY).executeTakeFirst();
  report.full = options.nctIds === undefined || (options.fullOnNewParser === true && refreshedWith?.value !== PARSER_VERSION);

  const parseBatch = async (rows: Array<{ nct_id: string; criteria: string }>) => {
    report.stale += rows.length;
    const inputs: ParsedRuleSetInput[] = [];
    for (const row of rows) {
      const ruleSet: RuleSet | undefined = unreviewedRuleSet(row.nct_id, parser.parseCriteria(row.criteria), parser.toCriterion);
      if (ruleSet) inputs.push({ ruleSet, criteriaHash: criteriaHash(row.criteria) });
      else report.failed.push(row.nct_id);
    }
    await saveParsedRuleSets(db, inputs, PARSER_VERSION);
    report.parsed += inputs.length;
  };

  if (report.full) {
    // Keyset pages over every trial: rows refreshed in one page no longer match, the next page starts after it.
    let after = '';
    for (;;) {
      const rows = await staleTrials(db, { after, limit: batchSize });
      if (rows.length === 0) break;
      await parseBatch(rows);
      after = rows[rows.length - 1].nct_id;
    }
    await db
      .insertInto('eligo_meta')
      .values({ key: PARSED_VERSION_KEY, value: PARSER_VERSION })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: PARSER_VERSION }))
      .execute();
  } else {
    const ids = [...new Set(options.nctIds)];
    for (let start = 0; start < ids.length; start += batchSize) {
      const rows = await staleTrials(db, { ids: ids.slice(start, start + batchSize) });
      if (rows.length > 0) await parseBatch(rows);
    }
  }
  return report;
}

/** Trials with criteria text whose parser output is missing or stale and that have no reviewed rule set. */
async function staleTrials(db: Kysely<Tables>, scope: { after: string; limit: number } | { ids: string[] }): Promise<Array<{ nct_id: string; criteria: string }>> {
  const criteria = sql`r.record->'protocolSection'->'eligibilityModule'->>'eligibilityCriteria'`;
  const { rows } = await sql<{ nct_id: string; criteria: string }>`
    select r.nct_id, ${criteria} as criteria
    from registry_trial_record r
    where ${'ids' in scope ? sql`r.nct_id = any(${scope.ids}::text[])` : sql`r.nct_id > ${scope.after}`}
      and coalesce(btrim(${criteria}), '') <> ''
      and not exists (
        select 1 from eligibility_rule_set s
        where s.nct_id = r.nct_id
          and (s.review = 'reviewed' or (s.source = 'parser' and s.parser_version = ${PARSER_VERSION} and s.criteria_hash = md5(${criteria}))))
    order by r.nct_id
    ${'ids' in scope ? sql`` : sql`limit ${scope.limit}`}`.execute(db);
  return rows;
}
