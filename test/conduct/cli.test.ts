// bin/eligo screening list and eligo enroll end to end on a database prepared through the services
// (a PostgreSQL database of its own when TEST_DATABASE_URL is set, as it opens quicker; else on-disk PGlite): the list as JSON and as a table (no identity), an enrollment, its refusal
// the second time (exit code and one line naming the problem).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openEligo } from '../../src/runtime.ts';
import { adminQuery } from '../support/databases.ts';
import { coordinatorAt, installTestStudies, screeningInput, servicesAt, signedConsent, SITE_A, STUDY } from './subject-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'eligo-subjects-cli-'));
const serverUrl = process.env.TEST_DATABASE_URL;
const databaseName = `eligo_cli_${process.pid}_${randomBytes(4).toString('hex')}`;
const databaseUrl = serverUrl ? Object.assign(new URL(serverUrl), { pathname: `/${databaseName}` }).toString() : '';
const eligo = (...args: string[]) => spawnSync('bin/eligo', args, { encoding: 'utf8', env: { ...process.env, ELIGO_DATA_DIR: dir, DATABASE_URL: databaseUrl } });
let eligible = '';
let ineligible = '';

before(async () => {
  if (serverUrl) await adminQuery(serverUrl, `create database ${databaseName}`);
  const database = await openEligo({ location: serverUrl ? { kind: 'postgres', url: databaseUrl } : { kind: 'pglite', dataDir: join(dir, 'pglite') } });
  try {
    const services = servicesAt(await installTestStudies(database.db));
    const coordinator = coordinatorAt(SITE_A);
    eligible = (await services.screening.startScreening(coordinator, screeningInput(SITE_A, 'eligible'))).subjectNumber;
    ineligible = (await services.screening.startScreening(coordinator, screeningInput(SITE_A, 'ineligible'))).subjectNumber;
    await services.consent.recordConsent(coordinator, signedConsent(eligible));
    await services.consent.recordConsent(coordinator, signedConsent(ineligible));
  } finally {
    await database.close();
  }
});
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (serverUrl) await adminQuery(serverUrl, `drop database if exists ${databaseName} with (force)`);
});

test('screening list: JSON page and a readable table, without identifying details', () => {
  const run = eligo('screening', 'list', '--study', STUDY, '--site', SITE_A, '--json');
  assert.equal(run.status, 0, run.stderr);
  const page = JSON.parse(run.stdout);
  assert.equal(page.total, 2);
  assert.deepEqual(page.items.map((item: { subjectNumber: string }) => item.subjectNumber).sort(), [eligible, ineligible].sort());
  const table = eligo('screening', 'list', '--study', STUDY);
  assert.equal(table.status, 0, table.stderr);
  assert.match(table.stdout, new RegExp(`${eligible} +2026-08-31 +eligible +pending`));
  for (const output of [run.stdout, table.stdout]) assert.ok(!output.includes(screeningInput(SITE_A).identity.name));
});

test('enroll: randomized once, refused the second time; ineligible needs --override-reason', () => {
  const first = eligo('enroll', '--study', STUDY, '--subject', eligible, '--json');
  assert.equal(first.status, 0, first.stderr);
  const view = JSON.parse(first.stdout);
  assert.ok(['UCB_MSC', 'CSA'].includes(view.arm));
  assert.deepEqual(view.strata, { site: SITE_A, severity: 'SAA' });
  const again = eligo('enroll', '--study', STUDY, '--subject', eligible);
  assert.notEqual(again.status, 0);
  assert.equal(again.stdout, '');
  assert.match(again.stderr, /already enrolled/);
  const refused = eligo('enroll', '--study', STUDY, '--subject', ineligible);
  assert.notEqual(refused.status, 0);
  assert.match(refused.stderr, /ineligible/);
  const overridden = eligo('enroll', '--study', STUDY, '--subject', ineligible, '--override-reason', 'repeat HIV test negative');
  assert.equal(overridden.status, 0, overridden.stderr);
  assert.match(overridden.stdout, new RegExp(`^${ineligible} enrolled: arm (UCB_MSC|CSA); strata .*; eligibility overridden`));
  const malformed = eligo('enroll', '--study', STUDY, '--subject', 'TA01-7');
  assert.notEqual(malformed.status, 0);
  assert.match(malformed.stderr, /subject/);
});
