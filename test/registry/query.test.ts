import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSearchQuery, parseCoordinates } from '../../src/registry/search/query.ts';
import { analyzeText, likeContains, markTerms } from '../../src/registry/search/text.ts';

function problems(raw: Record<string, string>) {
  const parsed = parseSearchQuery(raw);
  assert.equal(parsed.ok, false, `expected ${JSON.stringify(raw)} to be refused`);
  return parsed.ok ? { message: '', problems: [] } : parsed;
}

test('defaults: relevance with text, newest update without; page 1 of 20; 100 km', () => {
  const withText = parseSearchQuery({ q: ' aplastic anemia ' });
  assert.ok(withText.ok);
  assert.equal(withText.query.q, 'aplastic anemia');
  assert.equal(withText.query.sort, 'relevance');
  assert.equal(withText.query.page, 1);
  assert.equal(withText.query.pageSize, 20);
  assert.equal(withText.query.distanceKm, 100);
  const without = parseSearchQuery({ sort: 'relevance' });
  assert.ok(without.ok);
  assert.equal(without.query.sort, 'lastUpdate', 'relevance needs text');
});

test('lists are comma-separated, case-insensitive and de-duplicated', () => {
  const parsed = parseSearchQuery({ status: 'recruiting, NOT_YET_RECRUITING,RECRUITING', phase: 'phase1,Phase2', interventionType: 'drug', sex: 'female', studyType: 'interventional' });
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.query.status, ['RECRUITING', 'NOT_YET_RECRUITING']);
  assert.deepEqual(parsed.query.phase, ['PHASE1', 'PHASE2']);
  assert.deepEqual(parsed.query.interventionType, ['DRUG']);
  assert.equal(parsed.query.sex, 'FEMALE');
  assert.deepEqual(parsed.query.studyType, ['INTERVENTIONAL']);
});

test('an unknown value names the parameter, the value and the allowed values', () => {
  const { message, problems: list } = problems({ status: 'RECRUITING,RECRUTING' });
  assert.match(message, /^status: "RECRUTING" is not a trial status; expected one of .*RECRUITING.*NOT_YET_RECRUITING/);
  assert.deepEqual(list.map((p) => p.field), ['status']);
  assert.equal(list[0].value, 'RECRUITING,RECRUTING');
  assert.match(problems({ phase: 'PHASE5' }).message, /phase: "PHASE5" is not a phase; expected one of NA, EARLY_PHASE1/);
  assert.match(problems({ sex: 'ALL' }).message, /sex: "ALL" is not a sex; expected one of FEMALE, MALE/);
  assert.match(problems({ sort: 'distance' }).message, /sort: "distance" is not a sort order; expected one of relevance, lastUpdate, startDate/);
  assert.match(problems({ interventionType: 'PILL' }).message, /interventionType: "PILL" is not a intervention type/);
});

test('page size 0 or 10000, page 0 and non-numbers are refused with the range', () => {
  assert.equal(problems({ pageSize: '0' }).message, 'pageSize: expected an integer from 1 to 100 (got "0")');
  assert.equal(problems({ pageSize: '10000' }).message, 'pageSize: expected an integer from 1 to 100 (got "10000")');
  assert.match(problems({ page: '0' }).message, /^page: expected an integer from 1 to/);
  assert.match(problems({ page: '2.5' }).message, /^page: expected an integer/);
  assert.match(problems({ age: 'ten' }).message, /^age: expected a number from 0 to 130 \(years\) \(got "ten"\)/);
  assert.match(problems({ distance: '-5', near: 'Jinan' }).message, /^distance: expected a number from 1 to 20000 \(km\)/);
});

test('distance needs near; unknown parameters are named', () => {
  assert.match(problems({ distance: '50' }).message, /^distance: distance needs near/);
  const unknown = problems({ colour: 'blue' });
  assert.match(unknown.message, /^colour: no such parameter; expected one of q, status, phase/);
});

test('empty strings count as absent', () => {
  const parsed = parseSearchQuery({ q: '', status: '', pageSize: '' });
  assert.ok(parsed.ok);
  assert.equal(parsed.query.q, undefined);
  assert.deepEqual(parsed.query.status, []);
});

test('coordinates: "lat,lon" or null for a place name; out of range throws', () => {
  assert.deepEqual(parseCoordinates('36.67, 117'), { lat: 36.67, lon: 117 });
  assert.equal(parseCoordinates('Jinan'), null);
  assert.throws(() => parseCoordinates('95,10'), /latitude -90\.\.90/);
});

test('text analysis: NCT ids, prefix on the last word, search syntax, CJK segments', () => {
  assert.deepEqual(analyzeText('aplastic anem'), { nctIds: [], tsquery: 'aplastic & anem:*', rankTsquery: 'aplastic & anem', websearch: null, cjkSegments: [] });
  assert.deepEqual(analyzeText('nct03055078').nctIds, ['NCT03055078']);
  assert.equal(analyzeText('"aplastic anemia" -child').websearch, '"aplastic anemia" -child');
  assert.equal(analyzeText('cancer or leukemia').websearch, 'cancer or leukemia');
  const mixed = analyzeText('济南 再生障碍性贫血 MSC');
  assert.deepEqual(mixed.cjkSegments, ['济南', '再生障碍性贫血']);
  assert.equal(mixed.tsquery, 'msc:*');
  assert.equal(analyzeText('a b').tsquery, 'a & b', 'short last words are not prefixes');
  assert.equal(analyzeText("O'Brien's; drop table").tsquery, 'o & brien & s & drop & table:*', 'punctuation never reaches to_tsquery');
});

test('LIKE patterns escape wildcards; snippets mark terms without HTML', () => {
  assert.equal(likeContains('100%_x'), '%100\\%\\_x%');
  assert.equal(markTerms('北京协和医院 | Beijing', ['协和医院']), '北京«协和医院» | Beijing');
  assert.equal(markTerms('nothing here', ['济南']), undefined);
});
