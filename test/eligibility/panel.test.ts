// The test panel: for every criterion of both seed trials, patients who pass it and patients who
// fail it, at every boundary the text names (1.5×ULN exactly, LVEF 50 %, ages 14 and 60 and
// 13/61, onset exactly six calendar months before), in the units labs actually send.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ruleSetSchema, type RuleSet } from '../../src/core/criteria/rules.ts';
import { evaluateRuleSet, type CriterionStatus, type ScreeningResult } from '../../src/core/criteria/evaluate.ts';
import { patientFactsFromFhir } from '../../src/core/patient/fhir.ts';
import { allergy, condition, lab, L, medication, multicenterPatient, patient, phase1Patient, procedure, qualitative, score, state, textResult } from './panel/builder.ts';

const ruleSet = (id: string): RuleSet => ruleSetSchema.parse(JSON.parse(readFileSync(`data/seed-trials/${id}.rules.json`, 'utf8')));
const MULTI = ruleSet('NCT05794425');
const PHASE1 = ruleSet('NCT03055078');
const AS_OF = '2026-03-01';

function screen(rules: RuleSet, record: unknown, asOf = AS_OF): ScreeningResult {
  return evaluateRuleSet(rules, patientFactsFromFhir(record, { asOf }), { asOf });
}

interface Case {
  name: string;
  record: unknown;
  criterion: string;
  status: CriterionStatus;
  reason?: RegExp;
  asOf?: string;
}

function run(rules: RuleSet, cases: Case[]): void {
  for (const c of cases) {
    test(`${rules.nctId} ${c.criterion} ${c.status}: ${c.name}`, () => {
      const result = screen(rules, c.record, c.asOf);
      const criterion = result.criteria.find((r) => r.id === c.criterion);
      assert.ok(criterion, c.criterion);
      assert.equal(criterion.status, c.status, `${criterion.reason}\nwarnings: ${result.warnings.join('; ')}`);
      if (c.reason) assert.match(criterion.reason, c.reason);
    });
  }
}

test('the baseline panel patients are eligible (every criterion passes or needs confirmation)', () => {
  for (const [rules, record] of [[MULTI, multicenterPatient()], [PHASE1, phase1Patient()]] as const) {
    const result = screen(rules, record);
    assert.equal(result.verdict, 'eligible', result.criteria.map((c) => `${c.id} ${c.status} ${c.reason}`).join('\n'));
    assert.deepEqual(result.warnings, []);
  }
});

