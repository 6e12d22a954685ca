// The study report through its service, on both databases: the figures of the study's subjects within
// the reader's sites (a coordinator's report is their site's), one site on request, the bad inputs
// named (unknown or malformed site code, another site's code, a study without a grant), and a study
// nobody has been screened for yet (an empty, correct report). Then over HTTP and from the CLI.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { testBackends } from '../support/databases.ts';
import { EligoError } from '../../src/core/problems.ts';
import type { Database } from '../../src/store/database.ts';
import type { Stores } from '../../src/store/index.ts';
import { reportService } from '../../src/conduct/reports/service.ts';
import { appDependencies, createApp } from '../../src/server/app.ts';
import { accountServiceFor } from '../../src/server/auth/accounts.ts';
import { CLI_ACTOR, PASSWORD } from '../accounts/fixtures.ts';
import { actorWith, coordinatorAt, fixedClock, screeningInput, servicesAt, SINGLE_GROUP_STUDY, SITE_A, SITE_B, STUDY } from './subject-fixtures.ts';
import { dataManagerOfStudy, enrolledSubject, installFollowUpStudies } from './follow-up-fixtures.ts';

for (const backend of testBackends()) {
  describe(`${backend.name}: study report`, () => {
    let database: Database & { dispose(): Promise<void> };
    let stores: Stores;
    const reports = () => reportService({ stores, clock: fixedClock(new Date('2026-12-01T04:00:00Z')) });

    before(async () => {
      database = await backend.open({ seed: true });
      stores = await installFollowUpStudies(database.db);
      for (const site of [SITE_A, SITE_A, SITE_B]) await enrolledSubject(database.db, stores, site);
      const services = servicesAt(stores);
      const failed = await services.screening.startScreening(coordinatorAt(SITE_B), screeningInput(SITE_B, 'ineligible'));
      await services.screening.setOutcome(coordinatorAt(SITE_B), STUDY, failed.subjectNumber, 'screen_failure', failed.result.criteria.filter((c) => c.status === 'fail').map((c) => c.id));
    });
    after(async () => database?.dispose());

    const refused = async (call: () => Promise<unknown>, expected: { kind: string; code: string; field: string }) => {
      await assert.rejects(call, (error: unknown) => {
        assert.ok(error instanceof EligoError, String(error));
        assert.deepEqual({ kind: error.kind, code: error.code, field: error.problems[0]?.field }, expected, error.message);
        return true;
      });
    };

    test('study-wide: every site; the counts add up', async () => {
      const report = await reports().studyReport(dataManagerOfStudy(), STUDY);
      const { consort } = report;
      assert.equal(consort.enrolled, 3);
      assert.equal(consort.screenFailures, 1);
      assert.equal(consort.screened, consort.screenFailures + consort.declined + consort.pending + consort.enrolled);
      assert.equal(Object.values(consort.byArm).reduce((sum, n) => sum + n, 0), consort.enrolled);
      assert.ok(consort.screenFailuresByReason.length > 0);
      assert.deepEqual(report.enrollmentBySite.map((row) => [row.siteCode, row.enrolled]), [[SITE_A, 2], [SITE_B, 1]]);
      assert.equal(report.response.length, 3 * report.arms.length);
    });

    test("a coordinator's report counts only their site; --site narrows a study-wide reader's", async () => {
      const own = await reports().studyReport(coordinatorAt(SITE_A), STUDY);
      assert.equal(own.consort.enrolled, 2);
      assert.equal(own.consort.screenFailures, 0);
      assert.deepEqual(own.enrollmentBySite.map((row) => row.siteCode), [SITE_A]);
      const one = await reports().studyReport(dataManagerOfStudy(), STUDY, { siteCode: SITE_B });
      assert.equal(one.siteCode, SITE_B);
      assert.deepEqual([one.consort.enrolled, one.consort.screenFailures], [1, 1]);
    });

    test('bad input: a malformed or unknown site code, another site, a study without a grant', async () => {
      await refused(() => reports().studyReport(dataManagerOfStudy(), STUDY, { siteCode: 'ta 01' }), { kind: 'invalid', code: 'invalid_site_code', field: 'site' });
      await refused(() => reports().studyReport(dataManagerOfStudy(), STUDY, { siteCode: 'ZZ99' }), { kind: 'invalid', code: 'unknown_site', field: 'site' });
      await refused(() => reports().studyReport(coordinatorAt(SITE_A), STUDY, { siteCode: SITE_B }), { kind: 'not_found', code: 'not_found', field: 'site' });
      await refused(() => reports().studyReport(actorWith('nobody', []), STUDY), { kind: 'not_found', code: 'not_found', field: 'studyId' });
    });

    test('a study nobody has been screened for: an empty, correct report', async () => {
      const report = await reports().studyReport(actorWith('dm-single', [{ role: 'data_manager', siteCode: null, studyId: SINGLE_GROUP_STUDY }]), SINGLE_GROUP_STUDY);
      assert.equal(report.consort.screened, 0);
      assert.equal(report.consort.enrolled, 0);
      assert.ok(report.response.every((row) => row.n === 0 && row.ci95.overall === null));
    });

    test('over HTTP: GET /api/studies/{studyId}/report within the user\'s sites; 401 signed out, 400 unknown site', async () => {
      const deps = appDependencies(database);
      const app = createApp(deps);
      const accounts = accountServiceFor(deps);
      const user = await accounts.createUser(CLI_ACTOR, { username: 'report.coord', password: PASSWORD, grants: [{ studyId: STUDY, siteCode: SITE_A, role: 'coordinator' }] });
      const { token } = await accounts.createToken(CLI_ACTOR, { userId: user.id, name: 'report' });
      const get = (path: string, auth = true) => app.request(path, { headers: auth ? { authorization: `Bearer ${token}` } : {} });
      const response = await get(`/api/studies/${STUDY}/report`);
      assert.equal(response.status, 200);
      const body = await response.json() as { consort: { enrolled: number }; enrollmentBySite: Array<{ siteCode: string }> };
      assert.equal(body.consort.enrolled, 2);
      assert.deepEqual(body.enrollmentBySite.map((row) => row.siteCode), [SITE_A]);
      assert.equal((await get(`/api/studies/${STUDY}/report`, false)).status, 401);
      const unknown = await get(`/api/studies/${STUDY}/report?site=ZZ99`);
      assert.equal(unknown.status, 400);
      assert.match(await unknown.text(), /unknown_site/);
      assert.equal((await get(`/api/studies/${STUDY}/report?site=${SITE_B}`)).status, 404);
    });
  });
}

test('bin/eligo report: a bad study id or site is refused with the option named, exit code 2', () => {
  const bad = spawnSync('bin/eligo', ['report', 'NCT123'], { encoding: 'utf8', env: { ...process.env, ELIGO_DATA_DIR: '/nonexistent/eligo-report', DATABASE_URL: '' } });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /NCT/);
  assert.equal(bad.stdout, '');
});
