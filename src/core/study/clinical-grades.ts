// Suggested CTCAE v5.0 grades of clinical terms (ctcae-v5.ts, §4c): from blood pressure for
// Hypertension, from what happened during the infusion for Infusion related reaction. A suggestion for
// the investigator to confirm, never a computed grade: the reason says which criterion matched.
import { ctcaeClinicalTerm, CTCAE_VERSION, type CtcaeClinicalTerm } from '../clinical/tables/ctcae-v5.ts';

export interface GradeSuggestion {
  grade: 0 | 1 | 2 | 3 | 4 | 5;
  reason: string;
  reasonZh: string;
}

/** Hypertension from SBP/DBP in mm[Hg]: the higher of the two grades (bands' lower ends inclusive). */
export function suggestHypertensionGrade(systolic: number, diastolic: number): GradeSuggestion {
  const term = ctcaeClinicalTerm('Hypertension') as CtcaeClinicalTerm;
  const bands = term.bloodPressure ?? [];
  const bySystolic = Math.max(0, ...bands.filter((band) => systolic >= band.systolicFrom).map((band) => band.grade));
  const byDiastolic = Math.max(0, ...bands.filter((band) => diastolic >= band.diastolicFrom).map((band) => band.grade));
  const grade = Math.max(bySystolic, byDiastolic) as GradeSuggestion['grade'];
  const text = term.grades.find((g) => g.grade === grade);
  const bp = `${systolic}/${diastolic} mmHg`;
  if (!text) return { grade: 0, reason: `Hypertension: ${bp} is below 120/80 mmHg (CTCAE v${CTCAE_VERSION})`, reasonZh: `高血压：${bp} 低于 120/80 mmHg` };
  const caveat = grade === 2 ? '; grade 2 assumes blood pressure was previously normal' : '';
  return { grade, reason: `Hypertension grade ${grade} suggested (CTCAE v${CTCAE_VERSION}: ${text.text}): ${bp}${caveat}; grades 3–4 also depend on the treatment needed`, reasonZh: `建议高血压 ${grade} 级（CTCAE v${CTCAE_VERSION}：${text.textZh}）：${bp}` };
}

export interface InfusionReactionFacts {
  death?: boolean;
  lifeThreatening?: boolean;
  /** Prolonged (not rapidly responsive), recurred after improvement, or hospitalisation for sequelae. */
  prolongedOrRecurrentOrHospitalized?: boolean;
  /** The infusion was interrupted, or symptomatic treatment / prophylaxis ≤ 24 h was needed. */
  interruptedOrTreated?: boolean;
}

/** Infusion related reaction: the most severe criterion that the facts meet (grade 1 when none). */
export function suggestInfusionReactionGrade(facts: InfusionReactionFacts): GradeSuggestion {
  const term = ctcaeClinicalTerm('Infusion related reaction') as CtcaeClinicalTerm;
  const grade: GradeSuggestion['grade'] = facts.death ? 5 : facts.lifeThreatening ? 4 : facts.prolongedOrRecurrentOrHospitalized ? 3 : facts.interruptedOrTreated ? 2 : 1;
  const text = term.grades.find((g) => g.grade === grade) as CtcaeClinicalTerm['grades'][number];
  return { grade, reason: `Infusion related reaction grade ${grade} suggested (CTCAE v${CTCAE_VERSION}: ${text.text})`, reasonZh: `建议输注相关反应 ${grade} 级（CTCAE v${CTCAE_VERSION}：${text.textZh}）` };
}
