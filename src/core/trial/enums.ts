// The value lists of ClinicalTrials.gov API v2 (ctg-oas-v2.yaml, API 2.0.0), spelled exactly as the API
// sends them. Search filters and the UI reuse these lists, so they live apart from the schema.

export const OVERALL_STATUSES = [
  'ACTIVE_NOT_RECRUITING',
  'COMPLETED',
  'ENROLLING_BY_INVITATION',
  'NOT_YET_RECRUITING',
  'RECRUITING',
  'SUSPENDED',
  'TERMINATED',
  'WITHDRAWN',
  'AVAILABLE',
  'NO_LONGER_AVAILABLE',
  'TEMPORARILY_NOT_AVAILABLE',
  'APPROVED_FOR_MARKETING',
  'WITHHELD',
  'UNKNOWN',
] as const;
export type OverallStatus = (typeof OVERALL_STATUSES)[number];

/** A site's status (`RecruitmentStatus`): the overall statuses that make sense for one location. */
export const RECRUITMENT_STATUSES = [
  'ACTIVE_NOT_RECRUITING',
  'COMPLETED',
  'ENROLLING_BY_INVITATION',
  'NOT_YET_RECRUITING',
  'RECRUITING',
  'SUSPENDED',
  'TERMINATED',
  'WITHDRAWN',
  'AVAILABLE',
] as const;
export type RecruitmentStatus = (typeof RECRUITMENT_STATUSES)[number];

export const EXPANDED_ACCESS_STATUSES = [
  'AVAILABLE',
  'NO_LONGER_AVAILABLE',
  'TEMPORARILY_NOT_AVAILABLE',
  'APPROVED_FOR_MARKETING',
] as const;
export type ExpandedAccessStatus = (typeof EXPANDED_ACCESS_STATUSES)[number];

/** EARLY_PHASE1 was formerly "Phase 0"; a Phase 2/3 study carries both PHASE2 and PHASE3. */
export const PHASES = ['NA', 'EARLY_PHASE1', 'PHASE1', 'PHASE2', 'PHASE3', 'PHASE4'] as const;
export type Phase = (typeof PHASES)[number];

export const STUDY_TYPES = ['EXPANDED_ACCESS', 'INTERVENTIONAL', 'OBSERVATIONAL'] as const;
export type StudyType = (typeof STUDY_TYPES)[number];

export const ALLOCATIONS = ['RANDOMIZED', 'NON_RANDOMIZED', 'NA'] as const;
export type Allocation = (typeof ALLOCATIONS)[number];

export const INTERVENTION_MODELS = ['SINGLE_GROUP', 'PARALLEL', 'CROSSOVER', 'FACTORIAL', 'SEQUENTIAL'] as const;
export type InterventionModel = (typeof INTERVENTION_MODELS)[number];

export const PRIMARY_PURPOSES = [
  'TREATMENT',
  'PREVENTION',
  'DIAGNOSTIC',
  'ECT',
  'SUPPORTIVE_CARE',
  'SCREENING',
  'HEALTH_SERVICES_RESEARCH',
  'BASIC_SCIENCE',
  'DEVICE_FEASIBILITY',
  'OTHER',
] as const;
export type PrimaryPurpose = (typeof PRIMARY_PURPOSES)[number];

export const OBSERVATIONAL_MODELS = [
  'COHORT',
  'CASE_CONTROL',
  'CASE_ONLY',
  'CASE_CROSSOVER',
  'ECOLOGIC_OR_COMMUNITY',
  'FAMILY_BASED',
  'DEFINED_POPULATION',
  'NATURAL_HISTORY',
  'OTHER',
] as const;
export type ObservationalModel = (typeof OBSERVATIONAL_MODELS)[number];

export const TIME_PERSPECTIVES = ['RETROSPECTIVE', 'PROSPECTIVE', 'CROSS_SECTIONAL', 'OTHER'] as const;
export type TimePerspective = (typeof TIME_PERSPECTIVES)[number];

export const MASKINGS = ['NONE', 'SINGLE', 'DOUBLE', 'TRIPLE', 'QUADRUPLE'] as const;
export type Masking = (typeof MASKINGS)[number];

export const WHO_MASKED = ['PARTICIPANT', 'CARE_PROVIDER', 'INVESTIGATOR', 'OUTCOMES_ASSESSOR'] as const;
export type WhoMasked = (typeof WHO_MASKED)[number];

export const BIOSPEC_RETENTIONS = ['NONE_RETAINED', 'SAMPLES_WITH_DNA', 'SAMPLES_WITHOUT_DNA'] as const;
export type BioSpecRetention = (typeof BIOSPEC_RETENTIONS)[number];

