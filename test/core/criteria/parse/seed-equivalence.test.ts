// The seed check: both seed trials' criteria, parsed, screen the shared fixture patients exactly as the
// hand-reviewed rule sets (data/seed-trials/*.rules.json) do — criterion by criterion, except where the
// parser flags a criterion needs_review — and reach the same verdict.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCriteria, toCriterion } from '../../../../src/core/criteria/parse/index.ts';
import { ruleSetSchema, type RuleSet } from '../../../../src/core/criteria/rules.ts';
import { evaluateRuleSet } from '../../../../src/core/criteria/evaluate.ts';
import { patientFactsFromFhir } from '../../../../src/core/patient/fhir.ts';
import { REPO_ROOT, SHARED_DIR } from '../../../support/shared.ts';

const FIXTURES = join(SHARED_DIR, 'fixtures', 'patients');
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as Array<{ id: string; trial: string; asOf: string; verdict: string }>;

function seed(nctId: string) {
  const trial = JSON.parse(readFileSync(join(REPO_ROOT, 'data', 'seed-trials', `${nctId}.json`), 'utf8'));
  const text: string = trial.protocolSection.eligibilityModule.eligibilityCriteria;
  const reviewed = ruleSetSchema.parse(JSON.parse(readFileSync(join(REPO_ROOT, 'data', 'seed-trials', `${nctId}.rules.json`), 'utf8')));
  const parsed = parseCriteria(text);
  const unreviewed: RuleSet = ruleSetSchema.parse({ nctId, version: 1, review: 'unreviewed', criteria: parsed.criteria.map(toCriterion) });
  return { text, reviewed, parsed, unreviewed };
}

for (const nctId of ['NCT05794425', 'NCT03055078']) {
  const { text, reviewed, parsed, unreviewed } = seed(nctId);

  test(`${nctId}: every hand-reviewed criterion has a parsed criterion over the same text`, () => {
    for (const criterion of reviewed.criteria) {
      assert.equal(text.slice(criterion.span![0], criterion.span![1]), criterion.text, `${criterion.id} span`);
      const overlapping = parsed.criteria.filter((mine) => mine.span[0] < criterion.span![1] && criterion.span![0] < mine.span[1]);
      assert.ok(overlapping.length > 0, `${criterion.id} "${criterion.text}" has no parsed criterion`);
      assert.ok(overlapping.every((mine) => mine.kind === criterion.kind), `${criterion.id} kind`);
    }
  });

  for (const fixture of expected.filter((candidate) => candidate.trial === nctId)) {
    test(`${nctId}: fixture ${fixture.id} screens as with the hand-reviewed rules`, () => {
      const facts = patientFactsFromFhir(JSON.parse(readFileSync(join(FIXTURES, `${fixture.id}.json`), 'utf8')), { asOf: fixture.asOf });
      const byHand = evaluateRuleSet(reviewed, facts, { asOf: fixture.asOf });
      const byParser = evaluateRuleSet(unreviewed, facts, { asOf: fixture.asOf });
      for (const handResult of byHand.criteria) {
        const handCriterion = reviewed.criteria.find((criterion) => criterion.id === handResult.id)!;
        for (const mine of parsed.criteria) {
          if (!(mine.span[0] < handCriterion.span![1] && handCriterion.span![0] < mine.span[1]) || mine.status === 'needs_review') continue;
          const mineResult = byParser.criteria.find((result) => result.id === mine.id)!;
          assert.equal(mineResult.status, handResult.status, `${handResult.id} "${handResult.text}": hand ${handResult.reason} / parser ${mineResult.reason}`);
        }
      }
      assert.equal(byParser.verdict, byHand.verdict);
      assert.equal(byHand.verdict, fixture.verdict);
    });
  }
}
