// Every boundary validates, once: body limits on every route, NUL characters refused naming the field,
// limits of normal that are positive, a hand-entry body that is a record, values echoed at most ~80
// characters, large site uploads in one transaction, and rule sets pinned to other table versions.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { testBackends } from '../support/databases.ts';
import { appDependencies, createApp, type App } from '../../src/server/app.ts';
import type { Database } from '../../src/store/database.ts';
import { MAX_ECHOED_VALUE } from '../../src/core/problems.ts';
import { tablePinProblems, CLINICAL_TABLE_VERSIONS } from '../../src/core/criteria/table-pins.ts';
import { evaluateRuleSet } from '../../src/core/criteria/evaluate.ts';
import { patientFactsFromFhir } from '../../src/core/patient/fhir.ts';

const json = (body: unknown, method = 'POST') => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const range = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ analyte: 'alt', high: 40, unit: 'U/L', effectiveFrom: '2026-01-01', ...extra });

for (const backend of testBackends()) {
  describe(`${backend.name}: request boundaries`, () => {
    let database: Database & { dispose(): Promise<void> };
    let app: App;
    before(async () => {
      database = await backend.open({ seed: true });
      app = createApp(appDependencies(database));
    });
    after(() => database.dispose());

    test('a JSON body over 1 MB is refused with 413 naming the limit; a FHIR record may be up to 10 MB', async () => {
      const big = await app.request('/api/criteria/parse', json({ text: 'x'.repeat(1024 * 1024 + 10) }));
      assert.equal(big.status, 413);
      const body = await big.json();
      assert.equal(body.error.code, 'body_too_large');
      assert.match(body.error.message, /1 MB/);
      const record = { resourceType: 'Bundle', type: 'collection', entry: [], padding: 'x'.repeat(2 * 1024 * 1024) };
      const fhir = await app.request('/api/trials/NCT05794425/screen?asOf=2026-03-01', { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(record) });
      assert.equal(fhir.status, 200, 'a 2 MB record is screened');
      const huge = await app.request('/api/screen?asOf=2026-03-01', { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: 'x'.repeat(10 * 1024 * 1024 + 1) });
      assert.equal(huge.status, 413);
      assert.match((await huge.json()).error.message, /10 MB/);
    });

    test('a NUL character in a query or body string is a 400 naming the field, not a 500', async () => {
      for (const field of ['sponsor', 'city', 'country']) {
        const response = await app.request(`/api/trials?${field}=a%00b`);
        assert.equal(response.status, 400, field);
        const body = await response.json();
        assert.equal(body.error.code, 'nul_character');
        assert.equal(body.error.details[0].field, field);
      }
      const upload = await app.request('/api/sites/site-nul/reference-ranges', json({ ranges: [range({ source: 'lab\u0000' })] }, 'PUT'));
      assert.equal(upload.status, 400);
      assert.equal((await upload.json()).error.details[0].field, 'ranges.0.source');
      assert.deepEqual((await (await app.request('/api/sites/site-nul/reference-ranges')).json()).ranges, [], 'nothing written');
    });

    test('limits of normal of 0 or below are refused naming the field and value', async () => {
      for (const bad of [range({ high: 0 }), range({ high: -5 }), range({ low: 0, high: 40 })]) {
        const response = await app.request('/api/sites/site-zero/reference-ranges', json({ ranges: [bad] }, 'PUT'));
        assert.equal(response.status, 400, JSON.stringify(bad));
        const detail = (await response.json()).error.details[0];
        const field = bad.low === 0 ? 'low' : 'high';

        assert.equal(detail.field, `ranges[0].${field}`);
        assert.equal(detail.value, bad[field]);
        assert.match(detail.expected, /above 0/);
      }
    });

    test('a site upload of 6,000 ranges is stored whole, in one statement', async () => {
      const ranges = Array.from({ length: 6000 }, (_, index) => range({ ageFrom: index, ageTo: index + 1 }));
      const response = await app.request('/api/sites/site-big/reference-ranges', json({ ranges }, 'PUT'));
      assert.equal(response.status, 200);
      assert.equal((await response.json()).ranges.length, 6000);
      const sites = (await (await app.request('/api/sites')).json()).sites as Array<{ siteId: string; ranges: number }>;
      assert.equal(sites.find((site) => site.siteId === 'site-big')?.ranges, 6000);
    });

    test('a hand-entry body with none of the form fields is a 400 naming what was expected', async () => {
      const response = await app.request('/api/trials/NCT05794425/screen/form?asOf=2026-03-01', json({ hello: 'world', patient: 1 }));
      assert.equal(response.status, 400);
      const body = await response.json();
      assert.equal(body.error.code, 'unrecognised_record');
      assert.match(body.error.details[0].expected, /sex, birthDate/);
      const real = await app.request('/api/trials/NCT05794425/screen/form?asOf=2026-03-01', json({ sex: 'female', birthDate: '1990-01-01' }));
      assert.equal(real.status, 200);
    });

    test('an over-long value is echoed shortened, never whole', async () => {
      const long = 'RECRUITING'.repeat(2400);
      const response = await app.request(`/api/trials?status=${long}`);
      assert.equal(response.status, 400);
      const body = await response.json();
      assert.ok(!body.error.message.includes(long.slice(0, MAX_ECHOED_VALUE + 1)), 'at most ~80 characters of the value in the message');
      assert.ok(body.error.message.length < 1000, `message of ${body.error.message.length} characters`);
      assert.ok(String(body.error.details[0].value).length <= MAX_ECHOED_VALUE);
      const trial = await app.request(`/api/trials/${'N'.repeat(5000)}`);
      assert.equal(trial.status, 400);
      assert.ok(JSON.stringify(await trial.json()).length < 600);
    });

    test('approving a rule set pinned to other clinical table versions is refused stating both versions', async () => {
      const seed = JSON.parse(readFileSync('data/seed-trials/NCT05794425.rules.json', 'utf8'));
      const response = await app.request('/api/trials/NCT05794425/rules', json({ criteria: seed.criteria, tables: { analytes: 'analytes-1999-01' } }, 'PUT'));
      assert.equal(response.status, 422);
      const body = await response.json();
      assert.equal(body.error.details[0].field, 'tables.analytes');
      assert.equal(body.error.details[0].value, 'analytes-1999-01');
      assert.equal(body.error.details[0].expected, CLINICAL_TABLE_VERSIONS.analytes);
      assert.match(body.error.message, /analytes-1999-01.*analytes-/);
      const current = await app.request('/api/trials/NCT05794425/rules', json({ criteria: seed.criteria, tables: { analytes: CLINICAL_TABLE_VERSIONS.analytes } }, 'PUT'));
      assert.equal(current.status, 201);
    });
  });
}

