import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testBackends } from '../support/databases.ts';
import { isEligoError } from '../../src/core/problems.ts';
import type { Database } from '../../src/store/database.ts';
import { accountFixture, CLI_ACTOR, PASSWORD } from './fixtures.ts';

async function rejects(promise: Promise<unknown>, kind: string, code?: string | RegExp): Promise<void> {
  await assert.rejects(promise, (error) => {
    assert.ok(isEligoError(error), String(error));
    assert.equal(error.kind, kind, error.message);
    if (typeof code === 'string') assert.equal(error.code, code, error.message);
    else if (code) assert.match(error.message, code);
    return true;
  });
}

for (const backend of testBackends()) {
  describe(`${backend.name}: account service`, () => {
    let database: Database & { dispose(): Promise<void> };
    let fx: ReturnType<typeof accountFixture>;
    before(async () => {
      database = await backend.open();
      fx = accountFixture(database);
    });
    after(() => database.dispose());

    test('creates a user with a grant; the hash is argon2id and never in a view or the audit entry', async () => {
      const user = await fx.service.createUser(CLI_ACTOR, { username: 'Li.Wei', displayName: '李伟', password: PASSWORD, grants: [{ studyId: 'NCT05794425', siteCode: 'PUMCH', role: 'coordinator' }] });
      assert.equal(user.username, 'Li.Wei');
      assert.deepEqual(user.grants.map((g) => [g.studyId, g.siteCode, g.role]), [['NCT05794425', 'PUMCH', 'coordinator']]);
      assert.equal(JSON.stringify(user).includes('argon2'), false);
      const { rows } = await sql<{ password_hash: string }>`select password_hash from account_user where id = ${user.id}`.execute(database.db);
      assert.match(rows[0].password_hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      assert.deepEqual(fx.audit.slice(-2).map((e) => e.action), ['user.create', 'grant.create']);
      assert.equal(fx.audit.at(-1)?.studyId, 'NCT05794425');
      assert.equal(JSON.stringify(fx.audit).includes('argon2'), false);
      assert.equal(JSON.stringify(fx.audit).includes(PASSWORD), false);
    });

    test('usernames are unique without regard to case; bad input is refused with nothing written', async () => {
      await rejects(fx.service.createUser(CLI_ACTOR, { username: 'li.wei', password: PASSWORD }), 'conflict', 'username_taken');
      const before = (await fx.service.listUsers(CLI_ACTOR)).length;
      await rejects(fx.service.createUser(CLI_ACTOR, { username: 'zhang', password: 'short' }), 'invalid', /at least 12 characters/);
      await rejects(fx.service.createUser(CLI_ACTOR, { username: 'zhang.san', password: 'ZHANG.SAN' + '' }), 'invalid');
      await rejects(fx.service.createUser(CLI_ACTOR, { username: 'zhang', password: PASSWORD, grants: [{ studyId: 'NCT05794425', role: 'investigator' }] }), 'invalid', /siteCode/);
      await rejects(fx.service.createUser(CLI_ACTOR, { username: 'zhang', password: PASSWORD, grants: [{ studyId: 'NCT05794425', siteCode: 'NOPE', role: 'investigator' }] }), 'not_found');
      await rejects(fx.service.createUser(CLI_ACTOR, { username: 'zhang', password: PASSWORD, grants: [{ studyId: 'NCT09999999', role: 'monitor' }] }), 'not_found');
      assert.equal((await fx.service.listUsers(CLI_ACTOR)).length, before);
    });

    test('sign-in: right password gives a session whose actor carries the live grants; wrong password and unknown user read the same', async () => {
      const signedIn = await fx.service.signIn('LI.WEI', PASSWORD);
      assert.match(signedIn.sessionToken, /^[A-Za-z0-9_-]{43}$/);
      const resolved = await fx.service.resolveSession(signedIn.sessionToken);
      assert.equal(resolved?.actor.username, 'Li.Wei');
      assert.deepEqual(resolved?.actor.grants, [{ studyId: 'NCT05794425', siteCode: 'PUMCH', role: 'coordinator', canViewAllocation: false }]);
      assert.equal(resolved?.session?.csrfToken, signedIn.csrfToken);
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from account_session where token_hash = ${signedIn.sessionToken}`.execute(database.db);
      assert.equal(rows[0].n, 0, 'the token itself is not stored');
      const wrong = await fx.service.signIn('li.wei', 'not the password').catch((error) => error);
      const unknown = await fx.service.signIn('nobody', PASSWORD).catch((error) => error);
      assert.equal(wrong.message, unknown.message);
      assert.equal(wrong.kind, 'unauthenticated');
      await fx.service.signIn('li.wei', PASSWORD); // success clears the count
    });

    test('five failures lock the account for 15 minutes (even the right password fails); unlock or time clears it', async () => {
      for (let i = 0; i < 5; i++) await rejects(fx.service.signIn('li.wei', 'wrong password!!'), 'unauthenticated', 'sign_in_failed');
      await rejects(fx.service.signIn('li.wei', PASSWORD), 'unauthenticated', 'sign_in_failed');
      assert.equal(fx.audit.at(-1)?.action, 'user.lock');
      const user = await fx.service.findUser(CLI_ACTOR, 'li.wei');
      assert.ok(user.lockedUntil);
      fx.advance(15);
      await fx.service.signIn('li.wei', PASSWORD);
      for (let i = 0; i < 5; i++) await rejects(fx.service.signIn('li.wei', 'wrong password!!'), 'unauthenticated');
      await fx.service.unlockUser(CLI_ACTOR, user.id);
      assert.equal(fx.audit.at(-1)?.action, 'user.unlock');
      await fx.service.signIn('li.wei', PASSWORD);
    });

    test('sessions end on sign-out, after 30 idle minutes and 12 hours after sign-in', async () => {
      const a = await fx.service.signIn('li.wei', PASSWORD);
      const session = await fx.service.resolveSession(a.sessionToken);
      await fx.service.signOut(session!.session!.id);
      assert.equal(await fx.service.resolveSession(a.sessionToken), undefined, 'a signed-out session is refused');

      const b = await fx.service.signIn('li.wei', PASSWORD);
      fx.advance(29);
      assert.ok(await fx.service.resolveSession(b.sessionToken));
      fx.advance(29);
      assert.ok(await fx.service.resolveSession(b.sessionToken), 'use keeps it alive');
      fx.advance(30);
      assert.equal(await fx.service.resolveSession(b.sessionToken), undefined, 'idle timeout');

      const c = await fx.service.signIn('li.wei', PASSWORD);
      // 24 × 29 minutes of steady use: 11 h 36 min, still in; 25 × 29: past 12 h, out.
      for (let i = 0; i < 24; i++) {
        fx.advance(29);
        assert.ok(await fx.service.resolveSession(c.sessionToken));
      }
      fx.advance(29);
      assert.equal(await fx.service.resolveSession(c.sessionToken), undefined, 'absolute timeout (12 h)');
      assert.equal(await fx.service.resolveSession('garbage'), undefined);
    });

    test('password change needs the current password and ends the other sessions', async () => {
      const one = await fx.service.signIn('li.wei', PASSWORD);
      const two = await fx.service.signIn('li.wei', PASSWORD);
      const current = (await fx.service.resolveSession(one.sessionToken))!;
      await rejects(fx.service.changePassword(current.actor, 'wrong current pw', 'a brand new passphrase', current.session!.id), 'invalid', 'current_password_wrong');
      await rejects(fx.service.changePassword(current.actor, PASSWORD, 'Li.Wei', current.session!.id), 'invalid', /newPassword/);
      await rejects(fx.service.changePassword(current.actor, PASSWORD, PASSWORD, current.session!.id), 'invalid', /different from the current/);
      await fx.service.changePassword(current.actor, PASSWORD, 'a brand new passphrase', current.session!.id);
      assert.ok(await fx.service.resolveSession(one.sessionToken), 'the session that changed it stays');
      assert.equal(await fx.service.resolveSession(two.sessionToken), undefined, 'other sessions end');
      await rejects(fx.service.signIn('li.wei', PASSWORD), 'unauthenticated');
      await fx.service.signIn('li.wei', 'a brand new passphrase');
      await fx.service.changePassword(current.actor, 'a brand new passphrase', PASSWORD, current.session!.id);
    });

    test('API tokens: shown once, resolve to the actor, revocable; someone else\'s token is not found', async () => {
      const owner = await fx.service.findUser(CLI_ACTOR, 'li.wei');
      const actor = await fx.service.actorFor(owner.id);
      const created = await fx.service.createToken(actor, { name: 'nightly export' });
      assert.match(created.token, /^eligo_/);
      assert.equal(JSON.stringify(created.view).includes(created.token), false);
      assert.equal(JSON.stringify(fx.audit).includes(created.token), false);
      const resolved = await fx.service.resolveApiToken(created.token);
      assert.equal(resolved?.actor.via, 'token');
      assert.equal(resolved?.actor.userId, owner.id);
      assert.deepEqual((await fx.service.listTokens(actor)).map((t) => t.name), ['nightly export']);
      const other = await fx.service.createUser(CLI_ACTOR, { username: 'other', password: PASSWORD });
      await rejects(fx.service.revokeToken(await fx.service.actorFor(other.id), created.view.id), 'not_found');
      await fx.service.revokeToken(actor, created.view.id);
      assert.equal(await fx.service.resolveApiToken(created.token), undefined);
    });

    test('a sponsor admin grants within their study only; other studies answer not_found; a coordinator is forbidden', async () => {
      const admin = await fx.service.createUser(CLI_ACTOR, { username: 'sponsor', password: PASSWORD, grants: [{ studyId: 'NCT05794425', role: 'sponsor_admin' }] });
      const sponsor = await fx.service.actorFor(admin.id);
      const made = await fx.service.createUser(sponsor, { username: 'wang.fang', password: PASSWORD, grants: [{ studyId: 'NCT05794425', siteCode: 'SDPH', role: 'investigator', canViewAllocation: true }] });
      const grant = await fx.service.grant(sponsor, made.id, { studyId: 'NCT05794425', siteCode: 'TJH', role: 'coordinator' });
      await rejects(fx.service.grant(sponsor, made.id, { studyId: 'NCT05794425', siteCode: 'TJH', role: 'coordinator' }), 'conflict', 'grant_exists');
      await rejects(fx.service.grant(sponsor, made.id, { studyId: 'NCT03055078', siteCode: 'QLH', role: 'coordinator' }), 'not_found');
      await rejects(fx.service.createUser(sponsor, { username: 'root2', password: PASSWORD, isSystemAdmin: true }), 'forbidden');
      await rejects(fx.service.createUser(sponsor, { username: 'nogrant', password: PASSWORD }), 'invalid', 'grant_required');
      const listed = await fx.service.listUsers(sponsor);
      assert.deepEqual(listed.map((u) => u.username).sort(), ['Li.Wei', 'sponsor', 'wang.fang']);
      assert.ok(!listed.some((u) => u.username === 'other'), 'a user outside the study is not listed');
      const coordinator = await fx.service.actorFor((await fx.service.findUser(CLI_ACTOR, 'li.wei')).id);
      await rejects(fx.service.listUsers(coordinator), 'forbidden');
      await rejects(fx.service.grant(coordinator, made.id, { studyId: 'NCT05794425', siteCode: 'PUMCH', role: 'coordinator' }), 'forbidden');
      await fx.service.revokeGrant(sponsor, grant.id);
      await rejects(fx.service.revokeGrant(sponsor, grant.id), 'conflict', 'grant_revoked');
      const live = await fx.service.actorFor(made.id);
      assert.deepEqual(live.grants.map((g) => g.siteCode), ['SDPH']);
    });

    test('the database refuses a site role without a site and an unknown role, whatever the code does', async () => {
      const user = await fx.service.findUser(CLI_ACTOR, 'other');
      await assert.rejects(sql`insert into account_grant (user_id, study_id, role) values (${user.id}, 'NCT05794425', 'coordinator')`.execute(database.db), /account_grant_site_role_has_site/);
      await assert.rejects(sql`insert into account_grant (user_id, study_id, site_code, role) values (${user.id}, 'NCT05794425', 'PUMCH', 'superuser')`.execute(database.db), /check constraint/);
    });

    test('disabling ends sessions and tokens; only a system administrator may', async () => {
      const target = await fx.service.findUser(CLI_ACTOR, 'other');
      const actor = await fx.service.actorFor(target.id);
      const token = await fx.service.createToken(actor, {});
      const session = await fx.service.signIn('other', PASSWORD);
      await rejects(fx.service.setDisabled(actor, target.id, true), 'forbidden');
      await fx.service.setDisabled(CLI_ACTOR, target.id, true);
      assert.equal(await fx.service.resolveApiToken(token.token), undefined);
      assert.equal(await fx.service.resolveSession(session.sessionToken), undefined);
      await rejects(fx.service.signIn('other', PASSWORD), 'unauthenticated', 'sign_in_failed');
      await fx.service.setDisabled(CLI_ACTOR, target.id, false);
      await fx.service.signIn('other', PASSWORD);
    });
  });
}
