// The query workflow in a real browser, in English and in Chinese: a monitor raises a query on a
// subject's record, the site's coordinator answers it, the monitor closes it; the homes count it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SiteView } from '../../src/conduct/model.ts';
import type { Language } from '../../src/web/i18n/translate.ts';
import { enrolledSubjectToday } from './fixtures/enrolled-subject.ts';
import { startBrowserHarness, type BrowserHarness } from './fixtures/harness.ts';
import { apiSession, createTestUser, signInFromGate, STUDY, text, unexpectedErrors, type TestUser } from './fixtures/study-flow.ts';

let harness: BrowserHarness;
let siteA: string;
const users: Record<'monitor' | 'coordinatorA', TestUser> = {} as never;
const subjects: string[] = [];


before(async () => {
  harness = await startBrowserHarness();
  users.monitor = await createTestUser(harness.database, 'monitor.q', [{ studyId: STUDY, siteCode: null, role: 'monitor' }]);
  const sites = (await (await apiSession(harness.url, users.monitor))(`/api/studies/${STUDY}/sites`)) as SiteView[];
  siteA = sites.filter((site) => site.status === 'active')[0].siteCode;
  users.coordinatorA = await createTestUser(harness.database, 'coord.q', [{ studyId: STUDY, siteCode: siteA, role: 'coordinator' }]);
  subjects.push(await enrolledSubjectToday(harness.database, siteA, 'Q'), await enrolledSubjectToday(harness.database, siteA, 'Q'));
});

after(async () => harness?.close());

async function workflow(language: Language, subjectNumber: string, queryText: string, answerText: string): Promise<void> {
  const subjectQueries = `/studies/${STUDY}/subjects/${subjectNumber}/queries`;
  // The monitor raises a query on the subject's screening record.
  const monitor = await harness.openPage(subjectQueries, { language });
  try {
    await signInFromGate(monitor.page, language, users.monitor);
    await monitor.page.getByRole('heading', { level: 2, name: text(language, 'queries.subjectTitle') }).waitFor();
    await monitor.page.locator('[data-subject-queries] .notice-empty').waitFor();
    const form = monitor.page.getByRole('form', { name: text(language, 'queries.raise.title') });
    await form.locator('select').selectOption('screening');
    await form.getByLabel(text(language, 'queries.raise.field')).fill('screenedOn');
    await form.getByLabel(text(language, 'queries.raise.text')).fill(queryText);
    await form.getByRole('button', { name: text(language, 'queries.raise.submit') }).click();
    const card = monitor.page.locator('.query-card[data-query-state="open"]');
    await card.waitFor();
    assert.match(await card.innerText(), new RegExp(queryText));
    assert.match(await card.locator('[data-query-state]').first().innerText(), new RegExp(text(language, 'queries.state.open')));
    assert.deepEqual(unexpectedErrors(monitor.errors), []);
  } finally {
    await monitor.context.close();
  }

  // The site's coordinator sees it counted on the home, opens it and answers.
  const site = await harness.openPage(`/studies/${STUDY}`, { language });
  try {
    await signInFromGate(site.page, language, users.coordinatorA);
    const panel = site.page.locator(`[data-query-panel="${siteA}"]`);
    await panel.locator('[data-open-queries]').waitFor();
    assert.ok(Number(await panel.locator('[data-open-queries]').getAttribute('data-open-queries')) >= 1);
    await panel.getByRole('link', { name: text(language, 'queries.panel.link') }).click();
    await site.page.getByRole('heading', { level: 1, name: text(language, 'queries.title') }).waitFor();
    await site.page.locator('[data-query-table]').getByRole('link', { name: subjectNumber }).click();
    const card = site.page.locator('.query-card[data-query-state="open"]');
    await card.waitFor();
    // Site staff may answer but not close.
    assert.equal(await card.getByRole('button', { name: text(language, 'queries.do.close') }).count(), 0);
    await card.getByLabel(text(language, 'queries.text')).fill(answerText);
    await card.getByRole('button', { name: text(language, 'queries.do.answer') }).click();
    await site.page.locator('.query-card[data-query-state="answered"]').waitFor();
    assert.deepEqual(unexpectedErrors(site.errors), []);
  } finally {
    await site.context.close();
  }

  // The monitor closes it; the history shows each step.
  const back = await harness.openPage(subjectQueries, { language });
  try {
    await signInFromGate(back.page, language, users.monitor);
    const card = back.page.locator('.query-card[data-query-state="answered"]');
    await card.waitFor();
    await card.getByRole('button', { name: text(language, 'queries.do.close') }).click();
    const closed = back.page.locator('.query-card[data-query-state="closed"]');
    await closed.waitFor();
    await closed.locator('summary').click();
    assert.deepEqual(await closed.locator('[data-query-event]').evaluateAll((items) => items.map((item) => item.getAttribute('data-query-event'))), ['raise', 'answer', 'close']);
    assert.match(await closed.innerText(), new RegExp(answerText));
    assert.deepEqual(unexpectedErrors(back.errors), []);
  } finally {
    await back.context.close();
  }
}

describe('data queries in the browser', () => {
  test('a monitor raises a query, the site answers it, the monitor closes it (English)', async () => {
    await workflow('en', subjects[0], 'Screening date differs from the source document', 'Corrected: the screening was on the day recorded');
  });
  test('the same workflow in Chinese', async () => {
    await workflow('zh', subjects[1], '筛选日期与原始记录不一致', '已核对原始病历，日期无误');
  });
});
