// The composition root of the study-conduct area: the shells (HTTP routes, CLI, demo) get every
// conduct service over one database's stores from this one call, built once per Stores.
import { EligoError } from '../core/problems.ts';
import type { Stores } from '../store/index.ts';
import { createAuditService } from './audit/service.ts';
import type { ConductServices, ConsentService, EnrollmentService, ScreeningService } from './services.ts';
import { createStudyService } from './studies/service.ts';

const built = new WeakMap<Stores, ConductServices>();

export function conductServicesFor(stores: Stores): ConductServices {
  const existing = built.get(stores);
  if (existing) return existing;
  const services: ConductServices = {
    studies: createStudyService(stores.studies),
    audit: createAuditService(stores.audit, stores.studies),
    directory: stores.studyDirectory,
    // Until the screening, consent and enrollment services are merged (helper "subjects", migration 007).
    screening: notYetMerged<ScreeningService>('screening', ['startScreening', 'recordConfirmations', 'setOutcome', 'getScreening', 'listScreenings', 'countScreenings', 'getIdentity']),
    consent: notYetMerged<ConsentService>('consent', ['recordConsent', 'withdrawConsent', 'listConsents']),
    enrollment: notYetMerged<EnrollmentService>('enrollment', ['enroll', 'getEnrollment', 'listEnrollments', 'enrollmentCounts', 'unblind']),
  };
  built.set(stores, services);
  return services;
}

function notYetMerged<T>(area: string, methods: ReadonlyArray<keyof T & string>): T {
  const refuse = async () => {
    throw EligoError.of('unavailable', { code: 'not_available', field: '(request)', expected: `the ${area} service`, message: `the ${area} service is not part of this build yet` });
  };
  return Object.fromEntries(methods.map((method) => [method, refuse])) as T;
}
