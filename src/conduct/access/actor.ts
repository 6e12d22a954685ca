// The person (or script) behind a request, with the grants the database holds for them. Every
// conduct service takes an Actor and asks `scopeFor` before it reads or writes: the one place where
// site isolation is decided. A scope lists the sites the actor may touch for that permission.
import { notFound, EligoError } from '../../core/problems.ts';
import { roleAllows, type Permission, type Role } from './roles.ts';

export interface Grant {
  studyId: string; // the trial's NCT id
  /** null: every site of the study (study-wide roles only). */
  siteCode: string | null;
  role: Role;
  /** The separate right to see allocations in a blinded study. */
  canViewAllocation: boolean;
}

export interface Actor {
  userId: number;
  username: string;
  /** Administers the installation (creates studies and users); grants nothing inside a study by itself. */
  isSystemAdmin: boolean;
  grants: readonly Grant[];
  /** How the request was authenticated: a browser session or an API token. */
  via: 'session' | 'token' | 'cli';
}

/** The sites of one study an actor may act on for one permission: all of them, or a list. */
export type SiteScope = { studyId: string; sites: 'all' } | { studyId: string; sites: readonly string[] };

/** The actor's scope for a permission in a study, or undefined when nothing is granted. */
export function scopeOf(actor: Actor, studyId: string, permission: Permission): SiteScope | undefined {
  const grants = actor.grants.filter((grant) => grant.studyId === studyId && roleAllows(grant.role, permission));
  if (grants.length === 0) return undefined;
  if (grants.some((grant) => grant.siteCode === null)) return { studyId, sites: 'all' };
  return { studyId, sites: [...new Set(grants.map((grant) => grant.siteCode as string))].sort() };
}

export function scopeIncludes(scope: SiteScope, siteCode: string): boolean {
  return scope.sites === 'all' || scope.sites.includes(siteCode);
}

/** Whether the actor can see anything of the study at all. */
export function canSeeStudy(actor: Actor, studyId: string): boolean {
  return scopeOf(actor, studyId, 'study.read') !== undefined;
}

/**
 * The scope for a permission, or an error. Deny by default: a study (or site) the actor cannot see
 * answers not_found, exactly as one that does not exist; one they can see but not act on, forbidden.
 */
export function requireScope(actor: Actor, studyId: string, permission: Permission, siteCode?: string): SiteScope {
  const readable = scopeOf(actor, studyId, 'study.read');
  if (!readable || (siteCode !== undefined && !scopeIncludes(readable, siteCode))) {
    throw siteCode === undefined ? notFound('study', 'studyId', studyId) : notFound('site', 'siteCode', siteCode);
  }
  const scope = scopeOf(actor, studyId, permission);
  if (!scope || (siteCode !== undefined && !scopeIncludes(scope, siteCode))) {
    throw EligoError.of('forbidden', { code: 'forbidden', field: '(request)', expected: `a role with the right "${permission}"`, message: `your role does not allow ${permission}` });
  }
  return scope;
}

export function canViewAllocation(actor: Actor, studyId: string, siteCode: string, blinded: boolean): boolean {
  const scope = scopeOf(actor, studyId, 'study.read');
  if (!scope || !scopeIncludes(scope, siteCode)) return false;
  if (!blinded) return true;
  return actor.grants.some((grant) => grant.studyId === studyId && grant.canViewAllocation && (grant.siteCode === null || grant.siteCode === siteCode));
}
