// eligo study list | show NCT | sites NCT: the studies in the database, one study's protocol settings,
// its sites (as the operator: every site).
import type { Command } from 'commander';
import type { SiteView, StudyDetail, StudySummary } from '../../conduct/model.ts';
import { NCT_ID_PATTERN, NCT_ID_EXPECTED } from '../../core/trial/nct-id.ts';
import { usageError } from '../errors.ts';
import { withStores } from '../stores.ts';
import { cliActor } from '../actor.ts';

function studyIdArgument(value: string): string {
  if (!NCT_ID_PATTERN.test(value)) throw usageError(`expected ${NCT_ID_EXPECTED}, got ${JSON.stringify(value.slice(0, 40))}`, 'studyId');
  return value;
}

async function withStudies<T>(work: (services: import('../../conduct/services.ts').ConductServices, actor: import('../../conduct/access/actor.ts').Actor) => Promise<T>): Promise<T> {
  return withStores(async (stores) => {
    const { conductServicesFor } = await import('../../conduct/compose.ts');
    return work(conductServicesFor(stores), await cliActor(stores));
  });
}

/** Columns padded to their widest cell; the last column is left as it is. */
export function columns(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => [...(row[i] ?? '')].length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i] - [...cell].length + 2))).join('').trimEnd()).join('\n') + '\n';
}

export function formatStudies(studies: StudySummary[]): string {
  if (studies.length === 0) return 'no studies\n';
  return columns([['STUDY', 'DESIGN', 'PROTOCOL', 'SITES', 'TITLE'], ...studies.map((s) => [s.studyId, s.design + (s.blinded ? ' (blinded)' : ''), `v${s.protocolVersion}`, String(s.siteCount), s.title])]);
}

export function formatStudy(study: StudyDetail): string {
  const p = study.protocol;
  const lines = [`${study.studyId}  ${study.title}`, ...(study.titleZh ? [`             ${study.titleZh}`] : []), ''];
  lines.push(`design        ${p.design}, ${p.blinded ? 'blinded' : 'open label'}; protocol version ${p.version}; ${study.siteCount} site${study.siteCount === 1 ? "" : "s"}`);
  lines.push(`arms          ${p.arms.map((arm) => `${arm.code} (${arm.label}, ratio ${arm.ratio})`).join('; ')}`);
  if (p.design === 'randomized') {
    const factors = [...(p.stratifyBySite ? ['site'] : []), ...p.strata.map((f) => `${f.key} [${f.levels.map((l) => l.code).join('/')}]`)];
    lines.push(`strata        ${factors.join(' × ') || 'none'}`);
    lines.push(`blocks        multiples ${p.blockMultiples.join(', ')} of the ratio sum`);
  }
  lines.push(`visits        ${p.visits.map((v) => `${v.code} d${v.day}`).join(', ')}`);
  for (const [key, dose] of Object.entries(p.dosing)) lines.push(`dosing        ${key}: ${dose.rule} [${dose.min}–${dose.max} ${dose.unit}]`);
  lines.push(`response      ${p.responseScheme}; CTCAE v${p.ctcaeVersion}`);
  lines.push(`consent forms ${p.consentForms.map((f) => `${f.version} from ${f.effectiveFrom} (${f.languages.join(', ')})`).join('; ')}`);
  if (study.notes.length > 0) lines.push('', 'notes', ...study.notes.map((note) => `  - ${note}`));
  return `${lines.join('\n')}\n`;
}

export function formatSites(sites: SiteView[]): string {
  return columns([['SITE', 'STATUS', 'TARGET', 'CITY', 'NAME', '中文名'], ...sites.map((s) => [s.siteCode + (s.isLeadSponsor ? '*' : ''), s.status + (s.activatedOn ? ` ${s.activatedOn}` : ''), s.targetEnrollment === null ? '-' : String(s.targetEnrollment), `${s.cityEn}, ${s.province}`, s.nameEn, (s.nameZh ?? '-') + (s.nameZhNote ? ' (unverified)' : '')])]) + '* lead sponsor\n';
}

export function registerStudy(program: Command): void {
  const study = program.command('study').description('the studies run in Eligo: protocol settings and sites');
  study
    .command('list')
    .description('every study in the database')
    .option('--json', 'print one JSON array')
    .action(async (options: { json?: boolean }) => {
      const studies = await withStudies((services, actor) => services.studies.listStudies(actor));
      process.stdout.write(options.json ? `${JSON.stringify(studies)}\n` : formatStudies(studies));
    });
  study
    .command('show')
    .description("one study's current protocol settings and notes")
    .argument('<studyId>', 'NCT id', studyIdArgument)
    .option('--json', 'print one JSON object')
    .action(async (studyId: string, options: { json?: boolean }) => {
      const detail = await withStudies((services, actor) => services.studies.getStudy(actor, studyId));
      process.stdout.write(options.json ? `${JSON.stringify(detail)}\n` : formatStudy(detail));
    });
  study
    .command('sites')
    .description("a study's sites: codes, status, target enrollment, names in English and Chinese")
    .argument('<studyId>', 'NCT id', studyIdArgument)
    .option('--json', 'print one JSON array')
    .action(async (studyId: string, options: { json?: boolean }) => {
      const sites = await withStudies((services, actor) => services.studies.listSites(actor, studyId));
      process.stdout.write(options.json ? `${JSON.stringify(sites)}\n` : formatSites(sites));
    });
}