export const INTERVENTION_TYPES = [
  'BEHAVIORAL',
  'BIOLOGICAL',
  'COMBINATION_PRODUCT',
  'DEVICE',
  'DIAGNOSTIC_TEST',
  'DIETARY_SUPPLEMENT',
  'DRUG',
  'GENETIC',
  'PROCEDURE',
  'RADIATION',
  'OTHER',
] as const;
export type InterventionType = (typeof INTERVENTION_TYPES)[number];

export const ARM_GROUP_TYPES = [
  'EXPERIMENTAL',
  'ACTIVE_COMPARATOR',
  'PLACEBO_COMPARATOR',
  'SHAM_COMPARATOR',
  'NO_INTERVENTION',
  'OTHER',
] as const;
export type ArmGroupType = (typeof ARM_GROUP_TYPES)[number];

export const SEXES = ['ALL', 'FEMALE', 'MALE'] as const;
export type Sex = (typeof SEXES)[number];

/** CHILD is birth–17, ADULT 18–64, OLDER_ADULT 65 and over. */
export const STANDARD_AGES = ['CHILD', 'ADULT', 'OLDER_ADULT'] as const;
export type StandardAge = (typeof STANDARD_AGES)[number];

export const SAMPLING_METHODS = ['PROBABILITY_SAMPLE', 'NON_PROBABILITY_SAMPLE'] as const;
export type SamplingMethod = (typeof SAMPLING_METHODS)[number];

/** Sponsor and organisation class; the website groups these into four "funder types". */
export const AGENCY_CLASSES = ['NIH', 'FED', 'OTHER_GOV', 'INDIV', 'INDUSTRY', 'NETWORK', 'AMBIG', 'OTHER', 'UNKNOWN'] as const;
export type AgencyClass = (typeof AGENCY_CLASSES)[number];

/** Both DateType (dates) and EnrollmentType (enrollment) have these two values. */
export const DATE_TYPES = ['ACTUAL', 'ESTIMATED'] as const;
export type DateType = (typeof DATE_TYPES)[number];
export const ENROLLMENT_TYPES = DATE_TYPES;
export type EnrollmentType = DateType;

export const RESPONSIBLE_PARTY_TYPES = ['SPONSOR', 'PRINCIPAL_INVESTIGATOR', 'SPONSOR_INVESTIGATOR'] as const;
export type ResponsiblePartyType = (typeof RESPONSIBLE_PARTY_TYPES)[number];

export const CONTACT_ROLES = ['STUDY_CHAIR', 'STUDY_DIRECTOR', 'PRINCIPAL_INVESTIGATOR', 'SUB_INVESTIGATOR', 'CONTACT'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

export const OFFICIAL_ROLES = ['STUDY_CHAIR', 'STUDY_DIRECTOR', 'PRINCIPAL_INVESTIGATOR', 'SUB_INVESTIGATOR'] as const;
export type OfficialRole = (typeof OFFICIAL_ROLES)[number];

export const ORG_STUDY_ID_TYPES = ['NIH', 'FDA', 'VA', 'CDC', 'AHRQ', 'SAMHSA'] as const;
export type OrgStudyIdType = (typeof ORG_STUDY_ID_TYPES)[number];

/** Cross-registry links arrive as REGISTRY or CTIS, with `domain` naming the registry. */
export const SECONDARY_ID_TYPES = [
  'NIH',
  'FDA',
  'VA',
  'CDC',
  'AHRQ',
  'SAMHSA',
  'OTHER_GRANT',
  'EUDRACT_NUMBER',
  'CTIS',
  'REGISTRY',
  'OTHER',
] as const;
export type SecondaryIdType = (typeof SECONDARY_ID_TYPES)[number];

export const REFERENCE_TYPES = ['BACKGROUND', 'RESULT', 'DERIVED'] as const;
export type ReferenceType = (typeof REFERENCE_TYPES)[number];

export const IPD_SHARING_VALUES = ['YES', 'NO', 'UNDECIDED'] as const;
export type IpdSharing = (typeof IPD_SHARING_VALUES)[number];

export const IPD_SHARING_INFO_TYPES = ['STUDY_PROTOCOL', 'SAP', 'ICF', 'CSR', 'ANALYTIC_CODE'] as const;
export type IpdSharingInfoType = (typeof IPD_SHARING_INFO_TYPES)[number];

export const BROWSE_LEAF_RELEVANCES = ['LOW', 'HIGH'] as const;
export type BrowseLeafRelevance = (typeof BROWSE_LEAF_RELEVANCES)[number];
