// eligo demo [--seed N] [--patients N] [--json]: fills a fresh database with a realistic run of the
// multicenter study NCT05794425 through the account and conduct services, and prints the accounts it
// made with their passwords — once. The seed decides the story (sites, patients, outcomes); the
// passwords come from node:crypto, so a public seed does not give away the accounts.
import { randomBytes } from 'node:crypto';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { ConductClock } from '../../conduct/screening/subject-access.ts';
import type { DemoServices, DemoSummary } from '../../demo/drive.ts';
import type { Stores } from '../../store/index.ts';
import { usageError } from '../errors.ts';
import { withStores } from '../stores.ts';

const SIGN_IN_URL = 'http://127.0.0.1:3000/sign-in';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('fill a fresh database with a demo run of NCT05794425 (sites, users of every role, screenings, consents, enrollments and a year of follow-up of each subject) and print the sign-in accounts')
    .option('--seed <n>', 'seed of the generated story (the same seed gives the same patients)', '42')
    .option('--patients <n>', 'how many patients are screened', '300')
    .option('--no-follow-up', 'stop at enrollment: no visits, treatment, labs, transfusions, adverse events, assessments or queries')
    .option('--json', 'print the summary and the accounts as one JSON object')
    .action(async (options: { seed: string; patients: string; followUp: boolean; json?: boolean }) => {
      const seed = wholeNumber(options.seed, '--seed', 0, 2 ** 31 - 1);
      const patients = wholeNumber(options.patients, '--patients', 1, 5000);
      const [{ createAccountService }, { demoClock, runDemo }] = await Promise.all([import('../../conduct/accounts/service.ts'), import('../../demo/drive.ts')]);
      const summary = await withStores(async (stores) => {
        const clock = demoClock(new Date());
        // Built like the app's (src/server/auth/accounts.ts), on the demo's clock.
        const accounts = createAccountService({ accounts: stores.accounts, studies: stores.studyDirectory, audit: { record: (tx, entry) => stores.auditWriter.append(tx, entry) }, now: clock.now });
        const conduct = await conductServicesWithClock(stores, clock);
        const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
        const progress = process.stderr.isTTY ? new cliProgress.SingleBar({ format: 'demo [{bar}] {value}/{total} patients screened | {eta_formatted} left', stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic) : null;
        progress?.start(patients, 0);
        try {
          return await runDemo({ accounts, conduct }, clock, { seed, patients, until: yesterday, followUp: options.followUp, newPassword: () => randomBytes(18).toString('base64url'), onProgress: (done) => progress?.update(done) });
        } finally {
          progress?.stop();
        }
      });
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ signIn: { start: 'npm start', url: SIGN_IN_URL }, ...summary })}\n`);
        return;
      }
      const { outcomes } = summary;
      const lines = [
        `Demo study ${summary.studyId} (seed ${summary.seed}): ${summary.screened} patients screened at ${summary.sites.length} sites (${summary.sites.join(', ')}), ${summary.recruitment.from} to ${summary.recruitment.to}.`,
        `  ${outcomes.enrolled} enrolled (${Object.entries(summary.arms).map(([arm, count]) => `${arm} ${count}`).join(', ')}; ${summary.overridden} with an investigator's override, ${summary.withdrawn} withdrew later), ${outcomes.screen_failure} screen failures, ${outcomes.declined} declined, ${outcomes.pending} pending.`,
        ...followUpLines(summary.followUp),
        '',
        `Sign in: run "npm start", then open ${SIGN_IN_URL}`,
        'Accounts (the passwords are shown this once and are not derived from the seed):',
        '',
                // The Chinese names last: their double-width characters would misalign the columns after them.
        ...table(summary.accounts.map((account) => [account.username, account.role, account.siteCode ?? 'all sites', account.password, account.displayName]), ['username', 'role', 'site', 'password', 'name']),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}

/** The conduct services on the demo's clock: the study service as composed for the app, the subject services from the same factory (createSubjectServices) with the demo's clock. */
async function conductServicesWithClock(stores: Stores, clock: ConductClock): Promise<DemoServices['conduct']> {
  const [{ conductServicesFor }, { createSubjectServices }] = await Promise.all([import('../../conduct/compose.ts'), import('../../conduct/subject-services.ts')]);
  return { studies: conductServicesFor(stores).studies, ...createSubjectServices(stores, clock) };
}

function followUpLines(followUp: DemoSummary['followUp']): string[] {
  if (!followUp) return [];
  const response = followUp.responseAtMonth6;
  return [
    `  Follow-up of ${followUp.subjects} subjects: ${followUp.visits} visits (${followUp.missedVisits} missed), ${followUp.administrations} doses, ${followUp.labResults} lab results, ${followUp.transfusions} transfusions, ${followUp.marrowExams} marrow examinations, ${followUp.assessments} disease assessments.`,
    `  ${followUp.adverseEvents} adverse events (${followUp.seriousAdverseEvents} serious); ${followUp.queriesRaised.manual} queries raised by monitors, ${followUp.queriesRaised.editCheck} by edit checks; response at month 6: ${response.complete} complete, ${response.partial} partial, ${response.none} none, ${response.not_assessable} not assessable.`,
  ];
}

function wholeNumber(text: string, option: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) throw usageError(`${option}: expected a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`, option);
  return value;
}

function table(rows: string[][], header: string[]): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => [...row[column]].length)));
  return all.map((row) => row.map((cell, column) => cell + ' '.repeat(widths[column] - [...cell].length)).join('  ').trimEnd());
}
