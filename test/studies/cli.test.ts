// bin/eligo study … and audit … as child processes on a database directory (PGlite) and on the
// PostgreSQL server: the operator sees every study and site; audit verify exits 0 on an intact chain
// and EXIT_AUDIT_BROKEN naming the entry after each kind of tampering done as the database owner.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openEligo } from '../../src/runtime.ts';
import type { Database } from '../../src/store/database.ts';
import { EXIT_AUDIT_BROKEN } from '../../src/cli/errors.ts';
import { adminQuery } from '../support/databases.ts';
import { asOwner } from './support.ts';

interface Location {
  name: string;
  env: Record<string, string>;
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

const locations: Location[] = [];
const directory = mkdtempSync(join(tmpdir(), 'eligo-audit-cli-'));
const outputs = mkdtempSync(join(tmpdir(), 'eligo-audit-out-'));
locations.push({
  name: 'pglite',
  env: { ELIGO_DATA_DIR: directory },
  open: () => openEligo({ location: { kind: 'pglite', dataDir: join(directory, 'pglite') } }),
  dispose: async () => rmSync(directory, { recursive: true, force: true }),
});
const serverUrl = process.env.TEST_DATABASE_URL;
if (serverUrl) {
  const name = `eligo_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  locations.push({
    name: 'postgres',
    env: { DATABASE_URL: url.toString() },
    open: () => openEligo({ location: { kind: 'postgres', url: url.toString(), poolSize: 2 } }),
    dispose: () => adminQuery(serverUrl, `drop database if exists ${name} with (force)`),
  });
  await adminQuery(serverUrl, `create database ${name}`);
}

for (const location of locations) {
  describe(`${location.name}: eligo study and eligo audit`, () => {
    const { DATABASE_URL: _url, ELIGO_DATA_DIR: _dir, ...baseEnv } = process.env;
    const eligo = (...args: string[]) => spawnSync('bin/eligo', args, { encoding: 'utf8', env: { ...baseEnv, LOG_LEVEL: 'warn', ...location.env } });
    /** Opens the database in this process, works on it, and closes it (the PGlite directory has one owner at a time). */
    const withDatabase = async (work: (database: Database) => Promise<unknown>) => {
      const database = await location.open();
      try {
        await work(database);
      } finally {
        await database.close();
      }
    };
    const idAt = async (database: Database, seq: number) => (await database.db.selectFrom('audit_event').select('id').where('seq', '=', seq).executeTakeFirstOrThrow()).id;
    let entries = 0;

    before(async () => {
      await withDatabase(async (database) => {
        entries = Number((await database.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      });
    });
    after(async () => {
      await location.dispose();
      rmSync(join(outputs, location.name), { recursive: true, force: true });
    });

    test('study list, show and sites print the shipped studies, as text and as JSON', () => {
      const list = eligo('study', 'list', '--json');
      assert.equal(list.status, 0, list.stderr);
      assert.deepEqual(JSON.parse(list.stdout).map((s: any) => [s.studyId, s.siteCount]), [['NCT03055078', 1], ['NCT05794425', 31]]);
      assert.match(eligo('study', 'list').stdout, /^STUDY +DESIGN +PROTOCOL +SITES +TITLE\nNCT03055078 +single_group +v1 +1 /);
      const show = eligo('study', 'show', 'NCT05794425');
      assert.equal(show.status, 0, show.stderr);
      assert.match(show.stdout, /strata +site × diagnosisGroup \[AA\/OTHER_BMF\] × severity \[SAA\/NSAA\]/);
      assert.match(show.stdout, /dosing +CSA: .*\[3–5 mg\/kg\/d\]/);
      assert.equal(JSON.parse(eligo('study', 'show', 'NCT03055078', '--json').stdout).protocol.arms.length, 2);
      const sites = JSON.parse(eligo('study', 'sites', 'NCT05794425', '--json').stdout);
      assert.equal(sites.length, 31);
      assert.match(eligo('study', 'sites', 'NCT05794425').stdout, /\nQL01\* +active 2023-08-01 +0 +Jinan, Shandong +Shandong Qilu Stem Cells Engineering Co\., Ltd\. +山东省齐鲁干细胞工程有限公司/);
      const missing = eligo('study', 'show', 'NCT09999999');
      assert.equal(missing.status, 2);
      assert.equal(missing.stderr, 'eligo: no study "NCT09999999"\n');
      assert.equal(eligo('study', 'show', 'nct1').status, 2);
    });

    test('audit list and export: filtered, as a table, JSON, JSON Lines and CSV (to a private file)', () => {
      const list = eligo('audit', 'list', '--study', 'NCT05794425', '--type', 'site', '--limit', '5', '--json');
      assert.equal(list.status, 0, list.stderr);
      const page = JSON.parse(list.stdout);
      assert.equal(page.total, 31);
      assert.equal(page.items.length, 5);
      const text = eligo('audit', 'list', '--study', 'NCT05794425', '--site', 'JN02');
      assert.match(text.stdout, /^ID +AT +USER +ACTION +RECORD +SITE +CHANGE\n\d+ +\S+ +system +create +site NCT05794425\/JN02 +JN02 /);
      assert.match(text.stdout, /1–1 of 1, newest first\n$/);
      const jsonl = eligo('audit', 'export', '--study', 'NCT03055078');
      assert.equal(jsonl.status, 0, jsonl.stderr);
      assert.deepEqual(jsonl.stdout.trimEnd().split('\n').map((line) => JSON.parse(line).recordType), ['study', 'study_protocol', 'site']);
      mkdirSync(join(outputs, location.name), { recursive: true });
      const out = join(outputs, location.name, 'audit.csv');
      const csv = eligo('audit', 'export', '--study', 'NCT05794425', '--format', 'csv', '--out', out);
      assert.equal(csv.status, 0, csv.stderr);
      assert.equal(csv.stdout, '');
      assert.match(csv.stderr, /^wrote \d+ bytes to /);
      const rows = readFileSync(out, 'utf8').split('\r\n').filter(Boolean);
      assert.equal(rows.length, 34, 'a header and 33 entries');
      assert.equal(statSync(out).mode & 0o777, 0o600);
      assert.equal(eligo('audit', 'export', '--study', 'NCT05794425', '--format', 'xml').status, 2);
      assert.equal(eligo('audit', 'list', '--study', 'NCT05794425', '--site', 'ZZ99').status, 2);
      assert.equal(eligo('audit', 'list', '--study', 'NCT05794425', '--limit', '0').status, 2);
      assert.match(eligo('audit', 'list').stderr, /--study/);
      const unwritable = eligo('audit', 'export', '--study', 'NCT05794425', '--out', join(outputs, 'no-such-dir', 'x.csv'));
      assert.equal(unwritable.status, 2);
      assert.match(unwritable.stderr, /^eligo: --out .*x\.csv: ENOENT\n$/);
    });

    test('audit verify: exit 0 on the intact chain, then names each tampered entry and exits non-zero', async () => {
      const intact = eligo('audit', 'verify');
      assert.equal(intact.status, 0, intact.stderr);
      assert.equal(intact.stdout, `audit chain intact: ${entries} entries\n`);
      assert.deepEqual(JSON.parse(eligo('audit', 'verify', '--json').stdout), { intact: true, entries });

      const broken = (expected: { id: number; position: number; how: string }) => {
        const run = eligo('audit', 'verify');
        assert.equal(run.status, EXIT_AUDIT_BROKEN, run.stderr);
        assert.notEqual(EXIT_AUDIT_BROKEN, 1, 'exit 1 is the code of a bug');
        assert.equal(run.stdout, '');
        assert.match(run.stderr, new RegExp(`^eligo: audit chain broken at entry #${expected.id} \\(position ${expected.position}\\): ${expected.how} — .+\\n$`));
        const json = eligo('audit', 'verify', '--json');
        assert.equal(json.status, EXIT_AUDIT_BROKEN);
        assert.deepEqual({ ...JSON.parse(json.stdout).broken, detail: undefined }, { ...expected, detail: undefined });
      };

