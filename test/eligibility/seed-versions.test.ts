// The shipped seed rule sets as stored versions, on every backend: a fresh database gets the shipped
// version; a changed shipped file becomes a new version; a version a person approved through the
// review workflow is never overridden by a shipped change; an unchanged file stores nothing.
import { test, describe, before, after } from 'node:test';
import { createStores } from '../../src/store/index.ts';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testBackends } from '../support/databases.ts';
import { currentRuleSet, ruleSetVersions, saveRuleSet } from '../../src/store/rule-sets.ts';
import { ensureSeedRuleSets, SEED_RULE_SETS_DIR } from '../../src/eligibility/seed.ts';
import type { RuleSet } from '../../src/core/criteria/rules.ts';

const NCT = 'NCT03055078';
const shipped = JSON.parse(readFileSync(join(SEED_RULE_SETS_DIR, `${NCT}.rules.json`), 'utf8')) as RuleSet;

for (const backend of testBackends()) {
  describe(`seed rule-set versions on ${backend.name}`, () => {
    let database: Awaited<ReturnType<typeof backend.open>>;
    const directory = mkdtempSync(join(tmpdir(), 'eligo-seed-rules-'));
    const ship = (ruleSet: RuleSet) => writeFileSync(join(directory, `${NCT}.rules.json`), `${JSON.stringify(ruleSet, null, 2)}\n`);
    const versions = async () => (await ruleSetVersions(database.db, NCT)).map((v) => [v.version, v.review, v.source]);
    before(async () => {
      database = await backend.open({ seed: false });
    });
    after(async () => {
      await database?.dispose();
      rmSync(directory, { recursive: true, force: true });
    });

    test('fresh database → v1; the same file again → nothing new; a changed file → v2; a reviewer-approved v3 wins over later shipped changes', async () => {
      ship(shipped);
      assert.deepEqual(Object.fromEntries(await ensureSeedRuleSets(createStores(database.db), directory)), { [NCT]: 'stored' });
      assert.deepEqual(await versions(), [[1, 'reviewed', 'seed']]);

      // Unchanged content (key order and whitespace do not matter): no new version.
      const reordered = Object.fromEntries(Object.entries(shipped).reverse()) as RuleSet;
      writeFileSync(join(directory, `${NCT}.rules.json`), JSON.stringify(reordered));
      assert.deepEqual(Object.fromEntries(await ensureSeedRuleSets(createStores(database.db), directory)), { [NCT]: 'unchanged' });
      assert.deepEqual(await versions(), [[1, 'reviewed', 'seed']]);

      // A translation fixed in the shipped file: stored as v2, which screening now uses.
      const fixed = structuredClone(shipped);
      const inc7 = fixed.criteria.find((c) => c.id === 'inc-7')!;
      assert.equal(inc7.rule.type, 'confirm');
      if (inc7.rule.type === 'confirm') inc7.rule.zh = { question: '患者理解本研究，并愿意签署书面知情同意书（修订）' };
      ship(fixed);
      assert.deepEqual(Object.fromEntries(await ensureSeedRuleSets(createStores(database.db), directory)), { [NCT]: 'stored' });
      assert.deepEqual(await versions(), [[2, 'reviewed', 'seed'], [1, 'reviewed', 'seed']]);
      const current = await currentRuleSet(database.db, NCT);
      assert.equal(current!.ruleSet.version, 2);
      const storedInc7 = current!.ruleSet.criteria.find((c) => c.id === 'inc-7')!.rule;
      assert.equal(storedInc7.type === 'confirm' ? storedInc7.zh?.question : undefined, '患者理解本研究，并愿意签署书面知情同意书（修订）');

      // A person approves v3 through the review workflow (as POST /api/trials/{nctId}/rules does).
      const approved = await saveRuleSet(database.db, { ...current!.ruleSet, criteria: current!.ruleSet.criteria.slice(0, 5), reviewedBy: 'coordinator' }, 'hand', { nextVersion: true });
      assert.equal(approved.version, 3);
      const later = structuredClone(fixed);
      later.criteria = later.criteria.slice(1);
      ship(later);
      assert.deepEqual(Object.fromEntries(await ensureSeedRuleSets(createStores(database.db), directory)), { [NCT]: 'kept-reviewed' });
      assert.deepEqual(await versions(), [[3, 'reviewed', 'hand'], [2, 'reviewed', 'seed'], [1, 'reviewed', 'seed']]);
      assert.equal((await currentRuleSet(database.db, NCT))!.ruleSet.criteria.length, 5);
    });

    test('an unreviewed later version (the parser\'s reading) does not stop a shipped change', async () => {
      const other = { ...structuredClone(shipped), nctId: 'NCT09000077' };
      const file = join(directory, 'NCT09000077.rules.json');
      writeFileSync(file, JSON.stringify(other));
      try {
        await ensureSeedRuleSets(createStores(database.db), directory);
        await saveRuleSet(database.db, { ...other, review: 'unreviewed' }, 'parser', { nextVersion: true });
        writeFileSync(file, JSON.stringify({ ...other, reviewedAt: '2026-11-23' }));
        const outcomes = await ensureSeedRuleSets(createStores(database.db), directory);
        assert.equal(outcomes.get('NCT09000077'), 'stored');
        assert.deepEqual((await ruleSetVersions(database.db, 'NCT09000077')).map((v) => [v.version, v.source]), [[3, 'seed'], [2, 'parser'], [1, 'seed']]);
      } finally {
        rmSync(file);
      }
    });
  });
}
