// The grade of an adverse event term (CTCAE v5.0, clinical-domain.md §4): lab terms computed at every
// threshold with the units people enter, the §4b baseline rules (ALT/AST/bilirubin/ALP, creatinine,
// INR with anticoagulation), clinical terms suggested or left to the investigator, and the §4d
// bone-marrow-failure rule: a cytopenia no worse than its baseline grade is a shift, not a new AE.
// Expected grades are written out by hand from clinical-domain.md, not derived from the tables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gradeAdverseEvent, type AdverseEventGrade, type LabMeasurement } from '../../src/core/study/adverse-event-grade.ts';

const grade = (term: string, lab: LabMeasurement, baseline?: LabMeasurement): AdverseEventGrade => gradeAdverseEvent({ term, lab, baseline });
const gradeOf = (result: AdverseEventGrade): number | string => (result.kind === 'computed' || result.kind === 'suggested' ? result.grade : result.kind === 'refused' ? result.code : result.kind);

test('Anemia in g/L and g/dL at every boundary (LLN 130 g/L)', () => {
  const cases: Array<[number, string, number | string]> = [
    [130, 'g/L', 'not_an_event'], [129, 'g/L', 1], [100, 'g/L', 1], [99, 'g/L', 2], [80, 'g/L', 2], [79, 'g/L', 3],
    [12.9, 'g/dL', 1], [10.0, 'g/dL', 1], [9.9, 'g/dL', 2], [8.0, 'g/dL', 2], [7.9, 'g/dL', 3], [6.2, 'mmol/L', 1], [4.8, 'mmol/L', 3],
  ];
  for (const [value, unit, expected] of cases) {
    const r = grade('Anemia', { value, unit, lln: 130, limitsUnit: 'g/L' });
    assert.equal(gradeOf(r), expected, `${value} ${unit}`);
  }
});

test('Platelet count decreased in 10*9/L, 10*3/uL and /mm3 (LLN 125)', () => {
  const cases: Array<[number, string, number | string]> = [
    [125, '10*9/L', 'not_an_event'], [124, '10*9/L', 1], [75, '10*9/L', 1], [74, '10*9/L', 2], [50, '10*9/L', 2], [49, '10*9/L', 3], [25, '10*9/L', 3], [24, '10*9/L', 4],
    [75, '10*3/uL', 1], [49, '10*3/uL', 3], [75000, '/mm3', 1], [74000, '/mm3', 2], [24000, '/mm3', 4],
  ];
  for (const [value, unit, expected] of cases) assert.equal(gradeOf(grade('Platelet count decreased', { value, unit, lln: 125, limitsUnit: '10*9/L' })), expected, `${value} ${unit}`);
});

test('Neutrophil and white-cell counts at their boundaries', () => {
  const anc: Array<[number, number | string]> = [[1.8, 'not_an_event'], [1.5, 1], [1.49, 2], [1.0, 2], [0.99, 3], [0.5, 3], [0.49, 4]];
  for (const [value, expected] of anc) assert.equal(gradeOf(grade('Neutrophil count decreased', { value, unit: '10*9/L', lln: 1.8 })), expected, `ANC ${value}`);
  const wbc: Array<[number, number | string]> = [[3.0, 1], [2.99, 2], [2.0, 2], [1.99, 3], [1.0, 3], [0.99, 4]];
  for (const [value, expected] of wbc) assert.equal(gradeOf(grade('White blood cell decreased', { value, unit: '10*9/L', lln: 3.5 })), expected, `WBC ${value}`);
});

