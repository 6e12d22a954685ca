// Clinical scales that criteria compare with a threshold, their grades, and how FHIR records them.
// Sources: ECOG — Oken et al., Am J Clin Oncol 1982;5:649-655 (clinical-domain.md §5a); NYHA
// functional classification (§5b); Karnofsky — Karnofsky & Burchenal 1949; Lansky — Lansky et al.
// 1987 (neither is in clinical-domain.md). LOINC 2.78: 89247-1 ECOG, 88020-3 NYHA, 89243-0 Karnofsky;
// ECOG answer list LL529-9. Codes not confirmed by the shared references or fixtures are listed in
// each scale's `unverified` (89247-1 and 88020-3 are the ones the shared FHIR fixtures use).
// Look-back windows (ECOG 28 days, NYHA 90 days) are Eligo's convention (docs/eligibility.md): the
// reference names none.
import type { SCALES } from '../../criteria/rules.ts';

export const SCALE_TABLE_VERSION = 'scales-2026-11';

export type ScaleId = (typeof SCALES)[number];

export interface ScaleDefinition {
  id: ScaleId;
  label: { en: string; zh: string };
  loinc: readonly string[];
  /** Valid grades, in order. */
  grades: readonly number[];
  /** Display of each grade (NYHA uses Roman numerals). */
  gradeLabel: (grade: number) => string;
  /** LOINC codes (observation or answer codes) written from memory, not checked against LOINC; confirm before release. */
  unverified?: readonly string[];
  /** LOINC answer codes → grade. */
  answers?: Readonly<Record<string, number>>;
  lookback: { amount: number; unit: 'd' };
  /** Each grade in plain words for patients (questionnaire), paraphrasing the source. */
  plain?: { en: readonly string[]; zh: readonly string[] };
}

const ROMAN = ['', 'I', 'II', 'III', 'IV'];

export const SCALES_TABLE: readonly ScaleDefinition[] = [
  {
    id: 'ECOG', label: { en: 'ECOG performance status', zh: 'ECOG体能状态评分' }, loinc: ['89247-1', '89262-0'], grades: [0, 1, 2, 3, 4, 5], gradeLabel: String,
    unverified: ['89262-0', 'LA9622-7', 'LA9623-5', 'LA9624-3', 'LA9625-0', 'LA9626-8', 'LA9627-6'],
    answers: { 'LA9622-7': 0, 'LA9623-5': 1, 'LA9624-3': 2, 'LA9625-0': 3, 'LA9626-8': 4, 'LA9627-6': 5 }, lookback: { amount: 28, unit: 'd' },
    plain: {
      en: ['I can do everything I did before I fell ill', 'I cannot do heavy physical work, but I can walk about and do light work', 'I can look after myself but cannot work; I am up and about more than half of the day', 'I can only partly look after myself; I am in bed or a chair more than half of the day', 'I cannot look after myself at all and stay in bed or a chair'],
      zh: ['能像生病前一样进行所有活动', '不能做重体力活，但能走动并做轻活', '生活能自理但不能工作，白天一半以上时间可以起床活动', '生活仅能部分自理，白天一半以上时间卧床或坐椅', '生活完全不能自理，整日卧床或坐椅'],
    },
  },
  {
    id: 'NYHA', label: { en: 'NYHA functional class', zh: 'NYHA心功能分级' }, loinc: ['88020-3'], grades: [1, 2, 3, 4], gradeLabel: (grade) => ROMAN[grade] ?? String(grade), lookback: { amount: 90, unit: 'd' },
    plain: {
      en: ['Ordinary activity does not make me tired or short of breath', 'I am comfortable at rest, but ordinary activity makes me tired or short of breath', 'I am comfortable at rest, but even light activity makes me tired or short of breath', 'I have symptoms even at rest, and any activity makes them worse'],
      zh: ['日常活动不会引起疲乏或气短', '休息时无不适，但日常活动会引起疲乏或气短', '休息时无不适，但轻微活动即引起疲乏或气短', '休息时也有症状，任何活动都会加重'],
    },
  },
  { id: 'KARNOFSKY', label: { en: 'Karnofsky performance status', zh: 'Karnofsky功能状态评分' }, loinc: ['89243-0'], unverified: ['89243-0'], grades: [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100], gradeLabel: String, lookback: { amount: 28, unit: 'd' } },
  { id: 'LANSKY', label: { en: 'Lansky play-performance scale', zh: 'Lansky游戏表现评分' }, loinc: [], grades: [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100], gradeLabel: String, lookback: { amount: 28, unit: 'd' } },
];

const byId = new Map(SCALES_TABLE.map((scale) => [scale.id, scale]));
const byLoinc = new Map<string, ScaleDefinition>();
for (const scale of SCALES_TABLE) for (const code of scale.loinc) byLoinc.set(code, scale);

export function scaleById(id: ScaleId): ScaleDefinition {
  const scale = byId.get(id);
  if (!scale) throw new RangeError(`unknown scale ${JSON.stringify(id)}`);
  return scale;
}

export function scaleByLoinc(code: string): ScaleDefinition | undefined {
  return byLoinc.get(code);
}

/** "3", "III", "Class III", "NYHA class IV", "ECOG 1" → the grade on this scale, if it is one. */
export function parseGrade(scale: ScaleDefinition, text: string): number | undefined {
  const trimmed = text.trim();
  const arabic = /(\d+)\s*$/.exec(trimmed) ?? /^(\d+)\b/.exec(trimmed);
  if (arabic) {
    const grade = Number(arabic[1]);
    return scale.grades.includes(grade) ? grade : undefined;
  }
  const roman = /\b(IV|III|II|I)\b/i.exec(trimmed);
  if (roman) {
    const grade = ROMAN.indexOf(roman[1].toUpperCase());
    return scale.grades.includes(grade) ? grade : undefined;
  }
  return undefined;
}
