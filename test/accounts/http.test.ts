import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import pino from 'pino';
import { sql } from 'kysely';
import { testBackends } from '../support/databases.ts';
import { appDependencies, createApp, type App, type AppDependencies } from '../../src/server/app.ts';
import { accountServiceFor } from '../../src/server/auth/accounts.ts';
import { log } from '../../src/log.ts';
import type { Database } from '../../src/store/database.ts';
import { CLI_ACTOR, PASSWORD } from './fixtures.ts';

for (const backend of testBackends()) {
  describe(`${backend.name}: sign-in over HTTP`, () => {
    let database: Database & { dispose(): Promise<void> };
    let app: App;
    let deps: AppDependencies;
    const json = (body: unknown, headers: Record<string, string> = {}) => ({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const login = async (username = 'coord', password = PASSWORD) => {
      const response = await app.request('/api/auth/login', json({ username, password }));
      const cookie = response.headers.get('set-cookie') ?? '';
      const body = (await response.json()) as any;
      return { response, body, cookie: cookie.split(';')[0], setCookie: cookie };
    };

    before(async () => {
      database = await backend.open({ seed: true });
      deps = appDependencies(database);
      app = createApp(deps);
      const accounts = accountServiceFor(deps);
      await accounts.createUser(CLI_ACTOR, { username: 'coord', password: PASSWORD, grants: [{ studyId: 'NCT05794425', siteCode: 'JN02', role: 'coordinator' }] });
      await accounts.createUser(CLI_ACTOR, { username: 'locky', password: PASSWORD });
      await accounts.createUser(CLI_ACTOR, { username: 'root', password: PASSWORD, isSystemAdmin: true });
    });
    after(() => database.dispose());

    test('sign-in sets an HttpOnly SameSite=Strict cookie; the session answers with user, grants and CSRF token', async () => {
      const { response, body, cookie, setCookie } = await login();
      assert.equal(response.status, 200);
      assert.match(setCookie, /^eligo_session=/);
      assert.match(setCookie, /HttpOnly/);
      assert.match(setCookie, /SameSite=Strict/);
      assert.match(setCookie, /Path=\//);
      const session = await app.request('/api/auth/session', { headers: { cookie } });
      const sessionBody = (await session.json()) as any;
      assert.equal(sessionBody.user.username, 'coord');
      assert.equal(sessionBody.csrfToken, body.csrfToken);
      assert.deepEqual(sessionBody.grants.map((g: any) => g.siteCode), ['JN02']);
      const anonymous = (await (await app.request('/api/auth/session')).json()) as any;
      assert.equal(anonymous.user, null);
    });

    test('over https the cookie is __Host-eligo_session and Secure', async () => {
      const response = await app.request('https://eligo.example.org/api/auth/login', json({ username: 'coord', password: PASSWORD }));
      assert.equal(response.status, 200);
      const setCookie = response.headers.get('set-cookie') ?? '';
      assert.match(setCookie, /^__Host-eligo_session=/);
      assert.match(setCookie, /Secure/);
      assert.match(setCookie, /HttpOnly/);
      assert.match(setCookie, /SameSite=Strict/);
    });

    test('wrong password and unknown username: the same 401 message', async () => {
      const wrong = await login('coord', 'not the password');
      const unknown = await login('nobody-here', PASSWORD);
      assert.equal(wrong.response.status, 401);
      assert.equal(unknown.response.status, 401);
      assert.equal(wrong.body.error.message, unknown.body.error.message);
      assert.match(wrong.body.error.message, /username or password is wrong/);
      assert.equal(wrong.setCookie, '');
    });

    test('lock-out after 5 failures, unlock by an admin, then 429 from the per-username limit', async () => {
      for (let i = 0; i < 5; i++) assert.equal((await login('locky', 'wrong password!')).response.status, 401);
      assert.equal((await login('locky', PASSWORD)).response.status, 401, 'locked: even the right password fails');
      const admin = await login('root');
      const users = (await (await app.request('/api/admin/users', { headers: { cookie: admin.cookie } })).json()) as any;
      const locky = users.users.find((u: any) => u.username === 'locky');
      assert.ok(locky.lockedUntil);
      const unlock = await app.request(`/api/admin/users/${locky.id}/unlock`, { method: 'POST', headers: { cookie: admin.cookie, 'x-csrf-token': admin.body.csrfToken } });
      assert.equal(unlock.status, 200);
      assert.equal((await login('locky', PASSWORD)).response.status, 200);
      for (let i = 0; i < 4; i++) await login('locky', 'wrong password!');
      const limited = await login('locky', 'wrong password!');
      assert.equal(limited.response.status, 429);
      assert.equal(limited.body.error.code, 'too_many_attempts');
    });

    test('CSRF: a cookie-authenticated write without or with a wrong X-CSRF-Token is 403; with it, 201', async () => {
      const { cookie, body } = await login();
      const missing = await app.request('/api/auth/tokens', json({ name: 'x' }, { cookie }));
      assert.equal(missing.status, 403);
      assert.equal(((await missing.json()) as any).error.code, 'csrf_failed');
      const wrong = await app.request('/api/auth/tokens', json({ name: 'x' }, { cookie, 'x-csrf-token': 'A'.repeat(43) }));
      assert.equal(wrong.status, 403);
      const foreign = await app.request('/api/auth/tokens', json({ name: 'x' }, { cookie, 'x-csrf-token': body.csrfToken, origin: 'https://evil.example' }));
      assert.equal(foreign.status, 403);
      const ok = await app.request('/api/auth/tokens', json({ name: 'x' }, { cookie, 'x-csrf-token': body.csrfToken }));
      assert.equal(ok.status, 201);
    });

    test('API tokens: bearer works without CSRF; a revoked token is 401', async () => {
      const { cookie, body } = await login();
      const created = (await (await app.request('/api/auth/tokens', json({ name: 'script' }, { cookie, 'x-csrf-token': body.csrfToken }))).json()) as any;
      const bearer = { authorization: `Bearer ${created.token}` };
      const session = (await (await app.request('/api/auth/session', { headers: bearer })).json()) as any;
      assert.equal(session.user.username, 'coord');
      assert.equal(session.via, 'token');
      const list = await app.request('/api/auth/tokens', { headers: bearer });
      assert.equal(list.status, 200);
      assert.equal(JSON.stringify(await list.json()).includes(created.token), false, 'the token is never listed');
      const revoke = await app.request(`/api/auth/tokens/${created.tokenInfo.id}`, { method: 'DELETE', headers: bearer });
      assert.equal(revoke.status, 200);
      const after = await app.request('/api/auth/tokens', { headers: bearer });
      assert.equal(after.status, 401);
      assert.equal((await app.request('/api/trials', { headers: { authorization: 'Bearer eligo_nonsense' } })).status, 401);
    });

    test('a signed-out session and an expired one are refused', async () => {
      const { cookie, body } = await login();
      const out = await app.request('/api/auth/logout', { method: 'POST', headers: { cookie, 'x-csrf-token': body.csrfToken } });
      assert.equal(out.status, 200);
      assert.match(out.headers.get('set-cookie') ?? '', /eligo_session=;/);
      const reused = await app.request('/api/auth/tokens', { headers: { cookie } });
      assert.equal(reused.status, 401);
      const again = await login();
      await sql`update account_session set expires_at = now() - interval '1 minute'`.execute(database.db);
      assert.equal((await app.request('/api/auth/tokens', { headers: { cookie: again.cookie } })).status, 401);
    });

    test('public routes stay public; security headers on API, error and page responses', async () => {
      for (const path of ['/api/trials?q=anemia', '/api/nothing-here', '/', '/api/openapi.json']) {
        const response = await app.request(path);
        if (path.startsWith('/api/trials')) assert.equal(response.status, 200);
        const csp = response.headers.get('content-security-policy') ?? '';
        assert.match(csp, /default-src 'self'/, path);
        assert.match(csp, /frame-ancestors 'none'/, path);
        assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path);
        assert.equal(response.headers.get('referrer-policy'), 'no-referrer', path);
        assert.equal(response.headers.get('x-frame-options'), 'DENY', path);
      }
      const doc = (await (await app.request('/api/openapi.json')).json()) as any;
      for (const path of ['/api/auth/login', '/api/auth/logout', '/api/auth/session', '/api/auth/password', '/api/auth/tokens', '/api/auth/tokens/{id}', '/api/admin/users', '/api/admin/users/{id}/grants', '/api/admin/grants/{id}', '/api/admin/users/{id}/unlock', '/api/admin/users/{id}/disable']) {
        assert.ok(doc.paths[path], path);
      }
    });

    test('admin: a coordinator is forbidden; grants through the API are validated', async () => {
      const coord = await login();
      assert.equal((await app.request('/api/admin/users', { headers: { cookie: coord.cookie } })).status, 403);
      assert.equal((await app.request('/api/admin/users')).status, 401);
      const admin = await login('root');
      const headers = { cookie: admin.cookie, 'x-csrf-token': admin.body.csrfToken };
      const created = await app.request('/api/admin/users', json({ username: 'newbie', password: PASSWORD, grants: [{ studyId: 'NCT05794425', role: 'monitor' }] }, headers));
      assert.equal(created.status, 201);
      const user = ((await created.json()) as any).user;
      const noSite = await app.request(`/api/admin/users/${user.id}/grants`, json({ studyId: 'NCT05794425', role: 'investigator' }, headers));
      assert.equal(noSite.status, 400);
      assert.match(((await noSite.json()) as any).error.message, /siteCode/);
      const granted = await app.request(`/api/admin/users/${user.id}/grants`, json({ studyId: 'NCT05794425', siteCode: 'JN02', role: 'investigator' }, headers));
      assert.equal(granted.status, 201);
      const grant = ((await granted.json()) as any).grant;
      assert.equal((await app.request(`/api/admin/grants/${grant.id}`, { method: 'DELETE', headers })).status, 200);
      const weak = await app.request('/api/admin/users', json({ username: 'weakling', password: 'Qz7-secret' }, headers));
      assert.equal(weak.status, 400);
      assert.doesNotMatch(await weak.text(), /Qz7-secret/);
      const tooLong = await app.request('/api/auth/login', json({ username: 'coord', password: `Qz7-${'x'.repeat(1100)}` }));
      assert.equal(tooLong.status, 400);
      assert.doesNotMatch(await tooLong.text(), /Qz7-/, 'a validation error never echoes a password');
    });

    test('passwords, tokens and cookies never reach the log', async () => {
      const lines: string[] = [];
      const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
      const capture = pino({ level: 'trace' }, sink);
      const original = { info: log.info, warn: log.warn, error: log.error };
      for (const level of ['info', 'warn', 'error'] as const) (log as any)[level] = capture[level].bind(capture);
      try {
        const { cookie, body } = await login();
        await login('coord', 'a wrong secret password');
        const created = (await (await app.request('/api/auth/tokens', json({ name: 'log test' }, { cookie, 'x-csrf-token': body.csrfToken }))).json()) as any;
        await app.request('/api/auth/password', json({ currentPassword: 'another wrong one', newPassword: 'x' }, { cookie, 'x-csrf-token': body.csrfToken }));
        const text = lines.join('');
        assert.ok(lines.length > 0, 'requests were logged');
        for (const secret of [PASSWORD, 'a wrong secret password', 'another wrong one', created.token, cookie.split('=')[1], body.csrfToken]) assert.equal(text.includes(secret), false);
      } finally {
        Object.assign(log, original);
      }
    });
  });
}
