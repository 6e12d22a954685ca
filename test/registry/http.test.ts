import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../support/databases.ts';
import { appDependencies, createApp, type App } from '../../src/server/app.ts';
import { upsertTrials } from '../../src/store/trials.ts';
import type { Database } from '../../src/store/database.ts';
import { sitedTrials } from './fixtures.ts';

for (const backend of testBackends()) {
  describe(`${backend.name}: registry HTTP API`, () => {
    let database: Database & { dispose(): Promise<void> };
    let app: App;
    const get = async (url: string) => {
      const response = await app.request(url);
      return { status: response.status, body: (await response.json()) as any };
    };

    before(async () => {
      database = await backend.open({ seed: true });
      await upsertTrials(database.db, sitedTrials().map((trial) => ({ trial, source: 'ctgov' as const })));
      app = createApp(appDependencies(database));
    });
    after(() => database.dispose());

    test('GET /api/trials searches, with facets and the contract fields', async () => {
      const { status, body } = await get('/api/trials?q=aplastic%20anemia&pageSize=2');
      assert.equal(status, 200);
      assert.equal(body.total, 3);
      assert.equal(body.pageSize, 2);
      assert.equal(body.sort, 'relevance');
      // Relevance alone orders hits: the two trials with aplastic anemia in their titles come before the seed
      // that names it only in its criteria.
      assert.deepEqual(body.results.map((hit: { nctId: string }) => hit.nctId).sort(), ['NCT03055078', 'NCT09000001']);
      assert.deepEqual(Object.keys(body.facets).sort(), ['country', 'interventionType', 'phase', 'sex', 'sponsor', 'status', 'studyType']);
      const hit = body.results.find((h: { nctId: string }) => h.nctId === 'NCT03055078');
      assert.equal(hit.briefTitle, 'Umbilical Cord Derived Mesenchymal Stem Cells Therapy in Aplastic Anemia');
      assert.deepEqual(hit.phases, ['PHASE1']);
      assert.equal(typeof hit.locationCount, 'number');
    });

    test('GET /api/trials near a Chinese city name reports the place and distances', async () => {
      const { status, body } = await get(`/api/trials?near=${encodeURIComponent('济南')}&distance=50`);
      assert.equal(status, 200);
      assert.equal(body.near.label, 'Jinan, Shandong, China');
      assert.deepEqual(body.results.map((h: { nctId: string }) => h.nctId), ['NCT09000001']);
      assert.equal(body.results[0].nearestSite.distanceKm, 0);
    });

    test('bad parameters → 400 naming the parameter, the value and what is allowed', async () => {
      for (const [url, field, pattern] of [
        ['/api/trials?pageSize=0', 'pageSize', /pageSize: expected an integer from 1 to 100 \(got "0"\)/],
        ['/api/trials?pageSize=10000', 'pageSize', /expected an integer from 1 to 100/],
        ['/api/trials?status=OPEN', 'status', /"OPEN" is not a trial status; expected one of/],
        ['/api/trials?phase=PHASE1,PHASE9', 'phase', /"PHASE9" is not a phase/],
        ['/api/trials?distance=10', 'distance', /distance needs near/],
        ['/api/trials?near=Xanadu-on-Nowhere', 'near', /offline gazetteer/],
        ['/api/trials?colour=red', 'colour', /no such parameter/],
      ] as const) {
        const { status, body } = await get(url);
        assert.equal(status, 400, url);
        assert.equal(body.error.code, 'invalid_request', url);
        assert.match(body.error.message, pattern, url);
        assert.equal(body.error.details[0].field, field, url);
      }
    });

    test('GET /api/trials/{nctId}: the API v2 record, 404 when unknown, 400 when malformed', async () => {
      const found = await get('/api/trials/NCT05794425');
      assert.equal(found.status, 200);
      assert.equal(found.body.protocolSection.identificationModule.nctId, 'NCT05794425');
      const lower = await get('/api/trials/nct05794425');
      assert.equal(lower.status, 200);
      const missing = await get('/api/trials/NCT00000000');
      assert.equal(missing.status, 404);
      assert.equal(missing.body.error.code, 'not_found');
      assert.match(missing.body.error.message, /NCT00000000/);
      const malformed = await get('/api/trials/NCT123');
      assert.equal(malformed.status, 400);
      assert.equal(malformed.body.error.code, 'invalid_request');
    });

    test('GET /api/geocode finds cities in English or Chinese; q is required', async () => {
      const chinese = await get(`/api/geocode?q=${encodeURIComponent('石家庄')}`);
      assert.equal(chinese.status, 200);
      assert.equal(chinese.body.results[0].name, 'Shijiazhuang');
      assert.equal(chinese.body.results[0].admin1, 'Hebei');
      assert.equal(chinese.body.results[0].countryCode, 'CN');
      const english = await get('/api/geocode?q=jinan');
      assert.equal(english.body.results[0].nameZh, '济南');
      const none = await get('/api/geocode?q=Qwertyuiopville');
      assert.deepEqual(none.body, { results: [] });
      const missing = await get('/api/geocode');
      assert.equal(missing.status, 400);
      assert.match(missing.body.error.message, /^q: expected a place name/);
    });

    test('the routes are in the OpenAPI document', async () => {
      const { body } = await get('/api/openapi.json');
      for (const path of ['/api/trials', '/api/trials/{nctId}', '/api/geocode']) assert.ok(body.paths[path], path);
      const parameters = body.paths['/api/trials'].get.parameters.map((p: { name: string }) => p.name);
      for (const name of ['q', 'status', 'phase', 'near', 'distance', 'pageSize']) assert.ok(parameters.includes(name), name);
    });
  });
}
