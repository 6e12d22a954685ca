// The web app's pure parts, run in Node: dictionaries, URL state, snippets, text blocks, geometry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { en, type MessageKey } from '../../src/web/i18n/en.ts';
import { zh } from '../../src/web/i18n/zh.ts';
import { createTranslator, formatPartialDate, humanizeEnum } from '../../src/web/i18n/translate.ts';
import * as enums from '../../src/core/trial/enums.ts';
import { AGE_UNITS } from '../../src/core/trial/age.ts';
import {
  clearFilters,
  EMPTY_SEARCH,
  hasFilters,
  pageWindow,
  parseSearchState,
  searchHref,
  searchStateToParams,
  toggleValue,
  withChanges,
} from '../../src/web/search/search-state.ts';
import { splitSnippet } from '../../src/web/search/snippet.ts';
import { parseTextBlocks } from '../../src/web/components/text-blocks.ts';
import { distanceKm, parseLatLon } from '../../src/core/geo/distance.ts';
import { fitFrame } from '../../src/web/geo/projection.ts';
import { formatAge, formatAgeRange } from '../../src/web/trial/trial-format.ts';
import { orderSites } from '../../src/web/trial/site-order.ts';
import { matchRoute, trialHref } from '../../src/web/shell/routes.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('the Chinese dictionary has exactly the English keys, none empty, with the same placeholders', () => {
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  for (const key of Object.keys(en) as MessageKey[]) {
    assert.notEqual(zh[key].trim(), '', `zh ${key} is empty`);
    assert.deepEqual(placeholders(zh[key]), placeholders(en[key]), `placeholders of ${key} differ`);
  }
});

test('every API v2 value the UI shows has a translation in both languages', () => {
  const groups: Array<[string, readonly string[]]> = [
    ['status', enums.OVERALL_STATUSES],
    ['phase', enums.PHASES],
    ['studyType', enums.STUDY_TYPES],
    ['interventionType', enums.INTERVENTION_TYPES],
    ['sex', enums.SEXES],
    ['sexScope', enums.SEXES],
    ['stdAge', enums.STANDARD_AGES],
    ['allocation', enums.ALLOCATIONS],
    ['interventionModel', enums.INTERVENTION_MODELS],
    ['masking', enums.MASKINGS],
    ['whoMasked', enums.WHO_MASKED],
    ['primaryPurpose', enums.PRIMARY_PURPOSES],
    ['observationalModel', enums.OBSERVATIONAL_MODELS],
    ['timePerspective', enums.TIME_PERSPECTIVES],
    ['armType', enums.ARM_GROUP_TYPES],
    ['role', enums.CONTACT_ROLES],
    ['dateType', enums.DATE_TYPES],
    ['responsibleParty', enums.RESPONSIBLE_PARTY_TYPES],
    ['agencyClass', enums.AGENCY_CLASSES],
  ];
  const missing = groups.flatMap(([group, values]) => values.map((value) => `${group}.${value}`)).filter((key) => !(key in en));
  assert.deepEqual(missing, []);
  for (const unit of AGE_UNITS) assert.ok(`age.${unit}.one` in en && `age.${unit}.other` in en, `age unit ${unit}`);
});

test('the translator fills placeholders, picks plural forms and translates enum values', () => {
  const english = createTranslator('en');
  const chinese = createTranslator('zh');
  assert.equal(english.plural('search.total', 1), '1 trial');
  assert.equal(english.plural('search.total', 1234), '1,234 trials');
  assert.equal(chinese.plural('search.total', 3), '3 项试验');
  assert.equal(english.plural('search.totalNear', 2, { place: 'Jinan' }), '2 trials near Jinan');
  assert.equal(chinese.plural('search.totalNear', 2, { place: '济南' }), '济南附近的 2 项试验');
  assert.equal(english.enumValue('status', 'RECRUITING'), 'Recruiting');
  assert.equal(chinese.enumValue('status', 'RECRUITING'), '招募中');
  assert.equal(chinese.enumValue('interventionType', 'BIOLOGICAL'), '生物制品');
  // A value newer than the dictionary is shown readably, not as a key.
  assert.equal(english.enumValue('status', 'SOME_NEW_STATUS'), 'Some new status');
  assert.equal(humanizeEnum('EARLY_PHASE1'), 'Early phase1');
  assert.equal(english('trial.notFound.body', { nctId: 'NCT00000001' }).includes('NCT00000001'), true);
});

