// Start-up of a CLI command on a database that is already current: openEligo recognises it with one
// query and skips the migrator and the seed loaders; when the stamp does not match (new migration or
// seed files) it runs them again. On every backend.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEligo } from '../../src/runtime.ts';
import type { DatabaseLocation } from '../../src/store/database.ts';
import { migrations } from '../../src/store/migrations/index.ts';
import { adminQuery as admin } from '../support/databases.ts';


const locations: Array<{ name: string; location: () => Promise<DatabaseLocation>; dispose: () => Promise<void> }> = [];
const directory = mkdtempSync(join(tmpdir(), 'eligo-startup-'));
locations.push({ name: 'pglite', location: async () => ({ kind: 'pglite', dataDir: join(directory, 'pglite') }), dispose: async () => rmSync(directory, { recursive: true, force: true }) });
const serverUrl = process.env.TEST_DATABASE_URL;
if (serverUrl) {
  const name = `eligo_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  locations.push({
    name: 'postgres',
    location: async () => ({ kind: 'postgres', url: url.toString(), poolSize: 2 }),
    dispose: () => admin(serverUrl, `drop database if exists ${name} with (force)`),
  });
  await admin(serverUrl, `create database ${name}`);
}

for (const backend of locations) {
  describe(`start-up on ${backend.name}`, () => {
    after(() => backend.dispose());
    const seedRuleSets = async () => {
      const database = await openEligo({ location: await backend.location() });
      try {
        return (await database.db.selectFrom('eligibility_rule_set').select('nct_id').where('source', '=', 'seed').execute()).length;
      } finally {
        await database.close();
      }
    };

    test('a current database skips migrations and seeding; a changed stamp runs them again', async () => {
      assert.equal(await seedRuleSets(), 2, 'a new database is migrated and seeded');
      const database = await openEligo({ location: await backend.location() });
      const stamp = await database.db.selectFrom('eligo_meta').select('value').where('key', '=', 'eligo.startup').executeTakeFirst();
      assert.equal(stamp?.value.split(' ')[0], Object.keys(migrations).sort().at(-1));
      // Seed rule sets removed behind Eligo's back stay removed while the stamp matches: nothing was re-run.
      await database.db.deleteFrom('eligibility_rule_set').where('source', '=', 'seed').execute();
      await database.close();
      assert.equal(await seedRuleSets(), 0);
      const again = await openEligo({ location: await backend.location() });
      await again.db.updateTable('eligo_meta').set({ value: '003_eligibility old-seeds' }).where('key', '=', 'eligo.startup').execute();
      await again.close();
      assert.equal(await seedRuleSets(), 2, 'a stale stamp re-runs the seed loaders');
    });

    test('a re-run of the seed loaders with unchanged seed files stores no new rule-set version', async () => {
      const database = await openEligo({ location: await backend.location() });
      await database.db.updateTable('eligo_meta').set({ value: '003_eligibility old-seeds' }).where('key', '=', 'eligo.startup').execute();
      await database.close();
      assert.equal(await seedRuleSets(), 2, 'still one seed version per trial');
      const reopened = await openEligo({ location: await backend.location() });
      try {
        const versions = await reopened.db.selectFrom('eligibility_rule_set').select(['nct_id', 'version']).orderBy('nct_id').execute();
        assert.deepEqual(versions.map((row) => [row.nct_id, row.version]), [['NCT03055078', 1], ['NCT05794425', 1]]);
      } finally {
        await reopened.close();
      }
    });
  });
}
