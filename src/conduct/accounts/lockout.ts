// Lock-out after repeated failed sign-ins, as pure functions over the state the database keeps
// (failed_attempts, locked_until). OWASP Authentication Cheat Sheet: lock for a while, not for good.
export interface LockoutPolicy {
  /** Consecutive failures that lock the account. */
  maxFailures: number;
  lockMinutes: number;
}

export const LOCKOUT_POLICY: LockoutPolicy = { maxFailures: 5, lockMinutes: 15 };

export interface LockoutState {
  failedAttempts: number;
  lockedUntil: Date | null;
}

export function isLocked(state: LockoutState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/** The state after one more failure: the counter grows, and at the limit the account locks and the counter restarts. */
export function afterFailure(state: LockoutState, now: Date, policy: LockoutPolicy = LOCKOUT_POLICY): LockoutState & { lockedNow: boolean } {
  // A lock that has run out starts a fresh count.
  const previous = state.lockedUntil !== null && !isLocked(state, now) ? 0 : state.failedAttempts;
  const failedAttempts = previous + 1;
  if (failedAttempts >= policy.maxFailures) {
    return { failedAttempts: 0, lockedUntil: new Date(now.getTime() + policy.lockMinutes * 60_000), lockedNow: true };
  }
  return { failedAttempts, lockedUntil: state.lockedUntil, lockedNow: false };
}

/** After a successful sign-in or an unlock by an administrator. */
export const CLEARED: LockoutState = { failedAttempts: 0, lockedUntil: null };
