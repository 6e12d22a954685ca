// The all-trials ranking: every open trial screened and counted, the best `limit` returned as a
// summary (or with every criterion, detail=full) — from the service, POST /api/screen on every
// backend, and bin/eligo screen --all-trials; bad limit/detail values are refused naming the value.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { SHARED_DIR } from '../support/shared.ts';
import { testBackends } from '../support/databases.ts';
import { appDependencies, createApp } from '../../src/server/app.ts';
import { checkRankingOptions, rankRuleSets } from '../../src/eligibility/screening.ts';
import { EligoError } from '../../src/core/problems.ts';
import { readSeedRuleSets } from '../../src/eligibility/seed.ts';
import { emptyFacts } from '../../src/core/patient/facts.ts';
import type { RuleSet } from '../../src/core/criteria/rules.ts';

const FIXTURES = `${SHARED_DIR}/fixtures/patients`;
const fixture = (id: string) => readFileSync(`${FIXTURES}/${id}.json`, 'utf8');

/** Trials whose verdict for a patient with an empty record is known: an age rule is unknown, a confirm is eligible, a sex rule… unknown too. */
function syntheticRuleSets(): RuleSet[] {
  const eligible = (n: number): RuleSet => ({ nctId: `NCT090000${String(n).padStart(2, '0')}`, version: 1, review: 'reviewed', criteria: [{ id: 'inc-1', kind: 'inclusion', text: 'Consent', rule: { type: 'confirm', question: 'Signed consent', zh: { question: '已签署知情同意书' } } }] });
  const incomplete = (n: number): RuleSet => ({ nctId: `NCT090001${String(n).padStart(2, '0')}`, version: 2, review: 'unreviewed', criteria: [{ id: 'inc-1', kind: 'inclusion', text: 'Adults', rule: { type: 'age', comparison: { op: '>=', value: 18, unit: 'a' } } }] });
  // Absent diagnoses count as absent: an inclusion requiring one fails.
  const ineligible = (n: number): RuleSet => ({ nctId: `NCT090002${String(n).padStart(2, '0')}`, version: 1, review: 'reviewed', criteria: [{ id: 'inc-1', kind: 'inclusion', text: 'Aplastic anaemia', rule: { type: 'condition', condition: { concept: 'aplastic-anemia', label: 'aplastic anemia' } } }] });
  return [...Array.from({ length: 3 }, (_, i) => ineligible(i)), ...Array.from({ length: 4 }, (_, i) => incomplete(i)), ...Array.from({ length: 2 }, (_, i) => eligible(i))];
}

test('rankRuleSets counts every trial by verdict and returns the best `limit`, as a summary by default', () => {
  const entries = syntheticRuleSets().map((ruleSet) => ({ ruleSet, title: `Trial ${ruleSet.nctId}`, status: 'RECRUITING' }));
  const ranking = rankRuleSets(entries, emptyFacts(), { asOf: '2026-03-01', limit: 3 });
  assert.equal(ranking.total, 9);
  assert.equal(ranking.screened, 9);
  assert.deepEqual(ranking.verdicts, { eligible: 2, incomplete: 4, ineligible: 3 });
  assert.equal(ranking.limit, 3);
  assert.equal(ranking.detail, 'summary');
  assert.deepEqual(ranking.trials.map((t) => t.verdict), ['eligible', 'eligible', 'incomplete']);
  const [first, , third] = ranking.trials;
  assert.deepEqual(first.counts, { pass: 0, fail: 0, unknown: 0, confirm: 1 });
  assert.equal(first.confirm, 1);
  assert.deepEqual(third.counts, { pass: 0, fail: 0, unknown: 1, confirm: 0 });
  assert.deepEqual(third.ruleSet, { version: 2, review: 'unreviewed' });
  assert.equal(third.missing.length, 1);
  assert.equal('criteria' in first, false);
  assert.equal('confirmItems' in first, false);
  // The default limit is 50: all nine.
  assert.equal(rankRuleSets(entries, emptyFacts(), { asOf: '2026-03-01' }).trials.length, 9);
});

