// The visits page in a real browser, in English and in Chinese: the site's coordinator sees the visit
// on the home's attention list, opens the subject's calendar, records the screening visit (dated
// today, after its window: saved with the out-of-window warning), and records a cyclosporine A dose
// above the protocol's 3–5 mg/kg/day — the dose check warns as the dose is typed, and the saved
// administration carries the warning and its data query; a correction with a reason brings it in range.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SiteView } from '../../src/conduct/model.ts';
import type { Language } from '../../src/web/i18n/translate.ts';
import { enrolledSubjectToday } from './fixtures/enrolled-subject.ts';
import { startBrowserHarness, type BrowserHarness } from './fixtures/harness.ts';
import { apiSession, createTestUser, signInFromGate, STUDY, text, unexpectedErrors, type TestUser } from './fixtures/study-flow.ts';

let harness: BrowserHarness;
let siteA: string;
let coordinator: TestUser;
const subjects: string[] = [];


before(async () => {
  harness = await startBrowserHarness();
  const monitor = await createTestUser(harness.database, 'monitor.v', [{ studyId: STUDY, siteCode: null, role: 'monitor' }]);
  const sites = (await (await apiSession(harness.url, monitor))(`/api/studies/${STUDY}/sites`)) as SiteView[];
  siteA = sites.filter((site) => site.status === 'active')[0].siteCode;
  coordinator = await createTestUser(harness.database, 'coord.v', [{ studyId: STUDY, siteCode: siteA, role: 'coordinator' }]);
  subjects.push(await enrolledSubjectToday(harness.database, siteA, 'V'), await enrolledSubjectToday(harness.database, siteA, 'V'));
});

after(async () => harness?.close());

async function recordVisitAndDose(language: Language, subjectNumber: string): Promise<void> {
  const site = await harness.openPage(`/studies/${STUDY}`, { language });
  try {
    await signInFromGate(site.page, language, coordinator);
    // The home lists the subject's baseline visit (target today) as due, linking to the calendar.
    const panel = site.page.locator(`[data-visits-attention="${siteA}"]`);
    await panel.getByRole('heading', { level: 2, name: text(language, 'visits.attention.title') }).waitFor();
    await panel.getByRole('link', { name: subjectNumber }).first().click();
    await site.page.getByRole('heading', { level: 2, name: text(language, 'visits.title') }).waitFor();
    assert.equal(await site.page.locator('[data-anchor]').getAttribute('data-anchor'), 'enrollment');

    // The screening visit, dated today: after its window, saved with the warning.
    const row = site.page.locator('tr[data-visit="SCREENING"]');
    await row.getByRole('button', { name: text(language, 'visits.record') }).click();
    await row.getByRole('button', { name: text(language, 'visits.save') }).click();
    await site.page.locator('[data-visit-warning="out_of_window"]').waitFor();
    await site.page.locator('tr[data-visit="SCREENING"] [data-visit-status="done-out-of-window"]').waitFor();
    assert.match(await site.page.locator('tr[data-visit="SCREENING"] [data-visit-status]').innerText(), new RegExp(text(language, 'visits.status.done-out-of-window').replace(/[()（）]/g, '.')));

    // A cyclosporine A dose of 6 mg/kg/day: the check warns while typing, and the saved record keeps it.
    const form = site.page.getByRole('form', { name: text(language, 'treatment.add') });
    await form.getByLabel(text(language, 'treatment.product')).selectOption('cyclosporine A');
    await form.getByLabel(text(language, 'treatment.doseValue')).fill('4');
    await form.locator('[data-dose-check="ok"]').waitFor();
    await form.getByLabel(text(language, 'treatment.doseValue')).fill('6');
    await form.locator('[data-dose-check="warning"]').waitFor();
    assert.match(await form.locator('[data-dose-check]').innerText(), new RegExp(text(language, 'treatment.check.warning')));
    await form.getByLabel(text(language, 'treatment.weight')).fill('60');
    await form.getByLabel(text(language, 'treatment.detail.troughNgPerMl')).fill('180');
    await form.getByRole('button', { name: text(language, 'treatment.save') }).click();
    const saved = site.page.locator('[data-saved-warnings]');
    await saved.waitFor();
    assert.match(await saved.getAttribute('data-saved-warnings') ?? '', /dose_out_of_range/);
    assert.match(await saved.innerText(), new RegExp(text(language, 'treatment.warning.dose_out_of_range')));
    await site.page.locator('[data-row-dose-check="warning"]').waitFor();
    // The out-of-range dose raised a data query for the site.
    assert.match(await saved.locator('[data-dose-queried]').innerText(), new RegExp(text(language, 'treatment.queried').slice(0, 8)));
    // A correction with its reason: the dose was 4 mg/kg/day; the stored check becomes ok.
    const administration = site.page.locator('tr[data-administration]').first();
    await administration.getByRole('button', { name: text(language, 'treatment.correct.open') }).click();
    const correction = site.page.locator('form[data-administration-correction]');
    await correction.getByLabel(text(language, 'treatment.doseValue')).fill('4');
    await correction.getByLabel(text(language, 'treatment.correct.reason')).fill('transcription error');
    await correction.getByRole('button', { name: text(language, 'treatment.correct.save') }).click();
    await site.page.locator('[data-row-dose-check="ok"]').waitFor();
    // The first dose moves day 0 to its date.
    await site.page.locator('[data-anchor="first-dose"]').waitFor();
    assert.deepEqual(unexpectedErrors(site.errors), []);
  } finally {
    await site.context.close();
  }
}

describe('visits and treatment in the browser', () => {
  test('record a visit out of window and an out-of-range dose, seeing the warnings (English)', async () => {
    await recordVisitAndDose('en', subjects[0]);
  });
  test('the same in Chinese', async () => {
    await recordVisitAndDose('zh', subjects[1]);
  });
});
