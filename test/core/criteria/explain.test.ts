// The screening explanations' message catalogues: every code has an English and a Chinese message,
// the Chinese reads without English words, ratios are rounded to what the limit supports, and units
// are shown as clinicians write them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CATALOGUES, renderExplanation } from '../../../src/core/criteria/explain/render.ts';
import { formatRatio } from '../../../src/core/criteria/explain/format.ts';
import { displayUnit } from '../../../src/core/criteria/explain/units.ts';
import type { Explanation, MessageCode, MessageParams } from '../../../src/core/criteria/explain/messages.ts';
import { disallowedLatin } from '../../support/latin.ts';

const tbil = { en: 'TBIL', zh: '总胆红素' };
const aa = { en: 'Aplastic anemia', zh: '再生障碍性贫血' };
const days28 = { amount: 28, unit: 'd' } as const;
const months6 = { amount: 6, unit: 'mo' } as const;
const atMost = { op: '<=', value: 1.5, unit: 'xULN' } as const;
const problems = [{ resource: 'Observation/obs-1', field: 'valueQuantity.unit', message: 'unit "mg/dk" is not a UCUM unit' }];
const leafExample = { code: 'concept.absent', params: { concept: { en: 'HIV infection', zh: 'HIV感染' } } } as const;

/** One example per code; the type makes a code without an example a compile error. */
const EXAMPLES: { [C in MessageCode]: MessageParams[C] } = {
  'analyte.unknown': { key: 'unobtainium' },
  'test.unknown': { key: 'unobtainium' },
  'measure.notRecorded': { label: tbil, window: days28, problems },
  'measure.stale': { label: tbil, date: '2026-01-01', window: days28, asOf: '2026-03-01', tested: true },
  'observation.noLimit': { label: { en: 'PT', zh: '凝血酶原时间（PT）' }, value: { value: 12 }, unit: 's', date: '2026-02-20', limit: 'ULN' },
  'observation.relative': { label: tbil, value: { value: 13.2 }, unit: 'umol/L', date: '2026-02-20', ratio: 0.628571428571, limit: { name: 'ULN', value: 21, unit: 'umol/L', source: 'default' }, threshold: { comparison: atMost, converted: { value: 31.5, unit: 'umol/L' } }, censored: false },
  'observation.fixed': { label: { en: 'SBP', zh: '收缩压' }, value: { value: 20, comparator: '<' }, unit: 'mm[Hg]', date: '2026-02-20', threshold: { comparison: { op: '<', value: 140, unit: 'mm[Hg]' } }, qualifier: { en: 'at rest', zh: '静息' }, censored: true },
  'observation.unitMismatch': { ruleUnit: 'kg', label: tbil, unit: 'umol/L' },
  'qualitative.result': { label: { en: 'HBsAg', zh: '乙肝表面抗原（HBsAg）' }, result: 'negative', date: '2026-02-20' },
  'score.absentAssumed': { scale: { en: 'NYHA functional class', zh: 'NYHA心功能分级' }, comparison: { op: '>=', value: 3, unit: '1' } },
  'score.value': { scale: { en: 'ECOG performance status', zh: 'ECOG体能状态评分' }, grade: '1', date: '2026-02-20', comparison: { op: '<=', value: 2, unit: '1' } },
  'age.noBirthDate': { problems },
  'age.badUnit': { unit: 'kg' },
  'age.value': { age: 13, unit: 'a', asOf: '2026-03-01', comparison: { op: 'between', value: 14, high: 60, unit: 'a' } },
  'sex.notRecorded': { recorded: 'unknown' },
  'sex.value': { sex: 'female' },
  'concept.unknown': { concept: 'no-such-concept' },
  'concept.absent': { concept: aa },
  'fact.recorded': { fact: aa, date: '2026-01-10' },
  'condition.recorded': { fact: aa, onset: '2026-01-10', window: { kind: 'onset', duration: months6 }, asOf: '2026-03-01' },
  'condition.firstOnsetTooEarly': { fact: aa, onset: '2025-01-10', window: months6, asOf: '2026-03-01' },
  'condition.undated': { fact: aa, onsetOnly: true, window: { kind: 'onset', duration: months6 } },
  'condition.unreadable': { concept: aa, problems },
  'condition.onsetTooEarly': { fact: aa, onset: '2025-01-10', window: months6, asOf: '2026-03-01' },
  'condition.inactive': { fact: aa },
  'condition.ended': { fact: aa, date: '2024-01-01', window: { kind: 'within', duration: { amount: 5, unit: 'a' } } },
  'condition.onlyExcepted': { facts: [{ en: 'Basal cell carcinoma of skin', zh: '皮肤基底细胞癌' }] },
  'pregnancy.male': { state: 'pregnant' },
  'pregnancy.test': { result: 'negative', date: '2026-02-20' },
  'pregnancy.status': { state: 'lactating', present: false, date: '2026-02-20' },
  'pregnancy.notRecorded': { window: { amount: 14, unit: 'd' } },
  'lactation.absent': {},
  'medication.taken': { fact: { en: 'Ciclosporin', zh: '环孢素' }, when: 'within', window: { amount: 3, unit: 'mo' } },
  'medication.unreadable': { concept: { en: 'ciclosporin', zh: '环孢素' }, problems },
  'medication.notCurrent': { fact: { en: 'Ciclosporin', zh: '环孢素' } },
  'medication.absent': { concept: { en: 'ciclosporin', zh: '环孢素' } },
  'procedure.undated': { fact: { en: 'HSCT', zh: '造血干细胞移植' } },
  'procedure.unreadable': { concept: { en: 'HSCT', zh: '造血干细胞移植' }, problems },
  'procedure.outside': { fact: { en: 'HSCT', zh: '造血干细胞移植' }, date: '2020-01-01', window: { amount: 1, unit: 'a' } },
  'allergy.recorded': { fact: { en: 'Penicillin', zh: '青霉素' }, criticality: 'high' },
  'allergy.absent': { severe: true, substance: { en: 'horse serum', zh: '马血清' } },
  confirm: { question: { en: 'The patient has signed informed consent', zh: '患者已签署知情同意书' } },
  several: { parts: [leafExample, leafExample] },
  'criterion.met': { detail: leafExample },
  'criterion.notMet': { detail: leafExample, notEncoded: ['unless due to marrow involvement'] },
  'criterion.excluded': { detail: leafExample },
  'criterion.unknown': { detail: leafExample },
  'criterion.confirm': { questions: [{ en: 'The patient lives in the study city' }] },
  'evidence.measurement': { label: { en: 'total bilirubin', zh: '总胆红素' }, value: { value: 31.5153 }, unit: 'umol/L', date: '2026-02-24', recorded: { value: 1.843, unit: 'mg/dL' }, ratio: 1.50073, limit: { name: 'ULN', value: 21, unit: 'umol/L', source: 'observation' }, threshold: { comparison: atMost, converted: { value: 31.5, unit: 'umol/L' } } },
  'evidence.qualitative': { label: { en: 'HIV antibody', zh: 'HIV抗体' }, result: 'negative', date: '2026-02-20', expected: 'positive' },
  'evidence.score': { scale: { en: 'NYHA functional class', zh: 'NYHA心功能分级' }, grade: 'II', date: '2026-02-20', comparison: { op: '>=', value: 3, unit: '1' } },
  'evidence.age': { age: 35, unit: 'a', date: '2026-03-01', comparison: { op: '>=', value: 14, unit: 'a' } },
  'evidence.sex': { sex: 'male', expected: 'female' },
  'evidence.fact': { fact: aa, code: 'D61.9', date: '2026-01-10', criticality: 'low' },
  'evidence.notApplicable': { state: 'lactating' },
  'evidence.pregnancyTest': { result: 'positive', date: '2026-02-20' },
  'evidence.pregnancyStatus': { state: 'pregnant', present: true, date: '2026-02-20' },
  'missing.withinWindow': { label: { en: 'left ventricular ejection fraction (LVEF)', zh: '左心室射血分数（LVEF）' }, window: { amount: 90, unit: 'd' } },
  'missing.key': { key: 'unobtainium' },
  'missing.birthDate': {},
  'missing.sex': {},
  'missing.limit': { label: { en: 'prothrombin time', zh: '凝血酶原时间' }, limit: 'ULN' },
  'missing.exact': { label: { en: 'HBV DNA', zh: '乙肝病毒DNA' } },
  'missing.concept': { concept: aa },
  'missing.conditionDates': { fact: aa, onsetOnly: false },
  'missing.diagnoses': { concept: aa },
  'missing.medications': { concept: { en: 'ciclosporin', zh: '环孢素' } },
  'missing.procedureDate': { fact: { en: 'HSCT', zh: '造血干细胞移植' } },
  'missing.procedures': { concept: { en: 'HSCT', zh: '造血干细胞移植' } },
  'missing.pregnancy': { window: { amount: 14, unit: 'd' } },
};