run(MULTI, [
  // inc-1: the bone-marrow-failure list, in ICD-10-CM, SNOMED CT and Eligo concept codes.
  { name: 'aplastic anemia D61.9', record: multicenterPatient(), criterion: 'inc-1', status: 'pass' },
  { name: 'PRCA D60.0', record: multicenterPatient({ diagnosis: condition('D60.0') }), criterion: 'inc-1', status: 'pass' },
  { name: 'PNH D59.5', record: multicenterPatient({ diagnosis: condition('D59.5') }), criterion: 'inc-1', status: 'pass' },
  { name: 'MDS D46.9', record: multicenterPatient({ diagnosis: condition('D46.9') }), criterion: 'inc-1', status: 'pass' },
  { name: 'immune-related pancytopenia as D61.818', record: multicenterPatient({ diagnosis: condition('D61.818') }), criterion: 'inc-1', status: 'pass' },
  { name: 'acute arrest of hemopoiesis (Eligo code)', record: multicenterPatient({ diagnosis: condition('acute-arrest-of-hemopoiesis', { system: 'https://eligo.dev/fhir/CodeSystem/concept' }) }), criterion: 'inc-1', status: 'pass' },
  { name: 'aplastic anemia in SNOMED CT only', record: multicenterPatient({ diagnosis: condition('306058006', { system: 'http://snomed.info/sct' }) }), criterion: 'inc-1', status: 'pass' },
  { name: 'aplastic anemia in WHO ICD-10', record: multicenterPatient({ diagnosis: condition('D61.9', { system: 'http://hl7.org/fhir/sid/icd-10' }) }), criterion: 'inc-1', status: 'pass' },
  { name: 'iron deficiency anemia only', record: multicenterPatient({ diagnosis: condition('D50.9') }), criterion: 'inc-1', status: 'fail', reason: /not recorded — assumed absent/ },
  { name: 'chemotherapy-induced pancytopenia D61.810', record: multicenterPatient({ diagnosis: condition('D61.810') }), criterion: 'inc-1', status: 'fail' },
  { name: 'no diagnosis', record: multicenterPatient({ diagnosis: null }), criterion: 'inc-1', status: 'fail' },
  // inc-2: liver and kidney, at exactly the multiple and just above, in µmol/L and mg/dL.
  { name: 'TBIL exactly 1.5×ULN (31.5/21 µmol/L)', record: multicenterPatient({ labs: { tbil: lab(L.tbil, 31.5, 'umol/L', { high: 21 }) } }), criterion: 'inc-2', status: 'pass' },
  { name: 'TBIL 31.6 µmol/L > 1.5×ULN', record: multicenterPatient({ labs: { tbil: lab(L.tbil, 31.6, 'umol/L', { high: 21 }) } }), criterion: 'inc-2', status: 'fail', reason: /TBIL 31\.6/ },
  { name: 'TBIL exactly 1.5×ULN in mg/dL (1.8/1.2)', record: multicenterPatient({ labs: { tbil: lab(L.tbilMass, 1.8, 'mg/dL', { high: 1.2 }) } }), criterion: 'inc-2', status: 'pass' },
  { name: 'TBIL 1.81 mg/dL vs ULN 1.2 mg/dL', record: multicenterPatient({ labs: { tbil: lab(L.tbilMass, 1.81, 'mg/dL', { high: 1.2 }) } }), criterion: 'inc-2', status: 'fail' },
  { name: 'TBIL in mg/dL against a µmol/L ULN (1.8 mg/dL = 30.8 µmol/L ≤ 31.5)', record: multicenterPatient({ labs: { tbil: lab(L.tbilMass, 1.8, 'mg/dL', { high: 21, highUnit: 'umol/L' }) } }), criterion: 'inc-2', status: 'pass' },
  { name: 'TBIL 1.9 mg/dL = 32.5 µmol/L > 31.5', record: multicenterPatient({ labs: { tbil: lab(L.tbilMass, 1.9, 'mg/dL', { high: 21, highUnit: 'umol/L' }) } }), criterion: 'inc-2', status: 'fail' },
  { name: 'ALT exactly 2.5×ULN', record: multicenterPatient({ labs: { alt: lab(L.alt, 100, 'U/L', { high: 40 }) } }), criterion: 'inc-2', status: 'pass' },
  { name: 'ALT 100.1 U/L > 2.5×ULN', record: multicenterPatient({ labs: { alt: lab(L.alt, 100.1, 'U/L', { high: 40 }) } }), criterion: 'inc-2', status: 'fail' },
  { name: 'AST alone above 2.5×ULN (both must hold)', record: multicenterPatient({ labs: { ast: lab(L.ast, 88, 'U/L', { high: 35 }) } }), criterion: 'inc-2', status: 'fail', reason: /AST 88/ },
  { name: 'ALT in IU/L is U/L', record: multicenterPatient({ labs: { alt: lab(L.alt, 100, 'IU/L', { high: 40, highUnit: 'IU/L' }) } }), criterion: 'inc-2', status: 'pass' },
  { name: 'ALP exactly 3×ULN', record: multicenterPatient({ labs: { alp: lab(L.alp, 375, 'U/L', { high: 125 }) } }), criterion: 'inc-2', status: 'pass' },
  { name: 'ALP 376 U/L > 3×ULN', record: multicenterPatient({ labs: { alp: lab(L.alp, 376, 'U/L', { high: 125 }) } }), criterion: 'inc-2', status: 'fail' },
  { name: 'creatinine exactly 1.5×ULN', record: multicenterPatient({ labs: { creat: lab(L.creat, 126, 'umol/L', { high: 84 }) } }), criterion: 'inc-2', status: 'pass' },
  { name: 'creatinine 126.1 µmol/L', record: multicenterPatient({ labs: { creat: lab(L.creat, 126.1, 'umol/L', { high: 84 }) } }), criterion: 'inc-2', status: 'fail' },
  { name: 'creatinine 1.4 mg/dL = 123.8 µmol/L', record: multicenterPatient({ labs: { creat: lab(L.creatMass, 1.4, 'mg/dL', { high: 84, highUnit: 'umol/L' }) } }), criterion: 'inc-2', status: 'pass' },
  { name: 'creatinine 1.5 mg/dL = 132.6 µmol/L', record: multicenterPatient({ labs: { creat: lab(L.creatMass, 1.5, 'mg/dL', { high: 84, highUnit: 'umol/L' }) } }), criterion: 'inc-2', status: 'fail' },
  { name: 'no TBIL result', record: multicenterPatient({ labs: { tbil: null } }), criterion: 'inc-2', status: 'unknown', reason: /TBIL not recorded in the last 28 days/ },
  { name: 'TBIL 29 days old', record: multicenterPatient({ labs: { tbil: lab(L.tbil, 12, 'umol/L', { high: 21, date: '2026-01-31' }) } }), criterion: 'inc-2', status: 'unknown', reason: /last recorded on 2026-01-31/ },
  { name: 'TBIL exactly 28 days old still counts', record: multicenterPatient({ labs: { tbil: lab(L.tbil, 12, 'umol/L', { high: 21, date: '2026-02-01' }) } }), criterion: 'inc-2', status: 'pass' },
  // inc-3: coagulation.
  { name: 'PT exactly 1.5×ULN', record: multicenterPatient({ labs: { pt: lab(L.pt, 20.25, 's', { high: 13.5 }) } }), criterion: 'inc-3', status: 'pass' },
  { name: 'PT 20.3 s', record: multicenterPatient({ labs: { pt: lab(L.pt, 20.3, 's', { high: 13.5 }) } }), criterion: 'inc-3', status: 'fail' },
  { name: 'INR exactly 1.5×ULN', record: multicenterPatient({ labs: { inr: lab(L.inr, 1.8, '{INR}', { high: 1.2 }) } }), criterion: 'inc-3', status: 'pass' },
  { name: 'INR 1.81', record: multicenterPatient({ labs: { inr: lab(L.inr, 1.81, '{INR}', { high: 1.2 }) } }), criterion: 'inc-3', status: 'fail' },
  { name: 'APTT 55.6 s > 1.5×37', record: multicenterPatient({ labs: { aptt: lab(L.aptt, 55.6, 's', { high: 37 }) } }), criterion: 'inc-3', status: 'fail' },
  { name: 'INR 2.5 on warfarin: the investigator judges', record: multicenterPatient({ labs: { inr: lab(L.inr, 2.5, '{INR}', { high: 1.2 }) }, extra: [medication('http://www.nlm.nih.gov/research/umls/rxnorm', '11289', 'warfarin')] }), criterion: 'inc-3', status: 'confirm' },
  { name: 'PT without any ULN (no range, no site, no default for PT)', record: multicenterPatient({ labs: { pt: lab(L.pt, 12, 's') } }), criterion: 'inc-3', status: 'unknown', reason: /no ULN for PT/ },
  { name: 'INR without a range uses the default ULN 1.2', record: multicenterPatient({ labs: { inr: lab(L.inr, 1.8, '{INR}') } }), criterion: 'inc-3', status: 'pass' },
  // inc-4: LVEF.
  { name: 'LVEF exactly 50 %', record: multicenterPatient({ labs: { lvef: lab(L.lvef, 50, '%') } }), criterion: 'inc-4', status: 'pass' },
  { name: 'LVEF 49 %', record: multicenterPatient({ labs: { lvef: lab(L.lvef, 49, '%') } }), criterion: 'inc-4', status: 'fail' },
  { name: 'LVEF missing', record: multicenterPatient({ labs: { lvef: null } }), criterion: 'inc-4', status: 'unknown', reason: /LVEF not recorded in the last 90 days/ },
  { name: 'LVEF 91 days old', record: multicenterPatient({ labs: { lvef: lab(L.lvef, 60, '%', { date: '2025-11-30' }) } }), criterion: 'inc-4', status: 'unknown', reason: /last recorded on 2025-11-30/ },
  { name: 'LVEF exactly 90 days old', record: multicenterPatient({ labs: { lvef: lab(L.lvef, 60, '%', { date: '2025-12-01' }) } }), criterion: 'inc-4', status: 'pass' },
  // inc-5: hepatitis B.
  { name: 'HBsAg and HBcAb negative', record: multicenterPatient(), criterion: 'inc-5', status: 'pass' },
  { name: 'HBsAg positive, HBV DNA 999 copies/mL', record: multicenterPatient({ labs: { hbsag: qualitative(L.hbsag, 'positive') }, extra: [lab(L.hbvDna, 999, '{copies}/mL')] }), criterion: 'inc-5', status: 'pass' },
  { name: 'HBsAg positive, HBV DNA 1000 copies/mL', record: multicenterPatient({ labs: { hbsag: qualitative(L.hbsag, 'positive') }, extra: [lab(L.hbvDna, 1000, '{copies}/mL')] }), criterion: 'inc-5', status: 'fail' },
  { name: 'HBcAb positive, HBV DNA reported "<20"', record: multicenterPatient({ labs: { hbcab: qualitative(L.hbcab, 'positive') }, extra: [textResult(L.hbvDna, '<20 copies/mL')] }), criterion: 'inc-5', status: 'pass' },
  { name: 'HBcAb positive, HBV DNA "not detected"', record: multicenterPatient({ labs: { hbcab: qualitative(L.hbcab, 'positive') }, extra: [textResult(L.hbvDna, 'Not detected')] }), criterion: 'inc-5', status: 'pass' },
  { name: 'HBsAg positive, no HBV DNA', record: multicenterPatient({ labs: { hbsag: qualitative(L.hbsag, 'positive') } }), criterion: 'inc-5', status: 'unknown', reason: /HBV DNA not recorded/ },
  { name: 'HBsAg positive, HBV DNA only in IU/mL (not converted)', record: multicenterPatient({ labs: { hbsag: qualitative(L.hbsag, 'positive') }, extra: [lab(L.hbvDnaIu, 50, '[IU]/mL')] }), criterion: 'inc-5', status: 'unknown' },
  // inc-6, inc-8 and exc-10 need a person.
  { name: 'plans for transplantation are confirmed by a person', record: multicenterPatient(), criterion: 'inc-6', status: 'confirm' },
  { name: 'consent is confirmed by a person', record: multicenterPatient(), criterion: 'inc-8', status: 'confirm' },
  { name: 'other investigator concerns are confirmed by a person', record: multicenterPatient(), criterion: 'exc-10', status: 'confirm' },
  // inc-7: ECOG.
  { name: 'ECOG 2', record: multicenterPatient({ labs: { ecog: score(L.ecog, 2) } }), criterion: 'inc-7', status: 'pass' },
  { name: 'ECOG 2 as a LOINC answer code', record: multicenterPatient({ labs: { ecog: score(L.ecog, { system: 'http://loinc.org', code: 'LA9624-3' }) } }), criterion: 'inc-7', status: 'pass' },
  { name: 'ECOG 0', record: multicenterPatient({ labs: { ecog: score(L.ecog, 0) } }), criterion: 'inc-7', status: 'pass' },
  { name: 'ECOG 3', record: multicenterPatient({ labs: { ecog: score(L.ecog, 3) } }), criterion: 'inc-7', status: 'fail' },
  { name: 'ECOG missing', record: multicenterPatient({ labs: { ecog: null } }), criterion: 'inc-7', status: 'unknown' },
  // exc-1: malignancy in the past 5 years, with its exceptions.
  { name: 'no malignancy', record: multicenterPatient(), criterion: 'exc-1', status: 'pass', reason: /not recorded — assumed absent/ },
  { name: 'active breast cancer', record: multicenterPatient({ extra: [condition('C50.911', { onset: '2024-01-01' })] }), criterion: 'exc-1', status: 'fail' },
  { name: 'malignancy in SNOMED CT', record: multicenterPatient({ extra: [condition('363346000', { system: 'http://snomed.info/sct' })] }), criterion: 'exc-1', status: 'fail' },
  { name: 'cancer resolved 6 years ago', record: multicenterPatient({ extra: [condition('C50.911', { onset: '2019-01-01', abatement: '2020-01-01', status: 'resolved' })] }), criterion: 'exc-1', status: 'pass' },
  { name: 'cancer resolved exactly 5 years ago', record: multicenterPatient({ extra: [condition('C50.911', { onset: '2019-01-01', abatement: '2021-03-01', status: 'resolved' })] }), criterion: 'exc-1', status: 'fail' },
  { name: 'cancer resolved 5 years and a day ago', record: multicenterPatient({ extra: [condition('C50.911', { onset: '2019-01-01', abatement: '2021-02-28', status: 'resolved' })] }), criterion: 'exc-1', status: 'pass' },
  { name: 'basal cell carcinoma of the skin (excepted)', record: multicenterPatient({ extra: [condition('C44.91', { onset: '2025-01-01' })] }), criterion: 'exc-1', status: 'pass', reason: /excepts/ },
  { name: 'squamous cell carcinoma of the skin of the trunk (excepted)', record: multicenterPatient({ extra: [condition('C44.520', { onset: '2025-01-01' })] }), criterion: 'exc-1', status: 'pass' },
  { name: 'carcinoma in situ of the cervix', record: multicenterPatient({ extra: [condition('D06.9', { onset: '2025-01-01' })] }), criterion: 'exc-1', status: 'pass' },
  { name: 'melanoma: cured by surgery is for the investigator', record: multicenterPatient({ extra: [condition('C43.9', { onset: '2024-01-01' })] }), criterion: 'exc-1', status: 'confirm', reason: /not cured by surgery/ },
  // exc-2: heart failure and blood pressure.
  { name: 'heart failure NYHA III', record: multicenterPatient({ extra: [condition('I50.9'), score(L.nyha, 3)] }), criterion: 'exc-2', status: 'fail' },
  { name: 'heart failure NYHA "Class IV" as text', record: multicenterPatient({ extra: [condition('I50.9'), { ...score(L.nyha, 0), valueInteger: undefined, valueCodeableConcept: { text: 'Class IV' } }] }), criterion: 'exc-2', status: 'fail' },
  { name: 'heart failure NYHA II', record: multicenterPatient({ extra: [condition('I50.9'), score(L.nyha, 2)] }), criterion: 'exc-2', status: 'pass' },
  { name: 'heart failure without a NYHA class', record: multicenterPatient({ extra: [condition('I50.9')] }), criterion: 'exc-2', status: 'unknown', reason: /NYHA/ },
  { name: 'systolic BP exactly 160', record: multicenterPatient({ labs: { sbp: lab(L.sbp, 160, 'mm[Hg]') } }), criterion: 'exc-2', status: 'fail' },
  { name: 'systolic BP 159', record: multicenterPatient({ labs: { sbp: lab(L.sbp, 159, 'mm[Hg]') } }), criterion: 'exc-2', status: 'pass' },
  { name: 'diastolic BP exactly 110 (written mmHg)', record: multicenterPatient({ labs: { dbp: lab(L.dbp, 110, 'mmHg') } }), criterion: 'exc-2', status: 'fail' },
  { name: 'diastolic BP 109', record: multicenterPatient({ labs: { dbp: lab(L.dbp, 109, 'mm[Hg]') } }), criterion: 'exc-2', status: 'pass' },
  { name: 'no blood pressure', record: multicenterPatient({ labs: { sbp: null, dbp: null } }), criterion: 'exc-2', status: 'unknown' },
  // exc-3: severe mental illness.
  { name: 'schizophrenia', record: multicenterPatient({ extra: [condition('F20.9')] }), criterion: 'exc-3', status: 'fail' },
  { name: 'mild depression is not severe mental illness', record: multicenterPatient({ extra: [condition('F32.0')] }), criterion: 'exc-3', status: 'pass' },
  // exc-4: infection defers recruitment.
  { name: 'active pneumonia: significance confirmed by the investigator', record: multicenterPatient({ extra: [condition('J18.9', { onset: '2026-02-20' })] }), criterion: 'exc-4', status: 'confirm' },
  { name: 'resolved infection', record: multicenterPatient({ extra: [condition('J18.9', { onset: '2025-10-01', abatement: '2025-10-20', status: 'resolved' })] }), criterion: 'exc-4', status: 'pass' },
  // exc-5: the stricter liver/kidney limits.
  { name: 'AST exactly 3×ULN', record: multicenterPatient({ labs: { ast: lab(L.ast, 105, 'U/L', { high: 35 }) } }), criterion: 'exc-5', status: 'pass' },
  { name: 'AST 105.1 U/L', record: multicenterPatient({ labs: { ast: lab(L.ast, 105.1, 'U/L', { high: 35 }) } }), criterion: 'exc-5', status: 'fail' },
  { name: 'ALP exactly 1.5×ULN', record: multicenterPatient({ labs: { alp: lab(L.alp, 187.5, 'U/L', { high: 125 }) } }), criterion: 'exc-5', status: 'pass' },
  { name: 'ALP 188 U/L', record: multicenterPatient({ labs: { alp: lab(L.alp, 188, 'U/L', { high: 125 }) } }), criterion: 'exc-5', status: 'fail' },
  { name: 'creatinine 127 µmol/L', record: multicenterPatient({ labs: { creat: lab(L.creat, 127, 'umol/L', { high: 84 }) } }), criterion: 'exc-5', status: 'fail' },
  // exc-6: HIV, HCV, syphilis.
  { name: 'all three tests negative', record: multicenterPatient(), criterion: 'exc-6', status: 'pass' },
  { name: 'HCV antibody positive', record: multicenterPatient({ labs: { hcv: qualitative(L.hcv, 'positive') } }), criterion: 'exc-6', status: 'fail' },
  { name: 'RPR positive', record: multicenterPatient({ labs: { rpr: qualitative(L.rpr, 'positive') } }), criterion: 'exc-6', status: 'fail' },
  { name: 'HIV infection recorded as B20', record: multicenterPatient({ extra: [condition('B20')] }), criterion: 'exc-6', status: 'fail' },
  { name: 'no HIV test', record: multicenterPatient({ labs: { hiv: null } }), criterion: 'exc-6', status: 'unknown', reason: /HIV not recorded in the last 90 days/ },
  // exc-7: allergies.
  { name: 'severe allergy', record: multicenterPatient({ extra: [allergy('high')] }), criterion: 'exc-7', status: 'fail' },
  { name: 'mild allergy: the study products are for the investigator', record: multicenterPatient({ extra: [allergy('low')] }), criterion: 'exc-7', status: 'confirm' },
  // exc-8: pregnancy and breastfeeding.
  { name: 'pregnant', record: multicenterPatient({ labs: { pregnancy: state(L.pregnancy, '77386006') } }), criterion: 'exc-8', status: 'fail' },
  { name: 'positive hCG test', record: multicenterPatient({ labs: { pregnancy: null }, extra: [qualitative('2106-3', 'positive')] }), criterion: 'exc-8', status: 'fail' },
  { name: 'breastfeeding', record: multicenterPatient({ extra: [state(L.breastfeeding, '413712001')] }), criterion: 'exc-8', status: 'fail' },
  { name: 'woman without a pregnancy status', record: multicenterPatient({ labs: { pregnancy: null } }), criterion: 'exc-8', status: 'unknown', reason: /pregnancy status not recorded/ },
  { name: 'not pregnant: childbirth plans are for the investigator', record: multicenterPatient(), criterion: 'exc-8', status: 'confirm' },
  // exc-9: transplantation.
  { name: 'previous HSCT (SNOMED CT procedure)', record: multicenterPatient({ extra: [procedure('http://snomed.info/sct', '234336002')] }), criterion: 'exc-9', status: 'fail' },
  { name: 'stem cell transplant status Z94.84', record: multicenterPatient({ extra: [condition('Z94.84', { onset: '2023-01-01' })] }), criterion: 'exc-9', status: 'fail' },
  { name: 'no transplant recorded: the plan is for the investigator', record: multicenterPatient(), criterion: 'exc-9', status: 'confirm' },
]);

