// The subject-level services (screening, consent, enrollment, visits, treatment, labs, transfusions,
// assessments, safety, queries) over one set of stores, built once per Stores; the composition in
// compose.ts adds them to the conduct services, tests and the demo pass a clock.
import type { Stores } from '../store/index.ts';
import type { ConsentService, EnrollmentService, ScreeningService } from './services.ts';
import { consentService } from './consent/service.ts';
import { enrollmentService } from './enrollment/service.ts';
import { screeningService } from './screening/service.ts';
import type { ConductClock } from './screening/subject-access.ts';
import { queryService, type QueryService } from './queries/service.ts';
import { assessmentService, type AssessmentService } from './assessments/service.ts';
import { labService, type LabService } from './labs/service.ts';
import { safetyService, type SafetyService } from './safety/service.ts';
import { visitService, type VisitService } from './visits/service.ts';
import { treatmentService, type TreatmentService } from './treatment/service.ts';
import { reportService, type ReportService } from './reports/service.ts';

export interface SubjectServices {
  screening: ScreeningService;
  consent: ConsentService;
  enrollment: EnrollmentService;
  queries: QueryService;
  assessments: AssessmentService;
  labs: LabService;
  safety: SafetyService;
  visits: VisitService;
  treatment: TreatmentService;
  reports: ReportService;
}

export function createSubjectServices(stores: Stores, clock?: ConductClock): SubjectServices {
  const deps = { stores, clock };
  return { screening: screeningService(deps), consent: consentService(deps), enrollment: enrollmentService(deps), queries: queryService(deps), assessments: assessmentService(deps), labs: labService(deps), safety: safetyService(deps),
    visits: visitService(deps), treatment: treatmentService(deps), reports: reportService(deps),
  };
}

const built = new WeakMap<Stores, SubjectServices>();

export function subjectServicesFor(stores: Stores): SubjectServices {
  let services = built.get(stores);
  if (!services) built.set(stores, (services = createSubjectServices(stores)));
  return services;
}
