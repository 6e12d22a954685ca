// Registry search: free text with weighted relevance, filters, facets, sorting, pagination, snippets and
// distance — one function for the CLI, the API and the web app. One SQL statement computes the matching
// set once, then counts, facets and the requested page from it.
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Tables } from './tables.ts';
import { EligoError } from '../core/problems.ts';
import { EARTH_MEAN_RADIUS_KM } from '../core/geo/distance.ts';
import { registryVersion } from './trials.ts';
import { cjkQueryGrams, FACET_SEPARATOR, FACETS, type Facet, type TrialHitBase } from '../registry/document.ts';
import { findCountry } from '../registry/geocode/countries.ts';
import { geocoder as sharedGeocoder, type Geocoder } from '../registry/geocode/geocoder.ts';
import { parseCoordinates, type SearchQuery, type SearchSort } from '../registry/search/query.ts';
import { analyzeText, likeContains, markTerms } from '../registry/search/text.ts';

export interface FacetCount {
  value: string;
  count: number;
}

export interface TrialHit extends TrialHitBase {
  nearestSite?: { facility?: string; city?: string; country?: string; distanceKm: number };
  snippet?: string;
}

export interface SearchFacets {
  status: FacetCount[];
  phase: FacetCount[];
  studyType: FacetCount[];
  sex: FacetCount[];
  interventionType: FacetCount[];
  country: FacetCount[];
  sponsor: FacetCount[];
}

export interface SearchResponse {
  total: number;
  page: number;
  pageSize: number;
  sort: SearchSort;
  near?: { label: string; lat: number; lon: number };
  results: TrialHit[];
  facets: SearchFacets;
}

/** A parameter that parsed but names something we cannot find (e.g. an unknown place for `near`). */
function searchInputError(field: string, value: string, expected: string): EligoError {
  return EligoError.of('invalid', { code: 'invalid_request', field, value, expected });
}

export interface SearchDependencies {
  /** The offline gazetteer, loaded only when a query needs it (Chinese text, a place name for `near`). */
  geocoder?: () => Promise<Geocoder>;
}

const KM_PER_DEGREE_LATITUDE = (Math.PI * EARTH_MEAN_RADIUS_KM) / 180;
/** ts_rank_cd weights for D, C, B, A (Postgres' order). */
const RANK_WEIGHTS = '{0.05, 0.2, 0.5, 1.0}';
const TOP_FACET_VALUES = 20;
/** Up to this many filter matches, the page is sorted from the matches; beyond, read along the sort index. */
const FILTER_FIRST_MAX = 5000;
const SNIPPET_SOURCE_CHARS = 3000;
const HEADLINE_OPTIONS = 'StartSel=«, StopSel=», MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "';

interface Origin {
  label: string;
  lat: number;
  lon: number;
}

