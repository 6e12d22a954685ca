// The account pages' pure parts, in Node: the sign-in redirect stays on this site, generated passwords
// are long, from the unambiguous alphabet and uniform, a grant form becomes the API's grant, and the
// account routes resolve.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { canAdministerUsers, emptyGrant, generatePassword, grantFields, managedStudyIds, PASSWORD_ALPHABET, safeNext } from '../../src/web/auth/account-forms.ts';
import { matchRoute } from '../../src/web/shell/routes.ts';
import { authEn } from '../../src/web/i18n/auth.en.ts';
import { authZh } from '../../src/web/i18n/auth.zh.ts';

test('after sign-in only a path on this site is followed', () => {
  assert.equal(safeNext('?next=%2Fadmin%2Fusers'), '/admin/users');
  assert.equal(safeNext('?next=/trials/NCT05794425?x=1'), '/trials/NCT05794425?x=1');
  for (const bad of ['?next=https://evil.example/', '?next=//evil.example', '?next=/\\evil.example', '?next=javascript:alert(1)', '', '?next=']) assert.equal(safeNext(bad), '/', bad);
});

test('generated passwords: 20 characters of the alphabet, all characters used about equally', () => {
  const password = generatePassword();
  assert.equal(password.length, 20);
  assert.ok([...password].every((c) => PASSWORD_ALPHABET.includes(c)));
  assert.equal(/[0O1lI]/.test(password), false);
  const counts = new Map<string, number>();
  const random = (bytes: Uint8Array<ArrayBuffer>) => {
    bytes.set(randomBytes(bytes.length));
    return bytes;
  };
  for (const c of generatePassword(PASSWORD_ALPHABET.length * 400, random)) counts.set(c, (counts.get(c) ?? 0) + 1);
  assert.equal(counts.size, PASSWORD_ALPHABET.length);
  // Expected 400 each; rejection sampling removes the modulo bias (a biased generator is off by ~25%).
  for (const [c, n] of counts) assert.ok(n > 280 && n < 520, `${c}: ${n}`);
  // Bytes at or above the last whole multiple of the alphabet size are never used.
  // 230 is past the last whole multiple of the alphabet's 57 characters (228): skipped, not folded onto 'C'.
  assert.equal(generatePassword(3, (bytes) => bytes.map((_, i) => (i % 2 === 0 ? 230 : 1))), 'BBB');
});

test('a grant form becomes the API grant: no role → none; study and site upper-cased, empty site → study-wide', () => {
  assert.equal(grantFields(emptyGrant(['NCT05794425'])), null);
  assert.deepEqual(grantFields({ role: 'coordinator', studyId: ' nct05794425 ', siteCode: ' pumch ', canViewAllocation: false }), { role: 'coordinator', studyId: 'NCT05794425', siteCode: 'PUMCH', canViewAllocation: false });
  assert.deepEqual(grantFields({ role: 'monitor', studyId: 'NCT05794425', siteCode: '', canViewAllocation: true }), { role: 'monitor', studyId: 'NCT05794425', siteCode: null, canViewAllocation: true });
});

test('who sees user administration: system administrators and sponsor admins only', () => {
  const user = { id: 1, username: 'u', displayName: 'U', isSystemAdmin: false, lockedUntil: null, disabled: false, passwordChangedAt: '', createdAt: '' };
  const grant = (role: 'sponsor_admin' | 'monitor', studyId: string) => ({ role, studyId, siteCode: null, canViewAllocation: false });
  assert.equal(canAdministerUsers({ user: null, grants: [] }), false);
  assert.equal(canAdministerUsers({ user, grants: [grant('monitor', 'NCT05794425')] }), false);
  assert.equal(canAdministerUsers({ user, grants: [grant('sponsor_admin', 'NCT05794425')] }), true);
  assert.equal(canAdministerUsers({ user: { ...user, isSystemAdmin: true }, grants: [] }), true);
  assert.deepEqual(managedStudyIds([grant('sponsor_admin', 'NCT05794425'), grant('monitor', 'NCT03055078'), grant('sponsor_admin', 'NCT05794425')]), ['NCT05794425']);
});

test('account routes, and every account string in both languages', () => {
  assert.deepEqual(matchRoute('/sign-in'), { page: 'signIn' });
  assert.deepEqual(matchRoute('/account/password'), { page: 'changePassword' });
  assert.deepEqual(matchRoute('/admin/users/'), { page: 'adminUsers' });
  assert.deepEqual(Object.keys(authZh).sort(), Object.keys(authEn).sort());
  for (const [key, text] of Object.entries(authZh)) {
    assert.ok(text.trim().length > 0, key);
    assert.notEqual(text, authEn[key as keyof typeof authEn], `${key} is translated`);
    assert.deepEqual(text.match(/\{\w+\}/g)?.sort() ?? [], authEn[key as keyof typeof authEn].match(/\{\w+\}/g)?.sort() ?? [], `${key}: the same placeholders`);
  }
});
