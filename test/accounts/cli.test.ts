// bin/eligo user … and token … as child processes against a fresh database of each backend (a PGlite
// data directory, and PostgreSQL when TEST_DATABASE_URL is set): the password only from stdin, the token
// alone on stdout, bad input named by its flag with exit code 2 and nothing written, every change audited.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { accountServiceOf } from '../../src/conduct/accounts/for-stores.ts';
import { openEligo } from '../../src/runtime.ts';
import type { DatabaseLocation } from '../../src/store/database.ts';
import { createStores } from '../../src/store/index.ts';
import { adminQuery } from '../support/databases.ts';

interface CliBackend {
  name: string;
  env: Record<string, string>;
  location: DatabaseLocation;
  dispose(): Promise<void>;
}

function cliBackends(): Array<() => CliBackend> {
  const backends: Array<() => CliBackend> = [
    () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'eligo-cli-accounts-'));
      return { name: 'pglite', env: { ELIGO_DATA_DIR: dataDir, DATABASE_URL: '' }, location: { kind: 'pglite', dataDir: join(dataDir, 'pglite') }, dispose: async () => rmSync(dataDir, { recursive: true, force: true }) };
    },
  ];
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    backends.push(() => {
      const name = `eligo_test_cli_${process.pid}_${randomBytes(4).toString('hex')}`;
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      return { name: 'postgres', env: { DATABASE_URL: url.toString() }, location: { kind: 'postgres', url: url.toString(), poolSize: 2 }, create: () => adminQuery(serverUrl, `create database ${name}`), dispose: () => adminQuery(serverUrl, `drop database if exists ${name} with (force)`) } as CliBackend & { create(): Promise<void> };
    });
  }
  return backends;
}

const PASSWORD = 'correct horse battery';

