// Adverse events in a real browser against the real server: an investigator opens an enrolled
// subject's adverse-events page, picks a lab term and the stored result and sees the CTCAE v5.0 grade
// computed against the baseline before saving (a count no worse than the baseline's grade is refused
// as a shift, §4d); an event resolved before it began is refused naming the field; the saved events
// show their grade, and a serious one its expedited reports with their deadline. The same in Chinese.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startBrowserHarness, type BrowserHarness } from './fixtures/harness.ts';
import { createTestUser, signInFromGate, text, unexpectedErrors, type TestUser } from './fixtures/study-flow.ts';
import { enrolledSubject, installFollowUpStudies } from '../conduct/follow-up-fixtures.ts';
import { coordinatorAt, fixedClock, SITE_A, STUDY } from '../conduct/subject-fixtures.ts';
import { labService } from '../../src/conduct/labs/service.ts';
import { PROBLEM_ZH } from '../../src/web/i18n/problems.zh.ts';
import type { Language } from '../../src/web/i18n/translate.ts';

let harness: BrowserHarness;
let investigator: TestUser;
const subjects: string[] = [];

before(async () => {
  harness = await startBrowserHarness({
    async prepare(database) {
      const stores = await installFollowUpStudies(database.db);
      const labs = labService({ stores, clock: fixedClock(new Date()) });
      for (let n = 0; n < 2; n += 1) {
        const subject = await enrolledSubject(database.db, stores, SITE_A);
        subjects.push(subject.subjectNumber);
        // Baseline platelets 30 (grade 3), then 20 (grade 4: worse than baseline) and 40 (better: a shift, not an event).
        for (const [collectedOn, value] of [[subject.enrolledOn, 30], ['2026-09-20', 20], ['2026-10-05', 40]] as const) {
          await labs.recordPanel(coordinatorAt(SITE_A), { studyId: STUDY, subjectNumber: subject.subjectNumber, collectedOn, panel: 'cbc', results: [{ analyte: 'platelets', value, unit: '10*9/L' }] });
        }
      }
    },
  });
  investigator = await createTestUser(harness.database, 'ae.investigator', [{ studyId: STUDY, siteCode: SITE_A, role: 'investigator' }]);
});

after(async () => harness?.close());

const form = (page: Page) => page.locator('[data-ae-form]');

async function chooseLabResult(page: Page, value: number): Promise<void> {
  const option = form(page).locator('select[name="labResultId"] option').filter({ hasText: new RegExp(`— ${value} 10\\*9/L`) });
  await form(page).locator('select[name="labResultId"]').selectOption((await option.getAttribute('value'))!);
}

async function notRelated(page: Page): Promise<void> {
  const selects = form(page).locator('select[name^="relatedness-"]');
  for (let i = 0; i < await selects.count(); i += 1) await selects.nth(i).selectOption('not_related');
}

async function submit(page: Page, language: Language): Promise<void> {
  await form(page).getByRole('button', { name: text(language, 'ae.entry.submit') }).click();
}

async function recordEvents(page: Page, language: Language): Promise<void> {
  await page.getByRole('heading', { level: 2, name: text(language, 'ae.title') }).waitFor();
  // A lab term graded from the stored result against the baseline: 20 after a baseline of 30 → grade 4.
  await form(page).locator('input[name="term"]').fill('Platelet count decreased');
  await chooseLabResult(page, 40);
  await form(page).locator('[data-grade-preview="refused"][data-code="baseline_shift"]').waitFor();
  await chooseLabResult(page, 20);
  const preview = form(page).locator('[data-grade-preview="computed"]');
  await preview.waitFor();
  assert.match(await preview.innerText(), /4 —/);
  await form(page).locator('input[name="onsetOn"]').fill('2026-09-20');
  await notRelated(page);

  // Resolved before it began: refused, the field marked, nothing saved.
  await form(page).locator('input[name="resolvedOn"]').fill('2026-09-10');
  await submit(page, language);
  const problem = page.locator('[data-problem-message]');
  await problem.waitFor();
  if (language === 'zh') assert.equal(await problem.innerText(), PROBLEM_ZH.resolved_before_onset);
  else assert.match(await problem.innerText(), /resolvedOn.*2026-09-10/);
  assert.equal(await form(page).locator('input[name="resolvedOn"]').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('tr[data-ae]').count(), 0, 'nothing saved');

  await form(page).locator('input[name="resolvedOn"]').fill('2026-09-27');
  await submit(page, language);
  await form(page).getByText(text(language, 'ae.entry.saved', { number: 1 })).waitFor();
  const graded = page.locator('tr[data-ae="1"]');
  await graded.waitFor();
  assert.equal(await graded.getAttribute('data-grade'), '4');
  assert.equal(await graded.getAttribute('data-serious'), 'no');

  // A serious clinical event graded by the investigator: its reports to the sponsor (24 h) are due.
  await form(page).locator('input[name="term"]').fill('Lung infection');
  await form(page).locator('select[name="grade"]').selectOption('3');
  await form(page).locator('input[name="serious"]').check();
  await form(page).locator('input[name="seriousness-hospitalization"]').check();
  await notRelated(page);
  await submit(page, language);
  await form(page).getByText(text(language, 'ae.entry.saved', { number: 2 })).waitFor();
  const serious = page.locator('tr[data-ae="2"]');
  await serious.waitFor();
  assert.equal(await serious.getAttribute('data-serious'), 'yes');
  assert.equal(await serious.getAttribute('data-grade'), '3');
  await serious.locator('[data-report][data-status="due"]').first().waitFor();
  // The site reports it to the sponsor: the report is done.
  await serious.locator('[data-mark-report="sponsor"]').click();
  await page.locator('tr[data-ae="2"] [data-report][data-status="done"]').first().waitFor();
}

describe('adverse events in the browser', () => {
  for (const [index, language] of (['en', 'zh'] as const).entries()) {
    test(`an investigator records adverse events with their CTCAE grade and reports (${language})`, async () => {
      const subjectNumber = subjects[index];
      const { page, context, errors } = await harness.openPage(`/studies/${STUDY}/subjects/${subjectNumber}/adverse-events`, { language });
      try {
        await signInFromGate(page, language, investigator);
        await page.getByRole('heading', { level: 1, name: text(language, 'conduct.followUp.heading', { subject: subjectNumber, area: text(language, 'conduct.followUp.area.adverse-events') }) }).waitFor();
        await recordEvents(page, language);
        assert.deepEqual(unexpectedErrors(errors).filter((error) => !/status of 400/.test(error)), [], 'only the refused resolution date');
      } catch (error) {
        if (process.env.STUDY_TEST_SHOTS) await page.screenshot({ path: `${process.env.STUDY_TEST_SHOTS}/adverse-events-failed-${Date.now()}.png`, fullPage: true });
        throw error;
      } finally {
        await context.close();
      }
    });
  }
});