test('table pins: current versions pass, another version or an unknown table is named', () => {
  assert.deepEqual(tablePinProblems({ nctId: 'NCT00000001', tables: { ...CLINICAL_TABLE_VERSIONS } }), []);
  const [mismatch, unknown] = tablePinProblems({ nctId: 'NCT00000001', tables: { scales: 'scales-1', colours: 'x' } });
  assert.equal(mismatch.code, 'table_version_mismatch');
  assert.match(mismatch.message, /"scales-1".*"scales-/);
  assert.equal(unknown.code, 'unknown_table');
  assert.equal(unknown.field, 'tables.colours');
});

test('a stored rule set pinned to another table version says so in every screening result; a current one does not', () => {
  const ruleSet = JSON.parse(readFileSync('data/seed-trials/NCT03055078.rules.json', 'utf8'));
  const facts = patientFactsFromFhir({ resourceType: 'Bundle', type: 'collection', entry: [] }, { asOf: '2026-03-01' });
  assert.equal(evaluateRuleSet(ruleSet, facts, { asOf: '2026-03-01' }).ruleSet.tablesDiffer, undefined);
  const stale = evaluateRuleSet({ ...ruleSet, tables: { ...ruleSet.tables, scales: 'scales-1', colours: 'x' } }, facts, { asOf: '2026-03-01' });
  assert.deepEqual(stale.ruleSet.tablesDiffer, [{ table: 'scales', pinned: 'scales-1', current: CLINICAL_TABLE_VERSIONS.scales }, { table: 'colours', pinned: 'x' }]);
});

test('the seed rule sets pin the tables of this build', () => {
  for (const nctId of ['NCT03055078', 'NCT05794425']) {
    const ruleSet = JSON.parse(readFileSync(`data/seed-trials/${nctId}.rules.json`, 'utf8'));
    assert.deepEqual(tablePinProblems(ruleSet), [], nctId);
  }
});

test('a test that needs ../shared says which path is missing', () => {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', "await import('./test/support/shared.ts')"], { encoding: 'utf8', env: { ...process.env, ELIGO_SHARED_DIR: '/nonexistent/shared-materials' } });
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /needs the shared materials at \/nonexistent\/shared-materials, which is missing/);
});
