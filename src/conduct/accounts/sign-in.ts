// Signing in and staying signed in: password check with lock-out, sessions (idle and absolute
// timeouts, revocable), API tokens resolved to an Actor, and password change.
import { EligoError, problem } from '../../core/problems.ts';
import type { Actor } from '../access/actor.ts';
import type { UserRow } from '../../store/accounts/repository.ts';
import { SYSTEM_ACTOR, auditActor } from './audit.ts';
import { actorGrant, recordAudit, userView, type AccountContext, type UserView } from './context.ts';
import { afterFailure, CLEARED, isLocked } from './lockout.ts';
import { hashPassword, passwordProblems, verifyAgainstDummy, verifyPassword } from './passwords.ts';
import { looksLikeApiToken, looksLikeSessionToken, randomSecret, sha256Hex } from './secrets.ts';

/** Recorded at most this often, so that every request does not write. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

/** One message for every failed sign-in, so it never tells whether a username exists or is locked. */
export const SIGN_IN_FAILED_MESSAGE = 'username or password is wrong (after 5 failed attempts an account is locked for 15 minutes)';

export interface SignedIn {
  user: UserView;
  /** The cookie's value: shown to the browser once, stored only as its SHA-256. */
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface Authenticated {
  actor: Actor;
  user: UserView;
  /** Present for a browser session: its id (to sign out) and its CSRF token. */
  session?: { id: number; csrfToken: string };
  tokenId?: number;
}

export function signInFailed(): EligoError {
  return EligoError.of('unauthenticated', { code: 'sign_in_failed', field: '(body)', expected: 'a username and its password', message: SIGN_IN_FAILED_MESSAGE });
}

export function notSignedIn(): EligoError {
  return EligoError.of('unauthenticated', { code: 'unauthenticated', field: '(request)', expected: 'a signed-in session or an API token (Authorization: Bearer …)', message: 'sign in first: this needs a session or an API token' });
}

export function signInService(context: AccountContext) {
  const { accounts } = context;

  async function actorOf(user: UserRow, via: Actor['via']): Promise<Actor> {
    const grants = await accounts.listGrants({ userIds: [user.id] });
    return { userId: user.id, username: user.username, isSystemAdmin: user.isSystemAdmin, grants: grants.map(actorGrant), via };
  }

  /** Counts a failure under a row lock, so concurrent attempts cannot slip past the limit. */
  async function registerFailure(userId: number): Promise<void> {
    await accounts.transaction(async (repo, tx) => {
      const now = context.now();
      const user = await repo.findUserForUpdate(userId);
      if (!user) return;
      const next = afterFailure(user, now, context.lockout);
      await repo.updateUser(userId, { failedAttempts: next.failedAttempts, lockedUntil: next.lockedUntil });
      if (next.lockedNow) {
        await recordAudit(context, tx, { actor: SYSTEM_ACTOR, action: 'user.lock', recordType: 'account_user', recordId: String(userId), oldValue: { lockedUntil: null }, newValue: { lockedUntil: next.lockedUntil?.toISOString() } }, now);
      }
    });
  }

  return {
    async signIn(username: string, password: string): Promise<SignedIn> {
      const now = context.now();
      const user = username.length <= 64 ? await accounts.findUserByUsername(username) : undefined;
      if (!user || user.disabledAt !== null || isLocked(user, now)) {
        await verifyAgainstDummy(password);
        throw signInFailed();
      }
      if (!(await verifyPassword(user.passwordHash, password))) {
        await registerFailure(user.id);
        throw signInFailed();
      }
      const sessionToken = randomSecret();
      const csrfToken = randomSecret();
      const expiresAt = new Date(now.getTime() + context.sessions.absoluteHours * 3_600_000);
      const cleared = await accounts.transaction(async (repo) => {
        const fresh = user.failedAttempts > 0 || user.lockedUntil !== null ? await repo.updateUser(user.id, CLEARED) : user;
        await repo.insertSession({ tokenHash: sha256Hex(sessionToken), userId: user.id, csrfToken, createdAt: now, expiresAt });
        return fresh;
      });
      return { user: userView(cleared, now), sessionToken, csrfToken, expiresAt };
    },

    /** The session's user and actor, or undefined when the token is unknown, revoked, expired or its user disabled. */
    async resolveSession(sessionToken: string): Promise<Authenticated | undefined> {
      if (!looksLikeSessionToken(sessionToken)) return undefined;
      const now = context.now();
      const session = await accounts.findSessionByTokenHash(sha256Hex(sessionToken));
      if (!session || session.revokedAt !== null || session.expiresAt.getTime() <= now.getTime()) return undefined;
      if (session.lastSeenAt.getTime() + context.sessions.idleMinutes * 60_000 <= now.getTime()) return undefined;
      const user = await accounts.findUserById(session.userId);
      if (!user || user.disabledAt !== null) return undefined;
      if (now.getTime() - session.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS) await accounts.touchSession(session.id, now);
      return { actor: await actorOf(user, 'session'), user: userView(user, now), session: { id: session.id, csrfToken: session.csrfToken } };
    },

    async resolveApiToken(token: string): Promise<Authenticated | undefined> {
      if (!looksLikeApiToken(token)) return undefined;
      const now = context.now();
      const row = await accounts.findApiTokenByHash(sha256Hex(token));
      if (!row || row.revokedAt !== null) return undefined;
      const user = await accounts.findUserById(row.userId);
      if (!user || user.disabledAt !== null) return undefined;
      if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_SEEN_RESOLUTION_MS) await accounts.touchApiToken(row.id, now);
      return { actor: await actorOf(user, 'token'), user: userView(user, now), tokenId: row.id };
    },

    /** Sign-out: the session is revoked, so the same cookie presented again is refused. */
    async signOut(sessionId: number): Promise<void> {
      await accounts.revokeSession(sessionId, context.now());
    },

    /** The Actor of a user with their live grants (for services called outside a request, e.g. the CLI). */
    async actorFor(userId: number, via: Actor['via'] = 'session'): Promise<Actor> {
      const user = await accounts.findUserById(userId);
      if (!user || user.disabledAt !== null) throw notSignedIn();
      return actorOf(user, via);
    },

    /** Needs the current password; ends every other session of the user (the current one stays). */
    async changePassword(actor: Actor, currentPassword: string, newPassword: string, keepSessionId?: number): Promise<UserView> {
      const user = await accounts.findUserById(actor.userId);
      if (!user || user.disabledAt !== null) throw notSignedIn();
      if (isLocked(user, context.now())) throw signInFailed();
      if (!(await verifyPassword(user.passwordHash, currentPassword))) {
        await registerFailure(user.id);
        throw EligoError.of('invalid', { code: 'current_password_wrong', field: 'currentPassword', expected: 'your current password', message: 'currentPassword: the current password is wrong' });
      }
      const problems = passwordProblems(newPassword, user.username, 'newPassword');
      if (newPassword === currentPassword) problems.push(problem({ code: 'password_unchanged', field: 'newPassword', expected: 'a password different from the current one', message: 'newPassword: expected a password different from the current one' }));
      if (problems.length > 0) throw EligoError.all('invalid', 'weak_password', problems);
      const passwordHash = await hashPassword(newPassword);
      const now = context.now();
      const changed = await accounts.transaction(async (repo, tx) => {
        const updated = await repo.updateUser(user.id, { passwordHash, passwordChangedAt: now, ...CLEARED });
        await repo.revokeSessionsOfUser(user.id, now, keepSessionId);
        await recordAudit(context, tx, { actor: auditActor(actor), action: 'user.password_change', recordType: 'account_user', recordId: String(user.id), oldValue: { passwordChangedAt: user.passwordChangedAt.toISOString() }, newValue: { passwordChangedAt: now.toISOString() } }, now);
        return updated;
      });
      return userView(changed, now);
    },
  };
}