export async function searchTrials(db: Kysely<Tables>, query: SearchQuery, deps: SearchDependencies = {}): Promise<SearchResponse> {
  const loadGeocoder = deps.geocoder ?? sharedGeocoder;
  const cacheKey = db;
  // Conditions on the text (tsvector, names) and on the filter columns, all written for alias t: a text query
  // reads registry_trial_text (which carries copies of the filter columns), a filter-only query the narrower
  // registry_trial.
  const textConditions: RawBuilder<unknown>[] = [];
  const conditions: RawBuilder<unknown>[] = [];
  let rank: RawBuilder<unknown> = sql`0`;
  let headlineQuery: RawBuilder<unknown> | null = null;
  const cjkTerms: string[] = [];

  if (query.q) {
    const text = analyzeText(query.q);
    const parts: RawBuilder<unknown>[] = [];
    const rankQueries: RawBuilder<unknown>[] = [];
    if (text.tsquery !== null || text.websearch !== null) {
      const tsquery = text.tsquery !== null ? sql`to_tsquery('english', ${text.tsquery})` : sql`websearch_to_tsquery('english', ${text.websearch})`;
      parts.push(sql`t.search_doc @@ ${tsquery}`);
      rankQueries.push(text.rankTsquery !== null ? sql`to_tsquery('english', ${text.rankTsquery})` : tsquery);
      headlineQuery = tsquery;
    }
    if (text.cjkSegments.length > 0) {
      const places = await loadGeocoder();
      for (const segment of text.cjkSegments) {
        const expansions = expandPlaceName(places, segment);
        cjkTerms.push(segment, ...expansions);
        // The grams index finds candidates; strpos (which no index serves, so the planner will not pick the
        // trigram index, useless below three characters) checks the exact text. CJK has no case to fold.
        const alternatives: RawBuilder<unknown>[] = [sql`(t.cjk_grams @> ${cjkQueryGrams(segment)}::text[] and strpos(t.names, ${segment}) > 0)`];
        for (const expansion of expansions) {
          const phrase = sql`phraseto_tsquery('english', ${expansion})`;
          alternatives.push(sql`t.search_doc @@ ${phrase}`);
          rankQueries.push(phrase);
        }
        parts.push(sql`(${sql.join(alternatives, sql` or `)})`);
      }
    }
    const textMatch = parts.length > 0 ? sql`(${sql.join(parts, sql` and `)})` : sql`false`;
    // An NCT number is a word of the tsvector (weight A), so the text match finds it; it only ranks first.
    textConditions.push(textMatch);
    const combined = rankQueries.length > 0 ? sql.join(rankQueries, sql` || `) : null;
    // Cover density rewards query words found close together; a one-word query has no proximity to
    // reward, and ts_rank's weighted frequency orders it alike at a tenth of the cost on broad words.
    const textRank = combined
      ? sql`(case when numnode(${combined}) > 1 then ts_rank_cd(${RANK_WEIGHTS}::float4[], t.search_doc, ${combined}) else ts_rank(${RANK_WEIGHTS}::float4[], t.search_doc, ${combined}) end)`
      : sql`0`;
    const cjkBonus = text.cjkSegments.length > 0 ? sql` + case when ${sql.join(text.cjkSegments.map((s) => sql`strpos(t.names, ${s}) > 0`), sql` or `)} then 1 else 0 end` : sql``;
    // An exact NCT number outranks any amount of text similarity.
    const idBonus = text.nctIds.length > 0 ? sql` + case when t.nct_id = any(${text.nctIds}::text[]) then 1000 else 0 end` : sql``;
    rank = sql`(${textRank}${cjkBonus}${idBonus})`;
  }

  if (query.status.length > 0) conditions.push(sql`t.overall_status = any(${query.status}::text[])`);
  if (query.phase.length > 0) conditions.push(sql`t.phases && ${query.phase}::text[]`);
  if (query.studyType.length > 0) conditions.push(sql`t.study_type = any(${query.studyType}::text[])`);
  if (query.sex) conditions.push(sql`t.sex in ('ALL', ${query.sex})`);
  if (query.age !== undefined) {
    conditions.push(sql`(t.min_age_years is null or t.min_age_years <= ${query.age}) and (t.max_age_years is null or t.max_age_years >= ${query.age})`);
  }
  if (query.interventionType.length > 0) conditions.push(sql`t.intervention_types && ${query.interventionType}::text[]`);
  if (query.sponsor) {
    const pattern = likeContains(query.sponsor);
    // The trigram index on names narrows the rows; the sponsor columns decide.
    textConditions.push(sql`t.names ilike ${pattern}`);
    conditions.push(sql`(t.lead_sponsor ilike ${pattern} or exists (select 1 from unnest(t.collaborators) c where c ilike ${pattern}))`);
  }
  if (query.country) {
    const names = [...new Set([query.country, findCountry(query.country)].filter((n): n is string => !!n).map((n) => n.toLowerCase()))];
    conditions.push(sql`t.countries && ${names}::text[]`);
  }
  if (query.city) {
    const names = new Set([query.city.toLowerCase()]);
    if (/\p{Script=Han}/u.test(query.city)) {
      for (const place of (await loadGeocoder()).search(query.city, 3)) names.add(place.name.toLowerCase());
    }
    conditions.push(sql`t.cities && ${[...names]}::text[]`);
  }

  let origin: Origin | null = null;
  if (query.near) {
    origin = await resolveOrigin(query.near, loadGeocoder);
    const box = boundingBox(origin, query.distanceKm);
    const lonCondition = box.lonMin === null ? sql`true` : sql`l.lon between ${box.lonMin} and ${box.lonMax}`;
    conditions.push(sql`t.nct_id in (
      select l.nct_id from registry_location l
      where l.lat between ${box.latMin} and ${box.latMax} and ${lonCondition}
        and ${haversine(origin)} <= ${query.distanceKm})`);
  }

  // A missing age limit is open, so an age alone matches most of the registry: count what it excludes instead.
  const ageOnly = query.age !== undefined && conditions.length === 1 && textConditions.length === 0;
  const offset = (query.page - 1) * query.pageSize;
  const nearestSite = origin
    ? sql`(select jsonb_build_object('facility', l.facility, 'city', l.city, 'country', l.country, 'distanceKm', round(d.km::numeric, 1))
          from registry_location l cross join lateral (select ${haversine(origin)} as km) d
          where l.nct_id = p.nct_id and l.lat is not null order by d.km limit 1)`
    : sql`null::jsonb`;
  const snippet = headlineQuery ? headline(headlineQuery) : sql`null::text`;
  const pageRows = (page: RawBuilder<unknown>) => sql`
    (select coalesce(jsonb_agg(jsonb_build_object('hit', r.hit, 'nearest', ${nearestSite}, 'snippet', ${snippet}, 'names', x.names)
       order by ${orderBy(query.sort, 'p')}), '[]'::jsonb)
     from ${page} p join registry_trial_record r on r.nct_id = p.nct_id join registry_trial_text x on x.nct_id = p.nct_id)`;

  // One transaction: total, facets and page come from one snapshot. Random reads are priced
  // near sequential ones because the registry's working set is in memory (always so in PGlite); at the
  // default 4.0 the planner scans the whole text table for matches its GIN index finds three times faster.
  const { total, facets, pageResults } = await db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    await sql`set local random_page_cost = 1.1`.execute(trx);
    return runSearch(trx);
  });

  async function runSearch(db: Transaction<Tables>): Promise<{ total: number; facets: SearchFacets; pageResults: ResultRow[] }> {
    let total: number;
    let facets: SearchFacets;
    let pageResults: ResultRow[];
    if (textConditions.length > 0) {
      // Ranking is the costly part of a broad text query; it is computed only when it orders the results.
      const { rows } = await sql<{ total: number; facets: FacetRow[] | null; results: ResultRow[] }>`
        with matched as materialized (
          select t.nct_id, ${query.sort === 'relevance' ? rank : sql`0`} as rank, t.last_update, t.start_date, t.facet_keys
          from registry_trial_text t
          where ${sql.join([...textConditions, ...conditions], sql` and `)}
        )
        select
          (select count(*) from matched) as total,
          (${facetCounts(sql`matched`)}) as facets,
          ${pageRows(sql`(select nct_id, rank, last_update, start_date from matched m order by ${orderBy(query.sort, 'm')} limit ${query.pageSize} offset ${offset})`)} as results`.execute(db);
      total = Number(rows[0].total);
      facets = facetsFrom(rows[0].facets ?? []);
      pageResults = rows[0].results;
    } else {
      // Filters only: counts in one pass over the matching trials; the page read along the sort index.
      const where = conditions.length > 0 ? sql.join(conditions, sql` and `) : null;
      let counted: { total: number; counts: FacetRow[] };
      if (where === null) counted = await wholeRegistryCounts(db, cacheKey);
      else if (ageOnly) {
        const whole = await wholeRegistryCounts(db, cacheKey);
        const excluded = await countFiltered(db, sql`t.min_age_years > ${query.age} or t.max_age_years < ${query.age}`);
        counted = { total: whole.total - excluded.total, counts: subtractCounts(whole.counts, excluded.counts) };
      } else counted = await countFiltered(db, where);
      total = counted.total;
      facets = facetsFrom(counted.counts);
      const columns = sql`t.nct_id, 0::float4 as rank, t.last_update, t.start_date`;
      const limit = sql`limit ${query.pageSize} offset ${offset}`;
      if (total === 0 || offset >= total) pageResults = [];
      else if (where !== null && total <= FILTER_FIRST_MAX) {
        // Few matches: find them through the filter indexes and sort them, rather than walk the sort index past every other trial.
        const { rows } = await sql<{ results: ResultRow[] }>`
          with filtered as materialized (select ${columns} from registry_trial t where ${where})
          select ${pageRows(sql`(select * from filtered t order by ${orderBy(query.sort, 't')} ${limit})`)} as results`.execute(db);
        pageResults = rows[0].results;
      } else {
        const page = sql`(select ${columns} from registry_trial t ${where === null ? sql`` : sql`where ${where}`} order by ${orderBy(query.sort, 't')} ${limit})`;
        const { rows } = await sql<{ results: ResultRow[] }>`select ${pageRows(page)} as results`.execute(db);
        pageResults = rows[0].results;
      }
    }
    return { total, facets, pageResults };
  }

  const results: TrialHit[] = pageResults.map((result) => {
    const hit: TrialHit = { ...result.hit };
    if (result.nearest) hit.nearestSite = withoutNulls(result.nearest);
    const cjkSnippet = cjkTerms.length > 0 ? markTerms(result.names, cjkTerms) : undefined;
    const text = result.snippet && result.snippet.includes('«') ? result.snippet : cjkSnippet;
    if (text) hit.snippet = text;
    return hit;
  });
  const response: SearchResponse = { total, page: query.page, pageSize: query.pageSize, sort: query.sort, results, facets };
  if (origin) response.near = origin;
  return response;
}

