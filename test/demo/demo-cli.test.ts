// bin/eligo demo end to end, on PGlite (ELIGO_DATA_DIR) and on PostgreSQL (DATABASE_URL, when
// TEST_DATABASE_URL is set): a fresh database gets screenings, consents and enrollments at several sites
// with arms balanced within each stratum's block and a year of follow-up for each enrolled subject
// (visits, graded labs, assessments with responses, adverse events with their reports, queries), an
// intact audit chain, and accounts that sign in over HTTP; a second run on the same database is
// refused; the same seed on another database gives the same subjects and outcomes (not the same arms:
// those come from each installation's secret).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
// The server first: it extends zod with OpenAPI metadata before the core schemas are built.
import { appDependencies, createApp } from '../../src/server/app.ts';
import type { Actor } from '../../src/conduct/access/actor.ts';
import { conductServicesFor } from '../../src/conduct/compose.ts';
import { consentService } from '../../src/conduct/consent/service.ts';
import { enrollmentService } from '../../src/conduct/enrollment/service.ts';
import { screeningService } from '../../src/conduct/screening/service.ts';
import type { ScreeningView } from '../../src/conduct/model.ts';
import { ratioSum } from '../../src/core/study/protocol.ts';
import { openEligo } from '../../src/runtime.ts';
import { accountServiceFor } from '../../src/server/auth/accounts.ts';
import type { Database, DatabaseLocation } from '../../src/store/database.ts';
import { createStores } from '../../src/store/index.ts';
import { adminQuery } from '../support/databases.ts';

const STUDY = 'NCT05794425';
const PATIENTS = 60;

interface Target {
  env: Record<string, string>;
  location: DatabaseLocation;
  dispose(): Promise<void>;
}

type TargetMaker = { name: string; make(): Promise<Target> };