const examples = Object.entries(EXAMPLES).map(([code, params]) => ({ code, params }) as Explanation);

test('every code has an English and a Chinese message, and the catalogues have no others', () => {
  const codes = Object.keys(EXAMPLES).sort();
  assert.deepEqual(Object.keys(CATALOGUES.en).sort(), codes);
  assert.deepEqual(Object.keys(CATALOGUES.zh).sort(), codes);
  assert.ok(codes.length >= 70, `${codes.length} codes`);
});

test('every message renders in both languages; the Chinese has no English words (units, codes, abbreviations and quoted trial text aside)', () => {
  for (const explanation of examples) {
    const en = renderExplanation(explanation, 'en');
    const zh = renderExplanation(explanation, 'zh');
    assert.ok(en.length > 0 && zh.length > 0, explanation.code);
    assert.notEqual(en, zh, explanation.code);
    assert.match(zh, /[\u4e00-\u9fff]/, `${explanation.code}: ${zh}`);
    assert.deepEqual(disallowedLatin(zh), [], `${explanation.code}: ${zh}`);
  }
});

test('the English keeps the wording reasons have always had', () => {
  const say = (code: MessageCode) => renderExplanation(examples.find((example) => example.code === code)!, 'en');
  assert.equal(say('concept.absent'), 'Aplastic anemia: not recorded — assumed absent');
  assert.equal(say('measure.notRecorded'), 'TBIL not recorded in the last 28 days (unit "mg/dk" is not a UCUM unit)');
  assert.equal(say('criterion.notMet'), 'not met: HIV infection: not recorded — assumed absent — decided on the encoded part only; not encoded: «unless due to marrow involvement»');
  assert.equal(say('observation.fixed'), 'SBP <20 mmHg on 2026-02-20; criterion < 140 mmHg [at rest]: the reported value is censored and does not decide');
});

