// Coverage of the parser over many trials: how many criteria became computable, partial or needs_review,
// and which unparsed phrases come up most often (the list to work down next). Pure: the caller streams
// the trials in and reads the tally out.
import type { ParseStatus } from '../rules.ts';
import { onlyConfirm, type ParseResult } from './parse.ts';

export interface CoverageTally {
  trials: number;
  trialsWithoutCriteria: number;
  criteria: Record<ParseStatus, number>;
  /** Computable criteria that are wholly a question for a person (consent, investigator judgement). */
  confirmOnly: number;
  unparsedPhrases: Map<string, number>;
}

export interface CoverageReport {
  trials: number;
  trialsWithoutCriteria: number;
  criteria: number;
  computable: number;
  /** Of `computable`: settled by the patient's data, and wholly a confirmation by a person. */
  computableData: number;
  computableConfirmOnly: number;
  partial: number;
  needs_review: number;
  /** Shares of all criteria, 0–1. */
  shares: Record<ParseStatus | 'computable_data' | 'computable_confirm_only', number>;
  topUnparsed: Array<{ phrase: string; count: number }>;
}

export function createCoverageTally(): CoverageTally {
  return { trials: 0, trialsWithoutCriteria: 0, criteria: { computable: 0, partial: 0, needs_review: 0 }, confirmOnly: 0, unparsedPhrases: new Map() };
}

/** Adds one trial's parse to the tally (a trial without criteria text counts as such). */
export function addToCoverage(tally: CoverageTally, result: ParseResult | null): void {
  tally.trials++;
  if (result === null || result.criteria.length === 0) {
    tally.trialsWithoutCriteria++;
    return;
  }
  for (const criterion of result.criteria) {
    tally.criteria[criterion.status]++;
    if (criterion.status === 'computable' && criterion.rules.every(onlyConfirm)) tally.confirmOnly++;
    for (const part of criterion.unparsed) {
      const phrase = phraseKey(part.text);
      if (phrase) tally.unparsedPhrases.set(phrase, (tally.unparsedPhrases.get(phrase) ?? 0) + 1);
    }
  }
}

export function coverageReport(tally: CoverageTally, top = 25): CoverageReport {
  const total = tally.criteria.computable + tally.criteria.partial + tally.criteria.needs_review;
  const share = (count: number) => (total === 0 ? 0 : count / total);
  const topUnparsed = [...tally.unparsedPhrases.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, top)
    .map(([phrase, count]) => ({ phrase, count }));
  return {
    trials: tally.trials,
    trialsWithoutCriteria: tally.trialsWithoutCriteria,
    criteria: total,
    computable: tally.criteria.computable,
    computableData: tally.criteria.computable - tally.confirmOnly,
    computableConfirmOnly: tally.confirmOnly,
    partial: tally.criteria.partial,
    needs_review: tally.criteria.needs_review,
    shares: {
      computable: share(tally.criteria.computable),
      computable_data: share(tally.criteria.computable - tally.confirmOnly),
      computable_confirm_only: share(tally.confirmOnly),
      partial: share(tally.criteria.partial),
      needs_review: share(tally.criteria.needs_review),
    },
    topUnparsed,
  };
}

/** Unparsed text reduced to a comparable phrase: lower case, numbers as "#", at most eight words. */
function phraseKey(text: string): string {
  const words = text
    .toLowerCase()
    .replace(/\d+(?:[.,]\d+)*/g, '#')
    .replace(/[^\p{L}#\s'-]+/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
  return words.slice(0, 8).join(' ');
}