const targets: TargetMaker[] = [
  {
    name: 'pglite',
    async make() {
      const dir = mkdtempSync(join(tmpdir(), 'eligo-demo-'));
      return { env: { ELIGO_DATA_DIR: dir, DATABASE_URL: '' }, location: { kind: 'pglite', dataDir: `${dir}/pglite` }, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
];
const serverUrl = process.env.TEST_DATABASE_URL;
if (serverUrl) {
  targets.push({
    name: 'postgres',
    async make() {
      const name = `eligo_demo_${process.pid}_${randomBytes(4).toString('hex')}`;
      await adminQuery(serverUrl, `create database ${name}`);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      return { env: { DATABASE_URL: url.toString() }, location: { kind: 'postgres', url: url.toString(), poolSize: 4 }, dispose: () => adminQuery(serverUrl, `drop database if exists ${name} with (force)`) };
    },
  });
}

function eligo(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bin/eligo', args, { env: { ...process.env, LOG_LEVEL: 'warn', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

interface DemoOutput {
  signIn: { url: string };
  sites: string[];
  screened: number;
  outcomes: Record<string, number>;
  followUp?: { subjects: number; adverseEvents: number; seriousAdverseEvents: number; queriesRaised: { manual: number; editCheck: number } };
  accounts: Array<{ username: string; role: string; siteCode: string | null; password: string }>;
}

/** The services the demo wrote through, reading (the subjects services from their factories, as the demo builds them). */
function servicesOf(database: Database) {
  const stores = createStores(database.db);
  return { ...conductServicesFor(stores), screening: screeningService({ stores }), consent: consentService({ stores }), enrollment: enrollmentService({ stores }) };
}

async function allScreenings(actor: Actor, database: Database): Promise<ScreeningView[]> {
  const conduct = servicesOf(database);
  const page = await conduct.screening.listScreenings(actor, { studyId: STUDY, limit: 500 });
  return page.items.sort((a, b) => a.subjectNumber.localeCompare(b.subjectNumber));
}

test('a bad option is refused with the option named, before the database is opened', async () => {
  for (const [args, message] of [[['--patients', '0'], /--patients: expected a whole number from 1 to 5000, got "0"/], [['--seed', 'forty-two'], /--seed: expected a whole number/]] as const) {
    const run = await eligo(['demo', ...args], { ELIGO_DATA_DIR: '/nonexistent/eligo-demo' });
    assert.equal(run.status, 2);
    assert.match(run.stderr, message);
    assert.equal(run.stdout, '');
  }
});

for (const target of targets) {
  describe(`${target.name}: bin/eligo demo`, { timeout: 600_000 }, () => {
    let first: Target;
    let second: Target;
    let output: DemoOutput;
    let database: Database;
    let manager: Actor;

    before(async () => {
      [first, second] = await Promise.all([target.make(), target.make()]);
      const run = await eligo(['demo', '--seed', '42', '--patients', String(PATIENTS), '--json'], first.env);
      assert.equal(run.status, 0, run.stderr);
      output = JSON.parse(run.stdout);
      database = await openEligo({ location: first.location });
      const accounts = accountServiceFor(appDependencies(database));
      const dataManager = output.accounts.find((account) => account.role === 'data_manager')!;
      manager = await accounts.actorFor((await accounts.findUser({ userId: 0, username: 'cli:test', isSystemAdmin: true, grants: [], via: 'cli' }, dataManager.username)).id, 'cli');
    });
    after(async () => {
      await database?.close();
      await Promise.all([first?.dispose(), second?.dispose()]);
    });

    test('screenings, consents and enrollments at several sites, with every outcome', async () => {
      assert.equal(output.screened, PATIENTS);
      assert.match(output.signIn.url, /^http:\/\/127\.0\.0\.1:3000\/sign-in$/);
      const screenings = await allScreenings(manager, database);
      assert.equal(screenings.length, PATIENTS);
      assert.ok(new Set(screenings.map((screening) => screening.siteCode)).size >= 5, 'several sites');
      const outcomes = new Set(screenings.map((screening) => screening.outcome));
      for (const outcome of ['enrolled', 'screen_failure']) assert.ok(outcomes.has(outcome as ScreeningView['outcome']), `${outcome} present`);
      assert.ok(screenings.some((screening) => screening.outcome === 'screen_failure' && screening.failureReasons.length > 0));
      const conduct = servicesOf(database);
      const enrolled = screenings.filter((screening) => screening.outcome === 'enrolled');
      assert.equal(enrolled.length, output.outcomes.enrolled);
      for (const screening of enrolled.slice(0, 10)) {
        const consents = await conduct.consent.listConsents(manager, STUDY, screening.subjectNumber);
        assert.ok(consents.some((consent) => consent.signatureStatus === 'signed'), `${screening.subjectNumber} consented`);
      }
      const months = new Set(screenings.map((screening) => screening.screenedOn.slice(0, 7)));
      assert.ok(months.size >= 6, 'screened over many months');
      assert.ok(screenings.every((screening) => screening.createdAt.slice(0, 10) === screening.screenedOn), 'each screening is recorded on its own day');
    });

    test('arms are balanced within each stratum to within half the largest block', async () => {
      const conduct = servicesOf(database);
      const study = await conduct.studies.getStudy(manager, STUDY);
      const largestBlock = Math.max(...study.protocol.blockMultiples) * ratioSum(study.protocol);
      const enrollments = await conduct.enrollment.listEnrollments(manager, STUDY, { limit: 500 });
      assert.equal(enrollments.total, output.outcomes.enrolled);
      const byStratum = new Map<string, Map<string, number>>();
      for (const enrollment of enrollments.items) {
        const key = JSON.stringify(enrollment.strata);
        const arms = byStratum.get(key) ?? new Map<string, number>();
        arms.set(enrollment.arm!, (arms.get(enrollment.arm!) ?? 0) + 1);
        byStratum.set(key, arms);
      }
      for (const [stratum, arms] of byStratum) {
        const counts = study.protocol.arms.map((arm) => arms.get(arm.code) ?? 0);
        assert.ok(Math.max(...counts) - Math.min(...counts) <= largestBlock / 2, `${stratum}: ${counts.join(' vs ')}`);
      }
      assert.ok(byStratum.size >= 3, 'several strata');
    });

    test('each enrolled subject has a year of follow-up, written through the services and read back through them', async () => {
      const followUp = output.followUp!;
      assert.ok(followUp, 'the summary says what the follow-up recorded');
      assert.equal(followUp.subjects, output.outcomes.enrolled);
      const conduct = servicesOf(database);
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      const enrolled = (await allScreenings(manager, database)).filter((screening) => screening.outcome === 'enrolled');
      let events = 0;
      let gradedLabs = 0;
      const responses = new Set<string>();
      for (const screening of enrolled) {
        const calendar = await conduct.visits.calendar(manager, STUDY, screening.subjectNumber);
        assert.equal(calendar.anchor.basis, 'first-dose', `${screening.subjectNumber}: day 0 is the first dose`);
        assert.ok(calendar.visits.filter((visit) => visit.status.startsWith('done')).length >= 3, `${screening.subjectNumber}: visits done`);
        const labs = await conduct.labs.listResults(manager, STUDY, screening.subjectNumber);
        assert.ok(labs.some((result) => result.isBaseline), `${screening.subjectNumber}: a baseline`);
        assert.ok(labs.every((result) => result.collectedOn <= yesterday), 'no lab result in the future');
        gradedLabs += labs.filter((result) => result.grades.length > 0).length;
        const assessments = await conduct.assessments.list(manager, STUDY, screening.subjectNumber);
        assert.ok(assessments.some((assessment) => assessment.timePoint === 'baseline' && assessment.severity !== null), `${screening.subjectNumber}: baseline severity`);
        for (const assessment of assessments) if (assessment.response) responses.add(assessment.response);
        const adverse = await conduct.safety.listAdverseEvents(manager, STUDY, screening.subjectNumber);
        assert.ok(adverse.every((event) => event.onsetOn >= calendar.anchor.date && event.onsetOn <= yesterday), 'onset after day 0, not in the future');
        events += adverse.length;
      }
      assert.equal(events, followUp.adverseEvents);
      assert.ok(gradedLabs > 0, 'lab results graded by CTCAE v5.0');
      assert.ok(responses.size >= 2, `several responses: ${[...responses].join(', ')}`);
      const serious = await conduct.safety.seriousEvents(manager, STUDY);
      assert.equal(serious.length, followUp.seriousAdverseEvents);
      assert.ok(serious.every((row) => row.awareAt !== null), 'a serious event says when the site learnt of it');
      if (serious.length > 0) assert.ok(serious.some((row) => row.reports.some((report) => report.status === 'done')), 'serious events reported to the sponsor');
      const queries = await conduct.queries.counts(manager, STUDY);
      const byState = (state: string) => queries.filter((row) => row.state === state).reduce((sum, row) => sum + row.count, 0);
      assert.equal(byState('open') + byState('answered') + byState('closed'), followUp.queriesRaised.manual + followUp.queriesRaised.editCheck);
      assert.ok(byState('closed') > 0, 'queries closed');
    });

    test('the audit chain holds', async () => {
      const conduct = servicesOf(database);
      const report = await conduct.audit.verifyAuditChain({ userId: 0, username: 'cli:test', isSystemAdmin: true, grants: [], via: 'cli' });
      assert.equal(report.intact, true, JSON.stringify(report));
      assert.ok(report.entries > PATIENTS);
    });

    test('the printed accounts sign in over HTTP, with the role and site printed', async () => {
      const app = createApp(appDependencies(database));
      assert.equal(output.accounts.length, 4 + 2 * output.sites.length);
      for (const role of ['sponsor_admin', 'data_manager', 'monitor', 'investigator', 'coordinator']) assert.ok(output.accounts.some((account) => account.role === role), role);
      for (const account of [output.accounts.find((a) => a.role === 'sponsor_admin')!, output.accounts.find((a) => a.role === 'coordinator')!]) {
        const response = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: account.username, password: account.password }) });
        assert.equal(response.status, 200, `${account.username} signs in`);
        const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
        const session = (await (await app.request('/api/auth/session', { headers: { cookie } })).json()) as { user: { username: string }; grants: Array<{ role: string; siteCode: string | null }> };
        assert.equal(session.user.username, account.username);
        assert.deepEqual(session.grants.map((grant) => [grant.role, grant.siteCode]), [[account.role, account.siteCode]]);
      }
      const wrong = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: output.accounts[0].username, password: 'not the password it printed' }) });
      assert.equal(wrong.status, 401);
    });

    test('bin/eligo report on the demo study: consistent counts, and one site counts only its own', async () => {
      await database.close();
      const all = await eligo(['report', STUDY, '--json'], first.env);
      const site = output.sites[0];
      const one = await eligo(['report', STUDY, '--site', site, '--json'], first.env);
      const table = await eligo(['report', STUDY], first.env);
      database = await openEligo({ location: first.location });
      assert.equal(all.status, 0, all.stderr);
      type Report = { consort: { screened: number; screenFailures: number; declined: number; pending: number; enrolled: number; byArm: Record<string, number> }; response: Array<{ arm: string; n: number; notAssessable: number; notAssessed: number; overall: number; ci95: { overall: [number, number] | null } }>; adverseEvents: Array<{ arm: string; subjects: number }>; enrollmentBySite: Array<{ siteCode: string; screened: number; enrolled: number }> };
      const report = JSON.parse(all.stdout) as Report;
      const { consort } = report;
      assert.equal(consort.screened, PATIENTS);
      assert.equal(consort.enrolled, output.outcomes.enrolled);
      assert.equal(consort.screenFailures + consort.declined + consort.pending + consort.enrolled, consort.screened);
      assert.equal(Object.values(consort.byArm).reduce((sum, n) => sum + n, 0), consort.enrolled);
      for (const row of report.response) {
        assert.equal(row.n + row.notAssessable + row.notAssessed, consort.byArm[row.arm], `${row.arm}: every subject in one column`);
        if (row.n > 0) assert.ok(row.ci95.overall![0] <= row.overall / row.n && row.overall / row.n <= row.ci95.overall![1]);
      }
      assert.deepEqual(report.enrollmentBySite.map((row) => row.siteCode), output.sites);
      assert.equal(one.status, 0, one.stderr);
      const own = JSON.parse(one.stdout) as Report;
      const expected = report.enrollmentBySite.find((row) => row.siteCode === site)!;
      assert.deepEqual([own.consort.screened, own.consort.enrolled], [expected.screened, expected.enrolled]);
      assert.deepEqual(own.enrollmentBySite.map((row) => row.siteCode), [site]);
      assert.equal(table.status, 0, table.stderr);
      assert.match(table.stdout, new RegExp(`^Report of ${STUDY}`));
      assert.match(table.stdout, /Haematological response/);
    });

    test('a second run on the same database is refused, nothing written', async () => {
      const before = (await allScreenings(manager, database)).length;
      await database.close();
      const again = await eligo(['demo', '--seed', '42', '--patients', '5'], first.env);
      database = await openEligo({ location: first.location });
      assert.equal(again.status, 2, again.stderr);
      assert.match(again.stderr, /^eligo: the database already holds \d+ user\(s\) and \d+ screening\(s\); the demo fills a fresh database only/);
      assert.equal(again.stdout, '');
      assert.equal((await allScreenings(manager, database)).length, before);
    });

    test('the same seed on another database gives the same subjects and outcomes', async () => {
      const run = await eligo(['demo', '--seed', '42', '--patients', String(PATIENTS), '--json'], second.env);
      assert.equal(run.status, 0, run.stderr);
      const other = JSON.parse(run.stdout) as DemoOutput;
      assert.deepEqual(other.outcomes, output.outcomes);
      assert.deepEqual(other.accounts.map((account) => account.username), output.accounts.map((account) => account.username));
      assert.ok(other.accounts.every((account, index) => account.password !== output.accounts[index].password), 'passwords are not derived from the seed');
      const otherDatabase = await openEligo({ location: second.location });
      try {
        const accounts = accountServiceFor(appDependencies(otherDatabase));
        const otherManager = await accounts.actorFor((await accounts.findUser({ userId: 0, username: 'cli:test', isSystemAdmin: true, grants: [], via: 'cli' }, 'data.manager')).id, 'cli');
        const summary = (screenings: ScreeningView[]) => screenings.map((s) => [s.subjectNumber, s.screenedOn, s.verdict, s.outcome, s.failureReasons.join(',')].join(' '));
        assert.deepEqual(summary(await allScreenings(otherManager, otherDatabase)), summary(await allScreenings(manager, database)));
      } finally {
        await otherDatabase.close();
      }
    });
  });
}
