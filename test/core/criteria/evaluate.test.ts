// The evaluator's logic on small rule sets: three-valued all/any/not, thresholds in other units,
// × LLN, censored values, scores, and the verdict.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateRuleSet, compareScreeningResults, type ScreeningResult } from '../../../src/core/criteria/evaluate.ts';
import type { Criterion, Rule, RuleSet } from '../../../src/core/criteria/rules.ts';
import { patientFactsFromFhir } from '../../../src/core/patient/fhir.ts';
import { bundle, condition, lab, L, patient, textResult } from '../../eligibility/panel/builder.ts';

const AS_OF = '2026-03-01';
const ruleSet = (criteria: Array<Pick<Criterion, 'id' | 'kind' | 'rule'>>): RuleSet => ({ nctId: 'NCT00000001', version: 1, review: 'reviewed', criteria: criteria.map((c) => ({ ...c, text: c.id })) });
const screen = (rules: Rule[], resources: ReturnType<typeof lab>[], kind: 'inclusion' | 'exclusion' = 'inclusion') =>
  evaluateRuleSet(ruleSet(rules.map((rule, index) => ({ id: `c${index}`, kind, rule }))), patientFactsFromFhir(bundle([patient('female', '1980-01-01'), ...resources]), { asOf: AS_OF }), { asOf: AS_OF });
const statuses = (result: ScreeningResult) => result.criteria.map((c) => c.status);

const plt = (op: '<' | '>=', value: number, unit: string): Rule => ({ type: 'observation', analyte: 'platelets', comparison: { op, value, unit } });
const confirm: Rule = { type: 'confirm', question: 'ok?' };
const missingLvef: Rule = { type: 'observation', analyte: 'lvef', comparison: { op: '>=', value: 50, unit: '%' } };

test('thresholds written in another unit are converted (PLT ≥ 100 000/mm³ = 100 ×10⁹/L)', () => {
  const result = screen([plt('>=', 100000, '/mm3'), plt('>=', 100, '10*3/uL'), plt('<', 50, '10*9/L')], [lab(L.plt, 100, '10*9/L')]);
  assert.deepEqual(statuses(result), ['pass', 'pass', 'fail']);
  assert.match(result.criteria[0].evidence[0].threshold!, /≥ 100000 \/mm3 \(= 100 ×10⁹\/L\)/);
});

test('three-valued logic: all() false wins, then unknown, then confirm; any() true wins', () => {
  const yes = plt('>=', 50, '10*9/L');
  const no = plt('<', 50, '10*9/L');
  const result = screen([
    { type: 'all', rules: [yes, missingLvef, no] },
    { type: 'all', rules: [yes, missingLvef, confirm] },
    { type: 'all', rules: [yes, confirm] },
    { type: 'any', rules: [no, missingLvef, yes] },
    { type: 'any', rules: [no, missingLvef, confirm] },
    { type: 'any', rules: [no, confirm] },
    { type: 'not', rule: missingLvef },
    { type: 'not', rule: no },
  ], [lab(L.plt, 100, '10*9/L')]);
  assert.deepEqual(statuses(result), ['fail', 'unknown', 'confirm', 'pass', 'unknown', 'confirm', 'unknown', 'pass']);
  assert.equal(result.verdict, 'ineligible');
});

test('an exclusion that holds fails; one that does not, passes; the verdict follows', () => {
  const excluded = screen([{ type: 'condition', condition: { concept: 'hiv', label: 'HIV' } }], [condition('B20')], 'exclusion');
  assert.deepEqual([statuses(excluded), excluded.verdict], [['fail'], 'ineligible']);
  const clear = screen([{ type: 'condition', condition: { concept: 'hiv', label: 'HIV' } }], [], 'exclusion');
  assert.deepEqual([statuses(clear), clear.verdict], [['pass'], 'eligible']);
  assert.equal(clear.criteria[0].reason, 'HIV: not recorded — assumed absent');
  const unknown = screen([missingLvef], []);
  assert.deepEqual([unknown.verdict, unknown.missing], ['incomplete', [{ criterion: 'c0', what: 'left ventricular ejection fraction (LVEF) (within 90 days)', whatZh: '左心室射血分数（LVEF）（90天内）', explanation: { code: 'missing.withinWindow', params: { label: { en: 'left ventricular ejection fraction (LVEF)', zh: '左心室射血分数（LVEF）' }, window: { amount: 90, unit: 'd' } } } }]]);
});

