// Study conduct in a real browser against the real server (issue 8 §8 and the browser half of the
// isolation checks): a coordinator at site A screens a patient by hand entry, records consent and
// enrolls, and finds the subject in the site's log; a coordinator at site B sees nothing of site A —
// not in the log, the lists, the counts or the subject page (not found, like a number that does not
// exist); a monitor sees both sites' counts in the sponsor's charts and table; the same flow in Chinese.
// No identifying detail ever appears in a URL the app requests.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startBrowserHarness, type BrowserHarness } from './fixtures/harness.ts';
import type { SiteView } from '../../src/conduct/model.ts';
import type { Language } from '../../src/web/i18n/translate.ts';
import { answerConfirmations, apiSession, createTestUser, enterEligiblePatient, signInFromGate, STUDY, text, unexpectedErrors, type TestUser } from './fixtures/study-flow.ts';

const ZH_SIGNED_AT = '签署日期和时间';
const ZH_RECORD_CONSENT = '记录知情同意';

let harness: BrowserHarness;
let siteA: string;
let siteB: string;
const users: Record<'coordinatorA' | 'coordinatorA2' | 'coordinatorB' | 'investigatorA' | 'monitor', TestUser> = {} as never;
/** What site A's coordinators recorded, to look for where it must not be. */
const recorded: { subjects: string[]; names: string[]; hospitalNumbers: string[] } = { subjects: [], names: [], hospitalNumbers: [] };

before(async () => {
  harness = await startBrowserHarness();
  users.monitor = await createTestUser(harness.database, 'monitor.test', [{ studyId: STUDY, siteCode: null, role: 'monitor' }]);
  // The site codes come from the loaded study, never assumed: the first two active sites.
  const asMonitor = await apiSession(harness.url, users.monitor);
  const sites = (await asMonitor(`/api/studies/${STUDY}/sites`)) as SiteView[];
  const active = sites.filter((site) => site.status === 'active');
  assert.ok(active.length >= 2, `${STUDY} needs two active sites for the isolation test (has ${active.length})`);
  [siteA, siteB] = [active[0].siteCode, active[1].siteCode];
  users.coordinatorA = await createTestUser(harness.database, 'coord.a', [{ studyId: STUDY, siteCode: siteA, role: 'coordinator' }]);
  users.coordinatorA2 = await createTestUser(harness.database, 'coord.a2', [{ studyId: STUDY, siteCode: siteA, role: 'coordinator' }]);
  users.investigatorA = await createTestUser(harness.database, 'inv.a', [{ studyId: STUDY, siteCode: siteA, role: 'investigator' }]);
  users.coordinatorB = await createTestUser(harness.database, 'coord.b', [{ studyId: STUDY, siteCode: siteB, role: 'coordinator' }]);
});

after(async () => harness?.close());

/** Every URL the page asks the server for, to check that no identifying detail travels in one. */
function watchUrls(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(decodeURIComponent(request.url())));
  return urls;
}

/** Screens, confirms, consents and enrolls one patient at the coordinator's site; returns the subject number. */
async function screenConsentEnroll(page: Page, language: Language, identity: { name: string; hospitalNumber: string }): Promise<string> {
  await page.getByRole('link', { name: text(language, 'conduct.screen.new') }).click();
  await page.getByRole('heading', { level: 1, name: text(language, 'conduct.screen.new') }).waitFor();
  await page.locator('#identity-name').fill(identity.name);
  await page.locator('#identity-hospital-number').fill(identity.hospitalNumber);
  await page.locator('#identity-birth-date').fill('1990-05-04');
  // The protocol's stratification factors (diagnosis group, severity…): each one's first level.
  const factors = page.locator('.factor-fields select');
  for (let index = 0; index < (await factors.count()); index += 1) await factors.nth(index).selectOption({ index: 1 });
  await page.getByLabel(text(language, 'screening.source.form')).check();
  await enterEligiblePatient(page, language);
  await page.getByRole('button', { name: text(language, 'conduct.screen.submit') }).click();
  const link = page.locator('[data-subject-link]');
  await link.waitFor();
  const subjectNumber = (await link.getAttribute('data-subject-link'))!;
  assert.match(subjectNumber, new RegExp(`^${siteA}-\\d{3,}$`));
  assert.match(await page.locator('.verdict').innerText(), new RegExp(text(language, 'screening.verdict.eligible')));
  assert.ok((await page.locator('tr.criterion-row').count()) > 10, 'criterion-by-criterion verdicts are shown');

  await link.click();
  await page.getByRole('heading', { level: 1, name: text(language, 'conduct.subject.title', { subject: subjectNumber }) }).waitFor();
  await answerConfirmations(page, language);
  await page.locator('[data-confirm="inc-8"] .hint').waitFor();

  // Identity only on request, for this site's staff.
  assert.equal(await page.locator('[data-identity]').count(), 0);
  await page.getByRole('button', { name: text(language, 'conduct.identity.show') }).click();
  assert.match(await page.locator('[data-identity]').innerText(), new RegExp(identity.hospitalNumber));
  await page.getByRole('button', { name: text(language, 'conduct.identity.hide') }).click();

  await page.getByRole('button', { name: text(language, 'conduct.consent.save') }).click();
  await page.locator('[data-consent-state="valid"]').waitFor();
  await page.getByRole('button', { name: text(language, 'conduct.enrollment.enroll'), exact: true }).click();
  await page.locator('[data-enrollment] [data-arm]').waitFor();
  assert.notEqual(await page.locator('[data-enrollment] [data-arm]').getAttribute('data-arm'), '', 'open label: the arm is shown');
  await page.locator('[data-outcome="enrolled"]').first().waitFor();
  return subjectNumber;
}

