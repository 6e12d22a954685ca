// CTCAE v5.0 grading at every threshold of ctcae-v5.ts (just below, at, just above), every baseline
// rule, and values in the units people enter. Expected grades are written out from clinical-domain.md
// §4a/§4b by hand, not derived from the table under test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gradeLab, type GradeLabInput } from '../../../src/core/study/grading.ts';
import { CTCAE_V5_LAB_TERMS } from '../../../src/core/clinical/tables/ctcae-v5.ts';

type Case = [value: number, grade: number | null];

function check(base: Omit<GradeLabInput, 'value'>, cases: Case[]): void {
  for (const [value, grade] of cases) {
    const result = gradeLab({ ...base, value });
    assert.equal(result.grade, grade, `${base.term} ${value} ${base.unit} ${JSON.stringify(base)}: expected grade ${grade}, got ${result.grade} (${result.reason})`);
  }
}

test('Platelet count decreased (LLN 125 ×10⁹/L): <LLN–75 G1, <75–50 G2, <50–25 G3, <25 G4', () => {
  check({ term: 'Platelet count decreased', unit: '10*9/L', lln: 125 }, [
    [125.1, 0], [125, 0], [124.9, 1], [75.1, 1], [75, 1], [74.9, 2], [50.1, 2], [50, 2], [49.9, 3], [25.1, 3], [25, 3], [24.9, 4], [0, 4],
  ]);
});

test('platelets in 10*3/uL, /mm3, /uL and 10*6/L grade the same as in 10*9/L', () => {
  check({ term: 'Platelet count decreased', unit: '10*3/uL', lln: 125 }, [[75, 1], [74.9, 2], [25, 3], [24.9, 4]]);
  check({ term: 'Platelet count decreased', unit: '/mm3', lln: 125_000 }, [[125_000, 0], [124_999, 1], [75_000, 1], [74_999, 2], [25_000, 3], [24_999, 4]]);
  check({ term: 'Platelet count decreased', unit: '/uL', lln: 125_000 }, [[50_000, 2], [49_999, 3]]);
  check({ term: 'Platelet count decreased', unit: '10*6/L', lln: 125_000 }, [[50_000, 2], [49_000, 3]]);
  // Limits in another unit than the value (limitsUnit).
  check({ term: 'Platelet count decreased', unit: '/mm3', lln: 125, limitsUnit: '10*9/L' }, [[124_000, 1], [125_000, 0]]);
});

test('Neutrophil count decreased (LLN 1.8 ×10⁹/L): <LLN–1.5 G1, <1.5–1.0 G2, <1.0–0.5 G3, <0.5 G4', () => {
  check({ term: 'Neutrophil count decreased', unit: '10*9/L', lln: 1.8 }, [
    [1.81, 0], [1.8, 0], [1.79, 1], [1.51, 1], [1.5, 1], [1.49, 2], [1.01, 2], [1.0, 2], [0.99, 3], [0.51, 3], [0.5, 3], [0.49, 4],
  ]);
  check({ term: 'Neutrophil count decreased', unit: '/mm3', lln: 1800 }, [[1500, 1], [1499, 2], [500, 3], [499, 4]]);
  check({ term: 'Neutrophil count decreased', unit: '10*3/uL', lln: 1.8 }, [[1.0, 2], [0.99, 3]]);
});

test('White blood cell decreased (LLN 3.5 ×10⁹/L): <LLN–3.0 G1, <3.0–2.0 G2, <2.0–1.0 G3, <1.0 G4', () => {
  check({ term: 'White blood cell decreased', unit: '10*9/L', lln: 3.5 }, [
    [3.5, 0], [3.49, 1], [3.01, 1], [3.0, 1], [2.99, 2], [2.01, 2], [2.0, 2], [1.99, 3], [1.01, 3], [1.0, 3], [0.99, 4],
  ]);
});

