// Imports ClinicalTrials.gov API v2 records into the registry: reads each file as a stream, validates every
// record with the trial model, and upserts valid ones in batches — one transaction per batch, so a batch is
// either all in or not at all. Bad records are reported (line, NCT id if known, field, what was wrong) and
// skipped; a file that cannot be read on (truncated gzip) stops there, keeping the batches already committed.
import { stat } from 'node:fs/promises';
import { parseTrial, type Trial } from '../../core/trial/model.ts';
import type { Stores } from '../../store/index.ts';
import type { SiteLocator, TrialSource, UpsertOutcome } from '../../store/trials.ts';
import { isRecordFileError, readRecords } from './records.ts';

export interface Rejection {
  file: string;
  line: number;
  nctId?: string;
  /** One entry per problem: the field path and what was wrong with its value. */
  problems: Array<{ field: string; message: string }>;
}

export interface FileReport {
  file: string;
  compressed: boolean;
  records: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Records not applied because a curated version (seed or listing) of the trial is stored. */
  kept: number;
  rejected: number;
  /** Set when the file could not be read to its end. */
  error?: string;
  /** Valid records read after the last committed batch and dropped because the file failed. */
  discarded?: number;
}

export interface ImportReport {
  files: FileReport[];
  created: number;
  updated: number;
  unchanged: number;
  kept: number;
  rejected: Rejection[];
  seconds: number;
  recordsPerSecond: number;
  /** Time taken by the afterImport hook (included in seconds). */
  afterImportSeconds?: number;
  /** What the afterImport hook returned. */
  afterImport?: unknown;
}

export interface ImportProgress {
  file: string;
  fileBytes: number;
  bytesRead: number;
  records: number;
}

export interface ImportOptions {
  source?: TrialSource;
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
  locateSites?: SiteLocator;
  /** Time source for the report (the importer itself never reads the clock otherwise). */
  now?: () => number;
  /**
   * Runs once after the last batch with the NCT ids the import created or updated (e.g. to refresh data
   * derived from the records); its time is reported apart as afterImportSeconds.
   */
  afterImport?: (changedNctIds: string[]) => Promise<unknown>;
}

export const DEFAULT_BATCH_SIZE = 500;
/** An import that changes this many trials refreshes the planner's statistics of the registry tables. */
const ANALYZE_AFTER_CHANGES = 1000;
/** Beyond this many, rejections are counted but not all listed (a wholly wrong file would flood the report). */
const MAX_LISTED_REJECTIONS = 1000;

export async function importFiles(stores: Stores, files: string[], options: ImportOptions = {}): Promise<ImportReport> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const report: ImportReport = { files: [], created: 0, updated: 0, unchanged: 0, kept: 0, rejected: [], seconds: 0, recordsPerSecond: 0 };
  const changed: string[] = [];
  for (const file of files) {
    const fileReport = await importFile(stores, file, options, report.rejected, changed);
    report.files.push(fileReport);
    report.created += fileReport.created;
    report.updated += fileReport.updated;
    report.unchanged += fileReport.unchanged;
    report.kept += fileReport.kept;
  }
  // Fresh planner statistics after a bulk load: without them a new database plans searches badly.
  if (report.created + report.updated >= ANALYZE_AFTER_CHANGES) await stores.trials.analyze();
  if (options.afterImport) {
    const hookStarted = now();
    report.afterImport = await options.afterImport(changed);
    report.afterImportSeconds = (now() - hookStarted) / 1000;
  }
  report.seconds = (now() - started) / 1000;
  const records = report.files.reduce((sum, f) => sum + f.records, 0);
  report.recordsPerSecond = report.seconds > 0 ? Math.round(records / report.seconds) : records;
  return report;
}

async function importFile(stores: Stores, file: string, options: ImportOptions, rejections: Rejection[], changed: string[]): Promise<FileReport> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const source = options.source ?? 'ctgov';
  const fileBytes = (await stat(file)).size;
  let bytesRead = 0;
  const { compressed, records } = await readRecords(file, { onBytes: (bytes) => (bytesRead = bytes) });
  const report: FileReport = { file, compressed, records: 0, created: 0, updated: 0, unchanged: 0, kept: 0, rejected: 0 };

  let batch: Trial[] = [];
  // While one batch is written, the next is parsed (a PostgreSQL server works in parallel with us).
  let writing: Promise<void> = Promise.resolve();
  const write = (trials: Trial[]) => {
    const previous = writing;
    writing = (async () => {
      await previous;
      const outcome: UpsertOutcome = await stores.trials.upsert(trials.map((trial) => ({ trial, source })), { locateSites: options.locateSites });
      report.created += outcome.created.length;
      report.updated += outcome.updated.length;
      report.unchanged += outcome.unchanged.length;
      report.kept += outcome.kept.length;
      changed.push(...outcome.created, ...outcome.updated);
    })();
    // A failed write is awaited (and thrown) at the next flush or at the end; keep it from going unhandled meanwhile.
    writing.catch(() => {});
  };

  try {
    for await (const raw of records) {
      report.records++;
      if ('error' in raw) {
        reject(report, rejections, { file, line: raw.line, problems: [{ field: '(line)', message: raw.error }] });
      } else {
        const parsed = parseTrial(raw.value);
        if (parsed.ok) {
          batch.push(parsed.trial);
          if (batch.length >= batchSize) {
            write(batch);
            batch = [];
          }
        } else {
          const nctId = nctIdOf(raw.value);
          reject(report, rejections, {
            file,
            line: raw.line,
            ...(nctId ? { nctId } : {}),
            problems: parsed.issues.map((issue) => ({ field: issue.path, message: issue.message })),
          });
        }
      }
      if (report.records % 1000 === 0) options.onProgress?.({ file, fileBytes, bytesRead, records: report.records });
    }
  } catch (error) {
    if (!isRecordFileError(error)) throw error;
    await writing;
    report.error = `${error.message}; ${report.created + report.updated + report.unchanged + report.kept} records from this file were committed before it, and the ${batch.length} valid records read since the last committed batch were not imported`;
    report.discarded = batch.length;
    return report;
  }
  if (batch.length > 0) write(batch);
  await writing;
  options.onProgress?.({ file, fileBytes, bytesRead: fileBytes, records: report.records });
  return report;
}

function reject(report: FileReport, rejections: Rejection[], rejection: Rejection): void {
  report.rejected++;
  if (rejections.length < MAX_LISTED_REJECTIONS) rejections.push(rejection);
}

function nctIdOf(value: unknown): string | undefined {
  const id = (value as { protocolSection?: { identificationModule?: { nctId?: unknown } } } | null)?.protocolSection?.identificationModule?.nctId;
  return typeof id === 'string' && id !== '' ? id : undefined;
}
