import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../support/databases.ts';
import { upsertTrials } from '../../src/store/trials.ts';
import { offlineSiteLocator } from '../../src/registry/geocode/locate-sites.ts';
import { parseSearchQuery, type SearchQuery } from '../../src/registry/search/query.ts';
import { searchTrials, type SearchResponse } from '../../src/store/trial-search.ts';
import { EligoError } from '../../src/core/problems.ts';
import type { Database } from '../../src/store/database.ts';
import { parseAgeToYears } from '../../src/core/trial/age.ts';
import { CRITERIA_CORPUS, corpusTrials, sitedTrials } from './fixtures.ts';

const SEEDS = ['NCT03055078', 'NCT05794425'];

function query(raw: Record<string, string>): SearchQuery {
  const parsed = parseSearchQuery(raw);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.query;
}

const ids = (response: SearchResponse) => response.results.map((hit) => hit.nctId);
const facet = (response: SearchResponse, name: keyof SearchResponse['facets'], value: string) =>
  response.facets[name].find((f) => f.value === value)?.count ?? 0;

for (const backend of testBackends()) {
  describe(`${backend.name}: registry search`, () => {
    let database: Database & { dispose(): Promise<void> };
    let corpusSize = 0;
    const search = (raw: Record<string, string>) => searchTrials(database.db, query(raw));

    before(async () => {
      database = await backend.open({ seed: true });
      const corpus = await corpusTrials(CRITERIA_CORPUS, 200);
      corpusSize = corpus.length;
      await upsertTrials(database.db, [...corpus, ...sitedTrials()].map((trial) => ({ trial, source: 'ctgov' as const })), { locateSites: offlineSiteLocator() });
    });
    after(() => database.dispose());

    test('"aplastic anemia" ranks by relevance: title and condition matches before a criteria-only match', async () => {
      const response = await search({ q: 'aplastic anemia' });
      const order = ids(response);
      for (const nctId of [...SEEDS, 'NCT09000001']) assert.ok(order.includes(nctId), `${nctId} matches`);
      assert.equal(response.sort, 'relevance');
      // NCT05794425 names aplastic anemia only in its criteria (weight D); the other two in title and conditions.
      assert.ok(order.indexOf('NCT03055078') < order.indexOf('NCT05794425'));
      assert.ok(order.indexOf('NCT09000001') < order.indexOf('NCT05794425'));
      const snippets = response.results.map((hit) => hit.snippet ?? '');
      assert.ok(snippets.some((snippet) => /«aplastic»/i.test(snippet)), 'snippets mark the matched words');
    });

    test('an NCT number finds its trial and ranks it first', async () => {
      const response = await search({ q: 'NCT09000004' });
      assert.equal(ids(response)[0], 'NCT09000004');
    });

    test('prefix matching on the last word as one types', async () => {
      const response = await search({ q: 'eltrombo' });
      assert.ok(ids(response).includes('NCT09000001'));
    });

    test('no text: everything, newest update first, facets over all', async () => {
      const response = await search({});
      assert.equal(response.total, corpusSize + 4 + 2);
      assert.equal(response.sort, 'lastUpdate');
      assert.equal(ids(response)[0], 'NCT09000001', 'the most recently updated trial comes first');
      const statusTotal = response.facets.status.reduce((sum, f) => sum + f.count, 0);
      assert.ok(statusTotal <= response.total && statusTotal > 0);
      assert.equal(facet(response, 'country', 'China'), 3);
    });

    test('status, phase, study type and intervention type filters, with facets of the filtered set', async () => {
      const recruiting = await search({ status: 'RECRUITING' });
      assert.ok(recruiting.total >= 2);
      assert.deepEqual(recruiting.facets.status.map((f) => f.value), ['RECRUITING']);
      assert.ok(ids(recruiting).includes('NCT09000001') && ids(recruiting).includes('NCT09000004'));

      const phase3 = await search({ phase: 'PHASE3' });
      assert.ok(ids(phase3).includes('NCT09000004'));
      for (const hit of phase3.results) assert.ok(hit.phases.includes('PHASE3'));

      const observational = await search({ studyType: 'OBSERVATIONAL' });
      assert.ok(ids(observational).includes('NCT09000003'));
      for (const hit of observational.results) assert.equal(hit.studyType, 'OBSERVATIONAL');

      const biological = await search({ interventionType: 'BIOLOGICAL' });
      assert.ok(ids(biological).includes('NCT09000002'));
      assert.ok(!ids(biological).includes('NCT09000004'));
      assert.equal(facet(biological, 'interventionType', 'BIOLOGICAL'), biological.total);
    });

    test('sex: trials open to that sex (ALL or that sex)', async () => {
      const female = await search({ sex: 'FEMALE' });
      assert.ok(ids(female).includes('NCT09000003'));
      assert.ok(!ids({ results: (await search({ sex: 'FEMALE', pageSize: '100' })).results } as SearchResponse).includes('NCT09000004'));
      for (const f of female.facets.sex) assert.ok(['ALL', 'FEMALE'].includes(f.value));
    });

    test('age: the trial range includes the age; a missing limit is open', async () => {
      const child = await search({ age: '10', q: 'marrow OR anemia OR hemoglobinuria OR telomere' });
      assert.ok(ids(child).includes('NCT09000002'), '2–17 years includes 10');
      assert.ok(!ids(child).includes('NCT09000001'), '18–75 years excludes 10');
      const old = await search({ age: '80', q: 'marrow OR anemia OR hemoglobinuria OR telomere' });
      assert.ok(ids(old).includes('NCT09000003'), 'no maximum age is open-ended');
      assert.ok(ids(old).includes('NCT09000004'));
      assert.ok(!ids(old).includes('NCT09000001'));
      const boundary = await search({ age: '75', sponsor: 'Shandong Provincial' });
      assert.deepEqual(ids(boundary), ['NCT09000001'], 'the limits are inclusive');
    });

    test('age alone (counted as the registry minus the trials it excludes) agrees with the trials listed', async () => {
      const all: SearchResponse['results'] = [];
      for (let page = 1; ; page++) {
        const response = await search({ pageSize: '100', page: String(page) });
        all.push(...response.results);
        if (all.length >= response.total) break;
      }
      const admits = (hit: SearchResponse['results'][number], age: number) =>
        (parseAgeToYears(hit.minimumAge) ?? 0) <= age && age <= (parseAgeToYears(hit.maximumAge) ?? Infinity);
      const ageOnly = await search({ age: '10' });
      assert.equal(ageOnly.total, all.filter((hit) => admits(hit, 10)).length);
      assert.equal(facet(ageOnly, 'country', 'China'), 1, 'of the Chinese trials only the 2–17 years one admits 10');
      const combined = await search({ age: '10', interventionType: 'BIOLOGICAL', pageSize: '100' });
      assert.equal(combined.total, all.filter((hit) => admits(hit, 10) && hit.interventions.some((i) => i.type === 'BIOLOGICAL')).length);
      assert.equal(combined.results.length, combined.total);
    });

    test('sponsor matches the lead sponsor and collaborators', async () => {
      assert.deepEqual(ids(await search({ sponsor: 'hebei medical' })).sort(), ['NCT03055078', 'NCT09000002']);
      assert.deepEqual(ids(await search({ sponsor: 'Qilu Hospital' })), ['NCT09000001']);
    });

    test('country and city, in English or Chinese', async () => {
      assert.deepEqual(ids(await search({ country: 'United States' })), ['NCT09000004']);
      assert.equal((await search({ country: '中国' })).total, 3);
      assert.equal((await search({ country: 'CN' })).total, 3);
      assert.deepEqual(ids(await search({ city: 'jinan' })), ['NCT09000001']);
      assert.deepEqual(ids(await search({ city: '济南' })), ['NCT09000001']);
    });

    test('Chinese text finds trials by city, province and hospital name', async () => {
      const city = await search({ q: '济南' });
      assert.deepEqual(ids(city), ['NCT09000001'], '济南 → Jinan');
      const province = await search({ q: '山东' });
      assert.ok(ids(province).includes('NCT09000001'), '山东 → Shandong');
      assert.ok(ids(province).includes('NCT05794425'), 'the seed sponsored from Shandong');
      const hospital = await search({ q: '协和医院' });
      assert.deepEqual(ids(hospital), ['NCT09000003']);
      assert.match(hospital.results[0].snippet ?? '', /«协和医院»/);
      const mixed = await search({ q: '北京 hemoglobinuria' });
      assert.deepEqual(ids(mixed), ['NCT09000003']);
    });

    test('distance from a city or a position, with the nearest site', async () => {
      const nearJinan = await search({ near: '济南', distance: '350' });
      assert.equal(nearJinan.near?.lat, 36.66833);
      assert.ok(nearJinan.near?.label.startsWith('Jinan'));
      // Jinan 0 km; Shijiazhuang ≈ 270 km (located offline at import); Beijing ≈ 360 km: outside 350.
      assert.deepEqual(ids(nearJinan).sort(), ['NCT09000001', 'NCT09000002']);
      const jinanSite = nearJinan.results.find((hit) => hit.nctId === 'NCT09000001')?.nearestSite;
      assert.deepEqual(jinanSite, { facility: '山东省立医院', city: 'Jinan', country: 'China', distanceKm: 0 });
      const shijiazhuang = nearJinan.results.find((hit) => hit.nctId === 'NCT09000002')?.nearestSite;
      assert.ok(shijiazhuang && shijiazhuang.distanceKm > 250 && shijiazhuang.distanceKm < 300, `got ${shijiazhuang?.distanceKm}`);
      const wide = await search({ near: '36.67,117.0', distance: '400' });
      assert.ok(ids(wide).includes('NCT09000003'));
      const defaultRadius = await search({ near: 'Bethesda' });
      assert.deepEqual(ids(defaultRadius), ['NCT09000004'], 'default 100 km');
      await assert.rejects(search({ near: 'Atlantisxyz' }), (error: unknown) => error instanceof EligoError && error.problems[0].field === 'near' && /gazetteer/.test(error.message));
    });

    test('sorting by start date and paging', async () => {
      const byStart = await search({ sort: 'startDate', sponsor: 'h', pageSize: '100' });
      const dates = byStart.results.map((hit) => hit.startDate).filter(Boolean);
      assert.ok(dates.length >= 3);
      const startOf = (nctId: string) => ids(byStart).indexOf(nctId);
      assert.ok(startOf('NCT09000002') < startOf('NCT09000001'), '2025-01-15 before 2024-03');
      assert.ok(startOf('NCT09000001') < startOf('NCT09000003'), '2024-03 before 2019');

      const all = await search({ pageSize: '100' });
      const page1 = await search({ pageSize: '7', page: '1' });
      const page3 = await search({ pageSize: '7', page: '3' });
      assert.deepEqual(ids(page1), ids(all).slice(0, 7));
      assert.deepEqual(ids(page3), ids(all).slice(14, 21));
      assert.equal(page3.total, all.total);
      const beyond = await search({ pageSize: '100', page: '50' });
      assert.equal(beyond.results.length, 0);
      assert.equal(beyond.total, all.total);
    });
  });
}
