// The columns of every table in `Tables` as the migrations create them: SQL type and nullability. The
// type below makes this list match tables.ts exactly (a column added, removed or made nullable there
// and not here fails the type-check); test/store/schema.test.ts compares it with the migrated
// database's information_schema, so migrations and tables.ts cannot drift apart unnoticed.
import type { SelectType } from 'kysely';
import type { Tables } from './tables.ts';

/** information_schema.columns.data_type of a column ('ARRAY' for any array). */
type SqlType = 'text' | 'integer' | 'double precision' | 'boolean' | 'date' | 'timestamp with time zone' | 'jsonb' | 'tsvector' | 'ARRAY';

// An `unknown` column (jsonb) says nothing about null in TypeScript: the list states it.
type ColumnSpec<V> = { type: SqlType; nullable: unknown extends V ? boolean : null extends SelectType<V> ? true : false };

export type TableColumns = { readonly [T in keyof Tables]: { readonly [C in keyof Tables[T]]-?: ColumnSpec<Tables[T][C]> } };

const text = { type: 'text', nullable: false } as const;
const textOrNull = { type: 'text', nullable: true } as const;
const integer = { type: 'integer', nullable: false } as const;
const integerOrNull = { type: 'integer', nullable: true } as const;
const numberOrNull = { type: 'double precision', nullable: true } as const;
const dateOrNull = { type: 'date', nullable: true } as const;
const array = { type: 'ARRAY', nullable: false } as const;
const timestamp = { type: 'timestamp with time zone', nullable: false } as const;
const jsonb = { type: 'jsonb', nullable: false } as const;

/** The filter, sort and facet columns registry_trial and registry_trial_text share. */
const trialFilterColumns = {
  overall_status: textOrNull,
  phases: array,
  study_type: textOrNull,
  sex: textOrNull,
  min_age_years: numberOrNull,
  max_age_years: numberOrNull,
  intervention_types: array,
  lead_sponsor: textOrNull,
  collaborators: array,
  countries: array,
  cities: array,
  start_date: dateOrNull,
  last_update: dateOrNull,
  facet_keys: array,
} as const;

export const TABLE_COLUMNS: TableColumns = {
  eligo_meta: { key: text, value: text },
  registry_trial: { nct_id: text, source: text, record_hash: text, ...trialFilterColumns, enrollment: integerOrNull, location_count: integer, imported_at: timestamp, updated_at: timestamp },
  registry_trial_text: { nct_id: text, search_doc: { type: 'tsvector', nullable: false }, names: text, ...trialFilterColumns, curated: { type: 'boolean', nullable: false }, cjk_grams: array },
  registry_trial_record: { nct_id: text, record: jsonb, hit: jsonb },
  registry_location: { nct_id: text, position: integer, facility: textOrNull, city: textOrNull, state: textOrNull, country: textOrNull, lat: numberOrNull, lon: numberOrNull },
  eligibility_rule_set: { nct_id: text, version: integer, review: text, source: text, rule_set: jsonb, created_at: timestamp, parser_version: textOrNull, criteria_hash: textOrNull },
  eligibility_site_range: {
    id: integer,
    site_id: text,
    analyte: text,
    sex: text,
    age_from: integerOrNull,
    age_to: integerOrNull,
    low: numberOrNull,
    high: numberOrNull,
    unit: text,
    source: text,
    effective_from: { type: 'date', nullable: false },
    effective_to: dateOrNull,
  },
};
