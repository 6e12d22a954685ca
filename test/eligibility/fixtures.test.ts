// The shared patient fixtures (../shared/fixtures/patients) screened against the seed rule sets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SHARED_DIR } from '../support/shared.ts';
import { readFileSync } from 'node:fs';
import { ruleSetSchema } from '../../src/core/criteria/rules.ts';
import { evaluateRuleSet } from '../../src/core/criteria/evaluate.ts';
import { patientFactsFromFhir } from '../../src/core/patient/fhir.ts';

const FIXTURES = `${SHARED_DIR}/fixtures/patients`;
const expected = JSON.parse(readFileSync(`${FIXTURES}/expected.json`, 'utf8')) as Array<{ id: string; trial: string; asOf: string; verdict: string; failing: string[][] }>;
const ruleSets = new Map(['NCT05794425', 'NCT03055078'].map((id) => [id, ruleSetSchema.parse(JSON.parse(readFileSync(`data/seed-trials/${id}.rules.json`, 'utf8')))]));

for (const fixture of expected) {
  test(`fixture ${fixture.id} → ${fixture.verdict} for ${fixture.trial}`, () => {
    const bundle = JSON.parse(readFileSync(`${FIXTURES}/${fixture.id}.json`, 'utf8'));
    const facts = patientFactsFromFhir(bundle, { asOf: fixture.asOf });
    const result = evaluateRuleSet(ruleSets.get(fixture.trial)!, facts, { asOf: fixture.asOf });
    const summary = result.criteria.map((c) => `${c.id} ${c.status}: ${c.reason}`).join('\n');
    assert.equal(result.verdict, fixture.verdict, summary);
    assert.deepEqual(result.warnings, []);
    const failed = result.criteria.filter((c) => c.status === 'fail');
    for (const keywords of fixture.failing) {
      assert.ok(failed.some((c) => keywords.some((k) => c.text.includes(k))), `no failed criterion mentions ${keywords.join('/')}\n${summary}`);
    }
    if (fixture.verdict === 'ineligible') assert.ok(failed.length > 0);
    else assert.equal(failed.length, 0, summary);
  });
}
