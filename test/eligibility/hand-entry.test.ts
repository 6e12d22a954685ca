// One hand-entered patient: the web form's state and the API's JSON, given the same entries, become
// the same FHIR Bundle through the one schema and builder (core/patient/manual.ts) and screen the same —
// in the core and over HTTP (the page posts the Bundle to /screen, an API client the JSON to /screen/form).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
// The server first: @hono/zod-openapi must extend zod before core schemas are built (routes call .openapi on them).
import { appDependencies, createApp } from '../../src/server/app.ts';
import { bundleFromManualRecord, type ManualRecord } from '../../src/core/patient/manual.ts';
import { parseRuleSet } from '../../src/eligibility/rule-sets.ts';
import { screenRecord } from '../../src/eligibility/screening.ts';
import { bundleFromForm, emptyPatientForm, type PatientFormState } from '../../src/web/screening/patient-form-state.ts';
import { ruleNeeds } from '../../src/web/screening/rule-needs.ts';
import { testBackends } from '../support/databases.ts';

const AS_OF = '2026-03-01';
const DAY = '2026-02-24';
const RULES = parseRuleSet(JSON.parse(readFileSync('data/seed-trials/NCT05794425.rules.json', 'utf8')), 'NCT05794425.rules.json');
const NEEDS = ruleNeeds(RULES.criteria.map((criterion) => criterion.rule));

/** The form as a person fills it: strings as typed, one results date for every row. */
function filledForm(): PatientFormState {
  const form = emptyPatientForm(NEEDS, AS_OF);
  form.birthDate = '1988-04-02';
  form.sex = 'female';
  form.resultsDate = DAY;
  form.conditions['aplastic-anemia'] = { present: true, onset: '2025-12-01', active: true };
  form.conditions.malignancy = { present: true, onset: '2012-03-01', active: false };
  const lab = (analyte: string, value: string, upperLimit = '', unit = form.measurements[analyte].unit) => {
    form.measurements[analyte] = { ...form.measurements[analyte], value, unit, upperLimit };
  };
  lab('bilirubin.total', '0,7', '1.2', 'mg/dL');
  lab('alt', '25', '40');
  lab('ast', '22', '35');
  lab('alp', '80', '125');
  lab('creatinine', '60', '84');
  lab('pt', '12', '13.5');
  lab('aptt', '30', '37');
  lab('inr', '1', '1.2');
  lab('lvef', '62');
  lab('bp.systolic', '122');
  lab('bp.diastolic', '76');
  for (const test of ['hbsag', 'hbcab', 'hiv', 'hcv.ab', 'syphilis']) form.tests[test] = { result: 'negative', date: '' };
  form.scores.ECOG = { grade: '1', date: '' };
  form.scores.NYHA = { grade: '1', date: '' };
  form.pregnancy = 'not-pregnant';
  form.lactation = 'not-lactating';
  form.allergy = 'low';
  form.procedures.hsct = { present: true, date: '2019-05-01' };
  return form;
}

/** The same entries as an API client writes them: canonical units and "active" left to their defaults. */
const apiRecord: ManualRecord = {
  sex: 'female',
  birthDate: '1988-04-02',
  conditions: [{ concept: 'aplastic-anemia', onset: '2025-12-01' }, { concept: 'malignancy', onset: '2012-03-01', active: false }],
  results: [
    { analyte: 'bilirubin.total', value: 0.7, unit: 'mg/dL', date: DAY, uln: 1.2 },
    { analyte: 'alt', value: 25, date: DAY, uln: 40 },
    { analyte: 'ast', value: 22, date: DAY, uln: 35 },
    { analyte: 'alp', value: 80, date: DAY, uln: 125 },
    { analyte: 'creatinine', value: 60, date: DAY, uln: 84 },
    { analyte: 'pt', value: 12, date: DAY, uln: 13.5 },
    { analyte: 'aptt', value: 30, date: DAY, uln: 37 },
    { analyte: 'inr', value: 1, date: DAY, uln: 1.2 },
    { analyte: 'lvef', value: 62, date: DAY },
    { analyte: 'bp.systolic', value: 122, unit: 'mm[Hg]', date: DAY },
    { analyte: 'bp.diastolic', value: 76, date: DAY },
  ],
  tests: ['hbsag', 'hbcab', 'hiv', 'hcv.ab', 'syphilis'].map((analyte) => ({ analyte, result: 'negative' as const, date: DAY })),
  scores: [{ scale: 'ECOG', grade: 1, date: DAY }, { scale: 'NYHA', grade: 1, date: DAY }],
  pregnancy: { pregnant: false, date: DAY },
  breastfeeding: { breastfeeding: false, date: DAY },
  procedures: [{ concept: 'hsct', date: '2019-05-01' }],
  allergies: [{ severe: false }],
};

