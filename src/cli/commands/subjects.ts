// eligo screening list | eligo enroll: the screening log and enrollment for scripts, as the
// installation's operator. `screening list` reads as the CLI actor (every site, no identity);
// `enroll` acts as an investigator at the subject's own site (the operator may record an override
// with its reason), audited as via 'cli'. Allocation rights are not granted: in a blinded study the
// arm prints as hidden.
import type { Command } from 'commander';
import type { Actor } from '../../conduct/access/actor.ts';
import type { ConductServices } from '../../conduct/services.ts';
import type { EnrollmentView, ScreeningView } from '../../conduct/model.ts';
import { parseSubjectNumber } from '../../core/study/subject-number.ts';
import { NCT_ID_PATTERN, NCT_ID_EXPECTED } from '../../core/trial/nct-id.ts';
import { usageError } from '../errors.ts';
import { withStores } from '../stores.ts';
import { cliActor } from '../actor.ts';
import { columns } from './study.ts';

export function studyIdOption(value: string): string {
  if (!NCT_ID_PATTERN.test(value)) throw usageError(`expected ${NCT_ID_EXPECTED}, got ${JSON.stringify(value.slice(0, 40))}`, 'study');
  return value;
}

export async function withConduct<T>(work: (services: ConductServices, actor: Actor) => Promise<T>): Promise<T> {
  return withStores(async (stores) => {
    const { conductServicesFor } = await import('../../conduct/compose.ts');
    return work(conductServicesFor(stores), await cliActor(stores));
  });
}

export function formatScreenings(items: ScreeningView[], total: number): string {
  if (items.length === 0) return 'no screenings\n';
  const table = columns([['SUBJECT', 'SCREENED', 'VERDICT', 'OUTCOME', 'RULES', 'FACTORS'], ...items.map((s) => [s.subjectNumber, s.screenedOn, s.verdict + (s.override ? ' (overridden)' : ''), s.outcome, `v${s.ruleSet.version} ${s.ruleSet.review}`, Object.entries(s.factors).map(([k, v]) => `${k}=${v}`).join(' ') || '-'])]);
  return table + (total > items.length ? `${items.length} of ${total}: use --limit/--offset\n` : '');
}

export function formatEnrollment(view: EnrollmentView): string {
  const strata = Object.entries(view.strata).map(([k, v]) => `${k}=${v}`).join(' ') || '-';
  return `${view.subjectNumber} enrolled: arm ${view.arm ?? '(blinded)'}; strata ${strata}${view.overridden ? '; eligibility overridden' : ''}\n`;
}

export function registerSubjects(program: Command): void {
  const screening = program.command('screening').description('the screening log of a study');
  screening
    .command('list')
    .description('screened subjects, newest first (no identifying details)')
    .requiredOption('--study <nct>', 'study NCT id', studyIdOption)
    .option('--site <code>', 'one site')
    .option('--outcome <outcome>', 'pending, enrolled, screen_failure or declined')
    .option('--limit <n>', 'how many (1–500)', (value) => Number(value), 100)
    .option('--offset <n>', 'skip this many', (value) => Number(value), 0)
    .option('--json', 'print one JSON object {total, items}')
    .action(async (options: { study: string; site?: string; outcome?: string; limit: number; offset: number; json?: boolean }) => {
      const page = await withConduct((services, actor) => services.screening.listScreenings(actor, { studyId: options.study, siteCode: options.site, outcome: options.outcome as ScreeningView['outcome'] | undefined, limit: options.limit, offset: options.offset }));
      process.stdout.write(options.json ? `${JSON.stringify(page)}\n` : formatScreenings(page.items, page.total));
    });

  program
    .command('enroll')
    .description("enroll (and randomize) a screened, consented subject, as an investigator at the subject's site")
    .requiredOption('--study <nct>', 'study NCT id', studyIdOption)
    .requiredOption('--subject <number>', 'subject number, e.g. QL01-007')
    .option('--override-reason <reason>', 'enroll a patient the screening found ineligible or incomplete, with the reason (audited)')
    .option('--arm <code>', 'the group, for a non-randomized study with several')
    .option('--json', 'print the enrollment as JSON')
    .action(async (options: { study: string; subject: string; overrideReason?: string; arm?: string; json?: boolean }) => {
      const { siteCode } = parseSubjectNumber(options.subject, 'subject');
      const view = await withConduct(async (services, operator) => {
        const actor: Actor = { ...operator, grants: [...operator.grants, { studyId: options.study, siteCode, role: 'investigator', canViewAllocation: false }] };
        return services.enrollment.enroll(actor, { studyId: options.study, subjectNumber: options.subject, override: options.overrideReason === undefined ? undefined : { reason: options.overrideReason }, arm: options.arm });
      });
      process.stdout.write(options.json ? `${JSON.stringify(view)}\n` : formatEnrollment(view));
    });
}
