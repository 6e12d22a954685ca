// The boundary panel, second part: limits met exactly after a unit conversion (floating point),
// default limits of normal by sex and age band, the two liver/kidney criteria of NCT05794425 that
// give different multiples for the same analytes, three-valued logic on real criteria, counts in
// the units labs send, and dates one day either side of a boundary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ruleSetSchema, type RuleSet } from '../../../src/core/criteria/rules.ts';
import { evaluateRuleSet, type CriterionStatus, type ScreeningResult } from '../../../src/core/criteria/evaluate.ts';
import { patientFactsFromFhir } from '../../../src/core/patient/fhir.ts';
import { condition, lab, L, multicenterPatient, patient, phase1Patient, qualitative, score, state } from './builder.ts';

const ruleSet = (id: string): RuleSet => ruleSetSchema.parse(JSON.parse(readFileSync(`data/seed-trials/${id}.rules.json`, 'utf8')));
const MULTI = ruleSet('NCT05794425');
const PHASE1 = ruleSet('NCT03055078');
const AS_OF = '2026-03-01';
const SNOMED = 'http://snomed.info/sct';

function screen(rules: RuleSet, record: unknown, asOf = AS_OF): ScreeningResult {
  return evaluateRuleSet(rules, patientFactsFromFhir(record, { asOf }), { asOf });
}

function expectStatus(rules: RuleSet, record: unknown, criterion: string, status: CriterionStatus, reason?: RegExp, asOf?: string): ScreeningResult {
  const result = screen(rules, record, asOf);
  const found = result.criteria.find((c) => c.id === criterion);
  assert.ok(found, criterion);
  assert.equal(found.status, status, `${criterion}: ${found.reason}\nwarnings: ${result.warnings.join('; ')}`);
  if (reason) assert.match(found.reason, reason);
  return result;
}

/** A lab result without a reference range, so that the site or default range applies. */
const bare = (loinc: string, value: number, unit: string) => lab(loinc, value, unit);

test('a limit met exactly after a mg/dL → µmol/L conversion is met (1.842 mg/dL × 17.1 = 31.4982 ≤ 1.5 × 21 = 31.5)', () => {
  const at = multicenterPatient({ labs: { tbil: lab(L.tbilMass, 1.842, 'mg/dL', { high: 21, highUnit: 'umol/L' }) } });
  const result = expectStatus(MULTI, at, 'inc-2', 'pass');
  const evidence = result.criteria.find((c) => c.id === 'inc-2')!.evidence.find((e) => e.label === 'total bilirubin')!;
  assert.equal(evidence.value, 31.4982);
  assert.deepEqual(evidence.recorded, { value: 1.842, unit: 'mg/dL' });
  expectStatus(MULTI, at, 'exc-5', 'pass');
  const above = multicenterPatient({ labs: { tbil: lab(L.tbilMass, 1.843, 'mg/dL', { high: 21, highUnit: 'umol/L' }) } });
  expectStatus(MULTI, above, 'inc-2', 'fail', /TBIL 31\.5153/);
  expectStatus(MULTI, above, 'exc-5', 'fail');
});

test('creatinine in mg/dL against a µmol/L limit: 1.645 mg/dL (145.418) ≤ 1.5 × 97 = 145.5 < 1.646 mg/dL (145.5064)', () => {
  const male = patient('male', '1990-06-01');
  expectStatus(MULTI, multicenterPatient({ patient: male, labs: { creat: lab(L.creatMass, 1.645, 'mg/dL', { high: 97, highUnit: 'umol/L' }) } }), 'inc-2', 'pass');
  expectStatus(MULTI, multicenterPatient({ patient: male, labs: { creat: lab(L.creatMass, 1.646, 'mg/dL', { high: 97, highUnit: 'umol/L' }) } }), 'inc-2', 'fail');
  expectStatus(MULTI, multicenterPatient({ patient: male, labs: { creat: lab(L.creatMass, 1.646, 'mg/dL', { high: 97, highUnit: 'umol/L' }) } }), 'exc-5', 'fail');
});