interface ResultRow {
  hit: TrialHitBase;
  nearest: TrialHit['nearestSite'] | null;
  snippet: string | null;
  names: string;
}

interface FacetRow {
  key: string;
  count: number;
}

/** The empty key counts every row: the total comes out of the same pass as the facets. */
const TOTAL_KEY = '';

async function countFiltered(db: Kysely<Tables>, where: RawBuilder<unknown>): Promise<{ total: number; counts: FacetRow[] }> {
  const { rows } = await sql<FacetRow>`
    select key, count(*) as count from registry_trial t cross join unnest(t.facet_keys || ${[TOTAL_KEY]}::text[]) as key
    where ${where} group by key`.execute(db);
  const total = rows.find((row) => row.key === TOTAL_KEY);
  return { total: total ? Number(total.count) : 0, counts: rows.filter((row) => row.key !== TOTAL_KEY) };
}

function subtractCounts(whole: FacetRow[], excluded: FacetRow[]): FacetRow[] {
  const minus = new Map(excluded.map((row) => [row.key, Number(row.count)]));
  return whole.map((row) => ({ key: row.key, count: Number(row.count) - (minus.get(row.key) ?? 0) })).filter((row) => row.count > 0);
}

function facetCounts(rows: RawBuilder<unknown>): RawBuilder<FacetRow[] | null> {
  return sql`select jsonb_agg(jsonb_build_object('key', key, 'count', count))
    from (select key, count(*) as count from ${rows} as rows cross join unnest(rows.facet_keys) as key group by key) f`;
}