test('Anemia (LLN 130 g/L): <LLN–100 G1, <100–80 G2, <80 G3; the same boundaries in g/dL and in mmol/L as CTCAE prints them', () => {
  check({ term: 'Anemia', unit: 'g/L', lln: 130 }, [[130.1, 0], [130, 0], [129.9, 1], [100.1, 1], [100, 1], [99.9, 2], [80.1, 2], [80, 2], [79.9, 3], [30, 3]]);
  check({ term: 'Anemia', unit: 'g/dL', lln: 13 }, [[13, 0], [12.9, 1], [10.0, 1], [9.99, 2], [8.0, 2], [7.99, 3]]);
  // CTCAE: 10.0 g/dL = 6.2 mmol/L, 8.0 g/dL = 4.9 mmol/L (6.2 mmol/L is 99.9 g/L by molecular weight, still grade 1 by CTCAE).
  check({ term: 'Anemia', unit: 'mmol/L', lln: 8.1 }, [[8.1, 0], [8.0, 1], [6.21, 1], [6.2, 1], [6.19, 2], [4.91, 2], [4.9, 2], [4.89, 3]]);
  // g/dL value with limits in g/L.
  check({ term: 'Anemia', unit: 'g/dL', lln: 130, limitsUnit: 'g/L' }, [[12.9, 1], [13.0, 0]]);
  const top = gradeLab({ term: 'Anemia', value: 60, unit: 'g/L', lln: 130 });
  assert.match(top.reason, /grade 4 .* clinical/, 'grade 3 says the higher grades are clinical');
});

test('without an LLN a cytopenia is graded when the value is in an absolute band, and null when the LLN decides', () => {
  const g2 = gradeLab({ term: 'Platelet count decreased', value: 60, unit: '10*9/L' });
  assert.equal(g2.grade, 2);
  const undecided = gradeLab({ term: 'Platelet count decreased', value: 80, unit: '10*9/L' });
  assert.equal(undecided.grade, null);
  assert.match(undecided.reason, /without lln .*grade 0 and grade 1/);
  assert.equal(gradeLab({ term: 'Anemia', value: 105, unit: 'g/L' }).grade, null);
  assert.equal(gradeLab({ term: 'Anemia', value: 99, unit: 'g/L' }).grade, 2);
});

test('ALT/AST increased, baseline normal or absent (ULN 40): >ULN–3.0×ULN G1, >3.0–5.0 G2, >5.0–20.0 G3, >20.0 G4', () => {
  for (const term of ['Alanine aminotransferase increased', 'Aspartate aminotransferase increased']) {
    const cases: Case[] = [[40, 0], [40.1, 1], [119.9, 1], [120, 1], [120.1, 2], [200, 2], [200.1, 3], [800, 3], [800.1, 4]];
    check({ term, unit: 'U/L', uln: 40 }, cases);
    check({ term, unit: 'U/L', uln: 40, baseline: 30 }, cases);
    check({ term, unit: 'U/L', uln: 40, baseline: 40 }, cases); // baseline = ULN counts as normal
    check({ term, unit: 'IU/L', uln: 40 }, [[120, 1], [120.1, 2]]);
  }
  assert.match(gradeLab({ term: 'Alanine aminotransferase increased', value: 50, unit: 'U/L', uln: 40, baseline: 30 }).reason, /baseline 30 ≤ ULN 40: multiples of the ULN/);
  assert.match(gradeLab({ term: 'Alanine aminotransferase increased', value: 50, unit: 'U/L', uln: 40 }).reason, /no baseline given: multiples of the ULN/);
});

test('ALT/AST increased, baseline abnormal (80 > ULN 40): 1.5–3.0× baseline G1 (1.5 inclusive), >3.0–5.0 G2, >5.0–20.0 G3, >20.0 G4', () => {
  for (const term of ['Alanine aminotransferase increased', 'Aspartate aminotransferase increased']) {
    check({ term, unit: 'U/L', uln: 40, baseline: 80 }, [[100, 0], [119.9, 0], [120, 1], [120.1, 1], [240, 1], [240.1, 2], [400, 2], [400.1, 3], [1600, 3], [1600.1, 4]]);
  }
  assert.match(gradeLab({ term: 'Alanine aminotransferase increased', value: 130, unit: 'U/L', uln: 40, baseline: 80 }).reason, /baseline 80 > ULN 40: multiples of the baseline/);
  // Baseline in another unit: 1.2 µkat/L = 72 U/L > ULN 40.
  assert.equal(gradeLab({ term: 'Alanine aminotransferase increased', value: 108, unit: 'U/L', uln: 40, baseline: 1.2, baselineUnit: 'ukat/L' }).grade, 1);
});

