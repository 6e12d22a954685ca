// Laboratory follow-up in a real browser against the real server: a coordinator opens an enrolled
// subject's labs page, enters a CBC and sees — while typing — the value in the canonical unit, the
// CTCAE grade and the edit checks (computed in the page by the server's own code); an impossible
// value blocks saving; after saving, the results table shows the grade the server stored, and a
// correction with its reason is re-graded; a FHIR export file imports. The same in Chinese.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startBrowserHarness, type BrowserHarness } from './fixtures/harness.ts';
import { createTestUser, signInFromGate, text, unexpectedErrors, type TestUser } from './fixtures/study-flow.ts';
import { enrolledSubject, installFollowUpStudies } from '../conduct/follow-up-fixtures.ts';
import { SITE_A, STUDY } from '../conduct/subject-fixtures.ts';
import type { Language } from '../../src/web/i18n/translate.ts';

let harness: BrowserHarness;
let coordinator: TestUser;
const subjects: string[] = [];

before(async () => {
  harness = await startBrowserHarness({
    async prepare(database) {
      const stores = await installFollowUpStudies(database.db);
      for (let n = 0; n < 2; n += 1) subjects.push((await enrolledSubject(database.db, stores, SITE_A)).subjectNumber);
    },
  });
  coordinator = await createTestUser(harness.database, 'labs.coord', [{ studyId: STUDY, siteCode: SITE_A, role: 'coordinator' }]);
});

after(async () => harness?.close());

const FHIR_BUNDLE = {
  resourceType: 'Bundle', type: 'collection', entry: [
    { resource: { resourceType: 'Observation', id: 'retic-1', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '14196-0' }] }, effectiveDateTime: '2026-11-20T08:00:00+08:00', valueQuantity: { value: 18000, unit: '/uL', system: 'http://unitsofmeasure.org', code: '/uL' } } },
    { resource: { resourceType: 'Observation', id: 'bp-1', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] }, effectiveDateTime: '2026-11-20', valueQuantity: { value: 120, unit: 'mm[Hg]' } } },
  ],
};

const row = (page: Page, analyte: string) => page.locator(`.lab-entry-table tr[data-analyte="${analyte}"]`);

