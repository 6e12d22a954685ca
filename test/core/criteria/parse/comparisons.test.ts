// The parser's numeric comparisons, one written form per test: operators, values, units, limits of
// normal, ages, scales, blood pressure. Each checks what the comparison applies to and its span.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { comparisonsIn, parseCriteria } from '../../../../src/core/criteria/parse/index.ts';

interface Seen {
  subject: string;
  op: string;
  value: number;
  high?: number;
  unit: string;
  written: string;
  ambiguity?: string;
}

/** Every comparison in the parse of `text`, with the text its span covers. */
function comparisons(text: string): Seen[] {
  const result = parseCriteria(text);
  return result.criteria.flatMap((criterion) =>
    comparisonsIn(criterion.rules).map(({ comparison, subject }) => {
      const seen: Seen = { subject, op: comparison.op, value: comparison.value, unit: comparison.unit, written: text.slice(comparison.span![0], comparison.span![1]) };
      if (comparison.high !== undefined) seen.high = comparison.high;
      return seen;
    }),
  );
}

function only(text: string): Seen {
  const found = comparisons(text);
  assert.equal(found.length, 1, `expected one comparison in ${JSON.stringify(text)}, got ${JSON.stringify(found)}`);
  return found[0];
}

const cases: Array<[string, Partial<Seen>]> = [
  ['Total bilirubin ≤ 1.5 × ULN', { subject: 'bilirubin.total', op: '<=', value: 1.5, unit: 'xULN', written: '≤ 1.5 × ULN' }],
  ['TBIL <= 1.5 x ULN', { subject: 'bilirubin.total', op: '<=', value: 1.5, unit: 'xULN' }],
  ['Serum creatinine =< 1.5 mg/dL', { subject: 'creatinine', op: '<=', value: 1.5, unit: 'mg/dL' }],
  ['SCr >/= 2.0 mg/dl', { subject: 'creatinine', op: '>=', value: 2, unit: 'mg/dL' }],
  ['ALT no greater than 2.5 times the upper limit of normal', { subject: 'alt', op: '<=', value: 2.5, unit: 'xULN', written: 'no greater than 2.5 times the upper limit of normal' }],
  ['AST less than 3xULN', { subject: 'ast', op: '<', value: 3, unit: 'xULN' }],
  ['Alkaline phosphatase at most 5 times institutional ULN', { subject: 'alp', op: '<=', value: 5, unit: 'xULN' }],
  ['Hemoglobin at least 9 g/dL', { subject: 'hemoglobin', op: '>=', value: 9, unit: 'g/dL', written: 'at least 9 g/dL' }],
  ['Hgb > 100 g/L', { subject: 'hemoglobin', op: '>', value: 100, unit: 'g/L' }],
  ['ANC ≥ 1.5 x 10^9/L', { subject: 'anc', op: '>=', value: 1.5, unit: '10*9/L', written: '≥ 1.5 x 10^9/L' }],
  ['Absolute neutrophil count ≥ 1.5 x 10(9)/L', { subject: 'anc', op: '>=', value: 1.5, unit: '10*9/L' }],
  ['Platelets ≥ 100 ×10⁹/L', { subject: 'platelets', op: '>=', value: 100, unit: '10*9/L' }],
  ['PLT < 50,000/mm3', { subject: 'platelets', op: '<', value: 50000, unit: '/uL', written: '< 50,000/mm3' }],
  ['platelet count <100x109/L', { subject: 'platelets', op: '<', value: 100, unit: '10*9/L' }],
  ['WBC at least 3,000/mm^3', { subject: 'wbc', op: '>=', value: 3000, unit: '/uL' }],
  ['HBV DNA below 1×10^3 copies/mL', { subject: 'hbv.dna', op: '<', value: 1000, unit: '{copies}/mL' }],
  ['Creatinine clearance ≥ 60 mL/min', { subject: 'creatinine.clearance', op: '>=', value: 60, unit: 'mL/min' }],
  ['eGFR > 45 ml/min/1.73 m2', { subject: 'egfr', op: '>', value: 45, unit: 'mL/min/{1.73_m2}' }],
  ['INR ≤ 1.5', { subject: 'inr', op: '<=', value: 1.5, unit: '{INR}' }],
  ['LVEF ≥ 50%', { subject: 'lvef', op: '>=', value: 50, unit: '%' }],
  ['Left ventricular ejection fraction of at least 45%', { subject: 'lvef', op: '>=', value: 45, unit: '%' }],
  ['BMI between 18.5 and 30 kg/m2', { subject: 'bmi', op: 'between', value: 18.5, high: 30, unit: 'kg/m2', written: 'between 18.5 and 30 kg/m2' }],
  ['HbA1c 7.0-10.0%', { subject: 'hba1c', op: 'between', value: 7, high: 10, unit: '%' }],
  ['Glucose < 7,0 mmol/l', { subject: 'glucose', op: '<', value: 7, unit: 'mmol/L' }],
  ['QTc > 470 msec', { subject: 'qtc', op: '>', value: 470, unit: 'ms' }],
  ['Blasts 5% or more in bone marrow', { op: '>=', value: 5, unit: '%' }],
  ['Life expectancy of more than 3 months', { subject: 'unmapped: Life expectancy', op: '>', value: 3, unit: 'mo' }],
  ['Mini-Mental State Examination score < 24', { op: '<', value: 24, unit: '1' }],
];