test('ALT: multiples of the ULN when the baseline is normal, of the baseline when it is abnormal', () => {
  const normal = { value: 30, unit: 'U/L', uln: 40 };
  const normalCases: Array<[number, number | string]> = [[40, 'not_an_event'], [41, 1], [120, 1], [121, 2], [200, 2], [201, 3], [800, 3], [801, 4]];
  for (const [value, expected] of normalCases) assert.equal(gradeOf(grade('Alanine aminotransferase increased', { value, unit: 'U/L', uln: 40 }, normal)), expected, `ALT ${value}, baseline normal`);
  const abnormal = { value: 80, unit: 'U/L', uln: 40 };
  const abnormalCases: Array<[number, number | string]> = [[119, 'not_an_event'], [120, 1], [240, 1], [241, 2], [400, 2], [401, 3], [1600, 3], [1601, 4]];
  for (const [value, expected] of abnormalCases) assert.equal(gradeOf(grade('Alanine aminotransferase increased', { value, unit: 'U/L', uln: 40 }, abnormal)), expected, `ALT ${value}, baseline 80`);
  const r = grade('Alanine aminotransferase increased', { value: 241, unit: 'U/L', uln: 40 }, abnormal);
  assert.match(r.reason, /multiples of the baseline/);
});

test('Bilirubin (µmol/L and mg/dL), ALP and APTT against the ULN', () => {
  assert.equal(gradeOf(grade('Blood bilirubin increased', { value: 31, unit: 'umol/L', uln: 20 })), 2);
  assert.equal(gradeOf(grade('Blood bilirubin increased', { value: 30, unit: 'umol/L', uln: 20 })), 1);
  assert.equal(gradeOf(grade('Blood bilirubin increased', { value: 3.6, unit: 'mg/dL', uln: 20, limitsUnit: 'umol/L' })), 3, '3.6 mg/dL ≈ 61.6 µmol/L > 3 × ULN');
  assert.equal(gradeOf(grade('Alkaline phosphatase increased', { value: 251, unit: 'U/L', uln: 100 })), 2);
  assert.equal(gradeOf(grade('Activated partial thromboplastin time prolonged', { value: 60, unit: 's', uln: 40 })), 1);
  assert.equal(gradeOf(grade('Activated partial thromboplastin time prolonged', { value: 61, unit: 's', uln: 40 })), 2);
});

test('Creatinine: the worse of the ULN multiple and the baseline multiple', () => {
  assert.equal(gradeOf(grade('Creatinine increased', { value: 160, unit: 'umol/L', uln: 100 })), 2);
  assert.equal(gradeOf(grade('Creatinine increased', { value: 140, unit: 'umol/L', uln: 100 }, { value: 50, unit: 'umol/L', uln: 100 })), 2, '2.8 × baseline');
  assert.equal(gradeOf(grade('Creatinine increased', { value: 151, unit: 'umol/L', uln: 100 }, { value: 50, unit: 'umol/L', uln: 100 })), 3, '> 3 × baseline');
});

test('INR: absolute unless anticoagulated, then multiples of the baseline', () => {
  assert.equal(gradeOf(grade('INR increased', { value: 1.3, unit: '{INR}' })), 1);
  assert.equal(gradeOf(grade('INR increased', { value: 2.6, unit: '{INR}' })), 3);
  const base = { value: 2.0, unit: '{INR}' };
  assert.equal(gradeOf(grade('INR increased', { value: 2.9, unit: '{INR}', anticoagulated: true }, base)), 1);
  assert.equal(gradeOf(grade('INR increased', { value: 3.1, unit: '{INR}', anticoagulated: true }, base)), 2);
  assert.equal(gradeOf(grade('INR increased', { value: 5.1, unit: '{INR}', anticoagulated: true }, base)), 3);
});