test('partial dates are shown at the precision the registry gives', () => {
  assert.equal(formatPartialDate('2023-08-01', 'en'), 'August 1, 2023');
  assert.equal(formatPartialDate('2025-04', 'en'), 'April 2025');
  assert.equal(formatPartialDate('2017', 'en'), '2017');
  assert.equal(formatPartialDate('2023-08-01', 'zh-CN'), '2023年8月1日');
  assert.equal(formatPartialDate('2025-04', 'zh-CN'), '2025年4月');
  assert.equal(formatPartialDate('not a date', 'en'), 'not a date');
});

test('ages read as the API writes them, in both languages', () => {
  const english = createTranslator('en');
  const chinese = createTranslator('zh');
  assert.equal(formatAge(english, '14 Years'), '14 years');
  assert.equal(formatAge(english, '1 Month'), '1 month');
  assert.equal(formatAge(chinese, '6 Months'), '6 个月');
  assert.equal(formatAge(english, 'N/A'), 'N/A');
  assert.equal(formatAgeRange(english, '14 Years', '60 Years'), '14 years to 60 years');
  assert.equal(formatAgeRange(chinese, '14 Years', '60 Years'), '14 岁 至 60 岁');
  assert.equal(formatAgeRange(english, '18 Years', undefined), '18 years and older');
  assert.equal(formatAgeRange(english, undefined, undefined), 'No age limit');
});

test('search state round-trips through the query string, leaving defaults out', () => {
  const state = parseSearchState('q=aplastic+anemia&status=RECRUITING,NOT_YET_RECRUITING&status=RECRUITING&near=Jinan&distance=100&age=34&page=1&extra=x');
  assert.deepEqual(state.status, ['RECRUITING', 'NOT_YET_RECRUITING']);
  assert.equal(state.q, 'aplastic anemia');
  const params = searchStateToParams(state);
  assert.equal(params.toString(), 'q=aplastic+anemia&near=Jinan&status=RECRUITING%2CNOT_YET_RECRUITING&age=34');
  assert.deepEqual(parseSearchState(params), { ...state, distance: '', page: '' });
  // Distance means nothing without a place; it is dropped rather than sent to be rejected.
  assert.equal(searchStateToParams({ ...EMPTY_SEARCH, distance: '50' }).toString(), '');
  assert.equal(searchStateToParams({ ...EMPTY_SEARCH, near: '36.6,117', distance: '50' }).toString(), 'near=36.6%2C117&distance=50');
  // Values the API will reject are kept, so the API's message can name them.
  assert.equal(searchStateToParams(parseSearchState('pageSize=0')).toString(), 'pageSize=0');
  assert.equal(searchHref(EMPTY_SEARCH), '/');
});

test('changing a filter starts again at page 1; clearing filters keeps the words and place', () => {
  const state = parseSearchState('q=mds&near=Jinan&page=3&phase=PHASE1&sex=FEMALE');
  assert.equal(withChanges(state, { phase: toggleValue(state.phase, 'PHASE2') }).page, '');
  assert.deepEqual(toggleValue(['PHASE1', 'PHASE2'], 'PHASE1'), ['PHASE2']);
  assert.equal(hasFilters(state), true);
  const cleared = clearFilters(state);
  assert.equal(hasFilters(cleared), false);
  assert.equal(searchHref(cleared), '/?q=mds&near=Jinan');
});

test('pagination offers the first, last and nearby pages with gaps', () => {
  assert.deepEqual(pageWindow(1, 1), [1]);
  assert.deepEqual(pageWindow(1, 3), [1, 2, 3]);
  assert.deepEqual(pageWindow(6, 20), [1, 'gap', 4, 5, 6, 7, 8, 'gap', 20]);
  // A gap of one page shows the page instead of an ellipsis.
  assert.deepEqual(pageWindow(4, 9), [1, 2, 3, 4, 5, 6, 'gap', 9]);
  assert.deepEqual(pageWindow(20, 20), [1, 'gap', 18, 19, 20]);
});

test('snippets split into plain and marked runs; stray guillemets stay as text', () => {
  assert.deepEqual(splitSnippet('in «aplastic» «anemia» patients'), [
    { text: 'in ', marked: false },
    { text: 'aplastic', marked: true },
    { text: ' ', marked: false },
    { text: 'anemia', marked: true },
    { text: ' patients', marked: false },
  ]);
  assert.deepEqual(splitSnippet('<b>x</b> «y»'), [{ text: '<b>x</b> ', marked: false }, { text: 'y', marked: true }]);
  assert.deepEqual(splitSnippet('a » b «c'), [{ text: 'a » b «c', marked: false }]);
});

