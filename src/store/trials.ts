// Registry storage: upserts trials by NCT id (one transaction per call, so a batch is never half-written)
// and reads records back. Rows go to the database as one jsonb parameter expanded by jsonb_to_recordset,
// so a batch of any size is a single statement with a fixed number of parameters.
import { createHash } from 'node:crypto';
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Trial } from '../core/trial/model.ts';
import type { Tables } from './tables.ts';
import { trialDocument, type SiteRow, type TrialDocument } from '../registry/document.ts';

export type TrialSource = 'ctgov' | 'listing' | 'seed';

export interface StoredTrialInput {
  trial: Trial;
  source: TrialSource;
}

export interface UpsertOutcome {
  created: string[];
  updated: string[];
  /** Already stored with an identical record: left untouched. */
  unchanged: string[];
  /** Differs from the stored record, but that one came from a more trusted source (see SOURCE_PRECEDENCE): left untouched. */
  kept: string[];
}

/**
 * Which source may replace which: a curated record (a seed, or one read from a listing page and checked by
 * hand) is not overwritten by a bulk ClinicalTrials.gov import, whose records are often partial.
 */
export const SOURCE_PRECEDENCE: Record<TrialSource, number> = { ctgov: 0, listing: 1, seed: 2 };

function sourceRank(column: RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`(case ${column} when 'seed' then ${SOURCE_PRECEDENCE.seed} when 'listing' then ${SOURCE_PRECEDENCE.listing} else ${SOURCE_PRECEDENCE.ctgov} end)`;
}

/** Fills in coordinates for sites whose record has none (e.g. from an offline geocoder); may return the sites unchanged. */
export type SiteLocator = (sites: SiteRow[]) => SiteRow[] | Promise<SiteRow[]>;

export interface UpsertOptions {
  locateSites?: SiteLocator;
}

export async function upsertTrials(db: Kysely<Tables>, inputs: StoredTrialInput[], options: UpsertOptions = {}): Promise<UpsertOutcome> {
  return db.transaction().execute((trx) => upsertTrialsInTransaction(trx, inputs, options));
}

/** The same, inside a transaction the caller owns (so other writes can commit or roll back with it). */
export async function upsertTrialsInTransaction(trx: Transaction<Tables>, inputs: StoredTrialInput[], options: UpsertOptions = {}): Promise<UpsertOutcome> {
  // The last record for an NCT id wins; Postgres refuses to update one row twice in a statement.
  const byId = new Map<string, { document: TrialDocument; input: StoredTrialInput }>();
  for (const input of inputs) {
    const document = trialDocument(input.trial);
    if (options.locateSites && document.sites.some((site) => site.lat === null)) {
      document.sites = await options.locateSites(document.sites);
    }
    byId.delete(document.nctId);
    byId.set(document.nctId, { document, input });
  }
  if (byId.size === 0) return { created: [], updated: [], unchanged: [], kept: [] };
  return writeBatch(trx, [...byId.values()]);
}

