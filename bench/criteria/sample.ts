// Samples parsed criteria from the ClinicalTrials.gov corpus with a fixed seed, to read by hand: the
// criteria of one status, or (with --baseline) those whose status changed against an earlier dump.
//
//   node bench/criteria/sample.ts [--status needs_review] [--n 200] [--seed 4868] [--dump out.jsonl] [--baseline before.jsonl]
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { parseArgs } from 'node:util';
import { parseCriteria } from '../../src/core/criteria/parse/index.ts';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: '../shared/data/ctgov-4868-criteria.jsonl.gz' },
    status: { type: 'string' },
    n: { type: 'string', default: '200' },
    seed: { type: 'string', default: '4868' },
    dump: { type: 'string' },
    baseline: { type: 'string' },
  },
});

interface Row { key: string; kind: string; status: string; text: string; rules: unknown; unparsed: string[] }

const rows: Row[] = [];
const lines = createInterface({ input: createReadStream(values.corpus).pipe(createGunzip()), crlfDelay: Infinity });
for await (const line of lines) {
  if (line.trim() === '') continue;
  const record = JSON.parse(line);
  const text = record?.protocolSection?.eligibilityModule?.eligibilityCriteria;
  if (typeof text !== 'string') continue;
  const nctId = record.protocolSection.identificationModule.nctId;
  for (const criterion of parseCriteria(text).criteria) {
    rows.push({ key: `${nctId}/${criterion.id}`, kind: criterion.kind, status: criterion.status, text: criterion.text, rules: criterion.rules, unparsed: criterion.unparsed.map((part) => part.text) });
  }
}
if (values.dump) writeFileSync(values.dump, rows.map((row) => JSON.stringify({ key: row.key, status: row.status })).join('\n'));

let pool = rows;
if (values.baseline) {
  const before = new Map(readFileSync(values.baseline, 'utf8').split('\n').filter(Boolean).map((line) => { const row = JSON.parse(line); return [row.key, row.status] as const; }));
  const rank: Record<string, number> = { needs_review: 0, partial: 1, computable: 2 };
  pool = rows.filter((row) => before.has(row.key) && rank[row.status] > rank[before.get(row.key)!]);
  console.log(`${pool.length} criteria moved up against the baseline`);
}
if (values.status) pool = pool.filter((row) => row.status === values.status);

// mulberry32: a small seeded generator, so the same seed reads the same sample.
let state = Number(values.seed) >>> 0;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const chosen = [...pool];
for (let i = chosen.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [chosen[i], chosen[j]] = [chosen[j], chosen[i]];
}
for (const row of chosen.slice(0, Number(values.n))) {
  console.log(`\n## ${row.key} ${row.kind} ${row.status}\n${row.text.replace(/\s+/g, ' ').slice(0, 400)}\n  rules: ${JSON.stringify(row.rules, (key, value) => (key === 'span' ? undefined : value))}\n  unparsed: ${JSON.stringify(row.unparsed)}`);
}