for (const makeBackend of cliBackends()) {
  const backend = makeBackend() as CliBackend & { create?: () => Promise<void> };
  describe(`${backend.name}: eligo user and token`, () => {
    const eligo = (args: string[], input?: string) => spawnSync('bin/eligo', args, { encoding: 'utf8', input: input ?? '', env: { ...process.env, ...backend.env } });
    const ok = (args: string[], input?: string) => {
      const run = eligo(args, input);
      assert.equal(run.status, 0, `eligo ${args.join(' ')}: ${run.stderr}`);
      return run;
    };
    const refused = (args: string[], pattern: RegExp, input?: string) => {
      const run = eligo(args, input);
      assert.equal(run.status, 2, `eligo ${args.join(' ')} should exit 2: ${run.stdout} ${run.stderr}`);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, pattern);
      assert.equal(run.stderr.trim().split('\n').length, 1, 'one line on stderr');
      return run;
    };
    const users = () => JSON.parse(ok(['user', 'list', '--json']).stdout).users as Array<{ username: string; displayName: string; isSystemAdmin: boolean; disabled: boolean; lockedUntil: string | null; grants: Array<{ id: number; role: string; studyId: string; siteCode: string | null; canViewAllocation: boolean }> }>;
    const userNamed = (username: string) => users().find((user) => user.username === username);
    /** Opens the database in this process (the commands have exited and released it). */
    async function inDatabase<T>(work: (database: Awaited<ReturnType<typeof openEligo>>) => Promise<T>): Promise<T> {
      const database = await openEligo({ location: backend.location });
      try {
        return await work(database);
      } finally {
        await database.close();
      }
    }

    before(async () => backend.create?.());
    after(() => backend.dispose());

    test('user add reads the password from stdin; the user signs in with it; list shows users and grants', { timeout: 600_000 }, async () => {
      ok(['user', 'add', '--username', 'root', '--system-admin', '--display-name', 'Installation admin', '--password-stdin'], `${PASSWORD}\n`);
      const added = ok(['user', 'add', '--username', 'coord', '--role', 'coordinator', '--study', 'NCT05794425', '--site', 'PUMCH', '--password-stdin'], `${PASSWORD}-2\n`);
      assert.match(added.stdout, /^created coord .*coordinator NCT05794425\/PUMCH/);
      assert.equal(added.stdout.includes(PASSWORD), false, 'the password is never printed');
      const listed = users();
      assert.deepEqual(listed.map((user) => [user.username, user.isSystemAdmin, user.displayName]).sort(), [['coord', false, 'coord'], ['root', true, 'Installation admin']]);
      assert.deepEqual(userNamed('coord')!.grants.map((grant) => [grant.role, grant.studyId, grant.siteCode, grant.canViewAllocation]), [['coordinator', 'NCT05794425', 'PUMCH', false]]);
      assert.match(ok(['user', 'list']).stdout, /^coord \(coord, id \d+\): #\d+ coordinator NCT05794425\/PUMCH$/m);
      await inDatabase(async (database) => {
        const accounts = accountServiceOf(createStores(database.db));
        // The trailing line break of stdin is not part of the password.
        assert.equal((await accounts.signIn('coord', `${PASSWORD}-2`)).user.username, 'coord');
        const audit = await sql<{ action: string; username: string; via: string; user_id: number | null }>`select action, username, via, user_id from audit_event order by seq`.execute(database.db);
        assert.deepEqual(audit.rows.filter((row) => row.action !== 'session.create').map((row) => row.action), ['user.create', 'user.create', 'grant.create']);
        for (const row of audit.rows.filter((r) => r.action !== 'session.create')) {
          assert.equal(row.via, 'cli');
          assert.equal(row.user_id, null);
          assert.match(row.username, /^cli:/);
        }
      });
    });

    test('bad input names the flag and the value, exits 2 and writes nothing', { timeout: 600_000 }, async () => {
      const before = await inDatabase(async (database) => Number((await sql<{ n: string }>`select count(*) as n from audit_event`.execute(database.db)).rows[0].n));
      refused(['user', 'add', '--username', 'nurse1', '--role', 'nurse', '--study', 'NCT05794425', '--site', 'PUMCH', '--password-stdin'], /^eligo: --role: .*sponsor_admin.*\(got "nurse"\)/, `${PASSWORD}\n`);
      refused(['user', 'add', '--username', 'nurse1', '--role', 'coordinator', '--study', 'NCT05794425', '--password-stdin'], /^eligo: --site: the role coordinator works at one site/, `${PASSWORD}\n`);
      const weak = refused(['user', 'add', '--username', 'nurse1', '--role', 'monitor', '--study', 'NCT05794425', '--password-stdin'], /^eligo: --password-stdin: expected at least 12 characters \(got 6\)/, 'short1\n');
      assert.equal(weak.stderr.includes('short1'), false, 'the password is not echoed');
      refused(['user', 'add', '--username', 'nurse1', '--role', 'monitor', '--study', 'NCT05794425'], /^eligo: --password-stdin: required; the password is read from standard input/);
      refused(['user', 'add', '--username', 'nurse1', '--role', 'monitor', '--password-stdin'], /^eligo: --study: required with --role monitor/, `${PASSWORD}\n`);
      refused(['user', 'add', '--username', 'nurse1', '--role', 'monitor', '--study', 'NCT99999999', '--password-stdin'], /^eligo: --study: no study "NCT99999999"/, `${PASSWORD}\n`);
      refused(['user', 'add', '--username', 'coord', '--role', 'monitor', '--study', 'NCT05794425', '--password-stdin'], /^eligo: .*coord/i, `${PASSWORD}\n`);
      refused(['user', 'add', '--username', 'x', '--role', 'monitor', '--study', 'NCT05794425', '--password-stdin'], /^eligo: --username: 3 to 64 letters, digits or \. _ @ - \(got "x"\)/, `${PASSWORD}\n`);
      refused(['user', 'grant', '--username', 'nobody', '--role', 'monitor', '--study', 'NCT05794425'], /^eligo: --username: no user "nobody"/);
      refused(['user', 'grant', '--username', 'coord', '--role', 'investigator', '--study', 'NCT05794425'], /^eligo: --site: the role investigator works at one site/);
      refused(['token', 'create', '--username', 'nobody'], /^eligo: --username: no user "nobody"/);
      refused(['token', 'revoke', '--id', 'abc'], /^eligo: --id: expected a positive whole number \(got "abc"\)/);
      refused(['user', 'revoke', '--id', '9999'], /^eligo: --id: no grant 9999/);
      assert.equal(userNamed('nurse1'), undefined);
      const afterwards = await inDatabase(async (database) => Number((await sql<{ n: string }>`select count(*) as n from audit_event`.execute(database.db)).rows[0].n));
      assert.equal(afterwards, before, 'no audit entry, so nothing was written');
    });

    test('grant and revoke a grant (by role, study and site, or by id); disable, enable and unlock', { timeout: 600_000 }, () => {
      assert.match(ok(['user', 'grant', '--username', 'coord', '--role', 'monitor', '--study', 'NCT05794425', '--allocation']).stdout, /^granted coord #\d+ monitor NCT05794425 \(all sites\) \+allocation\n$/);
      ok(['user', 'grant', '--username', 'coord', '--role', 'investigator', '--study', 'NCT03055078', '--site', 'HB01']);
      assert.deepEqual(userNamed('coord')!.grants.map((grant) => `${grant.role} ${grant.studyId} ${grant.siteCode} ${grant.canViewAllocation}`).sort(), ['coordinator NCT05794425 PUMCH false', 'investigator NCT03055078 HB01 false', 'monitor NCT05794425 null true']);
      assert.match(ok(['user', 'revoke', '--username', 'coord', '--role', 'monitor', '--study', 'NCT05794425']).stdout, /^revoked #\d+ monitor NCT05794425/);
      refused(['user', 'revoke', '--username', 'coord', '--role', 'monitor', '--study', 'NCT05794425'], /no grant of coord "monitor NCT05794425"/);
      const investigator = userNamed('coord')!.grants.find((grant) => grant.role === 'investigator')!;
      ok(['user', 'revoke', '--id', String(investigator.id)]);
      refused(['user', 'revoke', '--id', String(investigator.id)], /already revoked/);
      assert.deepEqual(userNamed('coord')!.grants.map((grant) => grant.role), ['coordinator']);
      assert.match(ok(['user', 'disable', '--username', 'coord']).stdout, /^disabled coord\n$/);
      assert.equal(userNamed('coord')!.disabled, true);
      ok(['user', 'enable', '--username', 'coord']);
      assert.equal(userNamed('coord')!.disabled, false);
      assert.match(ok(['user', 'unlock', '--username', 'coord']).stdout, /^unlocked coord\n$/);
    });

    test('token create prints only the token, once; it authenticates until revoked; list never shows it', { timeout: 600_000 }, async () => {
      const created = ok(['token', 'create', '--username', 'coord', '--name', 'nightly export']);
      const lines = created.stdout.split('\n').filter(Boolean);
      assert.equal(lines.length, 1, 'nothing but the token on stdout');
      const token = lines[0];
      assert.match(token, /^eligo_[A-Za-z0-9_-]{20,}$/);
      assert.match(created.stderr, /shown this once/);
      const listed = ok(['token', 'list', '--username', 'coord']);
      assert.match(listed.stdout, /"nightly export"/);
      assert.equal(listed.stdout.includes(token), false);
      const [tokenInfo] = JSON.parse(ok(['token', 'list', '--username', 'coord', '--json']).stdout).tokens;
      assert.equal(JSON.stringify(tokenInfo).includes(token), false);
      assert.ok(token.startsWith(tokenInfo.prefix));
      const resolve = () => inDatabase(async (database) => (await accountServiceOf(createStores(database.db)).resolveApiToken(token))?.user.username);
      assert.equal(await resolve(), 'coord');
      assert.match(ok(['token', 'revoke', '--id', String(tokenInfo.id)]).stdout, /^revoked #\d+ .*revoked /);
      assert.equal(await resolve(), undefined);
    });
  });
}
