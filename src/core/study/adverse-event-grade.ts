// The CTCAE grade of an adverse event term. Laboratory terms are computed with gradeLab from the value,
// the site's limits valid on the collection date and the subject's baseline (§4b baseline rules; INR
// with the anticoagulation flag); clinical terms are suggested (hypertension from blood pressure,
// infusion reactions from what happened) or left to the investigator with CTCAE's grade texts. §4d:
// for the haematological cytopenias a value no worse than the subject's baseline grade is a baseline
// cytopenia, reported as a shift (shifts.ts), not a new adverse event. The same code runs in the browser.
import { CTCAE_VERSION, ctcaeLabTerm, type CtcaeClinicalGrade } from '../clinical/tables/ctcae-v5.ts';
import { closeTerms, ctcaeTerm } from '../clinical/tables/ctcae-v5-terms.ts';
import { suggestHypertensionGrade, suggestInfusionReactionGrade, type InfusionReactionFacts } from './clinical-grades.ts';
import { gradeLab, type CtcaeGrade } from './grading.ts';
import { worseThanBaseline } from './shifts.ts';

/** §4d: the cytopenias a bone-marrow-failure subject usually has at baseline. */
export const CYTOPENIA_TERMS: readonly string[] = ['Anemia', 'Platelet count decreased', 'Neutrophil count decreased', 'White blood cell decreased', 'Lymphocyte count decreased'];

export interface LabMeasurement {
  value: number;
  unit: string;
  lln?: number;
  uln?: number;
  /** Unit of lln/uln when not the value's. */
  limitsUnit?: string;
  anticoagulated?: boolean;
}

export interface AdverseEventGradeInput {
  term: string;
  lab?: LabMeasurement;
  /** The subject's baseline result of the term's analyte, with the limits it was graded against. */
  baseline?: LabMeasurement;
  bloodPressure?: { systolic: number; diastolic: number };
  infusion?: InfusionReactionFacts;
}

export type AdverseEventGrade =
  | { kind: 'computed'; term: string; grade: 1 | 2 | 3 | 4; baselineGrade: CtcaeGrade | null; reason: string; reasonZh: string; version: string }
  | { kind: 'suggested'; term: string; grade: 1 | 2 | 3 | 4 | 5; reason: string; reasonZh: string; version: string; grades: readonly CtcaeClinicalGrade[] }
  | { kind: 'investigator'; term: string; reason: string; reasonZh: string; version: string; grades: readonly CtcaeClinicalGrade[] }
  | {
    kind: 'refused';
    /** unknown_term · lab_value_required · not_gradable (limits or unit) · not_an_event (grade 0 or no suggestion) · baseline_shift (§4d). */
    code: 'unknown_term' | 'lab_value_required' | 'not_gradable' | 'not_an_event' | 'baseline_shift';
    field: string;
    value?: unknown;
    expected: string;
    reason: string;
    reasonZh: string;
    version: string;
    grade?: CtcaeGrade | null;
    baselineGrade?: CtcaeGrade | null;
    suggestions?: string[];
  };

export function isCytopenia(term: string): boolean {
  return CYTOPENIA_TERMS.some((t) => t.toLowerCase() === term.trim().toLowerCase());
}

export function gradeAdverseEvent(input: AdverseEventGradeInput): AdverseEventGrade {
  const version = CTCAE_VERSION;
  const entry = ctcaeTerm(input.term);
  if (!entry) {
    const suggestions = closeTerms(input.term);
    return {
      kind: 'refused', code: 'unknown_term', field: 'term', value: input.term, version, suggestions,
      expected: `a term as written in CTCAE v${version}${suggestions.length ? ` (closest: ${suggestions.join(', ')})` : ''}`,
      reason: `${JSON.stringify(input.term)} is not a CTCAE v${version} term${suggestions.length ? `; did you mean ${suggestions.join(', ')}?` : ''}`,
      reasonZh: `${JSON.stringify(input.term)} 不是 CTCAE v${version} 术语${suggestions.length ? `；是否为：${suggestions.join('、')}？` : ''}`,
    };
  }
  const term = entry.term;
  if (ctcaeLabTerm(term)) return gradeLabTerm(term, input, version);
  if (term === 'Hypertension' && input.bloodPressure) return suggestion(term, suggestHypertensionGrade(input.bloodPressure.systolic, input.bloodPressure.diastolic), entry.grades, version, 'bloodPressure');
  if (term === 'Infusion related reaction' && input.infusion) return suggestion(term, suggestInfusionReactionGrade(input.infusion), entry.grades, version, 'infusion');
  return { kind: 'investigator', term, grades: entry.grades, version, reason: `${term}: the investigator grades it (CTCAE v${version} grade texts shown)`, reasonZh: `${entry.termZh}：由研究者根据 CTCAE v${version} 分级描述判定` };
}