async function writeBatch(trx: Transaction<Tables>, rows: Array<{ document: TrialDocument; input: StoredTrialInput }>): Promise<UpsertOutcome> {
  const payload = rows.map(({ document: d, input }) => {
    const recordJson = JSON.stringify(input.trial);
    return {
      nct_id: d.nctId,
      record: input.trial,
      record_hash: createHash('sha256').update(recordJson).digest('base64url'),
      source: input.source,
      overall_status: d.overallStatus,
      phases: d.phases,
      study_type: d.studyType,
      sex: d.sex,
      min_age_years: d.minAgeYears,
      max_age_years: d.maxAgeYears,
      intervention_types: d.interventionTypes,
      lead_sponsor: d.leadSponsor,
      collaborators: d.collaborators,
      countries: d.countries,
      cities: d.cities,
      start_date: d.startDate,
      last_update: d.lastUpdate,
      enrollment: d.enrollment,
      location_count: d.locationCount,
      facet_keys: d.facetKeys,
      hit: d.hit,
      names: d.names,
      cjk_grams: d.cjkGrams,
      weight_a: d.weightA,
      weight_b: d.weightB,
      weight_c: d.weightC,
      weight_d: d.weightD,
    };
  });
  // One statement: the trial rows decide what changed; text and record rows follow for exactly those.
  const { rows: written } = await sql<{ nct_id: string; inserted: boolean }>`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) as input (
        nct_id text, record jsonb, record_hash text, source text, overall_status text, phases text[], study_type text,
        sex text, min_age_years double precision, max_age_years double precision, intervention_types text[],
        lead_sponsor text, collaborators text[], countries text[], cities text[], start_date date, last_update date,
        enrollment integer, location_count integer, facet_keys text[], hit jsonb, names text, cjk_grams text[],
        weight_a text, weight_b text, weight_c text, weight_d text)
    ),
    upserted as (
      insert into registry_trial (
        nct_id, source, record_hash, overall_status, phases, study_type, sex, min_age_years, max_age_years,
        intervention_types, lead_sponsor, collaborators, countries, cities, start_date, last_update, enrollment,
        location_count, facet_keys)
      select
        nct_id, source, record_hash, overall_status, phases, study_type, sex, min_age_years, max_age_years,
        intervention_types, lead_sponsor, collaborators, countries, cities, start_date, last_update, enrollment,
        location_count, facet_keys
      from input
      on conflict (nct_id) do update set
        source = excluded.source, record_hash = excluded.record_hash, overall_status = excluded.overall_status,
        phases = excluded.phases, study_type = excluded.study_type, sex = excluded.sex,
        min_age_years = excluded.min_age_years, max_age_years = excluded.max_age_years,
        intervention_types = excluded.intervention_types, lead_sponsor = excluded.lead_sponsor,
        collaborators = excluded.collaborators, countries = excluded.countries, cities = excluded.cities,
        start_date = excluded.start_date, last_update = excluded.last_update, enrollment = excluded.enrollment,
        location_count = excluded.location_count, facet_keys = excluded.facet_keys, updated_at = now()
      where (registry_trial.record_hash <> excluded.record_hash or registry_trial.source <> excluded.source)
        and ${sourceRank(sql.ref('excluded.source'))} >= ${sourceRank(sql.ref('registry_trial.source'))}
      returning nct_id, (xmax = 0) as inserted
    ),
    texts as (
      insert into registry_trial_text (
        nct_id, overall_status, phases, study_type, sex, min_age_years, max_age_years, intervention_types,
        lead_sponsor, collaborators, countries, cities, last_update, start_date, facet_keys, curated, cjk_grams,
        search_doc, names)
      select i.nct_id, i.overall_status, i.phases, i.study_type, i.sex, i.min_age_years, i.max_age_years,
        i.intervention_types, i.lead_sponsor, i.collaborators, i.countries, i.cities, i.last_update, i.start_date,
        i.facet_keys, i.source <> 'ctgov', i.cjk_grams,
        setweight(to_tsvector('english', i.weight_a), 'A') || setweight(to_tsvector('english', i.weight_b), 'B')
          || setweight(to_tsvector('english', i.weight_c), 'C') || setweight(to_tsvector('english', i.weight_d), 'D'),
        i.names
      from input i join upserted u on u.nct_id = i.nct_id
      on conflict (nct_id) do update set
        search_doc = excluded.search_doc, names = excluded.names, overall_status = excluded.overall_status,
        phases = excluded.phases, study_type = excluded.study_type, sex = excluded.sex,
        min_age_years = excluded.min_age_years, max_age_years = excluded.max_age_years,
        intervention_types = excluded.intervention_types, lead_sponsor = excluded.lead_sponsor,
        collaborators = excluded.collaborators, countries = excluded.countries, cities = excluded.cities,
        last_update = excluded.last_update,
        start_date = excluded.start_date, facet_keys = excluded.facet_keys, curated = excluded.curated,
        cjk_grams = excluded.cjk_grams
    ),
    records as (
      insert into registry_trial_record (nct_id, record, hit)
      select i.nct_id, i.record, i.hit from input i join upserted u on u.nct_id = i.nct_id
      on conflict (nct_id) do update set record = excluded.record, hit = excluded.hit
    )
    select nct_id, inserted from upserted`.execute(trx);

  const outcome: UpsertOutcome = { created: [], updated: [], unchanged: [], kept: [] };
  const writtenIds = new Set<string>();
  for (const row of written) {
    writtenIds.add(row.nct_id);
    (row.inserted ? outcome.created : outcome.updated).push(row.nct_id);
  }
  const skipped = payload.filter((row) => !writtenIds.has(row.nct_id));
  if (skipped.length > 0) {
    const stored = await trx
      .selectFrom('registry_trial')
      .select(['nct_id', 'record_hash'])
      .where('nct_id', 'in', skipped.map((row) => row.nct_id))
      .execute();
    const storedHash = new Map(stored.map((row) => [row.nct_id, row.record_hash]));
    for (const row of skipped) (storedHash.get(row.nct_id) === row.record_hash ? outcome.unchanged : outcome.kept).push(row.nct_id);
  }

  if (outcome.updated.length > 0) {
    await trx.deleteFrom('registry_location').where('nct_id', 'in', outcome.updated).execute();
  }
  const sites = rows
    .filter(({ document }) => writtenIds.has(document.nctId))
    .flatMap(({ document }) => document.sites.map((site) => ({ nct_id: document.nctId, ...site })));
  if (sites.length > 0) {
    await sql`
      insert into registry_location (nct_id, position, facility, city, state, country, lat, lon)
      select nct_id, position, facility, city, state, country, lat, lon
      from jsonb_to_recordset(${JSON.stringify(sites)}::jsonb) as input (
        nct_id text, position integer, facility text, city text, state text, country text,
        lat double precision, lon double precision)`.execute(trx);
  }
  if (writtenIds.size > 0) await bumpRegistryVersion(trx);
  return outcome;
}