run(PHASE1, [
  { name: 'AA recorded; the 2010 criteria are confirmed by the investigator', record: phase1Patient(), criterion: 'inc-1', status: 'confirm' },
  { name: 'no AA', record: phase1Patient({ diagnosis: condition('D46.9', { onset: '2025-12-31' }) }), criterion: 'inc-1', status: 'fail' },
  // Ages on the screening date 2026-03-01.
  { name: '14 on the screening date (birthday today)', record: phase1Patient({ patient: patient('male', '2012-03-01') }), criterion: 'inc-2', status: 'pass' },
  { name: '13 (14th birthday tomorrow)', record: phase1Patient({ patient: patient('male', '2012-03-02') }), criterion: 'inc-2', status: 'fail', reason: /age 13/ },
  { name: '60 (61st birthday tomorrow)', record: phase1Patient({ patient: patient('male', '1965-03-02') }), criterion: 'inc-2', status: 'pass' },
  { name: '60 exactly', record: phase1Patient({ patient: patient('male', '1966-03-01') }), criterion: 'inc-2', status: 'pass' },
  { name: '61 on the screening date', record: phase1Patient({ patient: patient('male', '1965-03-01') }), criterion: 'inc-2', status: 'fail', reason: /age 61/ },
  { name: 'no birth date', record: phase1Patient({ patient: patient('male', undefined) }), criterion: 'inc-2', status: 'unknown', reason: /Patient\/panel birthDate: no birth date/ },
  // Six calendar months.
  { name: 'onset exactly six months before (2025-09-01)', record: phase1Patient({ diagnosis: condition('D61.9', { onset: '2025-09-01' }) }), criterion: 'inc-3', status: 'pass' },
  { name: 'onset six months and a day before (2025-08-31)', record: phase1Patient({ diagnosis: condition('D61.9', { onset: '2025-08-31' }) }), criterion: 'inc-3', status: 'fail', reason: /more than 6 months/ },
  { name: 'month-end: 2026-02-28 is six months before 2026-08-31', record: phase1Patient({ diagnosis: condition('D61.9', { onset: '2026-02-28' }), lvef: lab(L.lvef, 64, '%', { date: '2026-08-20' }), ecog: score(L.ecog, 1, '2026-08-20') }), criterion: 'inc-3', status: 'pass', asOf: '2026-08-31' },
  { name: 'month-end: 2026-02-27 is more than six months before 2026-08-31', record: phase1Patient({ diagnosis: condition('D61.9', { onset: '2026-02-27' }) }), criterion: 'inc-3', status: 'fail', asOf: '2026-08-31' },
  { name: 'onset date missing', record: phase1Patient({ diagnosis: condition('D61.9') }), criterion: 'inc-3', status: 'unknown', reason: /without onset date/ },
  { name: 'onset as a month only (2025-09 → 2025-09-01)', record: phase1Patient({ diagnosis: condition('D61.9', { onset: '2025-09' }) }), criterion: 'inc-3', status: 'pass' },
  // inc-4 / inc-6: infections and bleeding.
  { name: 'no infection or bleeding', record: phase1Patient(), criterion: 'inc-4', status: 'pass' },
  { name: 'sepsis', record: phase1Patient({ extra: [condition('A41.9', { onset: '2026-02-20' })] }), criterion: 'inc-4', status: 'fail' },
  { name: 'active bleeding', record: phase1Patient({ extra: [condition('R58', { onset: '2026-02-27' })] }), criterion: 'inc-4', status: 'fail' },
  { name: 'resolved sepsis', record: phase1Patient({ extra: [condition('A41.9', { onset: '2025-10-01', abatement: '2025-10-20', status: 'resolved' })] }), criterion: 'inc-4', status: 'pass' },
  { name: 'LVEF exactly 50 %', record: phase1Patient({ lvef: lab(L.lvef, 50, '%') }), criterion: 'inc-5', status: 'pass' },
  { name: 'LVEF 49.9 %', record: phase1Patient({ lvef: lab(L.lvef, 49.9, '%') }), criterion: 'inc-5', status: 'fail' },
  { name: 'acute pneumonia', record: phase1Patient({ extra: [condition('J18.9', { onset: '2026-02-20' })] }), criterion: 'inc-6', status: 'fail' },
  { name: 'chronic hepatitis B is not an acute infectious disease', record: phase1Patient({ extra: [condition('B18.1')] }), criterion: 'inc-6', status: 'pass' },
  { name: 'consent is confirmed by a person', record: phase1Patient(), criterion: 'inc-7', status: 'confirm' },
  { name: 'ECOG 2', record: phase1Patient({ ecog: score(L.ecog, 2) }), criterion: 'inc-8', status: 'pass' },
  { name: 'ECOG 3', record: phase1Patient({ ecog: score(L.ecog, 3) }), criterion: 'inc-8', status: 'fail' },
  // exc-1 / exc-2: SAA with severe infection / bleeding; SAA coded or classified from counts.
  { name: 'AA without severe infection', record: phase1Patient(), criterion: 'exc-1', status: 'pass' },
  { name: 'coded SAA with sepsis', record: phase1Patient({ extra: [condition('aplastic-anemia.severe', { system: 'https://eligo.dev/fhir/CodeSystem/concept' }), condition('A41.9', { onset: '2026-02-20' })] }), criterion: 'exc-1', status: 'fail' },
  { name: 'SAA by counts (ANC 0.3, PLT 15) with sepsis', record: phase1Patient({ extra: [lab(L.anc, 0.3, '10*9/L'), lab(L.plt, 15000, '/uL'), condition('A41.9', { onset: '2026-02-20' })] }), criterion: 'exc-1', status: 'fail' },
  { name: 'non-severe counts (ANC 1.0, PLT 60 ×10³/µL) with sepsis', record: phase1Patient({ extra: [lab(L.anc, 1.0, '10*9/L'), lab(L.plt, 60, '10*3/uL'), lab(L.retic, 30, '10*9/L'), condition('A41.9', { onset: '2026-02-20' })] }), criterion: 'exc-1', status: 'pass' },
  { name: 'SAA by counts with active bleeding', record: phase1Patient({ extra: [lab(L.anc, 0.3, '10*9/L'), lab(L.retic, 10, '10*9/L'), condition('R58', { onset: '2026-02-27' })] }), criterion: 'exc-2', status: 'fail' },
  { name: 'no active bleeding', record: phase1Patient(), criterion: 'exc-2', status: 'pass' },
  // exc-3 .. exc-7.
  { name: 'myocardial infarction', record: phase1Patient({ extra: [condition('I21.9', { onset: '2026-01-15' })] }), criterion: 'exc-3', status: 'fail' },
  { name: 'CKD stage 5', record: phase1Patient({ extra: [condition('N18.5')] }), criterion: 'exc-3', status: 'fail' },
  { name: 'no severe organ disease', record: phase1Patient(), criterion: 'exc-3', status: 'pass' },
  { name: 'a mild recorded allergy: whether it is an allergic constitution is for the investigator', record: phase1Patient({ extra: [allergy('low')] }), criterion: 'exc-4', status: 'confirm', reason: /allergic constitution/ },
  { name: 'a high-criticality allergy', record: phase1Patient({ extra: [allergy('high')] }), criterion: 'exc-4', status: 'fail' },
  { name: 'asthma (atopy)', record: phase1Patient({ extra: [condition('J45.909')] }), criterion: 'exc-4', status: 'fail' },
  { name: 'no allergy', record: phase1Patient(), criterion: 'exc-4', status: 'pass' },
  { name: 'pregnant', record: phase1Patient({ patient: patient('female', '1995-01-01'), extra: [state(L.pregnancy, '77386006')] }), criterion: 'exc-5', status: 'fail' },
  { name: 'breastfeeding', record: phase1Patient({ patient: patient('female', '1995-01-01'), extra: [state(L.pregnancy, '60001007'), state(L.breastfeeding, '413712001')] }), criterion: 'exc-5', status: 'fail' },
  { name: 'woman, not pregnant', record: phase1Patient({ patient: patient('female', '1995-01-01'), extra: [state(L.pregnancy, '60001007')] }), criterion: 'exc-5', status: 'pass' },
  { name: 'man', record: phase1Patient(), criterion: 'exc-5', status: 'pass' },
  { name: 'active lymphoma', record: phase1Patient({ extra: [condition('C83.30')] }), criterion: 'exc-6', status: 'fail' },
  { name: 'MDS (clonal)', record: phase1Patient({ extra: [condition('D46.9')] }), criterion: 'exc-6', status: 'fail' },
  { name: 'cancer in remission', record: phase1Patient({ extra: [condition('C50.911', { status: 'remission' })] }), criterion: 'exc-6', status: 'pass' },
  { name: 'active tuberculosis', record: phase1Patient({ extra: [condition('A15.0')] }), criterion: 'exc-7', status: 'fail' },
  { name: 'acute hepatitis C', record: phase1Patient({ extra: [condition('B17.10')] }), criterion: 'exc-7', status: 'fail' },
  { name: 'active infection: contagious period is for the investigator', record: phase1Patient({ extra: [condition('J06.9')] }), criterion: 'exc-7', status: 'confirm' },
  { name: 'no infectious disease', record: phase1Patient(), criterion: 'exc-7', status: 'pass' },
]);

