// The screening, consent and enrollment routes over HTTP on both backends: anonymous 401 on every
// path, another site's subject 404 exactly like a nonexistent one, each bad input with its status,
// code and field and nothing written, identity never in list responses, audit entries or logs, and
// every route in the OpenAPI document.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import pino from 'pino';
import { sql } from 'kysely';
import { testBackends } from '../support/databases.ts';
import { appDependencies, createApp, type App } from '../../src/server/app.ts';
import { accountServiceFor } from '../../src/server/auth/accounts.ts';
import { log } from '../../src/log.ts';
import type { Database } from '../../src/store/database.ts';
import { CLI_ACTOR, PASSWORD } from '../accounts/fixtures.ts';
import { installTestStudies, rowCounts, screeningInput, signedConsent, SITE_A, SITE_B, STUDY } from './subject-fixtures.ts';

const IDENTITY = screeningInput(SITE_A).identity;

for (const backend of testBackends()) {
  describe(`${backend.name}: screening and enrollment over HTTP`, () => {
    let database: Database & { dispose(): Promise<void> };
    let app: App;
    const sessions = new Map<string, { cookie: string; csrf: string }>();
    const lines: string[] = [];
    const original = { info: log.info, warn: log.warn, error: log.error };

    async function call(user: string | null, method: string, path: string, body?: unknown) {
      const session = user ? sessions.get(user)! : undefined;
      const headers: Record<string, string> = {};
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (session) Object.assign(headers, { cookie: session.cookie, 'x-csrf-token': session.csrf });
      const response = await app.request(`/api/studies/${STUDY}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: response.status, body: (await response.json()) as any, headers: response.headers };
    }
    async function refused(user: string | null, method: string, path: string, body: unknown, expected: { status: number; code: string; field?: string }) {
      const before = await rowCounts(database.db);
      const response = await call(user, method, path, body);
      assert.equal(response.status, expected.status, JSON.stringify(response.body));
      assert.equal(response.body.error.code, expected.code);
      if (expected.field) assert.equal(response.body.error.details[0].field, expected.field);
      assert.deepEqual(await rowCounts(database.db), before, 'nothing written');
      return response.body;
    }
    const screen = async (user: string, site: string, kind: 'eligible' | 'ineligible' = 'eligible') => {
      const { studyId: _studyId, ...body } = screeningInput(site, kind);
      const response = await call(user, 'POST', '/screenings', body);
      assert.equal(response.status, 201, JSON.stringify(response.body));
      return response.body.subjectNumber as string;
    };
    const consent = async (user: string, subject: string) => {
      const { studyId: _s, subjectNumber: _n, ...body } = signedConsent(subject, 'v2.0', new Date(Date.now() - 3600_000).toISOString());
      const response = await call(user, 'POST', `/subjects/${subject}/consents`, body);
      assert.equal(response.status, 201, JSON.stringify(response.body));
      return response.body;
    };

    before(async () => {
      database = await backend.open({ seed: true });
      await installTestStudies(database.db);
      const deps = appDependencies(database);
      app = createApp(deps);
      const accounts = accountServiceFor(deps);
      const users = [
        { username: 'coord-a', grants: [{ studyId: STUDY, siteCode: SITE_A, role: 'coordinator' }] },
        { username: 'coord-b', grants: [{ studyId: STUDY, siteCode: SITE_B, role: 'coordinator' }] },
        { username: 'inv-a', grants: [{ studyId: STUDY, siteCode: SITE_A, role: 'investigator' }] },
        { username: 'monitor', grants: [{ studyId: STUDY, siteCode: null, role: 'monitor' }] },
      ];
      for (const user of users) {
        await accounts.createUser(CLI_ACTOR, { username: user.username, password: PASSWORD, grants: user.grants });
        const response = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user.username, password: PASSWORD }) });
        assert.equal(response.status, 200);
        sessions.set(user.username, { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0], csrf: ((await response.json()) as any).csrfToken });
      }
      const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
      const capture = pino({ level: 'trace' }, sink);
      for (const level of ['info', 'warn', 'error'] as const) (log as any)[level] = capture[level].bind(capture);
    });
    after(async () => {
      Object.assign(log, original);
      await database?.dispose();
    });

    test('anonymous callers get 401 on every screening, consent and enrollment path, even with a bad body', async () => {
      const paths: Array<[string, string, unknown?]> = [
        ['GET', '/screenings'], ['POST', '/screenings', {}], ['GET', '/screenings/counts'], ['GET', '/subjects/TA01-001'], ['POST', '/subjects/TA01-001/confirmations', { bad: 1 }],
        ['POST', '/subjects/TA01-001/outcome', {}], ['GET', '/subjects/TA01-001/identity'], ['GET', '/subjects/TA01-001/consents'], ['POST', '/subjects/x/consents', {}],
        ['POST', '/consents/1/withdrawal', {}], ['POST', '/subjects/TA01-001/enrollment', {}], ['GET', '/subjects/TA01-001/enrollment'], ['GET', '/enrollments'],
        ['GET', '/enrollments/counts'], ['POST', '/subjects/TA01-001/unblinding', {}],
      ];
      for (const [method, path, body] of paths) {
        const response = await call(null, method, path, body);
        assert.equal(response.status, 401, `${method} ${path}`);
        assert.equal(response.body.error.code, 'unauthenticated');
      }
    });

    test('the Bad input of issue 8 over HTTP: status, code and field, and nothing written', async () => {
      const subject = await screen('coord-a', SITE_A);
      // Another site: 404, the same answer as for a subject that does not exist.
      const other = await refused('coord-b', 'POST', `/subjects/${subject}/enrollment`, {}, { status: 404, code: 'not_found', field: 'subjectNumber' });
      const none = await refused('coord-b', 'POST', '/subjects/TA01-999/enrollment', {}, { status: 404, code: 'not_found', field: 'subjectNumber' });
      assert.deepEqual({ ...other.error, message: '' , details: other.error.details.map((d: any) => d.field) }, { ...none.error, message: '', details: none.error.details.map((d: any) => d.field) });
      assert.equal((await call('coord-b', 'GET', `/subjects/${subject}`)).status, 404);
      // Without consent.
      await refused('coord-a', 'POST', `/subjects/${subject}/enrollment`, {}, { status: 422, code: 'consent_missing', field: 'subjectNumber' });
      // Consent dated in the future.
      const { studyId: _s, subjectNumber: _n, ...future } = signedConsent(subject, 'v2.0', new Date(Date.now() + 86_400_000).toISOString());
      await refused('coord-a', 'POST', `/subjects/${subject}/consents`, future, { status: 400, code: 'future_date', field: 'signedAt' });
      // An outdated consent form (v1.0 was superseded by v2.0 on 2026-06-01).
      await refused('coord-a', 'POST', `/subjects/${subject}/consents`, { ...future, formVersion: 'v1.0', signedAt: '2026-07-01T10:00:00+08:00' }, { status: 409, code: 'consent_outdated', field: 'formVersion' });
      // Malformed subject number.
      await refused('coord-a', 'POST', '/subjects/TA01-7/enrollment', {}, { status: 400, code: 'invalid_subject_number', field: 'subjectNumber' });
      await refused('coord-a', 'GET', '/screenings?subjectNumber=ta01-001', undefined, { status: 400, code: 'invalid_subject_number', field: 'subjectNumber' });
      // Ineligible: refused without an override, the coordinator may not override, the investigator may.
      const ineligible = await screen('coord-a', SITE_A, 'ineligible');
      await consent('coord-a', ineligible);
      await refused('coord-a', 'POST', `/subjects/${ineligible}/enrollment`, {}, { status: 422, code: 'screening_ineligible', field: 'override' });
      await refused('coord-a', 'POST', `/subjects/${ineligible}/enrollment`, { override: { reason: 'looks fine to me' } }, { status: 403, code: 'forbidden' });
      const overridden = await call('inv-a', 'POST', `/subjects/${ineligible}/enrollment`, { override: { reason: 'repeat HIV test negative' } });
      assert.equal(overridden.status, 201);
      assert.equal(overridden.body.overridden, true);
      // A second randomization.
      await consent('coord-a', subject);
      const enrolled = await call('coord-a', 'POST', `/subjects/${subject}/enrollment`, {});
      assert.equal(enrolled.status, 201, JSON.stringify(enrolled.body));
      assert.deepEqual(Object.keys(enrolled.body).sort(), ['arm', 'overridden', 'randomizedAt', 'randomizedBy', 'siteCode', 'strata', 'studyId', 'subjectNumber']);
      await refused('coord-a', 'POST', `/subjects/${subject}/enrollment`, {}, { status: 409, code: 'already_randomized', field: 'subjectNumber' });
      await refused('coord-a', 'POST', `/subjects/${subject}/enrollment`, { arm: 'CSA', extra: 1 }, { status: 400, code: 'invalid_request' });
      await refused('inv-a', 'POST', `/subjects/${subject}/unblinding`, { reason: 'SAE' }, { status: 409, code: 'not_blinded', field: 'studyId' });
      assert.equal((await call('monitor', 'GET', `/subjects/${subject}/enrollment`)).body.arm, enrolled.body.arm);
      assert.equal((await call('coord-b', 'GET', '/enrollments')).body.total, 0);
      assert.ok((await call('monitor', 'GET', '/enrollments')).body.total >= 2);
    });

    test('identity: only the site\'s staff, not cached, and never in lists, audit entries or logs', async () => {
      const subject = await screen('coord-a', SITE_A);
      const identity = await call('coord-a', 'GET', `/subjects/${subject}/identity`);
      assert.equal(identity.status, 200);
      assert.deepEqual(identity.body, IDENTITY);
      assert.equal(identity.headers.get('cache-control'), 'no-store');
      assert.equal((await call('monitor', 'GET', `/subjects/${subject}/identity`)).status, 403);
      assert.equal((await call('coord-b', 'GET', `/subjects/${subject}/identity`)).status, 404);
      // A malformed identity is refused without echoing it.
      const { studyId: _s, ...body } = screeningInput(SITE_A);
      const bad = await call('coord-a', 'POST', '/screenings', { ...body, identity: { ...IDENTITY, hospitalNumber: 12345678 } });
      assert.equal(bad.status, 400);
      assert.ok(!JSON.stringify(bad.body).includes('12345678'));
      const list = JSON.stringify((await call('monitor', 'GET', '/screenings?limit=500')).body) + JSON.stringify((await call('coord-a', 'GET', '/screenings')).body);
      const audit = (await sql<{ t: string }>`select coalesce(string_agg(row_to_json(audit_event)::text, E'\n'), '') as t from audit_event`.execute(database.db)).rows[0].t;
      const logged = lines.join('');
      assert.ok(lines.length > 0, 'requests were logged');
      for (const part of [IDENTITY.name, IDENTITY.hospitalNumber, IDENTITY.phone!]) {
        assert.ok(!list.includes(part), `${part} in a list`);
        assert.ok(!audit.includes(part), `${part} in the audit trail`);
        assert.ok(!logged.includes(part), `${part} in the log`);
      }
    });

    test('every screening, consent and enrollment route is in the OpenAPI document', async () => {
      const document = (await (await app.request('/api/openapi.json')).json()) as any;
      const paths = Object.keys(document.paths ?? {});
      for (const path of ['/api/studies/{studyId}/screenings', '/api/studies/{studyId}/screenings/counts', '/api/studies/{studyId}/subjects/{subjectNumber}', '/api/studies/{studyId}/subjects/{subjectNumber}/confirmations',
        '/api/studies/{studyId}/subjects/{subjectNumber}/outcome', '/api/studies/{studyId}/subjects/{subjectNumber}/identity', '/api/studies/{studyId}/subjects/{subjectNumber}/consents',
        '/api/studies/{studyId}/consents/{consentId}/withdrawal', '/api/studies/{studyId}/subjects/{subjectNumber}/enrollment', '/api/studies/{studyId}/enrollments', '/api/studies/{studyId}/enrollments/counts',
        '/api/studies/{studyId}/subjects/{subjectNumber}/unblinding']) assert.ok(paths.includes(path), path);
    });
  });
}