const wholeRegistryCache = new WeakMap<object, { version: string; total: number; counts: FacetRow[] }>();

/** Total and facet counts of the unfiltered registry: a full scan, done once per registry version and kept (per database handle). */
async function wholeRegistryCounts(db: Kysely<Tables>, cacheKey: object): Promise<{ total: number; counts: FacetRow[] }> {
  const version = await registryVersion(db);
  const cached = wholeRegistryCache.get(cacheKey);
  if (cached && cached.version === version) return cached;
  const { rows } = await sql<{ version: string | null; total: number; facets: FacetRow[] | null }>`
    select (select value from eligo_meta where key = 'registry.version') as version,
      (select count(*) from registry_trial) as total,
      (${facetCounts(sql`registry_trial`)}) as facets`.execute(db);
  // Stored under the version read with the counts, so a write in between only costs a recount.
  const counts = { version: rows[0].version ?? '0', total: Number(rows[0].total), counts: rows[0].facets ?? [] };
  wholeRegistryCache.set(cacheKey, counts);
  return counts;
}

/** 济南 → [Jinan]; 山东 → [Shandong]; 中国 → [China]: the English names trials are registered under. */
function expandPlaceName(places: Geocoder, segment: string): string[] {
  const names = new Set<string>();
  const province = places.province(segment);
  if (province) names.add(province);
  const country = places.country(segment);
  if (country) names.add(country);
  const city = places.search(segment, 1)[0];
  if (city && !province) names.add(city.name);
  return [...names];
}

