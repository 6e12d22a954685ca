// The one place the site filter of subject data is built: every read of screenings, identity,
// consents and enrollments goes through `inScope`, so no query forgets it. Scope 'all' still
// restricts to the study.
import type { ExpressionBuilder } from 'kysely';
import type { SiteScope } from '../../conduct/access/actor.ts';
import type { Tables } from '../tables.ts';

export function inScope(scope: SiteScope) {
  return (eb: ExpressionBuilder<Tables, 'screening'>) => {
    const study = eb('screening.study_id', '=', scope.studyId);
    if (scope.sites === 'all') return study;
    return scope.sites.length === 0 ? eb.val(false) : eb.and([study, eb('screening.site_code', 'in', [...scope.sites])]);
  };
}
