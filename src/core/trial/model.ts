// The trial model: ClinicalTrials.gov API v2's Study object, field for field (ctg-oas-v2.yaml, API 2.0.0).
// Every object is loose: fields we do not model are kept as they came, so nothing from a source is lost.
// Fields we do model are checked strictly, and only the NCT number is required, because real records
// (and our corpora) often carry little more than the identification and description modules.
import * as z from 'zod';
import { AGE_PATTERN } from './age.ts';
import {
  AGENCY_CLASSES,
  ALLOCATIONS,
  ARM_GROUP_TYPES,
  BIOSPEC_RETENTIONS,
  BROWSE_LEAF_RELEVANCES,
  CONTACT_ROLES,
  DATE_TYPES,
  ENROLLMENT_TYPES,
  EXPANDED_ACCESS_STATUSES,
  INTERVENTION_MODELS,
  INTERVENTION_TYPES,
  IPD_SHARING_INFO_TYPES,
  IPD_SHARING_VALUES,
  MASKINGS,
  OBSERVATIONAL_MODELS,
  OFFICIAL_ROLES,
  ORG_STUDY_ID_TYPES,
  OVERALL_STATUSES,
  PHASES,
  PRIMARY_PURPOSES,
  RECRUITMENT_STATUSES,
  REFERENCE_TYPES,
  RESPONSIBLE_PARTY_TYPES,
  SAMPLING_METHODS,
  SECONDARY_ID_TYPES,
  SEXES,
  STANDARD_AGES,
  STUDY_TYPES,
  TIME_PERSPECTIVES,
  WHO_MASKED,
} from './enums.ts';

export * from './enums.ts';

import { NCT_ID_EXPECTED, NCT_ID_PATTERN } from './nct-id.ts';

export { NCT_ID_PATTERN };
/** PartialDate: yyyy, yyyy-MM or yyyy-MM-dd. */
export const PARTIAL_DATE_PATTERN = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
const FULL_DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const nctId = z.string().regex(NCT_ID_PATTERN, `expected ${NCT_ID_EXPECTED}`);
const partialDate = z.string().regex(PARTIAL_DATE_PATTERN, 'expected a date as yyyy, yyyy-MM or yyyy-MM-dd');
const fullDate = z.string().regex(FULL_DATE_PATTERN, 'expected a date as yyyy-MM-dd');
const age = z
  .string()
  .regex(AGE_PATTERN, 'expected a number and a unit, e.g. "18 Years" (units: Years, Months, Weeks, Days, Hours, Minutes)');
const strings = z.array(z.string());

const partialDateStruct = z.looseObject({ date: partialDate.optional(), type: z.enum(DATE_TYPES).optional() });
const dateStruct = z.looseObject({ date: fullDate.optional(), type: z.enum(DATE_TYPES).optional() });
const sponsor = z.looseObject({ name: z.string().optional(), class: z.enum(AGENCY_CLASSES).optional() });
const contact = z.looseObject({
  name: z.string().optional(),
  role: z.enum(CONTACT_ROLES).optional(),
  phone: z.string().optional(),
  phoneExt: z.string().optional(),
  email: z.string().optional(),
});
const outcome = z.looseObject({
  measure: z.string().optional(),
  description: z.string().optional(),
  timeFrame: z.string().optional(),
});

const identificationModule = z.looseObject({
  nctId,
  nctIdAliases: z.array(nctId).optional(),
  orgStudyIdInfo: z
    .looseObject({ id: z.string().optional(), type: z.enum(ORG_STUDY_ID_TYPES).optional(), link: z.string().optional() })
    .optional(),
  secondaryIdInfos: z
    .array(
      z.looseObject({
        id: z.string().optional(),
        type: z.enum(SECONDARY_ID_TYPES).optional(),
        domain: z.string().optional(),
        link: z.string().optional(),
      }),
    )
    .optional(),
  briefTitle: z.string().optional(),
  officialTitle: z.string().optional(),
  acronym: z.string().optional(),
  organization: z.looseObject({ fullName: z.string().optional(), class: z.enum(AGENCY_CLASSES).optional() }).optional(),
});

const statusModule = z.looseObject({
  statusVerifiedDate: partialDate.optional(),
  overallStatus: z.enum(OVERALL_STATUSES).optional(),
  lastKnownStatus: z.enum(OVERALL_STATUSES).optional(),
  delayedPosting: z.boolean().optional(),
  whyStopped: z.string().optional(),
  expandedAccessInfo: z
    .looseObject({
      hasExpandedAccess: z.boolean().optional(),
      nctId: nctId.optional(),
      statusForNctId: z.enum(EXPANDED_ACCESS_STATUSES).optional(),
    })
    .optional(),
  startDateStruct: partialDateStruct.optional(),
  primaryCompletionDateStruct: partialDateStruct.optional(),
  completionDateStruct: partialDateStruct.optional(),
  studyFirstSubmitDate: fullDate.optional(),
  studyFirstSubmitQcDate: fullDate.optional(),
  studyFirstPostDateStruct: dateStruct.optional(),
  resultsFirstSubmitDate: fullDate.optional(),
  resultsFirstSubmitQcDate: fullDate.optional(),
  resultsFirstPostDateStruct: dateStruct.optional(),
  dispFirstSubmitDate: fullDate.optional(),
  dispFirstSubmitQcDate: fullDate.optional(),
  dispFirstPostDateStruct: dateStruct.optional(),
  lastUpdateSubmitDate: fullDate.optional(),
  lastUpdatePostDateStruct: dateStruct.optional(),
});