      // Altered: a site's name changed in its audit entry.
      let id = 0;
      let saved: any;
      await withDatabase(async (database) => {
        id = await idAt(database, 7);
        saved = await database.db.selectFrom('audit_event').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        await asOwner(database.db, (tx) => sql`update audit_event set new_value = jsonb_set(new_value, '{nameEn}', '"Another Hospital"') where id = ${id}`.execute(tx));
      });
      broken({ id, position: 7, how: 'altered' });
      await withDatabase((database) => asOwner(database.db, (tx) => tx.updateTable('audit_event').set({ new_value: JSON.stringify(saved.new_value) }).where('id', '=', id).execute()));
      assert.equal(eligo('audit', 'verify').status, 0);

      // Removed from the middle, then from the end.
      let next = 0;
      await withDatabase(async (database) => {
        next = await idAt(database, 13);
        saved = await database.db.selectFrom('audit_event').selectAll().where('seq', '=', 12).executeTakeFirstOrThrow();
        await asOwner(database.db, (tx) => tx.deleteFrom('audit_event').where('seq', '=', 12).execute());
      });
      broken({ id: next, position: 12, how: 'removed' });
      await withDatabase((database) => asOwner(database.db, (tx) => tx.insertInto('audit_event').values(saved).execute()));
      await withDatabase(async (database) => {
        next = await idAt(database, entries - 1);
        saved = await database.db.selectFrom('audit_event').selectAll().where('seq', '=', entries).executeTakeFirstOrThrow();
        await asOwner(database.db, (tx) => tx.deleteFrom('audit_event').where('seq', '=', entries).execute());
      });
      broken({ id: next, position: entries, how: 'removed' });
      await withDatabase((database) => asOwner(database.db, (tx) => tx.insertInto('audit_event').values(saved).execute()));
      assert.equal(eligo('audit', 'verify').status, 0);

      // Inserted: a forged entry after the last one.
      await withDatabase(async (database) => {
        const last = await database.db.selectFrom('audit_event').selectAll().where('seq', '=', entries).executeTakeFirstOrThrow();
        const { id: _id, ...copy } = last;
        id = (await database.db.insertInto('audit_event').values({ ...copy, seq: entries + 1, prev_hash: last.hash, reason: 'forged' }).returning('id').executeTakeFirstOrThrow()).id;
      });
      broken({ id, position: entries + 1, how: 'inserted' });
      await withDatabase((database) => asOwner(database.db, (tx) => tx.deleteFrom('audit_event').where('id', '=', id).execute()));
      assert.equal(eligo('audit', 'verify').stdout, `audit chain intact: ${entries} entries\n`);
    });
  });
}
