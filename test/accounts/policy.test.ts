import { test } from 'node:test';
import assert from 'node:assert/strict';
import { passwordProblems, PASSWORD_POLICY, hashPassword, verifyPassword } from '../../src/conduct/accounts/passwords.ts';
import { afterFailure, isLocked, LOCKOUT_POLICY, CLEARED } from '../../src/conduct/accounts/lockout.ts';
import { grantProblems } from '../../src/conduct/accounts/grants.ts';
import { newApiToken, looksLikeApiToken, sha256Hex } from '../../src/conduct/accounts/secrets.ts';
import { ROLES_005, SITE_ROLES_005 } from '../../src/store/migrations/005_accounts.ts';
import { ROLES, STUDY_WIDE_ROLES } from '../../src/conduct/access/roles.ts';

test('password policy: 12 characters is the boundary; 11 is refused with a clear problem that never echoes the password', () => {
  assert.equal(PASSWORD_POLICY.minLength, 12);
  assert.deepEqual(passwordProblems('a'.repeat(12) + 'x', 'alice'), []);
  assert.deepEqual(passwordProblems('correct-hors', 'alice'), []);
  const short = passwordProblems('correct-hor', 'alice');
  assert.deepEqual(short.map((p) => p.code), ['password_too_short']);
  assert.equal(short[0].field, 'password');
  assert.equal('value' in short[0], false);
  assert.doesNotMatch(short[0].message, /correct-hor/);
  assert.match(short[0].message, /at least 12 characters \(got 11\)/);
});

test('password policy: not the username (in any case), not blank, not over 256 characters', () => {
  assert.deepEqual(passwordProblems('Coordinator01', 'coordinator01').map((p) => p.code), ['password_is_username']);
  assert.deepEqual(passwordProblems(' '.repeat(12), 'alice').map((p) => p.code), ['password_blank']);
  assert.deepEqual(passwordProblems('x'.repeat(257), 'alice').map((p) => p.code), ['password_too_long']);
  assert.deepEqual(passwordProblems('x'.repeat(256), 'alice'), []);
  assert.deepEqual(passwordProblems('', 'alice', 'newPassword').map((p) => [p.code, p.field]), [['password_too_short', 'newPassword']]);
  // Characters, not UTF-16 units: 12 Chinese characters are 12.
  assert.deepEqual(passwordProblems('再生障碍性贫血细胞治疗试', 'alice'), []);
});

test('argon2id hashes with the OWASP parameters and verifies only the right password', async () => {
  const hash = await hashPassword('a long passphrase');
  assert.match(hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.equal(await verifyPassword(hash, 'a long passphrase'), true);
  assert.equal(await verifyPassword(hash, 'a long passphrasE'), false);
  assert.equal(await verifyPassword('not a hash', 'x'), false);
});

test('lock-out: the 5th consecutive failure locks for 15 minutes; the lock runs out; a success clears', () => {
  const now = new Date('2026-01-01T10:00:00Z');
  let state = { ...CLEARED };
  for (let failure = 1; failure < LOCKOUT_POLICY.maxFailures; failure++) {
    const next = afterFailure(state, now);
    assert.equal(next.lockedNow, false);
    assert.equal(next.failedAttempts, failure);
    state = next;
  }
  assert.equal(isLocked(state, now), false);
  const locked = afterFailure(state, now);
  assert.equal(locked.lockedNow, true);
  assert.equal(locked.lockedUntil?.toISOString(), '2026-01-01T10:15:00.000Z');
  assert.equal(isLocked(locked, new Date('2026-01-01T10:14:59.999Z')), true);
  assert.equal(isLocked(locked, new Date('2026-01-01T10:15:00.000Z')), false);
  // After the lock runs out, counting starts again from one.
  const later = afterFailure(locked, new Date('2026-01-01T10:16:00Z'));
  assert.equal(later.failedAttempts, 1);
  assert.equal(later.lockedNow, false);
});

test('grants: site roles need a site, study-wide roles may have none, unknown roles and malformed ids are named', () => {
  assert.deepEqual(grantProblems({ studyId: 'NCT05794425', role: 'coordinator', siteCode: 'PUMCH' }), []);
  assert.deepEqual(grantProblems({ studyId: 'NCT05794425', role: 'monitor' }), []);
  assert.deepEqual(grantProblems({ studyId: 'NCT05794425', role: 'monitor', siteCode: 'PUMCH' }), []);
  assert.deepEqual(grantProblems({ studyId: 'NCT05794425', role: 'investigator' }).map((p) => [p.code, p.field]), [['site_required', 'siteCode']]);
  const bad = grantProblems({ studyId: 'nct1', role: 'admin', siteCode: 'a b' });
  assert.deepEqual(bad.map((p) => p.code), ['invalid_role', 'invalid_study_id', 'invalid_site_code']);
  assert.match(bad[0].message, /role: one of sponsor_admin, data_manager, monitor, investigator, coordinator \(got "admin"\)/);
});

test('migration 005 knows the same roles as roles.ts', () => {
  assert.deepEqual([...ROLES_005], [...ROLES]);
  assert.deepEqual([...SITE_ROLES_005], ROLES.filter((role) => !STUDY_WIDE_ROLES.includes(role)));
});

test('API tokens: eligo_ + 43 base64url characters, a short display prefix, stored as SHA-256', () => {
  const a = newApiToken();
  const b = newApiToken();
  assert.match(a.token, /^eligo_[A-Za-z0-9_-]{43}$/);
  assert.notEqual(a.token, b.token);
  assert.equal(a.prefix, a.token.slice(0, 12));
  assert.equal(a.hash, sha256Hex(a.token));
  assert.match(a.hash, /^[0-9a-f]{64}$/);
  assert.equal(looksLikeApiToken(a.token), true);
  assert.equal(looksLikeApiToken(a.token.slice(0, -1)), false);
});
