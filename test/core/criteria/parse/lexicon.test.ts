// The parser's tables checked at their boundaries: every unit code is valid UCUM, every analyte,
// condition and scale it names exists in Eligo's clinical tables, and each surface form matches the
// writings it was collected for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ucum from '@lhncbc/ucum-lhc';
import { UNIT_FORMS, powerUnitCode } from '../../../../src/core/criteria/parse/units.ts';
import { ANALYTE_FORMS, CONDITION_FORMS, SCALE_FORMS, SEROLOGY_FORMS, compileForms } from '../../../../src/core/criteria/parse/lexicon.ts';
import { analyteByKey } from '../../../../src/core/clinical/tables/analytes.ts';
import { conceptById } from '../../../../src/core/clinical/tables/conditions.ts';
import { SCALES } from '../../../../src/core/criteria/rules.ts';

const utils = ucum.UcumLhcUtils.getInstance();

test('every unit the scanner writes is valid UCUM', () => {
  const codes = new Set([...UNIT_FORMS.map((form) => form.ucum), powerUnitCode(9, 'l'), powerUnitCode(3, 'ul'), powerUnitCode(12, 'l'), powerUnitCode(6, 'ml')]);
  for (const code of codes) {
    const result = utils.validateUnitString(code);
    assert.equal(result.status, 'valid', `${code}: ${result.msg.join('; ')}`);
  }
});

test('unit forms match their common writings', () => {
  const unitOf = (written: string) => UNIT_FORMS.find((form) => new RegExp(`^(?:${form.pattern})$`).test(written))?.ucum;
  assert.equal(unitOf('mg/dl'), 'mg/dL');
  assert.equal(unitOf('umol/l'), 'umol/L');
  assert.equal(unitOf('ml/min/1.73 m2'), 'mL/min/{1.73_m2}');
  assert.equal(unitOf('mm hg'), 'mm[Hg]');
  assert.equal(unitOf('/mm3'), '/uL');
  assert.equal(unitOf('cells/ul'), '/uL');
  assert.equal(unitOf('copys/ml'), '{copies}/mL');
  assert.equal(unitOf('iu/l'), 'U/L');
  assert.equal(unitOf('years'), 'a');
});

test('every analyte, condition and scale key exists in the clinical tables', () => {
  for (const form of [...ANALYTE_FORMS, ...SEROLOGY_FORMS]) assert.ok(analyteByKey(form.key), `analyte ${form.key} is not in analytes.ts`);
  for (const form of CONDITION_FORMS) assert.ok(conceptById(form.key), `concept ${form.key} is not in conditions.ts`);
  for (const form of SCALE_FORMS) assert.ok((SCALES as readonly string[]).includes(form.key), `scale ${form.key} is not in rules.ts SCALES`);
});

test('surface forms: abbreviations, full names and misspellings map to the right analyte', () => {
  const pattern = compileForms(ANALYTE_FORMS);
  const keyOf = (written: string) => {
    pattern.lastIndex = 0;
    const match = pattern.exec(written);
    if (!match || match[0] !== written) return undefined;
    return ANALYTE_FORMS[match.slice(1).findIndex((group) => group !== undefined)].key;
  };
  const expected: Record<string, string> = {
    tbil: 'bilirubin.total', 'total bilirubin': 'bilirubin.total', 'direct bilirubin': 'bilirubin.direct', scr: 'creatinine', 'serum creatinine': 'creatinine',
    'creatinine clearance': 'creatinine.clearance', crcl: 'creatinine.clearance', egfr: 'egfr', anc: 'anc', 'absolute neutrophil count': 'anc', plt: 'platelets',
    'platelet count': 'platelets', hgb: 'hemoglobin', haemoglobin: 'hemoglobin', hba1c: 'hba1c', lvef: 'lvef', 'left ventricular ejection fraction': 'lvef',
    sgpt: 'alt', sgot: 'ast', 'alkaline phosphatase': 'alp', inr: 'inr', aptt: 'aptt', 'activated partial thrombin time': 'aptt', 'prothrombin time': 'pt', wbc: 'wbc',
    'hbv dna': 'hbv.dna', bmi: 'bmi', 'body mass index': 'bmi', trombocytes: 'platelets',
  };
  for (const [written, key] of Object.entries(expected)) assert.equal(keyOf(written), key, written);
});