test('without a range on the result, the WS/T default ULN for the sex applies (TBIL: female 21, male 26 µmol/L)', () => {
  expectStatus(MULTI, multicenterPatient({ labs: { tbil: bare(L.tbil, 31.5, 'umol/L') } }), 'inc-2', 'pass', /ULN 21 µmol\/L from the default range/);
  expectStatus(MULTI, multicenterPatient({ labs: { tbil: bare(L.tbil, 31.6, 'umol/L') } }), 'inc-2', 'fail');
  const male = patient('male', '1990-06-01');
  expectStatus(MULTI, multicenterPatient({ patient: male, labs: { tbil: bare(L.tbil, 39, 'umol/L') } }), 'inc-2', 'pass', /ULN 26/);
  expectStatus(MULTI, multicenterPatient({ patient: male, labs: { tbil: bare(L.tbil, 39.1, 'umol/L') } }), 'inc-2', 'fail');
});

test('default creatinine ULN changes at 60 (WS/T 404.5): male 1.5 × 97 = 145.5 the day before the 60th birthday, 1.5 × 111 = 166.5 on it', () => {
  const before60 = patient('male', '1966-03-02');
  const at60 = patient('male', '1966-03-01');
  expectStatus(MULTI, multicenterPatient({ patient: before60, labs: { creat: bare(L.creat, 145.5, 'umol/L') } }), 'inc-2', 'pass');
  expectStatus(MULTI, multicenterPatient({ patient: before60, labs: { creat: bare(L.creat, 145.6, 'umol/L') } }), 'inc-2', 'fail');
  // The age that picks the band is the age on the collection date (2026-02-24), so this result is at 59.
  expectStatus(MULTI, multicenterPatient({ patient: at60, labs: { creat: bare(L.creat, 145.6, 'umol/L') } }), 'inc-2', 'fail');
  expectStatus(MULTI, multicenterPatient({ patient: at60, labs: { creat: lab(L.creat, 166.5, 'umol/L', { date: '2026-03-01' }) } }), 'inc-2', 'pass');
  expectStatus(MULTI, multicenterPatient({ patient: at60, labs: { creat: lab(L.creat, 166.6, 'umol/L', { date: '2026-03-01' }) } }), 'inc-2', 'fail');
});

test('default female ALP ULN changes at 50 (WS/T 404.1): exclusion 5 at 1.5 × 100 = 150 before, 1.5 × 135 = 202.5 from 50', () => {
  const age49 = patient('female', '1976-02-25');
  const age50 = patient('female', '1976-02-24');
  expectStatus(MULTI, multicenterPatient({ patient: age49, labs: { alp: bare(L.alp, 150, 'U/L') } }), 'exc-5', 'pass');
  expectStatus(MULTI, multicenterPatient({ patient: age49, labs: { alp: bare(L.alp, 151, 'U/L') } }), 'exc-5', 'fail');
  expectStatus(MULTI, multicenterPatient({ patient: age50, labs: { alp: bare(L.alp, 202.5, 'U/L') } }), 'exc-5', 'pass');
  expectStatus(MULTI, multicenterPatient({ patient: age50, labs: { alp: bare(L.alp, 203, 'U/L') } }), 'exc-5', 'fail');
});

test('a teenager\'s result without a range has no default ULN (the WS/T intervals are for adults 20–79): unknown, asking for the lab\'s range', () => {
  const teen = patient('female', '2011-01-15');
  expectStatus(MULTI, multicenterPatient({ patient: teen, labs: { alp: bare(L.alp, 300, 'U/L') } }), 'exc-5', 'unknown', /no ULN for ALP/);
  expectStatus(MULTI, multicenterPatient({ patient: teen, labs: { alp: lab(L.alp, 300, 'U/L', { high: 390 }) } }), 'exc-5', 'pass');
});

