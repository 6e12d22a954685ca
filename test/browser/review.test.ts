// Criteria review in Chromium against the real server: the pure helpers (leaf paths, removal, text
// segments), then the page — spans highlighted from the rules, the parser's reading with statuses and
// unparsed parts, the raw JSON editor refusing a bad rule, a threshold edited and approved as a new
// reviewed version, which screening then uses.
import { after, before, describe, test } from 'node:test';
import { createStores } from '../../src/store/index.ts';
import assert from 'node:assert/strict';
// The server first: @hono/zod-openapi must extend zod before core schemas are built (routes call .openapi on them).
import { startBrowserHarness, type BrowserHarness } from './fixtures/harness.ts';
import type { Rule } from '../../src/core/criteria/rules.ts';
import { leafRules, replaceRule, textSegments } from '../../src/web/review/rule-draft.ts';
import { bundleFromManualRecord } from '../../src/core/patient/manual.ts';
import { upsertTrials } from '../../src/store/trials.ts';
import { refreshParsedRuleSets } from '../../src/eligibility/parsed-rule-sets.ts';
import { readFileSync } from 'node:fs';

/** A recruiting trial without a reviewed rule set: the parser's reading is stored for it. */
const PARSED_TRIAL = (() => {
  const record = JSON.parse(readFileSync('data/seed-trials/NCT03055078.json', 'utf8'));
  record.protocolSection.identificationModule.nctId = 'NCT09000101';
  record.protocolSection.identificationModule.briefTitle = 'Synthetic Parsed-Criteria Fixture';
  record.protocolSection.statusModule.overallStatus = 'RECRUITING';
  return record;
})();

describe('rule drafts (pure)', () => {
  const tree: Rule = {
    type: 'all',
    rules: [
      { type: 'age', comparison: { op: 'between', value: 14, high: 60, unit: 'a' }, span: [3, 10] },
      { type: 'not', rule: { type: 'any', rules: [{ type: 'sex', sex: 'female' }, { type: 'confirm', question: 'q' }] } },
    ],
  };

  test('leaf rules are addressed by their path', () => {
    assert.deepEqual(leafRules(tree).map((leaf) => [leaf.path, leaf.rule.type]), [[[0], 'age'], [[1, 0, 0], 'sex'], [[1, 0, 1], 'confirm']]);
  });

  test('removing the last rule of a combination removes the combination; removing everything leaves nothing', () => {
    const once = replaceRule(tree, [1, 0, 0], null);
    assert.deepEqual(leafRules(once!).map((leaf) => leaf.path), [[0], [1, 0, 0]]);
    const twice = replaceRule(once!, [1, 0, 0], null);
    assert.deepEqual(twice, { type: 'all', rules: [tree.type === 'all' ? tree.rules[0] : tree] });
    assert.equal(replaceRule(twice!, [0], null), null);
  });

  test('text segments mark recognised spans and the active one', () => {
    const segments = textSegments('0123456789', [[2, 5], [4, 8]], [4, 5]);
    assert.deepEqual(segments.map((segment) => [segment.text, segment.recognised, segment.active]), [
      ['01', false, false], ['23', true, false], ['4', true, true], ['567', true, false], ['89', false, false],
    ]);
    assert.deepEqual(textSegments('abc', [[1, 99]], null).map((segment) => segment.text), ['abc'], 'a span outside the text is ignored');
  });
});

