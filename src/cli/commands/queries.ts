// eligo query list: a study's data queries for scripts and the data manager, as the installation's
// operator (every site; reads only, so nothing to audit). The filters are the service's own, so bad
// values are refused with the same messages as over HTTP.
import type { Command } from 'commander';
import type { QueryFilter, QueryView } from '../../conduct/queries/model.ts';
import { columns } from './study.ts';
import { studyIdOption, withConduct } from './subjects.ts';

export function formatQueries(items: QueryView[], total: number): string {
  if (items.length === 0) return 'no queries\n';
  const rows = items.map((query) => [
    `#${query.id}`, query.subjectNumber, `${query.recordType}${query.recordId === null ? '' : `#${query.recordId}`}${query.field ? `.${query.field}` : ''}`,
    query.state, `${query.ageDays}d`, query.origin === 'edit_check' ? `check ${query.checkId}` : query.raisedBy, query.text.length > 60 ? `${query.text.slice(0, 57)}...` : query.text,
  ]);
  return columns([['QUERY', 'SUBJECT', 'RECORD', 'STATE', 'AGE', 'RAISED BY', 'TEXT'], ...rows]) + (total > items.length ? `${items.length} of ${total}: use --limit/--offset\n` : '');
}

const whole = (value: string) => (/^\d+$/.test(value) ? Number(value) : (value as unknown as number));

export function registerQueries(program: Command): void {
  const query = program.command('query').description('data queries (data clarification requests) of a study');
  query
    .command('list')
    .description('queries: open first, oldest first')
    .requiredOption('--study <nct>', 'study NCT id', studyIdOption)
    .option('--state <state>', 'open, answered or closed')
    .option('--site <code>', 'one site')
    .option('--subject <number>', 'one subject, e.g. TA01-001')
    .option('--record-type <type>', 'e.g. lab_result, adverse_event, screening')
    .option('--origin <origin>', 'manual or edit_check')
    .option('--min-age <days>', 'only queries at least this many days old', whole)
    .option('--limit <n>', 'how many (1–500)', whole, 100)
    .option('--offset <n>', 'skip this many', whole, 0)
    .option('--json', 'print one JSON object {total, items}')
    .action(async (options: { study: string; state?: string; site?: string; subject?: string; recordType?: string; origin?: string; minAge?: number; limit: number; offset: number; json?: boolean }) => {
      const filter: QueryFilter = {
        studyId: options.study, state: options.state as QueryFilter['state'], siteCode: options.site, subjectNumber: options.subject, recordType: options.recordType,
        origin: options.origin as QueryFilter['origin'], minAgeDays: options.minAge, limit: options.limit, offset: options.offset,
      };
      const page = await withConduct((services, actor) => services.queries.list(actor, filter));
      process.stdout.write(options.json ? `${JSON.stringify(page)}\n` : formatQueries(page.items, page.total));
    });
  query
    .command('counts')
    .description('queries per site and state')
    .requiredOption('--study <nct>', 'study NCT id', studyIdOption)
    .option('--json', 'print a JSON array')
    .action(async (options: { study: string; json?: boolean }) => {
      const counts = await withConduct((services, actor) => services.queries.counts(actor, options.study));
      process.stdout.write(options.json ? `${JSON.stringify(counts)}\n` : counts.length === 0 ? 'no queries\n' : columns([['SITE', 'STATE', 'COUNT'], ...counts.map((row) => [row.siteCode, row.state, String(row.count)])]));
    });
}
