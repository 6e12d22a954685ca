// The hand-encoded seed rule sets against their source text: every numbered criterion is there,
// verbatim, with spans that point at it, and every reading of an ambiguity is recorded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ruleSetSchema, type Rule } from '../../../src/core/criteria/rules.ts';
import { printCriterion } from '../../../src/core/criteria/print.ts';

for (const nctId of ['NCT05794425', 'NCT03055078']) {
  const trial = JSON.parse(readFileSync(`data/seed-trials/${nctId}.json`, 'utf8'));
  const text: string = trial.protocolSection.eligibilityModule.eligibilityCriteria;
  const ruleSet = ruleSetSchema.parse(JSON.parse(readFileSync(`data/seed-trials/${nctId}.rules.json`, 'utf8')));

  test(`${nctId}: reviewed, and every numbered criterion of the source is encoded verbatim`, () => {
    assert.equal(ruleSet.review, 'reviewed');
    const [inclusion, exclusion] = text.split(/Exclusion Criteria:/);
    const numbered = (section: string) => [...section.matchAll(/^\d+\.\s+/gm)].length;
    assert.equal(ruleSet.criteria.filter((c) => c.kind === 'inclusion').length, numbered(inclusion));
    assert.equal(ruleSet.criteria.filter((c) => c.kind === 'exclusion').length, numbered(exclusion));
    for (const criterion of ruleSet.criteria) {
      assert.ok(criterion.span, criterion.id);
      assert.equal(text.slice(criterion.span[0], criterion.span[1]), criterion.text, criterion.id);
    }
  });

  test(`${nctId}: every rule span lies inside its criterion's span`, () => {
    for (const criterion of ruleSet.criteria) {
      const visit = (rule: Rule): void => {
        if (rule.span) assert.ok(rule.span[0] >= criterion.span![0] && rule.span[1] <= criterion.span![1], `${criterion.id} ${JSON.stringify(rule.span)}`);
        if (rule.type === 'all' || rule.type === 'any') rule.rules.forEach(visit);
        if (rule.type === 'not') visit(rule.rule);
      };
      visit(criterion.rule);
    }
  });

  test(`${nctId}: every criterion prints in English and Chinese`, () => {
    for (const criterion of ruleSet.criteria) {
      const printed = printCriterion(criterion);
      assert.ok(printed.rule.en.length > 3 && printed.rule.zh.length > 1, criterion.id);
      assert.ok(!/undefined|\[object/.test(printed.rule.en + printed.rule.zh), `${criterion.id}: ${printed.rule.en} / ${printed.rule.zh}`);
    }
  });
}

test('the ambiguous readings the issue names are recorded', () => {
  const multi = ruleSetSchema.parse(JSON.parse(readFileSync('data/seed-trials/NCT05794425.rules.json', 'utf8')));
  const inc2 = printCriterion(multi.criteria.find((c) => c.id === 'inc-2')!);
  assert.ok(inc2.ambiguities.some((a) => /both ALT and AST must be ≤ 2\.5×ULN/.test(a)));
  const exc4 = multi.criteria.find((c) => c.id === 'exc-4')!;
  assert.equal(exc4.kind, 'exclusion');
  assert.match(JSON.stringify(exc4.rule), /"type":"confirm"/);
});
