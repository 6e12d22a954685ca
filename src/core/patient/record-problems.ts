// What can be wrong with a value in a patient record, as a code and parameters, rendered in English
// and Simplified Chinese in one place (the screening page shows them in the reader's language; the
// API's `warnings` keep the English text). Codes are stable: scripts may branch on them.
import type { Named } from '../criteria/explain/messages.ts';
import type { Lang } from '../criteria/explain/lang.ts';
import { displayUnit } from '../criteria/explain/units.ts';

export interface RecordProblemParams {
  'date.invalid': { value: string };
  'date.afterScreening': { value: string; asOf: string };
  'coding.unknownSystem': { seen: string[] };
  'patient.duplicate': Record<string, never>;
  'patient.missing': Record<string, never>;
  'patient.badGender': { value: string };
  'patient.noBirthDate': Record<string, never>;
  'medication.byReference': Record<string, never>;
  'medication.noCode': Record<string, never>;
  'observation.noDate': { label: Named };
  'score.noDate': { scale: Named };
  'score.notAGrade': { scale: Named; grades: string[] };
  'state.unknownAnswer': { state: 'pregnant' | 'lactating' };
  'value.notANumber': { value: string };
  'value.notNumberWithUnit': { value: string };
  'value.expectedQuantity': { label: Named };
  'value.missing': { label: Named };
  'unit.missing': { label: Named; unit: string };
  'unit.unknown': { unit: string; label: Named; expected: string };
  'unit.incompatible': { unit: string; label: Named; expected: string };
  'value.implausible': { value: string; unit: string; label: Named; min: number; max: number; expectedUnit: string };
  'range.badUpperLimit': { value: number };
  'result.unrecognised': { label: Named };
}

export type RecordProblemCode = keyof RecordProblemParams;
export type RecordProblem = { [C in RecordProblemCode]: { code: C; params: RecordProblemParams[C] } }[RecordProblemCode];

export function recordProblem<C extends RecordProblemCode>(code: C, params: RecordProblemParams[C]): RecordProblem {
  return { code, params } as RecordProblem;
}

type Texts = { [C in RecordProblemCode]: (params: RecordProblemParams[C]) => string };

const unitZh = (unit: string) => displayUnit(unit, 'zh') || unit;
const zhName = (named: Named) => named.zh ?? named.en;
const STATE_EN = { pregnant: 'pregnancy', lactating: 'breastfeeding' } as const;
const STATE_ZH = { pregnant: '妊娠', lactating: '哺乳' } as const;

const EN: Texts = {
  'date.invalid': (p) => `${p.value} is not a FHIR date (expected YYYY-MM-DD or a dateTime)`,
  'date.afterScreening': (p) => `${p.value} is after the screening date ${p.asOf}; the value is not used`,
  'coding.unknownSystem': (p) => `unknown code system (${p.seen.length > 0 ? p.seen.join(', ') : 'no coding'}); expected ICD-10-CM, SNOMED CT, LOINC, RxNorm or ATC`,
  'patient.duplicate': () => 'more than one Patient in the record; the first one is used',
  'patient.missing': () => 'the record has no Patient resource: age and sex are unknown',
  'patient.badGender': (p) => `${p.value} is not a FHIR gender (female, male, other, unknown)`,
  'patient.noBirthDate': () => 'no birth date: age cannot be computed',
  'medication.byReference': () => 'medications given by reference are not read; use medicationCodeableConcept (RxNorm or ATC)',
  'medication.noCode': () => 'no medication code',
  'observation.noDate': (p) => `no date: the ${p.label.en} result cannot be placed in a look-back window`,
  'score.noDate': (p) => `no date on the ${p.scale.en}`,
  'score.notAGrade': (p) => `not a ${p.scale.en} grade (expected one of ${p.grades.join(', ')})`,
  'state.unknownAnswer': (p) => `not a recognised ${STATE_EN[p.state]} status (expected SNOMED CT 77386006/60001007 or 413712001, or a boolean)`,
  'value.notANumber': (p) => `expected a number, got ${p.value}`,
  'value.notNumberWithUnit': (p) => `${p.value} is not a number with a unit`,
  'value.expectedQuantity': (p) => `expected a numeric ${p.label.en} (valueQuantity)`,
  'value.missing': (p) => `no value for ${p.label.en}`,
  'unit.missing': (p) => `no unit; expected ${p.label.en} in ${p.unit}`,
  'unit.unknown': (p) => `unit ${JSON.stringify(p.unit)} is not a UCUM unit; expected ${p.label.en} in ${p.expected} or a convertible unit`,
  'unit.incompatible': (p) => `unit ${JSON.stringify(p.unit)} cannot be converted to ${p.expected} for ${p.label.en}`,
  'value.implausible': (p) => `${p.value} ${p.unit} is not a possible ${p.label.en}: expected ${p.min}–${p.max}${p.expectedUnit !== '1' ? ` ${p.expectedUnit}` : ''}; the value is not used`,
  'range.badUpperLimit': (p) => `${p.value} is not a usable upper limit of normal (expected a positive number)`,
  'result.unrecognised': (p) => `not a recognised positive/negative result for ${p.label.en} (expected SNOMED CT 10828004 Positive or 260385009 Negative)`,
};