const sponsorCollaboratorsModule = z.looseObject({
  responsibleParty: z
    .looseObject({
      type: z.enum(RESPONSIBLE_PARTY_TYPES).optional(),
      investigatorFullName: z.string().optional(),
      investigatorTitle: z.string().optional(),
      investigatorAffiliation: z.string().optional(),
      oldNameTitle: z.string().optional(),
      oldOrganization: z.string().optional(),
    })
    .optional(),
  leadSponsor: sponsor.optional(),
  collaborators: z.array(sponsor).optional(),
});

const oversightModule = z.looseObject({
  oversightHasDmc: z.boolean().optional(),
  isFdaRegulatedDrug: z.boolean().optional(),
  isFdaRegulatedDevice: z.boolean().optional(),
  isUnapprovedDevice: z.boolean().optional(),
  isPpsd: z.boolean().optional(),
  isUsExport: z.boolean().optional(),
  fdaaa801Violation: z.boolean().optional(),
});

const descriptionModule = z.looseObject({
  briefSummary: z.string().optional(),
  detailedDescription: z.string().optional(),
});

const conditionsModule = z.looseObject({ conditions: strings.optional(), keywords: strings.optional() });

const designModule = z.looseObject({
  studyType: z.enum(STUDY_TYPES).optional(),
  nPtrsToThisExpAccNctId: z.number().optional(),
  expandedAccessTypes: z
    .looseObject({
      individual: z.boolean().optional(),
      intermediate: z.boolean().optional(),
      treatment: z.boolean().optional(),
    })
    .optional(),
  patientRegistry: z.boolean().optional(),
  targetDuration: age.optional(),
  phases: z.array(z.enum(PHASES)).optional(),
  designInfo: z
    .looseObject({
      allocation: z.enum(ALLOCATIONS).optional(),
      interventionModel: z.enum(INTERVENTION_MODELS).optional(),
      interventionModelDescription: z.string().optional(),
      primaryPurpose: z.enum(PRIMARY_PURPOSES).optional(),
      observationalModel: z.enum(OBSERVATIONAL_MODELS).optional(),
      timePerspective: z.enum(TIME_PERSPECTIVES).optional(),
      maskingInfo: z
        .looseObject({
          masking: z.enum(MASKINGS).optional(),
          maskingDescription: z.string().optional(),
          whoMasked: z.array(z.enum(WHO_MASKED)).optional(),
        })
        .optional(),
    })
    .optional(),
  bioSpec: z
    .looseObject({ retention: z.enum(BIOSPEC_RETENTIONS).optional(), description: z.string().optional() })
    .optional(),
  enrollmentInfo: z
    .looseObject({ count: z.number().int().nonnegative().optional(), type: z.enum(ENROLLMENT_TYPES).optional() })
    .optional(),
});

const armGroupSchema = z.looseObject({
  label: z.string().optional(),
  type: z.enum(ARM_GROUP_TYPES).optional(),
  description: z.string().optional(),
  /** Written "<Type>: <name>" in API v2, e.g. "Biological: mesenchymal stem cells". */
  interventionNames: strings.optional(),
});

const interventionSchema = z.looseObject({
  type: z.enum(INTERVENTION_TYPES).optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  armGroupLabels: strings.optional(),
  otherNames: strings.optional(),
});

const armsInterventionsModule = z.looseObject({
  armGroups: z.array(armGroupSchema).optional(),
  interventions: z.array(interventionSchema).optional(),
});

const outcomesModule = z.looseObject({
  primaryOutcomes: z.array(outcome).optional(),
  secondaryOutcomes: z.array(outcome).optional(),
  otherOutcomes: z.array(outcome).optional(),
});

const eligibilityModule = z.looseObject({
  /** One markdown string, usually with "Inclusion Criteria:" and "Exclusion Criteria:" headings. */
  eligibilityCriteria: z.string().optional(),
  healthyVolunteers: z.boolean().optional(),
  sex: z.enum(SEXES).optional(),
  genderBased: z.boolean().optional(),
  genderDescription: z.string().optional(),
  minimumAge: age.optional(),
  maximumAge: age.optional(),
  stdAges: z.array(z.enum(STANDARD_AGES)).optional(),
  studyPopulation: z.string().optional(),
  samplingMethod: z.enum(SAMPLING_METHODS).optional(),
});

