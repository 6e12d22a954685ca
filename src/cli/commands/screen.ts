// eligo screen: one patient against one trial (an NCT id in the registry, or a rule-set/trial file),
// or against every open trial (--all-trials). eligo sites ranges import: a site's reference ranges.
// eligo rules refresh: the parser's stored readings brought up to date (e.g. after a parser upgrade).
// The database is opened only when needed: screening a file-based trial never pays for it.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Command } from 'commander';
import type { CriterionResult, ScreeningResult } from '../../core/criteria/evaluate.ts';
import type { RuleSet } from '../../core/criteria/rules.ts';
import { EligoError } from '../../core/problems.ts';
import { NCT_ID_PATTERN } from '../../core/trial/nct-id.ts';
import { parseRuleSet } from '../../eligibility/rule-sets.ts';
import { checkAsOf, checkRankingOptions, DEFAULT_RANKING_LIMIT, MAX_RANKING_LIMIT, screenRecord, type Ranking, type RankingDetail } from '../../eligibility/screening.ts';
import { usageError } from '../errors.ts';
import { withStores } from '../stores.ts';

interface ScreenOptions {
  trial?: string;
  patient: string;
  allTrials?: boolean;
  asOf?: string;
  site?: string;
  json?: boolean;
  limit?: string;
  detail?: string;
}