test('inclusion 2 and exclusion 5 give different multiples for the same analytes; the stricter one rejects, and says so', () => {
  // ALT 2.6 × ULN: inclusion 2 (≤ 2.5) fails; exclusion 5 (> 3) does not apply.
  const alt = screen(MULTI, multicenterPatient({ labs: { alt: lab(L.alt, 104, 'U/L', { high: 40 }) } }));
  assert.equal(alt.verdict, 'ineligible');
  assert.deepEqual(alt.criteria.filter((c) => c.status === 'fail').map((c) => c.id), ['inc-2']);
  assert.equal(alt.criteria.find((c) => c.id === 'exc-5')!.status, 'pass');
  // ALP 2 × ULN: inclusion 2 (≤ 3) passes; exclusion 5 (> 1.5) applies.
  const alp = screen(MULTI, multicenterPatient({ labs: { alp: lab(L.alp, 250, 'U/L', { high: 125 }) } }));
  assert.deepEqual(alp.criteria.filter((c) => c.status === 'fail').map((c) => c.id), ['exc-5']);
  assert.equal(alp.criteria.find((c) => c.id === 'inc-2')!.status, 'pass');
  // The reconciliation is shown with the results.
  for (const id of ['inc-2', 'exc-5']) assert.ok(alp.criteria.find((c) => c.id === id)!.ambiguities?.some((a) => /stricter/.test(a)), id);
  // AST exactly 2.5 × ULN passes both; ALT exactly 3 × ULN fails inclusion 2 only.
  expectStatus(MULTI, multicenterPatient({ labs: { ast: lab(L.ast, 87.5, 'U/L', { high: 35 }) } }), 'inc-2', 'pass');
  expectStatus(MULTI, multicenterPatient({ labs: { alt: lab(L.alt, 120, 'U/L', { high: 40 }) } }), 'exc-5', 'pass');
  expectStatus(MULTI, multicenterPatient({ labs: { alt: lab(L.alt, 120.1, 'U/L', { high: 40 }) } }), 'exc-5', 'fail');
});

test('APTT exactly 1.5 × ULN (55.5 s against 37 s) passes; coagulation limits need the lab\'s ULN', () => {
  expectStatus(MULTI, multicenterPatient({ labs: { aptt: lab(L.aptt, 55.5, 's', { high: 37 }) } }), 'inc-3', 'pass');
  expectStatus(MULTI, multicenterPatient({ labs: { aptt: lab(L.aptt, 40, 's') } }), 'inc-3', 'unknown', /no ULN for APTT/);
});

test('exclusion "HIV, HCV or syphilis positive": HIV negative and HCV missing is unknown, not a pass; any positive decides', () => {
  expectStatus(MULTI, multicenterPatient({ labs: { hcv: null } }), 'exc-6', 'unknown', /HCV|anti-HCV/);
  const positive = expectStatus(MULTI, multicenterPatient({ labs: { hcv: null, hiv: qualitative(L.hiv, 'positive') } }), 'exc-6', 'fail', /HIV positive/);
  assert.equal(positive.verdict, 'ineligible');
  const incomplete = screen(MULTI, multicenterPatient({ labs: { hcv: null } }));
  assert.equal(incomplete.verdict, 'incomplete');
  assert.ok(incomplete.missing.some((m) => m.criterion === 'exc-6' && /hepatitis C antibody \(within 90 days\)/.test(m.what)), JSON.stringify(incomplete.missing));
});

test('inclusion "HBsAg and HBcAb negative, or HBV DNA low": one branch passing is enough; a missing test with no DNA is unknown', () => {
  expectStatus(MULTI, multicenterPatient({ labs: { hbcab: null } }), 'inc-5', 'unknown', /HBcAb not recorded/);
  expectStatus(MULTI, multicenterPatient({ labs: { hbcab: null }, extra: [lab(L.hbvDna, 500, '{copies}/mL')] }), 'inc-5', 'pass');
  expectStatus(MULTI, multicenterPatient({ labs: { hbcab: qualitative(L.hbcab, 'positive') }, extra: [lab(L.hbvDna, 999, 'copies/mL')] }), 'inc-5', 'pass');
});

test('a result dated after the screening date is not used, and the reason says why', () => {
  const record = multicenterPatient({ labs: { lvef: lab(L.lvef, 60, '%', { date: '2026-03-05' }) } });
  const result = expectStatus(MULTI, record, 'inc-4', 'unknown', /after the screening date 2026-03-01/);
  assert.equal(result.verdict, 'incomplete');
});

