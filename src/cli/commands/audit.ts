// eligo audit verify | list | export: the audit trail from the command line, as the operator.
// verify exits 0 when the hash chain holds, EXIT_AUDIT_BROKEN (5) naming the first broken entry
// (id, position, how, detail) when a row was altered, removed or inserted behind Eligo's back.
import { createWriteStream, fchmodSync, openSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import type { AuditEntryView, AuditFilter } from '../../conduct/model.ts';
import { AUDIT_LIMIT } from '../../conduct/audit/service.ts';
import { NCT_ID_EXPECTED, NCT_ID_PATTERN } from '../../core/trial/nct-id.ts';
import { EXIT_AUDIT_BROKEN, usageError } from '../errors.ts';
import { withStores } from '../stores.ts';
import { cliActor } from '../actor.ts';
import { columns } from './study.ts';

interface FilterOptions {
  study: string;
  site?: string;
  from?: string;
  to?: string;
  user?: string;
  type?: string;
  record?: string;
}

function filterOf(options: FilterOptions): Omit<AuditFilter, 'limit' | 'offset'> {
  if (!NCT_ID_PATTERN.test(options.study)) throw usageError(`--study: expected ${NCT_ID_EXPECTED}`, 'study');
  const filter: Omit<AuditFilter, 'limit' | 'offset'> = { studyId: options.study };
  if (options.site !== undefined) filter.siteCode = options.site;
  if (options.from !== undefined) filter.from = options.from;
  if (options.to !== undefined) filter.to = options.to;
  if (options.user !== undefined) filter.username = options.user;
  if (options.type !== undefined) filter.recordType = options.type;
  if (options.record !== undefined) filter.recordId = options.record;
  return filter;
}

function wholeNumber(option: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) throw usageError(`${option}: expected a whole number from ${min} to ${max}, got ${JSON.stringify(value.slice(0, 20))}`, option.slice(2));
    return n;
  };
}

const withFilters = (command: Command) =>
  command
    .requiredOption('--study <NCT id>', 'the study')
    .option('--site <code>', 'one site')
    .option('--from <date>', 'from this date (YYYY-MM-DD, UTC) or ISO date-time, inclusive')
    .option('--to <date>', 'to this date (to the end of the UTC day) or ISO date-time, inclusive')
    .option('--user <username>', 'changes made by this user')
    .option('--type <record type>', 'study, study_protocol, site, account_grant, screening, consent, enrollment, …')
    .option('--record <record id>', 'one record');

const oneLine = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value).slice(0, 60));

export function formatEntries(page: { total: number; items: AuditEntryView[] }, offset: number): string {
  if (page.items.length === 0) return `no audit entries (of ${page.total})\n`;
  const table = columns([['ID', 'AT', 'USER', 'ACTION', 'RECORD', 'SITE', 'CHANGE'], ...page.items.map((e) => [String(e.id), e.at, e.username, e.action, `${e.recordType} ${e.recordId}`, e.siteCode ?? '-', `${oneLine(e.old)} → ${oneLine(e.new)}${e.reason ? ` (${e.reason})` : ''}`])]);
  return `${table}${offset + 1}–${offset + page.items.length} of ${page.total}, newest first\n`;
}

/** The --out file, created or truncated, readable by its owner only (an audit trail names people). */
function openOut(path: string): WriteStream {
  let fd: number;
  try {
    fd = openSync(path, 'w', 0o600);
    fchmodSync(fd, 0o600);
  } catch (error) {
    throw usageError(`--out ${path}: ${(error as NodeJS.ErrnoException).code ?? 'cannot be written'}`, 'out');
  }
  return createWriteStream('', { fd });
}

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit trail: verify its hash chain, list and export entries');

  audit
    .command('verify')
    .description(`check the whole hash chain; exit 0 when it holds, ${EXIT_AUDIT_BROKEN} naming the first broken entry`)
    .option('--json', 'print the report as one JSON object')
    .action(async (options: { json?: boolean }) => {
      const report = await withStores(async (stores) => {
        const { conductServicesFor } = await import('../../conduct/compose.ts');
        return conductServicesFor(stores).audit.verifyAuditChain(await cliActor(stores));
      });
      if (options.json) process.stdout.write(`${JSON.stringify(report)}\n`);
      if (report.intact) {
        if (!options.json) process.stdout.write(`audit chain intact: ${report.entries} entries\n`);
        return;
      }
      const { id, position, how, detail } = report.broken;
      process.stderr.write(`eligo: audit chain broken at entry #${id} (position ${position}): ${how} — ${detail}\n`);
      process.exitCode = EXIT_AUDIT_BROKEN;
    });

  withFilters(audit.command('list').description("a study's audit entries, newest first"))
    .option('--limit <n>', `entries to show, 1–${AUDIT_LIMIT.max} (default 50)`, wholeNumber('--limit', 1, AUDIT_LIMIT.max))
    .option('--offset <n>', 'entries to skip', wholeNumber('--offset', 0, Number.MAX_SAFE_INTEGER))
    .option('--json', 'print one JSON object {total, items}')
    .action(async (options: FilterOptions & { limit?: number; offset?: number; json?: boolean }) => {
      const filter: AuditFilter = { ...filterOf(options), limit: options.limit ?? 50, offset: options.offset ?? 0 };
      const page = await withStores(async (stores) => {
        const { conductServicesFor } = await import('../../conduct/compose.ts');
        return conductServicesFor(stores).audit.listAudit(await cliActor(stores), filter);
      });
      process.stdout.write(options.json ? `${JSON.stringify(page)}\n` : formatEntries(page, filter.offset ?? 0));
    });

  withFilters(audit.command('export').description("a study's audit entries, oldest first, as JSON Lines or CSV"))
    .option('--format <format>', 'jsonl (default) or csv', 'jsonl')
    .option('--out <file>', 'write to this file (created or replaced, readable by you only) instead of stdout')
    .action(async (options: FilterOptions & { format: string; out?: string }) => {
      if (options.format !== 'jsonl' && options.format !== 'csv') throw usageError(`--format: expected jsonl or csv, got ${JSON.stringify(options.format.slice(0, 20))}`, 'format');
      const format = options.format;
      const filter = filterOf(options);
      const written = await withStores(async (stores) => {
        const { conductServicesFor } = await import('../../conduct/compose.ts');
        const chunks = conductServicesFor(stores).audit.exportAudit(await cliActor(stores), filter, format);
        const out = options.out ? openOut(options.out) : process.stdout;
        let bytes = 0;
        for await (const chunk of chunks) {
          bytes += Buffer.byteLength(chunk);
          if (!out.write(chunk)) await once(out, 'drain');
        }
        if (out !== process.stdout) {
          out.end();
          await once(out, 'finish');
        }
        return bytes;
      });
      if (options.out) process.stderr.write(`wrote ${written} bytes to ${options.out}\n`);
    });
}
