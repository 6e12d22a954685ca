// The account repository over Kysely (PGlite or PostgreSQL). Only hashes of secrets reach the database.
import { sql, type Kysely, type Selectable } from 'kysely';
import { EligoError } from '../../core/problems.ts';
import type { AccountApiTokenTable, AccountGrantTable, AccountSessionTable, AccountUserTable } from '../account-tables.ts';
import type { Tables } from '../tables.ts';
import type { AccountRepository, ApiTokenRow, GrantRow, SessionRow, UserRow } from './repository.ts';

const UNIQUE_VIOLATION = '23505';

export function kyselyAccountRepository(db: Kysely<Tables>): AccountRepository {
  const inTransaction = db.isTransaction;
  const repository: AccountRepository = {
    async findUserByUsername(username) {
      const row = await db.selectFrom('account_user').selectAll().where(sql<string>`lower(username)`, '=', username.toLowerCase()).executeTakeFirst();
      return row && userRow(row);
    },
    async findUserById(id) {
      const row = await db.selectFrom('account_user').selectAll().where('id', '=', id).executeTakeFirst();
      return row && userRow(row);
    },
    async findUserForUpdate(id) {
      if (!inTransaction) throw new Error('findUserForUpdate needs a transaction');
      const row = await db.selectFrom('account_user').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      return row && userRow(row);
    },
    async listUsers(filter = {}) {
      let query = db.selectFrom('account_user').selectAll().orderBy(sql`lower(username)`);
      if (filter.ids !== undefined || filter.createdBy !== undefined) {
        const ids = filter.ids ?? [];
        const createdBy = filter.createdBy;
        query = query.where((eb) => eb.or([...(ids.length > 0 ? [eb('id', 'in', ids)] : []), ...(createdBy !== undefined ? [eb('created_by', '=', createdBy)] : []), eb.val(false)]));
      }
      return (await query.execute()).map(userRow);
    },
    async insertUser(user) {
      try {
        const row = await db
          .insertInto('account_user')
          .values({ username: user.username, display_name: user.displayName, password_hash: user.passwordHash, is_system_admin: user.isSystemAdmin, password_changed_at: user.passwordChangedAt, created_at: user.passwordChangedAt, created_by: user.createdBy })
          .returningAll()
          .executeTakeFirstOrThrow();
        return userRow(row);
      } catch (error) {
        if (isUniqueViolation(error)) throw EligoError.of('conflict', { code: 'username_taken', field: 'username', value: user.username, expected: 'a username no other account has (in any case)' });
        throw error;
      }
    },
    async updateUser(id, change) {
      const values: Partial<Record<keyof AccountUserTable, unknown>> = {};
      if (change.passwordHash !== undefined) values.password_hash = change.passwordHash;
      if (change.failedAttempts !== undefined) values.failed_attempts = change.failedAttempts;
      if (change.lockedUntil !== undefined) values.locked_until = change.lockedUntil;
      if (change.disabledAt !== undefined) values.disabled_at = change.disabledAt;
      if (change.passwordChangedAt !== undefined) values.password_changed_at = change.passwordChangedAt;
      if (change.displayName !== undefined) values.display_name = change.displayName;
      const row = await db.updateTable('account_user').set(values as never).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      return userRow(row);
    },

    async insertSession(session) {
      const row = await db
        .insertInto('account_session')
        .values({ token_hash: session.tokenHash, user_id: session.userId, csrf_token: session.csrfToken, created_at: session.createdAt, last_seen_at: session.createdAt, expires_at: session.expiresAt })
        .returningAll()
        .executeTakeFirstOrThrow();
      return sessionRow(row);
    },
    async findSessionByTokenHash(tokenHash) {
      const row = await db.selectFrom('account_session').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return row && sessionRow(row);
    },
    async touchSession(id, at) {
      await db.updateTable('account_session').set({ last_seen_at: at }).where('id', '=', id).execute();
    },
    async revokeSession(id, at) {
      await db.updateTable('account_session').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
    },
    async revokeSessionsOfUser(userId, at, keepSessionId) {
      let query = db.updateTable('account_session').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null);
      if (keepSessionId !== undefined) query = query.where('id', '<>', keepSessionId);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async insertApiToken(token) {
      const row = await db
        .insertInto('account_api_token')
        .values({ user_id: token.userId, name: token.name, token_hash: token.tokenHash, prefix: token.prefix, created_at: token.createdAt })
        .returningAll()
        .executeTakeFirstOrThrow();
      return tokenRow(row);
    },
    async findApiTokenByHash(tokenHash) {
      const row = await db.selectFrom('account_api_token').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return row && tokenRow(row);
    },
    async findApiToken(id) {
      const row = await db.selectFrom('account_api_token').selectAll().where('id', '=', id).executeTakeFirst();
      return row && tokenRow(row);
    },
    async listApiTokens(userId) {
      return (await db.selectFrom('account_api_token').selectAll().where('user_id', '=', userId).orderBy('id').execute()).map(tokenRow);
    },
    async touchApiToken(id, at) {
      await db.updateTable('account_api_token').set({ last_used_at: at }).where('id', '=', id).execute();
    },
    async revokeApiToken(id, at) {
      const row = await db.updateTable('account_api_token').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).returningAll().executeTakeFirst();
      return row && tokenRow(row);
    },
    async revokeApiTokensOfUser(userId, at) {
      const result = await db.updateTable('account_api_token').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async insertGrant(grant) {
      try {
        const row = await db
          .insertInto('account_grant')
          .values({ user_id: grant.userId, study_id: grant.studyId, site_code: grant.siteCode, role: grant.role, can_view_allocation: grant.canViewAllocation, granted_by: grant.grantedBy, granted_at: grant.grantedAt })
          .returningAll()
          .executeTakeFirstOrThrow();
        return grantRow(row);
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw EligoError.of('conflict', { code: 'grant_exists', field: 'role', value: grant.role, expected: `a role the user does not already hold in ${grant.studyId}${grant.siteCode ? ` at ${grant.siteCode}` : ''}` });
        }
        throw error;
      }
    },
    async findGrant(id) {
      const row = await db.selectFrom('account_grant').selectAll().where('id', '=', id).executeTakeFirst();
      return row && grantRow(row);
    },
    async listGrants(filter) {
      let query = db.selectFrom('account_grant').selectAll().orderBy('study_id').orderBy('site_code').orderBy('id');
      if (filter.userIds) query = filter.userIds.length === 0 ? query.where(sql<boolean>`false`) : query.where('user_id', 'in', filter.userIds);
      if (filter.studyIds) query = filter.studyIds.length === 0 ? query.where(sql<boolean>`false`) : query.where('study_id', 'in', filter.studyIds);
      if (filter.liveOnly !== false) query = query.where('revoked_at', 'is', null);
      return (await query.execute()).map(grantRow);
    },
    async revokeGrant(id, at, by) {
      const row = await db.updateTable('account_grant').set({ revoked_at: at, revoked_by: by }).where('id', '=', id).where('revoked_at', 'is', null).returningAll().executeTakeFirst();
      return row && grantRow(row);
    },

    async transaction(work) {
      if (inTransaction) return work(repository, db as never);
      return db.transaction().execute((tx) => work(kyselyAccountRepository(tx), tx));
    },
  };
  return repository;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === UNIQUE_VIOLATION;
}

