import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { geocoder, normalizePlaceName, type Geocoder } from '../../src/registry/geocode/geocoder.ts';
import { countryName, findCountry } from '../../src/registry/geocode/countries.ts';
import { CHINA_PROVINCES } from '../../src/registry/geocode/china-provinces.ts';

let places: Geocoder;
before(async () => {
  places = await geocoder();
});

test('names are folded for case and diacritics; CJK stays as written', () => {
  assert.equal(normalizePlaceName('  São   Paulo '), 'sao paulo');
  assert.equal(normalizePlaceName('Zürich'), 'zurich');
  assert.equal(normalizePlaceName('济南'), '济南');
});

test('cities by English, other Latin and Chinese names, most populous first', () => {
  const jinan = places.search('Jinan')[0];
  assert.equal(jinan.countryCode, 'CN');
  assert.equal(jinan.admin1, 'Shandong');
  assert.equal(jinan.nameZh, '济南');
  assert.ok(Math.abs(jinan.lat - 36.67) < 0.05 && Math.abs(jinan.lon - 117.0) < 0.05);
  assert.equal(places.search('济南市')[0].name, 'Jinan', 'the 市 suffix is optional');
  assert.equal(places.search('Peking')[0].name, 'Beijing');
  assert.equal(places.search('sao paulo')[0].name, 'São Paulo');
  assert.equal(places.search('New York')[0].name, 'New York City');
  assert.deepEqual(places.search('Qwertyuiopville'), []);
  assert.ok(places.search('Springfield', 10).length === 10);
});

test('provinces and countries in Chinese or English', () => {
  assert.equal(places.province('山东'), 'Shandong');
  assert.equal(places.province('山东省'), 'Shandong');
  assert.equal(places.province('hebei'), 'Hebei');
  assert.equal(findCountry('中国'), 'China');
  assert.equal(findCountry('cn'), 'China');
  assert.equal(findCountry('South Korea'), 'Korea, Republic of', "ClinicalTrials.gov's spelling");
  assert.equal(countryName('US'), 'United States');
  assert.equal(findCountry('Narnia'), undefined);
});

test('the province table matches the gazetteer: each province capital lies in its province', () => {
  const capitals: Record<string, string> = { Shandong: 'Jinan', Hebei: 'Shijiazhuang', Guangdong: 'Guangzhou', Sichuan: 'Chengdu', Heilongjiang: 'Harbin' };
  for (const [province, capital] of Object.entries(capitals)) {
    assert.ok(CHINA_PROVINCES.some((p) => p.name === province));
    assert.equal(places.search(capital)[0].admin1, province, capital);
  }
});
