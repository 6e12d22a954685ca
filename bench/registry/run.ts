// Registry benchmark: imports the 101,016-record ClinicalTrials.gov file into a fresh PGlite (and, with
// --postgres URL, a fresh database on that server), then times a fixed set of 50 searches mixing text and
// filters, a few rounds after a warm-up. Prints a markdown table and writes bench/registry/latest.json.
//
//   node bench/registry/run.ts [--postgres postgres://postgres@127.0.0.1:5432/postgres] [--rounds 5] [--file F]
import { cpus } from 'node:os';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { importFiles } from '../../src/registry/import/importer.ts';
import { parseSearchQuery } from '../../src/registry/search/query.ts';
import { searchTrials } from '../../src/store/trial-search.ts';
import { geocoder } from '../../src/registry/geocode/geocoder.ts';
import { openEligo } from '../../src/runtime.ts';
import { createStores } from '../../src/store/index.ts';
import type { DatabaseLocation } from '../../src/store/database.ts';
import { SHARED_DIR } from '../../test/support/shared.ts';
import { adminQuery as admin } from '../../test/support/databases.ts';

const { values } = parseArgs({
  options: {
    postgres: { type: 'string' },
    rounds: { type: 'string', default: '5' },
    file: { type: 'string', default: `${SHARED_DIR}/data/ctgov-101k-summaries.jsonl.gz` },
  },
});
const rounds = Number(values.rounds);
const TARGETS = { importSeconds: 60, p95Ms: { pglite: 50, postgres: 20 } } as const;

/** Fifty searches of the kinds people run: words, phrases, filters, Chinese text, places, sorting, deep pages. */
const QUERIES: Array<Record<string, string>> = [
  { q: 'aplastic anemia' },
  { q: 'breast cancer', phase: 'PHASE3' },
  { q: 'breast cancer' },
  { status: 'RECRUITING' },
  { status: 'RECRUITING,NOT_YET_RECRUITING' },
  { status: 'COMPLETED', phase: 'PHASE2' },
  { age: '30' },
  { age: '8', status: 'COMPLETED' },
  { age: '70', sex: 'FEMALE' },
  { sponsor: 'Pfizer' },
  { sponsor: 'National Cancer Institute' },
  { country: 'China' },
  { country: 'United States', status: 'COMPLETED' },
  { q: 'diabetes', sort: 'startDate' },
  { q: 'heart failure', page: '3' },
  { q: 'leukemia', phase: 'PHASE1,PHASE2' },
  { q: 'mesenchymal stem cells' },
  { q: 'NCT03055078' },
  { q: 'NCT00000102' },
  { q: 'hepatitis C', interventionType: 'DRUG' },
  { q: 'depression', studyType: 'INTERVENTIONAL' },
  { q: 'asthma children', age: '10' },
  { q: '"multiple myeloma"' },
  { q: 'lymphoma -hodgkin' },
  { q: 'HIV OR AIDS' },
  { q: 'vaccine', sort: 'startDate' },
  { q: 'obesity', sex: 'FEMALE' },
  { q: 'alzheimer' },
  { q: 'pain', page: '2', pageSize: '50' },
  { q: 'stroke rehabilitation' },
  { q: 'cancer' },
  {},
  { page: '3' },
  { sort: 'startDate' },
  { phase: 'PHASE4' },
  { studyType: 'OBSERVATIONAL' },
  { interventionType: 'DRUG', status: 'RECRUITING' },
  { q: '再生障碍性贫血' },
  { q: '北京' },
  { q: '济南 aplastic anemia' },
  { q: 'cord blood transplant' },
  { q: 'sickle cell', age: '15' },
  { q: 'paroxysmal nocturnal hemoglobinuria' },
  { q: 'cyclosporine' },
  { q: 'hypertension', status: 'COMPLETED', phase: 'PHASE3' },
  { q: 'schizophrenia', sort: 'lastUpdate' },
  { q: 'prostate cancer', sex: 'MALE', age: '65' },
  { q: 'influenza', page: '2' },
  { q: 'tuberculosis', country: 'China' },
  { near: 'Beijing', distance: '200' },
];

