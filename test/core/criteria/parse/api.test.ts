// The parser over HTTP, and the review workflow's calls (storage: on every backend).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appDependencies, createApp } from '../../../../src/server/app.ts';
import { parseCriteria, toCriterion } from '../../../../src/core/criteria/parse/index.ts';
import { currentRuleSet } from '../../../../src/store/rule-sets.ts';
import { testBackends } from '../../../support/databases.ts';

const json = (body: unknown, method = 'POST') => ({ method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

// Parsing reads no storage: one backend is enough for it.
test('POST /api/criteria/parse returns the same object as the CLI; bad bodies name the field', async () => {
  const database = await testBackends()[0].open();
  try {
    const app = createApp(appDependencies(database));
    const text = 'Inclusion Criteria:\n1. ANC ≥ 1.5 × 10^9/L\n2. Age 14-60 years';
    const response = await app.request('/api/criteria/parse', json({ text }));
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), JSON.parse(JSON.stringify(parseCriteria(text))));

    const wrongType = await app.request('/api/criteria/parse', json({ text: 5 }));
    assert.equal(wrongType.status, 400);
    const body = (await wrongType.json()) as { error: { code: string; details: Array<{ field: string }> } };
    assert.equal(body.error.code, 'invalid_request');
    assert.equal(body.error.details[0].field, 'text');
  } finally {
    await database.dispose();
  }
});

for (const backend of testBackends()) {
  test(`GET parsed criteria of a registry trial, then PUT the reviewed rules as its next version (${backend.name})`, async () => {
    const database = await backend.open({ seed: true });
    try {
      const app = createApp(appDependencies(database));
      const parsed = await app.request('/api/trials/NCT05794425/criteria/parsed');
      assert.equal(parsed.status, 200);
      const body = (await parsed.json()) as { nctId: string; text: string; criteria: ReturnType<typeof parseCriteria>['criteria']; current: { version: number } | null };
      assert.equal(body.nctId, 'NCT05794425');
      assert.ok(body.criteria.length >= 10);
      for (const criterion of body.criteria) assert.equal(body.text.slice(criterion.span[0], criterion.span[1]), criterion.text);

      const criteria = body.criteria.map(toCriterion);
      const put = await app.request('/api/trials/NCT05794425/rules', json({ criteria, reviewedBy: 'reviewer@example.org' }, 'PUT'));
      assert.equal(put.status, 201, await put.clone().text());
      const stored = ((await put.json()) as { ruleSet: { version: number; review: string } }).ruleSet;
      assert.equal(stored.review, 'reviewed');
      assert.ok(stored.version > (body.current?.version ?? 0));
      const current = await currentRuleSet(database.db, 'NCT05794425');
      assert.equal(current?.ruleSet.version, stored.version);
      assert.equal(current?.ruleSet.criteria.length, criteria.length);

      const invalid = await app.request('/api/trials/NCT05794425/rules', json({ criteria: [{ id: 'inc-1', kind: 'sideways', text: 'x', rule: { type: 'confirm', question: 'q' } }] }, 'PUT'));
      assert.equal(invalid.status, 400);
      assert.match(((await invalid.json()) as { error: { message: string } }).error.message, /kind/);

      const unknown = await app.request('/api/trials/NCT09999999/criteria/parsed');
      assert.equal(unknown.status, 404);
      const badId = await app.request('/api/trials/NCT1/criteria/parsed');
      assert.equal(badId.status, 400);
    } finally {
      await database.dispose();
    }
  });
}
