// Grants: one role in one study, at one site or (study-wide roles) every site. Checked here, once:
// the role exists, site roles name a site, the study and site exist, and the granter manages the study.
import { EligoError, notFound, problem, type Problem } from '../../core/problems.ts';
import { requireScope, type Actor } from '../access/actor.ts';
import { ROLES, STUDY_WIDE_ROLES, type Role } from '../access/roles.ts';
import type { AccountRepository, GrantRow, StoreTransaction } from '../../store/accounts/repository.ts';
import { auditActor } from './audit.ts';
import { canManageStudy, grantView, recordAudit, visibleUser, type AccountContext, type GrantView } from './context.ts';

export const STUDY_ID_PATTERN = /^NCT\d{8}$/;
export const SITE_CODE_PATTERN = /^[A-Z0-9-]{2,16}$/;

export interface GrantInput {
  studyId: string;
  siteCode?: string | null;
  role: string;
  canViewAllocation?: boolean;
}

export interface CheckedGrant {
  studyId: string;
  siteCode: string | null;
  role: Role;
  canViewAllocation: boolean;
}

/** The shape of a grant: role, study id, site code and whether the role needs a site (pure). */
export function grantProblems(input: GrantInput): Problem[] {
  const problems: Problem[] = [];
  const role = input.role as Role;
  if (!ROLES.includes(role)) problems.push(problem({ code: 'invalid_role', field: 'role', value: input.role, expected: `one of ${ROLES.join(', ')}` }));
  if (!STUDY_ID_PATTERN.test(input.studyId)) problems.push(problem({ code: 'invalid_study_id', field: 'studyId', value: input.studyId, expected: 'an NCT id such as NCT05794425' }));
  const siteCode = input.siteCode ?? null;
  if (siteCode !== null && !SITE_CODE_PATTERN.test(siteCode)) problems.push(problem({ code: 'invalid_site_code', field: 'siteCode', value: siteCode, expected: '2 to 16 capital letters, digits or hyphens' }));
  if (siteCode === null && ROLES.includes(role) && !STUDY_WIDE_ROLES.includes(role)) {
    problems.push(problem({ code: 'site_required', field: 'siteCode', expected: `a site code: ${role} is a site role (study-wide roles: ${STUDY_WIDE_ROLES.join(', ')})`, message: `siteCode: the role ${role} works at one site; name the site` }));
  }
  return problems;
}

export function grantService(context: AccountContext) {
  const { accounts } = context;

  /** Validates a grant completely, before anything is written. */
  async function checkGrant(actor: Actor, input: GrantInput): Promise<CheckedGrant> {
    const problems = grantProblems(input);
    if (problems.length > 0) throw EligoError.all('invalid', 'invalid_grant', problems);
    const siteCode = input.siteCode ?? null;
    // A study the actor cannot see answers not_found; one they see but do not manage, forbidden.
    if (!actor.isSystemAdmin) requireScope(actor, input.studyId, 'users.manage');
    if (!(await context.studies.studyExists(input.studyId))) throw notFound('study', 'studyId', input.studyId);
    if (siteCode !== null && !(await context.studies.siteExists(input.studyId, siteCode))) throw notFound(`site of ${input.studyId}`, 'siteCode', siteCode);
    return { studyId: input.studyId, siteCode, role: input.role as Role, canViewAllocation: input.canViewAllocation ?? false };
  }

  /** Writes a checked grant inside the caller's transaction, with its audit entry. */
  async function insertGrant(repo: AccountRepository, tx: StoreTransaction, actor: Actor, userId: number, grant: CheckedGrant): Promise<GrantRow> {
    const now = context.now();
    const row = await repo.insertGrant({ userId, ...grant, grantedBy: actor.via === 'cli' ? null : actor.userId, grantedAt: now });
    await recordAudit(context, tx, { actor: auditActor(actor), action: 'grant.create', recordType: 'account_grant', recordId: String(row.id), studyId: row.studyId, siteCode: row.siteCode, oldValue: null, newValue: { ...grantView(row) } }, now);
    return row;
  }

  return {
    checkGrant,
    insertGrant,

    async grant(actor: Actor, userId: number, input: GrantInput): Promise<GrantView> {
      const checked = await checkGrant(actor, input);
      await visibleUser(context, actor, userId);
      return grantView(await accounts.transaction((repo, tx) => insertGrant(repo, tx, actor, userId, checked)));
    },

    /** A grant in a study the actor does not manage answers not_found, as one that does not exist. */
    async revokeGrant(actor: Actor, grantId: number): Promise<GrantView> {
      const grant = await accounts.findGrant(grantId);
      if (!grant || !canManageStudy(actor, grant.studyId)) throw notFound('grant', 'id', grantId);
      if (grant.revokedAt !== null) throw EligoError.of('conflict', { code: 'grant_revoked', field: 'id', value: grantId, expected: 'a grant in force', message: `grant ${grantId} was already revoked on ${grant.revokedAt.toISOString()}` });
      const now = context.now();
      const revoked = await accounts.transaction(async (repo, tx) => {
        const row = (await repo.revokeGrant(grantId, now, actor.via === 'cli' ? null : actor.userId)) ?? grant;
        await recordAudit(context, tx, { actor: auditActor(actor), action: 'grant.revoke', recordType: 'account_grant', recordId: String(grantId), studyId: grant.studyId, siteCode: grant.siteCode, oldValue: { revokedAt: null }, newValue: { revokedAt: now.toISOString() } }, now);
        return row;
      });
      return grantView(revoked);
    },
  };
}
