// The criteria parser's benchmark: LCT recall/precision (development and held-out documents), coverage of
// the 4,868-trial ClinicalTrials.gov corpus (shares computable / partial / needs_review) and the time to
// parse it (target: under 30 s). Writes bench/criteria/latest.json.
//
//   node bench/criteria/run.ts [--lct ../shared/data/lct-dev] [--corpus ../shared/data/ctgov-4868-criteria.jsonl.gz]
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { coverageOfFile } from '../../src/cli/commands/criteria.ts';
import { evaluateLct } from './evaluate-lct.ts';

const { values } = parseArgs({
  options: {
    lct: { type: 'string', default: '../shared/data/lct-dev' },
    corpus: { type: 'string', default: '../shared/data/ctgov-4868-criteria.jsonl.gz' },
    out: { type: 'string', default: 'bench/criteria/latest.json' },
  },
});

const lct = (['dev', 'holdout'] as const).map((split) => {
  const { missed, spurious, ...summary } = evaluateLct(values.lct, split);
  return { ...summary, missed: missed.length, spurious: spurious.length };
});
const coverage = await coverageOfFile(values.corpus, 25);

const result = {
  date: new Date().toISOString(),
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`,
  lct,
  coverage: {
    file: values.corpus,
    trials: coverage.report.trials,
    criteria: coverage.report.criteria,
    computable: coverage.report.computable,
    computableData: coverage.report.computableData,
    computableConfirmOnly: coverage.report.computableConfirmOnly,
    partial: coverage.report.partial,
    needs_review: coverage.report.needs_review,
    shares: coverage.report.shares,
    topUnparsed: coverage.report.topUnparsed,
  },
  speed: {
    trials: coverage.report.trials,
    /** Reading, decompressing, JSON-parsing and criteria-parsing the whole file. */
    totalSeconds: Number(coverage.seconds.toFixed(2)),
    /** parseCriteria alone. */
    parseSeconds: Number(coverage.parseSeconds.toFixed(2)),
    targetSeconds: 30,
  },
};
writeFileSync(values.out, `${JSON.stringify(result, null, 2)}\n`);

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
for (const split of lct) {
  console.log(
    `LCT ${split.split.padEnd(7)} (${split.documents} docs): recall ${split.overall.recall.toFixed(3)} precision ${split.overall.precision.toFixed(3)}` +
      ` | observation R ${split.observation.recall.toFixed(3)} P ${split.observation.precision.toFixed(3)} | age R ${split.age.recall.toFixed(3)} P ${split.age.precision.toFixed(3)}`,
  );
}
console.log(
  `coverage: ${result.coverage.criteria} criteria in ${result.coverage.trials} trials: computable ${percent(result.coverage.shares.computable)} (data ${percent(result.coverage.shares.computable_data)}, confirm only ${percent(result.coverage.shares.computable_confirm_only)}), partial ${percent(result.coverage.shares.partial)}, needs_review ${percent(result.coverage.shares.needs_review)}`,
);
console.log(`speed: ${result.speed.trials} trials in ${result.speed.totalSeconds} s (parsing ${result.speed.parseSeconds} s; target < ${result.speed.targetSeconds} s)`);
console.log(`wrote ${values.out}`);