async function resolveOrigin(near: string, loadGeocoder: () => Promise<Geocoder>): Promise<Origin> {
  let coordinates: { lat: number; lon: number } | null;
  try {
    coordinates = parseCoordinates(near);
  } catch (error) {
    throw searchInputError('near', near, 'a position as "lat,lon" with latitude -90..90 and longitude -180..180');
  }
  if (coordinates) return { label: `${coordinates.lat}, ${coordinates.lon}`, ...coordinates };
  const place = (await loadGeocoder()).search(near, 1)[0];
  if (!place) throw searchInputError('near', near, 'a city known to the offline gazetteer (GeoNames, places of 500+ people; English or Chinese name) or "lat,lon"');
  const label = [place.name, place.admin1 && !/^\d+$/.test(place.admin1) ? place.admin1 : undefined, place.country].filter(Boolean).join(', ');
  return { label, lat: place.lat, lon: place.lon };
}

function boundingBox(origin: Origin, km: number): { latMin: number; latMax: number; lonMin: number | null; lonMax: number | null } {
  const dLat = km / KM_PER_DEGREE_LATITUDE;
  const cos = Math.cos((origin.lat * Math.PI) / 180);
  const dLon = cos > 0.01 ? dLat / cos : 360;
  // Near the poles or across the antimeridian a longitude window would wrap; rely on latitude alone there.
  const wraps = dLon >= 180 || origin.lon - dLon < -180 || origin.lon + dLon > 180;
  return {
    latMin: origin.lat - dLat,
    latMax: origin.lat + dLat,
    lonMin: wraps ? null : origin.lon - dLon,
    lonMax: wraps ? null : origin.lon + dLon,
  };
}

function haversine(origin: Origin): RawBuilder<number> {
  return sql<number>`(2 * ${EARTH_MEAN_RADIUS_KM}::float8 * asin(least(1, sqrt(
    power(sin(radians(l.lat - ${origin.lat}::float8) / 2), 2)
    + cos(radians(${origin.lat}::float8)) * cos(radians(l.lat)) * power(sin(radians(l.lon - ${origin.lon}::float8) / 2), 2)))))`;
}

function orderBy(sort: SearchSort, alias: string): RawBuilder<unknown> {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  switch (sort) {
    case 'relevance':
      return sql`${column('rank')} desc, ${column('last_update')} desc nulls last, ${column('nct_id')}`;
    case 'startDate':
      return sql`${column('start_date')} desc nulls last, ${column('nct_id')}`;
    case 'lastUpdate':
      return sql`${column('last_update')} desc nulls last, ${column('nct_id')}`;
  }
}

/** "status\tRECRUITING" counts → per-facet lists, most frequent first (ties by value); top 20 for country and sponsor. */
function facetsFrom(counts: Array<{ key: string; count: number }>): SearchFacets {
  const facets: SearchFacets = { status: [], phase: [], studyType: [], sex: [], interventionType: [], country: [], sponsor: [] };
  for (const { key, count } of counts) {
    const at = key.indexOf(FACET_SEPARATOR);
    const facet = key.slice(0, at) as Facet;
    facets[facet]?.push({ value: key.slice(at + 1), count: Number(count) });
  }
  for (const facet of FACETS) {
    facets[facet].sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    if (facet === 'country' || facet === 'sponsor') facets[facet] = facets[facet].slice(0, TOP_FACET_VALUES);
  }
  return facets;
}

/**
 * The best field for a snippet: the summary, else (when the title does not already show the match) the
 * description, else the criteria — the first whose headline marks a match. Later headlines are computed
 * only when the earlier ones marked nothing, and each reads at most the first SNIPPET_SOURCE_CHARS
 * characters: ts_headline parses all it is given, and criteria run to many thousands of characters.
 */
function headline(tsquery: RawBuilder<unknown>): RawBuilder<unknown> {
  const field = (path: string) => sql`left(r.record #>> ${`{protocolSection,${path}}`}, ${SNIPPET_SOURCE_CHARS})`;
  const make = (path: string) => sql`ts_headline('english', ${field(path)}, ${tsquery}, ${HEADLINE_OPTIONS})`;
  return sql`(select case
      when strpos(h.summary, '«') > 0 then h.summary
      when to_tsvector('english', coalesce(r.hit ->> 'briefTitle', '')) @@ ${tsquery} then null
      else (select case when strpos(d.description, '«') > 0 then d.description else (
          select c.criteria from (select ${make('eligibilityModule,eligibilityCriteria')} as criteria) c where strpos(c.criteria, '«') > 0)
        end from (select ${make('descriptionModule,detailedDescription')} as description) d)
    end from (select ${make('descriptionModule,briefSummary')} as summary) h)`;
}

function withoutNulls<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null)) as T;
}
