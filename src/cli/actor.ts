// Who the command line acts as: the installation's operator (a person with the database in hand),
// a system administrator with a study-wide sponsor-admin scope in every study, so `eligo study …` and
// `eligo audit …` see every site. Audited as via 'cli' (user id null). Allocation is not granted: no
// command here needs it.
import type { Actor } from '../conduct/access/actor.ts';
import type { Stores } from '../store/index.ts';

export const CLI_USERNAME = 'cli';

export async function cliActor(stores: Stores): Promise<Actor> {
  const studyIds = await stores.studies.allStudyIds();
  return {
    userId: 0,
    username: CLI_USERNAME,
    isSystemAdmin: true,
    via: 'cli',
    grants: studyIds.map((studyId) => ({ studyId, siteCode: null, role: 'sponsor_admin' as const, canViewAllocation: false })),
  };
}