const ZH: Texts = {
  'date.invalid': (p) => `${p.value} 不是 FHIR 日期（应为“YYYY-MM-DD”格式的日期或日期时间）`,
  'date.afterScreening': (p) => `${p.value} 晚于筛选日期 ${p.asOf}，该值未使用`,
  'coding.unknownSystem': (p) => `编码系统未知（${p.seen.length > 0 ? p.seen.join('、') : '无编码'}）；应为 ICD-10-CM、SNOMED CT、LOINC、RxNorm 或 ATC`,
  'patient.duplicate': () => '记录中有多个患者资源，使用第一个',
  'patient.missing': () => '记录中没有患者资源：年龄和性别未知',
  'patient.badGender': (p) => `${p.value} 不是 FHIR 性别代码（应为“female”“male”“other”或“unknown”）`,
  'patient.noBirthDate': () => '无出生日期：无法计算年龄',
  'medication.byReference': () => '以引用方式给出的用药不读取；请使用 medicationCodeableConcept（RxNorm 或 ATC）',
  'medication.noCode': () => '无药品编码',
  'observation.noDate': (p) => `无日期：${zhName(p.label)}结果无法放入回溯时间窗`,
  'score.noDate': (p) => `${zhName(p.scale)}无日期`,
  'score.notAGrade': (p) => `不是${zhName(p.scale)}分级（应为 ${p.grades.join('、')} 之一）`,
  'state.unknownAnswer': (p) => `无法识别的${STATE_ZH[p.state]}状态（应为 SNOMED CT 77386006/60001007 或 413712001，或布尔值）`,
  'value.notANumber': (p) => `应为数值，实际为 ${p.value}`,
  'value.notNumberWithUnit': (p) => `${p.value} 不是带单位的数值`,
  'value.expectedQuantity': (p) => `${zhName(p.label)}应为数值结果（valueQuantity）`,
  'value.missing': (p) => `${zhName(p.label)}无数值`,
  'unit.missing': (p) => `无单位；${zhName(p.label)}应以 ${unitZh(p.unit)} 表示`,
  'unit.unknown': (p) => `单位 ${JSON.stringify(p.unit)} 不是 UCUM 单位；${zhName(p.label)}应以 ${unitZh(p.expected)} 或可换算的单位表示`,
  'unit.incompatible': (p) => `单位 ${JSON.stringify(p.unit)} 无法换算为${zhName(p.label)}的 ${unitZh(p.expected)}`,
  'value.implausible': (p) => `${p.value} ${unitZh(p.unit)} 不是可能的${zhName(p.label)}：应在 ${p.min}–${p.max}${p.expectedUnit !== '1' ? ` ${unitZh(p.expectedUnit)}` : ''} 之间；该值未使用`,
  'range.badUpperLimit': (p) => `${p.value} 不能作为正常值上限（应为正数）`,
  'result.unrecognised': (p) => `无法识别的${zhName(p.label)}阳性/阴性结果（应为 SNOMED CT 10828004 阳性或 260385009 阴性）`,
};

const TEXTS: Record<Lang, Texts> = { en: EN, zh: ZH };

export function renderRecordProblem(problem: RecordProblem, lang: Lang): string {
  const text = TEXTS[lang][problem.code] as (params: unknown) => string;
  return text(problem.params);
}

