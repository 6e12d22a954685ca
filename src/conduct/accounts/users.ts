// Administering users: create (with the grants they start with, in one transaction), list, unlock,
// disable and enable. System admins administer everyone; a sponsor admin the users of their studies.
import { EligoError, notFound, problem, type Problem } from '../../core/problems.ts';
import type { Actor } from '../access/actor.ts';
import { auditActor } from './audit.ts';
import { grantView, managedStudies, recordAudit, requireSystemAdmin, requireUserAdministrator, userView, visibleUser, type AccountContext, type GrantView, type UserView } from './context.ts';
import { grantService, type CheckedGrant, type GrantInput } from './grants.ts';
import { CLEARED } from './lockout.ts';
import { hashPassword, passwordProblems } from './passwords.ts';

export const USERNAME_PATTERN = /^[A-Za-z0-9._@-]{3,64}$/;

export interface NewUserInput {
  username: string;
  displayName?: string;
  password: string;
  isSystemAdmin?: boolean;
  grants?: readonly GrantInput[];
}

export interface UserWithGrants extends UserView {
  grants: GrantView[];
}

/** Username and display name problems (pure); the password has its own policy. */
export function newUserProblems(input: NewUserInput): Problem[] {
  const problems: Problem[] = [];
  if (!USERNAME_PATTERN.test(input.username)) problems.push(problem({ code: 'invalid_username', field: 'username', value: input.username, expected: '3 to 64 letters, digits or . _ @ -' }));
  const displayName = input.displayName ?? input.username;
  if (displayName.trim().length === 0 || displayName.length > 200) problems.push(problem({ code: 'invalid_display_name', field: 'displayName', value: input.displayName, expected: 'a name of 1 to 200 characters' }));
  return [...problems, ...passwordProblems(input.password, input.username)];
}

export function userService(context: AccountContext) {
  const { accounts } = context;
  const grants = grantService(context);

  async function withGrants(actor: Actor, users: Awaited<ReturnType<typeof accounts.listUsers>>): Promise<UserWithGrants[]> {
    const now = context.now();
    const studyIds = actor.isSystemAdmin ? undefined : managedStudies(actor);
    const rows = await accounts.listGrants({ userIds: users.map((user) => user.id), studyIds });
    return users.map((user) => ({ ...userView(user, now), grants: rows.filter((grant) => grant.userId === user.id).map(grantView) }));
  }

  async function setLockState(actor: Actor, userId: number, action: 'user.unlock' | 'user.disable' | 'user.enable'): Promise<UserView> {
    const user = await visibleUser(context, actor, userId);
    const now = context.now();
    const updated = await accounts.transaction(async (repo, tx) => {
      let row;
      if (action === 'user.unlock') row = await repo.updateUser(userId, CLEARED);
      else if (action === 'user.enable') row = await repo.updateUser(userId, { disabledAt: null, ...CLEARED });
      else {
        row = await repo.updateUser(userId, { disabledAt: now });
        await repo.revokeSessionsOfUser(userId, now);
        await repo.revokeApiTokensOfUser(userId, now);
      }
      await recordAudit(context, tx, { actor: auditActor(actor), action, recordType: 'account_user', recordId: String(userId), oldValue: { lockedUntil: user.lockedUntil?.toISOString() ?? null, disabled: user.disabledAt !== null }, newValue: { lockedUntil: row.lockedUntil?.toISOString() ?? null, disabled: row.disabledAt !== null } }, now);
      return row;
    });
    return userView(updated, now);
  }

  return {
    ...grants,

    /** Every check (username, password policy, each grant) passes before anything is written. */
    async createUser(actor: Actor, input: NewUserInput): Promise<UserWithGrants> {
      requireUserAdministrator(actor);
      if (input.isSystemAdmin) requireSystemAdmin(actor, 'create system administrators');
      const problems = newUserProblems(input);
      if (problems.length > 0) throw EligoError.all('invalid', 'invalid_user', problems);
      const checked: CheckedGrant[] = [];
      for (const grant of input.grants ?? []) checked.push(await grants.checkGrant(actor, grant));
      // A sponsor admin's new user must start with a grant in their study, or they could not see it again.
      if (!actor.isSystemAdmin && checked.length === 0) {
        throw EligoError.of('invalid', { code: 'grant_required', field: 'grants', expected: 'at least one grant in a study you manage', message: 'grants: a sponsor admin creates users with at least one grant in their study' });
      }
      const passwordHash = await hashPassword(input.password);
      const now = context.now();
      const created = await accounts.transaction(async (repo, tx) => {
        const user = await repo.insertUser({ username: input.username, displayName: (input.displayName ?? input.username).trim(), passwordHash, isSystemAdmin: input.isSystemAdmin ?? false, passwordChangedAt: now, createdBy: actor.via === 'cli' ? null : actor.userId });
        await recordAudit(context, tx, { actor: auditActor(actor), action: 'user.create', recordType: 'account_user', recordId: String(user.id), oldValue: null, newValue: { username: user.username, displayName: user.displayName, isSystemAdmin: user.isSystemAdmin } }, now);
        const rows = [];
        for (const grant of checked) rows.push(await grants.insertGrant(repo, tx, actor, user.id, grant));
        return { ...userView(user, now), grants: rows.map(grantView) };
      });
      return created;
    },

    async listUsers(actor: Actor): Promise<UserWithGrants[]> {
      requireUserAdministrator(actor);
      if (actor.isSystemAdmin) return withGrants(actor, await accounts.listUsers());
      const inStudies = await accounts.listGrants({ studyIds: managedStudies(actor) });
      const users = await accounts.listUsers({ ids: [...new Set(inStudies.map((grant) => grant.userId))], createdBy: actor.userId });
      return withGrants(actor, users);
    },

    /** One user by username, if the actor administers them (others: not_found). */
    async findUser(actor: Actor, username: string): Promise<UserWithGrants> {
      const user = await accounts.findUserByUsername(username);
      if (!user) throw notFound('user', 'username', username);
      await visibleUser(context, actor, user.id);
      return (await withGrants(actor, [user]))[0];
    },

    unlockUser: (actor: Actor, userId: number) => setLockState(actor, userId, 'user.unlock'),

    /** Disabling ends the user's sessions and revokes their API tokens. */
    async setDisabled(actor: Actor, userId: number, disabled: boolean): Promise<UserView> {
      requireSystemAdmin(actor, 'disable or enable users');
      if (disabled && userId === actor.userId) {
        throw EligoError.of('conflict', { code: 'cannot_disable_self', field: 'id', value: userId, expected: 'another user than yourself', message: 'you cannot disable your own account' });
      }
      return setLockState(actor, userId, disabled ? 'user.disable' : 'user.enable');
    },
  };
}