describe('study conduct in the browser', () => {
  test('a coordinator at site A screens by hand entry, records consent, enrolls, and sees the subject in the log', async () => {
    const { page, context, errors } = await harness.openPage(`/studies/${STUDY}`);
    const urls = watchUrls(page);
    try {
      await signInFromGate(page, 'en', users.coordinatorA);
      await page.getByRole('heading', { name: new RegExp(`My site: ${siteA}`) }).waitFor();
      const identity = { name: 'Wang Fang', hospitalNumber: 'ZY-2026-000417' };
      const subject = await screenConsentEnroll(page, 'en', identity);
      recorded.subjects.push(subject);
      recorded.names.push(identity.name);
      recorded.hospitalNumbers.push(identity.hospitalNumber);

      await page.getByRole('link', { name: /Back to the study/ }).click();
      const row = page.locator(`[data-screening-log] tr[data-subject="${subject}"]`);
      await row.waitFor();
      assert.match(await row.innerText(), /Eligible/);
      assert.match(await row.innerText(), /Enrolled/);
      await page.locator(`[data-enrolled-list] tr[data-subject="${subject}"]`).waitFor();
      // The log's filters go to the API: screen failures only → the enrolled subject is gone.
      await page.getByRole('combobox', { name: 'Outcome' }).selectOption('screen_failure');
      await page.locator('[data-log-empty]').waitFor();

      for (const url of urls) {
        assert.ok(!url.includes(identity.name) && !url.includes(identity.hospitalNumber), `identifying detail in ${url}`);
      }
      assert.deepEqual(unexpectedErrors(errors), []);
    } catch (error) {
      if (process.env.STUDY_TEST_SHOTS) await page.screenshot({ path: `${process.env.STUDY_TEST_SHOTS}/failed-${Date.now()}.png`, fullPage: true });
      throw error;
    } finally {
      await context.close();
    }
  });

  test('a coordinator at site B sees none of site A’s subjects, counts or names; A’s subject page answers not found', async () => {
    assert.ok(recorded.subjects.length > 0, 'runs after site A screened a patient');
    const { page, context, errors } = await harness.openPage(`/studies/${STUDY}`);
    try {
      await signInFromGate(page, 'en', users.coordinatorB);
      await page.getByRole('heading', { name: new RegExp(`My site: ${siteB}`) }).waitFor();
      await page.locator('[data-log-empty]').waitFor();
      await page.getByText('Nobody is enrolled at this site yet.').waitFor();
      const body = await page.locator('main').innerText();
      for (const secret of [...recorded.subjects, ...recorded.names, ...recorded.hospitalNumbers]) assert.ok(!body.includes(secret), `site B sees ${secret}`);
      assert.equal(await page.locator('[data-sites-pending], .sponsor-home').count(), 0, 'no study-wide view for site staff');

      // The API behind the page answers the same way: no row of site A in counts or lists.
      const seen = await page.evaluate(async (study) => {
        const read = async (path: string) => (await fetch(path)).json();
        return { screenings: await read(`/api/studies/${study}/screenings/counts`), enrollments: await read(`/api/studies/${study}/enrollments/counts`), log: await read(`/api/studies/${study}/screenings`) };
      }, STUDY);
      assert.ok(!JSON.stringify(seen).includes(siteA), `site B's API answers mention ${siteA}: ${JSON.stringify(seen)}`);

      await page.goto(`${harness.url}/studies/${STUDY}/subjects/${recorded.subjects[0]}`);
      await page.getByRole('heading', { name: 'Not found' }).waitFor();
      const notFound = await page.locator('main').innerText();
      for (const secret of [...recorded.names, ...recorded.hospitalNumbers]) assert.ok(!notFound.includes(secret));
      // …exactly like a subject number that does not exist at site B.
      await page.goto(`${harness.url}/studies/${STUDY}/subjects/${siteB}-999`);
      await page.getByRole('heading', { name: 'Not found' }).waitFor();
      assert.deepEqual(unexpectedErrors(errors), []);
    } catch (error) {
      if (process.env.STUDY_TEST_SHOTS) await page.screenshot({ path: `${process.env.STUDY_TEST_SHOTS}/failed-${Date.now()}.png`, fullPage: true });
      throw error;
    } finally {
      await context.close();
    }
  });

  test('the same flow in Chinese: a second coordinator at site A screens, consents and enrolls', async () => {
    const { page, context, errors } = await harness.openPage(`/studies/${STUDY}`, { language: 'zh' });
    const urls = watchUrls(page);
    try {
      await signInFromGate(page, 'zh', users.coordinatorA2);
      await page.getByRole('heading', { name: new RegExp(`我的中心：${siteA}`) }).waitFor();
      const identity = { name: '李秀英', hospitalNumber: 'ZY-2026-000533' };
      const subject = await screenConsentEnroll(page, 'zh', identity);
      recorded.subjects.push(subject);
      recorded.names.push(identity.name);
      recorded.hospitalNumbers.push(identity.hospitalNumber);
      assert.match(await page.locator('.subject-facts').innerText(), /已入组/);
      // A refusal reads in Chinese: the problem code's sentence, with the server's English kept beneath it.
      await page.getByLabel(ZH_SIGNED_AT).fill(`${new Date().getFullYear() + 1}-01-15T10:00`);
      await page.getByRole('button', { name: ZH_RECORD_CONSENT }).click();
      const problem = page.locator('#consent-problem');
      await problem.waitFor();
      assert.match(await problem.locator('[data-problem-sentence]').first().innerText(), /不能晚于/);
      assert.match(await problem.locator('[data-problem-field]').first().innerText(), /signedAt/);
      await page.getByRole('link', { name: /返回研究/ }).click();
      await page.locator(`[data-screening-log] tr[data-subject="${subject}"]`).waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
      for (const url of urls) assert.ok(!url.includes(identity.name) && !url.includes(identity.hospitalNumber), `identifying detail in ${url}`);
      assert.deepEqual(unexpectedErrors(errors).filter((error) => !/status of 400/.test(error)), [], 'only the refused consent');
    } catch (error) {
      if (process.env.STUDY_TEST_SHOTS) await page.screenshot({ path: `${process.env.STUDY_TEST_SHOTS}/failed-${Date.now()}.png`, fullPage: true });
      throw error;
    } finally {
      await context.close();
    }
  });

  test('a monitor sees both sites’ counts in the charts and the site table, and no identifying detail', async () => {
    assert.ok(recorded.subjects.length === 2, 'runs after site A enrolled two subjects');
    const { page, context, errors } = await harness.openPage(`/studies/${STUDY}`);
    try {
      await signInFromGate(page, 'en', users.monitor);
      await page.getByRole('heading', { name: 'All sites' }).waitFor();
      await page.getByRole('heading', { name: 'Enrollment per site over time' }).waitFor();
      await page.locator('[data-enrollment-total]').getByText('2 subjects enrolled in all').waitFor();
      await page.locator('.plot-chart svg').first().waitFor();
      const rowA = page.locator(`.site-table tr[data-site="${siteA}"]`);
      assert.equal(await rowA.locator('[data-count="screened"]').innerText(), '2');
      assert.equal(await rowA.locator('[data-count="enrolled"]').innerText(), '2');
      const rowB = page.locator(`.site-table tr[data-site="${siteB}"]`);
      assert.equal(await rowB.locator('[data-count="screened"]').innerText(), '0');
      await page.getByText('Show the data as a table').first().click();
      assert.match(await page.locator(`[data-enrollment-table] tr[data-site="${siteA}"]`).innerText(), /2/);
      // Sites not yet active are picked out when the study has any.
      const pendingRows = await page.locator('.site-table tr.row-attention').count();
      assert.equal(await page.locator('[data-sites-pending]').count(), pendingRows > 0 ? 1 : 0);
      const body = await page.locator('main').innerText();
      for (const secret of [...recorded.names, ...recorded.hospitalNumbers]) assert.ok(!body.includes(secret), `the monitor sees ${secret}`);
      // Monitors have no identity.read: the subject page offers no identity, and the API refuses it.
      await page.goto(`${harness.url}/studies/${STUDY}/subjects/${recorded.subjects[0]}`);
      await page.getByRole('heading', { level: 1, name: `Subject ${recorded.subjects[0]}` }).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Show identifying details' }).count(), 0);
      assert.deepEqual(unexpectedErrors(errors).filter((error) => !/status of 403/.test(error)), []);
    } catch (error) {
      if (process.env.STUDY_TEST_SHOTS) await page.screenshot({ path: `${process.env.STUDY_TEST_SHOTS}/failed-${Date.now()}.png`, fullPage: true });
      throw error;
    } finally {
      await context.close();
    }
  });

  test('an investigator reads a subject’s history and the audit trail, filters and exports it; a refused consent names its field', async () => {
    assert.ok(recorded.subjects.length > 0, 'runs after site A enrolled a subject');
    const subject = recorded.subjects[0];
    const { page, context, errors } = await harness.openPage(`/studies/${STUDY}/subjects/${subject}`);
    try {
      await signInFromGate(page, 'en', users.investigatorA);
      const history = page.locator('#history-heading').locator('xpath=..').locator('[data-audit-table]');
      await history.waitFor();
      for (const type of ['screening', 'consent', 'enrollment']) assert.ok((await history.locator(`tr[data-record-type="${type}"]`).count()) > 0, `history has ${type} entries`);

      // A consent signed in the future is refused; the message and the field it names are shown, the control marked.
      const nextYear = new Date().getFullYear() + 1;
      await page.getByLabel('Signed (date and time)').fill(`${nextYear}-01-15T10:00`);
      await page.getByRole('button', { name: 'Record consent' }).click();
      const problem = page.locator('#consent-problem');
      await problem.waitFor();
      assert.match(await problem.locator('[data-problem-field]').first().innerText(), /signedAt/);
      assert.ok((await problem.locator('[data-problem-message]').innerText()).length > 0);
      assert.equal(await page.getByLabel('Signed (date and time)').getAttribute('aria-invalid'), 'true');

      await page.getByRole('link', { name: /Back to the study/ }).click();
      await page.getByRole('link', { name: 'Audit trail' }).click();
      await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
      await page.locator('[data-audit-table] tr[data-record-type]').first().waitFor();
      await page.getByRole('combobox', { name: 'Record type' }).selectOption('consent');
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.waitForFunction(() => [...document.querySelectorAll('[data-audit-table] tr[data-record-type]')].every((row) => row.getAttribute('data-record-type') === 'consent'));
      const href = await page.getByRole('link', { name: 'Download JSON Lines' }).getAttribute('href');
      assert.match(href!, /format=jsonl/);
      assert.match(href!, /recordType=consent/);
      const lines = await page.evaluate(async (url) => (await (await fetch(url)).text()).trim().split('\n'), href!);
      assert.ok(lines.length >= 2, 'both consents of site A are exported');
      for (const line of lines) assert.equal(JSON.parse(line).recordType, 'consent');
      const exported = lines.join('\n');
      for (const secret of [...recorded.names, ...recorded.hospitalNumbers]) assert.ok(!exported.includes(secret), `the export carries ${secret}`);
      assert.deepEqual(unexpectedErrors(errors).filter((error) => !/status of 400/.test(error)), []);
    } catch (error) {
      if (process.env.STUDY_TEST_SHOTS) await page.screenshot({ path: `${process.env.STUDY_TEST_SHOTS}/failed-${Date.now()}.png`, fullPage: true });
      throw error;
    } finally {
      await context.close();
    }
  });
});