const locationSchema = z.looseObject({
  facility: z.string().optional(),
  status: z.enum(RECRUITMENT_STATUSES).optional(),
  city: z.string().optional(),
  state: z.string().optional(),
  zip: z.string().optional(),
  country: z.string().optional(),
  contacts: z.array(contact).optional(),
  /** Geocoded to the city centre, not to the facility. */
  geoPoint: z.looseObject({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).optional(),
});

const contactsLocationsModule = z.looseObject({
  centralContacts: z.array(contact).optional(),
  overallOfficials: z
    .array(
      z.looseObject({
        name: z.string().optional(),
        affiliation: z.string().optional(),
        role: z.enum(OFFICIAL_ROLES).optional(),
      }),
    )
    .optional(),
  locations: z.array(locationSchema).optional(),
});

const referencesModule = z.looseObject({
  references: z
    .array(
      z.looseObject({
        pmid: z.string().optional(),
        type: z.enum(REFERENCE_TYPES).optional(),
        citation: z.string().optional(),
        retractions: z.array(z.looseObject({ pmid: z.string().optional(), source: z.string().optional() })).optional(),
      }),
    )
    .optional(),
  seeAlsoLinks: z.array(z.looseObject({ label: z.string().optional(), url: z.string().optional() })).optional(),
  availIpds: z
    .array(
      z.looseObject({
        id: z.string().optional(),
        type: z.string().optional(),
        url: z.string().optional(),
        comment: z.string().optional(),
      }),
    )
    .optional(),
});

const ipdSharingStatementModule = z.looseObject({
  ipdSharing: z.enum(IPD_SHARING_VALUES).optional(),
  description: z.string().optional(),
  infoTypes: z.array(z.enum(IPD_SHARING_INFO_TYPES)).optional(),
  timeFrame: z.string().optional(),
  accessCriteria: z.string().optional(),
  url: z.string().optional(),
});

const protocolSection = z.looseObject({
  identificationModule,
  statusModule: statusModule.optional(),
  sponsorCollaboratorsModule: sponsorCollaboratorsModule.optional(),
  oversightModule: oversightModule.optional(),
  descriptionModule: descriptionModule.optional(),
  conditionsModule: conditionsModule.optional(),
  designModule: designModule.optional(),
  armsInterventionsModule: armsInterventionsModule.optional(),
  outcomesModule: outcomesModule.optional(),
  eligibilityModule: eligibilityModule.optional(),
  contactsLocationsModule: contactsLocationsModule.optional(),
  referencesModule: referencesModule.optional(),
  ipdSharingStatementModule: ipdSharingStatementModule.optional(),
});

const mesh = z.looseObject({ id: z.string().optional(), term: z.string().optional() });
/** MeSH terms that ClinicalTrials.gov derives for conditions and interventions ("browse" terms). */
const browseModule = z.looseObject({
  meshes: z.array(mesh).optional(),
  ancestors: z.array(mesh).optional(),
  browseLeaves: z
    .array(
      z.looseObject({
        id: z.string().optional(),
        name: z.string().optional(),
        asFound: z.string().optional(),
        relevance: z.enum(BROWSE_LEAF_RELEVANCES).optional(),
      }),
    )
    .optional(),
  browseBranches: z.array(z.looseObject({ abbrev: z.string().optional(), name: z.string().optional() })).optional(),
});

/** Computed by ClinicalTrials.gov, not entered by the sponsor: kept as it came, with the browse modules typed. */
const derivedSection = z.looseObject({
  miscInfoModule: z.looseObject({}).optional(),
  conditionBrowseModule: browseModule.optional(),
  interventionBrowseModule: browseModule.optional(),
});

/**
 * Eligo's own note on where a hand-built record's fields came from (e.g. a listing page plus a reference):
 * `source` names the text the record was read from, `supplementedFrom` maps a field path to its other source.
 */
export const eligoProvenanceSchema = z.looseObject({
  source: z.string(),
  supplementedFrom: z.record(z.string(), z.string()).optional(),
});

export const trialSchema = z.looseObject({
  protocolSection,
  resultsSection: z.looseObject({}).optional(),
  annotationSection: z.looseObject({}).optional(),
  documentSection: z.looseObject({}).optional(),
  derivedSection: derivedSection.optional(),
  hasResults: z.boolean().optional(),
  eligoProvenance: eligoProvenanceSchema.optional(),
});

export type Trial = z.infer<typeof trialSchema>;
export type ProtocolSection = z.infer<typeof protocolSection>;
export type ArmGroup = z.infer<typeof armGroupSchema>;
export type Intervention = z.infer<typeof interventionSchema>;
export type TrialLocation = z.infer<typeof locationSchema>;
export type Contact = z.infer<typeof contact>;
export type EligoProvenance = z.infer<typeof eligoProvenanceSchema>;

export * from './parse-trial.ts';
