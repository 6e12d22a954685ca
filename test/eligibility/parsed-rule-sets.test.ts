// The parser's output as stored rule sets, on every backend: stored after an import, tagged with the
// parser version and the criteria text's hash, refreshed only when one of them changes, ranked with
// the reviewed sets (cache invalidated on save), and shown as unreviewed by the API.
import { test, describe, before, after } from 'node:test';
import { createStores } from '../../src/store/index.ts';
import assert from 'node:assert/strict';
import { SHARED_DIR } from '../support/shared.ts';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testBackends } from '../support/databases.ts';
import { appDependencies, createApp } from '../../src/server/app.ts';
import { PARSER_VERSION } from '../../src/core/criteria/parse/version.ts';
import { criteriaHash, refreshParsedRuleSets, type RefreshReport } from '../../src/eligibility/parsed-rule-sets.ts';
import { currentRuleSet, currentRuleSetsOfOpenTrials, saveRuleSet } from '../../src/store/rule-sets.ts';
import { importFiles } from '../../src/registry/import/importer.ts';

const FIXTURES = `${SHARED_DIR}/fixtures/patients`;
const SEED = JSON.parse(readFileSync('data/seed-trials/NCT03055078.json', 'utf8'));
const CRITERIA = 'Inclusion Criteria:\n\n1. Age 18 to 65 years\n2. Platelet count ≥ 100 × 10^9/L\n\nExclusion Criteria:\n\n1. Pregnant or breastfeeding women\n';

function trialRecord(nctId: string, criteria: string | undefined, status = 'RECRUITING') {
  const record = structuredClone(SEED);
  record.protocolSection.identificationModule.nctId = nctId;
  record.protocolSection.identificationModule.briefTitle = `Test trial ${nctId}`;
  record.protocolSection.statusModule.overallStatus = status;
  if (criteria === undefined) delete record.protocolSection.eligibilityModule.eligibilityCriteria;
  else record.protocolSection.eligibilityModule.eligibilityCriteria = criteria;
  return record;
}