async function enterCbc(page: Page, language: Language, subjectNumber: string): Promise<void> {
  await page.getByRole('heading', { level: 2, name: text(language, 'labs.entry.title') }).waitFor();
  // Platelets 20 ×10³/µL = 20 ×10⁹/L: grade 4 (< 25), shown before anything is saved.
  await row(page, 'platelets').locator('select').first().selectOption('10*3/uL');
  await row(page, 'platelets').locator('input').fill('20');
  const plateletGrade = row(page, 'platelets').locator('[data-term="Platelet count decreased"]');
  await plateletGrade.waitFor();
  assert.equal(await plateletGrade.getAttribute('data-grade'), '4');
  assert.match(await plateletGrade.innerText(), new RegExp(text(language, 'labs.grade.term', { term: 'Platelet count decreased', grade: 4 })));
  // Hemoglobin in g/dL: 7.5 g/dL = 75 g/L → Anemia grade 3 (< 80 g/L).
  await row(page, 'hemoglobin').locator('select').first().selectOption('g/dL');
  await row(page, 'hemoglobin').locator('input').fill('7.5');
  await row(page, 'hemoglobin').locator('[data-term="Anemia"][data-grade="3"]').waitFor();
  assert.match(await row(page, 'hemoglobin').innerText(), /= 75 g\/L/);
  // ANC above the WBC: refused (hard consistency check), saving is blocked until corrected.
  await row(page, 'wbc').locator('input').fill('1.2');
  await row(page, 'anc').locator('input').fill('1.5');
  await row(page, 'anc').locator('[data-check="consistency.anc-le-wbc"][data-severity="hard"]').waitFor();
  assert.equal(await page.getByRole('button', { name: text(language, 'labs.entry.submit') }).isDisabled(), true);
  await row(page, 'anc').locator('input').fill('0.4');
  await row(page, 'anc').locator('[data-term="Neutrophil count decreased"][data-grade="4"]').waitFor();
  assert.equal(await row(page, 'anc').locator('[data-check]').count(), 0);

  await page.getByRole('button', { name: text(language, 'labs.entry.submit') }).click();
  await page.getByText(text(language, 'labs.entry.saved.other', { count: 4 })).waitFor();
  const stored = page.locator('.lab-results-table tr[data-analyte="platelets"]');
  await stored.waitFor();
  assert.equal(await stored.locator('[data-term="Platelet count decreased"]').getAttribute('data-grade'), '4');
  assert.match(await stored.innerText(), /20 10\*9\/L/);

  // A correction with its reason: 30 ×10³/µL → re-graded 3 (25–50) by the server.
  await stored.getByRole('button', { name: text(language, 'labs.correct.open') }).click();
  const correction = stored.locator('[data-correction]');
  await correction.getByLabel(text(language, 'labs.entry.value')).fill('30');
  await correction.getByLabel(text(language, 'labs.entry.unit')).selectOption('10*3/uL');
  await correction.getByLabel(text(language, 'labs.correct.reason')).fill('transcription error');
  await correction.getByRole('button', { name: text(language, 'labs.correct.save') }).click();
  await page.locator('.lab-results-table tr[data-analyte="platelets"] [data-term="Platelet count decreased"][data-grade="3"]').waitFor();

  // The hospital system's FHIR export: a file that is not JSON is refused naming it; the Bundle imports
  // its reticulocytes (converted from /uL) and skips the blood pressure, saying why.
  const fileInput = page.locator('[data-fhir-import] input[type="file"]');
  await fileInput.setInputFiles({ name: 'export.txt', mimeType: 'text/plain', buffer: Buffer.from('not json') });
  await page.locator('[data-fhir-import]').getByRole('button', { name: text(language, 'labs.fhir.import') }).click();
  await page.getByText(text(language, 'labs.fhir.notJson', { file: 'export.txt' })).waitFor();
  await fileInput.setInputFiles({ name: 'observations.json', mimeType: 'application/fhir+json', buffer: Buffer.from(JSON.stringify(FHIR_BUNDLE)) });
  await page.locator('[data-fhir-import]').getByRole('button', { name: text(language, 'labs.fhir.import') }).click();
  await page.locator('[data-fhir-result="1 0 1"]').waitFor();
  const imported = page.locator('.lab-results-table tr[data-analyte="reticulocytes"]');
  await imported.waitFor();
  assert.match(await imported.innerText(), new RegExp(text(language, 'labs.results.source.fhir')));
  assert.match(await imported.innerText(), /18 10\*9\/L/);
  assert.ok(subjectNumber);
}

describe('laboratory follow-up in the browser', () => {
  for (const [index, language] of (['en', 'zh'] as const).entries()) {
    test(`a coordinator enters a CBC and sees the grades computed (${language})`, async () => {
      const subjectNumber = subjects[index];
      const { page, context, errors } = await harness.openPage(`/studies/${STUDY}/subjects/${subjectNumber}/labs`, { language });
      try {
        await signInFromGate(page, language, coordinator);
        await page.getByRole('heading', { level: 1, name: text(language, 'conduct.followUp.heading', { subject: subjectNumber, area: text(language, 'conduct.followUp.area.labs') }) }).waitFor();
        await enterCbc(page, language, subjectNumber);
        assert.deepEqual(unexpectedErrors(errors), []);
      } catch (error) {
        if (process.env.STUDY_TEST_SHOTS) await page.screenshot({ path: `${process.env.STUDY_TEST_SHOTS}/labs-failed-${Date.now()}.png`, fullPage: true });
        throw error;
      } finally {
        await context.close();
      }
    });
  }
});
