// Screening speed: CLI wall time (file-based trial, and NCT id through the database), API latency
// (p50/p99 over real HTTP to an in-process server) for each seed fixture, and evaluations per
// second for one patient against every trial that has rules — the 4,868-trial corpus parsed by
// the criteria parser when src/core/criteria/parse/ exports parseCriteria, else the seeds only —
// and POST /api/screen (rank every open trial) with the corpus imported (parser rule sets stored by
// the import hook), first request (cold rule-set cache) and p50/p99 after it.
//
//   node bench/screen/run.ts [--requests 1000] [--rank-requests 30] [--skip cli,api,all,rank] [--json]
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { parseArgs } from 'node:util';
import { evaluateRuleSet } from '../../src/core/criteria/evaluate.ts';
import { patientFactsFromFhir } from '../../src/core/patient/fhir.ts';
import type { RuleSet } from '../../src/core/criteria/rules.ts';
import { refreshParsedRuleSets, type RefreshReport } from '../../src/eligibility/parsed-rule-sets.ts';
import { criteriaParser, parseTrialCriteria } from '../../src/eligibility/parser-hook.ts';
import { createStores } from '../../src/store/index.ts';
import { importFiles } from '../../src/registry/import/importer.ts';
import { rankRuleSets } from '../../src/eligibility/screening.ts';
import { readSeedRuleSets } from '../../src/eligibility/seed.ts';
import { openEligo } from '../../src/runtime.ts';
import { startServer } from '../../src/server/serve.ts';
import { SHARED_DIR } from '../../test/support/shared.ts';

const FIXTURES = `${SHARED_DIR}/fixtures/patients`;
const CORPUS = `${SHARED_DIR}/data/ctgov-4868-criteria.jsonl.gz`;

