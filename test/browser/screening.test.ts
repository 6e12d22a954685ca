// Screening a patient in the web app: the pure pieces in Node (units offered, the hand-entered
// Bundle read back by the real FHIR reader, the file reader), then the pages in Chromium against the
// real server — fixture patients uploaded, a patient entered by hand, the printed summary, the
// ranking over all recruiting trials and the patient questionnaire in Chinese.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
// The server first: @hono/zod-openapi must extend zod before core schemas are built (routes call .openapi on them).
import { startBrowserHarness, type BrowserHarness } from './fixtures/harness.ts';
import { join } from 'node:path';
import { ANALYTES } from '../../src/core/clinical/tables/analytes.ts';
import { toCanonicalUnit } from '../../src/core/patient/units.ts';
import { parseRuleSet } from '../../src/eligibility/rule-sets.ts';
import { screenRecord } from '../../src/eligibility/screening.ts';
import { bundleFromManualRecord, type ManualRecordParsed } from '../../src/core/patient/manual.ts';
import { emptyPatientForm, patientFromForm } from '../../src/web/screening/patient-form-state.ts';
import { readPatientFile } from '../../src/web/screening/patient-file.ts';
import { ruleNeeds } from '../../src/web/screening/rule-needs.ts';
import { unitOptions } from '../../src/web/screening/unit-options.ts';
import { COMMON_PANEL, commonNeeds } from '../../src/web/screening/common-needs.ts';
import { CONCEPTS } from '../../src/core/clinical/tables/conditions.ts';
import { SCALES_TABLE } from '../../src/core/clinical/tables/scales.ts';
import { validateSiteRanges } from '../../src/eligibility/site-ranges.ts';
import { replaceSiteRanges } from '../../src/store/site-ranges.ts';
import { SHARED_DIR } from '../support/shared.ts';

const PATIENTS = join(SHARED_DIR, 'fixtures', 'patients');
const AS_OF = '2026-03-01';
const hebeiRules = parseRuleSet(JSON.parse(readFileSync('data/seed-trials/NCT03055078.rules.json', 'utf8')), 'NCT03055078.rules.json');
const multicentreRules = parseRuleSet(JSON.parse(readFileSync('data/seed-trials/NCT05794425.rules.json', 'utf8')), 'NCT05794425.rules.json');