for (const [text, expected] of cases) {
  test(`comparison: ${text}`, () => {
    const seen = only(text);
    for (const [key, value] of Object.entries(expected)) assert.deepEqual(seen[key as keyof Seen], value, `${key} of ${JSON.stringify(text)}: ${JSON.stringify(seen)}`);
  });
}

test('ages: ranges, suffixes, "over the age of", minimum and maximum age', () => {
  assert.deepEqual(pick(only('Age 18-65 years')), { subject: 'age', op: 'between', value: 18, high: 65, unit: 'a' });
  assert.deepEqual(pick(only('Aged between 18 and 75')), { subject: 'age', op: 'between', value: 18, high: 75, unit: 'a' });
  assert.deepEqual(pick(only('18 years of age or older')), { subject: 'age', op: '>=', value: 18, unit: 'a' });
  assert.deepEqual(pick(only('Patients 65 and older')), { subject: 'age', op: '>=', value: 65, unit: 'a' });
  assert.deepEqual(pick(only('over the age of 18')), { subject: 'age', op: '>', value: 18, unit: 'a' });
  assert.deepEqual(pick(only('Children younger than 12 years')), { subject: 'age', op: '<', value: 12, unit: 'a' });
  assert.deepEqual(pick(only('Age ≥ 18 years')), { subject: 'age', op: '>=', value: 18, unit: 'a' });
  assert.deepEqual(pick(only('Infants aged 6-36 months')), { subject: 'age', op: 'between', value: 6, high: 36, unit: 'mo' });
  const minimum = comparisons('Minimum Age: 18 Years\nMaximum Age: 99 Years');
  assert.deepEqual(minimum.map(pick), [{ subject: 'age', op: '>=', value: 18, unit: 'a' }, { subject: 'age', op: '<=', value: 99, unit: 'a' }]);
});

test('time windows are not comparisons: "within 6 months", "at least 4 weeks since chemotherapy"', () => {
  assert.deepEqual(comparisons('Chemotherapy within 6 months before enrollment'), []);
  assert.deepEqual(comparisons('At least 4 weeks since prior chemotherapy'), []);
  assert.deepEqual(comparisons('More than 2 years of handball practice'), []);
});

test('counts of things are not measurements: "at least 1 prior regimen", "2 or more antiepileptic drugs"', () => {
  assert.deepEqual(comparisons('At least 1 prior chemotherapy regimen'), []);
  assert.deepEqual(comparisons('Failure of 2 or more antiepileptic drugs'), []);
  assert.deepEqual(comparisons('Enrolled between 2008 and 2015'), []);
});

test('scales: ECOG ranges and lists, Karnofsky, NYHA with Roman numerals', () => {
  assert.deepEqual(pick(only('ECOG 0-2')), { subject: 'ECOG', op: 'between', value: 0, high: 2, unit: '1' });
  assert.deepEqual(pick(only('ECOG performance status ≤ 1')), { subject: 'ECOG', op: '<=', value: 1, unit: '1' });
  assert.deepEqual(pick(only('ECOG performance status of 0 or 1')), { subject: 'ECOG', op: '<=', value: 1, unit: '1' });
  assert.deepEqual(pick(only('Karnofsky performance status ≥ 70%')), { subject: 'KARNOFSKY', op: '>=', value: 70, unit: '1' });
  assert.deepEqual(pick(only('NYHA class III or IV heart failure')), { subject: 'NYHA', op: '>=', value: 3, unit: '1' });
  assert.deepEqual(pick(only('severe cardiac insufficiency (e.g. grade Ⅲ、Ⅳ by NYHA classification)')), { subject: 'NYHA', op: '>=', value: 3, unit: '1' });
  assert.deepEqual(pick(only('NYHA class > II')), { subject: 'NYHA', op: '>', value: 2, unit: '1' });
});