const { values } = parseArgs({ options: { requests: { type: 'string', default: '1000' }, 'rank-requests': { type: 'string', default: '30' }, skip: { type: 'string', default: '' }, json: { type: 'boolean', default: false } } });
const requests = Number(values.requests);
const skip = new Set(values.skip.split(',').filter(Boolean));
const report: Record<string, unknown> = { date: new Date().toISOString(), machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`, node: process.version };
const say = (line: string) => { if (!values.json) process.stdout.write(`${line}\n`); };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

function timeCli(args: string[], env: NodeJS.ProcessEnv): number {
  const start = performance.now();
  const run = spawnSync('bin/eligo', args, { encoding: 'utf8', env });
  const elapsed = performance.now() - start;
  if (run.status !== 0) throw new Error(`bin/eligo ${args.join(' ')} failed: ${run.stderr}`);
  JSON.parse(run.stdout);
  return elapsed;
}

if (!skip.has('cli')) {
  const patient = `${FIXTURES}/m-aa-ok.json`;
  const fileArgs = ['screen', '--trial', 'data/seed-trials/NCT05794425.rules.json', '--patient', patient, '--as-of', '2026-03-01', '--json'];
  const fileTimes = [0, 1, 2, 3, 4].map(() => timeCli(fileArgs, process.env));
  const dataDir = mkdtempSync(join(tmpdir(), 'eligo-bench-'));
  const env: NodeJS.ProcessEnv = { ...process.env, ELIGO_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  const dbArgs = ['screen', '--trial', 'NCT05794425', '--patient', patient, '--as-of', '2026-03-01', '--json'];
  const first = timeCli(dbArgs, env);
  const dbTimes = [0, 1, 2].map(() => timeCli(dbArgs, env));
  rmSync(dataDir, { recursive: true, force: true });
  report.cli = { fileTrialMs: round(median(fileTimes), 0), databaseTrialMs: round(median(dbTimes), 0), databaseFirstRunMs: round(first, 0) };
  say(`CLI, one patient × one trial: rule-set file ${round(median(fileTimes), 0)} ms (median of 5); NCT id via PGlite ${round(median(dbTimes), 0)} ms (median of 3; first run with migrations and seeding ${round(first, 0)} ms)`);
}

if (!skip.has('api')) {
  const expected = JSON.parse(readFileSync(`${FIXTURES}/expected.json`, 'utf8')) as Array<{ id: string; trial: string; asOf: string; verdict: string }>;
  const database = await openEligo({ location: { kind: 'pglite', dataDir: 'memory://' } });
  const server = await startServer(database, { port: 0, host: '127.0.0.1' });
  const api: Record<string, { p50: number; p99: number; max: number }> = {};
  try {
    for (const fixture of expected) {
      const body = readFileSync(`${FIXTURES}/${fixture.id}.json`, 'utf8');
      const url = `${server.url}/api/trials/${fixture.trial}/screen?asOf=${fixture.asOf}`;
      const call = async () => {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body });
        const result = (await response.json()) as { verdict: string };
        if (result.verdict !== fixture.verdict) throw new Error(`${fixture.id}: expected ${fixture.verdict}, got ${result.verdict}`);
      };
      for (let i = 0; i < 50; i++) await call();
      const times: number[] = [];
      for (let i = 0; i < requests; i++) {
        const start = performance.now();
        await call();
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      api[`${fixture.trial} ${fixture.id}`] = { p50: round(percentile(times, 50)), p99: round(percentile(times, 99)), max: round(times[times.length - 1]) };
      say(`API POST /api/trials/${fixture.trial}/screen, ${fixture.id}: p50 ${round(percentile(times, 50))} ms, p99 ${round(percentile(times, 99))} ms over ${requests} requests`);
    }
  } finally {
    await server.stop();
    await database.close();
  }
  report.api = { requestsPerFixture: requests, latencyMs: api };
}

if (!skip.has('all')) {
  const ruleSets: RuleSet[] = readSeedRuleSets();
  const parser = criteriaParser();
  let parseMs = 0;
  let corpusTrials = 0;
  if (parser) {
    const lines = createInterface({ input: createReadStream(CORPUS).pipe(createGunzip()), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.trim()) continue;
      const record = JSON.parse(line) as { protocolSection?: { identificationModule?: { nctId?: string }; eligibilityModule?: { eligibilityCriteria?: string } } };
      const nctId = record.protocolSection?.identificationModule?.nctId;
      const text = record.protocolSection?.eligibilityModule?.eligibilityCriteria;
      if (!nctId || !text) continue;
      corpusTrials++;
      const start = performance.now();
      const ruleSet = await parseTrialCriteria(nctId, text);
      parseMs += performance.now() - start;
      if (ruleSet) ruleSets.push(ruleSet);
    }
  }
  const asOf = '2026-03-01';
  const facts = patientFactsFromFhir(readFileSync(`${FIXTURES}/m-aa-ok.json`, 'utf8'), { asOf });
  for (const ruleSet of ruleSets) evaluateRuleSet(ruleSet, facts, { asOf });
  let evaluations = 0;
  const start = performance.now();
  while (performance.now() - start < 3000) {
    for (const ruleSet of ruleSets) evaluateRuleSet(ruleSet, facts, { asOf });
    evaluations += ruleSets.length;
  }
  const elapsed = performance.now() - start;
  const rankStart = performance.now();
  const ranking = rankRuleSets(ruleSets.map((ruleSet) => ({ ruleSet, title: null, status: null })), facts, { asOf });
  const rankMs = performance.now() - rankStart;
  const verdicts = ranking.verdicts;
  report.allTrials = {
    ruleSetSource: parser ? 'seeds + parser (unreviewed) for the 4,868-trial corpus' : 'seed rule sets only (the criteria parser is not available)',
    ruleSets: ruleSets.length,
    corpusTrials,
    parseMsPerTrial: corpusTrials ? round(parseMs / corpusTrials, 3) : null,
    evaluationsPerSecond: Math.round((evaluations / elapsed) * 1000),
    onePatientAllTrialsMs: round(elapsed / (evaluations / ruleSets.length), 1),
    rankingMs: round(rankMs, 1),
    verdicts,
  };
  say(`One patient × ${ruleSets.length} rule sets (${report.allTrials && (report.allTrials as { ruleSetSource: string }).ruleSetSource}): ${Math.round((evaluations / elapsed) * 1000)} evaluations/s, ${round(elapsed / (evaluations / ruleSets.length), 1)} ms per pass; full ranking ${round(rankMs, 1)} ms; verdicts ${JSON.stringify(verdicts)}`);
  if (corpusTrials) say(`  parsing the corpus: ${round(parseMs / corpusTrials, 3)} ms per trial`);
}

if (!skip.has('rank')) {
  const dataDir = mkdtempSync(join(tmpdir(), 'eligo-bench-rank-'));
  const database = await openEligo({ location: { kind: 'pglite', dataDir: join(dataDir, 'pglite') } });
  try {
    const stores = createStores(database.db);
    const imported = await importFiles(stores, [CORPUS], { afterImport: (changed) => refreshParsedRuleSets(stores, { nctIds: changed, fullOnNewParser: true }) });
    const refresh = imported.afterImport as RefreshReport;
    say(`Import of the 4,868-trial corpus into PGlite: ${round(imported.seconds, 1)} s, of which parsing and storing ${refresh.parsed} parser rule sets ${round(imported.afterImportSeconds ?? 0, 1)} s`);
    // Only 9 of the corpus trials are recruiting: to rank at the corpus's scale, every trial is made open.
    await database.db.updateTable('registry_trial').set({ overall_status: 'RECRUITING' }).execute();
    const server = await startServer(database, { port: 0, host: '127.0.0.1' });
    try {
      const body = readFileSync(`${FIXTURES}/m-aa-ok.json`, 'utf8');
      const rank = async () => {
        const start = performance.now();
        const response = await fetch(`${server.url}/api/screen?asOf=2026-03-01`, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body });
        const ranking = (await response.json()) as { screened: number };
        if (response.status !== 200) throw new Error(`POST /api/screen: ${response.status} ${JSON.stringify(ranking)}`);
        return { ms: performance.now() - start, screened: ranking.screened, bytes: Number(response.headers.get('content-length') ?? 0) };
      };
      const first = await rank();
      const times: number[] = [];
      for (let i = 0; i < Number(values['rank-requests']); i++) times.push((await rank()).ms);
      times.sort((a, b) => a - b);
      report.rank = {
        importSeconds: round(imported.seconds, 1),
        parserRuleSetsStored: refresh.parsed,
        importHookSeconds: round(imported.afterImportSeconds ?? 0, 1),
        trialsRanked: first.screened,
        firstRequestMs: round(first.ms, 0),
        p50Ms: round(percentile(times, 50), 0),
        p99Ms: round(percentile(times, 99), 0),
        requests: times.length,
      };
      say(`API POST /api/screen, one patient × ${first.screened} trials (all made RECRUITING): first request (cold cache) ${round(first.ms, 0)} ms; then p50 ${round(percentile(times, 50), 0)} ms, p99 ${round(percentile(times, 99), 0)} ms over ${times.length} requests`);
    } finally {
      await server.stop();
    }
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
