// eligo search [TEXT] [filters…] [--json]: the registry search of the API, on the command line.
import type { Command } from 'commander';
import { parseSearchQuery } from '../../registry/search/query.ts';
import type { FacetCount, SearchResponse } from '../../store/trial-search.ts';
import { echoValue, EligoError } from '../../core/problems.ts';
import { usageError } from '../errors.ts';
import { withStores } from '../stores.ts';

interface SearchOptions {
  status?: string;
  phase?: string;
  type?: string;
  sex?: string;
  age?: string;
  interventionType?: string;
  sponsor?: string;
  country?: string;
  city?: string;
  near?: string;
  distance?: string;
  sort?: string;
  page?: string;
  pageSize?: string;
  json?: boolean;
}

/** CLI option → API parameter, so that error messages name the option the user typed. */
const OPTION_NAMES: Record<string, string> = {
  q: 'TEXT',
  status: '--status',
  phase: '--phase',
  studyType: '--type',
  sex: '--sex',
  age: '--age',
  interventionType: '--intervention-type',
  sponsor: '--sponsor',
  country: '--country',
  city: '--city',
  near: '--near',
  distance: '--distance',
  sort: '--sort',
  page: '--page',
  pageSize: '--page-size',
};

export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('search the trial registry (same parameters and JSON as GET /api/trials)')
    .argument('[text...]', 'free text; an NCT number ranks its trial first')
    .option('--status <list>', 'overall statuses, comma-separated (e.g. RECRUITING,NOT_YET_RECRUITING)')
    .option('--phase <list>', 'phases, comma-separated (EARLY_PHASE1, PHASE1 … PHASE4, NA)')
    .option('--type <list>', 'study type (INTERVENTIONAL, OBSERVATIONAL, EXPANDED_ACCESS)')
    .option('--sex <sex>', 'FEMALE or MALE: trials open to that sex')
    .option('--age <years>', "a patient's age in years")
    .option('--intervention-type <list>', 'intervention types, comma-separated (DRUG, BIOLOGICAL, …)')
    .option('--sponsor <text>', 'text in the lead sponsor or a collaborator')
    .option('--country <name>', 'country of a site (English or Chinese name, or ISO code)')
    .option('--city <name>', 'city of a site (English or Chinese name)')
    .option('--near <place>', '"lat,lon" or a city name (English or Chinese)')
    .option('--distance <km>', 'kilometres from --near (default 100)')
    .option('--sort <order>', 'relevance, lastUpdate or startDate')
    .option('--page <n>', 'page number, from 1')
    .option('--page-size <n>', 'results per page, 1 to 100 (default 20)')
    .option('--json', 'print only the JSON response (as GET /api/trials) on stdout')
    .action(async (words: string[], options: SearchOptions) => {
      const parsed = parseSearchQuery({
        q: words.length > 0 ? words.join(' ') : undefined,
        status: options.status,
        phase: options.phase,
        studyType: options.type,
        sex: options.sex,
        age: options.age,
        interventionType: options.interventionType,
        sponsor: options.sponsor,
        country: options.country,
        city: options.city,
        near: options.near,
        distance: options.distance,
        sort: options.sort,
        page: options.page,
        pageSize: options.pageSize,
      });
      if (!parsed.ok) {
        throw usageError(parsed.problems.map((p) => optionProblem(p.field, p.value, p.expected)).join('\n'));
      }
      let response: SearchResponse;
      try {
        response = await withStores((stores) => stores.trials.search(parsed.query));
      } catch (error) {
        const first = error instanceof EligoError && error.kind === 'invalid' ? error.problems[0] : undefined;
        if (first) throw usageError(optionProblem(first.field, first.value, first.expected));
        throw error;
      }
      process.stdout.write(options.json ? `${JSON.stringify(response)}\n` : formatResults(response, process.stdout.columns ?? 120));
    });
}

/** A search problem named by its command-line option, its value shortened. */
function optionProblem(field: string, value: unknown, expected: string): string {
  return `${OPTION_NAMES[field] ?? field}: ${expected}${value === undefined ? '' : ` (got ${JSON.stringify(echoValue(value))})`}`;
}

const PHASE_LABELS: Record<string, string> = { EARLY_PHASE1: 'Early 1', PHASE1: '1', PHASE2: '2', PHASE3: '3', PHASE4: '4', NA: 'n/a' };

export function formatResults(response: SearchResponse, width: number): string {
  const first = (response.page - 1) * response.pageSize + 1;
  const last = first + response.results.length - 1;
  const lines: string[] = [];
  lines.push(
    response.total === 0
      ? 'No trials match.'
      : `Trials ${first}–${last} of ${response.total} (sorted by ${response.sort}${response.near ? `; near ${response.near.label}` : ''})`,
  );
  if (response.results.length > 0) {
    const rows = response.results.map((hit) => [
      hit.nctId,
      (hit.overallStatus ?? '').toLowerCase().replace(/_/g, ' '),
      hit.phases.map((phase) => PHASE_LABELS[phase] ?? phase).join('/'),
      hit.nearestSite ? `${hit.nearestSite.distanceKm} km` : '',
      hit.acronym ? `${hit.briefTitle} (${hit.acronym})` : hit.briefTitle,
    ]);
    const header = ['NCT ID', 'STATUS', 'PHASE', response.near ? 'DIST' : '', 'TITLE'];
    const widths = header.map((h, i) => (i === 4 ? 0 : Math.max(h.length, ...rows.map((row) => row[i].length))));
    const fixed = widths.slice(0, 4).reduce((sum, w) => sum + (w > 0 ? w + 2 : 0), 0);
    const titleWidth = Math.max(20, width - fixed - 1);
    const render = (row: string[]) =>
      row
        .map((cell, i) => (i === 4 ? truncate(cell, titleWidth) : widths[i] > 0 ? cell.padEnd(widths[i] + 2) : ''))
        .join('')
        .trimEnd();
    lines.push('', render(header), ...rows.map(render));
  }
  const facets = Object.entries(response.facets)
    .filter(([, counts]) => counts.length > 0)
    .map(([name, counts]) => `  ${name}: ${counts.slice(0, 6).map((c: FacetCount) => `${c.value} ${c.count}`).join(', ')}${counts.length > 6 ? ', …' : ''}`);
  if (facets.length > 0) lines.push('', 'Facets:', ...facets);
  return `${lines.join('\n')}\n`;
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