test('blood pressure: a pair becomes systolic and diastolic; one number is read as systolic and flagged', () => {
  const pair = comparisons('Blood pressure < 140/90 mmHg');
  assert.deepEqual(pair.map(pick), [
    { subject: 'bp.systolic', op: '<', value: 140, unit: 'mm[Hg]' },
    { subject: 'bp.diastolic', op: '<', value: 90, unit: 'mm[Hg]' },
  ]);
  const result = parseCriteria('Blood pressure < 140/90 mmHg');
  assert.equal(result.criteria[0].rules[0].type, 'all');
  const single = parseCriteria('blood pressure above 160 mmHg');
  assert.match(single.criteria[0].rules[0].ambiguity ?? '', /systolic/);
  assert.deepEqual(pick(only('systolic blood pressure ≥ 160 mmHg')), { subject: 'bp.systolic', op: '>=', value: 160, unit: 'mm[Hg]' });
});

test('"=" before a multiple of ULN (a mirror\'s encoding loss of "≤") is read as ≤ and flagged', () => {
  const result = parseCriteria('Total bilirubin = 1.5×ULN');
  const rule = result.criteria[0].rules[0];
  assert.equal(rule.type, 'observation');
  if (rule.type !== 'observation') return;
  assert.equal(rule.comparison.op, '<=');
  assert.match(rule.ambiguity ?? '', /"="/);
});

test('a limit of normal without a number: "≤ ULN", "above the upper limit of normal"', () => {
  assert.deepEqual(pick(only('Bilirubin ≤ ULN')), { subject: 'bilirubin.total', op: '<=', value: 1, unit: 'xULN' });
  assert.deepEqual(pick(only('Hemoglobin below the lower limit of normal')), { subject: 'hemoglobin', op: '<', value: 1, unit: 'xLLN' });
});

test('one limit for several analytes: "AST and ALT ≤ 2.5 × ULN"; inclusion "or" is read as each and flagged', () => {
  const both = parseCriteria('AST and ALT ≤ 2.5 × ULN').criteria[0].rules[0];
  assert.equal(both.type, 'all');
  const either = parseCriteria('Inclusion Criteria:\n1. ALT or AST ≤ 2.5×ULN').criteria[0].rules[0];
  assert.equal(either.type, 'all');
  assert.match(either.ambiguity ?? '', /or/);
  const exclusion = parseCriteria('Exclusion Criteria:\n1. AST or ALT above 3 times the upper limit of normal').criteria[0].rules[0];
  assert.equal(exclusion.type, 'any');
});

test('full-width digits and operators, Chinese punctuation', () => {
  assert.deepEqual(pick(only('血小板 PLT ≥ １００×１０⁹/L')), { subject: 'platelets', op: '>=', value: 100, unit: '10*9/L' });
  assert.deepEqual(pick(only('ALT＜２．５×ULN；')), { subject: 'alt', op: '<', value: 2.5, unit: 'xULN' });
  assert.deepEqual(pick(only('年龄（Age）：18～65岁 years')), { subject: 'age', op: 'between', value: 18, high: 65, unit: 'a' });
});

test('HTML and markdown markup does not hide comparisons, and spans still point into the original text', () => {
  const html = '<ul><li>Hemoglobin &ge; 9 g/dL</li><li>Platelets &gt; 100,000/&micro;L</li></ul>';
  const found = comparisons(html);
  assert.deepEqual(found.map(pick), [
    { subject: 'hemoglobin', op: '>=', value: 9, unit: 'g/dL' },
    { subject: 'platelets', op: '>', value: 100000, unit: '/uL' },
  ]);
  assert.equal(found[0].written, '&ge; 9 g/dL');
  const markdown = '* **ANC** \\>= 1500/uL';
  assert.deepEqual(pick(only(markdown)), { subject: 'anc', op: '>=', value: 1500, unit: '/uL' });
});

function pick(seen: Seen): Partial<Seen> {
  const { subject, op, value, high, unit } = seen;
  return high === undefined ? { subject, op, value, unit } : { subject, op, value, high, unit };
}
