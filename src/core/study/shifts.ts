// Shift tables for lab-graded terms (clinical-domain.md §4d): in bone-marrow failure most subjects start
// with grade 3–4 cytopenias, so reports count subjects by baseline grade × worst post-baseline grade
// instead of counting grades, and a value no worse than baseline is not a new adverse event.
import type { CtcaeGrade } from './grading.ts';

export interface GradedValue {
  subject: string;
  term: string;
  date: string;
  grade: CtcaeGrade | null;
  /** The subject's baseline result for the term (the last one flagged counts). */
  baseline: boolean;
}

export type ShiftCell = CtcaeGrade | 'missing';
export const SHIFT_GRADES: readonly ShiftCell[] = [0, 1, 2, 3, 4, 'missing'];

export interface ShiftTable {
  term: string;
  /** counts[baseline][worst post-baseline] = number of subjects. */
  counts: Record<string, Record<string, number>>;
  subjects: number;
}

/** A grade is worth reporting as an adverse event only when it is worse than the baseline grade. */
export function worseThanBaseline(grade: CtcaeGrade | null, baselineGrade: CtcaeGrade | null): boolean {
  if (grade === null) return false;
  return baselineGrade === null ? grade > 0 : grade > baselineGrade;
}

export function shiftTable(values: readonly GradedValue[], term: string): ShiftTable {
  const bySubject = new Map<string, { baseline?: GradedValue; worst: CtcaeGrade | null }>();
  for (const value of values) {
    if (value.term !== term) continue;
    const entry = bySubject.get(value.subject) ?? { worst: null };
    if (value.baseline) {
      if (!entry.baseline || value.date >= entry.baseline.date) entry.baseline = value;
    } else if (value.grade !== null && (entry.worst === null || value.grade > entry.worst)) {
      entry.worst = value.grade;
    }
    bySubject.set(value.subject, entry);
  }
  const counts: ShiftTable['counts'] = {};
  for (const from of SHIFT_GRADES) counts[String(from)] = Object.fromEntries(SHIFT_GRADES.map((to) => [String(to), 0]));
  for (const { baseline, worst } of bySubject.values()) {
    const from = baseline?.grade ?? 'missing';
    counts[String(from)][String(worst ?? 'missing')] += 1;
  }
  return { term, counts, subjects: bySubject.size };
}