test('Blood bilirubin increased (ULN 21 µmol/L): >ULN–1.5 G1, >1.5–3.0 G2, >3.0–10.0 G3, >10.0 G4; abnormal baseline 30: >1.0–1.5× (1.0 exclusive)', () => {
  check({ term: 'Blood bilirubin increased', unit: 'umol/L', uln: 21 }, [[21, 0], [21.1, 1], [31.5, 1], [31.6, 2], [63, 2], [63.1, 3], [210, 3], [210.1, 4]]);
  check({ term: 'Blood bilirubin increased', unit: 'umol/L', uln: 21, baseline: 30 }, [[30, 0], [30.1, 1], [45, 1], [45.1, 2], [90, 2], [90.1, 3], [300, 3], [300.1, 4]]);
  // mg/dL: ULN 1.2 mg/dL = 20.52 µmol/L; 1.5 × ULN = 1.8 mg/dL.
  check({ term: 'Blood bilirubin increased', unit: 'mg/dL', uln: 1.2 }, [[1.2, 0], [1.21, 1], [1.8, 1], [1.81, 2]]);
  check({ term: 'Blood bilirubin increased', unit: 'mg/dL', uln: 21, limitsUnit: 'umol/L' }, [[1.84, 1], [1.85, 2]]);
});

test('Alkaline phosphatase increased (ULN 125): >ULN–2.5 G1, >2.5–5.0 G2, >5.0–20.0 G3, >20.0 G4; abnormal baseline 150: 2.0–2.5× G1 (2.0 inclusive)', () => {
  check({ term: 'Alkaline phosphatase increased', unit: 'U/L', uln: 125 }, [[125, 0], [125.1, 1], [312.5, 1], [312.6, 2], [625, 2], [625.1, 3], [2500, 3], [2500.1, 4]]);
  check({ term: 'Alkaline phosphatase increased', unit: 'U/L', uln: 125, baseline: 150 }, [[299.9, 0], [300, 1], [375, 1], [375.1, 2], [750, 2], [750.1, 3], [3000, 3], [3000.1, 4]]);
});

test('Creatinine increased: ULN multiples (>ULN–1.5 G1, >1.5–3.0 G2, >3.0–6.0 G3, >6.0 G4) and the worse of them and the baseline multiple for G2/G3', () => {
  check({ term: 'Creatinine increased', unit: 'umol/L', uln: 100 }, [[100, 0], [100.1, 1], [150, 1], [150.1, 2], [300, 2], [300.1, 3], [600, 3], [600.1, 4]]);
  // Baseline 50: >1.5× baseline (75) is G2 even below the ULN; >3.0× baseline (150) is G3 where the ULN gives G2 at most.
  check({ term: 'Creatinine increased', unit: 'umol/L', uln: 100, baseline: 50 }, [[75, 0], [75.1, 2], [150, 2], [150.1, 3], [600.1, 4]]);
  // Baseline 200 (abnormal): 250 is 1.25× baseline, no baseline grade; 2.5× ULN is G2.
  check({ term: 'Creatinine increased', unit: 'umol/L', uln: 100, baseline: 200 }, [[250, 2], [300.1, 3], [600.1, 4]]);
  // mg/dL with limits in µmol/L: 1.7 mg/dL = 150.28 µmol/L.
  check({ term: 'Creatinine increased', unit: 'mg/dL', uln: 100, limitsUnit: 'umol/L' }, [[1.69, 1], [1.7, 2]]);
  assert.match(gradeLab({ term: 'Creatinine increased', value: 160, unit: 'umol/L', uln: 100, baseline: 50 }).reason, /> 3 × baseline .*worse of the ULN multiple and the baseline \(50\) multiple/);
});

