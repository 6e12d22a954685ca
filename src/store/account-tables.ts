// Accounts, sessions, API tokens and study grants as Kysely sees them (see migrations/005_accounts.ts).
// Secrets never sit here in the clear: passwords as argon2id hashes, session and API tokens as SHA-256.
import type { ColumnType, Generated } from 'kysely';
import type { Role } from '../conduct/access/roles.ts';

export interface AccountTables {
  account_user: AccountUserTable;
  account_session: AccountSessionTable;
  account_api_token: AccountApiTokenTable;
  account_grant: AccountGrantTable;
}

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface AccountUserTable {
  id: Generated<number>;
  /** Unique without regard to case (unique index on lower(username)). */
  username: string;
  display_name: string;
  /** PHC string of an argon2id hash. */
  password_hash: string;
  is_system_admin: Generated<boolean>;
  /** Consecutive failed sign-ins since the last success or lock. */
  failed_attempts: Generated<number>;
  locked_until: Timestamp | null;
  disabled_at: Timestamp | null;
  password_changed_at: Timestamp;
  created_at: CreatedAt;
  /** Who created the account (null: the command line). */
  created_by: number | null;
}

export interface AccountSessionTable {
  id: Generated<number>;
  /** SHA-256 (hex) of the cookie's token; the token itself is never stored. */
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  /** Absolute end; the idle timeout is counted from last_seen_at. */
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface AccountApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  /** The first characters of the token, to tell tokens apart in lists. */
  prefix: string;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface AccountGrantTable {
  id: Generated<number>;
  user_id: number;
  /** The trial's NCT id. */
  study_id: string;
  /** null: every site of the study (study-wide roles only). */
  site_code: string | null;
  role: Role;
  can_view_allocation: Generated<boolean>;
  granted_by: number | null;
  granted_at: CreatedAt;
  revoked_at: Timestamp | null;
  revoked_by: number | null;
}