function suggestion(term: string, s: ReturnType<typeof suggestHypertensionGrade>, grades: readonly CtcaeClinicalGrade[], version: string, field: string): AdverseEventGrade {
  if (s.grade === 0) return { kind: 'refused', code: 'not_an_event', field, expected: `findings that meet CTCAE v${version} grade 1 of ${term}`, reason: s.reason, reasonZh: s.reasonZh, version, grade: 0 };
  return { kind: 'suggested', term, grade: s.grade, reason: s.reason, reasonZh: s.reasonZh, version, grades };
}

function gradeLabTerm(term: string, input: AdverseEventGradeInput, version: string): AdverseEventGrade {
  const lab = input.lab;
  if (!lab) return { kind: 'refused', code: 'lab_value_required', field: 'lab', version, expected: `the laboratory value ${term} is graded from (a lab result or value, unit and limits)`, reason: `${term} is a laboratory term: its grade is computed from the value`, reasonZh: `${term} 为实验室术语：分级由检验值计算` };
  const base = input.baseline;
  const now = gradeLab({ term, value: lab.value, unit: lab.unit, lln: lab.lln, uln: lab.uln, limitsUnit: lab.limitsUnit, anticoagulated: lab.anticoagulated, ...(base ? { baseline: base.value, baselineUnit: base.unit } : {}) });
  if (now.grade === null) {
    const field = now.problem?.field ? `lab.${now.problem.field}` : 'lab';
    return { kind: 'refused', code: 'not_gradable', field, value: now.problem?.value, version, expected: now.problem?.expected ?? 'the limits the grade depends on (lln/uln)', reason: now.reason, reasonZh: now.reasonZh ?? now.reason, grade: null };
  }
  // The baseline's own grade (against its limits, without a baseline of its own), for §4d.
  const baselineGrade = base ? gradeLab({ term, value: base.value, unit: base.unit, lln: base.lln, uln: base.uln, limitsUnit: base.limitsUnit, anticoagulated: base.anticoagulated }).grade : null;
  if (now.grade === 0) {
    return { kind: 'refused', code: 'not_an_event', field: 'lab.value', value: lab.value, version, grade: 0, baselineGrade, expected: `a value meeting CTCAE v${version} grade 1 or worse of ${term}`, reason: now.reason, reasonZh: now.reasonZh ?? now.reason };
  }
  if (isCytopenia(term) && base && baselineGrade !== null && !worseThanBaseline(now.grade, baselineGrade)) {
    return {
      kind: 'refused', code: 'baseline_shift', field: 'lab.value', value: lab.value, version, grade: now.grade, baselineGrade,
      expected: `a ${term} worse than the subject's baseline grade ${baselineGrade} to be a new adverse event`,
      reason: `${now.reason}. The subject's baseline is already grade ${baselineGrade}: a baseline cytopenia no worse than at baseline is graded and reported as a shift (CTCAE §4d, bone-marrow failure), not as a new adverse event; record an event only when it worsens beyond grade ${baselineGrade}`,
      reasonZh: `${now.reasonZh ?? now.reason}。受试者基线已为 ${baselineGrade} 级：未较基线加重的基线血细胞减少按分级变化（shift）报告（CTCAE §4d 骨髓衰竭说明），不作为新的不良事件；仅在超过基线 ${baselineGrade} 级时记录不良事件`,
    };
  }
  const baselineNote = isCytopenia(term) && base ? (baselineGrade === null ? '; baseline grade could not be determined' : `; worse than the baseline grade ${baselineGrade}`) : '';
  const baselineNoteZh = isCytopenia(term) && base ? (baselineGrade === null ? '；基线分级无法确定' : `；较基线 ${baselineGrade} 级加重`) : '';
  return { kind: 'computed', term, grade: now.grade as 1 | 2 | 3 | 4, baselineGrade, reason: `${now.reason}${baselineNote}`, reasonZh: `${now.reasonZh ?? now.reason}${baselineNoteZh}`, version };
}
