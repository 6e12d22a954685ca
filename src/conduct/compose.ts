// The composition root of the study-conduct area: the shells (HTTP routes, CLI, demo) get every
// conduct service, built over the site-scoped repositories of one database, from this one call.
import type { Kysely } from 'kysely';
import type { Tables } from '../store/tables.ts';
import { EligoError } from '../core/problems.ts';
import type { ConductServices } from './services.ts';

/** Every conduct service over this database (cheap: build one per process or per request). */
export function conductServicesFor(_db: Kysely<Tables>): ConductServices {
  throw EligoError.of('unavailable', { code: 'not_implemented', field: '(request)', expected: 'the conduct services (being built on branch h/e)' });
}
