// The repository contract: what every implementation of Stores must do, run on each backend (PGlite,
// and PostgreSQL when TEST_DATABASE_URL is set). A new implementation (e.g. one scoped to an actor's
// sites) runs the same suite through `repositoryContract`.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../support/databases.ts';
import { createStores, type Stores } from '../../src/store/index.ts';
import { parseSearchQuery } from '../../src/registry/search/query.ts';
import type { RuleSet } from '../../src/core/criteria/rules.ts';
import type { Trial } from '../../src/core/trial/model.ts';
import { trial } from '../registry/fixtures.ts';

const ruleSet = (nctId: string, review: RuleSet['review'] = 'reviewed', version = 1): RuleSet => ({
  nctId,
  version,
  review,
  criteria: [{ id: 'inc-1', kind: 'inclusion', text: 'Age 18 or older', rule: { type: 'age', comparison: { op: '>=', value: 18, unit: 'a' } } }],
} as RuleSet);

const withCriteria = (record: Trial, text: string): Trial => ({ ...record, protocolSection: { ...record.protocolSection, eligibilityModule: { ...record.protocolSection.eligibilityModule, eligibilityCriteria: text } } }) as Trial;

export function repositoryContract(name: string, open: () => Promise<{ stores: Stores; dispose(): Promise<void> }>): void {
  describe(`${name}: repository contract`, () => {
    let stores: Stores;
    let dispose: () => Promise<void>;
    before(async () => ({ stores, dispose } = await open()));
    after(() => dispose());

    test('trials: upsert creates, then reports unchanged; record reads it back; search finds it', async () => {
      const record = trial({ nctId: 'NCT09100001', title: 'Eltrombopag in aplastic anaemia', status: 'RECRUITING' });
      assert.deepEqual((await stores.trials.upsert([{ trial: record, source: 'ctgov' }])).created, ['NCT09100001']);
      assert.deepEqual((await stores.trials.upsert([{ trial: record, source: 'ctgov' }])).unchanged, ['NCT09100001']);
      assert.equal((await stores.trials.record('NCT09100001'))?.protocolSection.identificationModule.briefTitle, 'Eltrombopag in aplastic anaemia');
      assert.equal(await stores.trials.record('NCT09199999'), null);
      const parsed = parseSearchQuery({ q: 'eltrombopag' });
      assert.ok(parsed.ok);
      assert.deepEqual((await stores.trials.search(parsed.query)).results.map((hit) => hit.nctId), ['NCT09100001']);
      await stores.trials.analyze();
    });

    test('trials: the seed marker is claimed once, with the trials', async () => {
      assert.equal(await stores.trials.seeded('contract.seed'), false);
      await stores.trials.seedOnce('contract.seed', [trial({ nctId: 'NCT09100002', title: 'Seeded' })]);
      await stores.trials.seedOnce('contract.seed', [trial({ nctId: 'NCT09100003', title: 'Too late' })]);
      assert.equal(await stores.trials.seeded('contract.seed'), true);
      assert.ok(await stores.trials.record('NCT09100002'));
      assert.equal(await stores.trials.record('NCT09100003'), null, 'a second claim writes nothing');
    });

    test('rule sets: versions, the current one (reviewed first), open trials and the review list', async () => {
      await stores.ruleSets.save(ruleSet('NCT09100001', 'reviewed', 1), 'hand');
      const next = await stores.ruleSets.save(ruleSet('NCT09100001', 'unreviewed', 1), 'parser');
      assert.equal(next.version, 2, 'a taken version number moves to the next free one');
      const current = await stores.ruleSets.current('NCT09100001');
      assert.equal(current?.ruleSet.version, 1);
      assert.equal(current?.ruleSet.review, 'reviewed');
      assert.deepEqual((await stores.ruleSets.versions('NCT09100001')).map((v) => v.version), [2, 1]);
      assert.equal(await stores.ruleSets.current('NCT09199999'), undefined);
      assert.deepEqual((await stores.ruleSets.currentOfOpenTrials()).map((entry) => entry.ruleSet.nctId), ['NCT09100001']);
      const list = await stores.ruleSets.list({ limit: 10, offset: 0 });
      assert.equal(list.total, 1);
      assert.equal(list.items[0].latestVersion, 2);
      assert.deepEqual(await stores.ruleSets.list({ limit: 10, offset: 5 }), { total: 1, items: [] });
    });

    test('rule sets: shipped seeds are stored once, and never over a later approval', async () => {
      assert.equal(await stores.ruleSets.saveSeed(ruleSet('NCT09100002', 'reviewed', 1)), 'stored');
      assert.equal(await stores.ruleSets.saveSeed(ruleSet('NCT09100002', 'reviewed', 1)), 'unchanged');
      await stores.ruleSets.save(ruleSet('NCT09100002', 'reviewed', 1), 'hand', { nextVersion: true });
      const changed = { ...ruleSet('NCT09100002'), criteria: [{ ...ruleSet('NCT09100002').criteria[0], text: 'Age 20 or older' }] } as RuleSet;
      assert.equal(await stores.ruleSets.saveSeed(changed), 'kept-reviewed');
    });

    test('rule sets: stale parser output is found, replaced by saveParsed, and the refreshed version recorded', async () => {
      await stores.trials.upsert([{ trial: withCriteria(trial({ nctId: 'NCT09100004', title: 'Parsed' }), 'Inclusion Criteria:\n- Age 18 or older'), source: 'ctgov' }]);
      const stale = await stores.ruleSets.staleParsed('test-parser-1', { ids: ['NCT09100004', 'NCT09100001'] });
      assert.deepEqual(stale.map((row) => row.nct_id), ['NCT09100004'], 'a trial with a reviewed rule set is never stale');
      const { criteriaHash } = await import('../../src/eligibility/parsed-rule-sets.ts');
      await stores.ruleSets.saveParsed([{ ruleSet: ruleSet('NCT09100004', 'unreviewed'), criteriaHash: criteriaHash(stale[0].criteria) }], 'test-parser-1');
      assert.deepEqual(await stores.ruleSets.staleParsed('test-parser-1', { after: '', limit: 10 }), []);
      assert.equal((await stores.ruleSets.staleParsed('test-parser-2', { after: '', limit: 10 })).length, 1, 'a new parser version makes it stale again');
      assert.equal(await stores.ruleSets.refreshedParserVersion(), undefined);
      await stores.ruleSets.recordRefreshedParserVersion('test-parser-1');
      assert.equal(await stores.ruleSets.refreshedParserVersion(), 'test-parser-1');
    });

    test('site ranges: replaced whole, listed per site, counted per site', async () => {
      const range = { siteId: 's1', analyte: 'alt', sex: 'any' as const, high: 40, unit: 'U/L', source: 'lab', effectiveFrom: '2026-01-01' };
      await stores.siteRanges.replace('s1', [range, { ...range, analyte: 'ast', low: 5 }]);
      await stores.siteRanges.replace('s1', [range]);
      assert.deepEqual(await stores.siteRanges.list('s1'), [range]);
      assert.deepEqual(await stores.siteRanges.list('nowhere'), []);
      assert.deepEqual(await stores.siteRanges.sites(), [{ siteId: 's1', ranges: 1, analytes: 1 }]);
      await assert.rejects(stores.siteRanges.replace('s1', [range, { ...range, low: undefined, high: undefined }]), 'a row the database refuses');
      assert.deepEqual(await stores.siteRanges.list('s1'), [range], 'a failed replace leaves the old ranges whole');
    });

    test('the server version is readable', async () => {
      assert.match(await stores.serverVersion(), /PostgreSQL/);
    });
  });
}

for (const backend of testBackends()) {
  repositoryContract(backend.name, async () => {
    const database = await backend.open();
    return { stores: createStores(database.db), dispose: () => database.dispose() };
  });
}
