// What the signed-in user's grants let them do, for choosing what a page offers. Presentation only:
// the server decides every request again (src/conduct/access/actor.ts), deny by default.
import { roleAllows, STUDY_WIDE_ROLES, type Permission } from '../../conduct/access/roles.ts';
import type { SessionGrant } from '../api/auth.ts';

export type SiteRight = 'all' | readonly string[];

/** The sites of a study where the grants allow a permission: 'all', a list, or [] for none. */
export function sitesWith(grants: readonly SessionGrant[], studyId: string, permission: Permission): SiteRight {
  const matching = grants.filter((grant) => grant.studyId === studyId && roleAllows(grant.role, permission));
  if (matching.some((grant) => grant.siteCode === null)) return 'all';
  return [...new Set(matching.map((grant) => grant.siteCode as string))].sort();
}

export function allows(right: SiteRight, siteCode: string): boolean {
  return right === 'all' || right.includes(siteCode);
}

export function hasAny(right: SiteRight): boolean {
  return right === 'all' || right.length > 0;
}

/** Sponsor admins, data managers and monitors see the study across its sites. */
export function isStudyWide(grants: readonly SessionGrant[], studyId: string): boolean {
  return grants.some((grant) => grant.studyId === studyId && (grant.siteCode === null || STUDY_WIDE_ROLES.includes(grant.role)));
}

/** The sites the user works at as site staff (coordinator or investigator grants). */
export function staffSites(grants: readonly SessionGrant[], studyId: string): string[] {
  return [...new Set(grants.filter((grant) => grant.studyId === studyId && grant.siteCode !== null && !STUDY_WIDE_ROLES.includes(grant.role)).map((grant) => grant.siteCode as string))].sort();
}