export function registerScreen(program: Command): void {
  program
    .command('screen')
    .description('screen a patient (FHIR R4 Bundle or NDJSON) against a trial, or rank every open trial')
    .requiredOption('--patient <file>', 'the patient record: FHIR Bundle (.json) or NDJSON (.ndjson)')
    .option('--trial <id-or-file>', 'NCT id of a trial in the registry, or a rule-set (.rules.json) or trial (.json) file')
    .option('--all-trials', "rank every recruiting and not-yet-recruiting trial with a rule set (reviewed, or the parser's stored reading)")
    .option('--as-of <date>', 'screening date YYYY-MM-DD (default: today)')
    .option('--site <site id>', "use this site's reference ranges for limits of normal")
    .option('--limit <n>', `with --all-trials: how many ranked trials to show, 1–${MAX_RANKING_LIMIT} (default ${DEFAULT_RANKING_LIMIT}); the counts cover every trial`)
    .option('--detail <level>', "with --all-trials: summary (default; counts and missing data per trial) or full (every criterion's reason)")
    .option('--json', 'print exactly one JSON object')
    .action(async (options: ScreenOptions) => {
      if (!options.trial === !options.allTrials) throw usageError('give either --trial <NCT id or file> or --all-trials');
      if (!options.allTrials && (options.limit !== undefined || options.detail !== undefined)) throw usageError('--limit and --detail go with --all-trials');
      const ranking = options.allTrials ? rankingOptions(options) : undefined;
      const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
      try {
        checkAsOf(asOf);
      } catch {
        throw usageError(`--as-of: expected a date YYYY-MM-DD, got ${JSON.stringify(options.asOf)}`);
      }
      const record = readPatientFile(options.patient);
      try {
        if (options.allTrials) {
          const ranked = await withStores((stores) => import('../../eligibility/screen.ts').then((m) => m.rankOpenTrials(stores, record, { asOf, siteId: options.site, ...ranking })));
          process.stdout.write(options.json ? `${JSON.stringify(ranked)}\n` : formatRanking(ranked));
          return;
        }
        const result = await screenOne(options.trial!, record, asOf, options.site);
        process.stdout.write(options.json ? `${JSON.stringify(result)}\n` : formatResult(result));
      } catch (error) {
        // A record that is not FHIR is named by its file.
        if (error instanceof EligoError && error.code === 'invalid_fhir') throw new EligoError(error.kind, error.code, `--patient ${options.patient}: ${error.message}`, error.problems);
        throw error;
      }
    });

  program
    .command('rules')
    .description("trials' rule sets")
    .command('refresh')
    .description("parse and store the criteria of every trial whose stored parser reading is missing or stale (new criteria text or parser version); imports do this for the trials they change")
    .option('--json', 'print the report as JSON')
    .action(async (options: { json?: boolean }) => {
      const { refreshParsedRuleSets } = await import('../../eligibility/parsed-rule-sets.ts');
      const started = performance.now();
      const report = await withStores((stores) => refreshParsedRuleSets(stores));
      const seconds = (performance.now() - started) / 1000;
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ ...report, seconds })}\n`);
        return;
      }
      process.stdout.write(`${report.parsed} parser rule set${report.parsed === 1 ? '' : 's'} stored (${report.stale} missing or stale${report.failed.length ? `, ${report.failed.length} not parseable: ${report.failed.slice(0, 10).join(', ')}` : ''}) in ${seconds.toFixed(1)} s\n`);
    });

  const sites = program.command('sites').description("sites' settings used in screening");
  const ranges = sites.command('ranges').description("a site's reference ranges (limits of normal)");
  ranges
    .command('import')
    .description('replace the reference ranges of every site named in a CSV file (columns: site_id, analyte, sex, age_from, age_to, low, high, unit, effective_from, effective_to, source)')
    .argument('<file>', 'CSV file')
    .action(async (file: string) => {
      if (!existsSync(file)) throw usageError(`${file}: no such file`);
      const { parseSiteRangesCsv } = await import('../../eligibility/site-ranges.ts');
      let bySite;
      try {
        bySite = parseSiteRangesCsv(readFileSync(file, 'utf8'));
      } catch (error) {
        if (error instanceof EligoError) throw new EligoError(error.kind, error.code, `${file}: ${error.message}`, error.problems);
        throw error;
      }
      await withStores(async (stores) => {
        for (const [siteId, list] of bySite) await stores.siteRanges.replace(siteId, list);
      });
      for (const [siteId, list] of bySite) process.stdout.write(`site ${siteId}: ${list.length} reference range${list.length === 1 ? '' : 's'} imported\n`);
    });
}

function readPatientFile(path: string): string {
  if (!existsSync(path)) throw usageError(`--patient: ${path}: no such file`);
  return readFileSync(path, 'utf8');
}

async function screenOne(trial: string, record: string, asOf: string, site: string | undefined): Promise<ScreeningResult> {
  if (NCT_ID_PATTERN.test(trial)) {
    return withStores((stores) => import('../../eligibility/screen.ts').then((m) => m.screenTrial(stores, trial, record, { asOf, siteId: site })));
  }
  const ruleSet = await ruleSetFromFile(trial);
  if (!site) return screenRecord(ruleSet, record, { asOf });
  // Site ranges live in the database.
  return withStores(async (stores) => screenRecord(ruleSet, record, { asOf, siteRanges: await stores.siteRanges.list(site) }));
}

/** A rule-set file, or a trial record (API v2 JSON) with its rules beside it (NCT….rules.json) or from the parser. */
async function ruleSetFromFile(path: string): Promise<RuleSet> {
  if (!existsSync(path)) throw usageError(`--trial: ${JSON.stringify(path)} is neither an NCT id (NCT + 8 digits) nor an existing file`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw usageError(`--trial: ${path} is not JSON`);
  }
  if (json && typeof json === 'object' && 'criteria' in json) return parseRuleSet(json, path, { warn: warnOnStderr });
  const nctId = (json as { protocolSection?: { identificationModule?: { nctId?: string } } })?.protocolSection?.identificationModule?.nctId;
  if (!nctId) throw usageError(`--trial: ${path} is neither a rule set (with "criteria") nor a trial record (with protocolSection.identificationModule.nctId)`);
  for (const candidate of [join(dirname(path), `${nctId}.rules.json`), path.replace(/\.json$/, '.rules.json')]) {
    if (candidate !== path && existsSync(candidate)) return parseRuleSet(JSON.parse(readFileSync(candidate, 'utf8')), candidate, { warn: warnOnStderr });
  }
  const text = (json as { protocolSection?: { eligibilityModule?: { eligibilityCriteria?: string } } }).protocolSection?.eligibilityModule?.eligibilityCriteria;
  const parsed = text ? (await import('../../eligibility/parser-hook.ts')).parseTrialCriteria(nctId, text) : undefined;
  if (!parsed) throw usageError(`--trial: no rule set for ${nctId}: expected ${nctId}.rules.json beside ${basename(path)} (and the criteria parser found no rules in its criteria text)`);
  return parsed;
}

function warnOnStderr(problem: { message: string }): void {
  process.stderr.write(`eligo: warning: ${problem.message}\n`);
}

const MARK: Record<CriterionResult['status'], string> = { pass: 'PASS   ', fail: 'FAIL   ', unknown: 'UNKNOWN', confirm: 'CONFIRM' };

function shorten(text: string, length = 110): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= length ? flat : `${flat.slice(0, length - 1)}…`;
}

export function formatResult(result: ScreeningResult): string {
  const lines: string[] = [];
  lines.push(`${result.trial} as of ${result.asOf}: ${result.verdict.toUpperCase()} (rule set v${result.ruleSet.version}, ${result.ruleSet.review})`, '');
  for (const kind of ['inclusion', 'exclusion'] as const) {
    lines.push(kind === 'inclusion' ? 'Inclusion criteria' : 'Exclusion criteria');
    for (const criterion of result.criteria.filter((c) => c.kind === kind)) {
      lines.push(`  ${MARK[criterion.status]} ${criterion.id.padEnd(6)} ${shorten(criterion.text)}`);
      lines.push(`          ${criterion.reason}`);
      for (const ambiguity of criterion.ambiguities ?? []) lines.push(`          reading: ${ambiguity}`);
    }
    lines.push('');
  }
  if (result.missing.length > 0) {
    lines.push('Missing data (to do)');
    for (const item of result.missing) lines.push(`  - ${item.criterion}: ${item.what}`);
    lines.push('');
  }
  if (result.confirm.length > 0) {
    lines.push('To confirm by the study team');
    for (const item of result.confirm) lines.push(`  - ${item.criterion}: ${item.question}`);
    lines.push('');
  }
  if (result.warnings.length > 0) {
    lines.push('Problems in the patient record');
    for (const warning of result.warnings) lines.push(`  - ${warning}`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

/** --limit and --detail, checked before the database is opened. */
function rankingOptions(options: ScreenOptions): { limit: number; detail: RankingDetail } {
  const limitText = options.limit ?? String(DEFAULT_RANKING_LIMIT);
  if (!/^\d+$/.test(limitText)) throw usageError(`--limit: expected a whole number from 1 to ${MAX_RANKING_LIMIT}, got ${JSON.stringify(limitText)}`);
  try {
    return checkRankingOptions(Number(limitText), options.detail ?? 'summary');
  } catch (error) {
    if (error instanceof EligoError) throw usageError(`--${error.message}`);
    throw error;
  }
}

function formatRanking(ranking: Ranking): string {
  const { eligible, incomplete, ineligible } = ranking.verdicts;
  const shown = ranking.trials.length < ranking.total ? `; the best ${ranking.trials.length} shown (--limit)` : '';
  const lines = [`${ranking.total} open trial${ranking.total === 1 ? '' : 's'} with rules screened as of ${ranking.asOf}: ${eligible} eligible, ${incomplete} incomplete, ${ineligible} ineligible${shown}`, ''];
  ranking.trials.forEach((trial, index) => {
    const { pass, fail, unknown, confirm } = trial.counts;
    lines.push(`${String(index + 1).padStart(3)}. ${trial.trial} ${trial.verdict.toUpperCase()}${trial.title ? ` — ${shorten(trial.title, 80)}` : ''}`);
    lines.push(`       rules v${trial.ruleSet.version} ${trial.ruleSet.review}; criteria: ${pass} met, ${fail} not met, ${unknown} unknown, ${confirm} to confirm`);
    for (const criterion of trial.criteria ?? []) if (criterion.status === 'fail') lines.push(`       fails ${criterion.id}: ${shorten(criterion.reason, 120)}`);
    for (const missing of trial.missing) lines.push(`       missing ${missing.criterion}: ${missing.what}`);
    for (const item of trial.confirmItems ?? []) lines.push(`       confirm ${item.criterion}: ${shorten(item.question, 120)}`);
  });
  if (ranking.warnings.length > 0) lines.push('', 'Problems in the patient record', ...ranking.warnings.map((warning) => `  - ${warning}`));
  return `${lines.join('\n')}\n`;
}