function userRow(row: Selectable<AccountUserTable>): UserRow {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    isSystemAdmin: row.is_system_admin,
    failedAttempts: row.failed_attempts,
    lockedUntil: row.locked_until,
    disabledAt: row.disabled_at,
    passwordChangedAt: row.password_changed_at,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

function sessionRow(row: Selectable<AccountSessionTable>): SessionRow {
  return { id: row.id, userId: row.user_id, csrfToken: row.csrf_token, createdAt: row.created_at, lastSeenAt: row.last_seen_at, expiresAt: row.expires_at, revokedAt: row.revoked_at };
}

function tokenRow(row: Selectable<AccountApiTokenTable>): ApiTokenRow {
  return { id: row.id, userId: row.user_id, name: row.name, prefix: row.prefix, createdAt: row.created_at, lastUsedAt: row.last_used_at, revokedAt: row.revoked_at };
}

function grantRow(row: Selectable<AccountGrantTable>): GrantRow {
  return {
    id: row.id,
    userId: row.user_id,
    studyId: row.study_id,
    siteCode: row.site_code,
    role: row.role,
    canViewAllocation: row.can_view_allocation,
    grantedBy: row.granted_by,
    grantedAt: row.granted_at,
    revokedAt: row.revoked_at,
    revokedBy: row.revoked_by,
  };
}
