// The storage boundary for accounts: users, sessions, API tokens and grants. Services see these rows
// and this interface, never Kysely. Rows carry hashes (never the secrets); views for the outside world
// are made by the service, which leaves the hashes out.
import type { Transaction } from 'kysely';
import type { Role } from '../../conduct/access/roles.ts';
import type { Tables } from '../tables.ts';

/** The open transaction of a write, handed through to the audit sink so its entry commits with the change. */
export type StoreTransaction = Transaction<Tables>;

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  passwordHash: string;
  isSystemAdmin: boolean;
  failedAttempts: number;
  lockedUntil: Date | null;
  disabledAt: Date | null;
  passwordChangedAt: Date;
  createdAt: Date;
  createdBy: number | null;
}

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  isSystemAdmin: boolean;
  passwordChangedAt: Date;
  createdBy: number | null;
}

export type UserChange = Partial<Pick<UserRow, 'passwordHash' | 'failedAttempts' | 'lockedUntil' | 'disabledAt' | 'passwordChangedAt' | 'displayName'>>;

export interface SessionRow {
  id: number;
  userId: number;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

export interface NewSession {
  tokenHash: string;
  userId: number;
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface ApiTokenRow {
  id: number;
  userId: number;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface NewApiToken {
  userId: number;
  name: string;
  tokenHash: string;
  prefix: string;
  createdAt: Date;
}

export interface GrantRow {
  id: number;
  userId: number;
  studyId: string;
  siteCode: string | null;
  role: Role;
  canViewAllocation: boolean;
  grantedBy: number | null;
  grantedAt: Date;
  revokedAt: Date | null;
  revokedBy: number | null;
}

export interface NewGrant {
  userId: number;
  studyId: string;
  siteCode: string | null;
  role: Role;
  canViewAllocation: boolean;
  grantedBy: number | null;
  grantedAt: Date;
}

export interface GrantFilter {
  userIds?: readonly number[];
  studyIds?: readonly string[];
  /** Only grants not revoked (default true). */
  liveOnly?: boolean;
}

export interface AccountRepository {
  /** Case-insensitive. */
  findUserByUsername(username: string): Promise<UserRow | undefined>;
  findUserById(id: number): Promise<UserRow | undefined>;
  /** The row, locked against concurrent sign-ins until the transaction ends (inside `transaction` only). */
  findUserForUpdate(id: number): Promise<UserRow | undefined>;
  listUsers(filter?: { ids?: readonly number[]; createdBy?: number }): Promise<UserRow[]>;
  /** Throws EligoError conflict when the username (in any case) is taken. */
  insertUser(user: NewUser): Promise<UserRow>;
  updateUser(id: number, change: UserChange): Promise<UserRow>;

  insertSession(session: NewSession): Promise<SessionRow>;
  findSessionByTokenHash(tokenHash: string): Promise<SessionRow | undefined>;
  touchSession(id: number, at: Date): Promise<void>;
  revokeSession(id: number, at: Date): Promise<void>;
  /** Revokes every live session of the user except `keepSessionId`; returns how many. */
  revokeSessionsOfUser(userId: number, at: Date, keepSessionId?: number): Promise<number>;

  insertApiToken(token: NewApiToken): Promise<ApiTokenRow>;
  findApiTokenByHash(tokenHash: string): Promise<ApiTokenRow | undefined>;
  findApiToken(id: number): Promise<ApiTokenRow | undefined>;
  listApiTokens(userId: number): Promise<ApiTokenRow[]>;
  touchApiToken(id: number, at: Date): Promise<void>;
  revokeApiToken(id: number, at: Date): Promise<ApiTokenRow | undefined>;
  revokeApiTokensOfUser(userId: number, at: Date): Promise<number>;

  /** Throws EligoError conflict when the same live grant exists. */
  insertGrant(grant: NewGrant): Promise<GrantRow>;
  findGrant(id: number): Promise<GrantRow | undefined>;
  listGrants(filter: GrantFilter): Promise<GrantRow[]>;
  revokeGrant(id: number, at: Date, by: number | null): Promise<GrantRow | undefined>;

  /** Runs `work` in one transaction, with a repository bound to it and the transaction for the audit sink. */
  transaction<T>(work: (accounts: AccountRepository, tx: StoreTransaction) => Promise<T>): Promise<T>;
}
