// A flat view of a trial for lists, search documents and the UI: the handful of facts people filter on,
// with absent values as null or [] so that callers never walk the nested API v2 shape themselves.
import { parseAgeToYears } from './age.ts';
import type {
  AgencyClass,
  EnrollmentType,
  InterventionType,
  OverallStatus,
  Phase,
  RecruitmentStatus,
  Sex,
  StudyType,
  Trial,
} from './model.ts';

export type TrialSummaryLocation = {
  facility: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
  status: RecruitmentStatus | null;
  lat: number | null;
  lon: number | null;
};

export type TrialSummary = {
  nctId: string;
  briefTitle: string | null;
  officialTitle: string | null;
  acronym: string | null;
  overallStatus: OverallStatus | null;
  phases: Phase[];
  studyType: StudyType | null;
  conditions: string[];
  keywords: string[];
  interventions: Array<{ type: InterventionType | null; name: string }>;
  /** MeSH intervention terms ClinicalTrials.gov derived ("Treatments" on listing pages without intervention types). */
  interventionTerms: string[];
  leadSponsor: string | null;
  leadSponsorClass: AgencyClass | null;
  collaborators: string[];
  startDate: string | null;
  primaryCompletionDate: string | null;
  completionDate: string | null;
  lastUpdate: string | null;
  enrollment: number | null;
  enrollmentType: EnrollmentType | null;
  sex: Sex | null;
  minimumAgeYears: number | null;
  maximumAgeYears: number | null;
  healthyVolunteers: boolean | null;
  locations: TrialSummaryLocation[];
};

export function trialSummary(trial: Trial): TrialSummary {
  const protocol = trial.protocolSection;
  const identification = protocol.identificationModule;
  const status = protocol.statusModule;
  const sponsors = protocol.sponsorCollaboratorsModule;
  const design = protocol.designModule;
  const eligibility = protocol.eligibilityModule;
  const browse = trial.derivedSection?.interventionBrowseModule;

  return {
    nctId: identification.nctId,
    briefTitle: identification.briefTitle ?? null,
    officialTitle: identification.officialTitle ?? null,
    acronym: identification.acronym ?? null,
    overallStatus: status?.overallStatus ?? null,
    phases: design?.phases ?? [],
    studyType: design?.studyType ?? null,
    conditions: protocol.conditionsModule?.conditions ?? [],
    keywords: protocol.conditionsModule?.keywords ?? [],
    interventions: (protocol.armsInterventionsModule?.interventions ?? [])
      .filter((intervention) => intervention.name !== undefined)
      .map((intervention) => ({ type: intervention.type ?? null, name: intervention.name as string })),
    interventionTerms: unique([
      ...(browse?.meshes ?? []).map((mesh) => mesh.term),
      ...(browse?.browseLeaves ?? []).map((leaf) => leaf.name),
    ]),
    leadSponsor: sponsors?.leadSponsor?.name ?? null,
    leadSponsorClass: sponsors?.leadSponsor?.class ?? null,
    collaborators: unique((sponsors?.collaborators ?? []).map((collaborator) => collaborator.name)),
    startDate: status?.startDateStruct?.date ?? null,
    primaryCompletionDate: status?.primaryCompletionDateStruct?.date ?? null,
    completionDate: status?.completionDateStruct?.date ?? null,
    lastUpdate: status?.lastUpdatePostDateStruct?.date ?? status?.lastUpdateSubmitDate ?? null,
    enrollment: design?.enrollmentInfo?.count ?? null,
    enrollmentType: design?.enrollmentInfo?.type ?? null,
    sex: eligibility?.sex ?? null,
    minimumAgeYears: parseAgeToYears(eligibility?.minimumAge),
    maximumAgeYears: parseAgeToYears(eligibility?.maximumAge),
    healthyVolunteers: eligibility?.healthyVolunteers ?? null,
    locations: (protocol.contactsLocationsModule?.locations ?? []).map((location) => ({
      facility: location.facility ?? null,
      city: location.city ?? null,
      state: location.state ?? null,
      country: location.country ?? null,
      status: location.status ?? null,
      lat: location.geoPoint?.lat ?? null,
      lon: location.geoPoint?.lon ?? null,
    })),
  };
}

function unique(values: Array<string | undefined>): string[] {
  return [...new Set(values.filter((value): value is string => value !== undefined && value !== ''))];
}