describe('hand entry (pure)', () => {
  test('every unit the form offers converts to the analyte’s canonical unit', () => {
    for (const analyte of ANALYTES.filter((candidate) => candidate.kind === 'quantity')) {
      for (const unit of unitOptions(analyte)) {
        const converted = toCanonicalUnit(1, unit, analyte);
        assert.ok(converted.ok, `${analyte.key}: ${unit} → ${analyte.unit}: ${converted.ok ? '' : converted.message}`);
      }
    }
    const bilirubin = ANALYTES.find((analyte) => analyte.key === 'bilirubin.total')!;
    assert.deepEqual(unitOptions(bilirubin), ['umol/L', 'mg/dL']);
  });

  test('the needs of the multicentre seed offer each bone-marrow-failure diagnosis, the × ULN labs with a limit, and pregnancy', () => {
    const needs = ruleNeeds(multicentreRules.criteria.map((criterion) => criterion.rule));
    const conditions = needs.conditions.map((concept) => concept.id);
    for (const id of ['bone-marrow-failure', 'aplastic-anemia', 'immune-related-pancytopenia', 'cytopenia-of-unknown-significance']) assert.ok(conditions.includes(id), id);
    const bilirubin = needs.measurements.find((need) => need.analyte.key === 'bilirubin.total');
    assert.equal(bilirubin?.needsUpperLimit, true);
    assert.equal(needs.measurements.find((need) => need.analyte.key === 'lvef')?.needsUpperLimit, false);
    assert.ok(needs.tests.some((analyte) => analyte.key === 'hbsag'));
    assert.ok(needs.pregnancy && needs.lactation);
  });

  const hebeiPatient: ManualRecordParsed = {
    birthDate: '1990-05-04',
    sex: 'male',
    conditions: [{ concept: 'aplastic-anemia', onset: '2026-01-10', active: true }],
    results: [
      { analyte: 'lvef', value: 62, unit: '%', date: '2026-02-20' },
      { analyte: 'anc', value: 900, unit: '/uL', date: '2026-02-20' },
      { analyte: 'platelets', value: 35, unit: '10*9/L', date: '2026-02-20' },
      { analyte: 'reticulocytes', value: 40, unit: '10*9/L', date: '2026-02-20' },
    ],
    tests: [],
    scores: [{ scale: 'ECOG', grade: 1, date: '2026-02-20' }, { scale: 'NYHA', grade: 1, date: '2026-02-20' }],
    medications: [],
    procedures: [],
    allergies: [],
  };

  test('a hand-entered patient becomes a Bundle the FHIR reader understands: no warnings, criteria decided', () => {
    const result = screenRecord(hebeiRules, bundleFromManualRecord(hebeiPatient), { asOf: AS_OF });
    assert.deepEqual(result.warnings, []);
    const status = Object.fromEntries(result.criteria.map((criterion) => [criterion.id, criterion.status]));
    assert.equal(status['inc-2'], 'pass', 'age 35');
    assert.equal(status['inc-3'], 'pass', 'AA onset within six months');
    assert.equal(status['inc-5'], 'pass', 'LVEF 62 %');
    assert.equal(status['exc-1'], 'pass', 'non-severe AA: ANC 0.9 ×10⁹/L converted from /uL');
    assert.equal(result.verdict, 'eligible');
  });

  test('a Eligo-only concept (no standard code) and a lab upper limit reach the evaluator', () => {
    const result = screenRecord(
      multicentreRules,
      bundleFromManualRecord({
        ...hebeiPatient,
        conditions: [{ concept: 'immune-related-pancytopenia', onset: '2025-11-01', active: true }],
        results: [{ analyte: 'bilirubin.total', value: 2.1, unit: 'mg/dL', date: '2026-02-20', uln: 1.2 }],
      }),
      { asOf: AS_OF },
    );
    const inc1 = result.criteria.find((criterion) => criterion.id === 'inc-1');
    assert.equal(inc1?.status, 'pass');
    const bilirubin = result.criteria.find((criterion) => criterion.id === 'inc-2')?.evidence.find((item) => item.label === 'total bilirubin');
    assert.equal(bilirubin?.limit?.source, 'observation');
    assert.equal(bilirubin?.outcome, 'false', '2.1 mg/dL with ULN 1.2 mg/dL is 1.75 × ULN: not ≤ 1.5 × ULN');
    assert.equal(bilirubin?.ratio, 1.75);
    assert.equal(result.criteria.find((criterion) => criterion.id === 'inc-2')?.status, 'fail');
  });

  test('the form names each wrongly filled field and builds nothing', () => {
    const needs = ruleNeeds(hebeiRules.criteria.map((criterion) => criterion.rule));
    const form = emptyPatientForm(needs, AS_OF);
    form.birthDate = '1990-13-01';
    form.measurements.lvef = { ...form.measurements.lvef, value: '6o' };
    form.resultsDate = '';
    form.measurements.platelets = { ...form.measurements.platelets, value: '35' };
    const reading = patientFromForm(form, AS_OF);
    assert.equal(reading.ok, false);
    assert.deepEqual(reading.ok ? [] : reading.problems, [
      { field: 'patient-birth-date', expected: 'date' },
      { field: 'measurement-lvef-value', expected: 'number' },
      { field: 'measurement-platelets-date', expected: 'dateFor' },
    ]);
  });

  test('the file reader takes a Bundle, one resource or NDJSON, and names the line that is not FHIR', () => {
    const bundle = readPatientFile('{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Patient"}}]}');
    assert.deepEqual(bundle.ok && bundle.record.contentType, 'application/fhir+json');
    const single = readPatientFile('{"resourceType":"Patient","id":"p"}');
    assert.equal(single.ok && single.record.contentType, 'application/x-ndjson');
    const ndjson = readPatientFile('{"resourceType":"Patient"}\n{"resourceType":"Observation"}\n');
    assert.equal(ndjson.ok && ndjson.resources, 2);
    assert.deepEqual(readPatientFile('{"resourceType":"Patient"}\n{"name":"x"}'), { ok: false, problem: 'notFhir', line: 2 });
    assert.deepEqual(readPatientFile('{"resourceType":"Patient"}\nnot json'), { ok: false, problem: 'notJson', line: 2 });
    assert.deepEqual(readPatientFile('  '), { ok: false, problem: 'empty' });
    assert.deepEqual(readPatientFile('[1,2]'), { ok: false, problem: 'notFhir' });
  });
});