interface BackendResult {
  backend: 'pglite' | 'postgres';
  importSeconds: number;
  recordsPerSecond: number;
  /** Records read from the file: new + updated + unchanged + kept (a curated seed version stored) + rejected. */
  records: number;
  imported: number;
  kept: number;
  rejected: number;
  samples: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  slowest: Array<{ query: Record<string, string>; medianMs: number; total: number }>;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
const round = (value: number, digits = 1) => Number(value.toFixed(digits));

async function runBackend(backend: 'pglite' | 'postgres', location: DatabaseLocation): Promise<BackendResult> {
  const database = await openEligo({ location });
  try {
    process.stderr.write(`${backend}: importing ${values.file}…\n`);
    const report = await importFiles(createStores(database.db), [values.file]);
    if (report.files.some((file) => file.error)) throw new Error(report.files.map((f) => f.error).join('; '));
    const imported = report.created + report.updated + report.unchanged;
    const records = report.files.reduce((sum, file) => sum + file.records, 0);
    process.stderr.write(`${backend}: ${records} records in ${report.seconds.toFixed(1)} s; searching…\n`);

    const queries = QUERIES.map((raw) => {
      const parsed = parseSearchQuery(raw);
      if (!parsed.ok) throw new Error(`bench query ${JSON.stringify(raw)}: ${parsed.message}`);
      return { raw, query: parsed.query };
    });
    // Warm-up: the first round loads the gazetteer, fills caches and lets the planner see the data.
    const totals = new Map<number, number>();
    for (const [i, { query }] of queries.entries()) totals.set(i, (await searchTrials(database.db, query)).total);
    const perQuery = queries.map(() => [] as number[]);
    const all: number[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const [i, { query }] of queries.entries()) {
        const started = performance.now();
        await searchTrials(database.db, query);
        const elapsed = performance.now() - started;
        perQuery[i].push(elapsed);
        all.push(elapsed);
      }
    }
    all.sort((a, b) => a - b);
    const medians = perQuery.map((times, i) => ({ query: queries[i].raw, medianMs: round([...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]), total: totals.get(i) ?? 0 }));
    return {
      backend,
      importSeconds: round(report.seconds),
      recordsPerSecond: report.recordsPerSecond,
      records,
      imported,
      kept: report.kept,
      rejected: report.files.reduce((sum, f) => sum + f.rejected, 0),
      samples: all.length,
      p50Ms: round(percentile(all, 50)),
      p95Ms: round(percentile(all, 95)),
      p99Ms: round(percentile(all, 99)),
      slowest: medians.sort((a, b) => b.medianMs - a.medianMs).slice(0, 5),
    };
  } finally {
    await database.close();
  }
}


// The offline gazetteer loads once per process, on first use; measured here, cold.
const geocoderStarted = performance.now();
await geocoder();
const geocoderLoadMs = round(performance.now() - geocoderStarted, 0);

const results: BackendResult[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'eligo-bench-registry-'));
try {
  results.push(await runBackend('pglite', { kind: 'pglite', dataDir }));
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
if (values.postgres) {
  const name = `eligo_bench_${randomBytes(4).toString('hex')}`;
  await admin(values.postgres, `create database ${name}`);
  const url = new URL(values.postgres);
  url.pathname = `/${name}`;
  try {
    results.push(await runBackend('postgres', { kind: 'postgres', url: url.toString() }));
  } finally {
    await admin(values.postgres, `drop database if exists ${name} with (force)`);
  }
}

const cpuModel = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? 'unknown';
const machine = { date: new Date().toISOString(), nproc: cpus().length, cpu: cpuModel, node: process.version };
const check = (ok: boolean) => (ok ? 'yes' : '**no**');
const lines = [
  `Registry benchmark, ${machine.date} — ${machine.nproc} × ${machine.cpu}, Node ${machine.node}; ${QUERIES.length} queries × ${rounds} rounds after a warm-up round`,
  '',
  '| backend | records read | stored / kept / rejected | import s | records/s | import < 60 s | search p50 ms | p95 ms | p99 ms | p95 target | met |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...results.map((r) => `| ${r.backend} | ${r.records} | ${r.imported} / ${r.kept} / ${r.rejected} | ${r.importSeconds} | ${r.recordsPerSecond} | ${check(r.importSeconds < TARGETS.importSeconds)} | ${r.p50Ms} | ${r.p95Ms} | ${r.p99Ms} | < ${TARGETS.p95Ms[r.backend]} | ${check(r.p95Ms < TARGETS.p95Ms[r.backend])} |`),
  '',
  ...results.flatMap((r) => [`Slowest queries on ${r.backend} (median ms, matches):`, ...r.slowest.map((s) => `- ${s.medianMs} ms, ${s.total} matches: ${JSON.stringify(s.query)}`), '']),
  `Offline gazetteer (GeoNames cities500) cold load, once per process: ${geocoderLoadMs} ms.`,
];
process.stdout.write(`${lines.join('\n')}\n`);
writeFileSync(new URL('./latest.json', import.meta.url), `${JSON.stringify({ ...machine, rounds, queries: QUERIES.length, targets: TARGETS, geocoderLoadMs, results }, null, 2)}\n`);