test('ECOG 2 is met and 3 is not, within the 28-day look-back; a 29-day-old score is unknown with the window stated', () => {
  expectStatus(MULTI, multicenterPatient({ labs: { ecog: score(L.ecog, 2, '2026-02-01') } }), 'inc-7', 'pass');
  expectStatus(MULTI, multicenterPatient({ labs: { ecog: score(L.ecog, 2, '2026-01-31') } }), 'inc-7', 'unknown', /more than 28 days before 2026-03-01/);
  expectStatus(PHASE1, phase1Patient({ ecog: score(L.ecog, 3) }), 'inc-8', 'fail', /ECOG performance status 3/);
});

test('the baseline patient is eligible with the points a person must confirm listed', () => {
  const result = screen(MULTI, multicenterPatient());
  assert.equal(result.verdict, 'eligible');
  assert.deepEqual([...new Set(result.confirm.map((c) => c.criterion))].sort(), ['exc-10', 'exc-7', 'exc-8', 'exc-9', 'inc-6', 'inc-8']);
});

test('age 14–60 in whole years: 14 the day before the 15th birthday, 13 the day before the 14th, and a 29 February birthday', () => {
  expectStatus(PHASE1, phase1Patient({ patient: patient('male', '2011-03-02') }), 'inc-2', 'pass', /age 14 years/);
  expectStatus(PHASE1, phase1Patient({ patient: patient('male', '2012-03-02') }), 'inc-2', 'fail', /age 13 years/);
  expectStatus(PHASE1, phase1Patient({ patient: patient('male', '2012-02-29') }), 'inc-2', 'fail', /age 13/, '2026-02-28');
  expectStatus(PHASE1, phase1Patient({ patient: patient('male', '2012-02-29'), lvef: lab(L.lvef, 64, '%'), ecog: score(L.ecog, 1) }), 'inc-2', 'pass', /age 14/, '2026-03-01');
});

test('six calendar months with a SNOMED CT diagnosis; a disease first recorded earlier is not "within six months" because it was recorded again', () => {
  const snomedAa = (onset: string) => condition('306058006', { system: SNOMED, onset });
  expectStatus(PHASE1, phase1Patient({ diagnosis: snomedAa('2025-09-01') }), 'inc-3', 'pass');
  expectStatus(PHASE1, phase1Patient({ diagnosis: snomedAa('2025-08-31') }), 'inc-3', 'fail');
  expectStatus(PHASE1, phase1Patient({ diagnosis: snomedAa('2025-12-31') }), 'inc-1', 'confirm');
  const recodedLater = phase1Patient({ diagnosis: condition('D61.9', { onset: '2024-01-10' }), extra: [snomedAa('2026-01-15')] });
  expectStatus(PHASE1, recodedLater, 'inc-3', 'fail', /first recorded onset 2024-01-10/);
});

test('SAA from counts in the units labs send (/mm3, 10*3/uL): strictly below 0.5 / 20 / 20 ×10⁹/L, two of three', () => {
  const sepsis = condition('A41.9', { onset: '2026-02-20' });
  // ANC 400/mm3 = 0.4, PLT 19 ×10³/µL = 19: SAA, with severe infection → excluded.
  expectStatus(PHASE1, phase1Patient({ extra: [lab(L.anc, 400, '/mm3'), lab(L.plt, 19, '10*3/uL'), sepsis] }), 'exc-1', 'fail');
  // Exactly at the thresholds is not below them: not SAA, even with reticulocytes unknown.
  expectStatus(PHASE1, phase1Patient({ extra: [lab(L.anc, 500, '/uL'), lab(L.plt, 20000, '/mm3'), sepsis] }), 'exc-1', 'pass');
  // One count below, the others missing: SAA cannot be ruled out.
  expectStatus(PHASE1, phase1Patient({ extra: [lab(L.anc, 0.3, '10*9/L'), sepsis] }), 'exc-1', 'unknown');
  // No counts and no severe infection: the exclusion does not apply whatever the severity.
  expectStatus(PHASE1, phase1Patient(), 'exc-1', 'pass');
});