test('every criterion of both seed trials has at least one passing and one failing panel case', () => {
  // Criteria that are only ever "confirm" (consent, plans, investigator judgement) have no pass/fail.
  const confirmOnly = new Set(['NCT05794425 inc-6', 'NCT05794425 inc-8', 'NCT05794425 exc-10', 'NCT03055078 inc-7']);
  // A recorded infection defers recruitment at the investigator's judgement: it never fails outright.
  const confirmInsteadOfFail = new Set(['NCT05794425 exc-4']);
  const source = readFileSync(new URL(import.meta.url), 'utf8');
  for (const rules of [MULTI, PHASE1]) {
    const start = source.indexOf(`run(${rules === MULTI ? 'MULTI' : 'PHASE1'}, [`);
    const block = source.slice(start, source.indexOf(']);', start));
    for (const criterion of rules.criteria) {
      const key = `${rules.nctId} ${criterion.id}`;
      const pattern = (status: string) => new RegExp(`criterion: '${criterion.id}', status: '${status}'`);
      if (confirmOnly.has(key)) {
        assert.match(block, pattern('confirm'), key);
        continue;
      }
      // Passing means not blocking: 'pass', or 'confirm' where a question for the investigator always remains (exc-7/8/9).
      assert.ok(pattern('pass').test(block) || (!confirmInsteadOfFail.has(key) && pattern('confirm').test(block)), `${key} has no passing case`);
      assert.match(block, pattern(confirmInsteadOfFail.has(key) ? 'confirm' : 'fail'), `${key} has no failing case`);
    }
  }
});
