// eligo import ctgov FILE… [--json]: ClinicalTrials.gov API v2 JSON (one study, an array, a page, or JSON
// Lines; gzip or not) into the registry. eligo import listing FILE [--nct-id NCT…]: one listing page.
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { NCT_ID_PATTERN } from '../../core/trial/model.ts';
import { offlineSiteLocator } from '../../registry/geocode/locate-sites.ts';
import { DEFAULT_BATCH_SIZE, importFiles, type ImportReport } from '../../registry/import/importer.ts';
import { importListingFile } from '../../registry/import/listing.ts';
import { refreshParsedRuleSets, type RefreshReport } from '../../eligibility/parsed-rule-sets.ts';
import { usageError } from '../errors.ts';
import { withStores } from '../stores.ts';

export function registerImport(program: Command): void {
  const command = program.command('import').description('import trials into the registry');

  command
    .command('ctgov')
    .description('import ClinicalTrials.gov API v2 JSON: a study, an array, a {studies:[…]} page or JSON Lines, gzip or not')
    .argument('<files...>', 'files to import')
    .option('--json', 'print the summary as JSON on stdout')
    .option('--batch-size <n>', 'records per transaction', String(DEFAULT_BATCH_SIZE))
    .action(async (files: string[], options: { json?: boolean; batchSize: string }) => {
      const batchSize = Number(options.batchSize);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
        throw usageError(`--batch-size: expected an integer from 1 to 10000, got ${JSON.stringify(options.batchSize)}`);
      }
      for (const file of files) checkFile(file);
      const progress = process.stderr.isTTY && !options.json ? progressBar() : null;
      let report: ImportReport;
      try {
        report = await withStores((stores) => importFiles(stores, files, {
          batchSize,
          locateSites: offlineSiteLocator(),
          onProgress: progress ? (p) => progress.show(p.file, p.bytesRead, p.fileBytes, p.records) : undefined,
          // The parser's rule sets for the trials whose criteria changed, so screening never parses on request.
          afterImport: (changed) => refreshParsedRuleSets(stores, { nctIds: changed, fullOnNewParser: true }),
        }));
      } finally {
        progress?.stop();
      }
      if (options.json) process.stdout.write(`${JSON.stringify(report)}\n`);
      else process.stdout.write(formatReport(report));
      const failed = report.files.filter((file) => file.error);
      if (failed.length > 0) throw usageError(failed.map((file) => file.error).join('\n'));
    });

  command
    .command('listing')
    .description('import one trial listing page (text copied from a registry site) through the listing parser')
    .argument('<file>', 'the listing text')
    .option('--nct-id <id>', 'the NCT number, when the page does not show it')
    .option('--json', 'print the result as JSON on stdout')
    .action(async (file: string, options: { nctId?: string; json?: boolean }) => {
      checkFile(file);
      if (options.nctId !== undefined && !NCT_ID_PATTERN.test(options.nctId)) {
        throw usageError(`--nct-id: expected "NCT" and 8 digits, e.g. NCT03055078, got ${JSON.stringify(options.nctId)}`);
      }
      const result = await withStores((stores) => importListingFile(stores, file, { nctId: options.nctId, locateSites: offlineSiteLocator() }));
      if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      else {
        process.stdout.write(`${result.nctId}: ${result.outcome}\n`);
        for (const warning of result.warnings) process.stdout.write(`  warning: ${warning}\n`);
      }
    });
}

function checkFile(file: string): void {
  if (!existsSync(file)) throw usageError(`${file}: no such file`);
  if (!statSync(file).isFile()) throw usageError(`${file}: not a file`);
}

function progressBar() {
  const bar = new cliProgress.SingleBar(
    { format: '{file} [{bar}] {percentage}% | {records} records | {eta_formatted} left', stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let current: string | null = null;
  return {
    show(file: string, bytes: number, total: number, records: number) {
      if (current !== file) {
        if (current !== null) bar.stop();
        bar.start(total, 0, { file: basename(file), records: 0 });
        current = file;
      }
      bar.update(bytes, { records });
    },
    stop() {
      if (current !== null) bar.stop();
    },
  };
}

const MAX_PRINTED_REJECTIONS = 50;

export function formatReport(report: ImportReport): string {
  const lines: string[] = [];
  for (const file of report.files) {
    lines.push(`${file.file}${file.compressed ? ' (gzip)' : ''}: ${file.records} records read`);
    lines.push(`  new ${file.created}, updated ${file.updated}, unchanged ${file.unchanged}, rejected ${file.rejected}`);
    if (file.kept > 0) lines.push(`  ${file.kept} not applied: a curated (seed or listing) version of the trial is stored`);
    if (file.error) lines.push(`  STOPPED: ${file.error}`);
  }
  const rejectedCount = report.files.reduce((sum, file) => sum + file.rejected, 0);
  if (rejectedCount > 0) {
    lines.push(`Rejected records (${rejectedCount}):`);
    for (const rejection of report.rejected.slice(0, MAX_PRINTED_REJECTIONS)) {
      const where = `${rejection.file}:${rejection.line}${rejection.nctId ? ` ${rejection.nctId}` : ''}`;
      lines.push(`  ${where}: ${rejection.problems.map((problem) => problem.message).join('; ')}`);
    }
    if (rejectedCount > MAX_PRINTED_REJECTIONS) lines.push(`  … and ${rejectedCount - MAX_PRINTED_REJECTIONS} more (--json lists up to 1000)`);
  }
  lines.push(`Total: new ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}, kept curated ${report.kept}, rejected ${rejectedCount}`);
  lines.push(`Time: ${report.seconds.toFixed(1)} s (${report.recordsPerSecond} records/s)`);
  const parsed = report.afterImport as RefreshReport | undefined;
  if (parsed) lines.push(`Parsed criteria: ${parsed.parsed} rule sets stored${parsed.full ? ' (all trials checked: new parser version)' : ''}${parsed.failed.length ? `, ${parsed.failed.length} not parseable` : ''} in ${report.afterImportSeconds?.toFixed(1)} s`);
  return `${lines.join('\n')}\n`;
}
