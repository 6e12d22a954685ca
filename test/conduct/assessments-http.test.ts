// Disease assessments and the timeline over HTTP on both backends: sign-in required, preview, record
// (201), replacing without a reason refused, another site's subject 404, the response summary.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../support/databases.ts';
import { appDependencies, createApp, type App } from '../../src/server/app.ts';
import { accountServiceFor } from '../../src/server/auth/accounts.ts';
import type { Database } from '../../src/store/database.ts';
import { createStores } from '../../src/store/index.ts';
import { CLI_ACTOR, PASSWORD } from '../accounts/fixtures.ts';
import { installTestStudies, rowCounts, SITE_A, SITE_B, STUDY, testProtocol } from './subject-fixtures.ts';
import { enrolledSubject, SEED_VISITS, type EnrolledSubject } from './follow-up-fixtures.ts';
import { insertCbc, insertTransfusion } from './follow-up-rows.ts';

for (const backend of testBackends()) {
  describe(`${backend.name}: disease assessments over HTTP`, () => {
    let database: Database & { dispose(): Promise<void> };
    let app: App;
    let subject: EnrolledSubject;
    const sessions = new Map<string, { cookie: string; csrf: string }>();

    async function call(user: string | null, method: string, path: string, body?: unknown) {
      const session = user ? sessions.get(user)! : undefined;
      const headers: Record<string, string> = {};
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (session) Object.assign(headers, { cookie: session.cookie, 'x-csrf-token': session.csrf });
      const response = await app.request(`/api/studies/${STUDY}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: response.status, body: (await response.json()) as any };
    }

    before(async () => {
      database = await backend.open({ seed: true });
      await installTestStudies(database.db, { protocol: testProtocol({ responseScheme: 'bsh-2016', visits: SEED_VISITS }) });
      // The fixture's clock is 2026-09-01; these counts are in the past of the real clock.
      subject = await enrolledSubject(database.db, createStores(database.db), SITE_A);
      await insertCbc(database.db, subject, '2026-08-31', { hb: 60, anc: 0.3, platelets: 8, reticulocytes: 12, isBaseline: true });
      await insertTransfusion(database.db, subject, '2026-09-10', 'RBC');
      await insertCbc(database.db, subject, '2026-11-29', { hb: 140, anc: 1.9, platelets: 160, reticulocytes: 65 });
      const deps = appDependencies(database);
      app = createApp(deps);
      const accounts = accountServiceFor(deps);
      for (const user of [
        { username: 'inv-a', grants: [{ studyId: STUDY, siteCode: SITE_A, role: 'investigator' as const }] },
        { username: 'coord-b', grants: [{ studyId: STUDY, siteCode: SITE_B, role: 'coordinator' as const }] },
        { username: 'monitor', grants: [{ studyId: STUDY, siteCode: null, role: 'monitor' as const }] },
      ]) {
        await accounts.createUser(CLI_ACTOR, { username: user.username, password: PASSWORD, grants: user.grants });
        const response = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user.username, password: PASSWORD }) });
        sessions.set(user.username, { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0], csrf: ((await response.json()) as any).csrfToken });
      }
    });
    after(() => database?.dispose());

    test('anonymous callers get 401', async () => {
      for (const [method, path] of [['GET', `/subjects/${subject.subjectNumber}/assessments`], ['POST', `/subjects/${subject.subjectNumber}/assessments`], ['GET', `/subjects/${subject.subjectNumber}/assessments/preview?timePoint=month-3&assessedOn=2026-12-01`], ['GET', `/subjects/${subject.subjectNumber}/timeline`], ['GET', '/responses']]) {
        assert.equal((await call(null, method, path, method === 'POST' ? {} : undefined)).status, 401, `${method} ${path}`);
      }
    });

    test('preview, record, replace with a reason; refusals with status, code and field; nothing written', async () => {
      const base = `/subjects/${subject.subjectNumber}/assessments`;
      const preview = await call('monitor', 'GET', `${base}/preview?timePoint=month-3&assessedOn=2026-12-01`);
      assert.equal(preview.status, 200, JSON.stringify(preview.body));
      assert.equal(preview.body.response.response, 'complete', preview.body.response.reason);
      assert.equal(preview.body.severity.severity, 'NSAA');
      const recorded = await call('inv-a', 'POST', base, { timePoint: 'month-3', assessedOn: '2026-12-01' });
      assert.equal(recorded.status, 201, JSON.stringify(recorded.body));
      assert.equal(recorded.body.response, 'complete');
      for (const [user, body, status, code, field] of [
        ['inv-a', { timePoint: 'month-3', assessedOn: '2026-12-01' }, 400, 'required', 'reason'],
        ['inv-a', { timePoint: 'month-9', assessedOn: '2026-12-01' }, 400, 'unknown_time_point', 'timePoint'],
        ['inv-a', { timePoint: 'month-6', assessedOn: '2026-08-01' }, 400, 'date_too_early', 'assessedOn'],
        ['inv-a', { timePoint: 'month-6', assessedOn: '2999-01-01' }, 400, 'future_date', 'assessedOn'],
        ['coord-b', { timePoint: 'month-6', assessedOn: '2026-12-01' }, 404, 'not_found', 'subjectNumber'],
      ] as const) {
        const before = await rowCounts(database.db);
        const response = await call(user, 'POST', base, body);
        assert.equal(response.status, status, JSON.stringify(response.body));
        assert.equal(response.body.error.code, code);
        assert.equal(response.body.error.details[0].field, field);
        assert.deepEqual(await rowCounts(database.db), before, 'nothing written');
      }
      const replaced = await call('inv-a', 'POST', base, { timePoint: 'month-3', assessedOn: '2026-12-01', reason: 'repeat count reviewed' });
      assert.equal(replaced.status, 201);
      const list = await call('inv-a', 'GET', base);
      assert.equal(list.body.length, 1);
    });

    test('the timeline and the response summary', async () => {
      const timeline = await call('inv-a', 'GET', `/subjects/${subject.subjectNumber}/timeline`);
      assert.equal(timeline.status, 200, JSON.stringify(timeline.body));
      assert.equal(timeline.body.counts.find((s: any) => s.analyte === 'platelets').points.length, 2);
      assert.equal(timeline.body.latestResponse.response, 'complete');
      assert.equal((await call('coord-b', 'GET', `/subjects/${subject.subjectNumber}/timeline`)).status, 404);
      const summary = await call('monitor', 'GET', '/responses');
      assert.equal(summary.status, 200);
      assert.equal(summary.body.rows.filter((row: any) => row.timePoint === 'month-3').reduce((sum: number, row: any) => sum + row.complete, 0), 1);
    });
  });
}