describe('common screening panel for all trials (pure)', () => {
  const catalog = {
    analytes: ANALYTES.map((a) => ({ key: a.key, kind: a.kind, short: a.short, label: a.label, unit: a.unit, loinc: [...a.loinc] })),
    concepts: CONCEPTS.map((c) => ({ id: c.id, domain: c.domain, label: c.label })),
    scales: SCALES_TABLE.map((scale) => ({ id: scale.id, label: scale.label, grades: [...scale.grades] })),
  };

  test('every panel entry is in the catalog, liver and kidney limits ask for the upper limit of normal', () => {
    const needs = commonNeeds(catalog);
    assert.deepEqual(needs.measurements.map((m) => m.analyte.key), COMMON_PANEL.measurements.map((m) => m.key));
    assert.deepEqual(needs.measurements.filter((m) => m.needsUpperLimit).map((m) => m.analyte.key), ['bilirubin.total', 'alt', 'ast', 'creatinine']);
    assert.deepEqual(needs.tests.map((a) => a.key), [...COMMON_PANEL.tests]);
    assert.deepEqual(needs.scales, ['ECOG']);
    assert.ok(needs.conditions.some((c) => c.id === 'aplastic-anemia'));
    assert.equal(needs.age && needs.sex && needs.pregnancy && needs.lactation, true);
  });

  test('an entry the server does not know is not offered', () => {
    const needs = commonNeeds({ ...catalog, analytes: catalog.analytes.filter((a) => a.key !== 'lvef' && a.key !== 'hiv'), concepts: catalog.concepts.filter((c) => c.id !== 'hsct') });
    assert.equal(needs.measurements.some((m) => m.analyte.key === 'lvef'), false);
    assert.equal(needs.tests.some((a) => a.key === 'hiv'), false);
    assert.deepEqual(needs.procedures, []);
  });
});

