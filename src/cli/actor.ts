// Who the command line acts as: the installation's operator (a person with the database in hand),
// audited as `cli:<operating-system user>` with via 'cli' (user id null) — the CLI is not an account.
// For the study commands, a system administrator with a study-wide sponsor-admin scope in every study,
// so `eligo study …` and `eligo audit …` see every site; allocation is not granted (no command needs it).
import { userInfo } from 'node:os';
import type { Actor } from '../conduct/access/actor.ts';
import type { Stores } from '../store/index.ts';

/** `cli:<operating-system user>`, or `cli:operator` where the process has no passwd entry (some containers). */
export function cliUsername(): string {
  let who = 'operator';
  try {
    who = userInfo().username || who;
  } catch {
    // keep 'operator'
  }
  return `cli:${who}`;
}

/** The operator as the account commands see it: a system administrator who belongs to no study. */
export function cliAccountActor(): Actor {
  return { userId: 0, username: cliUsername(), isSystemAdmin: true, grants: [], via: 'cli' };
}

export async function cliActor(stores: Stores): Promise<Actor> {
  const studyIds = await stores.studies.allStudyIds();
  return {
    userId: 0,
    username: cliUsername(),
    isSystemAdmin: true,
    via: 'cli',
    grants: studyIds.map((studyId) => ({ studyId, siteCode: null, role: 'sponsor_admin' as const, canViewAllocation: false })),
  };
}