test('§4d: a cytopenia no worse than its baseline grade is a shift, not a new adverse event', () => {
  const shift = grade('Platelet count decreased', { value: 15, unit: '10*9/L', lln: 125 }, { value: 20, unit: '10*9/L', lln: 125 });
  assert.equal(shift.kind, 'refused');
  assert.ok(shift.kind === 'refused' && shift.code === 'baseline_shift' && shift.grade === 4 && shift.baselineGrade === 4);
  assert.match(shift.reason, /baseline is already grade 4.*shift/);
  assert.match(shift.reasonZh, /基线/);
  assert.equal(gradeOf(grade('Platelet count decreased', { value: 55, unit: '10*9/L', lln: 125 }, { value: 60, unit: '10*9/L', lln: 125 })), 'baseline_shift', 'same grade 2');
  const worse = grade('Platelet count decreased', { value: 45, unit: '10*9/L', lln: 125 }, { value: 60, unit: '10*9/L', lln: 125 });
  assert.ok(worse.kind === 'computed' && worse.grade === 3 && worse.baselineGrade === 2, JSON.stringify(worse));
  assert.equal(gradeOf(grade('Anemia', { value: 7.5, unit: 'g/dL', lln: 130, limitsUnit: 'g/L' }, { value: 70, unit: 'g/L', lln: 130 })), 'baseline_shift', 'Hb units mixed');
  assert.equal(gradeOf(grade('Neutrophil count decreased', { value: 0.2, unit: '10*9/L', lln: 1.8 }, { value: 0.3, unit: '10*9/L', lln: 1.8 })), 'baseline_shift');
  // Not a cytopenia: ALT worse than an abnormal baseline is graded on the baseline, never a shift refusal.
  assert.equal(gradeOf(grade('Alanine aminotransferase increased', { value: 130, unit: 'U/L', uln: 40 }, { value: 80, unit: 'U/L', uln: 40 })), 1);
});

test('refusals name the field: missing lab value, limits, bad unit, unknown term with close matches', () => {
  const noLab = gradeAdverseEvent({ term: 'Anemia' });
  assert.ok(noLab.kind === 'refused' && noLab.code === 'lab_value_required' && noLab.field === 'lab');
  const noLln = grade('Anemia', { value: 110, unit: 'g/L' });
  assert.ok(noLln.kind === 'refused' && noLln.code === 'not_gradable', JSON.stringify(noLln));
  assert.match(noLln.reason, /lln/);
  const badUnit = grade('Anemia', { value: 110, unit: 'furlongs' });
  assert.ok(badUnit.kind === 'refused' && badUnit.code === 'not_gradable' && badUnit.field === 'lab.unit', JSON.stringify(badUnit));
  const unknown = gradeAdverseEvent({ term: 'Platelets decreased' });
  assert.ok(unknown.kind === 'refused' && unknown.code === 'unknown_term');
  assert.ok(unknown.suggestions?.includes('Platelet count decreased'), JSON.stringify(unknown.suggestions));
  assert.match(unknown.expected, /Platelet count decreased/);
  assert.ok(gradeAdverseEvent({ term: 'Anaemia' }).kind === 'refused');
  assert.ok((gradeAdverseEvent({ term: 'Anaemia' }) as { suggestions: string[] }).suggestions.includes('Anemia'));
});

test('clinical terms: suggested from the facts, or left to the investigator with the grade texts', () => {
  const bp = gradeAdverseEvent({ term: 'Hypertension', bloodPressure: { systolic: 165, diastolic: 95 } });
  assert.ok(bp.kind === 'suggested' && bp.grade === 3);
  assert.equal(gradeOf(gradeAdverseEvent({ term: 'Hypertension', bloodPressure: { systolic: 118, diastolic: 76 } })), 'not_an_event');
  const infusion = gradeAdverseEvent({ term: 'Infusion related reaction', infusion: { interruptedOrTreated: true } });
  assert.ok(infusion.kind === 'suggested' && infusion.grade === 2);
  const fever = gradeAdverseEvent({ term: 'fever' });
  assert.ok(fever.kind === 'investigator' && fever.term === 'Fever' && fever.grades.length === 5);
  const hypertension = gradeAdverseEvent({ term: 'Hypertension' });
  assert.ok(hypertension.kind === 'investigator' && hypertension.grades[2].text.includes('160'));
});
