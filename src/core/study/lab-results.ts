// Laboratory follow-up as plain functions (no I/O): the CTCAE grades of one result for every lab term
// of its analyte, and which of a subject's results of an analyte is the baseline (the latest collected
// on or before day 0) — re-derived over all of them whenever one is added or corrected.
import { CTCAE_V5_LAB_TERMS, CTCAE_VERSION } from '../clinical/tables/ctcae-v5.ts';
import { gradeLab } from './grading.ts';

export interface StoredGrade {
  term: string;
  grade: 0 | 1 | 2 | 3 | 4 | null;
  reason: string;
  reasonZh?: string;
  version: string;
}

export interface GradedValue {
  analyte: string;
  /** Canonical unit. */
  value: number;
  unit: string;
  lln: number | null;
  uln: number | null;
  anticoagulated?: boolean;
}

/** The lab terms graded from an analyte (platelets → "Platelet count decreased"). */
export function labTermsOf(analyte: string): string[] {
  return CTCAE_V5_LAB_TERMS.filter((term) => term.analyte === analyte).map((term) => term.term);
}

/**
 * Grades for every lab term of the analyte. `version` is the study's CTCAE version: only v5.0 has a
 * table here, so another version yields ungraded entries saying so rather than v5.0 grades under its name.
 */
export function gradesOf(result: GradedValue, baseline: number | undefined, version: string): StoredGrade[] {
  return labTermsOf(result.analyte).map((term) => {
    if (version !== CTCAE_VERSION) return { term, grade: null, reason: `the study grades with CTCAE v${version}; Eligo has only the v${CTCAE_VERSION} table`, version };
    const graded = gradeLab({
      term, value: result.value, unit: result.unit,
      ...(result.lln !== null ? { lln: result.lln } : {}), ...(result.uln !== null ? { uln: result.uln } : {}),
      ...(baseline !== undefined ? { baseline } : {}), ...(result.anticoagulated ? { anticoagulated: true } : {}),
    });
    return { term, grade: graded.grade, reason: graded.reason, ...(graded.reasonZh ? { reasonZh: graded.reasonZh } : {}), version };
  });
}

export interface DatedResult {
  id: number;
  collectedOn: string;
}

/** The id of the baseline result: the latest collected on or before day 0 (the later id on a tie), or undefined. */
export function baselineOf(results: readonly DatedResult[], dayZero: string): number | undefined {
  let best: DatedResult | undefined;
  for (const result of results) {
    if (result.collectedOn > dayZero) continue;
    if (!best || result.collectedOn > best.collectedOn || (result.collectedOn === best.collectedOn && result.id > best.id)) best = result;
  }
  return best?.id;
}
