// The composition root of the study-conduct area: the shells (HTTP routes, CLI, demo) get every
// conduct service over one database's stores from this one call, built once per Stores.
import type { Stores } from '../store/index.ts';
import { createAuditService } from './audit/service.ts';
import type { ConductServices } from './services.ts';
import { createStudyService } from './studies/service.ts';
import { subjectServicesFor } from './subject-services.ts';

const built = new WeakMap<Stores, ConductServices>();

export function conductServicesFor(stores: Stores): ConductServices {
  const existing = built.get(stores);
  if (existing) return existing;
  const services: ConductServices = {
    studies: createStudyService(stores.studies),
    audit: createAuditService(stores.audit, stores.studies),
    directory: stores.studyDirectory,
    ...subjectServicesFor(stores),
  };
  built.set(stores, services);
  return services;
}