test('a measurement is one line in each language: value, recorded value, ratio, limit and its source, threshold, each once', () => {
  const measurement = examples.find((example) => example.code === 'evidence.measurement')!;
  assert.equal(renderExplanation(measurement, 'en'), 'total bilirubin 31.5153 µmol/L on 2026-02-24 (recorded 1.843 mg/dL) = 1.501 × ULN (ULN 21 µmol/L from the lab report); criterion ≤ 1.5 × ULN = 31.5 µmol/L');
  assert.equal(renderExplanation(measurement, 'zh'), '总胆红素 31.5153 µmol/L（2026-02-24）（原始记录 1.843 mg/dL） = 1.501 × 正常值上限（正常值上限 21 µmol/L，来自化验报告）；标准 ≤ 1.5 × 正常值上限 = 31.5 µmol/L');
  const relative = renderExplanation(examples.find((example) => example.code === 'observation.relative')!, 'zh');
  assert.match(relative, /= 0\.63 × 正常值上限/);
});

test('ratios: one decimal more than the limit, at least two significant digits, never rounded onto or across the limit', () => {
  assert.equal(formatRatio(0.628571428571, [1.5]), '0.63');
  assert.equal(formatRatio(0.628571428571, [3]), '0.63');
  assert.equal(formatRatio(2.345678, [3]), '2.3');
  assert.equal(formatRatio(12.3456, [2.5]), '12.35');
  assert.equal(formatRatio(1.5, [1.5]), '1.5');
  assert.equal(formatRatio(1.504, [1.5]), '1.504', '1.50 would read as meeting ≤ 1.5');
  assert.equal(formatRatio(1.4996, [1.5]), '1.4996');
  assert.equal(formatRatio(2.96, [3]), '2.96', '3.0 would read as at the limit');
  assert.equal(formatRatio(0.004321, [1.5]), '0.0043');
  assert.equal(formatRatio(1.75, [1.5]), '1.75');
});

test('units are shown as clinicians write them, in one table', () => {
  assert.equal(displayUnit('mm[Hg]'), 'mmHg');
  assert.equal(displayUnit('umol/L'), 'µmol/L');
  assert.equal(displayUnit('{INR}'), '');
  assert.equal(displayUnit('10*9/L'), '×10⁹/L');
  assert.equal(displayUnit('{copies}/mL', 'zh'), '拷贝/mL');
  assert.equal(displayUnit('[IU]/mL'), 'IU/mL');
  assert.equal(displayUnit('U/L'), 'U/L', 'a unit already in display form is kept');
});
