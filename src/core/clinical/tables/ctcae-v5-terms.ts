// The CTCAE v5.0 terms an adverse event can be recorded under: the laboratory terms graded from a
// value and the clinical terms with a suggested grade (ctcae-v5.ts), and further terms a
// bone-marrow-failure cell-therapy study commonly records, graded by the investigator against CTCAE's
// general grade definitions. Terms are spelt as in CTCAE v5.0 (MedDRA v20.1 LLT).
//
// Source: NCI CTCAE v5.0 (27 Nov 2017): term list and the general grade definitions of its
// introduction ("Grade 1 Mild … Grade 5 Death related to AE"). Chinese names: the NMPA-published
// Chinese CTCAE v5.0 terminology where known (M).
import { CTCAE_V5_CLINICAL_TERMS, CTCAE_V5_LAB_TERMS, type CtcaeClinicalGrade } from './ctcae-v5.ts';

export interface CtcaeTermEntry {
  term: string;
  termZh: string;
  kind: 'lab' | 'clinical';
  /** The grade texts shown to the investigator. */
  grades: readonly CtcaeClinicalGrade[];
}

/** CTCAE v5.0 general definitions, for terms without term-specific texts here. */
export const CTCAE_GENERAL_GRADES: readonly CtcaeClinicalGrade[] = [
  { grade: 1, text: 'Mild; asymptomatic or mild symptoms; clinical or diagnostic observations only; intervention not indicated', textZh: '轻度；无症状或轻微；仅为临床或诊断所见；无需治疗' },
  { grade: 2, text: 'Moderate; minimal, local or noninvasive intervention indicated; limiting age-appropriate instrumental ADL', textZh: '中度；需要较小、局部或非侵入性治疗；与年龄相当的工具性日常生活活动受限' },
  { grade: 3, text: 'Severe or medically significant but not immediately life-threatening; hospitalization or prolongation of hospitalization indicated; disabling; limiting self care ADL', textZh: '严重或具有重要医学意义但不会立即危及生命；导致住院或住院时间延长；致残；自理性日常生活活动受限' },
  { grade: 4, text: 'Life-threatening consequences; urgent intervention indicated', textZh: '危及生命；需要紧急治疗' },
  { grade: 5, text: 'Death related to AE', textZh: '与不良事件相关的死亡' },
];

const FURTHER_TERMS: ReadonlyArray<[string, string]> = [
  ['Febrile neutropenia', '发热性中性粒细胞减少症'], ['Lymphocyte count decreased', '淋巴细胞计数降低'], ['Fever', '发热'], ['Chills', '寒战'],
  ['Fatigue', '乏力'], ['Headache', '头痛'], ['Dizziness', '头晕'], ['Nausea', '恶心'], ['Vomiting', '呕吐'], ['Diarrhea', '腹泻'],
  ['Constipation', '便秘'], ['Abdominal pain', '腹痛'], ['Anorexia', '厌食'], ['Mucositis oral', '口腔黏膜炎'], ['Rash maculo-papular', '斑丘疹'],
  ['Pruritus', '瘙痒'], ['Urticaria', '荨麻疹'], ['Allergic reaction', '过敏反应'], ['Anaphylaxis', '严重过敏反应'], ['Cytokine release syndrome', '细胞因子释放综合征'],
  ['Graft versus host disease', '移植物抗宿主病'], ['Sepsis', '脓毒症'], ['Lung infection', '肺部感染'], ['Upper respiratory infection', '上呼吸道感染'],
  ['Urinary tract infection', '尿路感染'], ['Epistaxis', '鼻出血'], ['Hematuria', '血尿'], ['Intracranial hemorrhage', '颅内出血'],
  ['Hypotension', '低血压'], ['Sinus tachycardia', '窦性心动过速'], ['Dyspnea', '呼吸困难'], ['Cough', '咳嗽'], ['Edema limbs', '四肢水肿'],
  ['Acute kidney injury', '急性肾损伤'], ['Hyperglycemia', '高血糖'], ['Hypokalemia', '低钾血症'], ['Hypomagnesemia', '低镁血症'],
  ['Tremor', '震颤'], ['Seizure', '癫痫发作'], ['Hirsutism', '多毛症'], ['Arthralgia', '关节痛'], ['Myalgia', '肌痛'], ['Insomnia', '失眠'],
];

export const CTCAE_V5_TERMS: readonly CtcaeTermEntry[] = [
  ...CTCAE_V5_LAB_TERMS.map((t) => ({ term: t.term, termZh: t.termZh, kind: 'lab' as const, grades: t.thresholds.filter((r, i, all) => all.findIndex((o) => o.grade === r.grade) === i).map((r) => ({ grade: r.grade, text: r.text, textZh: r.text })) })),
  ...CTCAE_V5_CLINICAL_TERMS.map((t) => ({ term: t.term, termZh: t.termZh, kind: 'clinical' as const, grades: t.grades })),
  ...FURTHER_TERMS.map(([term, termZh]) => ({ term, termZh, kind: 'clinical' as const, grades: CTCAE_GENERAL_GRADES })),
];

const byTerm = new Map(CTCAE_V5_TERMS.map((entry) => [entry.term.toLowerCase(), entry]));

export function ctcaeTerm(term: string): CtcaeTermEntry | undefined {
  return byTerm.get(term.trim().toLowerCase());
}

/** Up to `max` terms closest to what was written: containing it (or a word of it), else by edit distance. */
export function closeTerms(written: string, max = 5): string[] {
  const w = written.trim().toLowerCase();
  if (w.length === 0) return [];
  const words = w.split(/\s+/).filter((x) => x.length >= 3);
  const scored = CTCAE_V5_TERMS.map((entry) => {
    const t = entry.term.toLowerCase();
    const contains = t.includes(w) || w.includes(t) || words.some((x) => t.includes(x)) || entry.termZh.includes(written.trim());
    return { term: entry.term, score: contains ? 0 : distance(w, t) };
  }).filter((s) => s.score === 0 || s.score <= Math.max(3, Math.floor(w.length / 3)));
  return scored.sort((a, b) => a.score - b.score || a.term.localeCompare(b.term)).slice(0, max).map((s) => s.term);
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}