test('detail "full" adds every criterion result and the confirm items', () => {
  const entries = syntheticRuleSets().map((ruleSet) => ({ ruleSet, title: null, status: null }));
  const ranking = rankRuleSets(entries, emptyFacts(), { asOf: '2026-03-01', limit: 500, detail: 'full' });
  assert.equal(ranking.trials.length, 9);
  const eligible = ranking.trials[0];
  assert.deepEqual(eligible.confirmItems, [{ criterion: 'inc-1', question: 'Signed consent', questionZh: '已签署知情同意书' }]);
  const last = ranking.trials.at(-1)!;
  assert.equal(last.verdict, 'ineligible');
  assert.equal(last.criteria?.[0].status, 'fail');
  assert.match(last.criteria?.[0].reason ?? '', /aplastic anemia/);
});

test('limit and detail are checked, the message naming the value and what was expected', () => {
  for (const bad of [0, 501, 2.5, Number.NaN]) {
    assert.throws(() => checkRankingOptions(bad, 'summary'), (error: unknown) => error instanceof EligoError && error.code === 'invalid_option' && /^limit: expected a whole number from 1 to 500, got /.test(error.message));
  }
  assert.throws(() => checkRankingOptions(10, 'everything'), /detail: expected "summary" or "full", got "everything"/);
  assert.deepEqual(checkRankingOptions(500, 'full'), { limit: 500, detail: 'full' });
  assert.throws(() => rankRuleSets([], emptyFacts(), { asOf: '2026-03-01', limit: 0 }), /limit/);
});

for (const backend of testBackends()) {
  describe(`POST /api/screen limit and detail on ${backend.name}`, () => {
    let database: Awaited<ReturnType<typeof backend.open>>;
    let app: ReturnType<typeof createApp>;
    before(async () => {
      database = await backend.open({ seed: true });
      // Both seed trials open, so that a limit leaves one out.
      await database.db.updateTable('registry_trial').set({ overall_status: 'RECRUITING' }).where('nct_id', 'in', readSeedRuleSets().map((r) => r.nctId)).execute();
      app = createApp(appDependencies(database));
    });
    after(async () => database?.dispose());
    const rank = (query: string) => app.request(`/api/screen?asOf=2026-03-01${query}`, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: fixture('m-aa-ok') });

    test('the default is a summary of up to 50 trials with total and per-verdict counts over all', async () => {
      const response = await rank('');
      assert.equal(response.status, 200);
      const body = await response.json();
      assert.equal(body.total, 2);
      assert.equal(body.limit, 50);
      assert.equal(body.detail, 'summary');
      assert.equal(body.trials.length, 2);
      assert.equal(body.verdicts.eligible + body.verdicts.incomplete + body.verdicts.ineligible, 2);
      assert.deepEqual(body.trials.map((t: { trial: string }) => t.trial).sort(), ['NCT03055078', 'NCT05794425']);
      const multicenter = body.trials.find((t: { trial: string }) => t.trial === 'NCT05794425');
      assert.equal(multicenter.verdict, 'eligible');
      assert.deepEqual(Object.keys(multicenter.counts).sort(), ['confirm', 'fail', 'pass', 'unknown']);
      assert.equal(multicenter.counts.pass + multicenter.counts.fail + multicenter.counts.unknown + multicenter.counts.confirm, 18);
      assert.equal(multicenter.confirm > 0, true);
      assert.equal(multicenter.ruleSet.review, 'reviewed');
      assert.equal(multicenter.criteria, undefined);
    });

    test('limit=1 returns the best trial while the counts still cover both; detail=full adds the criteria', async () => {
      const all = await (await rank('')).json();
      const body = await (await rank('&limit=1&detail=full')).json();
      assert.equal(body.total, 2);
      assert.deepEqual(body.verdicts, all.verdicts);
      assert.equal(body.trials.length, 1);
      assert.equal(body.trials[0].trial, all.trials[0].trial, 'the best of the full ranking');
      assert.ok(body.trials[0].criteria.length > 0);
      assert.ok(body.trials[0].confirmItems.length > 0);
      assert.ok(body.trials[0].confirmItems.every((item: { questionZh?: string }) => typeof item.questionZh === 'string' && /\p{Script=Han}/u.test(item.questionZh)));
      // The same trial on demand, as the web page loads it.
      const one = await (await app.request(`/api/trials/${body.trials[0].trial}/screen?asOf=2026-03-01`, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: fixture('m-aa-ok') })).json();
      assert.deepEqual(one.criteria, body.trials[0].criteria);
    });

    test('bad limit or detail is a 400 naming the parameter, before any screening', async () => {
      for (const query of ['&limit=0', '&limit=501', '&limit=ten', '&limit=2.5', '&detail=everything']) {
        const response = await rank(query);
        assert.equal(response.status, 400, query);
        const body = await response.json();
        assert.equal(body.error.code, 'invalid_request', query);
        assert.match(JSON.stringify(body.error), query.includes('limit') ? /limit/ : /detail/, query);
      }
    });

    test('the OpenAPI document describes limit, detail, total and verdicts', async () => {
      const doc = await (await app.request('/api/openapi.json')).json();
      const parameters = doc.paths['/api/screen'].post.parameters.map((p: { name: string }) => p.name);
      assert.ok(parameters.includes('limit') && parameters.includes('detail'), parameters.join());
      const ranking = doc.components.schemas.ScreeningRanking;
      for (const field of ['total', 'verdicts', 'limit', 'detail', 'trials']) assert.ok(ranking.properties[field], field);
      assert.ok(doc.components.schemas.ConfirmItem.properties.questionZh);
    });
  });
}