test('descriptions become paragraphs and lists, with markdown escapes undone', () => {
  const blocks = parseTextBlocks('First para\ncontinues.\n\n* one\n* two\n  wrapped\n\n1. alpha\n2\\. beta\n\nANC \\>= 0.5');
  assert.deepEqual(blocks, [
    { kind: 'paragraph', text: 'First para continues.' },
    { kind: 'list', ordered: false, items: ['one', 'two wrapped'] },
    { kind: 'list', ordered: true, items: ['alpha', 'beta'] },
    { kind: 'paragraph', text: 'ANC >= 0.5' },
  ]);
  assert.deepEqual(parseTextBlocks(undefined), []);
});

test('great-circle distances match known city pairs', () => {
  const jinan = { lat: 36.66833, lon: 116.99722 };
  const beijing = { lat: 39.9075, lon: 116.39723 };
  // Jinan–Beijing is about 364 km by great circle.
  assert.ok(Math.abs(distanceKm(jinan, beijing) - 364) < 3, String(distanceKm(jinan, beijing)));
  assert.equal(distanceKm(jinan, jinan), 0);
  assert.equal(distanceKm(jinan, beijing), distanceKm(beijing, jinan));
  // Antipodes: half the circumference.
  assert.ok(Math.abs(distanceKm({ lat: 0, lon: 0 }, { lat: 0, lon: 180 }) - 20015.1) < 1);
  assert.deepEqual(parseLatLon(' 36.67 , 117 '), { lat: 36.67, lon: 117 });
  assert.equal(parseLatLon('91,0'), null);
  assert.equal(parseLatLon('Jinan'), null);
});

test('sites are numbered in the sponsor order, or nearest first with unplaced sites last', () => {
  const sites = [
    { facility: 'Guangzhou', geoPoint: { lat: 23.12, lon: 113.25 } },
    { facility: 'No coordinates' },
    { facility: 'Beijing', geoPoint: { lat: 39.91, lon: 116.4 } },
  ];
  assert.deepEqual(orderSites(sites, null).map((s) => [s.number, s.site.facility, s.distanceKm]), [
    [1, 'Guangzhou', null],
    [2, 'No coordinates', null],
    [3, 'Beijing', null],
  ]);
  const fromJinan = orderSites(sites, { lat: 36.67, lon: 117 });
  assert.deepEqual(fromJinan.map((s) => s.site.facility), ['Beijing', 'Guangzhou', 'No coordinates']);
  assert.deepEqual(fromJinan.map((s) => s.number), [1, 2, 3]);
});

test('the map frame keeps every point inside the drawing, for one point or a whole country', () => {
  for (const points of [
    [{ lat: 36.67, lon: 117 }],
    [{ lat: 23.1, lon: 113.3 }, { lat: 45.8, lon: 126.6 }, { lat: 30.7, lon: 104.1 }, { lat: 43.8, lon: 87.6 }],
    [{ lat: 10, lon: 100 }, { lat: 60, lon: 101 }],
  ]) {
    const frame = fitFrame(points, 480, 28);
    for (const point of points) {
      const { x, y } = frame.project(point);
      assert.ok(x >= 0 && x <= frame.width && y >= 0 && y <= frame.height, `${JSON.stringify(point)} → ${x},${y} outside ${frame.width}×${frame.height}`);
    }
    assert.ok(frame.latitudes.length > 0 && frame.longitudes.length > 0);
  }
});

test('routes: search, trial pages by NCT number, and everything else not found', () => {
  assert.deepEqual(matchRoute('/'), { page: 'search' });
  assert.deepEqual(matchRoute('/trials/nct05794425'), { page: 'trial', nctId: 'NCT05794425' });
  assert.deepEqual(matchRoute('/trials/NCT123'), { page: 'notFound' });
  assert.deepEqual(matchRoute('/admin'), { page: 'notFound' });
  assert.equal(trialHref('NCT05794425', new URLSearchParams({ near: '36.6,117' })), '/trials/NCT05794425?near=36.6%2C117');
  assert.equal(trialHref('NCT05794425', new URLSearchParams()), '/trials/NCT05794425');
});