const VERSION_KEY = 'registry.version';

/** Counts every committed change to the registry, so caches of whole-registry figures know when they are stale. */
async function bumpRegistryVersion(trx: Transaction<Tables>): Promise<void> {
  await sql`
    insert into eligo_meta (key, value) values (${VERSION_KEY}, '1')
    on conflict (key) do update set value = (eligo_meta.value::bigint + 1)::text`.execute(trx);
}

export async function registryVersion(db: Kysely<Tables>): Promise<string> {
  const row = await db.selectFrom('eligo_meta').select('value').where('key', '=', VERSION_KEY).executeTakeFirst();
  return row?.value ?? '0';
}

/** The stored API v2 record, or null when the registry has no trial with that id. */
export async function getTrialRecord(db: Kysely<Tables>, nctId: string): Promise<Trial | null> {
  const row = await db.selectFrom('registry_trial_record').select('record').where('nct_id', '=', nctId).executeTakeFirst();
  return row ? (row.record as Trial) : null;
}

/** True once the seed trials are in (the marker written with them). */
export async function seedMarked(db: Kysely<Tables>, seededKey: string): Promise<boolean> {
  return (await db.selectFrom('eligo_meta').select('key').where('key', '=', seededKey).executeTakeFirst()) !== undefined;
}

/**
 * Stores the seed trials with their marker in one transaction, so a crash leaves neither; another
 * process that claimed the marker first wins and nothing is written here.
 */
export async function seedTrialsOnce(db: Kysely<Tables>, seededKey: string, trials: readonly Trial[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const claimed = await trx
      .insertInto('eligo_meta')
      .values({ key: seededKey, value: trials.map((trial) => trial.protocolSection.identificationModule.nctId).join(',') })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!claimed) return;
    await upsertTrialsInTransaction(trx, trials.map((trial) => ({ trial, source: 'seed' as const })));
  });
}

/** Refreshes the planner's statistics of the registry tables (after a large import). */
export async function analyzeRegistry(db: Kysely<Tables>): Promise<void> {
  await sql`analyze registry_trial, registry_trial_text, registry_trial_record, registry_location`.execute(db);
}