test('pregnancy: a woman without a pregnancy status is unknown; a man is not asked', () => {
  expectStatus(PHASE1, phase1Patient({ patient: patient('female', '1995-01-01') }), 'exc-5', 'unknown', /pregnancy status not recorded/);
  expectStatus(PHASE1, phase1Patient({ patient: patient('female', '1995-01-01'), extra: [state(L.pregnancy, '60001007')] }), 'exc-5', 'pass');
});

test('HBV DNA in IU/mL is not converted to copies/mL (assay-specific): unknown, with the reading shown; a copies/mL result decides', () => {
  const hbsagPositive = { hbsag: qualitative(L.hbsag, 'positive') };
  const iuOnly = screen(MULTI, multicenterPatient({ labs: hbsagPositive, extra: [lab(L.hbvDnaIu, 50, '[IU]/mL')] }));
  const inc5 = iuOnly.criteria.find((c) => c.id === 'inc-5')!;
  assert.equal(inc5.status, 'unknown');
  assert.ok(inc5.ambiguities?.some((a) => /IU\/mL/.test(a) && /assay-specific/.test(a)));
  // IU/mL written under the copies/mL code: refused with the unit named, so the criterion stays unknown.
  expectStatus(MULTI, multicenterPatient({ labs: hbsagPositive, extra: [lab(L.hbvDna, 50, 'IU/mL')] }), 'inc-5', 'unknown', /cannot be converted/);
  expectStatus(MULTI, multicenterPatient({ labs: hbsagPositive, extra: [lab(L.hbvDnaIu, 50, 'IU/mL'), lab(L.hbvDna, 300, 'copies/mL')] }), 'inc-5', 'pass');
});

test('NYHA II/III for the heart criteria of both trials, with heart failure in ICD-10-CM and SNOMED CT', () => {
  const hfSnomed = condition('84114007', { system: SNOMED });
  expectStatus(MULTI, multicenterPatient({ extra: [hfSnomed, score(L.nyha, 3)] }), 'exc-2', 'fail', /NYHA functional class III/);
  expectStatus(MULTI, multicenterPatient({ extra: [hfSnomed, score(L.nyha, 2)] }), 'exc-2', 'pass');
  expectStatus(PHASE1, phase1Patient({ extra: [condition('I50.9'), score(L.nyha, 3)] }), 'exc-3', 'fail');
  expectStatus(PHASE1, phase1Patient({ extra: [condition('I50.9'), score(L.nyha, 2)] }), 'exc-3', 'pass');
  expectStatus(PHASE1, phase1Patient({ extra: [hfSnomed, score(L.nyha, 4)] }), 'exc-3', 'fail');
  expectStatus(PHASE1, phase1Patient({ extra: [condition('I50.9')] }), 'exc-3', 'unknown', /NYHA/);
});

test('a NYHA class III/IV excludes even without a coded heart-failure diagnosis; no class and no heart failure is assumed absent', () => {
  expectStatus(MULTI, multicenterPatient({ extra: [score(L.nyha, 3)] }), 'exc-2', 'fail', /NYHA functional class III/);
  expectStatus(MULTI, multicenterPatient({ extra: [score(L.nyha, 2)] }), 'exc-2', 'pass');
  expectStatus(MULTI, multicenterPatient(), 'exc-2', 'pass');
  expectStatus(PHASE1, phase1Patient({ extra: [score(L.nyha, 4)] }), 'exc-3', 'fail');
  expectStatus(PHASE1, phase1Patient(), 'exc-3', 'pass', /NYHA functional class ≥ 3: not recorded — assumed absent|not recorded — assumed absent/);
  // A class older than the 90-day look-back is not "not recorded": it is out of date.
  expectStatus(PHASE1, phase1Patient({ extra: [score(L.nyha, 2, '2025-11-01')] }), 'exc-3', 'unknown', /more than 90 days/);
});
