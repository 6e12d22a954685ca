// The visit and treatment routes over HTTP on both backends: anonymous 401, a signed-in write without
// the session's CSRF token 403, another site's subject 404 like a nonexistent one, a role without
// data.write 403; the calendar, recording a visit (out-of-window warning), an unscheduled visit, the
// coordinator's attention list, and an administration recorded out of range, listed and corrected.
// The app runs on the real clock: the subject is enrolled today, so every date here is today.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../support/databases.ts';
import { appDependencies, createApp, type App } from '../../src/server/app.ts';
import { accountServiceFor } from '../../src/server/auth/accounts.ts';
import type { Database } from '../../src/store/database.ts';
import { CLI_ACTOR, PASSWORD } from '../accounts/fixtures.ts';
import { installFollowUpStudies } from './follow-up-fixtures.ts';
import { followUpCounts } from './follow-up-counts.ts';
import { screeningInput, signedConsent, SITE_A, SITE_B, STUDY } from './subject-fixtures.ts';

for (const backend of testBackends()) {
  describe(`${backend.name}: visits and administrations over HTTP`, () => {
    let database: Database & { dispose(): Promise<void> };
    let app: App;
    const sessions = new Map<string, { cookie: string; csrf: string }>();
    let subject = '';
    const today = () => new Date().toISOString().slice(0, 10);

    async function call(user: string | null, method: string, path: string, body?: unknown, options: { csrf?: boolean } = {}) {
      const session = user ? sessions.get(user)! : undefined;
      const headers: Record<string, string> = {};
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (session) headers.cookie = session.cookie;
      if (session && options.csrf !== false) headers['x-csrf-token'] = session.csrf;
      const response = await app.request(`/api/studies/${STUDY}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: response.status, body: (await response.json()) as any };
    }
    async function refused(user: string | null, method: string, path: string, body: unknown, expected: { status: number; code: string; field?: string }, options?: { csrf?: boolean }) {
      const before = await followUpCounts(database.db);
      const response = await call(user, method, path, body, options);
      assert.equal(response.status, expected.status, JSON.stringify(response.body));
      assert.equal(response.body.error.code, expected.code);
      if (expected.field) assert.equal(response.body.error.details[0].field, expected.field);
      assert.deepEqual(await followUpCounts(database.db), before, 'nothing written');
      return response.body;
    }

    before(async () => {
      database = await backend.open({ seed: true });
      await installFollowUpStudies(database.db);
      const deps = appDependencies(database);
      app = createApp(deps);
      const accounts = accountServiceFor(deps);
      const users = [
        { username: 'coord-a', grants: [{ studyId: STUDY, siteCode: SITE_A, role: 'coordinator' as const }] },
        { username: 'coord-b', grants: [{ studyId: STUDY, siteCode: SITE_B, role: 'coordinator' as const }] },
        { username: 'monitor', grants: [{ studyId: STUDY, siteCode: null, role: 'monitor' as const }] },
      ];
      for (const user of users) {
        await accounts.createUser(CLI_ACTOR, { username: user.username, password: PASSWORD, grants: user.grants });
        const response = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user.username, password: PASSWORD }) });
        assert.equal(response.status, 200);
        sessions.set(user.username, { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0], csrf: ((await response.json()) as any).csrfToken });
      }
      const { studyId: _s, ...screening } = screeningInput(SITE_A, 'eligible');
      const screened = await call('coord-a', 'POST', '/screenings', screening);
      assert.equal(screened.status, 201, JSON.stringify(screened.body));
      subject = screened.body.subjectNumber;
      const { studyId: _t, subjectNumber: _n, ...consent } = signedConsent(subject, 'v2.0', new Date(Date.now() - 60_000).toISOString());
      assert.equal((await call('coord-a', 'POST', `/subjects/${subject}/consents`, consent)).status, 201);
      const enrolled = await call('coord-a', 'POST', `/subjects/${subject}/enrollment`, {});
      assert.equal(enrolled.status, 201, JSON.stringify(enrolled.body));
    });
    after(() => database?.dispose());

    test('anonymous 401, no CSRF token 403, another site 404 like a nonexistent subject, monitor 403 on writes', async () => {
      const paths: Array<[string, string, unknown?]> = [
        ['GET', `/subjects/${subject}/visits`], ['PUT', `/subjects/${subject}/visits/WEEK_1`, { status: 'done', visitDate: today() }], ['POST', `/subjects/${subject}/visits`, { visitDate: today() }],
        ['GET', '/visits/attention'], ['GET', `/subjects/${subject}/administrations`], ['POST', `/subjects/${subject}/administrations`, {}], ['PATCH', `/subjects/${subject}/administrations/1`, {}],
      ];
      for (const [method, path, body] of paths) {
        const response = await call(null, method, path, body);
        assert.equal(response.status, 401, `${method} ${path}`);
        assert.equal(response.body.error.code, 'unauthenticated');
      }
      await refused('coord-a', 'PUT', `/subjects/${subject}/visits/SCREENING`, { status: 'done', visitDate: today() }, { status: 403, code: 'csrf_failed' }, { csrf: false });
      const dose = { product: 'cyclosporine A', givenAt: new Date().toISOString(), route: 'oral', dose: { value: 4, unit: 'mg/kg/day' }, weightKg: 60 };
      await refused('coord-a', 'POST', `/subjects/${subject}/administrations`, dose, { status: 403, code: 'csrf_failed' }, { csrf: false });
      const other = await refused('coord-b', 'GET', `/subjects/${subject}/visits`, undefined, { status: 404, code: 'not_found' });
      const missing = await refused('coord-b', 'GET', `/subjects/${SITE_A}-999/visits`, undefined, { status: 404, code: 'not_found' });
      assert.equal(other.error.message.replace(subject, '<id>'), missing.error.message.replace(`${SITE_A}-999`, '<id>'));
      await refused('coord-b', 'POST', `/subjects/${subject}/administrations`, dose, { status: 404, code: 'not_found' });
      await refused('monitor', 'PUT', `/subjects/${subject}/visits/SCREENING`, { status: 'done', visitDate: today() }, { status: 403, code: 'forbidden' });
      assert.equal((await call('monitor', 'GET', `/subjects/${subject}/visits`)).status, 200);
      assert.deepEqual((await call('coord-b', 'GET', '/visits/attention')).body, []);
    });

    test('calendar anchored on enrollment, a visit recorded with its out-of-window warning, refusals with field, unscheduled visits, the attention list', async () => {
      const calendar = await call('coord-a', 'GET', `/subjects/${subject}/visits`);
      assert.equal(calendar.status, 200, JSON.stringify(calendar.body));
      assert.deepEqual(calendar.body.anchor, { date: today(), basis: 'enrollment' });
      assert.deepEqual(calendar.body.visits.map((visit: any) => visit.visit), ['SCREENING', 'BASELINE', 'DAY_0', 'WEEK_1', 'WEEK_2', 'MONTH_1', 'MONTH_3', 'MONTH_6', 'MONTH_12']);

      const screeningVisit = await call('coord-a', 'PUT', `/subjects/${subject}/visits/SCREENING`, { status: 'done', visitDate: today() });
      assert.equal(screeningVisit.status, 200, JSON.stringify(screeningVisit.body));
      assert.equal(screeningVisit.body.calendar.status, 'done-out-of-window');
      assert.equal(screeningVisit.body.warnings[0].code, 'out_of_window');
      assert.match(screeningVisit.body.warnings[0].message, /after the window/);

      await refused('coord-a', 'PUT', `/subjects/${subject}/visits/WEEK_9`, { status: 'done', visitDate: today() }, { status: 400, code: 'unknown_visit', field: 'visitCode' });
      await refused('coord-a', 'PUT', `/subjects/${subject}/visits/WEEK_1`, { status: 'done', visitDate: '2099-01-01' }, { status: 400, code: 'future_date', field: 'visitDate' });
      await refused('coord-a', 'PUT', `/subjects/${subject}/visits/WEEK_1`, { status: 'done', visitDate: '2020-01-01' }, { status: 400, code: 'date_too_early', field: 'visitDate' });
      await refused('coord-a', 'PUT', `/subjects/${subject}/visits/SCREENING`, { status: 'not_done', reason: 'patient travelled' }, { status: 400, code: 'required', field: 'changeReason' });
      const changed = await call('coord-a', 'PUT', `/subjects/${subject}/visits/SCREENING`, { status: 'not_done', reason: 'patient travelled', changeReason: 'entered on the wrong visit' });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      assert.equal(changed.body.calendar.status, 'not-done');

      const unscheduled = await call('coord-a', 'POST', `/subjects/${subject}/visits`, { visitDate: today(), note: 'fever' });
      assert.equal(unscheduled.status, 201, JSON.stringify(unscheduled.body));
      assert.equal(unscheduled.body.visitCode, 'UNS_1');
      assert.deepEqual((await call('coord-a', 'GET', `/subjects/${subject}/visits`)).body.unscheduled, [{ visitCode: 'UNS_1', visitDate: today(), note: 'fever' }]);

      const attention = await call('coord-a', 'GET', `/visits/attention?siteCode=${SITE_A}`);
      assert.equal(attention.status, 200, JSON.stringify(attention.body));
      assert.ok(attention.body.some((item: any) => item.subjectNumber === subject && item.visit === 'BASELINE' && item.attention === 'due'), JSON.stringify(attention.body));
      assert.ok(attention.body.every((item: any, i: number, all: any[]) => i === 0 || all[i - 1].target <= item.target));
    });

    test('an out-of-range dose is stored with its warning, listed, and corrected with a reason; bad input names the field', async () => {
      const body = { product: 'cyclosporine A', givenAt: new Date().toISOString(), route: 'oral', dose: { value: 6, unit: 'mg/kg/day' }, weightKg: 60, details: { troughNgPerMl: 210 } };
      await refused('coord-a', 'POST', `/subjects/${subject}/administrations`, { ...body, dose: { value: -1, unit: 'mg/kg/day' } }, { status: 400, code: 'invalid_dose', field: 'dose.value' });
      await refused('coord-a', 'POST', `/subjects/${subject}/administrations`, { ...body, route: 'IM' }, { status: 400, code: 'unknown_route', field: 'route' });
      await refused('coord-a', 'POST', `/subjects/${subject}/administrations`, { ...body, weightKg: 800 }, { status: 400, code: 'implausible_weight', field: 'weightKg' });
      const recorded = await call('coord-a', 'POST', `/subjects/${subject}/administrations`, body);
      assert.equal(recorded.status, 201, JSON.stringify(recorded.body));
      assert.equal(recorded.body.doseCheck.status, 'warning');
      assert.equal(recorded.body.doseTotal, 360);
      assert.ok(recorded.body.warnings.some((w: any) => w.code === 'dose_out_of_range' && /above/.test(w.message)));
      const list = await call('coord-a', 'GET', `/subjects/${subject}/administrations`);
      assert.deepEqual(list.body.map((row: any) => row.id), [recorded.body.id]);
      assert.equal((await call('coord-a', 'GET', `/subjects/${subject}/visits`)).body.anchor.basis, 'first-dose');

      await refused('coord-a', 'PATCH', `/subjects/${subject}/administrations/${recorded.body.id}`, { changes: { dose: { value: 4, unit: 'mg/kg/day' } }, reason: '' }, { status: 400, code: 'required', field: 'reason' });
      await refused('coord-b', 'PATCH', `/subjects/${subject}/administrations/${recorded.body.id}`, { changes: { dose: { value: 4, unit: 'mg/kg/day' } }, reason: 'typo' }, { status: 404, code: 'not_found' });
      const corrected = await call('coord-a', 'PATCH', `/subjects/${subject}/administrations/${recorded.body.id}`, { changes: { dose: { value: 4, unit: 'mg/kg/day' } }, reason: 'transcription error' });
      assert.equal(corrected.status, 200, JSON.stringify(corrected.body));
      assert.equal(corrected.body.doseCheck.status, 'ok');
      assert.deepEqual(corrected.body.warnings.filter((w: any) => w.code === 'dose_out_of_range'), []);
    });
  });
}
