// The database's tables as Kysely sees them. Each area adds its tables' interfaces here,
// beside the migration that creates them (src/store/migrations/), and its columns to table-columns.ts
// (the type-check and test/store/schema.test.ts keep the three in step).
import type { Generated } from 'kysely';
import type { AccountTables } from './account-tables.ts';
import type { StudyTables } from './conduct-tables.ts';
import type { SubjectTables } from './subject-tables.ts';
import type { FollowUpTables } from './follow-up-tables.ts';

export interface Tables extends AccountTables, StudyTables, SubjectTables, FollowUpTables {
  eligo_meta: EligoMetaTable;
  registry_trial: RegistryTrialTable;
  registry_trial_text: RegistryTrialTextTable;
  registry_trial_record: RegistryTrialRecordTable;
  registry_location: RegistryLocationTable;
  eligibility_rule_set: EligibilityRuleSetTable;
  eligibility_site_range: EligibilitySiteRangeTable;
}

export interface EligoMetaTable {
  key: string;
  value: string;
}

/** One trial's filter, sort and facet columns (see migrations/002_registry.ts). */
export interface RegistryTrialTable {
  nct_id: string;
  source: string;
  record_hash: string;
  overall_status: string | null;
  phases: string[];
  study_type: string | null;
  sex: string | null;
  min_age_years: number | null;
  max_age_years: number | null;
  intervention_types: string[];
  lead_sponsor: string | null;
  collaborators: string[];
  countries: string[];
  cities: string[];
  start_date: string | null;
  last_update: string | null;
  enrollment: number | null;
  location_count: number;
  facet_keys: string[];
  imported_at: Date;
  updated_at: Date;
}

/** The text search row: tsvector, names, and copies of the filter, sort and facet columns. */
export interface RegistryTrialTextTable {
  nct_id: string;
  search_doc: string;
  names: string;
  overall_status: string | null;
  phases: string[];
  study_type: string | null;
  sex: string | null;
  min_age_years: number | null;
  max_age_years: number | null;
  intervention_types: string[];
  lead_sponsor: string | null;
  collaborators: string[];
  countries: string[];
  cities: string[];
  last_update: string | null;
  start_date: string | null;
  facet_keys: string[];
  curated: boolean;
  cjk_grams: string[];
}

export interface RegistryTrialRecordTable {
  nct_id: string;
  record: unknown;
  hit: unknown;
}

export interface RegistryLocationTable {
  nct_id: string;
  position: number;
  facility: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
}

/** A trial's rule set, one row per version (see migrations/003_eligibility.ts). */
export interface EligibilityRuleSetTable {
  nct_id: string;
  version: number;
  review: 'reviewed' | 'unreviewed';
  /** 'seed', 'hand', 'parser'. */
  source: string;
  rule_set: unknown;
  created_at: Generated<Date>;
  /** For source 'parser': PARSER_VERSION and md5 (hex) of the criteria text parsed (migration 004). */
  parser_version: Generated<string | null>;
  criteria_hash: Generated<string | null>;
}

/** A site's reference range for one analyte, sex and age band, in force from effective_from to effective_to. */
export interface EligibilitySiteRangeTable {
  id: Generated<number>;
  site_id: string;
  analyte: string;
  sex: 'any' | 'female' | 'male';
  age_from: number | null;
  age_to: number | null;
  low: number | null;
  high: number | null;
  unit: string;
  source: string;
  effective_from: string;
  effective_to: string | null;
}
