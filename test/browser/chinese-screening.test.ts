// Every shared fixture patient screened in the Chinese UI: the reasons, evidence and missing-data
// items read in Chinese — no Latin-script words except units, codes, NCT ids, abbreviations and the
// trial's own (quoted) criteria text.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { disallowedLatin } from '../support/latin.ts';
import { SHARED_DIR } from '../support/shared.ts';
import { startBrowserHarness, type BrowserHarness } from './fixtures/harness.ts';

const PATIENTS = join(SHARED_DIR, 'fixtures', 'patients');
const fixtures = JSON.parse(readFileSync(join(PATIENTS, 'expected.json'), 'utf8')) as Array<{ id: string; trial: string; asOf: string }>;

let harness: BrowserHarness;
before(async () => {
  harness = await startBrowserHarness();
});
after(async () => {
  await harness?.close();
});

for (const fixture of fixtures) {
  test(`${fixture.id} screened for ${fixture.trial} in Chinese: reasons and evidence in Chinese`, async () => {
    const { page, context, errors } = await harness.openPage(`/trials/${fixture.trial}/check`, { language: 'zh' });
    try {
      await page.getByLabel('筛查日期').fill(fixture.asOf);
      await page.getByLabel(/FHIR R4 文件/).setInputFiles(join(PATIENTS, `${fixture.id}.json`));
      await page.getByText(/已读取 \d+ 条资源。/).waitFor();
      await page.getByRole('button', { name: '检查是否符合条件' }).click();
      await page.getByRole('heading', { name: '筛查结果' }).waitFor();
      const reasons = await page.locator('[data-reason]').allInnerTexts();
      const evidence = await page.locator('[data-evidence]').allInnerTexts();
      const missing = await page.locator('[data-missing]').allInnerTexts();
      const recordProblems = await page.locator('[data-record-problem]').allInnerTexts();
      const limits = await page.locator('[data-limit-basis]').allInnerTexts();
      assert.ok(reasons.length > 0, 'a reason per criterion');
      const english = [...reasons, ...evidence, ...missing, ...recordProblems, ...limits].flatMap((text) => disallowedLatin(text).map((word) => `${word} in «${text}»`));
      assert.deepEqual(english, []);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}