const eligo = (...args: string[]) => spawnSync('bin/eligo', args, { encoding: 'utf8', env: { ...process.env, ELIGO_DATA_DIR: 'memory://', DATABASE_URL: '' } });

test('bin/eligo screen --all-trials takes --limit and --detail, and refuses bad values in one line', () => {
  const json = eligo('screen', '--all-trials', '--patient', `${FIXTURES}/m-aa-ok.json`, '--as-of', '2026-03-01', '--limit', '1', '--detail', 'full', '--json');
  assert.equal(json.status, 0, json.stderr);
  const ranking = JSON.parse(json.stdout);
  assert.deepEqual([ranking.total, ranking.limit, ranking.detail, ranking.trials.length], [1, 1, 'full', 1]);
  assert.equal(ranking.trials[0].criteria.length, 18);
  const text = eligo('screen', '--all-trials', '--patient', `${FIXTURES}/m-aa-ok.json`, '--as-of', '2026-03-01');
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /^1 open trial with rules screened as of 2026-03-01: 1 eligible, 0 incomplete, 0 ineligible\n/);
  assert.match(text.stdout, /NCT05794425 ELIGIBLE/);
  assert.match(text.stdout, /criteria: \d+ met, 0 not met, 0 unknown, \d+ to confirm/);
  for (const [args, message] of [
    [['--limit', '0'], /^eligo: --limit: expected a whole number from 1 to 500, got 0\n$/],
    [['--limit', 'all'], /^eligo: --limit: expected a whole number from 1 to 500, got "all"\n$/],
    [['--detail', 'verbose'], /^eligo: --detail: expected "summary" or "full", got "verbose"\n$/],
  ] as const) {
    const bad = eligo('screen', '--all-trials', '--patient', `${FIXTURES}/m-aa-ok.json`, ...args);
    assert.equal(bad.status, 2, bad.stderr);
    assert.match(bad.stderr, message);
  }
  const withoutAll = eligo('screen', '--trial', 'data/seed-trials/NCT05794425.rules.json', '--patient', `${FIXTURES}/m-aa-ok.json`, '--limit', '5');
  assert.equal(withoutAll.status, 2);
  assert.match(withoutAll.stderr, /--limit and --detail go with --all-trials/);
});
