// The parser's output as stored rule sets: every trial with criteria text and no reviewed rule set gets
// the parser's reading as an 'unreviewed' set, tagged with PARSER_VERSION and the md5 of the text it
// read. Refreshed after imports (for the trials that changed) and in full when the parser version changes,
// so that screening reads stored sets and never parses during a request.
import { createHash } from 'node:crypto';
import type { RuleSet } from '../core/criteria/rules.ts';
import { PARSER_VERSION } from '../core/criteria/parse/version.ts';
import type { ParsedRuleSetInput, Stores } from '../store/index.ts';
import { criteriaParser, unreviewedRuleSet } from './parser-hook.ts';
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
export async function refreshParsedRuleSets(stores: Stores, options: RefreshOptions = {}): Promise<RefreshReport> {
  const parser = criteriaParser();
  const report: RefreshReport = { stale: 0, parsed: 0, failed: [], full: false };
  const batchSize = options.batchSize ?? DEFAULT_REFRESH_BATCH;
  const refreshedWith = options.nctIds === undefined ? undefined : await stores.ruleSets.refreshedParserVersion();
  report.full = options.nctIds === undefined || (options.fullOnNewParser === true && refreshedWith !== PARSER_VERSION);

  const parseBatch = async (rows: Array<{ nct_id: string; criteria: string }>) => {
    report.stale += rows.length;
    const inputs: ParsedRuleSetInput[] = [];
    for (const row of rows) {
      const ruleSet: RuleSet | undefined = unreviewedRuleSet(row.nct_id, parser.parseCriteria(row.criteria), parser.toCriterion);
      if (ruleSet) inputs.push({ ruleSet, criteriaHash: criteriaHash(row.criteria) });
      else report.failed.push(row.nct_id);
    }
    await stores.ruleSets.saveParsed(inputs, PARSER_VERSION);
    report.parsed += inputs.length;
  };

  if (report.full) {
    // Keyset pages over every trial: rows refreshed in one page no longer match, the next page starts after it.
    let after = '';
    for (;;) {
      const rows = await stores.ruleSets.staleParsed(PARSER_VERSION, { after, limit: batchSize });
      if (rows.length === 0) break;
      await parseBatch(rows);
      after = rows[rows.length - 1].nct_id;
    }
    await stores.ruleSets.recordRefreshedParserVersion(PARSER_VERSION);
  } else {
    const ids = [...new Set(options.nctIds)];
    for (let start = 0; start < ids.length; start += batchSize) {
      const rows = await stores.ruleSets.staleParsed(PARSER_VERSION, { ids: ids.slice(start, start + batchSize) });
      if (rows.length > 0) await parseBatch(rows);
    }
  }
  return report;
}
