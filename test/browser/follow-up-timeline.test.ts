// The subject timeline in a real browser, in English and in Chinese: a subject enrolled about 100 days
// ago with severe counts and a red-cell transfusion at baseline; the coordinator enters the month-3
// CBC on the labs page, then opens the timeline and sees the counts charted, the grade-free recovery
// and the response derived from the new counts (complete: counts normal, no transfusion for 56 days).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { createSubjectServices } from '../../src/conduct/subject-services.ts';
import type { Language } from '../../src/web/i18n/translate.ts';
import { startBrowserHarness, type BrowserHarness } from './fixtures/harness.ts';
import { createTestUser, signInFromGate, text, unexpectedErrors, type TestUser } from './fixtures/study-flow.ts';
import { enrolledSubject, SEED_VISITS } from '../conduct/follow-up-fixtures.ts';
import { coordinatorAt, fixedClock, installTestStudies, SITE_A, STUDY, testProtocol } from '../conduct/subject-fixtures.ts';

let harness: BrowserHarness;
let coordinator: TestUser;
const subjects: string[] = [];
const DAY = 86_400_000;

before(async () => {
  harness = await startBrowserHarness({
    async prepare(database) {
      const stores = await installTestStudies(database.db, { protocol: testProtocol({ visits: SEED_VISITS, responseScheme: 'bsh-2016' }) });
      const enrolledAt = new Date(Date.now() - 100 * DAY);
      const day0 = enrolledAt.toISOString().slice(0, 10);
      for (let n = 0; n < 2; n += 1) {
        const subject = await enrolledSubject(database.db, stores, SITE_A, enrolledAt);
        const services = createSubjectServices(stores, fixedClock(new Date(enrolledAt.getTime() + 3600_000)));
        const staff = coordinatorAt(SITE_A);
        await services.labs.recordPanel(staff, {
          studyId: STUDY, subjectNumber: subject.subjectNumber, collectedOn: day0, panel: 'cbc',
          results: [{ analyte: 'hemoglobin', value: 62, unit: 'g/L' }, { analyte: 'anc', value: 0.3, unit: '10*9/L' }, { analyte: 'wbc', value: 1.1, unit: '10*9/L' }, { analyte: 'platelets', value: 12, unit: '10*9/L' }],
        });
        await services.labs.recordTransfusion(staff, { studyId: STUDY, subjectNumber: subject.subjectNumber, givenOn: day0, product: 'RBC', units: 2, preHb: { value: 62, unit: 'g/L' } });
        subjects.push(subject.subjectNumber);
      }
    },
  });
  coordinator = await createTestUser(harness.database, 'timeline.coord', [{ studyId: STUDY, siteCode: SITE_A, role: 'coordinator' }]);
});

after(async () => harness?.close());

const row = (page: Page, analyte: string) => page.locator(`.lab-entry-table tr[data-analyte="${analyte}"]`);

async function enterRecoveredCbc(page: Page, language: Language): Promise<void> {
  await page.getByRole('heading', { level: 2, name: text(language, 'labs.entry.title') }).waitFor();
  for (const [analyte, value] of [['hemoglobin', '138'], ['wbc', '5.2'], ['anc', '2.4'], ['platelets', '190']] as const) await row(page, analyte).locator('input').fill(value);
  // Recovered counts grade 0 for thrombocytopenia: the grade shown as the user types.
  await row(page, 'platelets').locator('[data-term="Platelet count decreased"]').waitFor();
  await page.getByRole('button', { name: text(language, 'labs.entry.submit') }).click();
  await page.getByText(text(language, 'labs.entry.saved.other', { count: 4 })).waitFor();
}

describe('the subject timeline in the browser', () => {
  for (const [index, language] of (['en', 'zh'] as const).entries()) {
    test(`labs entered at month 3 update the timeline's counts and the response (${language})`, async () => {
      const subjectNumber = subjects[index];
      const { page, context, errors } = await harness.openPage(`/studies/${STUDY}/subjects/${subjectNumber}/labs`, { language });
      try {
        await signInFromGate(page, language, coordinator);
        await enterRecoveredCbc(page, language);
        await page.getByRole('link', { name: text(language, 'conduct.followUp.area.timeline') }).click();
        await page.getByRole('heading', { level: 2, name: text(language, 'assessment.timeline.title', { subject: subjectNumber }) }).waitFor();
        await page.locator('.plot-chart svg').nth(2).waitFor();
        assert.ok((await page.locator('.plot-chart svg').count()) >= 3, 'Hb, ANC and platelets are charted');
        const response = page.locator('.current-response');
        await response.waitFor();
        assert.equal(await response.getAttribute('data-response'), 'complete', await response.innerText());
        assert.match(await response.innerText(), new RegExp(text(language, 'assessment.response.complete')));
        assert.match(await page.locator('.current-severity').innerText(), new RegExp(text(language, 'assessment.current.severity', { severity: '' }).trim()));
        assert.deepEqual(unexpectedErrors(errors), []);
      } catch (error) {
        if (process.env.STUDY_TEST_SHOTS) await page.screenshot({ path: `${process.env.STUDY_TEST_SHOTS}/timeline-failed-${Date.now()}.png`, fullPage: true });
        throw error;
      } finally {
        await context.close();
      }
    });
  }
});
