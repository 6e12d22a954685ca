// eligo criteria parse [FILE…] [--trial NCT…] [--json]: free-text eligibility criteria → rules.
// eligo criteria coverage FILE.jsonl.gz [--json]: how much of a ClinicalTrials.gov dump the parser covers.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { Command } from 'commander';
import { printRule } from '../../core/criteria/print.ts';
import { parseCriteria, type ParseResult } from '../../core/criteria/parse/index.ts';
import { addToCoverage, coverageReport, createCoverageTally, type CoverageReport } from '../../core/criteria/parse/coverage.ts';
import { usageError } from '../errors.ts';
import { withStores } from '../stores.ts';
import { EligoError } from '../../core/problems.ts';
import { NCT_ID_PATTERN } from '../../core/trial/nct-id.ts';


export function registerCriteria(program: Command): void {
  const criteria = program.command('criteria').description('parse free-text eligibility criteria into rules');

  criteria
    .command('parse')
    .description('parse criteria text from stdin, from files (one JSON line per file), or of a registry trial (--trial)')
    .argument('[files...]', 'text files with eligibility criteria; none: read stdin')
    .option('--trial <nct-id>', 'parse the eligibility criteria of a trial in the registry')
    .option('--json', 'print JSON (one object; with files, one object per line)')
    .action(async (files: string[], options: { trial?: string; json?: boolean }) => {
      if (options.trial !== undefined) {
        if (files.length > 0) throw usageError('give either files or --trial, not both');
        const { nctId, text } = await registryCriteria(options.trial);
        writeResult(parseCriteria(text), options.json === true, { nctId });
        return;
      }
      if (files.length === 0) {
        writeResult(parseCriteria(await readStdin()), options.json === true, {});
        return;
      }
      for (const file of files) writeResult(parseCriteria(readTextFile(file)), options.json === true, { file });
    });

  criteria
    .command('coverage')
    .description('parse every trial in a ClinicalTrials.gov JSON Lines file (.jsonl or .jsonl.gz) and report coverage')
    .argument('<file>', 'JSON Lines of API v2 study records')
    .option('--json', 'print one JSON object')
    .option('--top <n>', 'how many frequent unparsed phrases to list', '25')
    .action(async (file: string, options: { json?: boolean; top: string }) => {
      const top = Number(options.top);
      if (!Number.isInteger(top) || top < 0) throw usageError(`--top: expected a whole number, got ${JSON.stringify(options.top)}`);
      const { report, seconds } = await coverageOfFile(file, top);
      if (options.json) process.stdout.write(`${JSON.stringify({ file, ...report, seconds })}\n`);
      else process.stdout.write(formatCoverage(file, report, seconds));
    });
}

/** Streams a JSON Lines file of trials through the parser; the time covers reading and parsing. */
export async function coverageOfFile(file: string, top = 25): Promise<{ report: CoverageReport; seconds: number; parseSeconds: number }> {
  if (!existsSync(file) || !statSync(file).isFile()) throw usageError(`${file}: no such file`);
  const started = process.hrtime.bigint();
  let parseNanoseconds = 0n;
  const tally = createCoverageTally();
  const input = createReadStream(file);
  const lines = createInterface({ input: file.endsWith('.gz') ? input.pipe(createGunzip()) : input, crlfDelay: Infinity });
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber++;
      if (line.trim() === '') continue;
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch {
        throw usageError(`${file} line ${lineNumber}: not valid JSON (expected one API v2 study record per line)`);
      }
      const text = eligibilityText(record);
      const parseStarted = process.hrtime.bigint();
      addToCoverage(tally, text === null ? null : parseCriteria(text));
      parseNanoseconds += process.hrtime.bigint() - parseStarted;
    }
  } catch (error) {
    if (error instanceof EligoError) throw error;
    throw usageError(`${file}: cannot be read as ${file.endsWith('.gz') ? 'gzip-compressed ' : ''}JSON Lines (${error instanceof Error ? error.message : String(error)})`);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { report: coverageReport(tally, top), seconds, parseSeconds: Number(parseNanoseconds) / 1e9 };
}

function eligibilityText(record: unknown): string | null {
  const text = (record as { protocolSection?: { eligibilityModule?: { eligibilityCriteria?: unknown } } } | null)?.protocolSection?.eligibilityModule?.eligibilityCriteria;
  return typeof text === 'string' ? text : null;
}

async function registryCriteria(nctId: string): Promise<{ nctId: string; text: string }> {
  if (!NCT_ID_PATTERN.test(nctId)) throw usageError(`--trial: expected an NCT id like NCT01234567, got ${JSON.stringify(nctId)}`);
  const trial = await withStores((stores) => stores.trials.record(nctId));
  if (!trial) throw usageError(`--trial: no trial ${nctId} in the registry (import it first)`);
  const text = trial.protocolSection?.eligibilityModule?.eligibilityCriteria;
  if (typeof text !== 'string' || text.trim() === '') throw usageError(`--trial: trial ${nctId} has no eligibility criteria text`);
  return { nctId, text };
}

function readTextFile(file: string): string {
  if (!existsSync(file) || !statSync(file).isFile()) throw usageError(`${file}: no such file`);
  return readFileSync(file, 'utf8');
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function writeResult(result: ParseResult, json: boolean, origin: { file?: string; nctId?: string }): void {
  if (json) {
    process.stdout.write(`${JSON.stringify({ ...origin, ...result })}\n`);
    return;
  }
  const lines: string[] = [];
  if (origin.file !== undefined) lines.push(`== ${origin.file}`);
  if (origin.nctId !== undefined) lines.push(`== ${origin.nctId}`);
  for (const warning of result.warnings) lines.push(`warning: ${warning}`);
  for (const criterion of result.criteria) {
    lines.push(`${criterion.id.padEnd(7)} ${criterion.status.padEnd(12)} ${oneLine(criterion.text, 100)}`);
    for (const rule of criterion.rules) lines.push(`        → ${printRule(rule)}`);
    for (const part of criterion.unparsed) lines.push(`        ? ${oneLine(part.text, 90)}`);
  }
  const counts = { computable: 0, partial: 0, needs_review: 0 };
  for (const criterion of result.criteria) counts[criterion.status]++;
  lines.push(`${result.criteria.length} criteria: ${counts.computable} computable, ${counts.partial} partial, ${counts.needs_review} needs review`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

function oneLine(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
}

function formatCoverage(file: string, report: CoverageReport, seconds: number): string {
  const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
  const lines = [
    `${file}: ${report.trials} trials (${report.trialsWithoutCriteria} without criteria text), ${report.criteria} criteria, parsed in ${seconds.toFixed(1)} s`,
    `  computable    ${String(report.computable).padStart(7)}  ${percent(report.shares.computable)}`,
    `    by data             ${String(report.computableData).padStart(7)}  ${percent(report.shares.computable_data)}`,
    `    confirm only        ${String(report.computableConfirmOnly).padStart(7)}  ${percent(report.shares.computable_confirm_only)}`,
    `  partial       ${String(report.partial).padStart(7)}  ${percent(report.shares.partial)}`,
    `  needs_review  ${String(report.needs_review).padStart(7)}  ${percent(report.shares.needs_review)}`,
    '',
    'most frequent unparsed phrases:',
    ...report.topUnparsed.map((entry) => `  ${String(entry.count).padStart(6)}  ${entry.phrase}`),
  ];
  return `${lines.join('\n')}\n`;
}
