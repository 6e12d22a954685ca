import { sql, type Kysely } from 'kysely';

// The registry, in three tables so that each kind of work reads only what it needs:
// - registry_trial: one narrow row per trial with the columns search filters, sorts and facets on (a full
//   scan of 100k trials must stay cheap: facet counts of broad queries read every matching row);
// - registry_trial_text: the weighted English tsvector (A titles/id, B conditions/keywords/interventions,
//   C sponsors/sites, D descriptions/criteria) and the names text (hospitals, cities, sponsors, CJK titles)
//   under a trigram index, since the english configuration does not split Chinese into words;
// - registry_trial_record: the full API v2 record and the precomputed result-list entry.
// Plus one row per site for distance search. PostgreSQL 15 SQL only (production is 15, PGlite 18).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table registry_trial (
      nct_id text primary key,
      source text not null,
      -- SHA-256 of the record's JSON: a re-import of the same record changes nothing.
      record_hash text not null,
      overall_status text,
      phases text[] not null default '{}',
      study_type text,
      sex text,
      min_age_years double precision,
      max_age_years double precision,
      intervention_types text[] not null default '{}',
      lead_sponsor text,
      collaborators text[] not null default '{}',
      -- Lower-cased, for case-insensitive filters through a GIN index (facets keep the spelling as written).
      countries text[] not null default '{}',
      cities text[] not null default '{}',
      start_date date,
      last_update date,
      enrollment integer,
      location_count integer not null default 0,
      -- "status\tRECRUITING", "phase\tPHASE2", …: every facet value of the trial, so that all facets are
      -- counted in one pass over the matching rows.
      facet_keys text[] not null default '{}',
      imported_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index registry_trial_phases on registry_trial using gin (phases)`.execute(db);
  await sql`create index registry_trial_intervention_types on registry_trial using gin (intervention_types)`.execute(db);
  await sql`create index registry_trial_status on registry_trial (overall_status)`.execute(db);
  await sql`create index registry_trial_study_type on registry_trial (study_type)`.execute(db);
  await sql`create index registry_trial_sex on registry_trial (sex)`.execute(db);
  await sql`create index registry_trial_countries on registry_trial using gin (countries)`.execute(db);
  await sql`create index registry_trial_cities on registry_trial using gin (cities)`.execute(db);
  await sql`create index registry_trial_last_update on registry_trial (last_update desc nulls last, nct_id)`.execute(db);
  await sql`create index registry_trial_start_date on registry_trial (start_date desc nulls last, nct_id)`.execute(db);

  await sql`
    create table registry_trial_text (
      nct_id text primary key references registry_trial (nct_id) on delete cascade,
      search_doc tsvector not null,
      names text not null default '',
      -- Copies of registry_trial's filter, sort and facet columns: a text query that matches 10k trials
      -- then filters, ranks, sorts and counts them without joining each one back.
      overall_status text,
      phases text[] not null default '{}',
      study_type text,
      sex text,
      min_age_years double precision,
      max_age_years double precision,
      intervention_types text[] not null default '{}',
      lead_sponsor text,
      collaborators text[] not null default '{}',
      countries text[] not null default '{}',
      cities text[] not null default '{}',
      last_update date,
      start_date date,
      facet_keys text[] not null default '{}',
      -- A seed or listing record: a trial run on Eligo, ranked ahead of bulk-imported ones (see search).
      curated boolean not null default false,
      -- Single characters and character pairs of the CJK text in names: trigrams need three characters,
      -- but Chinese city names are often two (济南), so these index the short ones.
      cjk_grams text[] not null default '{}'
    )`.execute(db);
  await sql`create index registry_trial_text_search_doc on registry_trial_text using gin (search_doc)`.execute(db);
  await sql`create index registry_trial_text_names_trgm on registry_trial_text using gin (names gin_trgm_ops)`.execute(db);
  await sql`create index registry_trial_text_cjk_grams on registry_trial_text using gin (cjk_grams)`.execute(db);
  // Age limits for the complement of a broad age filter (see search): trials whose range excludes an age.
  await sql`create index registry_trial_min_age on registry_trial (min_age_years) where min_age_years is not null`.execute(db);
  await sql`create index registry_trial_max_age on registry_trial (max_age_years) where max_age_years is not null`.execute(db);

  await sql`
    create table registry_trial_record (
      nct_id text primary key references registry_trial (nct_id) on delete cascade,
      record jsonb not null,
      hit jsonb not null
    )`.execute(db);

  await sql`
    create table registry_location (
      nct_id text not null references registry_trial (nct_id) on delete cascade,
      position integer not null,
      facility text,
      city text,
      state text,
      country text,
      lat double precision,
      lon double precision,
      primary key (nct_id, position)
    )`.execute(db);
  // Bounding-box prefilter for distance search; the exact haversine runs on what it keeps.
  await sql`create index registry_location_lat_lon on registry_location (lat, lon) where lat is not null`.execute(db);
}
