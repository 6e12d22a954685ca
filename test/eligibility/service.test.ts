// Storage and HTTP for screening, on every backend: rule-set versions, site reference ranges,
// the screening and ranking endpoints, rules as text, the questionnaire, and bad input.
import { test, describe, before, after } from 'node:test';
import { createStores } from '../../src/store/index.ts';
import assert from 'node:assert/strict';
import { SHARED_DIR } from '../support/shared.ts';
import { readFileSync } from 'node:fs';
import { testBackends } from '../support/databases.ts';
import { appDependencies, createApp } from '../../src/server/app.ts';
import { currentRuleSet, saveRuleSet, ruleSetVersions } from '../../src/store/rule-sets.ts';
import { readSeedRuleSets } from '../../src/eligibility/seed.ts';
import { validateSiteRanges, parseSiteRangesCsv } from '../../src/eligibility/site-ranges.ts';
import { replaceSiteRanges, siteRanges } from '../../src/store/site-ranges.ts';
import type { EligoError } from '../../src/core/problems.ts';
import { screenTrial } from '../../src/eligibility/screen.ts';

const FIXTURES = `${SHARED_DIR}/fixtures/patients`;
const fixture = (id: string) => readFileSync(`${FIXTURES}/${id}.json`, 'utf8');

for (const backend of testBackends()) {
  describe(`eligibility service on ${backend.name}`, () => {
    let database: Awaited<ReturnType<typeof backend.open>>;
    let app: ReturnType<typeof createApp>;
    before(async () => {
      database = await backend.open({ seed: true });
      app = createApp(appDependencies(database));
    });
    after(async () => database?.dispose());

    test('the seed rule sets are loaded as version 1, reviewed', async () => {
      for (const nctId of ['NCT05794425', 'NCT03055078']) {
        const stored = await currentRuleSet(database.db, nctId);
        assert.ok(stored, nctId);
        assert.equal(stored.ruleSet.version, 1);
        assert.equal(stored.ruleSet.review, 'reviewed');
        assert.equal(stored.source, 'seed');
      }
    });

    test('an unreviewed version does not replace the reviewed one; a newer reviewed one does', async () => {
      const [seed] = readSeedRuleSets().filter((r) => r.nctId === 'NCT03055078');
      const unreviewed = await saveRuleSet(database.db, { ...seed, review: 'unreviewed', criteria: seed.criteria.slice(0, 2) }, 'parser');
      assert.equal(unreviewed.version, 2);
      assert.equal((await currentRuleSet(database.db, 'NCT03055078'))!.ruleSet.version, 1);
      const reviewed = await saveRuleSet(database.db, seed, 'hand');
      assert.equal(reviewed.version, 3);
      assert.equal((await currentRuleSet(database.db, 'NCT03055078'))!.ruleSet.version, 3);
      assert.deepEqual((await ruleSetVersions(database.db, 'NCT03055078')).map((v) => [v.version, v.review]), [[3, 'reviewed'], [2, 'unreviewed'], [1, 'reviewed']]);
    });

    test("a site's reference range is used when the result has none, and its effective dates count", async () => {
      const bundle = JSON.parse(fixture('m-aa-ok'));
      for (const entry of bundle.entry) delete entry.resource.referenceRange;
      const noSite = await screenTrial(createStores(database.db), 'NCT05794425', bundle, { asOf: '2026-03-01' });
      const tbil = (result: typeof noSite) => result.criteria.find((c) => c.id === 'inc-2')!.evidence.find((e) => e.label === 'total bilirubin')!;
      assert.equal(tbil(noSite).limit?.source, 'default');
      assert.equal(tbil(noSite).limit?.value, 21); // WS/T 404.4-2018, female
      const ranges = validateSiteRanges('site-01', [
        { analyte: 'bilirubin.total', sex: 'female', high: 1.0, unit: 'mg/dL', effectiveFrom: '2025-01-01', effectiveTo: '2025-12-31' },
        { analyte: 'bilirubin.total', sex: 'any', high: 19, unit: 'umol/L', effectiveFrom: '2026-01-01' },
      ]);
      await replaceSiteRanges(database.db, 'site-01', ranges);
      assert.equal((await siteRanges(database.db, 'site-01')).length, 2);
      const withSite = await screenTrial(createStores(database.db), 'NCT05794425', bundle, { asOf: '2026-03-01', siteId: 'site-01' });
      assert.equal(tbil(withSite).limit?.source, 'site');
      assert.equal(tbil(withSite).limit?.value, 19);
      assert.match(tbil(withSite).limit!.detail, /site site-01/);
      // Results from 2025 fall under the range in force then (1.0 mg/dL = 17.1 µmol/L).
      for (const entry of bundle.entry) if (entry.resource.effectiveDateTime) entry.resource.effectiveDateTime = '2025-12-20';
      const older = await screenTrial(createStores(database.db), 'NCT05794425', bundle, { asOf: '2026-01-10', siteId: 'site-01' });
      assert.equal(tbil(older).limit?.source, 'site');
      // The labs' conventional factor (analytes.ts, clinical-domain.md §7), not the molecular weight's 17.104.
      assert.ok(Math.abs(tbil(older).limit!.value - 17.1) < 1e-9, String(tbil(older).limit?.value));
    });

    test('bad site ranges are refused with the field named, and nothing is written', async () => {
      assert.throws(() => validateSiteRanges('site-01', [{ analyte: 'alt', high: 40, unit: 'mg', effectiveFrom: '2026-01-01' }]), (error: EligoError) => /ranges\[0\]\.unit/.test(error.message));
      assert.throws(() => validateSiteRanges('site-01', [{ analyte: 'nonsense', high: 40, unit: 'U/L', effectiveFrom: '2026-01-01' }]), /ranges\[0\]\.analyte: unknown analyte/);
      assert.throws(() => validateSiteRanges('site-01', [{ analyte: 'alt', low: 50, high: 40, unit: 'U/L', effectiveFrom: '2026-01-01' }]), /low 50 is above high 40/);
      assert.throws(() => parseSiteRangesCsv('site_id,analyte,high,unit,effective_from\nsite-02,alt,40,U/L,2026-13-01\n'), /line 2\.effectiveFrom/);
      const response = await app.request('/api/sites/site-01/reference-ranges', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ranges: [{ analyte: 'alt', high: 40, unit: 'U/L', effectiveFrom: '2026-01-01' }, { analyte: 'alt', high: 'x', unit: 'U/L', effectiveFrom: '2026-01-01' }] }) });
      assert.equal(response.status, 400);
      const body = await response.json();
      assert.match(body.error.message, /ranges\[1\]\.high/);
      assert.equal((await siteRanges(database.db, 'site-01')).length, 2, 'the earlier ranges are untouched');
    });

    test('CSV import replaces the ranges of each site in the file', async () => {
      const csv = 'site_id,analyte,sex,age_from,age_to,low,high,unit,effective_from,effective_to,source\n"site-02",creatinine,male,20,60,57,97,umol/L,2026-01-01,,WS/T 404.5\nsite-02,creatinine,male,60,,57,111,umol/L,2026-01-01,,"lab, 2026"\n';
      const bySite = parseSiteRangesCsv(csv);
      assert.deepEqual([...bySite.keys()], ['site-02']);
      await replaceSiteRanges(database.db, 'site-02', bySite.get('site-02')!);
      const stored = await siteRanges(database.db, 'site-02');
      assert.equal(stored.length, 2);
      assert.equal(stored[1].source, 'lab, 2026');
    });

    test('POST /api/trials/{nctId}/screen returns the screening JSON', async () => {
      const response = await app.request('/api/trials/NCT05794425/screen?asOf=2026-03-01', { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: fixture('m-lvef-low') });
      assert.equal(response.status, 200);
      const body = await response.json();
      assert.equal(body.trial, 'NCT05794425');
      assert.equal(body.asOf, '2026-03-01');
      assert.equal(body.verdict, 'ineligible');
      const lvef = body.criteria.find((c: { id: string }) => c.id === 'inc-4');
      assert.equal(lvef.status, 'fail');
      assert.equal(lvef.kind, 'inclusion');
      assert.match(lvef.text, /LVEF/);
      assert.equal(lvef.evidence[0].value, 44);
      assert.equal(lvef.evidence[0].unit, '%');
      assert.equal(lvef.evidence[0].date, '2026-02-24');
    });

    test('the screening endpoint reports a bad record, an unknown trial and a bad date', async () => {
      const post = (path: string, body: string) => app.request(path, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body });
      const notFhir = await post('/api/trials/NCT05794425/screen?asOf=2026-03-01', JSON.stringify({ hello: 'world' }));
      assert.equal(notFhir.status, 422);
      assert.match((await notFhir.json()).error.message, /resourceType/);
      const notJson = await post('/api/trials/NCT05794425/screen?asOf=2026-03-01', 'this is not json');
      assert.equal(notJson.status, 422);
      assert.match((await notJson.json()).error.message, /not JSON/);
      const ndjson = await app.request('/api/trials/NCT03055078/screen?asOf=2026-03-01', { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: JSON.parse(fixture('p-ok')).entry.map((e: { resource: unknown }) => JSON.stringify(e.resource)).join('\n') });
      assert.equal(ndjson.status, 200);
      assert.equal((await ndjson.json()).verdict, 'eligible');
      const unknown = await post('/api/trials/NCT99999999/screen?asOf=2026-03-01', fixture('p-ok'));
      assert.equal(unknown.status, 404);
      const badDate = await post('/api/trials/NCT05794425/screen?asOf=2026-02-30', fixture('p-ok'));
      assert.equal(badDate.status, 400);
      assert.match((await badDate.json()).error.message, /asOf/);
    });

    test('POST /api/trials/{nctId}/screen/form screens a hand-entered patient; the catalog lists the codes', async () => {
      const form = { sex: 'male', birthDate: '1990-06-01', conditions: [{ concept: 'aplastic-anemia', onset: '2025-12-31' }], results: [{ analyte: 'lvef', value: 64, date: '2026-02-24' }], scores: [{ scale: 'ECOG', grade: 1, date: '2026-02-24' }] };
      const response = await app.request('/api/trials/NCT03055078/screen/form?asOf=2026-03-01', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(form) });
      assert.equal(response.status, 200);
      assert.equal((await response.json()).verdict, 'eligible');
      const bad = await app.request('/api/trials/NCT03055078/screen/form?asOf=2026-03-01', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...form, scores: [{ scale: 'ECOG', grade: 9, date: '2026-02-24' }] }) });
      assert.equal(bad.status, 400);
      assert.match((await bad.json()).error.message, /scores\.0\.grade/);
      const catalog = await (await app.request('/api/eligibility/catalog')).json();
      assert.ok(catalog.analytes.some((a: { key: string; label: { zh: string } }) => a.key === 'bilirubin.total' && a.label.zh === '总胆红素'));
      assert.ok(catalog.concepts.some((c: { id: string }) => c.id === 'bone-marrow-failure'));
    });

    test('POST /api/screen ranks the open trials that have rules', async () => {
      const response = await app.request('/api/screen?asOf=2026-03-01', { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: fixture('m-aa-ok') });
      assert.equal(response.status, 200);
      const body = await response.json();
      // NCT03055078's status is UNKNOWN (not open), so only the multicenter trial is ranked.
      assert.deepEqual(body.trials.map((t: { trial: string; verdict: string }) => [t.trial, t.verdict]), [['NCT05794425', 'eligible']]);
      assert.match(body.trials[0].title, /UCB/);
    });

    test('GET /api/trials/{nctId}/rules prints every rule in English and Chinese', async () => {
      const response = await app.request('/api/trials/NCT05794425/rules');
      assert.equal(response.status, 200);
      const body = await response.json();
      assert.equal(body.criteria.length, 18);
      const inc2 = body.criteria.find((c: { id: string }) => c.id === 'inc-2');
      assert.match(inc2.rule.en, /TBIL ≤ 1\.5 × ULN/);
      assert.match(inc2.rule.zh, /总胆红素 ≤ 1\.5 × 正常值上限/);
      assert.ok(inc2.ambiguities.some((a: string) => /both ALT and AST/.test(a)));
    });

    test('the questionnaire is generated from the rules and gives a verdict without storing anything', async () => {
      const zh = await (await app.request('/api/trials/NCT03055078/questionnaire?lang=zh')).json();
      assert.ok(zh.questions.some((q: { text: string }) => q.text === '您今年多大年龄？'));
      const en = await (await app.request('/api/trials/NCT03055078/questionnaire?lang=en')).json();
      assert.ok(en.questions.some((q: { id: string; text: string }) => q.id === 'condition:aplastic-anemia' && /aplastic anemia/.test(q.text)));
      const answer = (answers: Record<string, string | number>) => app.request('/api/trials/NCT03055078/questionnaire', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ lang: 'en', asOf: '2026-03-01', answers }) });
      const young = await (await answer({ age: 13, 'condition:aplastic-anemia': 'yes', 'condition:aplastic-anemia:onset': '2026-01' })).json();
      assert.equal(young.outcome, 'probably-not');
      assert.match(young.because.join(' '), /Age from 14 to 60/);
      const fits = await (await answer({ age: 30, 'condition:aplastic-anemia': 'yes', 'condition:aplastic-anemia:onset': '2026-01', pregnant: 'no' })).json();
      assert.equal(fits.outcome, 'may-be-eligible');
      assert.ok(fits.nextSteps.length > 0);
      const count = await database.db.selectFrom('eligibility_rule_set').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.ok(Number(count.n) >= 2);
    });

    test('the OpenAPI document describes the screening endpoints', async () => {
      const doc = await (await app.request('/api/openapi.json')).json();
      for (const path of ['/api/trials/{nctId}/screen', '/api/screen', '/api/trials/{nctId}/rules', '/api/trials/{nctId}/questionnaire', '/api/sites/{siteId}/reference-ranges']) assert.ok(doc.paths[path], path);
      assert.ok(doc.components.schemas.ScreeningResult);
    });
  });
}