describe('criteria review page', () => {
  let harness: BrowserHarness;
  before(async () => {
    harness = await startBrowserHarness({
      prepare: async (database) => {
        await upsertTrials(database.db, [{ trial: PARSED_TRIAL, source: 'ctgov' }]);
        await refreshParsedRuleSets(createStores(database.db), { nctIds: ['NCT09000101'] });
      },
    });
  });
  after(async () => {
    await harness?.close();
  });

  test('the review area lists trials; a rule highlights its words on hover and on focus', async () => {
    const { page, context, errors } = await harness.openPage('/');
    try {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Review criteria' }).click();
      await page.getByRole('heading', { name: 'Review criteria', level: 1 }).waitFor();
      await page.getByRole('link', { name: /Umbilical Cord Derived Mesenchymal Stem Cells Therapy in Aplastic Anemia/ }).click();
      await page.waitForURL(/\/trials\/NCT03055078\/review$/);
      const source = page.getByTestId('criteria-source');
      await source.waitFor();
      assert.ok((await source.locator('mark.span-recognised').count()) > 5, 'recognised spans are marked');
      assert.equal(await source.locator('mark.span-active').count(), 0);

      const age = page.locator('[data-criterion="inc-2"] .rule-item').first();
      await age.hover();
      assert.equal(await source.locator('mark.span-active').innerText(), 'Age from 14 to 60 years');
      await page.mouse.move(0, 0);
      await source.locator('mark.span-active').waitFor({ state: 'detached' });

      await page.locator('[data-criterion="inc-5"] .rule-text').focus();
      assert.match(await source.locator('mark.span-active').innerText(), /ejection fraction \(LVEF\) ≥ 50%/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('in Chinese the rules read with their translated confirm questions and ambiguity notes, no English left in them', async () => {
    const { page, context, errors } = await harness.openPage('/trials/NCT03055078/review');
    try {
      await page.locator('[data-criterion="inc-7"]').waitFor();
      await page.getByRole('button', { name: '简体中文' }).click();
      const consent = page.locator('[data-criterion="inc-7"]');
      await consent.locator('.printed-rule', { hasText: '需人工确认：患者了解本研究，并愿意签署书面知情同意书' }).waitFor();
      assert.doesNotMatch(await consent.innerText(), /需人工确认：The patient/);
      const allergy = page.locator('[data-criterion="exc-4"]');
      assert.match(await allergy.innerText(), /“过敏体质”（allergic constitution）理解为/);
      assert.doesNotMatch(await allergy.innerText(), /英文原文/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the review list shows each rule set’s review state and criteria by status, and filters to the unreviewed', async () => {
    const { page, context, errors } = await harness.openPage('/review');
    try {
      const parsed = page.locator('li[data-nct-id="NCT09000101"]');
      await parsed.waitFor();
      assert.match(await parsed.innerText(), /Synthetic Parsed-Criteria Fixture/);
      assert.match(await parsed.innerText(), /unreviewed · version 1 \(parser reading\)/i);
      assert.match(await parsed.innerText(), /\d+ criteria: \d+ computable, \d+ partly, \d+ need review/);
      const seed = page.locator('li[data-nct-id="NCT05794425"]');
      assert.match(await seed.innerText(), /^reviewed · version 1 · \d+ criteria/im);
      assert.match(await page.locator('#review-list-heading').innerText(), /^3 trials with a rule set$/);

      await page.getByRole('combobox', { name: 'Review state' }).selectOption('unreviewed');
      await page.waitForURL(/\/review\?review=unreviewed$/);
      await page.getByRole('heading', { name: '1 trial with a rule set' }).waitFor();
      assert.deepEqual(await page.locator('li[data-nct-id]').evaluateAll((items) => items.map((item) => item.getAttribute('data-nct-id'))), ['NCT09000101']);

      await parsed.getByRole('link', { name: 'Synthetic Parsed-Criteria Fixture' }).click();
      await page.waitForURL(/\/trials\/NCT09000101\/review$/);
      await page.getByText(/Screening uses rule set version 1 \(unreviewed\)/).waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the parser’s reading shows each criterion’s status and the parts it did not turn into rules', async () => {
    const { page, context, errors } = await harness.openPage('/trials/NCT03055078/review');
    try {
      await page.getByRole('button', { name: 'the parser’s reading' }).click();
      const inc3 = page.locator('[data-criterion="inc-3"]');
      assert.match(await inc3.locator('.parse-status').innerText(), /Partly computable/);
      assert.match(await inc3.innerText(), /Not turned into rules[\s\S]*Suffering from/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the raw JSON editor refuses invalid JSON and a rule the language does not allow', async () => {
    const { page, context, errors } = await harness.openPage('/trials/NCT03055078/review');
    try {
      const card = page.locator('[data-criterion="inc-5"]');
      await card.getByRole('button', { name: 'Edit JSON of inc-5' }).click();
      const editor = card.getByLabel('Rule of inc-5 (JSON)');
      assert.match(await editor.inputValue(), /"analyte": "lvef"/);
      await editor.fill('{"type": "observation",');
      await card.getByRole('button', { name: 'Apply' }).click();
      assert.match(await card.getByRole('alert').innerText(), /Not valid JSON/);
      await editor.fill('{"type": "observation", "analyte": "lvef", "comparison": {"op": "≥", "value": 50, "unit": "%"}}');
      await card.getByRole('button', { name: 'Apply' }).click();
      assert.match(await card.getByRole('alert').innerText(), /comparison\.op/);
      assert.match(await card.locator('.printed-rule').innerText(), /LVEF ≥ 50/, 'the rule is unchanged');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('editing the age threshold and approving saves version 2 (reviewed), which screening then uses', async () => {
    const screen16YearOld = async () => {
      const bundle = bundleFromManualRecord({ birthDate: '2009-06-01', sex: 'female' });
      const response = await fetch(`${harness.url}/api/trials/NCT03055078/screen?asOf=2026-03-01`, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(bundle) });
      const result = (await response.json()) as { ruleSet: { version: number }; criteria: Array<{ id: string; status: string }> };
      return { version: result.ruleSet.version, age: result.criteria.find((criterion) => criterion.id === 'inc-2')?.status };
    };
    assert.deepEqual(await screen16YearOld(), { version: 1, age: 'pass' });

    const { page, context, errors } = await harness.openPage('/trials/NCT03055078/review');
    try {
      const card = page.locator('[data-criterion="inc-2"]');
      const from = card.getByRole('spinbutton', { name: 'From' });
      await from.fill('18');
      await from.blur();
      await card.locator('.printed-rule', { hasText: 'between 18 and 60' }).waitFor();
      await card.getByRole('checkbox', { name: 'Checked against the text (inc-2)' }).check();
      assert.match(await page.locator('.review-approve').innerText(), /1 of 15 criteria checked against the text/);
      await page.getByLabel('Reviewed by (optional)').fill('Dr Test');
      await page.getByRole('button', { name: 'Approve rule set' }).click();
      await page.getByText('Saved as version 2 (reviewed). Screening now uses it.').waitFor();
      const history = page.locator('.versions-table');
      assert.match(await history.locator('tbody tr').first().innerText(), /^2\s+✓ reviewed\s+hand/);
      assert.match(await history.locator('tbody tr').nth(1).innerText(), /^1\s+✓ reviewed\s+seed/);
      assert.match(await page.locator('.lead').innerText(), /rule set version 2 \(reviewed\)/);
      // The reloaded draft is the approved version.
      assert.match(await page.locator('[data-criterion="inc-2"] .printed-rule').innerText(), /between 18 and 60/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
    assert.deepEqual(await screen16YearOld(), { version: 2, age: 'fail' });
  });
});