async function pageBundle(form: PatientFormState) {
  const reading = await bundleFromForm(form, AS_OF);
  assert.ok(reading.ok, JSON.stringify(reading));
  return reading.bundle;
}

describe('one hand-entered patient (pure)', () => {
  test('the page and the API turn the same entries into the same FHIR Bundle, which screens the same', async () => {
    const fromPage = await pageBundle(filledForm());
    const fromApi = bundleFromManualRecord(apiRecord);
    assert.deepEqual(fromPage, fromApi);
    const screenedPage = screenRecord(RULES, fromPage, { asOf: AS_OF });
    assert.deepEqual(screenedPage, screenRecord(RULES, fromApi, { asOf: AS_OF }));
    assert.deepEqual(screenedPage.warnings, []);
    assert.equal(screenedPage.criteria.find((criterion) => criterion.id === 'inc-1')?.status, 'pass');
  });

  test('the Bundle carries the standard codes and the Eligo code of each concept', () => {
    const resources = bundleFromManualRecord(apiRecord).entry.map((entry) => entry.resource);
    const anaemia = resources.find((resource) => resource.id === 'condition-1') as unknown as { code: { coding: Array<{ system: string; code: string }> } };
    const systems = anaemia.code.coding.map((coding) => coding.system);
    assert.ok(systems.includes('http://hl7.org/fhir/sid/icd-10-cm'), systems.join(', '));
    assert.ok(anaemia.code.coding.some((coding) => coding.code === 'aplastic-anemia'));
  });

  test('an impossible value typed in the form is named on its field with the possible range, and nothing is built', async () => {
    const form = filledForm();
    form.measurements.alt = { ...form.measurements.alt, value: '-25' };
    const reading = await bundleFromForm(form, AS_OF);
    assert.deepEqual(reading, { ok: false, problems: [{ field: 'measurement-alt-value', expected: 'possible', range: { min: 0, max: 100_000, unit: 'U/L' } }] });
    const limit = filledForm();
    limit.measurements.creatinine = { ...limit.measurements.creatinine, upperLimit: '0' };
    const badLimit = await bundleFromForm(limit, AS_OF);
    assert.deepEqual(badLimit.ok ? [] : badLimit.problems, [{ field: 'measurement-creatinine-uln', expected: 'limit' }]);
  });
});

for (const backend of testBackends()) {
  describe(`one hand-entered patient over HTTP on ${backend.name}`, () => {
    let database: Awaited<ReturnType<typeof backend.open>>;
    let app: ReturnType<typeof createApp>;
    before(async () => {
      database = await backend.open({ seed: true });
      app = createApp(appDependencies(database));
    });
    after(async () => database?.dispose());

    const post = (path: string, contentType: string, body: unknown) => app.request(`/api/trials/NCT05794425/${path}?asOf=${AS_OF}`, { method: 'POST', headers: { 'content-type': contentType }, body: JSON.stringify(body) });

    test("the page's Bundle on /screen and the API's JSON on /screen/form give the same result", async () => {
      const page = await post('screen', 'application/fhir+json', await pageBundle(filledForm()));
      const api = await post('screen/form', 'application/json', apiRecord);
      assert.equal(page.status, 200);
      assert.equal(api.status, 200);
      assert.deepEqual(await page.json(), await api.json());
    });

    test('an impossible value on /screen/form is a 400 naming the field, the value and the possible range', async () => {
      const results = apiRecord.results!.map((result) => (result.analyte === 'alt' ? { ...result, value: -25 } : result));
      const response = await post('screen/form', 'application/json', { ...apiRecord, results });
      assert.equal(response.status, 400);
      const { error } = await response.json();
      assert.match(error.message, /results\.1\.value: expected a possible ALT \(alanine aminotransferase\): 0–100000 U\/L \(got -25\)/);
    });
  });
}
