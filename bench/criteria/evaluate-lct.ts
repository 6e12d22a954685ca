// Scores the criteria parser's numeric comparisons against the LCT corpus (see lct.ts for the rules).
//
//   node bench/criteria/evaluate-lct.ts [--dir ../shared/data/lct-dev] [--split dev|holdout|all] [--errors 40] [--json]
//
// Development used the first 400 documents sorted by name ("dev"); the last 112 ("holdout") were only
// scored, never read while tuning.
import { parseArgs } from 'node:util';
import { comparisonsIn, parseCriteria } from '../../src/core/criteria/parse/index.ts';
import { listLctDocuments, readLctDocument, scoreDocument, summarise, type GoldComparison, type PredictedComparison, type Score } from './lct.ts';

export const DEV_DOCUMENTS = 400;

export interface LctEvaluation {
  split: string;
  documents: number;
  overall: Score;
  observation: Score;
  age: Score;
  /** Precision counting every prediction, also those overlapping annotated comparisons that cannot be scored. */
  strictPrecision: number;
  missed: GoldComparison[];
  spurious: Array<PredictedComparison & { doc: string; text: string }>;
}

export function evaluateLct(directory: string, split: 'dev' | 'holdout' | 'all'): LctEvaluation {
  const ids = listLctDocuments(directory);
  const chosen = split === 'dev' ? ids.slice(0, DEV_DOCUMENTS) : split === 'holdout' ? ids.slice(DEV_DOCUMENTS) : ids;
  const totals = { observation: { gold: 0, found: 0, predicted: 0, correct: 0 }, age: { gold: 0, found: 0, predicted: 0, correct: 0 } };
  let ignored = 0;
  const missed: GoldComparison[] = [];
  const spurious: LctEvaluation['spurious'] = [];
  for (const id of chosen) {
    const document = readLctDocument(directory, id);
    const parsed = parseCriteria(document.text);
    const predictions: PredictedComparison[] = parsed.criteria.flatMap((criterion) =>
      comparisonsIn(criterion.rules)
        .filter((found) => found.comparison.span !== undefined)
        .map((found) => ({ op: found.comparison.op, value: found.comparison.value, high: found.comparison.high, span: found.comparison.span as [number, number], subject: found.subject })),
    );
    // One comparison shared by several analytes ("AST and ALT ≤ 2.5 × ULN") is one prediction.
    const unique = [...new Map(predictions.map((prediction) => [`${prediction.span}|${prediction.op}|${prediction.value}|${prediction.high}`, prediction])).values()];
    const score = scoreDocument(document, unique);
    for (const gold of document.gold) {
      totals[gold.category].gold++;
      if (score.found.has(gold)) totals[gold.category].found++;
      else missed.push(gold);
    }
    for (const prediction of unique) {
      if (score.ignoredPredictions.has(prediction)) {
        ignored++;
        continue;
      }
      const category = prediction.subject === 'age' ? 'age' : 'observation';
      totals[category].predicted++;
      if (score.correctPredictions.has(prediction)) totals[category].correct++;
      else spurious.push({ ...prediction, doc: id, text: document.text.slice(prediction.span[0], prediction.span[1]) });
    }
  }
  const sum = (key: 'gold' | 'found' | 'predicted' | 'correct') => totals.observation[key] + totals.age[key];
  const overall = summarise(sum('gold'), sum('found'), sum('predicted'), sum('correct'));
  return {
    split,
    documents: chosen.length,
    overall,
    observation: summarise(totals.observation.gold, totals.observation.found, totals.observation.predicted, totals.observation.correct),
    age: summarise(totals.age.gold, totals.age.found, totals.age.predicted, totals.age.correct),
    strictPrecision: overall.predicted + ignored === 0 ? 1 : overall.correct / (overall.predicted + ignored),
    missed,
    spurious,
  };
}

function formatScore(name: string, score: Score): string {
  return `${name.padEnd(12)} recall ${score.recall.toFixed(3)} (${score.found}/${score.gold})  precision ${score.precision.toFixed(3)} (${score.correct}/${score.predicted})`;
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string', default: '../shared/data/lct-dev' },
      split: { type: 'string', default: 'dev' },
      errors: { type: 'string', default: '0' },
      json: { type: 'boolean', default: false },
    },
  });
  const split = values.split;
  if (split !== 'dev' && split !== 'holdout' && split !== 'all') {
    console.error(`--split: expected dev, holdout or all, got ${JSON.stringify(split)}`);
    process.exit(2);
  }
  const result = evaluateLct(values.dir, split);
  if (values.json) {
    const { missed, spurious, ...summary } = result;
    console.log(JSON.stringify({ ...summary, missed: missed.length, spurious: spurious.length }, null, 2));
  } else {
    console.log(`LCT ${split}: ${result.documents} documents`);
    console.log(formatScore('overall', result.overall));
    console.log(formatScore('observation', result.observation));
    console.log(formatScore('age', result.age));
    console.log(`strict precision (also counting predictions on unscorable annotations) ${result.strictPrecision.toFixed(3)}`);
    const limit = Number(values.errors);
    if (limit > 0) {
      console.log(`\nmissed (${result.missed.length}):`);
      for (const gold of result.missed.slice(0, limit)) console.log(`  ${gold.doc} ${gold.category} [${gold.subject}] ${JSON.stringify(gold.text)} ${gold.operator} ${gold.values.join(',')}`);
      console.log(`\nspurious (${result.spurious.length}):`);
      for (const prediction of result.spurious.slice(0, limit)) console.log(`  ${prediction.doc} [${prediction.subject}] ${JSON.stringify(prediction.text)} ${prediction.op} ${prediction.value}${prediction.high === undefined ? '' : `-${prediction.high}`}`);
    }
  }
}
