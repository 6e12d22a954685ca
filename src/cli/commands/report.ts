// eligo report NCT… [--site CODE] [--json]: a study's report as the installation's operator (every
// site, or one): the CONSORT flow, enrollment by site, response by arm with exact intervals, and
// adverse events by worst grade — the same figures as the API's /api/studies/{studyId}/report.
// --json prints only the JSON object.
import type { Command } from 'commander';
import type { StudyReport } from '../../core/study/study-report.ts';
import { columns } from './study.ts';
import { studyIdOption, withConduct } from './subjects.ts';

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
const interval = (pair: [number, number] | null) => (pair ? `${percent(pair[0])}–${percent(pair[1])}` : '-');

export function formatReport(report: StudyReport): string {
  const { consort } = report;
  const arms = report.arms.map((arm) => arm.code);
  const perArm = (counts: Record<string, number>) => arms.map((arm) => `${arm} ${counts[arm] ?? 0}`).join(', ');
  const lines = [
    `Report of ${report.studyId}${report.siteCode ? ` at ${report.siteCode}` : ''} as of ${report.asOf}`,
    '',
    `Screened ${consort.screened}: ${consort.screenFailures} screen failures, ${consort.declined} declined, ${consort.pending} pending, ${consort.enrolled} enrolled (${perArm(consort.byArm)}).`,
    `Treated: ${perArm(consort.treated)}. Discontinued: ${consort.discontinued.total} (${perArm(consort.discontinued.byArm)}).`,
    `Assessed: ${Object.entries(consort.assessed).map(([point, counts]) => `${point} ${perArm(counts)}`).join('; ')}.`,
  ];
  if (consort.screenFailuresByReason.length > 0) lines.push(`Screen failures by criterion: ${consort.screenFailuresByReason.map((row) => `${row.criterion} ${row.subjects}`).join(', ')}.`);
  lines.push('', columns([['SITE', 'SCREENED', 'ENROLLED', 'CONVERSION'], ...report.enrollmentBySite.map((row) => [row.siteCode, String(row.screened), String(row.enrolled), row.conversion === null ? '-' : percent(row.conversion)])]).trimEnd());
  lines.push('', 'Haematological response (n = classified at the time point; exact 95% intervals):');
  lines.push(columns([['ARM', 'TIME POINT', 'N', 'COMPLETE', 'PARTIAL', 'OVERALL', 'OVERALL 95% CI', 'NOT ASSESSABLE', 'NOT ASSESSED'], ...report.response.map((row) => [
    row.arm, row.timepoint, String(row.n), String(row.complete), String(row.partial), row.n ? `${row.overall} (${percent(row.overall / row.n)})` : String(row.overall), interval(row.ci95.overall), String(row.notAssessable), String(row.notAssessed),
  ])]).trimEnd());
  for (const row of report.responseDifference) lines.push(`Difference ${row.arms[0]} − ${row.arms[1]} at ${row.timepoint}: ${percent(row.difference)} (95% CI ${percent(row.ci95[0])} to ${percent(row.ci95[1])}).`);
  lines.push('', `Adverse events (subjects at their worst grade per term); ${report.seriousAdverseEvents.events} serious events in ${perArm(report.seriousAdverseEvents.subjects)} subjects:`);
  lines.push(report.adverseEvents.length === 0 ? 'none' : columns([['TERM', 'ARM', 'GRADE', 'SUBJECTS'], ...report.adverseEvents.map((row) => [row.term, row.arm, row.grade === null ? '-' : String(row.grade), String(row.subjects)])]).trimEnd());
  return `${lines.join('\n')}\n`;
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('a study\'s report: CONSORT flow, enrollment by site, response by arm with exact 95% intervals, adverse events by worst grade')
    .argument('<nct>', 'the study, named by its trial\'s NCT id', studyIdOption)
    .option('--site <code>', 'only this site\'s subjects')
    .option('--json', 'print only the JSON object')
    .action(async (studyId: string, options: { site?: string; json?: boolean }) => {
      const report = await withConduct((services, actor) => services.reports.studyReport(actor, studyId, options.site !== undefined ? { siteCode: options.site } : {}));
      process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : formatReport(report));
    });
}