test('× LLN uses the lower limit', () => {
  const hb = (value: number): Rule => ({ type: 'observation', analyte: 'hemoglobin', comparison: { op: '>=', value, unit: 'xLLN' } });
  const result = screen([hb(1), hb(0.5)], [lab(L.hb, 68, 'g/L')]);
  assert.deepEqual(statuses(result), ['fail', 'pass']);
  assert.equal(result.criteria[0].evidence[0].limit?.value, 115);
  assert.equal(result.criteria[0].evidence[0].limit?.source, 'default');
});

test('a censored value decides only when every value it allows does', () => {
  const below = (value: number): Rule => ({ type: 'observation', analyte: 'hbv.dna', comparison: { op: '<', value, unit: '{copies}/mL' } });
  const result = screen([below(1000), below(10)], [textResult(L.hbvDna, '<20 copies/mL')]);
  assert.deepEqual(statuses(result), ['pass', 'unknown']);
  assert.match(result.criteria[1].reason, /censored/);
});

test('rules naming an analyte or concept Eligo does not know are unknown, not silently passed', () => {
  const result = screen([{ type: 'observation', analyte: 'unobtainium', comparison: { op: '<', value: 1, unit: '1' } }, { type: 'condition', condition: { concept: 'no-such-concept', label: 'x' } }], []);
  assert.deepEqual(statuses(result), ['unknown', 'unknown']);
  // Inline codes make an unknown concept usable.
  const inline = screen([{ type: 'condition', condition: { concept: 'gout', label: 'gout', codes: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'M10', prefix: true }] } }], [condition('M10.9')]);
  assert.deepEqual(statuses(inline), ['pass']);
});

test('sex, and age in months', () => {
  const result = screen([{ type: 'sex', sex: 'female' }, { type: 'sex', sex: 'male' }, { type: 'age', comparison: { op: '>=', value: 18 * 12, unit: 'mo' } }], []);
  assert.deepEqual(statuses(result), ['pass', 'fail', 'pass']);
});

test('ranking: eligible, then incomplete by fewest unknowns, then ineligible', () => {
  const make = (trial: string, verdict: ScreeningResult['verdict'], unknowns: number): ScreeningResult => ({
    trial, asOf: AS_OF, verdict, ruleSet: { version: 1, review: 'reviewed' }, missing: [], confirm: [], warnings: [], recordProblems: [],
    criteria: Array.from({ length: unknowns }, (_, i) => ({ id: `c${i}`, kind: 'inclusion' as const, text: '', status: verdict === 'ineligible' ? 'fail' as const : 'unknown' as const, reason: '', evidence: [] })),
  });
  const sorted = [make('NCT3', 'ineligible', 1), make('NCT2', 'incomplete', 3), make('NCT4', 'incomplete', 1), make('NCT1', 'eligible', 0)].sort(compareScreeningResults);
  assert.deepEqual(sorted.map((r) => r.trial), ['NCT1', 'NCT4', 'NCT2', 'NCT3']);
});

test('a partial criterion (parser output) is decided on its encoded part and says what was not encoded', () => {
  const rules: RuleSet = {
    nctId: 'NCT00000001',
    version: 1,
    review: 'unreviewed',
    criteria: [
      { id: 'p', kind: 'inclusion', text: 'PLT ≥ 50 unless due to marrow involvement', rule: plt('>=', 50, '10*9/L'), status: 'partial', unparsed: [{ text: 'unless due to  marrow involvement' }] },
      { id: 'c', kind: 'inclusion', text: 'PLT ≥ 50', rule: plt('>=', 50, '10*9/L'), status: 'computable' },
    ],
  };
  const result = evaluateRuleSet(rules, patientFactsFromFhir(bundle([patient('female', '1980-01-01'), lab(L.plt, 40, '10*9/L')]), { asOf: AS_OF }), { asOf: AS_OF });
  assert.deepEqual(statuses(result), ['fail', 'fail']);
  assert.deepEqual(result.criteria[0].notEncoded, ['unless due to marrow involvement']);
  assert.match(result.criteria[0].reason, /decided on the encoded part only; not encoded: «unless due to marrow involvement»/);
  assert.equal(result.criteria[1].notEncoded, undefined);
  assert.doesNotMatch(result.criteria[1].reason, /not encoded/);
});

test('missing data is named in English and Chinese, with the look-back window', () => {
  const result = screen([missingLvef, { type: 'score', scale: 'ECOG', comparison: { op: '<=', value: 2, unit: '1' } }], []);
  assert.deepEqual(statuses(result), ['unknown', 'unknown']);
  assert.deepEqual(result.missing.map((item) => [item.what, item.whatZh]), [
    ['left ventricular ejection fraction (LVEF) (within 90 days)', '左心室射血分数（LVEF）（90天内）'],
    ['ECOG performance status (within 28 days)', 'ECOG体能状态评分（28天内）'],
  ]);
});
