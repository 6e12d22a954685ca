import { sql, type Kysely } from 'kysely';

// The roles as they stood when this migration was written (conduct/access/roles.ts); a migration is
// history, so a later role arrives with a migration of its own. A test holds the two lists together.
export const ROLES_005 = ['sponsor_admin', 'data_manager', 'monitor', 'investigator', 'coordinator'] as const;
export const SITE_ROLES_005 = ['investigator', 'coordinator'] as const;
const quoted = (values: readonly string[]) => sql.raw(values.map((value) => `'${value}'`).join(', '));

export async function up(db: Kysely<any>): Promise<void> {
  // People who sign in. Usernames are unique without regard to case; the password is an argon2id hash.
  await db.schema
    .createTable('account_user')
    .addColumn('id', 'serial', (col) => col.primaryKey())
    .addColumn('username', 'text', (col) => col.notNull().check(sql`username ~ '^[A-Za-z0-9._@-]{3,64}$'`))
    .addColumn('display_name', 'text', (col) => col.notNull().check(sql`length(display_name) between 1 and 200`))
    .addColumn('password_hash', 'text', (col) => col.notNull().check(sql`password_hash like '$argon2id$%'`))
    .addColumn('is_system_admin', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('failed_attempts', 'integer', (col) => col.notNull().defaultTo(0).check(sql`failed_attempts >= 0`))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('password_changed_at', 'timestamptz', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'integer', (col) => col.references('account_user.id'))
    .execute();
  await sql`create unique index account_user_username_uq on account_user (lower(username))`.execute(db);

  // Browser sessions: only a SHA-256 of the cookie's token is kept, so a copy of the table signs nobody in.
  await db.schema
    .createTable('account_session')
    .addColumn('id', 'serial', (col) => col.primaryKey())
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('user_id', 'integer', (col) => col.notNull().references('account_user.id'))
    .addColumn('csrf_token', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (col) => col.notNull())
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('account_session_user_idx').on('account_session').column('user_id').execute();

  // API tokens for scripts: shown once, kept as SHA-256, revocable.
  await db.schema
    .createTable('account_api_token')
    .addColumn('id', 'serial', (col) => col.primaryKey())
    .addColumn('user_id', 'integer', (col) => col.notNull().references('account_user.id'))
    .addColumn('name', 'text', (col) => col.notNull().check(sql`length(name) between 1 and 100`))
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('prefix', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('account_api_token_user_idx').on('account_api_token').column('user_id').execute();

  // One role in one study, at one site or (study-wide roles) at all of them. Revoked grants stay, dated.
  await db.schema
    .createTable('account_grant')
    .addColumn('id', 'serial', (col) => col.primaryKey())
    .addColumn('user_id', 'integer', (col) => col.notNull().references('account_user.id'))
    .addColumn('study_id', 'text', (col) => col.notNull().check(sql`study_id ~ '^NCT[0-9]{8}$'`))
    .addColumn('site_code', 'text', (col) => col.check(sql`site_code ~ '^[A-Z0-9-]{2,16}$'`))
    .addColumn('role', 'text', (col) => col.notNull().check(sql`role in (${quoted(ROLES_005)})`))
    .addColumn('can_view_allocation', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('granted_by', 'integer', (col) => col.references('account_user.id'))
    .addColumn('granted_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_by', 'integer', (col) => col.references('account_user.id'))
    .addCheckConstraint('account_grant_site_role_has_site', sql`role not in (${quoted(SITE_ROLES_005)}) or site_code is not null`)
    .execute();
  await sql`create unique index account_grant_live_uq on account_grant (user_id, study_id, coalesce(site_code, ''), role) where revoked_at is null`.execute(db);
  await db.schema.createIndex('account_grant_study_idx').on('account_grant').columns(['study_id', 'site_code']).execute();
}