test('INR increased: absolute >1.2–1.5 G1, >1.5–2.5 G2, >2.5 G3 off anticoagulation (baseline ignored); multiples of baseline on anticoagulation', () => {
  const absolute: Case[] = [[1.2, 0], [1.21, 1], [1.5, 1], [1.51, 2], [2.5, 2], [2.51, 3]];
  check({ term: 'INR increased', unit: '{INR}' }, absolute);
  check({ term: 'INR increased', unit: '1', baseline: 2, anticoagulated: false }, absolute);
  check({ term: 'INR increased', unit: '{INR}', baseline: 2, anticoagulated: true }, [[2.0, 0], [2.01, 1], [3.0, 1], [3.01, 2], [5.0, 2], [5.01, 3]]);
  const noBaseline = gradeLab({ term: 'INR increased', value: 3, unit: '{INR}', anticoagulated: true });
  assert.equal(noBaseline.grade, null);
  assert.match(noBaseline.reason, /without baseline/);
});

test('Activated partial thromboplastin time prolonged (ULN 35 s): >ULN–1.5 G1, >1.5–2.5 G2, >2.5 G3; null without a ULN', () => {
  check({ term: 'Activated partial thromboplastin time prolonged', unit: 's', uln: 35 }, [[35, 0], [35.1, 1], [52.5, 1], [52.6, 2], [87.5, 2], [87.6, 3]]);
  const noUln = gradeLab({ term: 'Activated partial thromboplastin time prolonged', value: 60, unit: 's' });
  assert.equal(noUln.grade, null);
  assert.match(noUln.reason, /without uln/);
});

test('ULN-anchored terms without a ULN are null, naming the missing limit', () => {
  for (const term of ['Alanine aminotransferase increased', 'Blood bilirubin increased', 'Alkaline phosphatase increased', 'Creatinine increased']) {
    const result = gradeLab({ term, value: 500, unit: term === 'Blood bilirubin increased' || term === 'Creatinine increased' ? 'umol/L' : 'U/L' });
    assert.equal(result.grade, null, term);
    assert.match(result.reason, /uln/, term);
  }
  // A baseline given but no ULN: whether the baseline was abnormal cannot be told.
  assert.equal(gradeLab({ term: 'Alanine aminotransferase increased', value: 100, unit: 'U/L', baseline: 80 }).grade, null);
});

test('unknown terms, clinical terms and incompatible units are null with a reason naming the field, value and what was expected', () => {
  const unknown = gradeLab({ term: 'Platelets low', value: 10, unit: '10*9/L' });
  assert.equal(unknown.grade, null);
  assert.match(unknown.reason, /unknown term "Platelets low": expected a CTCAE v5\.0 laboratory term \(.*Platelet count decreased/);
  const clinical = gradeLab({ term: 'Infusion related reaction', value: 1, unit: '1' });
  assert.equal(clinical.grade, null);
  assert.match(clinical.reason, /clinical term without a laboratory rule/);
  assert.equal(gradeLab({ term: 'Hypertension', value: 170, unit: 'mm[Hg]' }).grade, null);
  const wrongUnit = gradeLab({ term: 'Platelet count decreased', value: 10, unit: 'g/L' });
  assert.equal(wrongUnit.grade, null);
  assert.match(wrongUnit.reason, /"g\/L" cannot be converted to 10\*9\/L/);
  assert.deepEqual(wrongUnit.problem?.field, 'unit');
  const wrongLimitUnit = gradeLab({ term: 'Platelet count decreased', value: 10, unit: '10*9/L', lln: 125, limitsUnit: 'mg' });
  assert.equal(wrongLimitUnit.problem?.field, 'limitsUnit');
  assert.equal(gradeLab({ term: 'platelet count decreased', value: 10, unit: '10*9/L' }).grade, 4, 'terms match case-insensitively');
});

test('every lab term of the table names an analyte and has grades in order; every reason has a Chinese version', () => {
  assert.equal(CTCAE_V5_LAB_TERMS.length, 11);
  for (const term of CTCAE_V5_LAB_TERMS) {
    assert.ok(term.thresholds.length >= 3, term.term);
    const result = gradeLab({ term: term.term, value: 1, unit: term.analyte === 'hemoglobin' ? 'g/L' : term.analyte === 'aptt' ? 's' : term.analyte === 'inr' ? '{INR}' : ['alt', 'ast', 'alp'].includes(term.analyte) ? 'U/L' : term.analyte.includes('bilirubin') || term.analyte === 'creatinine' ? 'umol/L' : '10*9/L', lln: 2, uln: 3 });
    assert.ok(result.reasonZh, term.term);
  }
});