describe('screening pages', () => {
  let harness: BrowserHarness;
  before(async () => {
    harness = await startBrowserHarness({
      prepare: async (database) => {
        const ranges = validateSiteRanges('qilu-01', [{ analyte: 'bilirubin.total', high: 19, unit: 'umol/L', effectiveFrom: '2025-01-01' }, { analyte: 'alt', high: 40, unit: 'U/L', effectiveFrom: '2025-01-01' }]);
        await replaceSiteRanges(database.db, 'qilu-01', ranges);
      },
    });
  });
  after(async () => {
    await harness?.close();
  });

  async function uploadAndCheck(nctId: string, patientFile: string) {
    const opened = await harness.openPage(`/trials/${nctId}/check`);
    const { page } = opened;
    await page.getByLabel('Screening date (as of)').fill(AS_OF);
    await page.getByLabel(/FHIR R4 file/).setInputFiles(join(PATIENTS, patientFile));
    await page.getByText(/Read \d+ resources?\./).waitFor();
    await page.getByRole('button', { name: 'Check eligibility' }).click();
    await page.getByRole('heading', { name: 'Screening result' }).waitFor();
    return opened;
  }

  test('the trial page links to "Check a patient"; the LVEF-low patient is not eligible, LVEF failing', async () => {
    const { page, context, errors } = await harness.openPage('/trials/NCT05794425');
    try {
      await page.locator('.trial-actions').getByRole('link', { name: 'Check a patient' }).click();
      await page.waitForURL(/\/trials\/NCT05794425\/check$/);
      await page.getByRole('heading', { name: 'Check a patient', level: 1 }).waitFor();
    } finally {
      await context.close();
    }
    assert.deepEqual(errors, []);

    const opened = await uploadAndCheck('NCT05794425', 'm-lvef-low.json');
    try {
      const { page } = opened;
      assert.match(await page.locator('.verdict').innerText(), /Not eligible/);
      const lvef = page.locator('tr[data-criterion="inc-4"]');
      assert.match(await lvef.innerText(), /ejection fraction/i);
      assert.match(await lvef.locator('.screen-status').innerText(), /✗\s*Not met/);
      // Patient data never reach the address bar.
      assert.equal(new URL(page.url()).search, '');
      assert.deepEqual(opened.errors, []);
    } finally {
      await opened.context.close();
    }
  });

  test('the patient without LVEF is incomplete, with LVEF on the to-do list, and prints without navigation', async () => {
    const { page, context, errors } = await uploadAndCheck('NCT05794425', 'm-no-lvef.json');
    try {
      assert.match(await page.locator('.verdict').innerText(), /Incomplete/);
      const todo = page.getByRole('region', { name: 'Data still needed' });
      assert.match(await todo.innerText(), /LVEF/);
      assert.match(await page.locator('tr[data-criterion="inc-4"] .screen-status').innerText(), /\?\s*Unknown/);
      const checklist = page.getByRole('group', { name: 'To be confirmed by the study team' });
      assert.ok((await checklist.getByRole('checkbox').count()) > 0);

      await page.getByLabel(/Patient name or initials/).fill('W. L.');
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('header.site-header').isVisible(), false, 'navigation hidden in print');
      assert.equal(await page.locator('.screening-form').isVisible(), false, 'the form is not printed');
      assert.equal(await page.getByRole('button', { name: 'Print summary' }).isVisible(), false);
      assert.ok(await page.locator('.criteria-table').isVisible());
      const printed = await page.locator('.screening-result').innerText();
      assert.match(printed, /NCT05794425/);
      assert.match(printed, /2026-03-01/);
      assert.match(printed, /W\. L\./);
      await page.emulateMedia({ media: 'screen' });
      assert.ok(await page.locator('header.site-header').isVisible());
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a patient of NCT03055078 entered by hand gets a verdict; a bad value is named first', async () => {
    const { page, context, errors } = await harness.openPage('/trials/NCT03055078/check');
    try {
      await page.getByLabel('Screening date (as of)').fill(AS_OF);
      await page.getByLabel('Enter the patient by hand').check();
      await page.getByLabel('Date of birth').fill('1990-05-04');
      await page.getByRole('combobox', { name: /^Sex/ }).selectOption('male');
      await page.getByLabel('Date of the results').fill('2026-02-20');
      await page.getByRole('checkbox', { name: 'aplastic anemia', exact: true }).check();
      await page.locator('#condition-aplastic-anemia-onset').fill('2026-01-10');
      await page.locator('#measurement-lvef-value').fill('6O');
      await page.getByRole('button', { name: 'Check eligibility' }).click();
      await page.getByText('Expected a number, e.g. 12.5.').waitFor();
      assert.equal(await page.getByRole('heading', { name: 'Screening result' }).count(), 0, 'nothing sent while a field is wrong');

      await page.locator('#measurement-lvef-value').fill('62');
      await page.locator('#measurement-anc-value').fill('900');
      await page.getByRole('combobox', { name: /^Unit — absolute neutrophil count/ }).selectOption('/uL');
      await page.locator('#measurement-platelets-value').fill('35');
      await page.locator('#measurement-reticulocytes-value').fill('40');
      await page.getByRole('combobox', { name: /^ECOG performance status/ }).selectOption('1');
      await page.getByRole('button', { name: 'Check eligibility' }).click();
      await page.getByRole('heading', { name: 'Screening result' }).waitFor();
      assert.match(await page.locator('.verdict').innerText(), /Eligible/);
      assert.match(await page.locator('tr[data-criterion="inc-5"]').innerText(), /62 %/);
      assert.match(await page.locator('tr[data-criterion="inc-2"] .screen-status').innerText(), /Met/);
      assert.match(await page.locator('tr[data-criterion="inc-7"] .screen-status').innerText(), /To confirm/);
      assert.equal(new URL(page.url()).search, '');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('"Check a patient" in the navigation ranks the recruiting trials for an uploaded record', async () => {
    const { page, context, errors } = await harness.openPage('/');
    try {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Check a patient' }).click();
      await page.getByRole('heading', { name: 'Check a patient against all recruiting trials', level: 1 }).waitFor();
      await page.getByLabel('Screening date (as of)').fill(AS_OF);
      await page.getByLabel(/FHIR R4 file/).setInputFiles(join(PATIENTS, 'm-aa-ok.json'));
      await page.getByText(/Read \d+ resources?\./).waitFor();
      await page.getByRole('button', { name: 'Check all recruiting trials' }).click();
      const ranking = page.getByRole('region', { name: /trials? checked/ });
      await ranking.waitFor();
      const first = ranking.locator('.ranking-item').first();
      assert.match(await first.innerText(), /NCT05794425/);
      assert.match(await first.locator('.verdict').innerText(), /Eligible/);
      assert.match(await first.innerText(), /Criteria: \d+ met · 0 not met · 0 unknown · \d+ to confirm/);
      assert.match(await ranking.innerText(), /1 eligible · 0 incomplete · 0 not eligible/);
      // The list is the summary; the full result is fetched when opened.
      assert.equal(await first.locator('.criteria-table').count(), 0);
      const request = page.waitForRequest((r) => r.url().includes('/api/trials/NCT05794425/screen'));
      await first.getByRole('button', { name: 'Show the full result' }).click();
      assert.equal(new URL((await request).url()).searchParams.get('asOf'), AS_OF);
      await first.getByRole('heading', { name: 'Screening result' }).waitFor();
      assert.ok((await first.locator('.criteria-table tbody tr').count()) > 10);
      // In Chinese the points to confirm are the rules' own translations (the region's name is Chinese now too).
      await page.getByRole('button', { name: '简体中文' }).click();
      const opened = page.locator('.ranking-item[data-trial="NCT05794425"]');
      const confirm = opened.locator('.screening-confirm');
      await confirm.getByText('患者自愿参加本研究，并已签署知情同意书').waitFor();
      assert.doesNotMatch(await confirm.innerText(), /The patient volunteers/);
      await opened.getByRole('button', { name: '收起完整结果' }).click();
      assert.equal(await opened.locator('.criteria-table').isVisible(), false);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the site is chosen from the sites with reference ranges, and screening uses its ranges', async () => {
    const { page, context, errors } = await harness.openPage('/trials/NCT05794425/check');
    try {
      const site = page.getByRole('combobox', { name: /^Site/ });
      await site.locator('option', { hasText: 'qilu-01 (2 reference ranges)' }).waitFor({ state: 'attached' });
      assert.deepEqual(await site.locator('option').allInnerTexts(), ['No site — the lab’s or the default ranges', 'qilu-01 (2 reference ranges)']);
      await site.selectOption('qilu-01');
      await page.getByLabel('Screening date (as of)').fill(AS_OF);
      await page.getByLabel(/FHIR R4 file/).setInputFiles(join(PATIENTS, 'm-aa-ok.json'));
      await page.getByText(/Read \d+ resources?\./).waitFor();
      const request = page.waitForRequest((r) => r.url().includes('/api/trials/NCT05794425/screen'));
      await page.getByRole('button', { name: 'Check eligibility' }).click();
      const sent = new URL((await request).url());
      assert.equal(sent.searchParams.get('site'), 'qilu-01');
      await page.getByRole('heading', { name: 'Screening result' }).waitFor();
      assert.equal(new URL(page.url()).search, '');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('all recruiting trials can be checked for a patient entered by hand, a bad value named first', async () => {
    const { page, context, errors } = await harness.openPage('/check');
    try {
      await page.getByLabel('Screening date (as of)').fill(AS_OF);
      await page.getByLabel('Enter the patient by hand').check();
      await page.getByLabel('Date of birth').fill('1990-05-04');
      await page.getByRole('combobox', { name: /^Sex/ }).selectOption('male');
      await page.getByLabel('Date of the results').fill('2026-02-20');
      await page.getByRole('checkbox', { name: 'aplastic anemia', exact: true }).check();
      await page.locator('#condition-aplastic-anemia-onset').fill('2026-01-10');
      await page.locator('#measurement-lvef-value').fill('sixty');
      await page.getByRole('button', { name: 'Check all recruiting trials' }).click();
      await page.getByText('Expected a number, e.g. 12.5.').waitFor();
      assert.equal(await page.getByRole('region', { name: /trials? checked/ }).count(), 0, 'nothing sent while a field is wrong');
      await page.locator('#measurement-lvef-value').fill('62');
      await page.locator('#measurement-platelets-value').fill('35');
      const rankRequest = page.waitForRequest((r) => r.url().includes('/api/screen?'));
      await page.getByRole('button', { name: 'Check all recruiting trials' }).click();
      const sent = new URL((await rankRequest).url()).searchParams;
      assert.deepEqual([sent.get('limit'), sent.get('detail')], ['50', 'summary']);
      const ranking = page.getByRole('region', { name: /trials? checked/ });
      await ranking.waitFor();
      // The multicentre seed is the open one; the hand-entered record lacks most of its tests.
      const multicentre = ranking.locator('.ranking-item', { hasText: 'NCT05794425' });
      await multicentre.waitFor();
      assert.match(await multicentre.locator('.verdict').innerText(), /Incomplete/);
      assert.match(await multicentre.innerText(), /HBsAg|hepatitis B/i);
      assert.equal(new URL(page.url()).search, '');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the questionnaire in Chinese tells a 13-year-old the study is probably not for them', async () => {
    const { page, context, errors } = await harness.openPage('/trials/NCT03055078');
    try {
      await page.getByRole('button', { name: '简体中文' }).click();
      const section = page.getByRole('region', { name: '这项研究适合我吗？' });
      await section.waitFor();
      await section.getByLabel('您今年多大年龄？').fill('13');
      await section.getByRole('group', { name: '医生是否告诉过您患有再生障碍性贫血？' }).getByLabel('是').check();
      await section.getByRole('button', { name: '查看结果' }).click();
      const verdict = section.locator('.questionnaire-verdict');
      await verdict.waitFor();
      assert.match(await verdict.innerText(), /本研究可能不适合您/);
      assert.match(await verdict.innerText(), /14/);
      assert.ok(await verdict.getByRole('link', { name: '联系研究中心' }).isVisible());
      assert.equal(new URL(page.url()).search, '', 'answers never go into the URL');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