for (const backend of testBackends()) {
  describe(`parser rule sets on ${backend.name}`, () => {
    let database: Awaited<ReturnType<typeof backend.open>>;
    let app: ReturnType<typeof createApp>;
    const directory = mkdtempSync(join(tmpdir(), 'eligo-parsed-'));
    const importRecords = async (name: string, records: unknown[]) => {
      const file = join(directory, name);
      writeFileSync(file, records.map((record) => JSON.stringify(record)).join('\n'));
      const report = await importFiles(createStores(database.db), [file], { afterImport: (changed) => refreshParsedRuleSets(createStores(database.db), { nctIds: changed, fullOnNewParser: true }) });
      return report.afterImport as RefreshReport;
    };
    const storedRows = (nctId: string) => database.db.selectFrom('eligibility_rule_set').select(['version', 'review', 'source', 'parser_version', 'criteria_hash']).where('nct_id', '=', nctId).orderBy('version').execute();

    before(async () => {
      database = await backend.open({ seed: true });
      app = createApp(appDependencies(database));
    });
    after(async () => {
      await database?.dispose();
      rmSync(directory, { recursive: true, force: true });
    });

    test('an import stores the parser output of trials with criteria, tagged with parser version and text hash', async () => {
      const refresh = await importRecords('first.jsonl', [trialRecord('NCT09000001', CRITERIA), trialRecord('NCT09000002', undefined), trialRecord('NCT09000003', CRITERIA, 'COMPLETED')]);
      // A fresh database was never refreshed: the first import checks every trial (the seeds have reviewed sets).
      assert.equal(refresh.full, true);
      assert.equal(refresh.parsed, 2);
      assert.deepEqual(await storedRows('NCT09000001'), [{ version: 1, review: 'unreviewed', source: 'parser', parser_version: PARSER_VERSION, criteria_hash: criteriaHash(CRITERIA) }]);
      assert.deepEqual(await storedRows('NCT09000002'), [], 'no criteria text, nothing to parse');
      assert.deepEqual((await storedRows('NCT05794425')).map((row) => row.source), ['seed'], 'a reviewed set is not shadowed by the parser');
      const stored = await currentRuleSet(database.db, 'NCT09000001');
      assert.equal(stored?.ruleSet.review, 'unreviewed');
      assert.ok(stored!.ruleSet.criteria.some((criterion) => criterion.kind === 'exclusion'));
    });

    test('the same text is not parsed again; changed text replaces the parser output under a new version', async () => {
      const again = await importRecords('again.jsonl', [trialRecord('NCT09000001', CRITERIA)]);
      assert.equal(again.parsed, 0);
      assert.equal(again.full, false);
      const changedText = CRITERIA.replace('18 to 65', '18 to 70');
      const changed = await importRecords('changed.jsonl', [trialRecord('NCT09000001', changedText)]);
      assert.equal(changed.parsed, 1);
      assert.deepEqual((await storedRows('NCT09000001')).map((row) => [row.version, row.criteria_hash]), [[2, criteriaHash(changedText)]]);
      assert.equal((await currentRuleSet(database.db, 'NCT09000001'))?.ruleSet.version, 2);
    });

    test('a new parser version re-parses every trial on the next import', async () => {
      await database.db.updateTable('eligibility_rule_set').set({ parser_version: '2000-01-01.1' }).where('source', '=', 'parser').execute();
      await database.db.updateTable('eligo_meta').set({ value: '2000-01-01.1' }).where('key', '=', 'eligibility.parser_version').execute();
      const refresh = await importRecords('unrelated.jsonl', [trialRecord('NCT09000004', undefined)]);
      assert.equal(refresh.full, true);
      assert.equal(refresh.parsed, 2);
      assert.deepEqual((await storedRows('NCT09000003')).map((row) => [row.version, row.parser_version]), [[2, PARSER_VERSION]]);
    });

    test('the import hook gets exactly the trials the import created or updated, and its time is reported', async () => {
      const file = join(directory, 'hook.jsonl');
      const seen: string[][] = [];
      const hooked = async (records: unknown[]) => {
        writeFileSync(file, records.map((record) => JSON.stringify(record)).join('\n'));
        return importFiles(createStores(database.db), [file], { afterImport: async (changed) => seen.push([...changed].sort()) });
      };
      const first = await hooked([trialRecord('NCT09000007', undefined), trialRecord('NCT09000008', undefined)]);
      const second = await hooked([trialRecord('NCT09000007', undefined), trialRecord('NCT09000008', CRITERIA)]);
      assert.deepEqual(seen, [['NCT09000007', 'NCT09000008'], ['NCT09000008']]);
      assert.equal(typeof first.afterImportSeconds, 'number');
      assert.ok(second.afterImportSeconds! <= second.seconds);
    });

    test('ranking covers every open trial with criteria, and a saved review replaces the cached parser set', async () => {
      const rank = async () => (await (await app.request('/api/screen?asOf=2026-03-01', { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: readFileSync(`${FIXTURES}/m-aa-ok.json`, 'utf8') })).json()) as { screened: number; trials: Array<{ trial: string; title: string | null; ruleSet: { version: number; review: string } }> };
      const first = await rank();
      const parsed = first.trials.find((trial) => trial.trial === 'NCT09000001');
      assert.deepEqual(parsed?.ruleSet, { version: 3, review: 'unreviewed' }); // 2 re-parsed by the new parser version
      assert.equal(parsed?.title, 'Test trial NCT09000001');
      assert.ok(!first.trials.some((trial) => trial.trial === 'NCT09000003'), 'a completed trial is not ranked');
      const current = (await currentRuleSet(database.db, 'NCT09000001'))!.ruleSet;
      await saveRuleSet(database.db, { ...current, review: 'reviewed', criteria: current.criteria.slice(0, 1) }, 'hand', { nextVersion: true });
      const second = await rank();
      assert.deepEqual(second.trials.find((trial) => trial.trial === 'NCT09000001')?.ruleSet, { version: 4, review: 'reviewed' });
      assert.equal(second.screened, first.screened);
      assert.equal((await currentRuleSetsOfOpenTrials(database.db)).find((entry) => entry.ruleSet.nctId === 'NCT09000001')?.ruleSet.criteria.length, 1);
    });

    test('GET /api/trials/{nctId}/rules shows a parser set as unreviewed, with each criterion status and unparsed text', async () => {
      await importRecords('rules.jsonl', [trialRecord('NCT09000005', `${CRITERIA}2. Willing to comply with study visits\n`)]);
      const body = await (await app.request('/api/trials/NCT09000005/rules')).json();
      assert.equal(body.review, 'unreviewed');
      assert.equal(body.source, 'parser');
      assert.equal(body.parserVersion, PARSER_VERSION);
      assert.ok(body.criteria.length > 0);
      for (const criterion of body.criteria) {
        assert.ok(['computable', 'partial', 'needs_review'].includes(criterion.status), JSON.stringify(criterion));
        assert.ok(Array.isArray(criterion.unparsed));
      }
      const seed = await (await app.request('/api/trials/NCT05794425/rules')).json();
      assert.equal(seed.review, 'reviewed');
      assert.equal(seed.parserVersion, null);
    });

    test('a trial never refreshed is read by the parser on request, and the read writes nothing', async () => {
      const file = join(directory, 'unhooked.jsonl');
      writeFileSync(file, JSON.stringify(trialRecord('NCT09000006', CRITERIA)));
      await importFiles(createStores(database.db), [file]);
      assert.deepEqual(await storedRows('NCT09000006'), []);
      const response = await app.request('/api/trials/NCT09000006/rules');
      assert.equal(response.status, 200);
      const body = await response.json();
      assert.equal(body.review, 'unreviewed');
      assert.equal(body.source, 'parser');
      assert.deepEqual(await storedRows('NCT09000006'), [], 'a GET never writes');
      // Storing the parser's reading is an explicit step (the import hook or `eligo rules refresh`).
      await refreshParsedRuleSets(createStores(database.db), { nctIds: ['NCT09000006'] });
      assert.equal((await storedRows('NCT09000006')).length, 1);
      const none = await app.request('/api/trials/NCT09000002/rules');
      assert.equal(none.status, 404);
      assert.equal((await none.json()).error.code, 'no_rule_set');
    });

    test('GET /api/rule-sets lists trials with their current version, review state and criteria by status', async () => {
      const body = await (await app.request('/api/rule-sets?limit=500')).json();
      const byId = new Map(body.items.map((item: { nctId: string }) => [item.nctId, item]));
      assert.equal(body.total, body.items.length);
      const seed = byId.get('NCT05794425') as { review: string; source: string; criteria: { total: number; unspecified: number } };
      assert.equal(seed.review, 'reviewed');
      assert.equal(seed.criteria.total, seed.criteria.unspecified + (seed.criteria.total - seed.criteria.unspecified));
      assert.ok(seed.criteria.total >= 10);
      const reviewedParsed = byId.get('NCT09000001') as { version: number; latestVersion: number; review: string };
      assert.deepEqual([reviewedParsed.version, reviewedParsed.latestVersion, reviewedParsed.review], [4, 4, 'reviewed']);
      const parsed = byId.get('NCT09000005') as { review: string; title: string; criteria: { total: number; computable: number; partial: number; needs_review: number; unspecified: number } };
      assert.equal(parsed.review, 'unreviewed');
      assert.equal(parsed.title, 'Test trial NCT09000005');
      assert.equal(parsed.criteria.computable + parsed.criteria.partial + parsed.criteria.needs_review, parsed.criteria.total);
      assert.equal(parsed.criteria.unspecified, 0);
      const unreviewed = await (await app.request('/api/rule-sets?review=unreviewed&limit=1&offset=1')).json();
      assert.equal(unreviewed.items.length, 1);
      assert.ok(unreviewed.items.every((item: { review: string }) => item.review === 'unreviewed'));
      assert.equal(unreviewed.total, body.items.filter((item: { review: string }) => item.review === 'unreviewed').length);
      const pastEnd = await (await app.request('/api/rule-sets?offset=1000')).json();
      assert.deepEqual(pastEnd, { total: body.total, items: [] });
      const bad = await app.request('/api/rule-sets?review=maybe');
      assert.equal(bad.status, 400);
      assert.match(JSON.stringify(await bad.json()), /review/);
    });

    test('GET /api/sites lists the sites with reference ranges', async () => {
      assert.deepEqual(await (await app.request('/api/sites')).json(), { sites: [] });
      const put = await app.request('/api/sites/qilu-01/reference-ranges', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ranges: [{ analyte: 'alt', high: 40, unit: 'U/L', effectiveFrom: '2026-01-01' }, { analyte: 'alt', sex: 'female', high: 35, unit: 'U/L', effectiveFrom: '2026-01-01' }, { analyte: 'creatinine', high: 100, unit: 'umol/L', effectiveFrom: '2026-01-01' }] }) });
      assert.equal(put.status, 200);
      assert.deepEqual(await (await app.request('/api/sites')).json(), { sites: [{ siteId: 'qilu-01', ranges: 3, analytes: 2 }] });
    });
  });
}
